// The sweep designs' own random numbers: splitmix64 to seed, xoshiro256** to draw (Blackman & Vigna 2021,
// ACM Trans Math Softw 47:36; https://prng.di.unimi.it), and our own conversions to doubles, bounded
// integers and permutations. Nothing here comes from <random>'s distributions, whose algorithms are left to
// each standard library: the same seed gives the same designs on every machine, compiler and thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace spineload {

/// splitmix64 (Steele, Lea & Flood 2014), as in Vigna's splitmix64.c: one step of the state, one output.
inline std::uint64_t splitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// xoshiro256**: 256 bits of state, period 2^256 - 1.
class Xoshiro256 {
 public:
  /// The state is four successive outputs of splitmix64 started at `seed` (never all zero).
  explicit Xoshiro256(std::uint64_t seed) {
    std::uint64_t sm = seed;
    for (std::uint64_t& w : s_) w = splitMix64(sm);
  }
  /// A given state (tests against the reference outputs); must not be all zero.
  Xoshiro256(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2, std::uint64_t s3) : s_{s0, s1, s2, s3} {}

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// A double in [0, 1): the top 53 bits times 2^-53 (every value a multiple of 2^-53).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// An integer in [0, n), n >= 1, without bias: 64-bit draws at or above the largest multiple of n are
  /// drawn again.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;  // draws in [0, limit) map evenly
    std::uint64_t x = next();
    while (x >= limit) x = next();
    return x % n;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

/// A uniformly random permutation of 0 .. n-1 (Fisher-Yates, Durstenfeld's form).
inline std::vector<std::size_t> randomPermutation(std::size_t n, Xoshiro256& rng) {
  std::vector<std::size_t> p(n);
  for (std::size_t i = 0; i < n; ++i) p[i] = i;
  for (std::size_t i = n; i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(rng.below(i));
    const std::size_t tmp = p[i - 1];
    p[i - 1] = p[j];
    p[j] = tmp;
  }
  return p;
}

}  // namespace spineload
