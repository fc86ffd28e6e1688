#include "engine/gait/measured_pelvis_motion.hpp"

#include <algorithm>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "engine/core/euler_kinematics.hpp"
#include "engine/scenario/closest_key.hpp"

namespace spineload {
namespace {

enum Coordinate { kTx, kTy, kTz, kTilt, kList, kRotation };
constexpr int kCoordinates = 6;
constexpr int kFirstAngle = kTilt;

/// Value and first two time derivatives of one coordinate.
struct Jet {
  double q = 0.0, dq = 0.0, ddq = 0.0;
};

// Messages are built with streams: GCC 12 reports a false -Wrestrict on chains of std::string operator+
// (as in scenario_error.hpp).
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::ostringstream s;
  (s << ... << parts);
  return s.str();
}

std::string foundColumns(const MotionTable& t) {
  std::ostringstream found;
  for (const MotionColumn& c : t.columns) found << (&c == &t.columns.front() ? "" : ", ") << c.header;
  return t.columns.empty() ? "only time" : cat(found.str(), " (and time)");
}

std::string requiredList() {
  return "pelvis_tx, pelvis_ty, pelvis_tz (lengths) and pelvis_tilt, pelvis_list, pelvis_rotation "
         "(angles), as OpenSim gait2392 and Rajagopal 2016 name the pelvis coordinates";
}

// The column for one required coordinate, with a message naming what the file has instead.
const MotionColumn& requiredColumn(const MotionTable& t, int coordinate) {
  const std::string name = MeasuredPelvisMotion::kRequiredColumns[coordinate];
  const Quantity quantity = coordinate < kFirstAngle ? Quantity::Length : Quantity::Angle;
  const MotionColumn* c = t.find(name);
  if (c == nullptr) {
    std::vector<std::string> names;
    // Only the columns no other requirement claims: pelvis_tilt is no misspelling of pelvis_list.
    for (const MotionColumn& m : t.columns)
      if (std::find(std::begin(MeasuredPelvisMotion::kRequiredColumns),
                    std::end(MeasuredPelvisMotion::kRequiredColumns),
                    m.name) == std::end(MeasuredPelvisMotion::kRequiredColumns))
        names.push_back(m.name);
    const std::string guess = closestKey(name, names);
    throw MotionFileError(
        {t.source, t.header_line, 1}, name,
        cat("missing column '", name, "'", guess.empty() ? "" : " (did you mean '", guess,
            guess.empty() ? "" : "'?)", "; found ", foundColumns(t), "; required ", requiredList()));
  }
  if (c->quantity != quantity)
    throw MotionFileError({t.source, t.header_line, c->header_column}, name,
                          quantity == Quantity::Length
                              ? cat("column '", c->header, "' is an angle; allowed a length: ", name, "_m")
                              : cat("column '", c->header, "' is a length; allowed an angle: ", name,
                                    "_deg or ", name, "_rad"));
  return *c;
}

void checkTable(const MotionTable& t) {
  if (t.time_s.size() < 4) throw std::invalid_argument("MeasuredPelvisMotion: fewer than 4 samples");
  for (std::size_t i = 1; i < t.time_s.size(); ++i)
    if (!(t.time_s[i] > t.time_s[i - 1]))
      throw std::invalid_argument("MeasuredPelvisMotion: time does not increase strictly");
  for (const MotionColumn& c : t.columns)
    if (c.values.size() != t.time_s.size())
      throw std::invalid_argument(cat("MeasuredPelvisMotion: column '", c.name, "' has the wrong length"));
}

// Second derivatives M_i of the not-a-knot cubic spline through (t_i, y_i), n >= 4 (de Boor, A Practical
// Guide to Splines, 2001, ch. IV). Not-a-knot rather than natural: a natural spline forces y'' = 0 at both
// ends, which is wrong for a pelvis that accelerates there; not-a-knot reproduces any cubic exactly.
// Interior rows: h_{i-1} M_{i-1} + 2 (h_{i-1} + h_i) M_i + h_i M_{i+1} = 6 (d_i - d_{i-1}), d_i the
// slopes of the chords. Not-a-knot (y''' continuous at t_1 and t_{n-2}) gives
// M_0 = (1 + h_0/h_1) M_1 - (h_0/h_1) M_2, and the mirror at the end; substituting these into the first
// and last rows leaves a tridiagonal, strictly diagonally dominant system in M_1 … M_{n-2}, solved by
// the Thomas algorithm without pivoting.
std::vector<double> notAKnotSecondDerivatives(const std::vector<double>& t, const std::vector<double>& y) {
  const std::size_t n = t.size(), m = n - 2;
  std::vector<double> h(n - 1), sub(m), diag(m), sup(m), rhs(m);
  for (std::size_t i = 0; i + 1 < n; ++i) h[i] = t[i + 1] - t[i];
  for (std::size_t k = 0; k < m; ++k) {
    const std::size_t i = k + 1;
    sub[k] = h[i - 1];
    diag[k] = 2.0 * (h[i - 1] + h[i]);
    sup[k] = h[i];
    rhs[k] = 6.0 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1]);
  }
  const double r0 = h[0] / h[1], r1 = h[n - 2] / h[n - 3];
  diag[0] += h[0] * (1.0 + r0);
  sup[0] -= h[0] * r0;
  diag[m - 1] += h[n - 2] * (1.0 + r1);
  sub[m - 1] -= h[n - 2] * r1;
  for (std::size_t k = 1; k < m; ++k) {
    const double w = sub[k] / diag[k - 1];
    diag[k] -= w * sup[k - 1];
    rhs[k] -= w * rhs[k - 1];
  }
  std::vector<double> M(n);
  M[m] = rhs[m - 1] / diag[m - 1];
  for (std::size_t k = m - 1; k-- > 0;) M[k + 1] = (rhs[k] - sup[k] * M[k + 2]) / diag[k];
  M[0] = (1.0 + r0) * M[1] - r0 * M[2];
  M[n - 1] = (1.0 + r1) * M[n - 2] - r1 * M[n - 3];
  return M;
}

