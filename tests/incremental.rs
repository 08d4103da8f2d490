//! engine::incremental: random edit sequences applied one by one; after each, the results of the kept evaluation
//! equal a full evaluation of the edited scenario, number for number (and as a results file, byte for byte).

use proptest::prelude::*;

use pbcalc::engine::incremental::{Change, Evaluation};
use pbcalc::engine::{evaluate, results_to_string, Results};
use pbcalc::model::{Actual, Adjustment, Ballots, Conditions, IndicatorKind, Level, Measure, Record, Scenario};

#[path = "../benches/common/mod.rs"]
mod common;

/// One edit, drawn as small numbers and read against the scenario (so that it always names something there).
#[derive(Debug, Clone)]
struct Op {
    kind: u8,
    period: usize,
    branch: usize,
    other: usize,
    value: usize,
}

fn op() -> impl Strategy<Value = Op> {
    (0u8..16, 0usize..16, 0usize..64, 0usize..64, 0usize..16).prop_map(|(kind, period, branch, other, value)| Op {
        kind,
        period,
        branch,
        other,
        value,
    })
}

/// Numbers that make ties, zero scores, full scores and bottom tiers common.
const NUMBERS: [f64; 8] = [0.0, 1.0, 5.0, 10.0, 20.0, 50.0, 100.0, 100000.0];

/// Applies `op` to `s` and says what it touched.
fn apply(s: &mut Scenario, op: &Op) -> Change {
    let np = s.periods.len();
    let nb = s.branches.len();
    let u = op.period % np;
    let b = op.branch % nb;
    let id = s.branches[b].id.clone();
    let records = |s: &Scenario, branches: Vec<String>| Change::Records { period: s.periods[u].id.clone(), branches };
    let ind = &s.indicators[op.other % s.indicators.len()];
    let (ind_id, kind) = (ind.id.clone(), ind.kind.clone());
    match op.kind {
        // An actual typed into a cell (a number or a level, or cleared).
        0..=4 => {
            let value = match &kind {
                IndicatorKind::Scored(sc) => match sc.measure {
                    Measure::Quantitative(_) => Some(Actual::Number(NUMBERS[op.value % NUMBERS.len()])),
                    Measure::Qualitative => Some(Actual::Level(Level::ALL[op.value % 4])),
                },
                IndicatorKind::Veto => None,
            };
            let rec = s.periods[u].records.entry(id.clone()).or_default();
            match value {
                Some(a) if op.value % 7 != 6 => {
                    rec.actuals.insert(ind_id, a);
                }
                _ => {
                    rec.actuals.remove(&ind_id);
                }
            }
            records(s, vec![id])
        }
        // A veto recorded as failed or passed.
        5 => {
            s.periods[u].records.entry(id.clone()).or_default().vetoes.insert(ind_id, op.value % 2 == 0);
            records(s, vec![id])
        }
        // Assessed or not.
        6 => {
            if s.periods[u].records.remove(&id).is_none() {
                s.periods[u].records.insert(id.clone(), Record::default());
            }
            records(s, vec![id])
        }
        // Ballots, peers and superiors.
        7 => {
            let rec = s.periods[u].records.entry(id.clone()).or_default();
            let v = op.value as u32;
            rec.evaluation.ballots = (v % 3 != 0).then_some(Ballots { excellent: v, good: 3, fair: v % 2, poor: 1 });
            rec.evaluation.peers = (v % 4 != 0).then_some(NUMBERS[op.value % 7]);
            rec.evaluation.superiors = (v % 5 != 0).then_some(60.0 + v as f64);
            records(s, vec![id])
        }
        // An optional action done or not, an adjustment.
        8 => {
            let action = format!("act{}", op.value % 5);
            let rec = s.periods[u].records.entry(id.clone()).or_default();
            if let Some(i) = rec.optional_done.iter().position(|a| *a == action) {
                rec.optional_done.remove(i);
            } else {
                rec.optional_done.push(action);
            }
            rec.adjustments = vec![Adjustment { points: op.value as f64 - 8.0, reason: "x".into() }];
            records(s, vec![id])
        }
        // A block pasted over two branches (one of them possibly unassessed until now).
        9 => {
            let other = s.branches[op.other % nb].id.clone();
            for (k, who) in [&id, &other].into_iter().enumerate() {
                let rec = s.periods[u].records.entry(who.clone()).or_default();
                if let IndicatorKind::Scored(sc) = &kind {
                    if let Measure::Quantitative(_) = sc.measure {
                        rec.actuals.insert(ind_id.clone(), Actual::Number(NUMBERS[(op.value + k) % 8]));
                    }
                }
            }
            records(s, vec![id, other])
        }
        // A target override (§1), set or removed.
        10 => {
            let t = &mut s.branches[b].target_overrides;
            if op.value % 3 == 0 {
                t.remove(&ind_id);
            } else if kind != IndicatorKind::Veto {
                t.insert(ind_id, NUMBERS[op.value % 8]);
            }
            Change::Other
        }
        // A branch's conditions, its history.
        11 => {
            let v = (op.value % 5) as u8 + 1;
            s.branches[b].conditions = Conditions { infrastructure: v, personnel: 3, circumstances: 6 - v };
            s.branches[b].history.insert(ind_id, vec![NUMBERS[op.value % 8], 7.0]);
            Change::Other
        }
        // Settings: tiers, cycle length, grade quotas, the bonus pool.
        12 => {
            s.settings.tiers.first_share = [0.0, 0.2, 0.3, 0.5][op.value % 4];
            s.settings.tiers.bottom_share = [0.0, 0.1, 0.25, 0.5][op.other % 4];
            Change::Other
        }
        13 => {
            s.settings.grades.cycle_periods = 1 + (op.value % 3) as u32;
            Change::Other
        }
        14 => {
            let l = s.settings.grades.levels as usize;
            s.settings.grades.quotas =
                (op.value % 2 == 0).then(|| (0..l).map(|g| (g + 1 == l).then_some(0.2)).collect());
            Change::Other
        }
        // A cell typed back to what it was: a change that changes nothing.
        _ => records(s, vec![id]),
    }
}

