//! One keystroke in the periods matrix, natively: what the app does with a changed cell of the last period on
//! synthetic scenarios of 50 and 1000 branches × 30 indicators × 8 periods. Run with `cargo bench --bench edit`.
//!
//! "full" is the path of an edit evaluated from scratch (copy the scenario, edit the copy, `engine::evaluate`);
//! "incremental" the app's path since `engine::incremental` (copy, edit, `Evaluation::apply` of the record change);
//! the other rows time their parts.

use std::hint::black_box;

use pbcalc::engine::evaluate;
use pbcalc::engine::incremental::{Change, Evaluation};
use pbcalc::model::edit::records::{set_fields, FieldValue, RecordField};

mod common;
use common::{machine, timed, Shape};

fn main() {
    println!("machine: {}", machine());
    println!("one keystroke: an actual of the last period changed, median (min) of several runs (ms)");
    for &branches in &[50usize, 1000] {
        let s = common::scenario(&Shape {
            branches,
            indicators: 30,
            periods: 8,
            veto_every: 20,
            unassessed_one_in: 50,
            seed: 0x5eed,
        });
        let last = s.periods.len() - 1;
        let branch = s.periods[last].records.keys().next().cloned().unwrap();
        let ind = s.indicators.iter().find(|i| i.quantitative().is_some()).unwrap().id.clone();
        let runs = if branches >= 1000 { 15 } else { 41 };
        let change = Change::Records { period: s.periods[last].id.clone(), branches: vec![branch.clone()] };
        let mut k = 0u32;
        let mut cell = move || {
            k += 1;
            vec![(
                branch.clone(),
                RecordField::Actual(ind.clone()),
                FieldValue::Actual(Some(pbcalc::model::Actual::Number(k as f64))),
            )]
        };
        let row =
            |name: &str, (med, min): (f64, f64)| println!("{branches:>6} branches  {name:<28} {med:>9.3} ({min:.3})");
        row(
            "copy the scenario",
            timed(runs, || {
                black_box(black_box(&s).clone());
            }),
        );
        let mut e = s.clone();
        row(
            "set_fields",
            timed(runs, || {
                set_fields(&mut e, last, &cell()).unwrap();
            }),
        );
        row(
            "evaluate",
            timed(runs, || {
                black_box(evaluate(black_box(&s)));
            }),
        );
        let r = evaluate(&s);
        row(
            "copy the results",
            timed(runs, || {
                black_box(black_box(&r).clone());
            }),
        );
        row(
            "full: copy + edit + evaluate",
            timed(runs, || {
                let mut next = s.clone();
                set_fields(&mut next, last, &cell()).unwrap();
                black_box(evaluate(&next));
            }),
        );
        let (mut ev, _) = Evaluation::start(&s);
        let mut cur = s.clone();
        row(
            "apply (incremental)",
            timed(runs, || {
                set_fields(&mut cur, last, &cell()).unwrap();
                black_box(ev.apply(black_box(&cur), &change));
            }),
        );
        row(
            "incremental: copy+edit+apply",
            timed(runs, || {
                let mut next = cur.clone();
                set_fields(&mut next, last, &cell()).unwrap();
                black_box(ev.apply(&next, &change));
                cur = next;
            }),
        );
        assert_eq!(ev.apply(&cur, &change), evaluate(&cur), "incremental equals full");
    }
}
