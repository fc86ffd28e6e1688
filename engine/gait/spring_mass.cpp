#include "engine/gait/spring_mass.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace spineload {
namespace {

// Integration step of the stance: the stance lasts ~0.1-0.3 s, so this gives 5 000-15 000 RK4 steps and
// contact times converged to better than 1e-9 s (tests/test_spring_mass.cpp halves it).
constexpr double kStanceStep_s = 2.0e-5;

struct StanceState {
  double x, y, vx, vy;  // mass relative to the contact point: x forward, y up
};

struct Trial {
  double vx0, vy0, angle, stiffness;
};

// (sqrt of the sum of squares, not std::hypot: lengths of about a metre cannot overflow, and hypot's
// care costs most of a sweep point's gait plan, four calls per RK4 step at 20 µs steps.)
double legLength(double x, double y) {
  return std::sqrt(x * x + y * y);
}

StanceState derivative(const SpringMassBody& b, double k, const StanceState& s) {
  const double L = legLength(s.x, s.y);
  const double F = L < b.leg_length_m ? k * (b.leg_length_m - L) : 0.0;
  return {s.vx, s.vy, F * s.x / (L * b.mass_kg), F * s.y / (L * b.mass_kg) - b.gravity_m_s2};
}

StanceState rk4(const SpringMassBody& b, double k, const StanceState& s, double h) {
  const auto add = [](const StanceState& a, const StanceState& d, double f) {
    return StanceState{a.x + f * d.x, a.y + f * d.y, a.vx + f * d.vx, a.vy + f * d.vy};
  };
  const StanceState k1 = derivative(b, k, s);
  const StanceState k2 = derivative(b, k, add(s, k1, 0.5 * h));
  const StanceState k3 = derivative(b, k, add(s, k2, 0.5 * h));
  const StanceState k4 = derivative(b, k, add(s, k3, h));
  return {s.x + h / 6 * (k1.x + 2 * k2.x + 2 * k3.x + k4.x),
          s.y + h / 6 * (k1.y + 2 * k2.y + 2 * k3.y + k4.y),
          s.vx + h / 6 * (k1.vx + 2 * k2.vx + 2 * k3.vx + k4.vx),
          s.vy + h / 6 * (k1.vy + 2 * k2.vy + 2 * k3.vy + k4.vy)};
}

StanceState touchdown(const SpringMassBody& b, const Trial& t) {
  return {-b.leg_length_m * std::sin(t.angle), b.leg_length_m * std::cos(t.angle), t.vx0, -t.vy0};
}

struct MidStance {
  double t_s = 0.0;
  StanceState s{};
  bool reached = false;  // false: the mass left the ground or stopped before passing over the foot
};

// Integrates from touchdown until the mass passes over the contact point (x = 0), linear interpolation
// of the crossing. Stops early if the leg extends back to L0 (take-off before mid-stance) or x stalls.
MidStance toMidStance(const SpringMassBody& b, const Trial& t, double h) {
  StanceState s = touchdown(b, t);
  double time = 0.0;
  const int max_steps = static_cast<int>(1.0 / h);
  for (int i = 0; i < max_steps; ++i) {
    const StanceState n = rk4(b, t.stiffness, s, h);
    if (n.x >= 0.0) {
      const double f = -s.x / (n.x - s.x);
      return {time + f * h,
              {0.0, s.y + f * (n.y - s.y), s.vx + f * (n.vx - s.vx), s.vy + f * (n.vy - s.vy)},
              true};
    }
    if (i > 0 && legLength(n.x, n.y) >= b.leg_length_m) break;
    s = n;
    time += h;
  }
  return {};
}

Eigen::Vector3d residual(const SpringMassBody& b, double v, double T, const Trial& t) {
  const MidStance m = toMidStance(b, t, kStanceStep_s);
  if (!m.reached) return Eigen::Vector3d::Constant(1e3);
  const double flight = 2.0 * t.vy0 / b.gravity_m_s2;
  const double d = b.leg_length_m * std::sin(t.angle);
  return {m.s.vy / v, (2.0 * m.t_s + flight - T) / T, (2.0 * d + t.vx0 * flight - v * T) / (v * T)};
}

Eigen::Vector3d pack(const Trial& t, SpringMassUnknown u) {
  return {t.vx0, t.vy0, u == SpringMassUnknown::LegStiffness ? t.stiffness / 1e4 : t.angle};
}

Trial unpack(const Eigen::Vector3d& x, Trial t, SpringMassUnknown u) {
  t.vx0 = x[0];
  t.vy0 = x[1];
  if (u == SpringMassUnknown::LegStiffness)
    t.stiffness = x[2] * 1e4;
  else
    t.angle = x[2];
  return t;
}

// Where the Newton iterate may go: numerical guards, not physiology. The touchdown angle stays below
// 1.3 rad (75°, far beyond running's ~20-40°) and the dimensionless stiffness k L0 / (m g) below 1000
// (running: ~10-30; Blickhan 1989), so a step cannot leave the family of running gaits.
bool admissible(const SpringMassBody& b, const Trial& t) {
  return t.vx0 > 0.0 && t.vy0 > 0.0 && t.angle > 0.0 && t.angle < 1.3 && t.stiffness > 0.0 &&
         t.stiffness < 1e3 * b.mass_kg * b.gravity_m_s2 / b.leg_length_m;
}

// Start from the sine-wave approximation (Morin et al. 2005): with the angle given, the contact lasts about
// as long as the mass takes to travel 2 L0 sin θ; with the stiffness given, take 60 % of the step.
Trial initialGuess(const SpringMassBody& b, double v, double T, SpringMassUnknown u, double given) {
  const double tc = u == SpringMassUnknown::LegStiffness
                        ? std::min(2.0 * b.leg_length_m * std::sin(given) / v, 0.9 * T)
                        : 0.6 * T;
  Trial t{v, 0.5 * b.gravity_m_s2 * (T - tc), 0.0, 0.0};
  if (u == SpringMassUnknown::LegStiffness) {
    t.angle = given;
    t.stiffness = morinLegStiffness(b.mass_kg, b.leg_length_m, v, tc, T - tc, b.gravity_m_s2);
  } else {
    t.stiffness = given;
    t.angle = std::asin(std::min(0.5 * v * tc, 0.8 * b.leg_length_m) / b.leg_length_m);
  }
  return t;
}

[[noreturn]] void noGait(const SpringMassBody& b, double v, double f, SpringMassUnknown u, double given,
                         const char* why) {
  std::ostringstream m;
  m << "no periodic spring-mass running gait at speed " << v << " m/s, step frequency " << f
    << " Hz, leg length " << b.leg_length_m << " m and "
    << (u == SpringMassUnknown::LegStiffness ? "overstride " : "leg stiffness ")
    << (u == SpringMassUnknown::LegStiffness ? b.leg_length_m * std::sin(given) : given)
    << (u == SpringMassUnknown::LegStiffness ? " m" : " N/m") << " (" << why
    << "); try a higher step frequency or a smaller overstride";
  throw std::invalid_argument(m.str());
}

void sampleStance(const SpringMassBody& b, const Trial& t, double t_mid, SpringMassGait& g) {
  const int n_half = static_cast<int>(std::ceil(t_mid / kStanceStep_s));
  const double h = t_mid / n_half;
  std::vector<double> fx(n_half + 1), fy(n_half + 1);
  StanceState s = touchdown(b, t);
  for (int i = 0; i <= n_half; ++i) {
    const StanceState d = derivative(b, t.stiffness, s);
    fx[i] = b.mass_kg * d.vx;
    fy[i] = b.mass_kg * (d.vy + b.gravity_m_s2);
    if (i < n_half) s = rk4(b, t.stiffness, s, h);
  }
  // The stance is symmetric about mid-stance: mirror the first half (fore-aft changes sign).
  g.sample_dt_s = h;
  g.force_x_n.resize(2 * n_half + 1);
  g.force_y_n.resize(2 * n_half + 1);
  for (int i = 0; i <= n_half; ++i) {
    g.force_x_n[i] = fx[i];
    g.force_y_n[i] = fy[i];
    g.force_x_n[2 * n_half - i] = -fx[i];
    g.force_y_n[2 * n_half - i] = fy[i];
  }
  g.force_x_n[n_half] = 0.0;
}

}  // namespace

