#include "engine/anatomy/trunk_builder.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/anatomy/tissue_curves.hpp"
#include "engine/core/rotation.hpp"
#include "engine/data/data_table.hpp"
#include "engine/dynamics/joint_spring_damper.hpp"
#include "engine/dynamics/kinematics.hpp"

namespace spineload {
namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr const char* kFile = "trunk_anatomy.toml";
// Vertebrae bottom to top; vertebra i sits on level i and under level i + 1 (docs/model.md).
const char* const kVertebrae[] = {"L5", "L4", "L3", "L2", "L1", "T12", "T11", "T10", "T9",
                                  "T8", "T7", "T6", "T5", "T4", "T3",  "T2",  "T1"};
constexpr int kNumVertebrae = 17;
constexpr int kShoulderVertebra = 15;  // T2: its body frame is the T2-T3 mid-disc, the sternoclavicular level

struct Tables {
  DataTable vertebrae = readDataTable(kFile, "vertebrae");
  DataTable levels = readDataTable(kFile, "levels");
  DataTable arm = readDataTable(kFile, "arm_segments");
  std::map<std::string, DataConstant> reference = readDataConstants(kFile, "reference");
  std::map<std::string, DataConstant> pelvis = readDataConstants(kFile, "pelvis");
  std::map<std::string, DataConstant> totals = readDataConstants(kFile, "trunk_totals");
  std::map<std::string, DataConstant> head = readDataConstants(kFile, "head");
  std::map<std::string, DataConstant> neck = readDataConstants(kFile, "neck");
  std::map<std::string, DataConstant> shoulder = readDataConstants(kFile, "shoulder");
  std::map<std::string, DataConstant> discs = readDataConstants(kFile, "discs");
  std::map<std::string, DataConstant> disc_axial = readDataConstants(kFile, "disc_axial");
  DataTable head_joint = readDataTable(kFile, "head_joint");
  std::map<std::string, DataConstant> tissue = readDataConstants(kFile, "tissue");
  std::map<std::string, DataConstant> rib_cage = readDataConstants(kFile, "rib_cage");

