// Our muscle path geometry (engine/muscles/muscle_set.cpp) against MuJoCo 2.2.2's spatial tendons, an
// independent second implementation, on the full running model (24 bodies, 190 fascicles) exported with
// exportMjcf(options.muscles): path lengths, the moment-arm matrix R, the lengthening rates and the
// generalized force of given tensions (ours through addMuscleWrenches) must agree to 1e-10 relative.
//
// Conventions (engine/muscles/muscle_set.hpp; MuJoCo's mjData):
//  - MuJoCo's tendon Jacobian ten_J (ntendon × nv) is ∂l/∂q in its velocity coordinates; ours is R = −∂l/∂q
//    (nv × n), so R = −ten_Jᵀ. A ball joint's qvel is the angular velocity in the child frame, as ours, and
//    hinge and slide coordinates are the same scalars (bench/bench_mujoco.cpp): only the DOF order differs
//    (MuJoCo numbers bodies depth first), so joints are matched by body name.
//  - ten_J is dense below nv = 60 and compressed by rows (ten_J_rownnz/rowadr/colind) above, which the
//    trunk's nv = 69 selects (mjJAC_AUTO); each state is compared with both layouts (mjOption.jacobian
//    set to dense, then sparse: two code paths in mj_tendon). actuator_moment (nu × nv) is dense in 2.2.2.
//  - A muscle's actuator_force is negative (it pulls, shortening the tendon): our tension is its negation.
//  - The prescribed pelvis is a mocap body in MuJoCo, fixed where the MJCF puts it; ours sits where its
//    prescribed motion puts it at t = 0. Path lengths do not depend on where the whole tree is, and both
//    rates ignore the base's own motion (l̇ = −Rᵀ v over the joints), so neither difference shows.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>

#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/dynamics/rnea.hpp"
#include "engine/io/mjcf_export.hpp"
#include "engine/muscles/muscle_set.hpp"
#include "engine/run/run_scenario.hpp"
#include "tests/test_support.hpp"

#ifdef SPINELOAD_HAVE_MUJOCO
#include <mujoco/mujoco.h>
#endif

