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
