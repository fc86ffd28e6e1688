// The muscle model against published figures (label: validation in docs/validation.md): standing L4/L5
// compression and pressure, and running with a weakened deep core (Raabe & Chaudhari 2018).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "engine/validation/published_figures.hpp"
#include "trunk_muscles_support.hpp"

namespace spineload {
namespace {

const std::vector<PublishedFigure>& project() {
  static const std::vector<PublishedFigure> f =
      readPublishedFigures(std::string(SPINELOAD_SOURCE_DIR) + "/validation/muscles.toml");
  return f;
}

void expectWithin(double model, const PublishedFigure& f) {
  EXPECT_GE(model, f.acceptLow()) << f.id;
  EXPECT_LE(model, f.acceptHigh()) << f.id;
  ::testing::Test::RecordProperty(f.id, std::to_string(model));
}

// A check the model does not meet, kept as a strict expected failure (as tests/test_gait_validation.cpp):
// if a change brings it inside the accepted range, this fails and the check moves to the passing ones.
void expectKnownDisagreement(double model, const PublishedFigure& f) {
  EXPECT_FALSE(model >= f.acceptLow() && model <= f.acceptHigh())
      << f.id << " now agrees (" << model << "): make it a passing check and update docs/validation.md";
  ::testing::Test::RecordProperty(f.id, std::to_string(model));
}

TEST(MuscleValidation, StandingL4L5Compression) {
  const test::Outcome o = test::simulate("[gait]\nmode = \"standing\"\n[simulation]\nduration_s = 0.5\n");
  expectWithin(o.meanLevel("L4_L5", &LevelSeries::compression_n),
               findFigure(project(), "compression_l4l5_standing"));
}

// Peaks over the steady strides (after the first second) of the quantities Raabe & Chaudhari report.
struct RunningPeaks {
  double superficial_n = 0.0, lumbar_shear_n = 0.0, upper_compression_n = 0.0, lower_compression_n = 0.0;
};

RunningPeaks peaks(const test::Outcome& o) {
  RunningPeaks p;
  const std::size_t n = o.r.time_s.size(), m = o.r.muscle_names.size();
  int samples = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (o.r.time_s[k] < test::kSettle_s) continue;
    ++samples;
    for (std::size_t i = 0; i < m; ++i) {
      const Muscle& mu = o.trunk.muscles->muscles[i];
      if ((mu.group == "longissimus" || mu.group == "iliocostalis") && !mu.deep_core)
        p.superficial_n += o.r.muscle_force_n[k * m + i];
    }
    for (const LevelSeries& l : o.r.levels) {
      const bool lumbar = l.level[0] == 'L', upper = l.level == "T12_L1" || l.level == "L1_L2",
                 lower = l.level == "L4_L5" || l.level == "L5_S1";
      if (lumbar) p.lumbar_shear_n = std::max(p.lumbar_shear_n, l.shear_ap_n[k]);
      if (upper) p.upper_compression_n = std::max(p.upper_compression_n, l.compression_n[k]);
      if (lower) p.lower_compression_n = std::max(p.lower_compression_n, l.compression_n[k]);
    }
  }
  p.superficial_n /= samples;  // the mean force: its compensation is sustained, not a peak
  return p;
}

TEST(MuscleValidation, RunningWithAWeakDeepCore) {
  const std::string run = "[simulation]\nduration_s = 3.0\noutput_rate_hz = 500\n";
  const RunningPeaks base = peaks(test::simulate(run)),
                     weak = peaks(test::simulate(run + "[core]\nstrength = 0.5\n"));
  const auto change = [](double a, double b) { return 100.0 * (b - a) / a; };
  // Agrees: the lower lumbar discs unload.
  expectWithin(change(base.lower_compression_n, weak.lower_compression_n),
               findFigure(project(), "raabe_lower_lumbar_compression"));
  // Disagrees (docs/validation.md): the superficial erector does not take over (its force changes by about
  // 1 %), the upper-lumbar compression barely rises and the peak anterior shear falls. Static optimization
  // moves load off weakened muscles by cost, not by their geometry: the psoas and the obliques, not the
  // thoracic erector, take the deep core's share; and the weakened deep core's co-contraction floor
  // (core.stiffness, a fraction of its maximal force) pulls less.
  expectKnownDisagreement(change(base.superficial_n, weak.superficial_n),
                          findFigure(project(), "raabe_superficial_compensation"));
  expectKnownDisagreement(change(base.upper_compression_n, weak.upper_compression_n),
                          findFigure(project(), "raabe_upper_lumbar_compression"));
  expectKnownDisagreement(change(base.lumbar_shear_n, weak.lumbar_shear_n),
                          findFigure(project(), "raabe_lumbar_anterior_shear"));
}

}  // namespace
}  // namespace spineload
