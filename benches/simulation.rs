//! Timing of the Monte Carlo of METHOD.md §10 and of a sensitivity sweep. Run with
//! `cargo bench --bench simulation`.
//!
//! * Monte Carlo: 50 branches × 30 indicators × 12 recorded periods, 1000 trials of 3 cycles of 4 periods (the
//!   target is under 0.1 s natively; the same code runs in WebAssembly, where it must stay under 0.25 s).
//!   The same run again with grade quotas on grades 4 and 5 (METHOD.md §8), to see what the quota step costs.
//! * Sweep: 11 values of the inspection share on 1000 branches × 30 indicators × 12 periods.
//!
//! The scenarios come from a fixed linear congruential generator, so every run times the same work. Each figure
//! is the median of several runs.

use std::hint::black_box;

use pbcalc::engine::sensitivity::{sweep, Parameter, SweepSpec};
use pbcalc::engine::simulation::{simulate, Simulation};
use pbcalc::model::Scenario;

mod common;
use common::{machine, timed, Shape};

/// The synthetic scenario of this benchmark: one veto indicator in ten, every branch assessed in every
/// period, 1000 trials of 3 cycles of 4 periods.
fn scenario(branches: usize, indicators: usize, periods: usize) -> Scenario {
    let mut s =
        common::scenario(&Shape { branches, indicators, periods, veto_every: 10, unassessed_one_in: 0, seed: 0xbe9c4 });
    s.settings.simulation.trials = 1000;
    s.settings.simulation.cycles = 3;
    s.settings.grades.cycle_periods = 4;
    s
}

fn main() {
    println!("machine: {} (single-threaded; release profile as shipped)", machine());

    let s = scenario(50, 30, 12);
    let sim = &s.settings.simulation;
    let (setup, setup_min) = timed(15, || {
        black_box(Simulation::new(black_box(&s), sim));
    });
    let (total, total_min) = timed(15, || {
        black_box(simulate(black_box(&s)));
    });
    let r = simulate(&s);
    println!(
        "Monte Carlo (§10): 50 branches × 30 indicators × 12 recorded periods, {} trials × {} cycles × {} periods",
        r.trials, r.cycles, r.cycle_periods
    );
    println!("  Simulation::new (evaluate + precompute)  median {setup:8.2} ms   min {setup_min:8.2} ms");
    println!(
        "  simulate (new + all trials)              median {total:8.2} ms   min {total_min:8.2} ms   (target < 100 ms)"
    );
    let promoted: f64 = r.organisation.iter().map(|c| c.promoted).sum();
    println!("  (check: mean promoted share per cycle {:.4})", promoted / r.cycles.max(1) as f64);

    // The same run with grade quotas (METHOD.md §8) on the top two grades: 20 % at grade 4, 10 % at grade 5.
    let mut q = s.clone();
    q.settings.grades.quotas = Some(vec![None, None, None, Some(0.2), Some(0.1)]);
    let (quotas, quotas_min) = timed(15, || {
        black_box(simulate(black_box(&q)));
    });
    println!("  with quotas on grades 4 (0.2) and 5 (0.1) median {quotas:8.2} ms   min {quotas_min:8.2} ms");
    let rq = simulate(&q);
    let held: Vec<String> = rq.quota_held_back.iter().map(|p| format!("{p:.3}")).collect();
    println!("  (check: share of trials held back by grade {})", held.join(" "));

    let big = scenario(1000, 30, 12);
    let spec = SweepSpec { parameter: Parameter::InspectionShare, from: 0.0, to: 1.0, steps: 11, period: None };
    let (whole, whole_min) = timed(5, || {
        black_box(sweep(black_box(&big), &spec).ok());
    });
    println!("Sweep: inspection share 0..1 in 11 steps, 1000 branches × 30 indicators × 12 periods");
    println!("  sweep (baseline + 11 evaluations)        median {whole:8.2} ms   min {whole_min:8.2} ms");
    println!("  one step (what a page runs per call)     median {:8.2} ms", whole / 12.0);
    if let Ok(out) = sweep(&big, &spec) {
        let taus: Vec<String> = out.steps.iter().map(|st| st.tau.map_or("-".into(), |t| format!("{t:.3}"))).collect();
        println!("  (check: τ-b per step {})", taus.join(" "));
    }
}
