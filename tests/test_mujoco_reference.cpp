// Cross-check against MuJoCo (libmujoco-dev), an independent implementation: the same trees, exported with
// exportMjcf(), must give the same accelerations to 1e-8 relative. Convention differences handled here:
//  - MuJoCo's free joint velocity is [linear velocity in the world; angular velocity in the body], ours
//    is [angular; linear] both in the body frame; its linear qacc is the classical acceleration of the body
//    origin in the world, ours is the spatial acceleration in the body frame;
//  - MuJoCo applies xfrc_applied in the world at the body's centre of mass, ours about the body origin.
#include <gtest/gtest.h>

#ifdef SPINELOAD_HAVE_MUJOCO
#include <mujoco/mujoco.h>

#include <cstring>
#include <memory>

#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/io/mjcf_export.hpp"
#include "engine/run/run_scenario.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

struct MjModelDeleter {
  void operator()(mjModel* m) const { mj_deleteModel(m); }
};
struct MjDataDeleter {
  void operator()(mjData* d) const { mj_deleteData(d); }
};
using MjModelPtr = std::unique_ptr<mjModel, MjModelDeleter>;
using MjDataPtr = std::unique_ptr<mjData, MjDataDeleter>;

MjModelPtr loadFromString(const std::string& xml) {
  auto vfs = std::make_unique<mjVFS>();
  mj_defaultVFS(vfs.get());
  const char* name = "tree.xml";
  if (mj_makeEmptyFileVFS(vfs.get(), name, static_cast<int>(xml.size())) != 0) return nullptr;
  const int index = mj_findFileVFS(vfs.get(), name);
  std::memcpy(vfs->filedata[index], xml.data(), xml.size());
  char error[1000] = "";
  MjModelPtr m(mj_loadXML(name, vfs.get(), error, sizeof(error)));
  mj_deleteVFS(vfs.get());
  EXPECT_TRUE(m) << "MuJoCo rejected the exported MJCF: " << error << "\n" << xml;
  return m;
}

// Runs both engines at one random state and returns the largest relative difference of q̈.
double compareOnce(const Model& model, Data& d, const mjModel* m, mjData* md, std::mt19937_64& rng) {
  Eigen::VectorXd q, v;
  test::randomState(model, rng, q, v);
  const Eigen::VectorXd tau = test::randomVector(model.nv, rng, 5.0);
  for (auto& f : d.f_ext) f = test::randomVector(6, rng, 5.0);
  aba(model, d, q, v, tau);
  mj_resetData(m, md);
  Eigen::VectorXd qdd_mj(model.nv);
  for (int i = 0; i < model.nbodies(); ++i) {
    const Body& b = model.bodies[i];
    const int id = mj_name2id(m, mjOBJ_BODY, b.name.c_str());
    const Mat3 R_WB = d.X_world[i].E.transpose();
    // External wrench: ours about the body origin in the body frame -> MuJoCo's at the CoM in the world.
    const Vec3 n_B = d.f_ext[i].head<3>(), f_B = d.f_ext[i].tail<3>();
    const Vec3 n_com_B = n_B - b.inertia.com().cross(f_B);
    Eigen::Map<Eigen::Matrix<mjtNum, 6, 1>>(md->xfrc_applied + 6 * id) << R_WB * f_B, R_WB * n_com_B;
    if (b.nv == 0) continue;
    const int jnt = m->body_jntadr[id], qa = m->jnt_qposadr[jnt], va = m->jnt_dofadr[jnt];
    for (int k = 0; k < b.nq; ++k) md->qpos[qa + k] = q[b.q_index + k];
    for (int k = 0; k < b.nv; ++k) md->qfrc_applied[va + k] = tau[b.v_index + k];
    if (b.joint == JointType::Free) {
      const Vec3 w_B = v.segment<3>(b.v_index), v_B = v.segment<3>(b.v_index + 3);
      Eigen::Map<Eigen::Matrix<mjtNum, 6, 1>>(md->qvel + va) << R_WB * v_B, w_B;
      // qfrc of a free joint: ours [moment; force] in the body, MuJoCo's [force in world; moment in body].
      Eigen::Map<Eigen::Matrix<mjtNum, 6, 1>>(md->qfrc_applied + va) << R_WB * tau.segment<3>(b.v_index + 3),
          tau.segment<3>(b.v_index);
    } else {
      for (int k = 0; k < b.nv; ++k) md->qvel[va + k] = v[b.v_index + k];
    }
  }
  mj_forward(m, md);
  for (int i = 0; i < model.nbodies(); ++i) {
    const Body& b = model.bodies[i];
    if (b.nv == 0) continue;
    const int id = mj_name2id(m, mjOBJ_BODY, b.name.c_str());
    const int va = m->jnt_dofadr[m->body_jntadr[id]];
    if (b.joint == JointType::Free) {
      const Mat3 R_WB = d.X_world[i].E.transpose();
      const Vec3 w_B = v.segment<3>(b.v_index), v_B = v.segment<3>(b.v_index + 3);
      const Vec3 a_W(md->qacc[va], md->qacc[va + 1], md->qacc[va + 2]);
      qdd_mj.segment<3>(b.v_index) = Vec3(md->qacc[va + 3], md->qacc[va + 4], md->qacc[va + 5]);
      qdd_mj.segment<3>(b.v_index + 3) = R_WB.transpose() * a_W - w_B.cross(v_B);
    } else {
      for (int k = 0; k < b.nv; ++k) qdd_mj[b.v_index + k] = md->qacc[va + k];
    }
  }
  return test::relativeError(d.qdd, qdd_mj);
}

