// The round-trip fixture of tests/python/test_roundtrip.py: writes an HDF5 results file through the
// engine's writers from a synthetic run whose every value is known, checks that the engine's own reader gets
// the inputs back, and writes a JSON of every group, dataset, attribute and /summary row for h5py to compare
// against (its format is described in tests/python/test_roundtrip.py). Usage: spineload_h5_fixture OUT.h5
// OUT.json
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <numbers>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "engine/io/hdf5_file.hpp"
#include "engine/io/results_writer.hpp"
#include "engine/io/summary_table.hpp"
#include "engine/scenario/scenario_spec.hpp"

using namespace spineload;

namespace {

constexpr const char* kScenarioToml = R"(# fixture scenario
[gait]
mode = "running"
speed_m_s = 3.0
[simulation]
duration_s = 3.0
output_rate_hz = 500.0
)";

// A deterministic, non-trivial sample value: distinct per series (seed) and sample.
double wave(int seed, std::size_t i, double dt_s) {
  const double t = static_cast<double>(i) * dt_s;
  return 100.0 * seed + 37.5 * std::sin(2.0 * std::numbers::pi * (1.3 + 0.1 * seed) * t) +
         1e-3 * std::cos(7.0 * t);
}

std::vector<double> series(int seed, std::size_t n, std::size_t cols, double dt_s) {
  std::vector<double> x(n * cols);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = wave(seed + static_cast<int>(i % cols), i / cols, dt_s);
  return x;
}

RunResult syntheticRun(const ScenarioSpec& spec) {
  const double dt = spec.simulation.dt_s * spec.simulation.output_every_steps;
  const std::size_t n =
      static_cast<std::size_t>(spec.simulation.n_steps / spec.simulation.output_every_steps + 1);
  RunResult r;
  r.scenario_id = spec.name;
  r.model_hash = "fixture-model-hash";
  r.stride_period_s = 0.7;
  r.steps = spec.simulation.n_steps;
  r.wall_time_s = 1.25;
  for (std::size_t i = 0; i < n; ++i) r.time_s.push_back(static_cast<double>(i) * dt);
  int seed = 1;
  for (const char* name : {"T7_T8", "L4_L5"}) {
    LevelSeries s;
    s.level = name;
    for (auto* v :
         {&s.compression_n, &s.shear_ap_n, &s.shear_ml_n, &s.moment_fe_nm, &s.moment_lb_nm, &s.moment_ax_nm,
          &s.idp_mpa, &s.disc_height_m, &s.muscle_compression_n, &s.net_moment_fe_nm, &s.net_moment_lb_nm,
          &s.net_moment_ax_nm, &s.muscle_moment_fe_nm, &s.muscle_moment_lb_nm, &s.muscle_moment_ax_nm})
      *v = series(seed++, n, 1, dt);
    r.levels.push_back(std::move(s));
  }
  r.pelvis_position_m = series(seed++, n, 3, dt);
  r.pelvis_velocity_m_s = series(seed++, n, 3, dt);
  r.pelvis_acceleration_m_s2 = series(seed++, n, 3, dt);
  r.stature_change_m = series(seed++, n, 1, dt);
  for (const char* body : {"pelvis", "T12", "T7", "T1", "head"})
    r.accelerations.push_back({body, -1, series(seed++, n, 3, dt)});
  r.grf_vertical_n = series(seed++, n, 1, dt);
  r.grf_fore_aft_n = series(seed++, n, 1, dt);
  r.breathing_volume_fraction = series(seed++, n, 1, dt);
  r.arm_flexion_r_rad = series(seed++, n, 1, dt);
  r.arm_flexion_l_rad = series(seed++, n, 1, dt);
  r.muscle_names = {"rhomboid_major_r", "rhomboid_major_l", "trapezius_lower_r", "trapezius_lower_l"};
  r.muscle_groups = {"rhomboids", "rhomboids", "trapezius_lower", "trapezius_lower"};
  r.muscle_sides = {'r', 'l', 'r', 'l'};
  r.muscle_activation = series(seed++, n, 4, dt);
  r.muscle_force_n = series(seed++, n, 4, dt);
  r.abdominal_pressure_pa = series(seed++, n, 1, dt);
  r.reserve_rms_nm = series(seed++, n, 1, dt);
  r.reserve_max_nm = series(seed++, n, 1, dt);
  for (std::size_t i = 0; i < 60; ++i) r.stability_time_s.push_back(0.05 * static_cast<double>(i));
  r.stability_nm_per_rad = series(seed++, 60, 1, 0.05);
  return r;
}

// ---- a minimal JSON writer ----
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
      continue;
    }
    out += c;
  }
  out += '"';
  return out;
}