namespace spineload {
namespace {

const TrunkModel& runningTrunk() {
  static const TrunkModel trunk =
      buildScenarioModel(toScenarioSpec(parseScenarioText("", "test.toml", test::parameterTable())));
  return trunk;
}

int countOf(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(MjcfMuscles, OneSitePerPathPointAndOneTendonAndActuatorPerFascicle) {
  const TrunkModel& trunk = runningTrunk();
  const MuscleSet& set = *trunk.muscles;
  MjcfOptions options;
  options.muscles = &set;
  const std::string xml = exportMjcf(*trunk.model, options);
  EXPECT_EQ(countOf(xml, "<site name="), static_cast<int>(set.points.size()));
  EXPECT_EQ(countOf(xml, "<spatial name="), set.size());
  EXPECT_EQ(countOf(xml, "<muscle name="), set.size());
  EXPECT_NE(xml.find("useexisting=\"true\""), std::string::npos);
  const Muscle& m = set.muscles.front();
  EXPECT_NE(xml.find("<spatial name=\"" + m.name + "\">"), std::string::npos);
  EXPECT_NE(xml.find("<muscle name=\"" + m.name + "\" tendon=\"" + m.name + "\""), std::string::npos);
  // Without muscles the export is the rigid tree alone.
  const std::string bare = exportMjcf(*trunk.model);
  EXPECT_EQ(bare.find("<tendon>"), std::string::npos);
  EXPECT_EQ(bare.find("<actuator>"), std::string::npos);
}

TEST(MjcfMuscles, MapsTheLengthRangeToOurNormalizedFibreLength) {
  const MuscleSet& set = *runningTrunk().muscles;
  for (const Muscle& m : set.muscles) {
    const MjcfMuscle p = mjcfMuscle(m, set.hill);
    const double L0 = (p.lengthrange_m[1] - p.lengthrange_m[0]) / (p.range[1] - p.range[0]);
    EXPECT_NEAR(L0, m.optimal_fiber_length_m, 1e-14) << m.name;
    // MuJoCo's L at the length where our fibre (without pennation) is at its optimal length is 1.
    const double l = m.tendon_slack_length_m + m.optimal_fiber_length_m;
    EXPECT_NEAR(p.range[0] + (l - p.lengthrange_m[0]) / L0, 1.0, 1e-12) << m.name;
    EXPECT_EQ(p.force_n, m.max_isometric_force_n);
    EXPECT_EQ(p.timeconst_s[0], set.hill.activation_time_s);
    EXPECT_EQ(p.timeconst_s[1], set.hill.deactivation_time_s);
  }
}

TEST(MjcfMuscles, RejectsPathsOnBodiesTheModelDoesNotHave) {
  const TrunkModel& trunk = runningTrunk();
  MuscleSet broken = *trunk.muscles;
  broken.points[broken.muscles[3].first_point + 1].body = trunk.model->nbodies();
  MjcfOptions options;
  options.muscles = &broken;
  try {
    exportMjcf(*trunk.model, options);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(broken.muscles[3].name), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace spineload

#ifdef SPINELOAD_HAVE_MUJOCO
namespace spineload {
namespace {

constexpr double kTolerance = 1e-10;

struct MjModelDeleter {
  void operator()(mjModel* m) const { mj_deleteModel(m); }
};
struct MjDataDeleter {
  void operator()(mjData* d) const { mj_deleteData(d); }
};

// The running trunk in MuJoCo, loaded once for the suite (from memory, through a virtual file system, as
// tests/test_mujoco_reference.cpp), and the map from our velocity index to MuJoCo's DOF.
struct MujocoTrunk {
  std::unique_ptr<mjModel, MjModelDeleter> m;
  std::unique_ptr<mjData, MjDataDeleter> d;
  std::vector<int> mj_dof;  ///< per our velocity index
  std::string load_error;
};

std::unique_ptr<mjModel, MjModelDeleter> loadFromString(const std::string& xml, std::string& error) {
  auto vfs = std::make_unique<mjVFS>();  // about 2 MB: not on the stack
  mj_defaultVFS(vfs.get());
  const char* name = "trunk_muscles.xml";
  if (mj_makeEmptyFileVFS(vfs.get(), name, static_cast<int>(xml.size())) != 0) {
    error = "mj_makeEmptyFileVFS failed";
    return nullptr;
  }
  std::memcpy(vfs->filedata[mj_findFileVFS(vfs.get(), name)], xml.data(), xml.size());
  char buffer[1000] = "";
  std::unique_ptr<mjModel, MjModelDeleter> m(mj_loadXML(name, vfs.get(), buffer, sizeof buffer));
  mj_deleteVFS(vfs.get());
  error = buffer;
  return m;
}

const MujocoTrunk& mujocoTrunk() {
  static const MujocoTrunk trunk = [] {
    const TrunkModel& ours = runningTrunk();
    MjcfOptions options;
    options.model_name = "trunk_muscles";
    options.muscles = ours.muscles.get();
    MujocoTrunk t;
    t.m = loadFromString(exportMjcf(*ours.model, options), t.load_error);
    if (!t.m) return t;
    t.d.reset(mj_makeData(t.m.get()));
    t.mj_dof.assign(ours.model->nv, -1);
    for (const Body& b : ours.model->bodies) {
      const int body = mj_name2id(t.m.get(), mjOBJ_BODY, b.name.c_str());
      if (b.nv == 0 || body < 0 || t.m->body_jntnum[body] != 1) continue;
      const int dof = t.m->jnt_dofadr[t.m->body_jntadr[body]];
      for (int k = 0; k < b.nv; ++k) t.mj_dof[b.v_index + k] = dof + k;
    }
    return t;
  }();
  return trunk;
}

// "T7[2]": the body whose joint holds velocity index j, and the component.
std::string dofName(const Model& model, int j) {
  for (const Body& b : model.bodies)
    if (j >= b.v_index && j < b.v_index + b.nv) return b.name + "[" + std::to_string(j - b.v_index) + "]";
  return "?";
}

// ten_J as a dense ntendon × nv matrix in MuJoCo's DOF order, from either of its 2.2.2 layouts.
Eigen::MatrixXd tendonJacobian(const mjModel* m, const mjData* d) {
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(m->ntendon, m->nv);
  for (int t = 0; t < m->ntendon; ++t) {
    if (!mj_isSparse(m)) {
      for (int k = 0; k < m->nv; ++k) J(t, k) = d->ten_J[t * m->nv + k];
      continue;
    }
    for (int k = 0; k < d->ten_J_rownnz[t]; ++k) {
      const int at = d->ten_J_rowadr[t] + k;
      J(t, d->ten_J_colind[at]) = d->ten_J[at];
    }
  }
  return J;
}

// The largest relative disagreement of one quantity and where it is, for the failure message.
struct Worst {
  double rel = 0.0;
  int muscle = -1, dof = -1;
  double ours = 0.0, theirs = 0.0;

  void update(double ours_value, double theirs_value, double scale, int muscle_index, int dof_index = -1) {
    const double r = std::abs(ours_value - theirs_value) / std::max(scale, 1e-300);
    if (r <= rel) return;
    *this = {r, muscle_index, dof_index, ours_value, theirs_value};
  }
  std::string describe(const Model& model, const MuscleSet& set) const {
    if (rel == 0.0) return "bit-identical";
    std::ostringstream s;
    s.precision(17);
    s << "worst relative difference " << rel;
    if (muscle >= 0) s << " at fascicle " << set.muscles[muscle].name;
    if (dof >= 0) s << ", DOF " << dof << " (" << dofName(model, dof) << ")";
    s << ": ours " << ours << ", MuJoCo " << theirs;
    return s.str();
  }
};

struct Agreement {
  Worst length, arm, velocity, actuator_length, actuator_moment, generalized_force;
};

// Sets MuJoCo's joints to (q, v), every muscle's activation and control to `activation`, and runs mj_forward.
void setMujocoState(const Model& model, const MujocoTrunk& t, const Eigen::VectorXd& q,
                    const Eigen::VectorXd& v, double activation) {
  mjModel* m = t.m.get();
  mjData* d = t.d.get();
  mj_resetData(m, d);
  for (const Body& b : model.bodies) {
    const int body = mj_name2id(m, mjOBJ_BODY, b.name.c_str());
    if (b.nv == 0 || body < 0) continue;
    const int joint = m->body_jntadr[body];
    for (int k = 0; k < b.nq; ++k) d->qpos[m->jnt_qposadr[joint] + k] = q[b.q_index + k];
    for (int k = 0; k < b.nv; ++k) d->qvel[m->jnt_dofadr[joint] + k] = v[b.v_index + k];
  }
  for (int i = 0; i < m->nu; ++i) d->ctrl[i] = activation;
  for (int i = 0; i < m->na; ++i) d->act[i] = activation;
  mj_forward(m, d);
}

// The generalized force of tensions F through our body wrenches: RNEA without them minus RNEA with them
// (rnea gives M q̈ + C − Jᵀ f_ext), at the same (q, v, q̈ = 0).
Eigen::VectorXd generalizedForceOfTensions(const Model& model, Data& d, const MuscleSet& set,
                                           MuscleGeometry& g, const Eigen::VectorXd& q,
                                           const Eigen::VectorXd& v, const Eigen::VectorXd& tension_n) {
  const Eigen::VectorXd qdd = Eigen::VectorXd::Zero(model.nv);
  for (Vec6& f : d.f_ext) f.setZero();
  rnea(model, d, q, v, qdd);
  const Eigen::VectorXd without = d.tau_id;
  addMuscleWrenches(d, set, g, tension_n, d.f_ext);
  rnea(model, d, q, v, qdd);
  const Eigen::VectorXd with = d.tau_id;
  for (Vec6& f : d.f_ext) f.setZero();
  return without - with;
}

Agreement compareAt(const Eigen::VectorXd& q, const Eigen::VectorXd& v, int jacobian_layout) {
  const TrunkModel& trunk = runningTrunk();
  const Model& model = *trunk.model;
  const MuscleSet& set = *trunk.muscles;
  const MujocoTrunk& t = mujocoTrunk();
  Data d(model);
  updatePrescribedBase(model, d, 0.0);
  forwardKinematics(model, d, q, v);
  MuscleGeometry g(model, set);
  updateMuscleGeometry(model, d, v, set, g);
  const Eigen::MatrixXd R = denseMomentArms(model, set, g);

  t.m->opt.jacobian = jacobian_layout;  // read at run time (mj_isSparse); sizes do not depend on it
  setMujocoState(model, t, q, v, 0.2);
  const mjModel* m = t.m.get();
  const mjData* md = t.d.get();
  EXPECT_EQ(mj_isSparse(m) != 0, jacobian_layout == mjJAC_SPARSE);
  const Eigen::MatrixXd J = tendonJacobian(m, md);
  Eigen::VectorXd tension(set.size());
  Eigen::VectorXd qfrc_mj(model.nv);
  for (int j = 0; j < model.nv; ++j) qfrc_mj[j] = md->qfrc_actuator[t.mj_dof[j]];

  // Scales for the relative differences: per fascicle, its largest moment arm and Σ_j |R_ji v_j| (the terms
  // its rate sums, which bound the rate's round-off). Two fascicles (transversus abdominis, middle part)
  // lie in one body (L3): their column of R is zero, and they are held to the scales of the whole matrix.
  const Eigen::VectorXd rate_terms = R.cwiseAbs().transpose() * v.cwiseAbs();
  const auto orWhole = [](double x, double whole) { return x > 0.0 ? x : whole; };
  Agreement a;
  for (int i = 0; i < set.size(); ++i) {
    const int tendon = mj_name2id(m, mjOBJ_TENDON, set.muscles[i].name.c_str());
    const int actuator = mj_name2id(m, mjOBJ_ACTUATOR, set.muscles[i].name.c_str());
    a.length.update(g.length_m[i], md->ten_length[tendon], g.length_m[i], i);
    a.actuator_length.update(md->ten_length[tendon], md->actuator_length[actuator], md->ten_length[tendon],
                             i);
    const double column_scale = orWhole(R.col(i).cwiseAbs().maxCoeff(), R.cwiseAbs().maxCoeff());
    for (int j = 0; j < model.nv; ++j) {
      const double arm_mj = -J(tendon, t.mj_dof[j]);
      a.arm.update(R(j, i), arm_mj, column_scale, i, j);
      a.actuator_moment.update(J(tendon, t.mj_dof[j]), md->actuator_moment[actuator * m->nv + t.mj_dof[j]],
                               column_scale, i, j);
    }
    a.velocity.update(g.velocity_m_s[i], md->ten_velocity[tendon],
                      orWhole(rate_terms[i], rate_terms.maxCoeff()), i);
    tension[i] = -md->actuator_force[actuator];
  }
  const Eigen::VectorXd tau = generalizedForceOfTensions(model, d, set, g, q, v, tension);
  const double tau_scale = tau.cwiseAbs().maxCoeff();
  for (int j = 0; j < model.nv; ++j) a.generalized_force.update(tau[j], qfrc_mj[j], tau_scale, -1, j);
  return a;
}

void expectAgreementAt(const Agreement& a, const std::string& label) {
  const TrunkModel& trunk = runningTrunk();
  const Model& model = *trunk.model;
  const MuscleSet& set = *trunk.muscles;
  const auto check = [&](const Worst& w, const char* what) {
    if (w.rel < kTolerance)  // the achieved agreement, in the log
      std::printf("[ info     ] %s, %s: %s\n", label.c_str(), what, w.describe(model, set).c_str());
    else
      ADD_FAILURE() << label << ", " << what << ": " << w.describe(model, set) << " (tolerance " << kTolerance
                    << ")";
  };
  check(a.length, "path length (ten_length)");
  check(a.arm, "moment arm R = -ten_J^T");
  check(a.velocity, "lengthening rate (ten_velocity)");
  check(a.actuator_length, "actuator_length vs ten_length");
  check(a.actuator_moment, "actuator_moment vs ten_J");
  check(a.generalized_force, "qfrc_actuator vs our wrenches of the same tensions");
}

// Both layouts of ten_J at one state; restores MuJoCo's automatic choice.
void expectAgreement(const Eigen::VectorXd& q, const Eigen::VectorXd& v, const std::string& label) {
  expectAgreementAt(compareAt(q, v, mjJAC_DENSE), label + " (dense ten_J)");
  expectAgreementAt(compareAt(q, v, mjJAC_SPARSE), label + " (sparse ten_J)");
  mujocoTrunk().m->opt.jacobian = mjJAC_AUTO;
  EXPECT_TRUE(mj_isSparse(mujocoTrunk().m.get())) << "MuJoCo's automatic choice at nv >= 60";
}

class MujocoMuscles : public ::testing::Test {
 protected:
  void SetUp() override {
    const MujocoTrunk& t = mujocoTrunk();
    ASSERT_TRUE(t.m) << "MuJoCo rejected the exported MJCF: " << t.load_error;
    const TrunkModel& trunk = runningTrunk();
    ASSERT_EQ(t.m->nv, trunk.model->nv);
    ASSERT_EQ(t.m->ntendon, trunk.muscles->size());
    ASSERT_EQ(t.m->nu, trunk.muscles->size());
    for (int j = 0; j < trunk.model->nv; ++j) ASSERT_GE(t.mj_dof[j], 0) << dofName(*trunk.model, j);
  }
};

TEST_F(MujocoMuscles, GeometryAgreesAtTheNeutralPosture) {
  const Model& model = *runningTrunk().model;
  std::mt19937_64 rng(2024);
  const Eigen::VectorXd v = test::randomVector(model.nv, rng, 1.0);
  expectAgreement(model.q_neutral, v, "neutral posture");
}

// A running-like posture: every joint rotated by up to 0.3 rad per component from neutral, the discs'
// axial slides by up to 2 mm, velocities up to 2 rad/s (0.1 m/s on the slides).
TEST_F(MujocoMuscles, GeometryAgreesAtAPerturbedPosture) {
  const Model& model = *runningTrunk().model;
  std::mt19937_64 rng(2025);
  Eigen::VectorXd dq = test::randomVector(model.nv, rng, 0.3);
  Eigen::VectorXd v = test::randomVector(model.nv, rng, 2.0);
  for (const Body& b : model.bodies)
    if (b.joint == JointType::Prismatic) dq[b.v_index] *= 0.002 / 0.3, v[b.v_index] *= 0.1 / 2.0;
  Eigen::VectorXd q(model.nq);
  integrateConfiguration(model, model.q_neutral, dq, 1.0, q);
  expectAgreement(q, v, "perturbed posture");
}

// Far outside any running posture (uniform random joint rotations): the geometry is still well defined, and
// an error that small angles hide (e.g. a transposed rotation) is large here.
TEST_F(MujocoMuscles, GeometryAgreesAtRandomConfigurations) {
  const Model& model = *runningTrunk().model;
  std::mt19937_64 rng(2026);
  for (int trial = 0; trial < 3; ++trial) {
    Eigen::VectorXd q, v;
    test::randomState(model, rng, q, v);
    expectAgreement(q, v, "random configuration " + std::to_string(trial));
  }
}

// The load-time parameters: our length range (no length-range simulation ran), forces and time constants;
// and MuJoCo's activation law equals ours (MjcfMuscle::timeconst_s).
TEST_F(MujocoMuscles, ActuatorParametersAreOurs) {
  const MuscleSet& set = *runningTrunk().muscles;
  const mjModel* m = mujocoTrunk().m.get();
  for (const Muscle& mu : set.muscles) {
    const int i = mj_name2id(m, mjOBJ_ACTUATOR, mu.name.c_str());
    ASSERT_GE(i, 0) << mu.name;
    const MjcfMuscle p = mjcfMuscle(mu, set.hill);
    EXPECT_EQ(m->actuator_dyntype[i], mjDYN_MUSCLE);
    EXPECT_EQ(m->actuator_gaintype[i], mjGAIN_MUSCLE);
    EXPECT_EQ(m->actuator_biastype[i], mjBIAS_MUSCLE);
    EXPECT_EQ(m->actuator_trntype[i], mjTRN_TENDON);
    EXPECT_EQ(m->actuator_trnid[2 * i], mj_name2id(m, mjOBJ_TENDON, mu.name.c_str()));
    EXPECT_DOUBLE_EQ(m->actuator_lengthrange[2 * i], p.lengthrange_m[0]) << mu.name;
    EXPECT_DOUBLE_EQ(m->actuator_lengthrange[2 * i + 1], p.lengthrange_m[1]) << mu.name;
    EXPECT_DOUBLE_EQ(m->actuator_gainprm[i * mjNGAIN + 2], p.force_n) << mu.name;
    EXPECT_DOUBLE_EQ(m->actuator_gainprm[i * mjNGAIN + 6], p.vmax_l0_per_s) << mu.name;
    const mjtNum* timeconst = m->actuator_dynprm + i * mjNDYN;
    EXPECT_DOUBLE_EQ(timeconst[0], set.hill.activation_time_s);
    EXPECT_DOUBLE_EQ(timeconst[1], set.hill.deactivation_time_s);
    // da/dt: MuJoCo's rate against the limit of our exact step, (advanceActivation(a, u, h) − a) / h.
    for (double a : {0.05, 0.2, 0.7})
      for (double u : {0.0, 1.0}) {
        const double h = 1e-9;
        const double ours = (advanceActivation(a, u, h, set.hill) - a) / h;
        EXPECT_NEAR(mju_muscleDynamics(u, a, timeconst), ours, 1e-5 * std::abs(ours))
            << "a " << a << " u " << u;
      }
  }
}

}  // namespace
}  // namespace spineload

#else
TEST(MujocoMuscles, Skipped) {
  GTEST_SKIP() << "MuJoCo (libmujoco-dev) not found at configure time";
}
#endif