void expectAgreement(const TreeDescription& tree, const std::string& label) {
  const Model model = compileModel(tree);
  MjModelPtr m = loadFromString(exportMjcf(model));
  ASSERT_TRUE(m);
  ASSERT_EQ(m->nv, model.nv) << label;
  ASSERT_EQ(m->nq, model.nq) << label;
  MjDataPtr md(mj_makeData(m.get()));
  Data d(model);
  std::mt19937_64 rng(77);
  for (int trial = 0; trial < 5; ++trial)
    EXPECT_LT(compareOnce(model, d, m.get(), md.get(), rng), 1e-8) << label;
}

TEST(MujocoReference, BallAndHingeChainsAndTreesAgree) {
  std::uint64_t seed = 1000;
  for (JointType root : {JointType::Fixed, JointType::Free, JointType::Spherical}) {
    for (bool branched : {false, true}) {
      for (int n : {3, 12, 24}) {
        RandomTreeOptions o;
        o.bodies = n;
        o.root_joint = root;
        o.branched = branched;
        o.joint_types = {JointType::Revolute, JointType::Spherical, JointType::Prismatic};
        o.seed = seed++;
        expectAgreement(makeRandomTree(o), std::string(jointTypeName(root)) +
                                               (branched ? " tree " : " chain ") + std::to_string(n));
      }
    }
  }
}

// Our own problem: the running trunk model (ball-jointed spine, head, shoulder girdles and arms on a
// prescribed pelvis; with the axial disc joints too), its pelvis held at rest and without the passive tissue
// (neither is exported).
TEST(MujocoReference, TrunkModelAgrees) {
  for (const char* discs : {"", "[discs]\naxial_dof = true\n"}) {
    const ScenarioSpec spec = toScenarioSpec(parseScenarioText(discs, "trunk.toml", loadParameterTable()));
    Model model = *buildScenarioModel(spec).model;
    model.prescribed_motion.reset();
    model.force_elements.clear();
    MjModelPtr m = loadFromString(exportMjcf(model));
    ASSERT_TRUE(m);
    ASSERT_EQ(m->nv, model.nv) << discs;
    MjDataPtr md(mj_makeData(m.get()));
    Data d(model);
    std::mt19937_64 rng(78);
    for (int trial = 0; trial < 5; ++trial)
      EXPECT_LT(compareOnce(model, d, m.get(), md.get(), rng), 1e-8) << "trunk " << discs;
  }
}

TEST(MujocoReference, SpineLikeBallChainAgrees) {
  expectAgreement(makeChain(24, JointType::Spherical, JointType::Fixed), "24-body ball chain");
  expectAgreement(makeChain(24, JointType::Spherical, JointType::Free), "24-body floating ball chain");
  expectAgreement(makeChain(96, JointType::Spherical, JointType::Fixed), "96-body ball chain");
}

}  // namespace
}  // namespace spineload

#else
TEST(MujocoReference, Skipped) {
  GTEST_SKIP() << "MuJoCo (libmujoco-dev) not found at configure time";
}
#endif
