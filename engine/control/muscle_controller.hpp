// The trunk's neuromuscular controller (docs/muscles.md): computed-torque tracking of the reference posture
// distributed over the muscles by static optimization, with reserve torques, activation dynamics, a
// co-contraction floor of the deep core, breathing drive of the accessory muscles and intra-abdominal
// pressure.
//
// Every control period T the controller
//   1. takes the generalized forces that track the reference, τ_des = RNEA(q, v, q̈_des) − τ_tissue
//      (PostureHold: inverse dynamics of the reference plus PD feedback, minus the passive tissue);
//   2. writes the muscles' part as linear in the activations, τ = A a + τ_0 with A = R diag(F_act) (+ the
//      intra-abdominal pressure that transversus abdominis raises), τ_0 = R F_passive + τ_IAP,rest;
//   3. solves  min Σ a_i^p + Σ (r_j / r_opt)²  s.t.  A a + r = τ_des − τ_0,  lb ≤ a ≤ ub  (box QP; p = 3 by
//      sequential quadratic steps), where lb, ub are the activations reachable within T under the
//      activation dynamics, raised to the deep core's floor and the breathing drive;
//   4. sets each muscle's excitation so that its activation reaches the optimum after T.
// Between solves the activations evolve under their dynamics and the forces follow the current fibre
// lengths and velocities; the reserves hold the value chosen at the solve. Muscle and pressure forces act
// as body wrenches (so the level loads include them); reserves as joint torques.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/control/posture_hold.hpp"
#include "engine/muscles/abdominal_pressure.hpp"
#include "engine/muscles/box_qp.hpp"
#include "engine/muscles/muscle_set.hpp"

namespace spineload {

class BreathingCycle;

struct MuscleControlParams {
  double bandwidth_hz = 4.0;  ///< the tracking of PostureHold
  double damping_ratio = 1.0;
  double control_rate_hz = 500.0;  ///< static-optimization solves per second
  /// The integration step [s]: the solves fall every k = max(1, round(1 / (step_s rate))) steps, and the
  /// activation dynamics plan over that real interval k step_s. 0: time-based, a solve when 1 / rate has
  /// passed (for callers without a fixed step).
  double step_s = 0.0;
  int effort_exponent = 2;  ///< p in Σ a^p (2 or 3)
  double reserve_optimal_torque_nm = 1.0;
  double core_floor_activation = 0.0;  ///< [core] stiffness: minimal activation of the deep core
  /// Bodies whose joints are driven by joint torques, not by the modelled muscles (the arms at the
  /// glenohumeral joint: deltoid and rotator cuff are not modelled). Their torque completes what the
  /// muscles crossing them give; it is not a reserve.
  std::vector<int> torque_driven_bodies;
};

class MuscleController {
 public:
  MuscleController(const Model& model, std::shared_ptr<const MuscleSet> muscles, AbdominalPressureModel iap,
                   MuscleControlParams params, const JointReference* reference,
                   const BreathingCycle* breathing);

  /// For the state in `d` at d.time_s, `elapsed_s` after the previous call: advances the activations,
  /// re-solves the distribution when a control period has passed, and writes the reserves into d.tau and
  /// the muscle and pressure wrenches added to d.f_ext (which must hold the external forces on entry).
  /// Needs nothing else computed; leaves d's kinematics at (q, v). No allocation.
  void update(const Model& model, Data& d, double elapsed_s);

  /// Within a step: the muscle and pressure wrenches at the state (q, v) with the activations held,
  /// d.f_ext = external + those. Needs d.base at the stage's time. No allocation.
  void applyAtState(const Model& model, Data& d, const Eigen::VectorXd& q, const Eigen::VectorXd& v,
                    const AlignedVector<Vec6>& external);

  /// Adds Σ_i R_ji² ∂F_i/∂l̇_i (the muscles' force-velocity and parallel damping through their moment arms,
  /// at the last applied state and held activations) to damping_diag (nv).
  void addDampingDiagonal(Eigen::VectorXd& damping_diag) const;

  const MuscleSet& muscles() const { return *muscles_; }
  const Eigen::VectorXd& activation() const { return activation_; }
  const Eigen::VectorXd& force_n() const { return force_n_; }
  const Eigen::VectorXd& reserve_nm() const { return reserve_; }
  const MuscleGeometry& geometry() const { return geometry_; }
  double abdominalPressurePa() const { return iap_pa_; }
  /// The pressure's wrench on the diaphragm's body (body frame, about its origin), as applied last.
  Vec6 abdominalWrench() const;
  /// RMS and largest |reserve torque| over the controlled DOFs at the last solve [N·m] (0 = the muscles do
  /// all the work): the quality of the muscle solution.
  double reserveRmsNm() const { return reserve_rms_nm_; }
  double reserveMaxNm() const { return reserve_max_nm_; }
  const BoxQpStats& lastSolve() const { return stats_; }
  /// The last static-optimization problem (with A's fixed sparsity pattern), for tests.
  const BoxQpProblem& lastProblem() const { return problem_; }

 private:
  void setPattern();
  void solve(const Data& d, const Eigen::VectorXd& tau_des);
  void fiberForces();  ///< active_n_, passive_n_ and their slopes from the current geometry
  void addWrenches(Data& d);
  void iapDirection(const Model& model, const Data& d);
  /// The activation floor of a muscle: the deep core's co-contraction, an accessory muscle's breathing drive
  /// at lung volume fraction `breath`.
  double floorActivation(int muscle, double breath) const;

  std::shared_ptr<const MuscleSet> muscles_;
  AbdominalPressureModel iap_;
  MuscleControlParams params_;
  const BreathingCycle* breathing_;
  PostureHold hold_;
  MuscleGeometry geometry_;
  std::vector<int> rows_;  ///< the muscle-controlled DOFs (rotations; not disc slides nor torque-driven)
  std::vector<int> torque_rows_;  ///< the torque-driven DOFs
  std::vector<int> row_of_dof_;   ///< nv: index into rows_, or -1
  std::vector<int> arm_row_;      ///< per moment arm (MuscleSet::arm_dofs): its index into rows_, or -1
  std::vector<std::pair<int, int>> torque_arms_;  ///< (muscle, arm) on the torque-driven DOFs, in order
  BoxQpSolver qp_;
  BoxQpProblem problem_;
  BoxQpStats stats_;
  Eigen::VectorXd pressure_gain_pa_;  ///< per muscle: abdominal pressure per unit of its activation
  Eigen::VectorXd accessory_drive_;   ///< per muscle: breathing drive at full inspiration
  Eigen::VectorXd activation_, excitation_, target_, force_n_, active_n_, passive_n_, reserve_, tau_des_;
  Eigen::VectorXd active_slope_, passive_slope_;  ///< ∂/∂l̇ of active_n_, passive_n_ [N·s/m]
  Eigen::VectorXd decay_up_, decay_down_;  ///< activationDecay over a solve period, last solve (u = 1, 0)
  Eigen::VectorXd iap_tau_;                ///< generalized force of 1 Pa of abdominal pressure (nv)
  Eigen::VectorXd joint_torque_;           ///< on the torque-driven DOFs (nv, zero elsewhere)
  Eigen::VectorXd x_;                      ///< QP warm start
  Eigen::VectorXd residual_;               ///< m: A x at the solution
  double iap_pa_ = 0.0, reserve_rms_nm_ = 0.0, reserve_max_nm_ = 0.0, since_solve_s_ = 0.0, period_s_ = 0.0;
  int steps_per_solve_ = 0, steps_since_solve_ = 0;  ///< with a fixed step (params.step_s > 0)
  bool started_ = false;
};

}  // namespace spineload
