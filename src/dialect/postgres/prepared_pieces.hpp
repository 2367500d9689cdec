// Parsing and scanning a schema file piece by piece (statement_chunks.hpp), on worker threads while the
// caller transforms the pieces already done, in file order. libpg_query keeps its parser state per thread, so
// pieces parse in parallel; a bounded look-ahead keeps only a few pieces' parse trees in memory at once.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "dialect/postgres/pg_query_api.hpp"

namespace sleet::pg {

/// One parsed piece. Statement locations, tree locations and token offsets count from `begin` (the piece's
/// own text); a failure's offset is an offset in the whole file.
struct PreparedPiece {
  std::size_t begin = 0, end = 0;  ///< the piece's byte range in the file
  ParseOutput parsed;            ///< statement ranges and failure (the trees moved to `trees`)
  std::vector<ParseNode> trees;  ///< one per statement of `parsed`
  std::vector<Token> tokens;     ///< empty when parsing failed
};

/// Parses and scans [begin, end) of `text` and builds its statements' trees (all the work a piece needs
/// before it is transformed, so that as much as possible runs on the workers).
PreparedPiece prepare_piece(const std::string& text, std::size_t begin, std::size_t end);

/// The pieces of one file, prepared ahead of take() by up to `workers` threads (0: each piece is prepared by
/// take() itself). take() must be called with 0, 1, 2, … ; stop() (or the destructor) ends the workers.
class PreparedPieces {
 public:
  PreparedPieces(const std::string& text, std::vector<std::size_t> cuts, unsigned workers);
  ~PreparedPieces();
  PreparedPieces(const PreparedPieces&) = delete;
  PreparedPieces& operator=(const PreparedPieces&) = delete;

  std::size_t size() const;
  /// Piece `index`, waiting for it (or preparing it on the calling thread when no worker has started it).
  PreparedPiece take(std::size_t index);
  /// Lets the workers finish the piece they are on and start no other.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// How many worker threads to use for a file cut into `pieces` pieces.
unsigned piece_workers(std::size_t pieces);

}  // namespace sleet::pg