  /// 0 for the morning disc (h = 1), 1 for the evening disc (h = evening_hydration), linear between. Drier
  /// discs keep the evening values: the sources span a day, and give no trend beyond it.
  double dayFraction(double hydration) const {
    return std::min(1.0, (1.0 - hydration) / (1.0 - constantValue(discs, "evening_hydration")));
  }
};

Mat3 rot(const Vec3& rotation_vector) {
  return quatExp(rotation_vector).toRotationMatrix();
}
Mat3 pitch(double angle_rad) {
  return Eigen::AngleAxisd(angle_rad, Vec3::UnitY()).toRotationMatrix();
}

// Levels bottom (L5_S1) to top (C7_T1) with their vertebra names and curvature weights.
std::vector<LevelShape> levelShapes(const DataTable& levels) {
  std::vector<LevelShape> out;
  for (int i = 0; i <= kNumVertebrae; ++i) {
    const std::string upper = i < kNumVertebrae ? kVertebrae[i] : "C7";
    const std::string lower = i == 0 ? "S1" : kVertebrae[i - 1];
    const std::string name = upper + "_" + lower;
    out.push_back(
        {name, upper, lower, levels.value(name, "kyphosis_weight"), levels.value(name, "lordosis_weight")});
  }
  return out;
}

// A slab-shaped slice of mass m and height h whose longitudinal axis is R_BV ẑ (body frame B, vertebra axis
// V).
Mat3 slabInertia(double m, double h, double r_long, const Mat3& R_BV) {
  const double izz = m * r_long * r_long, ixx = 0.5 * izz + m * h * h / 12.0;
  return R_BV * Vec3(ixx, ixx, izz).asDiagonal() * R_BV.transpose();
}

// The glenohumeral centre in the shoulder girdle's frame (origin at the sternoclavicular joint, world axes at
// the neutral posture); side = +1 left, -1 right.
Vec3 glenohumeralCentre(const Tables& t, double side, double s) {
  const auto& k = t.shoulder;
  return Vec3(-constantValue(k, "gh_posterior_m") * s, side * constantValue(k, "gh_lateral_m") * s,
              -constantValue(k, "gh_inferior_m") * s);
}

// Scapula and clavicle, lumped as a sphere midway between the sternoclavicular and glenohumeral joints.
BodySpec shoulderBody(const Tables& t, double side, double mass_kg, double s) {
  BodySpec b;
  b.name = side > 0 ? "shoulder_l" : "shoulder_r";
  b.mass_kg = constantValue(t.shoulder, "girdle_mass_fraction") * mass_kg;
  const double r = constantValue(t.shoulder, "girdle_radius_m") * s;
  b.com_B = 0.5 * glenohumeralCentre(t, side, s);
  b.inertia_com_B = Mat3::Identity() * 0.4 * b.mass_kg * r * r;
  return b;
}

// The free arm (upper arm, forearm, hand) hanging straight from the glenohumeral joint, its frame's origin;
// the arm swing turns it there, so the scapular muscles are not stretched by it (only the muscles that
// reach the humerus are).
BodySpec armBody(const Tables& t, double side, double mass_kg, double s) {
  BodySpec b;
  b.name = side > 0 ? "arm_l" : "arm_r";
  struct Part {
    double m;
    Vec3 c;
    Mat3 I;
  };
  std::vector<Part> parts;
  double depth = 0.0;
  for (const DataRow& seg : t.arm.rows) {
    const double m = seg.values.at("mass_fraction") * mass_kg, L = seg.values.at("length_m") * s;
    const auto r2 = [&](const char* key) { return m * std::pow(seg.values.at(key) * L, 2); };
    parts.push_back({m, -Vec3(0, 0, depth + seg.values.at("com_from_top") * L),
                     Vec3(r2("r_sagittal"), r2("r_transverse"), r2("r_long")).asDiagonal()});
    depth += L;
  }
  Vec3 first = Vec3::Zero();
  for (const Part& p : parts) {
    b.mass_kg += p.m;
    first += p.m * p.c;
  }
  b.com_B = first / b.mass_kg;
  for (const Part& p : parts) {
    const Mat3 d = skew(p.c - b.com_B);
    b.inertia_com_B += p.I + p.m * d * d.transpose();  // parallel-axis theorem
  }
  return b;
}

// One vertebral slice: mass, centre of mass and inertia in its body frame (origin at the mid-disc below).
BodySpec vertebraBody(const DataRow& row, double mass_kg, double disc_below, double disc_above, double s,
                      const Mat3& R_BV) {
  BodySpec b;
  b.name = row.name;
  b.joint = JointType::Spherical;
  b.mass_kg = mass_kg;
  const double h_body = row.values.at("body_height_m") * s;
  b.com_B = R_BV * Vec3(row.values.at("com_anterior_m") * s, 0.0, 0.5 * disc_below + 0.5 * h_body);
  b.inertia_com_B = slabInertia(mass_kg, 0.5 * disc_below + h_body + 0.5 * disc_above,
                                row.values.at("radius_long_m") * s, R_BV);
  return b;
}

TreeDescription buildTree(const Tables& t, const SubjectParams& subject, const PostureParams& posture,
                          JointType root_joint, double pelvic_tilt_deg, double hydration) {
  const double s = subject.height_m / constantValue(t.reference, "stature_m");
  const double M = subject.body_mass_kg;
  const std::vector<LevelShape> shapes = levelShapes(t.levels);
  std::vector<Vec3> theta = neutralLevelRotations(shapes, posture);
  // Disc height is proportional to the disc's fluid content (Botsford et al. 1994).
  const auto disc = [&](int level) {
    return t.levels.value(shapes[level].name, "disc_height_m") * s * hydration;
  };
  const auto bodyHeight = [&](int v) { return t.vertebrae.value(kVertebrae[v], "body_height_m") * s; };

  TreeDescription tree;
  // Pelvis: its motion is prescribed, so no reported load depends on its own mass; it takes the rest of
  // Pearsall's trunk mass below L5, with a slab inertia (estimate).
  double slices = 0.0;
  for (const DataRow& r : t.vertebrae.rows) slices += r.values.at("mass_fraction");
  BodySpec pelvis;
  pelvis.name = "pelvis";
  pelvis.joint = root_joint;
  pelvis.mass_kg = (constantValue(t.totals, "whole_trunk_mass_fraction") - slices) * M;
  pelvis.com_B = Vec3(0.0, 0.0, constantValue(t.pelvis, "com_height_m") * s);
  pelvis.inertia_com_B = slabInertia(pelvis.mass_kg, constantValue(t.pelvis, "slab_height_m") * s,
                                     constantValue(t.pelvis, "radius_long_m") * s, Mat3::Identity());
  tree.bodies.push_back(pelvis);

  // The sacral endplate: hip_to_s1 from the hip axis, tilted back by the pelvic tilt; its normal tilted
  // forward by the sacral slope (pelvic incidence - pelvic tilt).
  const double pt = pelvic_tilt_deg * kDeg;
  const double ss = constantValue(t.pelvis, "pelvic_incidence_deg") * kDeg - pt;
  const double r_s1 = constantValue(t.pelvis, "hip_to_s1_m") * s;
  const double girdles = 2.0 * constantValue(t.shoulder, "girdle_mass_fraction");
  double upper4 = 0.0;  // T1-T4 carry the scapulae and clavicles, which the shoulder bodies take over
  for (int i = kNumVertebrae - 4; i < kNumVertebrae; ++i)
    upper4 += t.vertebrae.value(kVertebrae[i], "mass_fraction");
  std::vector<Mat3> R_W(kNumVertebrae + 1,
                        Mat3::Identity());  // world orientation of each body frame, neutral
  for (int i = 0; i < kNumVertebrae; ++i) {
    const DataRow& row = t.vertebrae.row(kVertebrae[i]);
    double m = row.values.at("mass_fraction");
    if (i >= kNumVertebrae - 4) m -= girdles * m / upper4;
    BodySpec b = vertebraBody(row, m * M, disc(i), disc(i + 1), s, rot(0.5 * theta[i]));
    b.parent = i;  // the body before it: the pelvis for L5
    if (i == 0) {
      b.p_PJ_P = Vec3(-r_s1 * std::sin(pt), 0.0, r_s1 * std::cos(pt)) + pitch(ss) * Vec3(0, 0, 0.5 * disc(0));
      b.R_PJ = Quat(Mat3(pitch(ss) * rot(0.5 * theta[0])));
    } else {
      const Mat3 R_PV = rot(0.5 * theta[i - 1]);  // parent body frame to the parent vertebra's axis
      b.p_PJ_P = R_PV * Vec3(0, 0, 0.5 * disc(i - 1) + bodyHeight(i - 1) + 0.5 * disc(i));
      b.R_PJ = Quat(Mat3(R_PV * rot(0.5 * theta[i])));
    }
    R_W[i + 1] = R_W[b.parent] * b.R_PJ.toRotationMatrix();
    tree.bodies.push_back(b);
  }

  // C7_T1 carries the cervical lordosis: it closes the curve so that the neck axis stands upright (tilted
  // forward by the forward-head angle), and the head sits level on it.
  const int top = kNumVertebrae;  // level index of C7_T1, and tree index of T1
  const double neck_length = constantValue(t.neck, "length_m") * s;
  const double reach = neck_length + 0.5 * disc(top);
  if (posture.forward_head_m > 0.9 * reach)
    throw std::invalid_argument("posture.forward_head_m: " + std::to_string(posture.forward_head_m) +
                                " m is more than 90 % of this neck's reach (" + std::to_string(reach) +
                                " m at this height_m): the neck would have to lie flat");
  const double forward = std::asin(posture.forward_head_m / reach);
  const Mat3 A_T1 = R_W[top] * rot(0.5 * theta[top - 1]);
  theta[top] = quatLog(Quat(Mat3(A_T1.transpose() * pitch(forward))));
  BodySpec neck;
  neck.name = "neck";
  neck.parent = top;
  neck.joint = JointType::Spherical;
  neck.mass_kg = constantValue(t.neck, "mass_fraction") * M;
  const Mat3 R_neck_V = rot(0.5 * theta[top]);
  neck.com_B = R_neck_V * Vec3(0, 0, 0.5 * disc(top) + 0.5 * neck_length);
  neck.inertia_com_B = slabInertia(neck.mass_kg, reach, constantValue(t.neck, "r_long_m") * s, R_neck_V);
  const Mat3 R_T1V = rot(0.5 * theta[top - 1]);
  neck.p_PJ_P = R_T1V * Vec3(0, 0, 0.5 * disc(top - 1) + bodyHeight(top - 1) + 0.5 * disc(top));
  neck.R_PJ = Quat(Mat3(R_T1V * R_neck_V));
  tree.bodies.push_back(neck);

  BodySpec head;
  head.name = "head";
  head.parent = top + 1;
  head.joint = JointType::Spherical;
  head.mass_kg = constantValue(t.head, "mass_fraction") * M;
  const double head_length = constantValue(t.head, "length_m") * s;
  head.com_B = Vec3(0, 0, (1.0 - constantValue(t.head, "com_from_top")) * head_length);
  const auto r2 = [&](const char* key) {
    return head.mass_kg * std::pow(constantValue(t.head, key) * head_length, 2);
  };
  head.inertia_com_B = Vec3(r2("r_sagittal"), r2("r_transverse"), r2("r_long")).asDiagonal();
  head.p_PJ_P = R_neck_V * Vec3(0, 0, reach);
  head.R_PJ = Quat(Mat3(R_neck_V * pitch(-forward)));
  tree.bodies.push_back(head);

  // Shoulder girdles on T2, whose body frame is the T2-T3 mid-disc: the sternoclavicular level.
  // The pelvis pitches by the trunk lean (gait/pelvis_driver), so plumb in the world is pitch(lean)ᵀ here.
  const Mat3 R_W_T2 = pitch(posture.trunk_lean_deg * kDeg) * R_W[kShoulderVertebra + 1];
  for (double side : {1.0, -1.0}) {
    BodySpec b = shoulderBody(t, side, M, s);
    b.parent = kShoulderVertebra + 1;
    b.joint = JointType::Spherical;
    b.p_PJ_P = Vec3(constantValue(t.shoulder, "sc_anterior_m") * s,
                    side * constantValue(t.shoulder, "sc_lateral_m") * s, 0);
    b.R_PJ = Quat(Mat3(R_W_T2.transpose()));  // the arms hang plumb at the neutral posture
    tree.bodies.push_back(b);
  }
  const int shoulder_l = static_cast<int>(tree.bodies.size()) - 2;  // then shoulder_r
  for (double side : {1.0, -1.0}) {
    BodySpec a = armBody(t, side, M, s);
    a.parent = side > 0 ? shoulder_l : shoulder_l + 1;
    a.joint = JointType::Spherical;
    a.p_PJ_P = glenohumeralCentre(t, side, s);
    tree.bodies.push_back(a);
  }
  return tree;
}

}  // namespace