/// The scenario of the benchmarks, small: a few branches, indicators and periods.
fn scenario(branches: usize, periods: usize, seed: u64, cycle: u32) -> Scenario {
    let mut s = common::scenario(&common::Shape {
        branches,
        indicators: 7,
        periods,
        veto_every: 4,
        unassessed_one_in: 5,
        seed,
    });
    s.settings.grades.cycle_periods = cycle;
    s
}

fn check(inc: &Results, s: &Scenario, step: usize) -> Result<(), TestCaseError> {
    let full = evaluate(s);
    prop_assert_eq!(results_to_string(inc), results_to_string(&full), "results file after edit {}", step);
    prop_assert!(*inc == full, "results after edit {}: {:?}\n≠ {:?}", step, inc, full);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Every edit sequence: incremental results equal full ones after each edit. Each edit is made on a copy, as
    /// the app does (its parts shared with the version before: `model::Chunk`), and the version before is left
    /// as it was: its results are still its own.
    #[test]
    fn incremental_results_equal_a_full_evaluation(
        branches in 1usize..9,
        periods in 1usize..6,
        seed in any::<u64>(),
        cycle in 1u32..4,
        ops in prop::collection::vec(op(), 1..25),
    ) {
        let mut s = scenario(branches, periods, seed, cycle);
        let (mut ev, first) = Evaluation::start(&s);
        check(&first, &s, 0)?;
        let mut last = first;
        for (k, op) in ops.iter().enumerate() {
            let before = s.clone();
            let change = apply(&mut s, op);
            let r = ev.apply(&s, &change);
            check(&r, &s, k + 1)?;
            prop_assert!(evaluate(&before) == last, "the version before edit {} changed", k + 1);
            last = r;
        }
    }
}

