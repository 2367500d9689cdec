// The one includer of <pg_query.h> (ARCHITECTURE.md 9.1.5): RAII over libpg_query's result structs, a small
// reader for the JSON parse tree libpg_query produces (nlohmann is reserved for snapshot/), a decoder for the
// protobuf scan result (protobuf-c headers are not installed, and the message is four varint fields), and
// deparse helpers. It knows nothing about schemas; a change of grammar version touches only this file and
// the transform_*.cpp files.
#include "dialect/postgres/pg_query_api.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <stdexcept>

namespace sleet::pg {

static_assert(PG_VERSION_NUM / 10000 == 15, "sleet's transformer is written against the PostgreSQL 15 grammar");

namespace {

const ParseNode kNullNode{};
const std::string kEmpty;

// --- RAII wrappers -------------------------------------------------------------------------------------

struct ParseResultGuard {
  PgQueryParseResult result;
  ~ParseResultGuard() { pg_query_free_parse_result(result); }
};
struct ProtobufResultGuard {
  PgQueryProtobufParseResult result;
  ~ProtobufResultGuard() { pg_query_free_protobuf_parse_result(result); }
};
struct ScanResultGuard {
  PgQueryScanResult result;
  ~ScanResultGuard() { pg_query_free_scan_result(result); }
};
struct DeparseResultGuard {
  PgQueryDeparseResult result;
  ~DeparseResultGuard() { pg_query_free_deparse_result(result); }
};

// --- parse tree storage and JSON reader (input is libpg_query's own output, so it is well formed; errors
// still throw) ----------------------------------------------------------------------------------------------

/// Everything a ParseOutput's trees point into: libpg_query's result (the JSON text, which member keys view)
/// and blocks of nodes, each holding the children of some objects and arrays side by side.
struct TreeStorage {
  std::unique_ptr<ParseResultGuard> result;
  std::vector<std::unique_ptr<ParseNode[]>> blocks;
  std::size_t block_used = 0, block_size = 0;

  /// `count` adjacent default nodes that live as long as this storage.
  ParseNode* allocate(std::size_t count) {
    constexpr std::size_t kBlockNodes = 4096;
    if (count > block_size - block_used) {
      std::size_t size = std::max(count, kBlockNodes);
      blocks.push_back(std::make_unique<ParseNode[]>(size));
      block_used = 0;
      block_size = size;
    }
    ParseNode* out = blocks.back().get() + block_used;
    block_used += count;
    return out;
  }
};

class JsonReader {
 public:
  JsonReader(std::string_view text, TreeStorage& storage) : text_(text), storage_(storage) {}

  ParseNode read_document() {
    ParseNode node = read_value(0);
    skip_space();
    if (pos_ != text_.size()) throw std::runtime_error("trailing data in parse tree");
    return node;
  }

 private:
  static constexpr int kMaxDepth = 2000;

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\t' || text_[pos_] == '\r')) ++pos_;
  }
  char peek() {
    skip_space();
    if (pos_ >= text_.size()) throw std::runtime_error("unexpected end of parse tree");
    return text_[pos_];
  }
  void expect(char ch) {
    if (peek() != ch) throw std::runtime_error("malformed parse tree");
    ++pos_;
  }

  /// Moves the children gathered on the scratch stack since `mark` into storage, side by side.
  std::span<const ParseNode> take_children(std::size_t mark) {
    std::size_t count = stack_.size() - mark;
    ParseNode* out = storage_.allocate(count);
    std::move(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end(), out);
    stack_.resize(mark);
    return {out, count};
  }

  /// A member key: a view of the JSON text (libpg_query's keys are plain identifiers, never escaped).
  std::string_view read_key() {
    expect('"');
    std::size_t run_end = string_run_end();
    if (run_end >= text_.size() || text_[run_end] != '"') throw std::runtime_error("unexpected key in parse tree");
    std::string_view key = text_.substr(pos_, run_end - pos_);
    pos_ = run_end + 1;
    return key;
  }

  ParseNode read_value(int depth) {
    if (depth > kMaxDepth) throw std::runtime_error("parse tree too deep");
    ParseNode node;
    char ch = peek();
    if (ch == '{' || ch == '[') {
      bool object = ch == '{';
      char close = object ? '}' : ']';
      node.kind = object ? ParseNode::Kind::Object : ParseNode::Kind::Array;
      ++pos_;
      if (peek() == close) {
        ++pos_;
        return node;
      }
      const std::size_t mark = stack_.size();
      while (true) {
        std::string_view key;
        if (object) {
          key = read_key();
          expect(':');
        }
        ParseNode value = read_value(depth + 1);
        value.key = key;
        stack_.push_back(std::move(value));
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        expect(close);
        node.children = take_children(mark);
        return node;
      }
    }
    if (ch == '"') {
      node.kind = ParseNode::Kind::String;
      node.text = read_string();
      return node;
    }
    if (text_.compare(pos_, 4, "true") == 0) {
      node.kind = ParseNode::Kind::Bool;
      node.boolean = true;
      pos_ += 4;
      return node;
    }
    if (text_.compare(pos_, 5, "false") == 0) {
      node.kind = ParseNode::Kind::Bool;
      pos_ += 5;
      return node;
    }
    if (text_.compare(pos_, 4, "null") == 0) {
      pos_ += 4;
      return node;
    }
    std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '-' ||
                                   text_[pos_] == '+' || text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E'))
      ++pos_;
    if (start == pos_) throw std::runtime_error("malformed parse tree");
    node.kind = ParseNode::Kind::Number;
    node.text = std::string(text_.substr(start, pos_ - start));
    return node;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::uint32_t read_hex4() {
    if (pos_ + 4 > text_.size()) throw std::runtime_error("bad escape in parse tree");
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9') value |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') value |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') value |= static_cast<std::uint32_t>(c - 'A' + 10);
      else throw std::runtime_error("bad escape in parse tree");
    }
    return value;
  }

