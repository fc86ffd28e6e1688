#include "engine/scenario/closest_key.hpp"

#include <algorithm>
#include <numeric>

namespace spineload {

std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string closestKey(const std::string& key, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = key.size() / 3 + 3;
  for (const std::string& c : candidates) {
    const std::size_t d = editDistance(key, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  if (!best.empty()) return best;
  // A key missing its unit or a last word (duration -> duration_s, meaningful_change ->
  // meaningful_change_percent) is far by edit distance but is what a student most often types.
  for (const std::string& c : candidates)
    if (c.size() > key.size() && c.compare(0, key.size(), key) == 0 && c[key.size()] == '_') return c;
  return best;
}

}  // namespace spineload
