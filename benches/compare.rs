//! Timing of a compare (方案对比) of two copies of a 1000-branch scenario (40 indicators × 8 periods), the
//! second with one weight changed: the set-up diff, the results diff (with Kendall's τ-b per period), the
//! impact diff of an edit (no τ-b), and the whole compare page's work when one side must be evaluated first.
//! Run with `cargo bench --bench compare`.

use std::hint::black_box;

use pbcalc::engine::compare::{diff_impact, diff_results, diff_scenarios};
use pbcalc::engine::evaluate;
use pbcalc::model::IndicatorKind;

mod common;
use common::{machine, timed, Shape};

fn main() {
    println!("machine: {}", machine());
    println!(
        "engine::compare — two copies of a scenario, one weight changed in the second, median of several runs (ms)"
    );
    println!(
        "{:>9} {:>12} {:>14} {:>13} {:>10} {:>15} {:>13}",
        "branches", "diff_setup", "diff_results", "diff_impact", "evaluate", "evaluate+diffs", "tier changes"
    );
    for &branches in &[200usize, 1000] {
        let a = common::scenario(&Shape {
            branches,
            indicators: 40,
            periods: 8,
            veto_every: 20,
            unassessed_one_in: 50,
            seed: 0x5eed,
        });
        let mut b = a.clone();
        if let Some(IndicatorKind::Scored(s)) =
            b.indicators.iter_mut().map(|i| &mut i.kind).find(|k| !matches!(k, IndicatorKind::Veto))
        {
            s.weight = s.weight * 3.0 + 5.0;
        }
        let (ra, rb) = (evaluate(&a), evaluate(&b));
        let runs = if branches >= 1000 { 9 } else { 21 };
        let setup = timed(runs, || {
            black_box(diff_scenarios(black_box(&a), black_box(&b)));
        })
        .0;
        let results = timed(runs, || {
            black_box(diff_results(black_box(&ra), black_box(&rb)));
        })
        .0;
        let impact = timed(runs, || {
            black_box(diff_impact(black_box(&ra), black_box(&rb)));
        })
        .0;
        let whole = timed(runs, || {
            let rb = evaluate(black_box(&b));
            black_box(diff_scenarios(&a, &b));
            black_box(diff_results(&ra, &rb));
        })
        .0;
        let eval = timed(runs, || {
            black_box(evaluate(black_box(&b)));
        })
        .0;
        let tiers = diff_results(&ra, &rb).tier_changes();
        println!("{branches:>9} {setup:>12.3} {results:>14.3} {impact:>13.3} {eval:>10.3} {whole:>15.3} {tiers:>13}");
    }
}
