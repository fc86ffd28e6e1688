// The band a check accepts and the verdict logic of `spineload validate` (engine/validation/
// validation_band.hpp), on made-up figures.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/validation/check_report.hpp"
#include "engine/validation/validation_band.hpp"

namespace spineload {
namespace {

PublishedFigure valueFigure(double value, double tolerance) {
  PublishedFigure f;
  f.id = "made_up";
  f.value = value;
  f.tolerance = tolerance;
  return f;
}

PublishedFigure rangeFigure(double lo, double hi) {
  PublishedFigure f;
  f.id = "made_up_range";
  f.range_min = lo;
  f.range_max = hi;
  return f;
}

TEST(ValidationBand, ValuePlusMinusToleranceOrRange) {
  const Band b = bandOf(valueFigure(0.5, 0.15), BandRule::Figure);
  EXPECT_DOUBLE_EQ(b.low, 0.35);
  EXPECT_DOUBLE_EQ(b.high, 0.65);
  EXPECT_TRUE(b.contains(0.35));
  EXPECT_TRUE(b.contains(0.65));
  EXPECT_FALSE(b.contains(0.66));
  const Band r = bandOf(rangeFigure(-16.0, -4.0), BandRule::Figure);
  EXPECT_DOUBLE_EQ(r.low, -16.0);
  EXPECT_DOUBLE_EQ(r.high, -4.0);
  PublishedFigure neither;
  neither.id = "nothing";
  EXPECT_THROW(bandOf(neither, BandRule::Figure), std::runtime_error);
}

TEST(ValidationBand, RangeEndPercentAndDirections) {
  PublishedFigure night = rangeFigure(0.10, 0.24);
  night.tolerance = 0.05;
  const Band end = bandOf(night, BandRule::RangeEnd);
  EXPECT_NEAR(end.low, 0.19, 1e-12);
  EXPECT_NEAR(end.high, 0.29, 1e-12);
  EXPECT_THROW(bandOf(rangeFigure(0.1, 0.2), BandRule::RangeEnd), std::runtime_error) << "no tolerance";
  PublishedFigure text;
  text.tolerance_text = "within the stated band, or 20 % of the single value";
  const Band pct = bandOf(text, BandRule::PercentDeviation);
  EXPECT_DOUBLE_EQ(pct.low, -20.0);
  EXPECT_DOUBLE_EQ(pct.high, 20.0);
  EXPECT_EQ(percentInText("half of the stated change"), std::nullopt);
  EXPECT_EQ(percentInText("30 %"), 30.0);
  EXPECT_EQ(percentInText("2.5% or so"), 2.5);
  EXPECT_THROW(bandOf(PublishedFigure{}, BandRule::PercentDeviation), std::runtime_error);
  const Band all = bandOf(PublishedFigure{}, BandRule::AllDirections);
  EXPECT_TRUE(all.contains(1.0));
  EXPECT_FALSE(all.contains(0.75)) << "one direction of four missed fails";
}

TEST(ValidationVerdict, AgreementAndKnownFailures) {
  const Band b{1.0, 2.0};
  EXPECT_EQ(judge(1.5, b, Expectation::Agrees), Verdict::Pass);
  EXPECT_EQ(judge(2.5, b, Expectation::Agrees), Verdict::Fail);
  EXPECT_EQ(judge(std::nan(""), b, Expectation::Agrees), Verdict::Fail) << "no value where one was due";
  EXPECT_EQ(judge(0.5, b, Expectation::FailsLow), Verdict::ExpectedFailure);
  EXPECT_EQ(judge(2.5, b, Expectation::FailsLow), Verdict::Fail) << "outside, but on the other side";
  EXPECT_EQ(judge(1.5, b, Expectation::FailsLow), Verdict::UnexpectedPass);
  EXPECT_EQ(judge(2.5, b, Expectation::FailsHigh), Verdict::ExpectedFailure);
  EXPECT_EQ(judge(0.5, b, Expectation::FailsHigh), Verdict::Fail);
}

TEST(ValidationVerdict, CircularAndNotComputable) {
  const Band b{1.0, 2.0};
  EXPECT_EQ(judge(1.5, b, Expectation::Circular), Verdict::Circular);
  EXPECT_EQ(judge(3.0, b, Expectation::Circular), Verdict::Fail) << "the code no longer gives its input";
  EXPECT_EQ(judge(std::nan(""), b, Expectation::NotComputable), Verdict::NotComputable);
}

TEST(ValidationVerdict, WhatMakesTheCommandExitThree) {
  EXPECT_TRUE(countsAsFailure(Verdict::Fail));
  EXPECT_TRUE(countsAsFailure(Verdict::ExpectedFailure)) << "honest: a known failure is still a failure";
  for (Verdict v : {Verdict::Pass, Verdict::UnexpectedPass, Verdict::Circular, Verdict::NotComputable})
    EXPECT_FALSE(countsAsFailure(v)) << verdictName(v);
  std::vector<CheckResult> rows(3);
  rows[0].verdict = Verdict::Pass;
  rows[1].verdict = Verdict::Circular;
  rows[2].verdict = Verdict::NotComputable;
  EXPECT_FALSE(tallyChecks(rows).anyFailure());
  rows[2].verdict = Verdict::ExpectedFailure;
  const CheckTally t = tallyChecks(rows);
  EXPECT_TRUE(t.anyFailure());
  EXPECT_EQ(tallyLine(t), "1 pass, 1 fail (known, explained), 1 circular");
}

}  // namespace
}  // namespace spineload
