// Reader of engine/data/trunk_muscles.toml (docs/research/muscles.md): every value is checked against the
// unit and range of the file's header table, and the right-side fascicles are mirrored to the left.
#include "engine/muscles/muscle_catalog.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

#include "engine/data/embedded_data.hpp"

namespace spineload {
namespace {

constexpr const char* kFileName = "trunk_muscles.toml";

// The bodies a path point may name (the trunk model's, docs/model.md); the left shoulder and arm only by
// mirroring.
const std::set<std::string>& knownBodies() {
  static const std::set<std::string> bodies = {
      "pelvis", "L5", "L4", "L3", "L2", "L1", "T12", "T11",  "T10",  "T9",         "T8",
      "T7",     "T6", "T5", "T4", "T3", "T2", "T1",  "neck", "head", "shoulder_r", "arm_r"};
  return bodies;
}

struct Range {
  double lo, hi;
  const char* unit;
};
// The header table of trunk_muscles.toml: keep the two in step.
constexpr Range kCoordinate{-0.3, 0.3, "m"};
constexpr Range kForce{5.0, 3000.0, "N"};
constexpr Range kFiber{0.01, 0.40, "m"};
constexpr Range kPennation{0.0, 40.0, "deg"};
constexpr Range kStature{1.0, 2.2, "m"};
constexpr Range kBodyMass{30.0, 150.0, "kg"};
constexpr std::size_t kMaxPoints = 10;

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const toml::node* node, const std::string& what) const {
    std::ostringstream s;
    s << file_;
    if (node && node->source().begin.line > 0) s << ':' << node->source().begin.line;
    s << ": " << what;
    throw std::runtime_error(s.str());
  }

  double number(const toml::node* node, const toml::node* parent, const std::string& what,
                const Range& r) const {
    if (!node) fail(parent, what + ": missing; allowed " + rangeText(r));
    const std::optional<double> x = node->value<double>();
    if (!x || !std::isfinite(*x)) fail(node, what + ": must be a finite number; allowed " + rangeText(r));
    if (*x < r.lo || *x > r.hi) {
      std::ostringstream s;
      s << what << ": " << *x << " " << r.unit << " is outside the allowed " << rangeText(r);
      fail(node, s.str());
    }
    return *x;
  }

  std::string text(const toml::node* node, const toml::node* parent, const std::string& what) const {
    if (!node) fail(parent, what + ": missing; allowed a non-empty string");
    const std::optional<std::string> s = node->value<std::string>();
    if (!s || s->empty()) fail(node, what + ": must be a non-empty string");
    return *s;
  }

  static std::string rangeText(const Range& r) {
    std::ostringstream s;
    s << "[" << r.lo << ", " << r.hi << "] " << r.unit;
    return s.str();
  }

 private:
  std::string file_;
};

// `<words>_r`: letters and digits in words joined by single underscores (levels keep their capitals: L4, T8).
bool wellFormedRightName(const std::string& name) {
  if (name.size() < 3 || name.compare(name.size() - 2, 2, "_r") != 0) return false;
  bool previous_underscore = true;  // no leading underscore
  for (char c : name) {
    if (c == '_') {
      if (previous_underscore) return false;
      previous_underscore = true;
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      previous_underscore = false;
    } else {
      return false;
    }
  }
  return true;
}

// The left side's copy: anatomy is taken as symmetric (the sources give one side).
FascicleSpec mirrored(const FascicleSpec& right) {
  FascicleSpec left = right;
  left.name = right.name.substr(0, right.name.size() - 2) + "_l";
  left.side = 'l';
  for (PathPointSpec& p : left.points) {
    if (p.body == "shoulder_r") p.body = "shoulder_l";
    if (p.body == "arm_r") p.body = "arm_l";
    p.position_m.y() = -p.position_m.y();
  }
  return left;
}

}  // namespace