SpringDof discAxialCurve(double k_500, double stiffening, double damping) {
  // Stiffness k1 + 3 k3 δ² reaches stiffening x k1 where the force k1 δ + k3 δ³ reaches 500 N.
  const double k1 = k_500 / stiffening;
  const double delta_500 = 500.0 / (k1 * (1.0 + (stiffening - 1.0) / 3.0));
  SpringDof d;
  d.k1 = k1;
  d.k3 = 0.0;                                                               // tension: linear
  d.k3_negative = (stiffening - 1.0) * k1 / (3.0 * delta_500 * delta_500);  // compression is q < 0
  d.damping = damping;
  return d;
}

TrunkGeometry measureTrunk(const TreeDescription& tree) {
  const Model model = compileModel(tree);
  Data d(model);
  forwardKinematics(model, d, model.q_neutral, Eigen::VectorXd::Zero(model.nv));
  TrunkGeometry g;
  const auto origin = [&](const std::string& name) { return d.X_world[model.findBody(name)].r; };
  g.c7_offset_m = origin("neck").x() - origin("L5").x();
  double mass = 0.0;
  for (int i = model.findBody("T12"); i < model.nbodies(); ++i) {
    const Transform& X = d.X_world[i];
    const RigidInertia& I = model.bodies[i].inertia;
    g.upper_body_com_m += I.mass_kg * (X.r + X.E.transpose() * I.com());
    mass += I.mass_kg;
  }
  g.upper_body_com_m /= mass;
  return g;
}