SpringMassGait solveSpringMass(const SpringMassBody& b, double v, double f, SpringMassUnknown u,
                               double given) {
  if (!(v > 0.0) || !(f > 0.0) || !(b.mass_kg > 0.0) || !(b.leg_length_m > 0.0) || !(given > 0.0))
    throw std::invalid_argument(
        "solveSpringMass: speed, step frequency, mass, leg length and the given "
        "angle or stiffness must be positive");
  const double T = 1.0 / f;
  Trial t = initialGuess(b, v, T, u, given);
  Eigen::Vector3d r = residual(b, v, T, t);
  int it = 0;
  for (; it < 60 && r.norm() > 1e-12; ++it) {
    Eigen::Matrix3d J;
    const Eigen::Vector3d x = pack(t, u);
    for (int j = 0; j < 3; ++j) {
      Eigen::Vector3d xp = x;
      const double dx = 1e-7 * std::max(1.0, std::abs(x[j]));
      xp[j] += dx;
      J.col(j) = (residual(b, v, T, unpack(xp, t, u)) - r) / dx;
    }
    const Eigen::Vector3d step = J.fullPivLu().solve(-r);
    double lambda = 1.0;  // backtracking: halve the step until the residual falls
    for (; lambda > 1e-4; lambda *= 0.5) {
      const Trial n = unpack(x + lambda * step, t, u);
      if (!admissible(b, n)) continue;
      const Eigen::Vector3d rn = residual(b, v, T, n);
      if (rn.norm() < r.norm()) {
        t = n;
        r = rn;
        break;
      }
    }
    if (lambda <= 1e-4) noGait(b, v, f, u, given, "the solver stalled");
  }
  if (!(r.norm() <= 1e-9)) noGait(b, v, f, u, given, "the solver did not converge");
  const MidStance m = toMidStance(b, t, kStanceStep_s);
  SpringMassGait g;
  g.speed_m_s = v;
  g.step_frequency_hz = f;
  g.leg_stiffness_n_m = t.stiffness;
  g.touchdown_angle_rad = t.angle;
  g.overstride_m = b.leg_length_m * std::sin(t.angle);
  g.touchdown_vx_m_s = t.vx0;
  g.touchdown_vy_m_s = t.vy0;
  g.contact_time_s = 2.0 * m.t_s;
  g.flight_time_s = 2.0 * t.vy0 / b.gravity_m_s2;
  g.com_drop_m = b.leg_length_m * std::cos(t.angle) - m.s.y;
  g.leg_compression_m = b.leg_length_m - m.s.y;
  g.peak_force_n = t.stiffness * g.leg_compression_m;
  g.iterations = it;
  sampleStance(b, t, m.t_s, g);
  return g;
}

void springMassForce(const SpringMassGait& g, double t_s, double& fx_n, double& fy_n) {
  fx_n = fy_n = 0.0;
  if (t_s < 0.0 || g.force_y_n.empty()) return;
  const double u = t_s / g.sample_dt_s;
  const std::size_t i = static_cast<std::size_t>(u);
  if (i + 1 >= g.force_y_n.size()) return;
  const double w = u - static_cast<double>(i);
  fx_n = (1.0 - w) * g.force_x_n[i] + w * g.force_x_n[i + 1];
  fy_n = (1.0 - w) * g.force_y_n[i] + w * g.force_y_n[i + 1];
}

double morinLegStiffness(double m, double L, double v, double tc, double tf, double g) {
  const double f_max = m * g * (M_PI / 2.0) * (tf / tc + 1.0);                // eq 6
  const double dy = f_max * tc * tc / (m * M_PI * M_PI) - g * tc * tc / 8.0;  // eq 7
  const double dL = L - std::sqrt(L * L - 0.25 * v * v * tc * tc) + dy;       // eq 9
  return f_max / dL;                                                          // eq 8
}

}  // namespace spineload
