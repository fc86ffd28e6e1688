#include "engine/validation/published_figures.hpp"

#include <toml++/toml.h>
#include <sstream>
#include <stdexcept>

namespace spineload {

double PublishedFigure::acceptLow() const {
  if (value && tolerance) return *value - *tolerance;
  if (range_min) return *range_min;
  throw std::runtime_error("figure " + id + " has no value +- tolerance and no range");
}

double PublishedFigure::acceptHigh() const {
  if (value && tolerance) return *value + *tolerance;
  if (range_max) return *range_max;
  throw std::runtime_error("figure " + id + " has no value +- tolerance and no range");
}

std::vector<PublishedFigure> readPublishedFigures(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream m;
    m << path << ":" << e.source().begin.line << ": " << e.description();
    throw std::runtime_error(m.str());
  }
  std::vector<PublishedFigure> out;
  const toml::array* figures = root["figure"].as_array();
  if (!figures) throw std::runtime_error(path + ": no [[figure]] entries");
  for (const toml::node& n : *figures) {
    const toml::table* t = n.as_table();
    PublishedFigure f;
    f.id = (*t)["id"].value_or(std::string());
    if (f.id.empty()) {
      std::ostringstream m;
      m << path << ":" << n.source().begin.line << ": a [[figure]] without an id";
      throw std::runtime_error(m.str());
    }
    f.kind = (*t)["kind"].value_or(std::string());
    f.quantity = (*t)["quantity"].value_or(std::string());
    f.unit = (*t)["unit"].value_or(std::string());
    f.source = (*t)["source"].value_or(std::string());
    f.status = (*t)["status"].value_or(std::string());
    f.conditions = (*t)["conditions"].value_or(std::string());
    f.derived_from = (*t)["derived_from"].value_or(std::string());
    f.file = path;
    if (auto v = (*t)["value"].value<double>()) f.value = *v;
    if (auto v = (*t)["sd"].value<double>()) f.sd = *v;
    if (auto v = (*t)["tolerance"].value<double>()) f.tolerance = *v;
    f.tolerance_text = (*t)["tolerance"].value_or(std::string());
    if (const toml::array* r = (*t)["range"].as_array(); r && r->size() == 2) {
      f.range_min = r->get(0)->value<double>();
      f.range_max = r->get(1)->value<double>();
    }
    out.push_back(std::move(f));
  }
  return out;
}

const PublishedFigure& findFigure(const std::vector<PublishedFigure>& figures, const std::string& id) {
  for (const PublishedFigure& f : figures)
    if (f.id == id) return f;
  throw std::out_of_range("no published figure '" + id + "'");
}

}  // namespace spineload
