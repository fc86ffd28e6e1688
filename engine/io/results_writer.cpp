#include "engine/io/results_writer.hpp"

#include <ctime>

#include "engine/dynamics/integrator.hpp"

namespace spineload {
namespace {

void writeLevel(h5::Group& group, const LevelSeries& s) {
  const auto info = [](const char* units, const std::string& what) {
    return h5::DatasetInfo{units, what + " at " + "the level, mid-disc frame (docs/loads.md)"};
  };
  group.writeVector("compression", s.compression_n,
                    info("N", "compression (+ pushes the vertebrae together)"));
  group.writeVector("shear_ap", s.shear_ap_n,
                    info("N", "anterior-posterior shear (+ upper vertebra pushed anteriorly)"));
  group.writeVector("shear_ml", s.shear_ml_n,
                    info("N", "medio-lateral shear (+ upper vertebra pushed to the left)"));
  group.writeVector("moment_fe", s.moment_fe_nm, info("N m", "flexion-extension moment (+ flexion)"));
  group.writeVector("moment_lb", s.moment_lb_nm,
                    info("N m", "lateral bending moment (+ bending to the right)"));
  group.writeVector("moment_ax", s.moment_ax_nm, info("N m", "axial moment (+ rotation to the left)"));
  group.writeVector(
      "idp", s.idp_mpa,
      {"MPa",
       "intradiscal pressure estimate: swelling pressure + 1.5 x compression / disc area (docs/model.md)"});
  group.writeVector("disc_height", s.disc_height_m,
                    {"m", "disc height at the disc's hydration (docs/model.md)"});
}

}  // namespace

std::string utcTimestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

namespace {

// Muscle activations and forces (time × muscle), the abdominal pressure, the controller's reserve share
// and the trunk's stability (docs/hdf5-schema.md).
void writeMuscles(h5::Group& g, const RunResult& r) {
  if (r.muscle_names.empty()) return;
  const std::size_t n = r.time_s.size(), m = r.muscle_names.size();
  h5::Group muscles = g.createGroup("muscles");
  muscles.writeStrings("names", r.muscle_names,
                       {"", "fascicle names <muscle>_<part>_<side>, the columns of activation and force"});
  muscles.writeMatrix("activation", r.muscle_activation.data(), n, m,
                      {"1", "activation of each fascicle (0-1), time along rows"});
  muscles.writeMatrix("force", r.muscle_force_n.data(), n, m,
                      {"N", "tendon force of each fascicle (active + passive), time along rows"});
  g.writeVector("abdominal_pressure", r.abdominal_pressure_pa,
                {"Pa", "intra-abdominal pressure (rest + transversus abdominis + breathing)"});
  g.writeVector("stability_time", r.stability_time_s, {"s", "times of the stability samples"});
  g.writeVector(
      "stability", r.stability_nm_per_rad,
      {"N m/rad", "smallest eigenvalue of the tangent stiffness of the spine's rotations (< 0: unstable)"});
  g.writeVector(
      "control/reserve_rms", r.reserve_rms_nm,
      {"N m", "RMS over the controlled DOFs of the reserve torques at the last static-optimization solve"});
  g.writeVector("control/reserve_max", r.reserve_max_nm,
                {"N m", "largest reserve torque (absolute) at the last static-optimization solve"});
}

}  // namespace

void writeProvenance(h5::Group& root, const Provenance& p) {
  root.setAttribute("spineload_version", SPINELOAD_VERSION);
  root.setAttribute("git_hash", SPINELOAD_GIT_HASH);
  root.setAttribute("compiler", SPINELOAD_COMPILER);
  root.setAttribute("compiler_flags", SPINELOAD_CXX_FLAGS);
  root.setAttribute("model_hash", p.model_hash);
  root.setAttribute("seeds", "none (deterministic scenario, no sampling)");
  root.setAttribute("start_time", p.start_time);
  root.setAttribute("end_time", p.end_time);
  root.setAttribute("command", p.command);
  root.setAttribute("schema", "docs/hdf5-schema.md");
}

void writeRunResult(h5::Group& root, const ScenarioSpec& spec, const RunResult& r) {
  h5::Group g = root.createGroup("scenarios/" + r.scenario_id);
  g.setAttribute("scenario_toml", spec.values.toml_text);
  g.setAttribute("scenario_file", spec.values.path);
  g.setAttribute("model_hash", r.model_hash);
  g.setAttribute("integrator", std::string(integratorName(spec.simulation.integrator)));
  g.setAttribute("dt_s", spec.simulation.dt_s);
  g.setAttribute("steps", r.steps);
  g.setAttribute("wall_time_s", r.wall_time_s);
  if (!spec.output.time_series) return;
  g.writeVector("time", r.time_s, {"s", "time of each sample since the start of the run"});
  for (const LevelSeries& s : r.levels) {
    h5::Group level = g.createGroup("levels/" + s.level);
    writeLevel(level, s);
  }
  const std::size_t n = r.time_s.size();
  g.writeVector(
      "stature_change", r.stature_change_m,
      {"m", "sum over the modelled discs of the height change from a morning disc (negative = shorter)"});
  h5::Group pelvis = g.createGroup("pelvis");
  pelvis.writeMatrix("position", r.pelvis_position_m.data(), n, 3,
                     {"m", "pelvis frame origin in the world (x forward, y left, z up)"});
  pelvis.writeMatrix("velocity", r.pelvis_velocity_m_s.data(), n, 3,
                     {"m/s", "pelvis origin velocity, world"});
  pelvis.writeMatrix("acceleration", r.pelvis_acceleration_m_s2.data(), n, 3,
                     {"m/s^2", "pelvis origin acceleration, world (gravity not included)"});
  if (!r.grf_vertical_n.empty()) {
    h5::Group grf = g.createGroup("grf");
    grf.writeVector(
        "vertical", r.grf_vertical_n,
        {"N", "vertical ground reaction force (both feet; spring-mass stance + lower-limb impact)"});
    grf.writeVector("fore_aft", r.grf_fore_aft_n,
                    {"N", "fore-aft ground reaction force, positive forward (negative = braking)"});
  }
  writeMuscles(g, r);
  if (r.breathing_volume_fraction.empty()) return;
  h5::Group breathing = g.createGroup("breathing");
  breathing.writeVector("volume_fraction", r.breathing_volume_fraction,
                        {"1", "lung volume above end-expiration / tidal volume, locked to the footfalls"});
  h5::Group arms = g.createGroup("arms");
  arms.writeVector("flexion_r", r.arm_flexion_r_rad,
                   {"rad", "right arm swing target, flexion-extension (+ = forward)"});
  arms.writeVector("flexion_l", r.arm_flexion_l_rad,
                   {"rad", "left arm swing target, flexion-extension (+ = forward)"});
}

}  // namespace spineload
