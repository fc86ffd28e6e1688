// The anatomical trunk: masses, levels, balance over the sacrum, the load at each level in a held standing
// posture (weight above, by hand), and the direction and rough size of each posture parameter's effect.
#include <gtest/gtest.h>

#include "engine/anatomy/trunk_builder.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/dynamics/rnea.hpp"
#include "engine/metrics/level_loads.hpp"

namespace spineload {
namespace {

constexpr double kG = 9.81;

PostureParams normalPosture() {
  PostureParams p;
  p.thoracic_kyphosis_deg = 33.2;
  p.lumbar_lordosis_deg = 47.4;
  return p;
}

TrunkModel build(const PostureParams& p, TrunkGeometry* g = nullptr) {
  return buildTrunk({73.0, 1.741}, p,
                    std::make_shared<VerticalSinusoid>(Mat3::Identity(), Vec3::Zero(), 0.0, 1.0), g);
}

// Loads at every level when the neutral posture is held static (inverse dynamics, v = q̈ = 0).
std::map<std::string, LevelLoad> heldLoads(const TrunkModel& t, const Mat3& R_pelvis = Mat3::Identity()) {
  const Model& m = *t.model;
  Data d(m);
  d.base.R_WB = R_pelvis;
  rnea(m, d, d.q, d.v, Eigen::VectorXd::Zero(m.nv));
  std::map<std::string, LevelLoad> out;
  for (const SpineLevel& l : t.levels) out[l.name] = levelLoad(m, d, d.q, l.body);
  return out;
}

// Mass of a body and all its descendants (the shoulder girdles hang from T2, so "above T1" excludes them).
double massAbove(const Model& m, int body) {
  double above = 0.0;
  for (int i = 0; i < m.nbodies(); ++i) {
    int j = i;
    while (j > body) j = m.bodies[j].parent;
    if (j == body) above += m.bodies[i].inertia.mass_kg;
  }
  return above;
}

TEST(TrunkBuilder, MassesFromTheSources) {
  const TrunkModel t = build(normalPosture());
  // whole trunk (Pearsall 0.416) + head and neck (de Leva 0.0694) + two arms (de Leva 2 x 0.0494)
  EXPECT_NEAR(t.model->totalMass(), 73.0 * (0.416 + 0.0694 + 2 * 0.0494), 1e-9);
  EXPECT_EQ(t.model->nbodies(), 24);  // pelvis, 17 vertebrae, neck, head, 2 shoulder girdles, 2 arms
  EXPECT_NEAR(t.model->bodies[t.model->findBody("L5")].inertia.mass_kg, 73.0 * 0.026, 1e-9);
  const TrunkModel big =
      buildTrunk({90.0, 1.9}, normalPosture(),
                 std::make_shared<VerticalSinusoid>(Mat3::Identity(), Vec3::Zero(), 0.0, 1.0));
  EXPECT_NEAR(big.model->totalMass() / t.model->totalMass(), 90.0 / 73.0, 1e-12);
}

TEST(TrunkBuilder, HasEveryPublicLevel) {
  const TrunkModel t = build(normalPosture());
  for (const char* name :
       {"C7_T1", "T1_T2", "T2_T3", "T3_T4", "T4_T5", "T5_T6", "T6_T7", "T7_T8", "T8_T9", "T9_T10", "T10_T11",
        "T11_T12", "T12_L1", "L1_L2", "L2_L3", "L3_L4", "L4_L5", "L5_S1", "C0_C2"})
    EXPECT_NE(t.findLevel(name), nullptr) << name;
  EXPECT_EQ(t.model->bodies[t.findLevel("L5_S1")->body].name, "L5");
}

TEST(TrunkBuilder, SpineBalancesOverTheSacrum) {
  TrunkGeometry g;
  build(normalPosture(), &g);
  EXPECT_NEAR(g.c7_offset_m, -0.0265, 1e-6) << "the balance rule's target (trunk_anatomy.toml sva_target_m)";
  EXPECT_NEAR(g.sacral_slope_deg + g.pelvic_tilt_deg, 51.0, 1e-9) << "pelvic incidence";
  EXPECT_GT(g.pelvic_tilt_deg, 0.0);
  EXPECT_LT(g.pelvic_tilt_deg, 40.0);
}

TEST(TrunkBuilder, StandingLevelsCarryTheWeightAbove) {
  const TrunkModel t = build(normalPosture());
  const auto loads = heldLoads(t);
  double previous = 0.0;
  for (const SpineLevel& l : t.levels) {  // top (C7_T1) to bottom (L5_S1)
    if (l.name == "C0_C2") continue;
    const LevelLoad& x = loads.at(l.name);
    const double force = std::hypot(x.compression_n, x.shear_ap_n, x.shear_ml_n);
    EXPECT_NEAR(force, massAbove(*t.model, l.body) * kG, 1e-9) << l.name;
    EXPECT_GE(x.compression_n, previous - 1e-9) << "compression grows from T1 to L5: " << l.name;
    previous = x.compression_n;
  }
  // Order of magnitude: L5-S1 carries the upper body, about half of body weight.
  EXPECT_GT(loads.at("L5_S1").compression_n, 0.35 * 73.0 * kG);
  EXPECT_LT(loads.at("L5_S1").compression_n, 0.55 * 73.0 * kG);
}

double thoracicMoment(const std::map<std::string, LevelLoad>& loads) {
  double sum = 0.0;
  for (const char* l : {"T4_T5", "T5_T6", "T6_T7", "T7_T8", "T8_T9", "T9_T10", "T10_T11"})
    sum += loads.at(l).moment_fe_nm;
  return sum / 7.0;
}

TEST(TrunkBuilder, HyperkyphosisRaisesTheThoracicExtensorMoment) {
  PostureParams kyphotic = normalPosture();
  kyphotic.thoracic_kyphosis_deg = 55.0;  // hyperkyphosis (> 40 deg)
  const double normal = thoracicMoment(heldLoads(build(normalPosture())));
  const double more = thoracicMoment(heldLoads(build(kyphotic)));
  EXPECT_GT(normal, 0.0) << "the upper body hangs in front of the thoracic levels";
  EXPECT_GT(more, 1.1 * normal);
  EXPECT_LT(more, 3.0 * normal);
  // The mass above T8 moves forward of the T8-T9 disc (the spine stays balanced over the sacrum, so relative
  // to the pelvis the pelvis tilts back instead).
  const auto comAheadOfT8 = [](const PostureParams& p) {
    const TrunkModel t = build(p);
    const Model& m = *t.model;
    Data d(m);
    forwardKinematics(m, d, d.q, d.v);
    const int t8 = m.findBody("T8");
    Vec3 first = Vec3::Zero();
    double mass = 0.0;
    for (int i = t8 + 1; i < m.nbodies(); ++i) {
      const RigidInertia& I = m.bodies[i].inertia;
      first += I.mass_kg * (d.X_world[i].r + d.X_world[i].E.transpose() * I.com());
      mass += I.mass_kg;
    }
    return first.x() / mass - d.X_world[t8].r.x();
  };
  EXPECT_GT(comAheadOfT8(kyphotic), comAheadOfT8(normalPosture()) + 0.01);
}

TEST(TrunkBuilder, ForwardHeadRaisesTheNeckAndUpperThoracicMoments) {
  PostureParams forward = normalPosture();
  forward.forward_head_m = 0.02;
  const auto a = heldLoads(build(normalPosture())), b = heldLoads(build(forward));
  // The head (4.6 kg) moved 2 cm forward: about 0.9 N m more flexion moment at C7-T1 and below.
  EXPECT_NEAR(b.at("C7_T1").moment_fe_nm - a.at("C7_T1").moment_fe_nm, 4.6355 * kG * 0.02, 0.15);
  EXPECT_GT(b.at("T1_T2").moment_fe_nm, a.at("T1_T2").moment_fe_nm + 0.5);
}

TEST(TrunkBuilder, TrunkLeanRaisesTheFlexionMomentAtEveryLevel) {
  // The whole trunk pitched 10 deg forward about the hips, posture held, arms hanging plumb. The flexion
  // moment rises at every thoracic level and grows with the height of the mass above: most at L5-S1.
  PostureParams leaning = normalPosture();
  leaning.trunk_lean_deg = 10.0;
  const Mat3 lean = Eigen::AngleAxisd(10.0 * M_PI / 180.0, Vec3::UnitY()).toRotationMatrix();
  const auto a = heldLoads(build(normalPosture())), b = heldLoads(build(leaning), lean);
  for (const char* l : {"T2_T3", "T4_T5", "T6_T7"})
    EXPECT_GT(b.at(l).moment_fe_nm, a.at(l).moment_fe_nm) << l;
  double previous_gain = 0.0;
  for (const char* l : {"T8_T9", "T12_L1", "L3_L4", "L5_S1"}) {
    const double gain = b.at(l).moment_fe_nm - a.at(l).moment_fe_nm;
    EXPECT_GT(gain, previous_gain) << l;
    previous_gain = gain;
  }
  // At L5-S1: the weight above (35 kg) times the lever a 10 deg lean gives its centre, about 0.25 m high.
  EXPECT_NEAR(b.at("L5_S1").moment_fe_nm - a.at("L5_S1").moment_fe_nm, 35.2 * kG * 0.25 * std::sin(0.1745),
              5.0);
}

TEST(TrunkBuilder, LordosisSteepensTheSacrumAndTheLumbosacralShear) {
  // More lordosis balances over a steeper sacrum (sacral slope tracks lordosis, as in standing adults), so
  // the L5-S1 disc is more inclined and carries more of the weight above as anterior shear.
  PostureParams flat = normalPosture(), deep = normalPosture();
  flat.lumbar_lordosis_deg = 30.0;
  deep.lumbar_lordosis_deg = 65.0;
  TrunkGeometry g_flat, g_deep;
  const auto a = heldLoads(build(flat, &g_flat)), b = heldLoads(build(deep, &g_deep));
  EXPECT_GT(g_deep.sacral_slope_deg, g_flat.sacral_slope_deg + 20.0);
  EXPECT_GT(b.at("L5_S1").shear_ap_n, a.at("L5_S1").shear_ap_n + 100.0);
  // The shear is the weight above (345 N) times the sine of the disc's inclination: at most that weight.
  EXPECT_LT(b.at("L5_S1").shear_ap_n, 345.0);
}

TEST(TrunkBuilder, ScoliosisLoadsTheCurveInLateralBending) {
  PostureParams p = normalPosture();
  const auto straight = heldLoads(build(p));
  for (const auto& [name, load] : straight) EXPECT_NEAR(load.moment_lb_nm, 0.0, 1e-9) << name;
  double peak15 = 0.0, peak30 = 0.0;
  p.scoliosis_cobb_deg = 15.0;
  for (const auto& [name, load] : heldLoads(build(p))) peak15 = std::max(peak15, std::abs(load.moment_lb_nm));
  p.scoliosis_cobb_deg = 30.0;
  for (const auto& [name, load] : heldLoads(build(p))) peak30 = std::max(peak30, std::abs(load.moment_lb_nm));
  EXPECT_GT(peak15, 1.0);
  EXPECT_NEAR(peak30 / peak15, 2.0, 0.2) << "small-angle: the lateral moments grow with the Cobb angle";
  // A right convexity puts the apex (T9) to the right (-y) of the spine's ends.
  const TrunkModel curved = build(p);
  Data d(*curved.model);
  forwardKinematics(*curved.model, d, d.q, d.v);
  const Model& m = *curved.model;
  EXPECT_LT(d.X_world[m.findBody("T9")].r.y(), d.X_world[m.findBody("L5")].r.y() - 0.005);
  EXPECT_LT(d.X_world[m.findBody("T9")].r.y(), d.X_world[m.findBody("neck")].r.y() - 0.005);
}

}  // namespace
}  // namespace spineload