// The spline on [t_i, t_{i+1}] as y_i + b x + c x² + d x³, x = t - t_i, with c = M_i/2,
// d = (M_{i+1} - M_i)/(6h), b = (y_{i+1} - y_i)/h - h (2 M_i + M_{i+1})/6.
Jet evaluateSpline(const std::vector<double>& t, const std::vector<double>& y, const std::vector<double>& M,
                   std::size_t i, double time_s) {
  const double h = t[i + 1] - t[i], x = time_s - t[i];
  const double c = 0.5 * M[i], d = (M[i + 1] - M[i]) / (6.0 * h);
  const double b = (y[i + 1] - y[i]) / h - h * (2.0 * M[i] + M[i + 1]) / 6.0;
  return {y[i] + x * (b + x * (c + x * d)), b + x * (2.0 * c + 3.0 * d * x), 2.0 * c + 6.0 * d * x};
}

}  // namespace

Mat3 MeasuredPelvisMotion::openSimToWorld() {
  // Columns are the OpenSim axes in spineload coordinates: X forward -> x, Y up -> z, Z right -> -y.
  Mat3 C;
  C << 1.0, 0.0, 0.0,  //
      0.0, 0.0, -1.0,  //
      0.0, 1.0, 0.0;
  return C;
}

MeasuredPelvisMotion::MeasuredPelvisMotion(const MotionTable& table, const Mat3& lean)
    : time_s_(table.time_s), lean_(lean) {
  std::array<const MotionColumn*, kCoordinates> columns{};
  for (int c = 0; c < kCoordinates; ++c) columns[c] = &requiredColumn(table, c);
  checkTable(table);
  const double n = static_cast<double>(time_s_.size());
  for (int c = 0; c < kCoordinates; ++c) {
    value_[c] = columns[c]->values;
    // Angles relative to their sample mean: the trunk model already stands with its own pelvic tilt, and
    // the mean pelvis rotation is the heading of the trial, which the model does not have.
    if (c >= kFirstAngle) {
      const double mean = std::accumulate(value_[c].begin(), value_[c].end(), 0.0) / n;
      mean_angle_rad_[c - kFirstAngle] = mean;
      for (double& v : value_[c]) v -= mean;
    }
    second_[c] = notAKnotSecondDerivatives(time_s_, value_[c]);
  }
}

BaseKinematics MeasuredPelvisMotion::at(double time_s) const {
  std::array<Jet, kCoordinates> q;
  const std::size_t n = time_s_.size();
  if (time_s < time_s_.front() || time_s > time_s_.back()) {
    // Outside the file: hold the nearest end still (documented in docs/motion-files.md).
    const std::size_t i = time_s < time_s_.front() ? 0 : n - 1;
    for (int c = 0; c < kCoordinates; ++c) q[c] = {value_[c][i], 0.0, 0.0};
  } else {
    const auto after = std::upper_bound(time_s_.begin(), time_s_.end(), time_s);
    const std::size_t i = std::min<std::size_t>(after - time_s_.begin(), n - 1) - 1;
    for (int c = 0; c < kCoordinates; ++c) q[c] = evaluateSpline(time_s_, value_[c], second_[c], i, time_s);
  }
  const Mat3 C = openSimToWorld();
  // OpenSim's pelvis joint (gait2392, Rajagopal 2016) turns body-fixed about Z (tilt), X (list), Y
  // (rotation): R_os = Rz Rx Ry. Mapped by C (Z -> -y, X -> x, Y -> z), C R_os Cᵀ = Ry(-tilt) Rx(list)
  // Rz(rotation): spineload's y-x-z sequence with the tilt negated.
  const EulerYXZKinematics e = eulerYXZ(Vec3(-q[kTilt].q, q[kList].q, q[kRotation].q),
                                        Vec3(-q[kTilt].dq, q[kList].dq, q[kRotation].dq),
                                        Vec3(-q[kTilt].ddq, q[kList].ddq, q[kRotation].ddq));
  BaseKinematics k;
  k.p_WB_W = C * Vec3(q[kTx].q, q[kTy].q, q[kTz].q);
  k.v_WB_W = C * Vec3(q[kTx].dq, q[kTy].dq, q[kTz].dq);
  k.a_WB_W = C * Vec3(q[kTx].ddq, q[kTy].ddq, q[kTz].ddq);
  // R_WB = lean · C R_os Cᵀ; a constant rotation maps angular velocity and acceleration alike.
  k.R_WB = lean_ * e.R;
  k.w_WB_W = lean_ * e.omega;
  k.dw_WB_W = lean_ * e.omega_dot;
  return k;
}

void MeasuredPelvisMotion::appendParameters(std::vector<double>& out) const {
  out.insert(out.end(), lean_.data(), lean_.data() + 9);
  out.push_back(static_cast<double>(time_s_.size()));
  out.insert(out.end(), time_s_.begin(), time_s_.end());
  out.insert(out.end(), mean_angle_rad_.begin(), mean_angle_rad_.end());
  for (const std::vector<double>& v : value_) out.insert(out.end(), v.begin(), v.end());
}

}  // namespace spineload