  /// Position of the first '"' or '\\' at or after pos_ (text_.size() when none).
  std::size_t string_run_end() const {
    std::size_t i = pos_;
    while (i < text_.size() && text_[i] != '"' && text_[i] != '\\') ++i;
    return i;
  }

  std::string read_string() {
    expect('"');
    std::size_t run_end = string_run_end();
    if (run_end < text_.size() && text_[run_end] == '"') {  // no escapes: the common case, copied at once
      std::string out(text_.substr(pos_, run_end - pos_));
      pos_ = run_end + 1;
      return out;
    }
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) throw std::runtime_error("unterminated string in parse tree");
      char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) throw std::runtime_error("bad escape in parse tree");
      char e = text_[pos_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          std::uint32_t cp = read_hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && pos_ + 6 <= text_.size() && text_[pos_] == '\\' && text_[pos_ + 1] == 'u') {
            pos_ += 2;
            std::uint32_t low = read_hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: out += e; break;
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  TreeStorage& storage_;
  std::vector<ParseNode> stack_;  ///< children of the containers being read, innermost last
};

// --- protobuf wire format, just enough for ScanResult ----------------------------------------------------

class WireReader {
 public:
  WireReader(const char* data, std::size_t size) : data_(reinterpret_cast<const unsigned char*>(data)), size_(size) {}
  bool done() const { return pos_ >= size_; }
  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= size_) throw std::runtime_error("truncated scan result");
      unsigned char byte = data_[pos_++];
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return value;
    }
    throw std::runtime_error("bad varint in scan result");
  }
  WireReader sub() {
    std::uint64_t len = varint();
    if (len > size_ - pos_) throw std::runtime_error("truncated scan result");
    WireReader inner(reinterpret_cast<const char*>(data_ + pos_), static_cast<std::size_t>(len));
    pos_ += static_cast<std::size_t>(len);
    return inner;
  }
  void skip(std::uint64_t wire_type) {
    switch (wire_type) {
      case 0: varint(); break;
      case 1: pos_ += 8; break;
      case 2: sub(); break;
      case 5: pos_ += 4; break;
      default: throw std::runtime_error("unknown wire type in scan result");
    }
  }

 private:
  const unsigned char* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

// Token numbers of libpg_query's pg_query.proto (enum Token) that matter here.
constexpr std::uint64_t kTokenIdent = 258;
constexpr std::uint64_t kTokenUIdent = 259;
constexpr std::uint64_t kTokenFConst = 260;
constexpr std::uint64_t kTokenSConst = 261;
constexpr std::uint64_t kTokenXConstLast = 264;  // USCONST, BCONST, XCONST are strings too
constexpr std::uint64_t kTokenOp = 265;
constexpr std::uint64_t kTokenIConst = 266;
constexpr std::uint64_t kTokenNotEquals = 274;

Token to_token(std::uint64_t start, std::uint64_t end, std::uint64_t token, std::uint64_t keyword_kind) {
  Token out;
  out.start = static_cast<std::size_t>(start);
  out.end = static_cast<std::size_t>(end);
  if (keyword_kind != 0) {
    out.kind = Token::Kind::Keyword;
  } else if (token < 256) {
    out.kind = Token::Kind::Punct;
    out.punct = static_cast<char>(token);
  } else if (token == kTokenIdent || token == kTokenUIdent) {
    out.kind = Token::Kind::Identifier;
  } else if (token >= kTokenSConst && token <= kTokenXConstLast) {
    out.kind = Token::Kind::String;
  } else if (token == kTokenFConst || token == kTokenIConst) {
    out.kind = Token::Kind::Number;
  } else if (token == kTokenOp || (token > kTokenIConst && token <= kTokenNotEquals)) {
    out.kind = Token::Kind::Operator;
  }
  return out;
}

std::size_t char_index_to_byte_offset(const std::string& text, int char_index) {
  // cursorpos is a 1-based character position; the text is UTF-8.
  std::size_t offset = 0;
  int seen = 0;
  while (offset < text.size() && seen < char_index - 1) {
    unsigned char byte = static_cast<unsigned char>(text[offset]);
    std::size_t width = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    offset += width;
    ++seen;
  }
  return std::min(offset, text.size());
}

}  // namespace

