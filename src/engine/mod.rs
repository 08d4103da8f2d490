//! Every number of METHOD.md, as pure functions with no I/O, one module per section.
//!
//! | file | METHOD.md |
//! |---|---|
//! | [`round`] | the preamble: `round(x, d)` and equality of scores within 1e-9 |
//! | [`targets`] | §1 differentiated targets: f, k, T, overrides |
//! | [`scoring`] | §2 ratio, ramp, score fraction, points; §3 inspection score, bonus, adjustments, veto |
//! | [`evaluation`] | §4 democratic evaluation m, q, h, E |
//! | [`ranking`] | §5 final score F, rank, display order |
//! | [`tiers`] | §6 tiers: quota, threshold, hybrid |
//! | [`consequences`] | §7 bonus allocation, talk & rectification, eligibility |
//! | [`grades`] | §8 warnings, cycles, the promotion/demotion rules |
//! | [`motivation`] | §9 motivation check, Φ and Φ⁻¹ |
//! | [`dense`] | the scenario compiled into index-based arrays, and the per-period pipeline §2–§6 on them |
//! | [`results`] | the whole run ([`evaluate`]) and the results file of FORMAT.md |
//! | [`simulation`] | §10 Monte Carlo of promotion and demotion, in slices ([`Simulation`]), and its `simulation` block |
//! | [`compare`] | two scenarios or two results side by side (方案对比, the impact notice of an edit) |
//! | [`sensitivity`] | one parameter swept over a range: tier and grade changes, Kendall's τ-b of the ranking ([`Sweep`]) |
//!
//! The UI calls [`evaluate`] once per change of the scenario and reads [`Results`]; for a single cell it calls
//! [`targets::breakdown`] and [`motivation::check`]. The simulation of §10 compiles the scenario with
//! [`dense::compile`], starts from [`Results::standing`], and reuses [`dense::points`], the §3–§5 functions,
//! [`grades::warning`], [`tiers::assign_into`] and [`grades::apply_rules`] on its own dense data; the page runs
//! it, and a [`Sweep`], in slices.

pub mod compare;
pub mod consequences;
pub mod dense;
pub mod evaluation;
pub mod grades;
pub mod incremental;
pub mod motivation;
pub mod ranking;
pub mod results;
pub mod round;
pub mod scoring;
pub mod sensitivity;
pub mod shared;
pub mod simulation;
pub mod targets;
pub mod tiers;

pub use grades::Reason;
pub use motivation::{Motivation, MotivationClass};
pub use results::{
    evaluate, results_to_string, results_to_value, CycleResult, CycleRow, PeriodResult, PeriodRow, Results, Standing,
    TargetRow,
};
pub use scoring::IndicatorScore;
pub use sensitivity::{
    kendall_tau_b, sweep, Parameter, Share, Source, Sweep, SweepError, SweepPoint, SweepResult, SweepSpec, SweepStep,
};
pub use simulation::{
    simulate, simulation_to_value, BranchOutlook, CycleShares, MergeError, Simulation, SimulationResult, Transitions,
};
pub use targets::TargetBreakdown;
pub use tiers::Tier;