std::string number(double x) {
  if (std::isnan(x)) return "null";
  if (std::isinf(x)) throw std::runtime_error("an infinite value cannot be written to JSON");
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

template <class T, class F>
std::string list(const std::vector<T>& xs, F format) {
  std::ostringstream out;
  out << '[';
  for (std::size_t i = 0; i < xs.size(); ++i) out << (i ? "," : "") << format(xs[i]);
  out << ']';
  return out.str();
}

// Attributes of an object as a JSON object: text or number.
std::string attributes(const h5::Group& root, const std::string& path, bool is_dataset) {
  std::ostringstream out;
  out << '{';
  bool first = true;
  for (const std::string& a : root.attributeNames(path)) {
    std::string value;
    if (is_dataset) {
      value = quoted(root.datasetStringAttribute(path, a));
    } else {
      std::optional<h5::Group> opened;
      if (!path.empty()) opened.emplace(root.openGroup(path));
      const h5::Group& g = path.empty() ? root : *opened;
      try {
        value = quoted(g.stringAttribute(a));
      } catch (const h5::Error&) {
        value = number(g.doubleAttribute(a));
      }
    }
    out << (first ? "" : ",") << quoted(a) << ':' << value;
    first = false;
  }
  out << '}';
  return out.str();
}

std::string datasetJson(const h5::Group& root, const std::string& path) {
  std::ostringstream shape;
  std::string values;
  try {
    const std::vector<std::string> s = root.readStrings(path);
    shape << '[' << s.size() << ']';
    values = list(s, quoted);
  } catch (const h5::Error&) {
    try {
      const std::vector<double> v = root.readVector(path);
      shape << '[' << v.size() << ']';
      values = list(v, number);
    } catch (const h5::Error&) {
      std::size_t rows = 0, cols = 0;
      const std::vector<double> v = root.readMatrix(path, rows, cols);
      shape << '[' << rows << ',' << cols << ']';
      values = list(v, number);
    }
  }
  std::ostringstream out;
  out << "{\"shape\":" << shape.str() << ",\"values\":" << values
      << ",\"attrs\":" << attributes(root, path, true) << '}';
  return out.str();
}

std::string summaryJson(const std::vector<SummaryRow>& rows) {
  std::ostringstream out;
  out << "{\"columns\":[";
  for (std::size_t k = 0; k < rows.front().size(); ++k) out << (k ? "," : "") << quoted(rows.front()[k].name);
  out << "],\"rows\":[";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out << (r ? ",[" : "[");
    for (std::size_t k = 0; k < rows[r].size(); ++k) {
      const auto& v = rows[r][k].value;
      out << (k ? "," : "");
      if (const double* x = std::get_if<double>(&v)) out << number(*x);
      if (const long long* n = std::get_if<long long>(&v)) out << *n;
      if (const std::string* t = std::get_if<std::string>(&v)) out << quoted(*t);
    }
    out << ']';
  }
  out << "]}";
  return out.str();
}

void expectSame(const std::vector<double>& read, const std::vector<double>& written,
                const std::string& what) {
  if (read.size() != written.size()) throw std::runtime_error(what + ": read back a different length");
  for (std::size_t i = 0; i < read.size(); ++i)
    if (read[i] != written[i]) throw std::runtime_error(what + ": value " + std::to_string(i) + " differs");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: spineload_h5_fixture OUT.h5 OUT.json\n";
    return 2;
  }
  try {
    ScenarioSpec spec =
        toScenarioSpec(parseScenarioText(kScenarioToml, "fixture.toml", loadParameterTable()));
    spec.name = "fixture";
    spec.output.levels = {"T7_T8", "L4_L5"};
    const RunResult r = syntheticRun(spec);
    const ScenarioSummary summary = summarizeRun(spec, r, readTissueFatigue());
    ScenarioSpec second = spec;
    second.name = "fixture_b";
    const std::vector<SummaryRow> rows = {
        summaryRow(spec, "ok", summary.metrics),
        summaryRow(second, "failed: a test of the status text", summary.metrics)};
    {
      h5::File file = h5::File::create(argv[1]);
      h5::Group root = file.root();
      writeRunResult(root, spec, r, summary);
      writeSummaryTable(root, rows);
      writeProvenance(root,
                      {"spineload_h5_fixture", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", r.model_hash});
    }
    const h5::File file = h5::File::openReadOnly(argv[1]);
    const h5::Group root = file.root();
    // The engine's reader gets the inputs back (h5py is compared with this in the Python test).
    expectSame(root.readVector("scenarios/fixture/time"), r.time_s, "time");
    expectSame(root.readVector("scenarios/fixture/levels/L4_L5/net_moment_ax"), r.levels[1].net_moment_ax_nm,
               "net_moment_ax");
    std::size_t rows_read = 0, cols_read = 0;
    expectSame(root.readMatrix("scenarios/fixture/muscles/force", rows_read, cols_read), r.muscle_force_n,
               "muscle force");
    expectSame(root.readMatrix("scenarios/fixture/accelerations/head", rows_read, cols_read),
               r.accelerations[4].m_s2, "head acceleration");
    std::ostringstream json;
    json << "{\"file\":" << quoted(argv[1]) << ",\"groups\":{\"/\":{\"attrs\":" << attributes(root, "", false)
         << "}";
    for (const h5::ObjectPath& o : root.descendants())
      if (!o.is_dataset)
        json << "," << quoted(std::string("/") + o.path) << ":{\"attrs\":" << attributes(root, o.path, false)
             << "}";
    json << "},\"datasets\":{";
    bool first = true;
    for (const h5::ObjectPath& o : root.descendants()) {
      if (!o.is_dataset || o.path == "summary") continue;
      json << (first ? "" : ",") << quoted(std::string("/") + o.path) << ":" << datasetJson(root, o.path);
      first = false;
    }
    json << "},\"summary\":" << summaryJson(rows) << "}\n";
    std::ofstream(argv[2]) << json.str();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "spineload_h5_fixture: " << e.what() << "\n";
    return 1;
  }
}
