#include "engine/dynamics/model_hash.hpp"

#include <cstdio>
#include <cstring>
#include <vector>

namespace spineload {
namespace {

struct Fnv1a {
  std::uint64_t h = 14695981039346656037ull;
  void bytes(const void* p, std::size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ c[i]) * 1099511628211ull;
  }
  void number(double x) { bytes(&x, sizeof x); }
  template <class Derived>
  void numbers(const Eigen::MatrixBase<Derived>& m) {
    for (Eigen::Index i = 0; i < m.size(); ++i) number(m(i));
  }
};

}  // namespace

std::string modelHash(const Model& model) {
  Fnv1a f;
  f.numbers(model.gravity_W);
  for (const Body& b : model.bodies) {
    f.bytes(b.name.data(), b.name.size());
    f.number(b.parent);
    f.number(static_cast<double>(b.joint));
    f.numbers(b.axis);
    f.numbers(b.X_tree.E);
    f.numbers(b.X_tree.r);
    f.number(b.inertia.mass_kg);
    f.numbers(b.inertia.h);
    f.numbers(b.inertia.Ibar);
  }
  std::vector<double> params;
  for (const auto& e : model.force_elements) {
    f.bytes(e->name().data(), e->name().size());
    params.clear();
    e->appendParameters(params);
    for (double x : params) f.number(x);
  }
  if (model.prescribed_motion) {
    params.clear();
    model.prescribed_motion->appendParameters(params);
    for (double x : params) f.number(x);
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(f.h));
  return text;
}

}  // namespace spineload
