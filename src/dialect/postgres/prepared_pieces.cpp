#include "dialect/postgres/prepared_pieces.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace sleet::pg {

namespace {

/// Pieces prepared but not yet taken, at most: bounds the parse trees held in memory.
constexpr std::size_t kLookAhead = 3;

}  // namespace

PreparedPiece prepare_piece(const std::string& text, std::size_t begin, std::size_t end) {
  PreparedPiece piece;
  piece.begin = begin;
  piece.end = end;
  bool whole = begin == 0 && end == text.size();
  std::string copy = whole ? std::string() : text.substr(begin, end - begin);  // libpg_query wants a C string
  const std::string& source = whole ? text : copy;
  piece.parsed = parse_sql(source);
  if (piece.parsed.failure) {
    piece.parsed.failure->offset += begin;
    return piece;
  }
  piece.tokens = scan_sql(source);
  piece.trees.reserve(piece.parsed.statements.size());
  for (ParsedStatement& statement : piece.parsed.statements) piece.trees.push_back(std::move(statement.node));
  return piece;
}

struct PreparedPieces::State {
  const std::string& text;
  std::vector<std::size_t> bounds;  ///< piece i is [bounds[i], bounds[i + 1])
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::optional<PreparedPiece>> ready;
  std::vector<std::exception_ptr> errors;
  std::size_t next_claim = 0;  ///< the next piece nobody has started
  std::size_t taken = 0;       ///< pieces handed to take() so far
  bool stopping = false;
  std::vector<std::thread> threads;

  State(const std::string& source, std::vector<std::size_t> cuts) : text(source) {
    bounds.push_back(0);
    for (std::size_t cut : cuts) bounds.push_back(cut);
    bounds.push_back(source.size());
    ready.resize(bounds.size() - 1);
    errors.resize(bounds.size() - 1);
  }
  std::size_t count() const { return bounds.size() - 1; }

  /// Prepares piece `index` outside the lock and publishes it (or the exception it threw).
  void prepare(std::unique_lock<std::mutex>& lock, std::size_t index) {
    lock.unlock();
    std::optional<PreparedPiece> piece;
    std::exception_ptr error;
    try {
      piece = prepare_piece(text, bounds[index], bounds[index + 1]);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    ready[index] = std::move(piece);
    errors[index] = error;
    changed.notify_all();
  }

  void work() {
    std::unique_lock<std::mutex> lock(mutex);
    while (true) {
      changed.wait(lock, [&] { return stopping || next_claim >= count() || next_claim < taken + kLookAhead; });
      if (stopping || next_claim >= count()) return;
      prepare(lock, next_claim++);
    }
  }
};

PreparedPieces::PreparedPieces(const std::string& text, std::vector<std::size_t> cuts, unsigned workers)
    : state_(std::make_unique<State>(text, std::move(cuts))) {
  workers = static_cast<unsigned>(std::min<std::size_t>(workers, state_->count() > 0 ? state_->count() - 1 : 0));
  for (unsigned i = 0; i < workers; ++i) state_->threads.emplace_back([this] { state_->work(); });
}

PreparedPieces::~PreparedPieces() {
  stop();
  for (std::thread& thread : state_->threads) thread.join();
}

std::size_t PreparedPieces::size() const { return state_->count(); }

void PreparedPieces::stop() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->stopping = true;
  state_->changed.notify_all();
}

PreparedPiece PreparedPieces::take(std::size_t index) {
  State& s = *state_;
  std::unique_lock<std::mutex> lock(s.mutex);
  s.taken = index;  // the caller is done with every earlier piece: workers may look further ahead
  s.changed.notify_all();
  while (!s.ready[index] && !s.errors[index]) {
    // Rather than wait idle, prepare the next unstarted piece here: this one (when no worker has started it)
    // or one further ahead, within the look-ahead.
    if (s.next_claim < s.count() && s.next_claim < index + kLookAhead) {
      s.prepare(lock, s.next_claim++);
      continue;
    }
    s.changed.wait(lock);
  }
  if (s.errors[index]) std::rethrow_exception(s.errors[index]);
  PreparedPiece piece = std::move(*s.ready[index]);
  s.ready[index].reset();
  return piece;
}

unsigned piece_workers(std::size_t pieces) {
  if (pieces < 2) return 0;
  unsigned cores = std::thread::hardware_concurrency();
  return cores > 1 ? std::min(cores - 1, 3u) : 0;
}

}  // namespace sleet::pg
