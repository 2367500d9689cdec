// load_schema(): run every file through SqliteConnection::run_script into a scratch database, deciding per
// statement (by what SQLite's authorizer says it does) whether to run, skip or warn; remember which
// statement created each object so that introspection notes and problems point at it; then introspect.
#include "dialect/sqlite/load.hpp"

#include "dialect/sqlite/connection.hpp"
#include "dialect/sqlite/introspect.hpp"
#include "dialect/sqlite/sql_text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <optional>

namespace sleet::sqlite {

namespace {

/// Line starts of one file, so that spans cost a binary search rather than a scan from the top.
class LineIndex {
public:
  explicit LineIndex(const SourceFile& file) : file_(file) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < file.text.size(); ++i) {
      if (file.text[i] == '\n') starts_.push_back(i + 1);
    }
  }

  SourceSpan span(std::size_t offset) const {
    offset = std::min(offset, file_.text.size());
    auto next = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const std::size_t start = *(next - 1);
    SourceSpan span;
    span.file = file_.path;
    span.line = static_cast<int>(next - starts_.begin());
    span.column = static_cast<int>(offset - start) + 1;
    std::size_t end = file_.text.find('\n', start);
    if (end == std::string::npos) end = file_.text.size();
    span.source_line = file_.text.substr(start, end - start);
    if (!span.source_line.empty() && span.source_line.back() == '\r') span.source_line.pop_back();
    return span;
  }

private:
  const SourceFile& file_;
  std::vector<std::size_t> starts_;
};

/// "CREATE TRIGGER", "CREATE TEMP TABLE", "PRAGMA", "INSERT": the leading keywords, for messages.
std::string statement_title(const TokenList& tokens) {
  std::string title;
  for (std::size_t i = 0; i < tokens.size() && i < 4 && tokens[i].kind == Token::Kind::Word; ++i) {
    std::string word(tokens.text(i));
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    title += (title.empty() ? "" : " ") + word;
    if (i == 0 && word != "CREATE" && word != "DROP") break;
    if (word == "TABLE" || word == "INDEX" || word == "VIEW" || word == "TRIGGER") break;
  }
  return title.empty() ? std::string("statement") : title;
}

class Loader {
public:
  Loader(SqliteConnection& connection, const LoadOptions& options) : connection_(connection), options_(options) {}

  Result<void> run(const SourceFile& file) {
    const LineIndex lines(file);
    auto decide = [&](const ScriptStatement& statement) { return this->decide(file, lines, statement); };
    std::optional<ScriptError> error = connection_.run_script(file.text, decide);
    if (failure_) return *failure_;
    if (error) return Error(ErrorCode::Parse, error->message, lines.span(error->offset));
    if (!fallback_span_) fallback_span_ = lines.span(0);
    return ok();
  }

  Result<LoadResult> finish() {
    auto model = introspect(connection_);
    if (!model) return std::move(model).error();
    if (!model->problems.empty()) {
      const ObjectNote& problem = model->problems.front();
      Error error(ErrorCode::InvalidSchema, problem.message);
      error.span = origin(problem.object);
      return error;
    }
    for (const ObjectNote& note : model->notes) {
      if (options_.strict) return Error(ErrorCode::Unsupported, note.message, origin(note.object));
      result_.warnings.push_back(LoadWarning{origin(note.object), note.message});
    }
    result_.database = std::move(model->database);
    return std::move(result_);
  }

private:
  ScriptAction decide(const SourceFile& file, const LineIndex& lines, const ScriptStatement& statement) {
    const SourceSpan span = lines.span(statement.begin);
    if (!fallback_span_) fallback_span_ = span;
    const TokenList tokens(std::string_view(file.text).substr(statement.begin, statement.end - statement.begin));
    switch (statement.kind) {
    case StatementKind::CreateTable:
    case StatementKind::CreateIndex:
    case StatementKind::CreateView: origins_[ascii_lower(statement.object)] = span; return ScriptAction::Run;
    case StatementKind::AlterTable: remember_rename(tokens, statement.object, span); return ScriptAction::Run;
    case StatementKind::DropTable:
    case StatementKind::DropIndex:
    case StatementKind::DropView: return ScriptAction::Run;
    case StatementKind::Transaction: return ScriptAction::Skip; // BEGIN/COMMIT around a schema file change nothing
    case StatementKind::CreateTrigger:
    case StatementKind::DropTrigger:
    case StatementKind::CreateVirtualTable:
    case StatementKind::DropVirtualTable:
      // Run so that later statements may name them; they never reach the model.
      return unmanaged(tokens, span, ScriptAction::Run);
    case StatementKind::Temporary:
      // Run as well (a data migration may copy through a TEMP table); `main` is all introspection reads.
      return unmanaged(tokens, span, ScriptAction::Run, " (temporary objects are not part of the schema)");
    case StatementKind::Other:
      // DROP … IF EXISTS of something missing reports no action to the authorizer: a harmless no-op.
      if (tokens.is_word(0, "drop")) return ScriptAction::Run;
      return unmanaged(tokens, span, ScriptAction::Skip);
    case StatementKind::Pragma:
    case StatementKind::Attach:
    case StatementKind::Maintenance:
    case StatementKind::DataChange:
    case StatementKind::Query: return unmanaged(tokens, span, ScriptAction::Skip);
    }
    return unmanaged(tokens, span, ScriptAction::Skip);
  }

  ScriptAction unmanaged(const TokenList& tokens, const SourceSpan& span, ScriptAction otherwise,
                         std::string_view why = "") {
    std::string message = fmt::format("{} is not managed by sleet{}; statement ignored", statement_title(tokens), why);
    if (options_.strict) {
      failure_ = Error(ErrorCode::Unsupported, std::move(message), span);
      return ScriptAction::Stop;
    }
    result_.warnings.push_back(LoadWarning{span, std::move(message)});
    return otherwise;
  }

  /// ALTER TABLE old RENAME TO new: the table's notes now belong to `new`, still made by old's CREATE.
  void remember_rename(const TokenList& tokens, const std::string& table, const SourceSpan& span) {
    for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
      if (tokens.is_word(i, "rename") && tokens.is_word(i + 1, "to") && tokens.is_name(i + 2)) {
        auto previous = origins_.find(ascii_lower(table));
        origins_[ascii_lower(tokens.name(i + 2))] = previous != origins_.end() ? previous->second : span;
        return;
      }
    }
  }

  SourceSpan origin(const std::string& object) const {
    auto found = origins_.find(ascii_lower(object));
    if (found != origins_.end()) return found->second;
    return fallback_span_.value_or(SourceSpan{});
  }

  SqliteConnection& connection_;
  const LoadOptions& options_;
  LoadResult result_;
  std::map<std::string, SourceSpan> origins_; ///< lower-case object name -> the statement that created it
  std::optional<SourceSpan> fallback_span_;
  std::optional<Error> failure_;
};

} // namespace

Result<LoadResult> load_schema(const std::vector<SourceFile>& files, const LoadOptions& options) {
  auto connection = open_scratch();
  if (!connection) return std::move(connection).error();
  Loader loader(**connection, options);
  for (const SourceFile& file : files)
    SLEET_TRY(loader.run(file));
  return loader.finish();
}

} // namespace sleet::sqlite
