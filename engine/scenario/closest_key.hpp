// "Did you mean …?": the closest known key to a misspelt one, by edit distance.
#pragma once

#include <string>
#include <vector>

namespace spineload {

/// Levenshtein distance between two strings (insertions, deletions, substitutions).
std::size_t editDistance(const std::string& a, const std::string& b);

/// The candidate closest to `key`, or "" when none is within a third of the key's length (+2); failing
/// that, the first candidate that is `key` followed by "_..." (a key written without its unit).
std::string closestKey(const std::string& key, const std::vector<std::string>& candidates);

}  // namespace spineload