MuscleCatalog readMuscleCatalogText(const std::string& text, const std::string& file) {
  const Reader in(file);
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    std::ostringstream s;
    s << file << ':' << e.source().begin.line << ": " << e.description();
    throw std::runtime_error(s.str());
  }
  MuscleCatalog out;
  const toml::table* catalog = root["catalog"].as_table();
  if (!catalog) in.fail(nullptr, "catalog: missing [catalog] table");
  out.reference_stature_m =
      in.number(catalog->get("reference_stature_m"), catalog, "catalog.reference_stature_m", kStature);
  out.reference_body_mass_kg =
      in.number(catalog->get("reference_body_mass_kg"), catalog, "catalog.reference_body_mass_kg", kBodyMass);
  in.text(catalog->get("source"), catalog, "catalog.source");
  const toml::array* groups = catalog->get_as<toml::array>("groups");
  if (!groups || groups->empty()) in.fail(catalog, "catalog.groups: needs a non-empty list of group names");
  for (const toml::node& g : *groups) {
    const std::string name = in.text(&g, catalog, "catalog.groups");
    if (std::find(out.groups.begin(), out.groups.end(), name) != out.groups.end())
      in.fail(&g, "catalog.groups: '" + name + "' is listed twice");
    out.groups.push_back(name);
  }
  for (const auto& [key, node] : *catalog) {
    const std::string k(key.str());
    if (k != "reference_stature_m" && k != "reference_body_mass_kg" && k != "groups" && k != "source")
      in.fail(&node, "catalog." + k +
                         ": unknown key; allowed reference_stature_m, reference_body_mass_kg, "
                         "groups, source");
  }

  const toml::array* fascicles = root["fascicle"].as_array();
  if (!fascicles || fascicles->empty()) in.fail(nullptr, "fascicle: needs [[fascicle]] entries");
  std::set<std::string> names, used_groups;
  std::vector<FascicleSpec> right;
  for (const toml::node& node : *fascicles) {
    const toml::table* t = node.as_table();
    if (!t) in.fail(&node, "fascicle: every entry must be a table");
    FascicleSpec f;
    f.line = static_cast<int>(t->source().begin.line);
    f.name = in.text(t->get("name"), t, "fascicle.name");
    const std::string what = "fascicle " + f.name;
    if (!wellFormedRightName(f.name))
      in.fail(t->get("name"),
              what +
                  ".name: must be words of letters and digits joined by _ ending in _r (the reader "
                  "adds the _l mirror), e.g. multifidus_L4_long_r");
    if (!names.insert(f.name).second) in.fail(t->get("name"), what + ".name: listed twice");
    for (const auto& [key, value] : *t) {
      static const std::set<std::string> allowed = {
          "name",          "group", "deep_core", "points", "max_isometric_force_n", "optimal_fiber_length_m",
          "pennation_deg", "source"};
      if (!allowed.count(std::string(key.str())))
        in.fail(&value, what + "." + std::string(key.str()) +
                            ": unknown key; allowed name, group, deep_core, points, max_isometric_force_n, "
                            "optimal_fiber_length_m, pennation_deg, source");
    }
    f.group = in.text(t->get("group"), t, what + ".group");
    if (std::find(out.groups.begin(), out.groups.end(), f.group) == out.groups.end())
      in.fail(t->get("group"), what + ".group: '" + f.group + "' is not in catalog.groups");
    used_groups.insert(f.group);
    const toml::node* core = t->get("deep_core");
    if (!core || !core->is_boolean()) in.fail(core ? core : t, what + ".deep_core: must be true or false");
    f.deep_core = core->value<bool>().value();
    const toml::array* points = t->get_as<toml::array>("points");
    if (!points || points->size() < 2 || points->size() > kMaxPoints)
      in.fail(points ? static_cast<const toml::node*>(points) : t,
              what + ".points: needs 2 to " + std::to_string(kMaxPoints) + " points (origin ... insertion)");
    for (std::size_t i = 0; i < points->size(); ++i) {
      const std::string pw = what + ".points[" + std::to_string(i) + "]";
      const toml::table* p = points->get(i)->as_table();
      if (!p) in.fail(points->get(i), pw + ": must be { body = \"...\", at = [x, y, z] }");
      PathPointSpec point;
      point.body = in.text(p->get("body"), p, pw + ".body");
      if (!knownBodies().count(point.body))
        in.fail(p->get("body"), pw + ".body: '" + point.body +
                                    "' is not a body of the trunk model; allowed pelvis, L5...L1, T12...T1, "
                                    "neck, head, shoulder_r, arm_r (the left side is mirrored)");
      const toml::array* at = p->get_as<toml::array>("at");
      if (!at || at->size() != 3) in.fail(p, pw + ".at: must be [x, y, z] in metres");
      for (int k = 0; k < 3; ++k)
        point.position_m[k] = in.number(at->get(k), p, pw + ".at[" + std::to_string(k) + "]", kCoordinate);
      if (p->size() != 2) in.fail(p, pw + ": allowed keys are body and at");
      f.points.push_back(point);
    }
    for (std::size_t i = 1; i < f.points.size(); ++i)
      if ((f.points[i].position_m - f.points[i - 1].position_m).norm() < 1e-6 &&
          f.points[i].body == f.points[i - 1].body)
        in.fail(points->get(i), what + ".points: two consecutive points coincide");
    f.max_isometric_force_n =
        in.number(t->get("max_isometric_force_n"), t, what + ".max_isometric_force_n", kForce);
    f.optimal_fiber_length_m =
        in.number(t->get("optimal_fiber_length_m"), t, what + ".optimal_fiber_length_m", kFiber);
    f.pennation_rad =
        in.number(t->get("pennation_deg"), t, what + ".pennation_deg", kPennation) * M_PI / 180.0;
    f.source = in.text(t->get("source"), t, what + ".source");
    f.side = 'r';
    right.push_back(f);
  }
  for (const std::string& g : out.groups)
    if (!used_groups.count(g)) in.fail(catalog, "catalog.groups: '" + g + "' has no fascicle");
  // Right then left, each in file order: index i of the right side is index i + n of the left.
  out.fascicles = right;
  for (const FascicleSpec& f : right) out.fascicles.push_back(mirrored(f));
  return out;
}

MuscleCatalog readTrunkMuscleCatalog() {
  return readMuscleCatalogText(std::string(embeddedDataFile(kFileName)), kFileName);
}

}  // namespace spineload
