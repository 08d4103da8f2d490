//! The largest scenarios the limits of FORMAT.md allow (model::limits), read, checked and evaluated: the
//! figures behind the limits. Run with `cargo bench --bench limits`.
//!
//! The limits bound the branches × indicators matrix (50,000), the branch records of all periods (10,000) and
//! records × indicators (100,000); each shape below sits at one or two of them at once. Every record is complete
//! (every actual, veto, ballot and score present), so the figures are an upper bound for a real file. Printed: reading the file (strict JSON + the whole check),
//! `validate::scenario` alone, `engine::evaluate` and the process's peak memory.

use std::hint::black_box;

use pbcalc::engine::evaluate;
use pbcalc::model::codec::scenario_to_string;
use pbcalc::model::{limits, validate};

mod common;
use common::{machine, peak_memory, timed, Shape};

fn main() {
    println!("machine: {}", machine());
    println!(
        "limits: {} branches × {} indicators ≤ {}; records ≤ {}; records × indicators ≤ {}",
        limits::MAX_BRANCHES,
        limits::MAX_INDICATORS,
        limits::MAX_TARGET_CELLS,
        limits::MAX_ASSESSMENTS,
        limits::MAX_DATA_CELLS
    );
    println!(
        "{:>9} {:>10} {:>8} {:>9} {:>10} {:>10} {:>11} {:>11}",
        "branches", "indicators", "periods", "records", "file (MB)", "read (ms)", "check (ms)", "evaluate (ms)"
    );
    // (branches, indicators, periods): at the matrix and cell limits, or the records and cell limits.
    let only = std::env::var("LIMITS_SHAPES").ok();
    for (i, &(branches, indicators, periods)) in
        [(1000, 50, 2), (250, 200, 2), (1000, 25, 4), (250, 10, 40), (100, 25, 40), (25, 25, 160), (125, 400, 2)]
            .iter()
            .enumerate()
    {
        if only.as_deref().is_some_and(|o| !o.split(',').any(|k| k == i.to_string())) {
            continue;
        }
        let s = common::scenario(&Shape {
            branches,
            indicators,
            periods,
            veto_every: 20,
            unassessed_one_in: 0,
            seed: 0x1113,
        });
        assert!(limits::check(&s).is_empty(), "{:?}", limits::check(&s));
        let text = scenario_to_string(&s);
        let runs = 3;
        // The reader refuses a file over 5 MB unread; time the read of the text as if it were allowed.
        let (read, _) = timed(runs, || {
            let (v, _) = pbcalc::model::strict_json::parse(black_box(&text)).unwrap();
            black_box(pbcalc::model::codec::scenario_from_value(&v).is_ok());
        });
        let (check, _) = timed(runs, || {
            black_box(validate::scenario(black_box(&s)));
        });
        let (eval, _) = timed(runs, || {
            black_box(evaluate(black_box(&s)));
        });
        let records: usize = s.periods.iter().map(|p| p.records.len()).sum();
        println!(
            "{branches:>9} {indicators:>10} {periods:>8} {records:>9} {:>10.1} {read:>10.0} {check:>11.0} {eval:>11.0}",
            text.len() as f64 / 1e6
        );
    }
    match peak_memory() {
        Some(m) => println!("peak memory (VmHWM): {m}"),
        None => println!("peak memory: /proc/self/status not available"),
    }
}
