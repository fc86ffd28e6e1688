// One test per check of `spineload validate` (engine/validation/validation_checks.hpp), named for its id:
// a check expected to agree must lie in its band; a known failure must stay outside on its documented side
// (strict: when a change brings it inside, the test fails and the check moves to the passing ones, with
// docs/validation.md); a circular check must reproduce its input. Figures are read from the files, never
// copied here. The simulations are shared by all cases, as in one validate call.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <ostream>

#include "engine/validation/validation_checks.hpp"
#include "validation_test_support.hpp"

namespace spineload {

// GoogleTest prints a parameter with this (instead of its bytes) when a case fails.
void PrintTo(const CheckSpec& check, std::ostream* os) {
  *os << check.id();
}

namespace {

class PublishedCheck : public ::testing::TestWithParam<CheckSpec> {
 protected:
  static void SetUpTestSuite() {
    figures_ = std::make_unique<std::vector<PublishedFigure>>(test::loadFigures());
    runs_ = std::make_unique<ValidationRuns>();
    std::vector<std::string> texts;  // every check's simulations at once, in parallel
    for (const CheckSpec& c : validationChecks())
      if (loaded(c.figure_id)) texts.insert(texts.end(), c.runs.begin(), c.runs.end());
    runs_->prefetch(texts);
  }
  static void TearDownTestSuite() {
    runs_.reset();
    figures_.reset();
  }
  static bool loaded(const std::string& id) {
    for (const PublishedFigure& f : *figures_)
      if (f.id == id) return true;
    return false;
  }
  static std::unique_ptr<std::vector<PublishedFigure>> figures_;
  static std::unique_ptr<ValidationRuns> runs_;
};

std::unique_ptr<std::vector<PublishedFigure>> PublishedCheck::figures_;
std::unique_ptr<ValidationRuns> PublishedCheck::runs_;

TEST_P(PublishedCheck, IsWhereTheRegistrySays) {
  const CheckSpec& c = GetParam();
  if (!loaded(c.figure_id))
    GTEST_SKIP() << c.figure_id << ": figure not loaded (no " << SPINELOAD_SHARED_VALIDATION << ")";
  const CheckResult r = evaluateCheck(c, *figures_, *runs_);
  RecordProperty(r.id, std::to_string(r.model_value));
  const std::string what = r.id + " = " + std::to_string(r.model_value) + " " + r.unit + ", band [" +
                           std::to_string(r.band.low) + ", " + std::to_string(r.band.high) + "] (" +
                           r.source + "): " + r.why;
  switch (c.expect) {
    case Expectation::Agrees:
      EXPECT_EQ(r.verdict, Verdict::Pass) << what;
      break;
    case Expectation::FailsLow:
    case Expectation::FailsHigh:
      EXPECT_EQ(r.verdict, Verdict::ExpectedFailure)
          << what << "\nA known failure now agrees or fails on the other side: update the registry and "
          << "docs/validation.md";
      break;
    case Expectation::Circular:
      EXPECT_EQ(r.verdict, Verdict::Circular) << what << "\nThe model no longer reproduces its own input";
      break;
    case Expectation::NotComputable:
      GTEST_SKIP() << r.id << " is not computable: " << r.why;
  }
}

std::string checkName(const ::testing::TestParamInfo<CheckSpec>& info) {
  std::string name = info.param.id();
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Registry, PublishedCheck, ::testing::ValuesIn(validationChecks()), checkName);

TEST(CheckRegistry, EveryCheckFigureHasARow) {
  if (!test::haveSharedFigures()) GTEST_SKIP() << "no " << SPINELOAD_SHARED_VALIDATION;
  const std::vector<PublishedFigure> figures = test::loadFigures();
  EXPECT_EQ(uncoveredFigures(validationChecks(), figures), std::vector<std::string>{})
      << "figures of kind = \"check\" that no check computes: add a check (engine/validation/checks_*.cpp), "
         "or a NotComputable entry saying why";
  for (const CheckSpec& c : validationChecks())
    EXPECT_NO_THROW(findFigure(figures, c.figure_id)) << c.id() << " names a figure no file holds";
}

TEST(CheckRegistry, IdsAreUniqueAndComputableChecksSayHow) {
  std::vector<std::string> ids;
  for (const CheckSpec& c : validationChecks()) {
    EXPECT_EQ(std::count(ids.begin(), ids.end(), c.id()), 0) << c.id();
    ids.push_back(c.id());
    EXPECT_EQ(c.expect == Expectation::NotComputable, !c.model_value) << c.id();
    if (c.expect != Expectation::Agrees) {
      EXPECT_FALSE(c.why.empty()) << c.id() << ": say why";
    }
  }
}

}  // namespace
}  // namespace spineload
