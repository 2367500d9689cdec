// difflib.SequenceMatcher.get_opcodes() for string sequences (longest matching blocks, recursively), as
// json-diff's bundled port computes it. The popularity heuristic (autojunk) only applies to sequences of 200+
// items whose elements repeat more than 1% of the time, which enum values never do, so it is left out.
#include "diff/sequence_matcher.hpp"

#include <algorithm>
#include <cstddef>
#include <tuple>
#include <unordered_map>

namespace sleet::diff {
namespace {

struct Block {
  std::size_t a = 0;
  std::size_t b = 0;
  std::size_t size = 0;
};

class Matcher {
 public:
  Matcher(const std::vector<std::string>& a, const std::vector<std::string>& b) : a_(a), b_(b) {
    for (std::size_t j = 0; j < b_.size(); ++j) b2j_[b_[j]].push_back(j);
  }

  Block longest_match(std::size_t alo, std::size_t ahi, std::size_t blo, std::size_t bhi) const {
    Block best{alo, blo, 0};
    std::unordered_map<std::size_t, std::size_t> j2len;
    for (std::size_t i = alo; i < ahi; ++i) {
      std::unordered_map<std::size_t, std::size_t> next;
      auto it = b2j_.find(a_[i]);
      if (it == b2j_.end()) {
        j2len.swap(next);
        continue;
      }
      for (std::size_t j : it->second) {
        if (j < blo) continue;
        if (j >= bhi) break;
        std::size_t k = 1;
        if (j > 0) {
          auto prev = j2len.find(j - 1);
          if (prev != j2len.end()) k = prev->second + 1;
        }
        next[j] = k;
        if (k > best.size) best = Block{i + 1 - k, j + 1 - k, k};
      }
      j2len.swap(next);
    }
    while (best.a > alo && best.b > blo && a_[best.a - 1] == b_[best.b - 1]) {
      --best.a;
      --best.b;
      ++best.size;
    }
    while (best.a + best.size < ahi && best.b + best.size < bhi && a_[best.a + best.size] == b_[best.b + best.size]) {
      ++best.size;
    }
    return best;
  }

  std::vector<Block> matching_blocks() const {
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>> queue{{0, a_.size(), 0, b_.size()}};
    std::vector<Block> blocks;
    while (!queue.empty()) {
      auto [alo, ahi, blo, bhi] = queue.back();
      queue.pop_back();
      Block m = longest_match(alo, ahi, blo, bhi);
      if (m.size == 0) continue;
      blocks.push_back(m);
      if (alo < m.a && blo < m.b) queue.emplace_back(alo, m.a, blo, m.b);
      if (m.a + m.size < ahi && m.b + m.size < bhi) queue.emplace_back(m.a + m.size, ahi, m.b + m.size, bhi);
    }
    std::sort(blocks.begin(), blocks.end(), [](const Block& x, const Block& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); });
    std::vector<Block> merged;
    for (const Block& blk : blocks) {
      if (!merged.empty() && merged.back().a + merged.back().size == blk.a && merged.back().b + merged.back().size == blk.b) {
        merged.back().size += blk.size;
      } else {
        merged.push_back(blk);
      }
    }
    merged.push_back(Block{a_.size(), b_.size(), 0});
    return merged;
  }

 private:
  const std::vector<std::string>& a_;
  const std::vector<std::string>& b_;
  std::unordered_map<std::string, std::vector<std::size_t>> b2j_;
};

}  // namespace

std::vector<Edit> diff_sequences(const std::vector<std::string>& from, const std::vector<std::string>& to) {
  Matcher matcher(from, to);
  std::vector<Edit> edits;
  std::size_t i = 0;
  std::size_t j = 0;
  for (const Block& blk : matcher.matching_blocks()) {
    for (std::size_t k = i; k < blk.a; ++k) edits.push_back({EditKind::Delete, from[k]});
    for (std::size_t k = j; k < blk.b; ++k) edits.push_back({EditKind::Insert, to[k]});
    for (std::size_t k = 0; k < blk.size; ++k) edits.push_back({EditKind::Keep, from[blk.a + k]});
    i = blk.a + blk.size;
    j = blk.b + blk.size;
  }
  return edits;
}

}  // namespace sleet::diff
