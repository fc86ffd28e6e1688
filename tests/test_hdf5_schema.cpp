// docs/hdf5-schema.md lists every path a results file holds; these tests produce files and check that the
// document and the files agree both ways: no undocumented dataset, no documented one missing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/io/results_writer.hpp"
#include "engine/io/summary_table.hpp"
#include "engine/run/run_scenario.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

struct DocumentedPath {
  std::string path;
  std::string condition;  ///< "" or running / generator / muscles
};

// The dataset paths of the "Every path" code block (lines starting with '/', groups end with '/').
std::vector<DocumentedPath> documentedDatasets() {
  std::ifstream in(std::string(SPINELOAD_SOURCE_DIR) + "/docs/hdf5-schema.md");
  std::string line;
  while (std::getline(in, line) && line != "## Every path") {
  }
  while (std::getline(in, line) && line != "```") {
  }
  std::vector<DocumentedPath> out;
  while (std::getline(in, line) && line != "```") {
    if (line.empty() || line[0] != '/') continue;
    std::istringstream words(line);
    DocumentedPath p;
    words >> p.path;
    if (p.path.back() == '/') continue;  // a group (its attributes are described on the line)
    if (const auto at = line.find("[when "); at != std::string::npos)
      p.condition = line.substr(at + 6, line.find(']', at) - at - 6);
    out.push_back(p);
  }
  return out;
}

// The attribute names the block lists for `object` ("/" or "/scenarios/<id>/"): the comma-separated names
// after "attributes:" on its line and the indented lines that follow, each with its [when …] condition.
std::vector<DocumentedPath> documentedAttributes(const std::string& object) {
  std::ifstream in(std::string(SPINELOAD_SOURCE_DIR) + "/docs/hdf5-schema.md");
  std::string line, text;
  bool inside = false;
  while (std::getline(in, line) && line != "## Every path") {
  }
  while (std::getline(in, line)) {
    if (line == "```" && inside) break;
    if (!line.empty() && line[0] == '/') {
      std::istringstream words(line);
      std::string first;
      words >> first;
      inside = first == object && line.find("attributes:") != std::string::npos;
      if (inside) text = line.substr(line.find("attributes:") + 11);
    } else if (inside && !line.empty() && line[0] == ' ') {
      text += "," + line;
    } else if (inside) {
      break;
    }
  }
  std::vector<DocumentedPath> out;
  std::stringstream items(text);
  for (std::string item; std::getline(items, item, ',');) {
    std::istringstream words(item);
    DocumentedPath a;
    if (!(words >> a.path)) continue;
    if (const auto at = item.find("[when "); at != std::string::npos)
      a.condition = item.substr(at + 6, item.find(']', at) - at - 6);
    out.push_back(a);
  }
  return out;
}

std::set<std::string> expectedAttributes(const std::string& object, const std::set<std::string>& conditions) {
  std::set<std::string> out;
  for (const DocumentedPath& a : documentedAttributes(object))
    if (a.condition.empty() || conditions.count(a.condition)) out.insert(a.path);
  return out;
}

// A produced path with its variable parts replaced by the document's placeholders.
std::string templated(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream s(path);
  for (std::string part; std::getline(s, part, '/');) parts.push_back(part);
  if (parts.size() > 1 && parts[0] == "scenarios") parts[1] = "<id>";
  if (parts.size() > 3 && parts[2] == "levels") parts[3] = "<level>";
  if (parts.size() > 3 && parts[2] == "accelerations") parts[3] = "<body>";
  if (parts.size() > 4 && parts[2] == "shock" && parts[3] == "transfer") parts[4] = "<upper>";
  std::string out;
  for (const std::string& part : parts) out += "/" + part;
  return out;
}

struct Produced {
  std::set<std::string> datasets, root_attributes, scenario_attributes;
};

Produced produce(const std::string& toml, const std::string& file) {
  ScenarioSpec spec = toScenarioSpec(parseScenarioText(toml, "schema.toml", loadParameterTable()));
  spec.name = "schema";
  const RunResult r = runScenario(spec, buildScenarioModel(spec));
  const ScenarioSummary summary = summarizeRun(spec, r, readTissueFatigue());
  {
    h5::File f = h5::File::create(file);
    h5::Group root = f.root();
    writeRunResult(root, spec, r, summary);
    writeSummaryTable(root, {summaryRow(spec, "ok", summary.metrics)});
    writeProvenance(root, {"test", "t0", "t1", r.model_hash});
  }
  Produced out;
  {
    const h5::File f = h5::File::openReadOnly(file);
    for (const h5::ObjectPath& o : f.root().descendants())
      if (o.is_dataset) out.datasets.insert(templated(o.path));
    for (const std::string& a : f.root().attributeNames("")) out.root_attributes.insert(a);
    for (const std::string& a : f.root().attributeNames("scenarios/schema"))
      out.scenario_attributes.insert(a);
  }
  fs::remove(file);
  return out;
}

std::set<std::string> expected(const std::set<std::string>& conditions) {
  std::set<std::string> out;
  for (const DocumentedPath& p : documentedDatasets())
    if (p.condition.empty() || conditions.count(p.condition)) out.insert(p.path);
  return out;
}

std::string temp(const std::string& name) {
  return (fs::temp_directory_path() / (name + std::to_string(::getpid()) + ".h5")).string();
}

TEST(Hdf5Schema, TheDocumentListsPaths) {
  EXPECT_GT(documentedDatasets().size(), 30u) << "docs/hdf5-schema.md: the 'Every path' block was not found";
  EXPECT_GT(documentedAttributes("/").size(), 8u);
  EXPECT_GT(documentedAttributes("/scenarios/<id>/").size(), 10u);
}

TEST(Hdf5Schema, RunningWithMusclesWritesExactlyTheDocumentedPaths) {
  const Produced got = produce(
      "[gait]\nmode = \"running\"\n[simulation]\nduration_s = 1.6\ndrop_strides = 1\n", temp("schema_run"));
  EXPECT_EQ(got.datasets, expected({"running", "generator", "muscles"}));
  EXPECT_EQ(got.root_attributes, expectedAttributes("/", {}));
  EXPECT_EQ(got.scenario_attributes, expectedAttributes("/scenarios/<id>/", {"running"}));
}

TEST(Hdf5Schema, StandingWithTorquesWritesTheUnconditionalPaths) {
  const Produced got = produce(
      "[gait]\nmode = \"standing\"\n[control]\nactuators = \"torques\"\n[simulation]\nduration_s = 0.1\n",
      temp("schema_stand"));
  EXPECT_EQ(got.datasets, expected({}));
  EXPECT_EQ(got.scenario_attributes, expectedAttributes("/scenarios/<id>/", {}));
}

TEST(Hdf5Schema, SummariesOnlyKeepTheShockSpectraAndTheSummary) {
  const std::set<std::string> got =
      produce(
          "[gait]\nmode = \"running\"\n[control]\nactuators = \"torques\"\n[simulation]\nduration_s = 1.6\n"
          "drop_strides = 1\n[output]\ntime_series = false\n",
          temp("schema_summary"))
          .datasets;
  const std::set<std::string> want = {"/summary", "/scenarios/<id>/shock/frequency",
                                      "/scenarios/<id>/shock/transfer/<upper>"};
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace spineload
