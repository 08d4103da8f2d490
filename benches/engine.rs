//! Timing of the whole run (`engine::evaluate`) and of writing the results file, on synthetic scenarios of
//! 20, 200 and 1000 branches × 40 indicators × 8 periods. Run with `cargo bench --bench engine`.
//!
//! The scenarios come from a fixed linear congruential generator, so every run times the same work. Each
//! figure is the median of several runs; peak memory is the process's VmHWM from /proc/self/status.

use std::hint::black_box;

use pbcalc::engine::dense::{compile, score_period, PeriodScratch};
use pbcalc::engine::{evaluate, results_to_string, results_to_value};

mod common;
use common::{machine, peak_memory, timed, Shape};

/// The synthetic scenario of this benchmark: one veto indicator in twenty, one branch-period in fifty unassessed.
fn scenario(branches: usize, indicators: usize, periods: usize) -> pbcalc::model::Scenario {
    common::scenario(&Shape { branches, indicators, periods, veto_every: 20, unassessed_one_in: 50, seed: 0x5eed })
}

/// `s` with `n` target plans evenly spread over its periods (see the plans figure in `main`).
fn with_plans(s: &pbcalc::model::Scenario, n: usize) -> pbcalc::model::Scenario {
    use pbcalc::model::{OverrideChange, TargetPlan};
    let mut out = s.clone();
    let mut rng = common::Lcg(7);
    for k in 0..n {
        let from = &s.periods[k * s.periods.len() / n].id;
        let mut p = TargetPlan::new(&format!("y{k}"), &format!("第{k}年"), from);
        for ind in &s.indicators {
            if let Some(q) = ind.quantitative() {
                p.base_targets.insert(ind.id.clone(), q.base_target * 1.05f64.powi(k as i32 + 1));
                for b in &s.branches {
                    if rng.below(10) == 0 {
                        let v = q.base_target * (0.8 + 0.4 * rng.unit());
                        p.target_overrides
                            .entry(b.id.clone())
                            .or_default()
                            .insert(ind.id.clone(), OverrideChange::Set(v));
                    }
                }
            }
        }
        out.target_plans.push(p);
    }
    out
}

/// Median wall time in milliseconds of `runs` calls of `f`.
fn median_ms(runs: usize, f: impl FnMut()) -> f64 {
    timed(runs, f).0
}

fn main() {
    println!("machine: {}", machine());
    const INDICATORS: usize = 40;
    const PERIODS: usize = 8;
    println!("engine::evaluate — {INDICATORS} indicators × {PERIODS} periods, median of several runs (ms)");
    println!(
        "{:>9} {:>10} {:>10} {:>12} {:>16} {:>17}",
        "branches", "compile", "evaluate", "to_value", "to_string", "file size (kB)"
    );
    for &branches in &[20usize, 200, 1000] {
        let s = scenario(branches, INDICATORS, PERIODS);
        let runs = if branches >= 1000 { 9 } else { 21 };
        let compile_ms = median_ms(runs, || {
            black_box(compile(black_box(&s)));
        });
        let eval_ms = median_ms(runs, || {
            black_box(evaluate(black_box(&s)));
        });
        let r = evaluate(&s);
        let value_ms = median_ms(runs, || {
            black_box(results_to_value(black_box(&r)));
        });
        let text = results_to_string(&r);
        let string_ms = median_ms(runs, || {
            black_box(results_to_string(black_box(&r)));
        });
        println!(
            "{branches:>9} {compile_ms:>10.3} {eval_ms:>10.3} {value_ms:>12.3} {string_ms:>16.3} {:>17.0}",
            text.len() as f64 / 1e3
        );
    }

    // §1 target plans: the 1000-branch scenario with four yearly plans (starting at periods 0, 2, 4, 6 — the
    // shape has two periods a "year"), each raising every quantitative base target by 5 % and overriding one
    // branch × indicator pair in ten, against the same scenario without plans.
    let s = scenario(1000, INDICATORS, PERIODS);
    let planned = with_plans(&s, 4);
    let cells: usize =
        planned.target_plans.iter().map(|p| p.target_overrides.values().map(|m| m.len()).sum::<usize>()).sum();
    let runs = 9;
    let without = median_ms(runs, || {
        black_box(evaluate(black_box(&s)));
    });
    let with = median_ms(runs, || {
        black_box(evaluate(black_box(&planned)));
    });
    let compile_without = median_ms(runs, || {
        black_box(compile(black_box(&s)));
    });
    let compile_with = median_ms(runs, || {
        black_box(compile(black_box(&planned)));
    });
    println!(
        "target plans, 1000 branches × {INDICATORS} indicators × {PERIODS} periods: evaluate {without:.3} ms without plans, \
         {with:.3} ms with 4 plans ({cells} overrides); compile {compile_without:.3} → {compile_with:.3} ms"
    );

    // The per-period pipeline that the simulation of §10 repeats: 1000 trials × 12 periods of §2–§6 on a
    // compiled 50 × 30 scenario (random draws and grade steps excluded).
    let s = scenario(50, 30, 12);
    let c = compile(&s);
    let mut rows = Vec::new();
    let mut scratch = PeriodScratch::default();
    let sim_ms = median_ms(5, || {
        for _ in 0..1000 {
            for p in &c.periods {
                score_period(&c, p, &s.settings, &mut rows, &mut scratch);
                black_box(&rows);
            }
        }
    });
    println!("§2–§6 on dense data, 1000 trials × 12 periods × 50 branches × 30 indicators: {sim_ms:.1} ms");
    match peak_memory() {
        Some(m) => println!("peak memory (VmHWM): {m}"),
        None => println!("peak memory: /proc/self/status not available"),
    }
}
