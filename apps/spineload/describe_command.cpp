#include <iomanip>
#include <iostream>

#include "apps/spineload/commands.hpp"
#include "engine/data/embedded_data.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload::cli {
namespace {

void printText(const ScenarioValues& values, const std::vector<ParameterSpec>& table) {
  std::cout << "# " << (values.path.empty() ? "defaults" : values.path) << "\n";
  for (const ParameterSpec& s : table) {
    const ParameterSetting& v = values.values.at(s.key);
    std::cout << std::left << std::setw(30) << s.key << " = " << std::setw(12) << formatValue(v.value) << ' '
              << std::setw(4) << s.unit << "  " << (v.set_in_file ? "set    " : "default") << "  allowed "
              << s.allowedText() << "\n" << std::string(34, ' ') << s.description << "\n"
              << std::string(34, ' ') << "source: " << s.source << "\n";
  }
}

void printMarkdown(const std::vector<ParameterSpec>& table) {
  std::cout << "| key | type | unit | default | allowed | description | source |\n|---|---|---|---|---|---|---|\n";
  for (const ParameterSpec& s : table)
    std::cout << "| `" << s.key << "` | " << paramTypeName(s.type) << " | " << s.unit << " | `"
              << formatValue(s.default_value) << "` | " << s.allowedText() << " | " << s.description << " | "
              << s.source << " |\n";
}

}  // namespace

int describeCommand(const DescribeOptions& o) {
  try {
    if (!o.data_file.empty()) {
      std::cout << embeddedDataFile(o.data_file);
      return kExitOk;
    }
    const std::vector<ParameterSpec> table = loadParameterTable();
    if (o.markdown) {
      printMarkdown(table);
      return kExitOk;
    }
    const ScenarioValues values =
        o.scenario.empty() ? parseScenarioText("", "", table) : loadScenarioFile(o.scenario, table);
    toScenarioSpec(values);  // cross-key rules
    printText(values, table);
    std::cout << "\nembedded data tables (spineload describe --data NAME):";
    for (const EmbeddedFile& f : embeddedDataFiles()) std::cout << ' ' << f.name;
    std::cout << "\n";
    return kExitOk;
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::out_of_range& e) {
    std::cerr << "spineload: " << e.what() << "\n";
    return kExitBadInput;
  }
}

}  // namespace spineload::cli
