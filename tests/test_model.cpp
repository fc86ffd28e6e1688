// Model compilation: every invalid description is refused with a message naming the body and the field.
#include <gtest/gtest.h>

#include "engine/dynamics/model.hpp"
#include "engine/dynamics/tree_builders.hpp"

namespace spineload {
namespace {

std::string errorOf(const TreeDescription& t) {
  try {
    compileModel(t);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(Model, RefusesInvalidDescriptionsNamingBodyAndField) {
  const TreeDescription good = makeChain(3, JointType::Revolute);
  EXPECT_EQ(errorOf(good), "");
  TreeDescription t = good;
  t.bodies[2].parent = 2;
  EXPECT_EQ(errorOf(t), "body 2 'link2': parent must be -1 (world) or an earlier body");
  t = good;
  t.bodies[1].mass_kg = 0.0;
  EXPECT_EQ(errorOf(t), "body 1 'link1': mass_kg must be finite and > 0");
  t = good;
  t.bodies[1].inertia_com_B = Vec3(1.0, 1.0, 3.0).asDiagonal();
  EXPECT_EQ(errorOf(t), "body 1 'link1': inertia_com_B violates the triangle inequality");
  t = good;
  t.bodies[1].inertia_com_B(0, 1) = 0.1;
  EXPECT_EQ(errorOf(t), "body 1 'link1': inertia_com_B must be finite and symmetric");
  t = good;
  t.bodies[1].axis = Vec3(1.0, 1.0, 0.0);
  EXPECT_EQ(errorOf(t), "body 1 'link1': axis must be a unit vector");
  t = good;
  t.bodies[1].joint = JointType::Free;
  EXPECT_EQ(errorOf(t), "body 1 'link1': free and prescribed joints are supported on root bodies only");
  t = makeChain(2, JointType::Spherical, JointType::Prescribed);
  t.bodies[0].p_PJ_P = Vec3(0.0, 0.0, 1.0);
  EXPECT_NE(errorOf(t).find("must have p_PJ_P = 0 and R_PJ = identity"), std::string::npos);
}

TEST(Model, CountsCoordinatesAndFindsBodies) {
  const Model m = compileModel(makeChain(4, JointType::Spherical, JointType::Free));
  EXPECT_EQ(m.nq, 7 + 3 * 4);
  EXPECT_EQ(m.nv, 6 + 3 * 3);
  EXPECT_EQ(m.findBody("link2"), 2);
  EXPECT_EQ(m.findBody("nope"), -1);
  EXPECT_FALSE(needsPrescribedMotion(m));
  EXPECT_NEAR(m.totalMass(), 4 * 1.5, 1e-12);
}

}  // namespace
}  // namespace spineload
