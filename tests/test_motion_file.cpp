// Measured pelvis motion: the two file formats give the same SI table, every bad file gives its one-line
// message, and MeasuredPelvisMotion's splines, frame mapping and angular kinematics are checked against
// analytic motions and finite differences (engine/gait/motion_file.cpp, measured_pelvis_motion.cpp).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>
#include <random>

#include "engine/core/rotation.hpp"
#include "engine/gait/measured_pelvis_motion.hpp"
#include "engine/gait/motion_file.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

const std::string kDataDir = std::string(SPINELOAD_SOURCE_DIR) + "/tests/data/motion/";

// A directory of this process's own (two builds may test at once), removed when the test ends.
struct ScratchDir {
  const fs::path path = fs::temp_directory_path() / ("spineload_motion_test_" + std::to_string(::getpid()));
  ScratchDir() { fs::create_directories(path); }
  ~ScratchDir() { fs::remove_all(path); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

// The message reading `path` and building the pelvis motion from it raises, or "" if both succeed.
std::string errorOfPath(const std::string& path) {
  try {
    const MeasuredPelvisMotion motion(readMotionFile(path), Mat3::Identity());
  } catch (const MotionFileError& e) {
    return e.what();
  }
  return "";
}

// Six pelvis coordinates (tx, ty, tz [m], tilt, list, rotation [rad]) as functions of time.
using Coordinates = std::function<std::array<double, 6>(double)>;

MotionTable tableOf(const std::vector<double>& time_s, const Coordinates& f) {
  MotionTable t;
  t.source = "memory.csv";
  t.header_line = 1;
  t.time_s = time_s;
  for (int c = 0; c < 6; ++c) {
    MotionColumn col;
    col.name = col.header = MeasuredPelvisMotion::kRequiredColumns[c];
    col.quantity = c < 3 ? Quantity::Length : Quantity::Angle;
    for (const double s : time_s) col.values.push_back(f(s)[c]);
    t.columns.push_back(col);
  }
  return t;
}

std::vector<double> uniformTimes(double duration_s, double rate_hz) {
  std::vector<double> t;
  for (int i = 0; i <= static_cast<int>(std::lround(duration_s * rate_hz)); ++i) t.push_back(i / rate_hz);
  return t;
}

// A running-like pelvis: forward at 3 m/s with sway at the stride frequency (1.4 Hz) and bounce at the
// step frequency (2.8 Hz); angles of 0.05-0.1 rad about a non-zero mean tilt.
constexpr double kStride = 2.0 * M_PI * 1.4, kStep = 2.0 * M_PI * 2.8;
struct Sine {
  double offset, rate, amplitude, omega, phase;
  double q(double t) const { return offset + rate * t + amplitude * std::sin(omega * t + phase); }
  double dq(double t) const { return rate + amplitude * omega * std::cos(omega * t + phase); }
  double ddq(double t) const { return -amplitude * omega * omega * std::sin(omega * t + phase); }
  double fourth() const { return amplitude * std::pow(omega, 4); }  ///< max |q''''|
};
const std::array<Sine, 6> kRun = {Sine{0.0, 3.0, 0.02, kStride, 0.0},  Sine{0.95, 0.0, 0.04, kStep, 0.3},
                                  Sine{0.0, 0.0, 0.015, kStride, 0.0}, Sine{-0.2, 0.0, 0.05, kStep, 0.0},
                                  Sine{0.0, 0.0, 0.08, kStride, 0.5},  Sine{0.0, 0.0, 0.1, kStride, 1.0}};

std::array<double, 6> runAt(double t) {
  std::array<double, 6> q;
  for (int c = 0; c < 6; ++c) q[c] = kRun[c].q(t);
  return q;
}

Mat3 pitch(double deg) {
  return Eigen::AngleAxisd(deg * M_PI / 180.0, Vec3::UnitY()).toRotationMatrix();
}

// ---- file formats ----

TEST(MotionFile, OpenSimAndCsvFilesGiveTheSameSiTable) {
  const MotionTable mot = readMotionFile(kDataDir + "run.mot");      // Storage version 1, degrees, tabs
  const MotionTable sto = readMotionFile(kDataDir + "run.sto");      // OpenSim 4 header, radians, spaces
  const MotionTable deg = readMotionFile(kDataDir + "run_deg.csv");  // _deg columns
  const MotionTable rad = readMotionFile(kDataDir + "run_rad.csv");  // _rad columns, CRLF, spaces
  for (const MotionTable* t : {&mot, &sto, &deg, &rad}) {
    ASSERT_EQ(t->time_s.size(), 6u) << t->source;
    ASSERT_EQ(t->columns.size(), 7u) << t->source;
    EXPECT_EQ(t->header_line, t == &mot ? 11 : t == &sto ? 8 : 1) << t->source;
    for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(t->time_s[i], deg.time_s[i]) << t->source;
    for (const MotionColumn& c : deg.columns) {
      const MotionColumn* other = t->find(c.name);
      ASSERT_NE(other, nullptr) << t->source << " " << c.name;
      EXPECT_EQ(other->quantity, c.quantity) << t->source << " " << c.name;
      // Same text in degrees gives the same double; radians written with 17 digits agree to rounding.
      for (std::size_t i = 0; i < 6; ++i)
        if (t == &mot)
          EXPECT_EQ(other->values[i], c.values[i]) << c.name << " row " << i;
        else
          EXPECT_NEAR(other->values[i], c.values[i], 1e-15) << t->source << " " << c.name << " row " << i;
    }
  }
  EXPECT_EQ(deg.find("pelvis_tx")->quantity, Quantity::Length);
  EXPECT_EQ(deg.find("pelvis_tx")->header, "pelvis_tx_m");
  EXPECT_DOUBLE_EQ(deg.find("pelvis_tx")->values[0], 1.2);                      // metres stay metres
  EXPECT_DOUBLE_EQ(mot.find("pelvis_tilt")->values[0], -12.0 * M_PI / 180.0);   // degrees to radians
  EXPECT_DOUBLE_EQ(mot.find("hip_flexion_r")->values[0], 30.0 * M_PI / 180.0);  // extra columns are kept
  EXPECT_EQ(mot.find("pelvis"), nullptr);
}

TEST(MotionFile, SpreadsheetQuirksAreAccepted) {
  // Byte-order mark, quoted names, spaces, '+' signs, blank lines, an upper-case extension.
  const std::string text =
      "\xEF\xBB\xBF\"time_s\", \"a_m\" ,b_rad\n0,+1.5,0\n\n0.1,1,0\n0.2,1,0\n0.3,1,1e-3\n\n";
  const ScratchDir dir;
  const MotionTable t = readMotionFile(dir.write("quirks.CSV", text));
  ASSERT_EQ(t.columns.size(), 2u);
  EXPECT_EQ(t.columns[0].name, "a");
  EXPECT_EQ(t.columns[0].header_column, 11);
  EXPECT_EQ(t.columns[1].name, "b");
  EXPECT_DOUBLE_EQ(t.columns[0].values[0], 1.5);
  EXPECT_DOUBLE_EQ(t.columns[1].values[3], 1e-3);
  EXPECT_EQ(t.time_s.size(), 4u);
}

struct BadFile {
  std::string name, text, expected;  ///< expected: a part of the message, starting with "name:line:"
};

TEST(MotionFile, EveryBadFileNamesFileLineAndProblem) {
  const std::string csv =
      "time_s,pelvis_tx_m,pelvis_ty_m,pelvis_tz_m,pelvis_tilt_deg,pelvis_list_deg,"
      "pelvis_rotation_deg\n";
  const std::string row0 = "0,0,0.9,0,1,2,3\n", row1 = "0.01,0,0.9,0,1,2,3\n", row2 = "0.02,0,0.9,0,1,2,3\n";
  const std::string rows = row0 + row1 + row2 + "0.03,0,0.9,0,1,2,3\n";
  const std::vector<BadFile> cases = {
      {"ext.txt", rows, "ext.txt: unknown file extension '.txt'; allowed .csv, .mot, .sto"},
      {"noend.mot", "inDegrees=yes\ntime\tpelvis_tx\n0\t1\n",
       "noend.mot:3:1: no 'endheader' line in this OpenSim file; allowed header lines"},
      {"nodeg.mot", "version=1\nendheader\ntime\tpelvis_tx\n",
       "nodeg.mot:2:1: inDegrees: the header does not say whether angles are in degrees or radians; allowed "
       "a line inDegrees=yes or inDegrees=no"},
      {"baddeg.mot", "inDegrees=1\nendheader\n", "baddeg.mot:1:1: inDegrees: '1' is not yes or no"},
      {"empty.csv", "", "empty.csv: no row of column names; allowed a row such as time_s,"},
      {"notime.csv", "frame,pelvis_tx_m\n", "notime.csv:1:1: the first column is 'frame'; allowed 'time_s'"},
      {"semicolon.csv", "time_s;pelvis_tx_m\n", "semicolon.csv:1:1: the column names are separated by ';'"},
      {"unit.csv", "time_s,pelvis_tx_m,pelvis_tilt\n",
       "unit.csv:1:20: pelvis_tilt: column 'pelvis_tilt' has no recognised unit suffix; allowed suffixes _m "
       "(metres), _deg (degrees) or _rad (radians), and time_s for the first column"},
      {"twice.csv", "time_s,pelvis_tx_m,pelvis_tx_m\n",
       "twice.csv:1:20: pelvis_tx: column 'pelvis_tx_m' repeats column 'pelvis_tx_m'; allowed each name "
       "once"},
      {"missing.csv",
       "time_s,pelvis_tx_m,pelvis_ty_m,pelvis_tz_m,pelvis_tilt_deg,pelvis_lst_deg,pelvis_rotation_deg\n" +
           rows,
       "missing.csv:1:1: pelvis_list: missing column 'pelvis_list' (did you mean 'pelvis_lst'?); found "
       "pelvis_tx_m, pelvis_ty_m, pelvis_tz_m, pelvis_tilt_deg, pelvis_lst_deg, pelvis_rotation_deg (and "
       "time); required pelvis_tx"},
      {"quantity.csv",
       "time_s,pelvis_tx_deg,pelvis_ty_m,pelvis_tz_m,pelvis_tilt_deg,pelvis_list_deg,pelvis_rotation_deg\n" +
           rows,
       "quantity.csv:1:8: pelvis_tx: column 'pelvis_tx_deg' is an angle; allowed a length: pelvis_tx_m"},
      {"text.csv", csv + row0 + row1 + "0.02,0,0.9,0,abc,2,3\n",
       "text.csv:4:14: pelvis_tilt_deg: 'abc' is not a number in row 3, column 'pelvis_tilt_deg'; allowed "
       "decimal numbers"},
      {"blank.csv", csv + row0 + "0.01,0,,0,1,2,3\n", "blank.csv:3:8: pelvis_ty_m: empty cell in row 2"},
      {"nan.csv", csv + row0 + "0.01,0,0.9,0,NaN,2,3\n",
       "nan.csv:3:14: pelvis_tilt_deg: NaN in row 2, column 'pelvis_tilt_deg'; allowed finite numbers only"},
      {"inf.mot", "inDegrees=yes\nendheader\ntime pelvis_tx\n0 1\n0.1 -inf\n",
       "inf.mot:5:5: pelvis_tx: an infinite value in row 2, column 'pelvis_tx'; allowed finite numbers only"},
      {"cells.csv", csv + row0 + "0.01,0,0.9,0,1,2\n",
       "cells.csv:3:1: row 2 has 6 cells but the header has 7 columns; allowed one cell per column"},
      {"time.csv", csv + row0 + row1 + "0.01,0,0.9,0,1,2,3\n",
       "time.csv:4:1: time: time 0.01 s in row 3 does not come after 0.01 s in row 2; allowed strictly "
       "increasing time"},
      {"short.csv", csv + row0 + row1 + row2 + "\n",
       "short.csv:4:1: the file has 3 rows of data; allowed 4 or more"},
  };
  const ScratchDir dir;
  for (const BadFile& c : cases) {
    const std::string e = errorOfPath(dir.write(c.name, c.text));
    const std::string expected = "/" + c.expected;  // the file is named by its whole path
    EXPECT_NE(e.find(expected), std::string::npos) << "got:      " << e << "\nexpected: " << expected;
    EXPECT_EQ(e.find('\n'), std::string::npos) << e;  // one line
  }
  EXPECT_EQ(errorOfPath(dir.write("good.csv", csv + rows)), "");
}

TEST(MotionFile, UnreadableFileIsAClearError) {
  const std::string e = errorOfPath("/nonexistent/run.mot");
  EXPECT_EQ(e,
            "/nonexistent/run.mot: cannot open the file (No such file or directory); allowed the path of a "
            "readable .csv, .mot or .sto file");
  const ScratchDir dir;
  const std::string folder = (dir.path / "folder.csv").string();
  fs::create_directories(folder);
  EXPECT_EQ(errorOfPath(folder), folder + ": is a directory; allowed the path of a .csv, .mot or .sto file");
}

// ---- MeasuredPelvisMotion ----

// Hall & Meyer (1976, J Approx Theory 16:105) bound the interpolation error of a cubic spline by
// |s - f| <= 5/384 h⁴ max|f''''|, |s' - f'| <= 1/24 h³ max|f''''|, |s'' - f''| <= 3/8 h² max|f''''| (for
// end conditions that match f; away from the ends the not-a-knot error decays to the same). Rounding is
// far below: about eps |f| / h² = 2e-10 for the second derivative at 1 kHz.
TEST(MeasuredPelvisMotion, SplineDerivativesMatchAnalyticSinusoidsAt1kHz) {
  const double h = 1e-3;
  const MeasuredPelvisMotion motion(tableOf(uniformTimes(2.0, 1.0 / h), runAt), Mat3::Identity());
  const Mat3 C = MeasuredPelvisMotion::openSimToWorld();
  double worst_v = 0.0, worst_a = 0.0;
  for (double t = 0.1 + 0.37 * h; t < 1.9; t += 13.1 * h) {  // away from the ends, between samples
    const BaseKinematics k = motion.at(t);
    for (int c = 0; c < 3; ++c) {
      const Vec3 axis = C.col(c);  // OpenSim axis c in world coordinates
      const double tol4 = kRun[c].fourth();
      EXPECT_NEAR(axis.dot(k.p_WB_W), kRun[c].q(t), 2.0 * 5.0 / 384.0 * std::pow(h, 4) * tol4 + 1e-14);
      EXPECT_NEAR(axis.dot(k.v_WB_W), kRun[c].dq(t), 2.0 / 24.0 * std::pow(h, 3) * tol4 + 1e-12) << t;
      EXPECT_NEAR(axis.dot(k.a_WB_W), kRun[c].ddq(t), 2.0 * 3.0 / 8.0 * h * h * tol4 + 1e-9) << t;
      worst_v = std::max(worst_v, std::abs(axis.dot(k.v_WB_W) - kRun[c].dq(t)));
      worst_a = std::max(worst_a, std::abs(axis.dot(k.a_WB_W) - kRun[c].ddq(t)));
    }
  }
  EXPECT_GT(worst_a, 0.0);  // the check compares something
  RecordProperty("worst_velocity_error_m_s", std::to_string(worst_v));
  RecordProperty("worst_acceleration_error_m_s2", std::to_string(worst_a));
}

TEST(MeasuredPelvisMotion, PureTiltRatesMatchTheAnalyticAngleDerivatives) {
  const double h = 1e-3;
  const auto tiltOnly = [](double t) { return std::array<double, 6>{0, 0, 0, kRun[3].q(t), 0, 0}; };
  const MeasuredPelvisMotion motion(tableOf(uniformTimes(2.0, 1.0 / h), tiltOnly), Mat3::Identity());
  for (double t = 0.2 + 0.41 * h; t < 1.8; t += 17.3 * h) {
    const BaseKinematics k = motion.at(t);  // tilt is about OpenSim +Z = world -y
    EXPECT_NEAR(k.w_WB_W.y(), -kRun[3].dq(t), 2.0 / 24.0 * std::pow(h, 3) * kRun[3].fourth() + 1e-12);
    EXPECT_NEAR(k.dw_WB_W.y(), -kRun[3].ddq(t), 2.0 * 3.0 / 8.0 * h * h * kRun[3].fourth() + 1e-9);
    EXPECT_NEAR(k.w_WB_W.x(), 0.0, 1e-15);
    EXPECT_NEAR(k.w_WB_W.z(), 0.0, 1e-15);
  }
}

// A not-a-knot spline reproduces a cubic exactly up to the ends, on any grid; a natural spline (y'' = 0
// at the ends) would miss the end accelerations by 2 m/s² here.
TEST(MeasuredPelvisMotion, ReproducesACubicExactlyUpToTheEnds) {
  std::vector<double> t;
  for (int i = 0; i < 9; ++i) t.push_back(0.01 * i + 0.003 * std::sin(i));
  const auto cubic = [](double s) { return 1.0 + 2.0 * s - 3.0 * s * s + 40.0 * s * s * s; };
  const MeasuredPelvisMotion motion(
      tableOf(t, [&](double s) { return std::array<double, 6>{cubic(s), 0, 0, 0, 0, 0}; }), Mat3::Identity());
  for (const double s : {t.front(), 0.5 * (t[0] + t[1]), 0.0437, t[7] + 0.3 * (t[8] - t[7]), t.back()}) {
    const BaseKinematics k = motion.at(s);
    EXPECT_NEAR(k.p_WB_W.x(), cubic(s), 1e-12) << s;
    EXPECT_NEAR(k.v_WB_W.x(), 2.0 - 6.0 * s + 120.0 * s * s, 1e-9) << s;
    EXPECT_NEAR(k.a_WB_W.x(), -6.0 + 240.0 * s, 1e-7) << s;
  }
}

// ω against the rotation itself: log(R(t+δ) R(t-δ)ᵀ) / 2δ = ω(t) + O(δ²) (central difference on SO(3));
// ω̇ against the central difference of ω. δ = 1e-5 s keeps both points inside one spline piece
// (samples 1 ms apart, t half-way between). Truncation ≈ δ²/6 |ω'''| ≈ 1e-8, rounding ≈ eps/δ ≈ 1e-11.
TEST(MeasuredPelvisMotion, AngularVelocityAndAccelerationMatchFiniteDifferences) {
  const MeasuredPelvisMotion motion(tableOf(uniformTimes(2.0, 1000.0), runAt), pitch(10.0));
  const double d = 1e-5;
  for (double t = 0.0005; t < 2.0; t += 0.173) {
    const BaseKinematics k = motion.at(t), plus = motion.at(t + d), minus = motion.at(t - d);
    const Vec3 w_fd = quatLog(Quat(plus.R_WB * minus.R_WB.transpose())) / (2.0 * d);
    const Vec3 dw_fd = (plus.w_WB_W - minus.w_WB_W) / (2.0 * d);
    EXPECT_LT((k.w_WB_W - w_fd).norm(), 1e-7)
        << "t = " << t << ": " << k.w_WB_W.transpose() << " vs " << w_fd.transpose();
    EXPECT_LT((k.dw_WB_W - dw_fd).norm(), 1e-6)
        << "t = " << t << ": " << k.dw_WB_W.transpose() << " vs " << dw_fd.transpose();
    EXPECT_GT(k.dw_WB_W.norm(), 0.1);  // a real rotation is compared, not zeros
    // Velocity and acceleration of the origin, likewise.
    EXPECT_LT((k.v_WB_W - (plus.p_WB_W - minus.p_WB_W) / (2.0 * d)).norm(), 1e-7);
    EXPECT_LT((k.a_WB_W - (plus.v_WB_W - minus.v_WB_W) / (2.0 * d)).norm(), 1e-6);
  }
}

// OpenSim X forward, Y up, Z right -> spineload x forward, y left, z up. The pelvis angles rotate about
// OpenSim Z (tilt), X (list), Y (rotation) = world -y, +x, +z: C maps each axis, and R_W = C R Cᵀ turns a
// rotation about axis a into the same angle about C a.
TEST(MeasuredPelvisMotion, OpenSimAxesMapToTheWorld) {
  const std::vector<double> t = {0.0, 0.1, 0.2, 0.3, 0.4};
  const auto constant = [&](int c, double value) {
    return MeasuredPelvisMotion(tableOf(t,
                                        [&](double) {
                                          std::array<double, 6> q{};
                                          q[c] = value;
                                          return q;
                                        }),
                                Mat3::Identity());
  };
  EXPECT_TRUE(constant(0, 1.0).at(0.2).p_WB_W.isApprox(Vec3(1, 0, 0)));   // pelvis_tx: forward
  EXPECT_TRUE(constant(1, 1.0).at(0.2).p_WB_W.isApprox(Vec3(0, 0, 1)));   // pelvis_ty: up
  EXPECT_TRUE(constant(2, 1.0).at(0.2).p_WB_W.isApprox(Vec3(0, -1, 0)));  // pelvis_tz: right = -left

  // Each angle ramps from -0.3 to 0.3 rad (mean 0): at the end the pelvis has turned +0.3 rad about its
  // world axis, at 1.5 rad/s (a ramp is a cubic, so the spline is exact).
  const std::array<Vec3, 3> axis = {-Vec3::UnitY(), Vec3::UnitX(), Vec3::UnitZ()};
  for (int a = 0; a < 3; ++a) {
    const MeasuredPelvisMotion ramp(tableOf(t,
                                            [&](double s) {
                                              std::array<double, 6> q{};
                                              q[3 + a] = -0.3 + 1.5 * s;
                                              return q;
                                            }),
                                    Mat3::Identity());
    const BaseKinematics k = ramp.at(0.4);
    const Mat3 expected = Eigen::AngleAxisd(0.3, axis[a]).toRotationMatrix();
    EXPECT_TRUE(k.R_WB.isApprox(expected, 1e-12)) << MeasuredPelvisMotion::kRequiredColumns[3 + a] << "\n"
                                                  << k.R_WB;
    EXPECT_TRUE(k.w_WB_W.isApprox(1.5 * axis[a], 1e-12)) << k.w_WB_W.transpose();
    EXPECT_LT(k.dw_WB_W.norm(), 1e-9);
  }
  // Positive pelvis_tilt lifts the front of the pelvis (posterior tilt): the body x axis gains +z.
  EXPECT_GT(Eigen::AngleAxisd(0.3, axis[0]).toRotationMatrix().col(0).z(), 0.0);
  const Mat3 C = MeasuredPelvisMotion::openSimToWorld();
  EXPECT_TRUE((C * C.transpose()).isIdentity(1e-15));
  EXPECT_DOUBLE_EQ(C.determinant(), 1.0);
}

TEST(MeasuredPelvisMotion, AnglesAreRelativeToTheirMeanAndTheLeanPremultiplies) {
  const std::vector<double> t = {0.0, 0.1, 0.2, 0.3};
  const auto q = [](double s) { return std::array<double, 6>{0, 0.9, 0, 0.2 + s, -0.1, 0.3}; };
  const MeasuredPelvisMotion motion(tableOf(t, q), pitch(12.0));
  EXPECT_NEAR(motion.meanAngles_rad()[0], 0.35, 1e-15);
  EXPECT_NEAR(motion.meanAngles_rad()[1], -0.1, 1e-15);
  EXPECT_NEAR(motion.meanAngles_rad()[2], 0.3, 1e-15);
  // At t = 0.15 the tilt equals its mean, list and rotation always do: only the lean is left.
  const BaseKinematics k = motion.at(0.15);
  EXPECT_TRUE(k.R_WB.isApprox(pitch(12.0), 1e-14)) << k.R_WB;
  // The angular velocity is the tilt rate about -y, turned by the lean (about y: unchanged here).
  EXPECT_TRUE(k.w_WB_W.isApprox(Vec3(0, -1, 0), 1e-12)) << k.w_WB_W.transpose();
  EXPECT_TRUE(k.p_WB_W.isApprox(Vec3(0, 0, 0.9)));  // positions as measured, not leant
}

TEST(MeasuredPelvisMotion, HoldsTheFirstAndLastSampleOutsideTheFile) {
  const MeasuredPelvisMotion motion(tableOf(uniformTimes(1.0, 100.0), runAt), Mat3::Identity());
  const BaseKinematics first = motion.at(0.0), last = motion.at(1.0);
  for (const double t : {-1.0, -1e-9, 1.0 + 1e-9, 5.0}) {
    const BaseKinematics k = motion.at(t);
    const BaseKinematics& end = t < 0.0 ? first : last;
    EXPECT_EQ(k.p_WB_W, end.p_WB_W) << t;
    EXPECT_TRUE(k.R_WB.isApprox(end.R_WB, 1e-15)) << t;
    EXPECT_EQ(k.v_WB_W, Vec3::Zero());
    EXPECT_EQ(k.a_WB_W, Vec3::Zero());
    EXPECT_EQ(k.w_WB_W, Vec3::Zero());
    EXPECT_EQ(k.dw_WB_W, Vec3::Zero());
  }
  EXPECT_GT(last.v_WB_W.norm(), 1.0);  // inside, the file's own velocity
  EXPECT_DOUBLE_EQ(motion.beginTime_s(), 0.0);
  EXPECT_DOUBLE_EQ(motion.endTime_s(), 1.0);
}

bool same(const BaseKinematics& a, const BaseKinematics& b) {
  return a.R_WB == b.R_WB && a.p_WB_W == b.p_WB_W && a.w_WB_W == b.w_WB_W && a.v_WB_W == b.v_WB_W &&
         a.dw_WB_W == b.dw_WB_W && a.a_WB_W == b.a_WB_W;
}

TEST(MeasuredPelvisMotion, ResultsDoNotDependOnTheOrderOfCalls) {
  const MeasuredPelvisMotion motion(tableOf(uniformTimes(1.0, 200.0), runAt), pitch(5.0));
  std::vector<double> times;
  for (int i = -10; i < 230; ++i) times.push_back(i * 0.0051);
  std::vector<BaseKinematics> forward;
  for (const double t : times) forward.push_back(motion.at(t));
  std::vector<std::size_t> order(times.size());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(7));
  for (const std::size_t i : order) EXPECT_TRUE(same(motion.at(times[i]), forward[i])) << times[i];
  for (std::size_t i = times.size(); i-- > 0;) EXPECT_TRUE(same(motion.at(times[i]), forward[i])) << times[i];
}

TEST(MeasuredPelvisMotion, ParametersHoldEverySample) {
  const MotionTable table = tableOf(uniformTimes(0.1, 100.0), runAt);
  const std::size_t n = table.time_s.size();
  std::vector<double> a, b;
  MeasuredPelvisMotion(table, Mat3::Identity()).appendParameters(a);
  EXPECT_EQ(a.size(), 9 + 1 + n + 3 + 6 * n);
  for (int c = 0; c < 6; ++c) {
    MotionTable changed = table;
    changed.columns[c].values[n / 2] += 1e-9;
    b.clear();
    MeasuredPelvisMotion(changed, Mat3::Identity()).appendParameters(b);
    EXPECT_NE(a, b) << c;
  }
  b.clear();
  MeasuredPelvisMotion(table, pitch(1.0)).appendParameters(b);
  EXPECT_NE(a, b);
}

TEST(MeasuredPelvisMotion, AFileDrivesThePelvis) {
  const MeasuredPelvisMotion motion(readMotionFile(kDataDir + "run.mot"), Mat3::Identity());
  EXPECT_NEAR(motion.meanAngles_rad()[0], -11.9558333333333333 * M_PI / 180.0, 1e-12);
  const BaseKinematics k = motion.at(0.0);
  EXPECT_TRUE(k.p_WB_W.isApprox(Vec3(1.2, 0.0, 0.95)));
  EXPECT_NEAR(k.v_WB_W.x(), 3.3, 1e-9);  // pelvis_tx grows by 0.033 m every 0.01 s
}

}  // namespace
}  // namespace spineload