// --- ParseNode ---------------------------------------------------------------------------------------------

const ParseNode* ParseNode::get(std::string_view key) const {
  if (kind != Kind::Object) return nullptr;
  for (const ParseNode& member : children) {
    if (member.key == key) return &member;
  }
  return nullptr;
}

const std::string& ParseNode::str(std::string_view key) const {
  const ParseNode* node = get(key);
  return node && node->kind == Kind::String ? node->text : kEmpty;
}

long long ParseNode::integer(std::string_view key, long long fallback) const {
  const ParseNode* node = get(key);
  if (!node || node->kind != Kind::Number) return fallback;
  return std::strtoll(node->text.c_str(), nullptr, 10);
}

bool ParseNode::flag(std::string_view key) const {
  const ParseNode* node = get(key);
  return node && node->kind == Kind::Bool && node->boolean;
}

std::span<const ParseNode> ParseNode::list(std::string_view key) const {
  const ParseNode* node = get(key);
  return node ? node->items() : std::span<const ParseNode>();
}

std::string_view ParseNode::tag() const { return kind == Kind::Object && children.size() == 1 ? children.front().key : ""; }

const ParseNode& ParseNode::body() const {
  return kind == Kind::Object && children.size() == 1 ? children.front() : kNullNode;
}

// --- parser entry points -----------------------------------------------------------------------------------

ParseOutput parse_sql(const std::string& sql) {
  ParseOutput output;
  auto storage = std::make_shared<TreeStorage>();
  storage->result.reset(new ParseResultGuard{pg_query_parse(sql.c_str())});
  const PgQueryParseResult& result = storage->result->result;
  if (result.error) {
    ParseFailure failure;
    failure.message = result.error->message ? result.error->message : "syntax error";
    failure.offset = result.error->cursorpos > 0 ? char_index_to_byte_offset(sql, result.error->cursorpos) : 0;
    output.failure = std::move(failure);
    return output;
  }
  try {
    std::string_view json = result.parse_tree ? result.parse_tree : "{}";
    ParseNode root = JsonReader(json, *storage).read_document();
    for (const ParseNode& raw : root.list("stmts")) {
      ParsedStatement statement;
      statement.location = static_cast<std::size_t>(raw.integer("stmt_location"));
      long long length = raw.integer("stmt_len");
      statement.length =
          length > 0 ? static_cast<std::size_t>(length) : sql.size() - std::min(sql.size(), statement.location);
      if (const ParseNode* tree = raw.get("stmt")) statement.node = *tree;
      output.statements.push_back(std::move(statement));
    }
  } catch (const std::exception& error) {
    output.statements.clear();
    output.failure = ParseFailure{std::string("cannot read the parse tree: ") + error.what(), 0};
    return output;
  }
  output.tree_storage = std::move(storage);
  return output;
}

std::vector<Token> scan_sql(const std::string& sql) {
  std::vector<Token> tokens;
  ScanResultGuard guard{pg_query_scan(sql.c_str())};
  if (guard.result.error) return tokens;
  try {
    WireReader reader(guard.result.pbuf.data, guard.result.pbuf.len);
    while (!reader.done()) {
      std::uint64_t key = reader.varint();
      if ((key >> 3) != 2 || (key & 7) != 2) {
        reader.skip(key & 7);
        continue;
      }
      WireReader token_reader = reader.sub();
      std::uint64_t start = 0, end = 0, token = 0, keyword_kind = 0;
      while (!token_reader.done()) {
        std::uint64_t field = token_reader.varint();
        if ((field & 7) != 0) {
          token_reader.skip(field & 7);
          continue;
        }
        std::uint64_t value = token_reader.varint();
        switch (field >> 3) {
          case 1: start = value; break;
          case 2: end = value; break;
          case 4: token = value; break;
          case 5: keyword_kind = value; break;
          default: break;
        }
      }
      if (end > sql.size() || start > end) continue;
      tokens.push_back(to_token(start, end, token, keyword_kind));
    }
  } catch (const std::exception&) {
    tokens.clear();
  }
  return tokens;
}

std::optional<std::string> deparse_statement(std::string_view statement) {
  std::string text(statement);
  if (text.find('\0') != std::string::npos) return std::nullopt;
  ProtobufResultGuard parsed{pg_query_parse_protobuf(text.c_str())};
  if (parsed.result.error) return std::nullopt;
  DeparseResultGuard deparsed{pg_query_deparse_protobuf(parsed.result.parse_tree)};
  if (deparsed.result.error || !deparsed.result.query) return std::nullopt;
  return std::string(deparsed.result.query);
}

std::optional<std::string> deparse_expression(std::string_view expression) {
  std::string text = "SELECT ";
  text.append(expression);
  std::optional<std::string> deparsed = deparse_statement(text);
  if (!deparsed || deparsed->rfind("SELECT ", 0) != 0) return std::nullopt;
  return deparsed->substr(7);
}

int parser_version_num() { return PG_VERSION_NUM; }

}  // namespace sleet::pg