namespace {

// Splits every level joint (L5_S1 ... C7_T1) into a prismatic joint along the disc axis, carrying a 1 g disc
// body, and the ball joint of the vertebra above on top of it; bodies are renumbered, parents follow.
TreeDescription withDiscBodies(const TreeDescription& tree, const Tables& t) {
  TreeDescription out;
  out.gravity_W = tree.gravity_W;
  std::vector<int> index(tree.bodies.size(), -1);
  const double m = constantValue(t.disc_axial, "disc_body_mass_kg");
  for (std::size_t i = 0; i < tree.bodies.size(); ++i) {
    BodySpec b = tree.bodies[i];
    const int parent = b.parent < 0 ? -1 : index[b.parent];
    const bool level = i >= 1 && i <= static_cast<std::size_t>(kNumVertebrae) + 1;  // L5 ... T1, neck
    if (level) {
      BodySpec disc;
      const std::string lower = i == 1 ? "S1" : tree.bodies[i - 1].name;
      disc.name = "disc_" + (b.name == "neck" ? std::string("C7") : b.name) + "_" + lower;
      disc.parent = parent;
      disc.joint = JointType::Prismatic;
      disc.axis = Vec3::UnitZ();
      disc.p_PJ_P = b.p_PJ_P;
      disc.R_PJ = b.R_PJ;
      disc.mass_kg = m;
      const double r = constantValue(t.disc_axial, "disc_body_radius_m");
      disc.inertia_com_B = Vec3(1.0, 1.0, 1.5).asDiagonal() * (m * r * r);
      out.bodies.push_back(disc);
      b.parent = static_cast<int>(out.bodies.size()) - 1;
      b.p_PJ_P = Vec3::Zero();
      b.R_PJ = Quat::Identity();
    } else {
      b.parent = parent;
    }
    index[i] = static_cast<int>(out.bodies.size());
    out.bodies.push_back(b);
  }
  return out;
}

// The pelvic tilt that puts the C7_T1 joint centre sva_target anterior of the L5_S1 joint centre (bisection:
// the offset falls monotonically as the pelvis tilts back).
double balancedPelvicTilt(const Tables& t, const SubjectParams& subject, const PostureParams& posture,
                          double hydration) {
  const double target = constantValue(t.pelvis, "sva_target_m");
  double lo = -30.0, hi = 60.0;
  const auto offset = [&](double tilt) {
    return measureTrunk(buildTree(t, subject, posture, JointType::Fixed, tilt, hydration)).c7_offset_m -
           target;
  };
  if (offset(lo) < 0.0 || offset(hi) > 0.0)
    throw std::invalid_argument(
        "posture: no pelvic tilt in [-30, 60] deg balances this spine over the sacrum");
  for (int iteration = 0; iteration < 50; ++iteration) {
    const double mid = 0.5 * (lo + hi);
    (offset(mid) > 0.0 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// Passive tissue of one level from its ranges of motion (rib cage applied), in the joint's axes:
// x lateral bending (+ to the right), y flexion (+) / extension (-), z axial rotation. `compliance` scales
// every angle: the disc's fluid loss over the day makes the segment more compliant.
std::array<SpringDof, 3> levelTissue(const DataRow& r, double nz_fraction,
                                     const std::map<std::string, DataConstant>& rib, double compliance) {
  const bool ribs = r.values.count("rib_cage") && r.values.at("rib_cage") > 0.5;
  const auto factor = [&](const char* key) { return compliance * (ribs ? constantValue(rib, key) : 1.0); };
  const double M_t = r.values.at("test_moment_nm"), c = r.values.at("damping_nms");
  const auto axis = [&](double pos_deg, double neg_deg, double nz_deg, double f) {
    return fitAxisCurve({M_t, pos_deg * kDeg * f, neg_deg * kDeg * f, nz_deg * kDeg * f}, nz_fraction, c);
  };
  const double lb = r.values.at("lateral_deg"), ax = r.values.at("axial_deg");
  return {axis(lb, lb, r.values.at("nz_lb_deg"), factor("rom_factor_lb")),
          axis(r.values.at("flexion_deg"), r.values.at("extension_deg"), r.values.at("nz_fe_deg"),
               factor("rom_factor_fe")),
          axis(ax, ax, r.values.at("nz_ax_deg"), factor("rom_factor_ax"))};
}

}  // namespace

TrunkModel buildTrunk(const SubjectParams& subject, const PostureParams& posture,
                      std::shared_ptr<const PrescribedMotion> pelvis_motion, TrunkGeometry* geometry,
                      const DiscParams& disc_params) {
  const double hydration = disc_params.hydration;
  const Tables t;
  const double tilt = balancedPelvicTilt(t, subject, posture, hydration);
  TreeDescription tree = buildTree(t, subject, posture, JointType::Prescribed, tilt, hydration);
  if (geometry) {
    *geometry = measureTrunk(tree);
    geometry->pelvic_tilt_deg = tilt;
    geometry->sacral_slope_deg = constantValue(t.pelvis, "pelvic_incidence_deg") - tilt;
  }
  if (disc_params.axial_dof) tree = withDiscBodies(tree, t);
  Model model = compileModel(tree);
  model.prescribed_motion = std::move(pelvis_motion);
  TrunkModel trunk;
  trunk.pelvis = 0;
  const DataTable& levels = t.levels;
  const DataTable& head = t.head_joint;
  const double nz = constantValue(t.tissue, "nz_moment_fraction");
  const auto& rib = t.rib_cage;
  const double day = t.dayFraction(hydration);
  const double compliance = 1.0 + constantValue(t.discs, "evening_rom_gain") * day;
  const double s = subject.height_m / constantValue(t.reference, "stature_m");
  const auto addTissue = [&](const std::string& level, const std::string& body, const DataRow& row) {
    const int b = model.findBody(body);
    model.force_elements.push_back(std::make_shared<JointSpringDamper>(
        model, b, levelTissue(row, nz, rib, compliance), Eigen::Vector4d(1, 0, 0, 0)));
    SpineLevel l{level, b};
    const int disc_body = model.findBody("disc_" + level);
    l.disc_body = disc_body;
    if (disc_body >= 0) {
      // Fluid loss stiffens the disc and lowers its viscous response (Johannessen et al. 2004).
      const double c = constantValue(t.disc_axial, "damping_ns_per_m") *
                       (1.0 - constantValue(t.disc_axial, "evening_damping_loss") * day);
      const double k = row.values.at("axial_stiffness_n_per_m") *
                       (1.0 + constantValue(t.disc_axial, "evening_stiffness_gain") * day);
      const SpringDof axial = discAxialCurve(k, constantValue(t.disc_axial, "preload_stiffening"), c);
      model.force_elements.push_back(std::make_shared<JointSpringDamper>(
          model, disc_body, std::array<SpringDof, 3>{axial, SpringDof{}, SpringDof{}},
          Eigen::Vector4d::Zero()));
    }
    if (row.values.count("disc_area_m2")) {  // the head joint has no disc data
      l.disc_area_m2 = row.values.at("disc_area_m2") * s * s;
      l.morning_disc_height_m = row.values.at("disc_height_m") * s;
      l.disc_height_m = l.morning_disc_height_m * hydration;
    }
    trunk.levels.push_back(l);
  };
  const double p_morning = constantValue(t.discs, "swelling_pressure_morning_mpa");
  const double p_evening = constantValue(t.discs, "swelling_pressure_evening_mpa");
  DiscPressureModel& discs = trunk.discs;
  discs.nachemson_factor = constantValue(t.discs, "nachemson_factor");
  discs.swelling_morning_pa = p_morning * 1e6;
  discs.swelling_evening_pa = p_evening * 1e6;
  discs.evening_hydration = constantValue(t.discs, "evening_hydration");
  discs.upright_stress_pa = constantValue(t.discs, "upright_stress_mpa") * 1e6;
  discs.tau_loss_s = constantValue(t.discs, "tau_loss_h") * 3600.0;
  discs.tau_recovery_s = constantValue(t.discs, "tau_recovery_h") * 3600.0;

  for (int i = kNumVertebrae; i >= 0; --i) {
    const std::string upper = i < kNumVertebrae ? kVertebrae[i] : "C7";
    const std::string name = upper + "_" + (i == 0 ? "S1" : kVertebrae[i - 1]);
    addTissue(name, i < kNumVertebrae ? upper : "neck", levels.row(name));
  }
  addTissue("C0_C2", "head", head.row("C0_C2"));
  const auto& k = t.shoulder;
  const double kg = constantValue(k, "stiffness_nm_per_rad"), cg = constantValue(k, "damping_nms");
  for (const char* side : {"shoulder_l", "shoulder_r", "arm_l", "arm_r"})
    model.force_elements.push_back(std::make_shared<JointSpringDamper>(
        model, model.findBody(side),
        std::array<SpringDof, 3>{SpringDof{kg, 0, cg}, SpringDof{kg, 0, cg}, SpringDof{kg, 0, cg}},
        Eigen::Vector4d(1, 0, 0, 0)));
  trunk.model = std::make_shared<const Model>(std::move(model));
  return trunk;
}

}  // namespace spineload