/// An edit of one period's records copies that period's records map only: the other periods' maps are shared with
/// the version before (one allocation), and the version before keeps its values.
#[test]
fn a_record_edit_copies_only_its_periods_records() {
    let s = scenario(40, 6, 7, 6);
    let mut next = s.clone();
    let op = Op { kind: 0, period: 2, branch: 3, other: 0, value: 7 };
    apply(&mut next, &op);
    for u in 0..6 {
        let shared = pbcalc::model::Chunk::ptr_eq(&s.periods[u].records, &next.periods[u].records);
        assert_eq!(shared, u != 2, "period {u}'s records shared: {shared}");
    }
    assert_ne!(s.periods[2].records, next.periods[2].records);
    assert_eq!(s, scenario(40, 6, 7, 6), "the version before is unchanged");
}

/// Record edits take the incremental path (no full evaluation), and a period's results not touched by the edit
/// are shared with the previous results, not copied.
#[test]
fn record_edits_are_incremental_and_share_untouched_periods() {
    let mut s = scenario(40, 6, 7, 6);
    let (mut ev, before) = Evaluation::start(&s);
    let op = Op { kind: 0, period: 5, branch: 3, other: 0, value: 7 };
    let change = apply(&mut s, &op);
    let after = ev.apply(&s, &change);
    assert_eq!(ev.counts, (1, 1), "one full evaluation (the start), one incremental");
    assert_eq!(after, evaluate(&s));
    // Periods before the edited one: the same allocation.
    for u in 0..5 {
        assert!(pbcalc::engine::shared::Shared::ptr_eq(&before.periods[u], &after.periods[u]), "period {u} shared");
    }
    assert!(!pbcalc::engine::shared::Shared::ptr_eq(&before.periods[5], &after.periods[5]));
    // Other edits start over.
    let change = apply(&mut s, &Op { kind: 12, period: 0, branch: 0, other: 1, value: 2 });
    assert_eq!(change, Change::Other);
    assert_eq!(ev.apply(&s, &change), evaluate(&s));
    assert_eq!(ev.counts, (2, 1));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// Undo and redo of record edits (`ui::state` marks each undo step with what its edits touched, joined over a
    /// typing run in one period by `Change::joined`): going back or forth by a step applies the step's change to
    /// the kept evaluation, and the results equal a full evaluation after each edit, undo and redo.
    #[test]
    fn undo_and_redo_of_record_edits_equal_a_full_evaluation(
        branches in 1usize..9,
        periods in 1usize..6,
        seed in any::<u64>(),
        cycle in 1u32..4,
        ops in prop::collection::vec((op(), 0u8..5), 1..30),
    ) {
        let mut s = scenario(branches, periods, seed, cycle);
        let (mut ev, _) = Evaluation::start(&s);
        // (the scenario the step goes back or forth to, what differs)
        let mut undo: Vec<(Scenario, Change)> = Vec::new();
        let mut redo: Vec<(Scenario, Change)> = Vec::new();
        for (k, (op, what)) in ops.iter().enumerate() {
            let stacks = if *what == 0 { Some((&mut undo, &mut redo)) } else if *what == 1 { Some((&mut redo, &mut undo)) } else { None };
            if let Some((from, to)) = stacks {
                if let Some((there, change)) = from.pop() {
                    to.push((std::mem::replace(&mut s, there), change.clone()));
                    let r = ev.apply(&s, &change);
                    check(&r, &s, k + 1)?;
                    continue;
                }
            }
            // A record edit (kinds 0–9 and 15 of `apply`), joined into the last step when `what` says so.
            let mut op = op.clone();
            op.kind = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15][op.kind as usize % 11];
            let before = s.clone();
            let change = apply(&mut s, &op);
            let r = ev.apply(&s, &change);
            check(&r, &s, k + 1)?;
            redo.clear();
            match undo.last_mut().filter(|_| *what == 2).and_then(|(_, c)| c.joined(&change).map(|j| (c, j))) {
                Some((c, j)) => *c = j,
                None => undo.push((before, change)),
            }
        }
        prop_assert_eq!(ev.counts.0, 1, "every edit, undo and redo incremental");
    }
}
