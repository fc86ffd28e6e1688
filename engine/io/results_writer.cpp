#include "engine/io/results_writer.hpp"

#include <ctime>

#include "engine/dynamics/integrator.hpp"

namespace spineload {
namespace {

// Every k-th row of a row-major series with `cols` values per sample.
std::vector<double> decimated(const std::vector<double>& x, std::size_t k, std::size_t cols = 1) {
  if (k <= 1) return x;
  std::vector<double> out;
  for (std::size_t i = 0; i * cols < x.size(); i += k)
    out.insert(out.end(), x.begin() + i * cols, x.begin() + (i + 1) * cols);
  return out;
}

// Writes the (decimated) series of one scenario: every series on the output time axis goes through here
// (the stability samples have their own rate and are written whole).
struct SeriesWriter {
  std::size_t k;
  void vector(h5::Group& g, const std::string& name, const std::vector<double>& x,
              const h5::DatasetInfo& info) const {
    g.writeVector(name, decimated(x, k), info);
  }
  void matrix(h5::Group& g, const std::string& name, const std::vector<double>& x, std::size_t cols,
              const h5::DatasetInfo& info) const {
    const std::vector<double> d = decimated(x, k, cols);
    g.writeMatrix(name, d.data(), d.size() / cols, cols, info);
  }
};

void writeLevel(h5::Group& group, const LevelSeries& s, const SeriesWriter& out) {
  const auto info = [](const char* units, const std::string& what) {
    return h5::DatasetInfo{units, what + " at " + "the level, mid-disc frame (docs/loads.md)"};
  };
  out.vector(group, "compression", s.compression_n,
             info("N", "compression (+ pushes the vertebrae together)"));
  out.vector(group, "shear_ap", s.shear_ap_n,
             info("N", "anterior-posterior shear (+ upper vertebra pushed anteriorly)"));
  out.vector(group, "shear_ml", s.shear_ml_n,
             info("N", "medio-lateral shear (+ upper vertebra pushed to the left)"));
  out.vector(group, "moment_fe", s.moment_fe_nm,
             info("N m", "flexion-extension moment carried by the joint (+ flexion)"));
  out.vector(group, "moment_lb", s.moment_lb_nm,
             info("N m", "lateral bending moment carried by the joint (+ right)"));
  out.vector(group, "moment_ax", s.moment_ax_nm, info("N m", "axial moment carried by the joint (+ left)"));
  out.vector(
      group, "idp", s.idp_mpa,
      {"MPa",
       "intradiscal pressure estimate: swelling pressure + 1.5 x compression / disc area (docs/model.md)"});
  out.vector(group, "disc_height", s.disc_height_m,
             {"m", "disc height at the disc's hydration (docs/model.md)"});
  if (s.muscle_compression_n.empty()) return;
  out.vector(group, "muscle_compression", s.muscle_compression_n,
             info("N", "compression added by the muscles crossing the level (load sharing, docs/loads.md)"));
  const auto moments = [&](const char* prefix, const std::vector<double>& fe, const std::vector<double>& lb,
                           const std::vector<double>& ax, const std::string& what) {
    const std::string p(prefix);
    out.vector(group, p + "_fe", fe, info("N m", what + ", flexion-extension (+ flexion)"));
    out.vector(group, p + "_lb", lb, info("N m", what + ", lateral bending (+ right)"));
    out.vector(group, p + "_ax", ax, info("N m", what + ", axial (+ left)"));
  };
  moments("net_moment", s.net_moment_fe_nm, s.net_moment_lb_nm, s.net_moment_ax_nm,
          "net (intersegmental) moment of everything above except the muscles = muscle_moment + moment");
  moments("muscle_moment", s.muscle_moment_fe_nm, s.muscle_moment_lb_nm, s.muscle_moment_ax_nm,
          "part of the net moment carried by the muscles crossing the level");
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
void writeMuscles(h5::Group& g, const RunResult& r, const SeriesWriter& out) {
  if (r.muscle_names.empty()) return;
  const std::size_t m = r.muscle_names.size();
  h5::Group muscles = g.createGroup("muscles");
  muscles.writeStrings("names", r.muscle_names,
                       {"-", "fascicle names <muscle>_<part>_<side>, the columns of activation and force"});
  muscles.writeStrings("groups", r.muscle_groups,
                       {"-", "the [muscles.<group>] of each fascicle, parallel to names"});
  out.matrix(muscles, "activation", r.muscle_activation, m,
             {"1", "activation of each fascicle (0-1), time along rows"});
  out.matrix(muscles, "force", r.muscle_force_n, m,
             {"N", "tendon force of each fascicle (active + passive), time along rows"});
  out.vector(g, "abdominal_pressure", r.abdominal_pressure_pa,
             {"Pa", "intra-abdominal pressure (rest + transversus abdominis + breathing)"});
  g.writeVector("stability_time", r.stability_time_s, {"s", "times of the stability samples"});
  g.writeVector(
      "stability", r.stability_nm_per_rad,
      {"N m/rad", "smallest eigenvalue of the tangent stiffness of the spine's rotations (< 0: unstable)"});
  out.vector(
      g, "control/reserve_rms", r.reserve_rms_nm,
      {"N m", "RMS over the controlled DOFs of the reserve torques at the last static-optimization solve"});
  out.vector(g, "control/reserve_max", r.reserve_max_nm,
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

namespace {

void writeShock(h5::Group& g, const ShockTransfer& shock) {
  if (shock.bodies.empty()) return;
  g.writeVector("shock/frequency", shock.frequency_hz, {"Hz", "frequencies of the transfer spectra"});
  for (std::size_t k = 0; k < shock.bodies.size(); ++k)
    g.writeVector("shock/transfer/" + shock.bodies[k], shock.transfer_db[k],
                  {"dB",
                   "vertical acceleration transfer from the pelvis, 10 log10(PSD_body / PSD_pelvis), "
                   "averaged over the steady strides (< 0: attenuated; docs/summaries.md)"});
}

void writeRunning(h5::Group& g, const RunResult& r, const SeriesWriter& out) {
  if (!r.grf_vertical_n.empty()) {
    out.vector(g, "grf/vertical", r.grf_vertical_n,
               {"N", "vertical ground reaction force (both feet; spring-mass stance + lower-limb impact)"});
    out.vector(g, "grf/fore_aft", r.grf_fore_aft_n,
               {"N", "fore-aft ground reaction force, positive forward (negative = braking)"});
  }
  if (r.breathing_volume_fraction.empty()) return;
  out.vector(g, "breathing/volume_fraction", r.breathing_volume_fraction,
             {"1", "lung volume above end-expiration / tidal volume, locked to the footfalls"});
  out.vector(g, "arms/flexion_r", r.arm_flexion_r_rad,
             {"rad", "right arm swing target, flexion-extension (+ = forward)"});
  out.vector(g, "arms/flexion_l", r.arm_flexion_l_rad,
             {"rad", "left arm swing target, flexion-extension (+ = forward)"});
}

}  // namespace

void writeRunResult(h5::Group& root, const ScenarioSpec& spec, const RunResult& r,
                    const ScenarioSummary& summary) {
  h5::Group g = root.createGroup("scenarios/" + r.scenario_id);
  g.setAttribute("scenario_toml", spec.values.toml_text);
  g.setAttribute("scenario_file", spec.values.path);
  if (!spec.values.included.empty()) {
    std::vector<std::string> files, texts;
    for (const auto& [file, text] : spec.values.included) {
      files.push_back(file);
      texts.push_back(text);
    }
    g.setStringArrayAttribute("included_files", files);
    g.setStringArrayAttribute("included_toml", texts);
  }
  g.setAttribute("model_hash", r.model_hash);
  g.setAttribute("integrator", std::string(integratorName(spec.simulation.integrator)));
  g.setAttribute("dt_s", spec.simulation.dt_s);
  g.setAttribute("steps", r.steps);
  g.setAttribute("wall_time_s", r.wall_time_s);
  if (r.stride_period_s > 0.0) g.setAttribute("stride_period_s", r.stride_period_s);
  g.setAttribute("drop_strides", spec.simulation.drop_strides);
  g.setAttribute("window_start_s", summary.window.start_s);
  g.setAttribute("window_end_s", summary.window.end_s);
  g.setAttribute("output_decimation", spec.output.decimate);
  writeShock(g, summary.shock);
  if (!spec.output.time_series) return;
  const SeriesWriter out{static_cast<std::size_t>(spec.output.decimate)};
  out.vector(g, "time", r.time_s, {"s", "time of each sample since the start of the run"});
  for (const LevelSeries& s : r.levels) {
    h5::Group level = g.createGroup("levels/" + s.level);
    writeLevel(level, s, out);
  }
  out.vector(
      g, "stature_change", r.stature_change_m,
      {"m", "sum over the modelled discs of the height change from a morning disc (negative = shorter)"});
  out.matrix(g, "pelvis/position", r.pelvis_position_m, 3,
             {"m", "pelvis frame origin in the world (x forward, y left, z up)"});
  out.matrix(g, "pelvis/velocity", r.pelvis_velocity_m_s, 3, {"m/s", "pelvis origin velocity, world"});
  out.matrix(g, "pelvis/acceleration", r.pelvis_acceleration_m_s2, 3,
             {"m/s^2", "pelvis origin acceleration, world (gravity not included)"});
  for (const AccelerationSeries& a : r.accelerations)
    out.matrix(
        g, "accelerations/" + a.name, a.m_s2, 3,
        {"m/s^2",
         a.name + " centre of mass acceleration, world (x forward, y left, z up), gravity not included"});
  writeRunning(g, r, out);
  writeMuscles(g, r, out);
}

}  // namespace spineload
