#include "engine/anatomy/placeholder_chain.hpp"

#include <toml++/toml.h>
#include <stdexcept>

#include "engine/data/embedded_data.hpp"
#include "engine/dynamics/joint_spring_damper.hpp"

namespace spineload {
namespace {

constexpr const char* kDataFile = "placeholder_chain.toml";

double number(const toml::node_view<const toml::node>& node, const std::string& what) {
  const std::optional<double> x = node.value<double>();
  if (!x) throw std::runtime_error(std::string(kDataFile) + ": missing number " + what);
  return *x;
}

toml::table dataTable() {
  return toml::parse(embeddedDataFile(kDataFile), std::string_view(kDataFile));
}

BodySpec slab(const std::string& name, double mass_kg, double height_m, double r_long_m) {
  BodySpec b;
  b.name = name;
  b.mass_kg = mass_kg;
  b.com_B = Vec3(0.0, 0.0, 0.5 * height_m);
  const double izz = mass_kg * r_long_m * r_long_m;
  const double ixx = 0.5 * izz + mass_kg * height_m * height_m / 12.0;
  b.inertia_com_B = Vec3(ixx, ixx, izz).asDiagonal();
  return b;
}

}  // namespace

TreeDescription placeholderChainTree(const SubjectParams& subject, JointType root_joint) {
  const toml::table data = dataTable();
  const double length_scale =
      subject.height_m / number(data["reference"]["stature_m"], "reference.stature_m");
  const double mass = subject.body_mass_kg;
  TreeDescription tree;
  double previous_height_m = 0.0;  // height of the previous body's slice: where this body's joint sits
  const auto add = [&](BodySpec b, double height_m) {
    b.parent = static_cast<int>(tree.bodies.size()) - 1;
    b.joint = b.parent < 0 ? root_joint : JointType::Spherical;
    b.p_PJ_P = Vec3(0.0, 0.0, b.parent < 0 ? 0.0 : previous_height_m);
    tree.bodies.push_back(b);
    previous_height_m = height_m;
  };
  for (const toml::node& node : *data["region"].as_array()) {
    const toml::table& r = *node.as_table();
    const toml::array& segments = *r["segments"].as_array();
    const double n = static_cast<double>(segments.size());
    const double L = number(r["length_m"], "region.length_m") * length_scale;
    const double m = number(r["mass_fraction"], "region.mass_fraction") * mass;
    const double r_long = number(r["r_long"], "region.r_long") * L;
    for (const toml::node& s : segments) add(slab(*s.value<std::string>(), m / n, L / n, r_long), L / n);
  }
  const auto neck = data["neck"], head = data["head"];
  const double neck_L = number(neck["length_m"], "neck.length_m") * length_scale;
  add(slab("neck", number(neck["mass_fraction"], "neck.mass_fraction") * mass, neck_L,
           number(neck["r_long_m"], "neck.r_long_m") * length_scale),
      neck_L);
  const double head_L = number(head["length_m"], "head.length_m") * length_scale;
  BodySpec h;
  h.name = "head";
  h.mass_kg = number(head["mass_fraction"], "head.mass_fraction") * mass;
  h.com_B = Vec3(0.0, 0.0, (1.0 - number(head["com_from_top"], "head.com_from_top")) * head_L);
  const auto r2 = [&](const char* key) {
    const double r = number(head[key], std::string("head.") + key) * head_L;
    return h.mass_kg * r * r;
  };
  h.inertia_com_B = Vec3(r2("r_sagittal"), r2("r_transverse"), r2("r_long")).asDiagonal();
  add(h, head_L);
  return tree;
}

TrunkModel buildPlaceholderChain(const SubjectParams& subject,
                                 std::shared_ptr<const PrescribedMotion> pelvis_motion) {
  Model model = compileModel(placeholderChainTree(subject, JointType::Prescribed));
  model.prescribed_motion = std::move(pelvis_motion);
  TrunkModel trunk;
  trunk.pelvis = 0;
  const toml::table data = dataTable();
  for (const toml::node& node : *data["level"].as_array()) {
    const toml::table& l = *node.as_table();
    const std::string name = l["name"].value_or(std::string());
    const int body = model.findBody(l["body"].value_or(std::string()));
    if (body < 0)
      throw std::runtime_error(std::string(kDataFile) + ": level " + name + " names no known body");
    const double c = number(l["damping"], name + ".damping");
    const std::array<SpringDof, 3> dofs = {SpringDof{number(l["k_lb"], name + ".k_lb"), 0.0, c},
                                           SpringDof{number(l["k_fe"], name + ".k_fe"), 0.0, c},
                                           SpringDof{number(l["k_ax"], name + ".k_ax"), 0.0, c}};
    model.force_elements.push_back(
        std::make_shared<JointSpringDamper>(model, body, dofs, Eigen::Vector4d(1.0, 0.0, 0.0, 0.0)));
    trunk.levels.push_back({name, body});
  }
  trunk.model = std::make_shared<const Model>(std::move(model));
  return trunk;
}

}  // namespace spineload
