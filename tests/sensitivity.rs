//! The sensitivity sweep: Kendall's τ-b by hand, a sweep of the inspection share where the ranking provably
//! flips (every number worked out below from METHOD.md), the lists of changed tiers and grades, an indicator's
//! weight, the period, slicing and the errors.

use std::collections::BTreeMap;

use pbcalc::engine::sensitivity::{kendall_tau_b, sweep, Parameter, Share, Source, Sweep, SweepError, SweepSpec};
use pbcalc::engine::Tier;
use pbcalc::model::{
    Actual, Branch, Direction, Evaluation, Flex, Indicator, IndicatorKind, Level, Period, Record, Scenario,
};

// ---------------------------------------------------------------------------------------------------------
// Kendall's τ-b

#[test]
fn tau_b_by_hand() {
    // x = 1 2 2 3 4, y = 1 3 2 2 5. Of the 10 pairs: (1,2) (1,3) (1,4) (1,5) (2,5) (3,5) (4,5) concordant = 7;
    // (2,4) discordant = 1; (2,3) tied in x; (3,4) tied in y. τ-b = (7 − 1) / √((10 − 1)(10 − 1)) = 6/9.
    let tau = kendall_tau_b(&[1.0, 2.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 2.0, 5.0]).unwrap();
    assert!((tau - 6.0 / 9.0).abs() < 1e-15, "{tau}");
    // x = 1 1 2 3, y = 1 2 3 3: pairs (1,2) tied x; (3,4) tied y; the other 4 concordant.
    // τ-b = 4 / √((6 − 1)(6 − 1)) = 0.8.
    let tau = kendall_tau_b(&[1.0, 1.0, 2.0, 3.0], &[1.0, 2.0, 3.0, 3.0]).unwrap();
    assert!((tau - 0.8).abs() < 1e-15, "{tau}");
    // No ties: τ = (n_c − n_d) / n₀. 1 2 3 4 against 2 1 4 3: two discordant of six → (4 − 2)/6.
    let tau = kendall_tau_b(&[1.0, 2.0, 3.0, 4.0], &[2.0, 1.0, 4.0, 3.0]).unwrap();
    assert!((tau - 2.0 / 6.0).abs() < 1e-15, "{tau}");
    assert_eq!(kendall_tau_b(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0]), Some(1.0));
    assert_eq!(kendall_tau_b(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), Some(-1.0));
    // Undefined: one tie, fewer than two pairs, different lengths.
    assert_eq!(kendall_tau_b(&[1.0, 2.0, 3.0], &[5.0, 5.0, 5.0]), None);
    assert_eq!(kendall_tau_b(&[1.0], &[1.0]), None);
    assert_eq!(kendall_tau_b(&[1.0, 2.0], &[1.0]), None);
}

// ---------------------------------------------------------------------------------------------------------
// A sweep of the inspection share

fn qual(id: &str, weight: f64) -> Indicator {
    Indicator::new_qualitative(id, id, Flex::Elastic, weight)
}

fn quant(id: &str, weight: f64) -> Indicator {
    Indicator::new_quantitative(id, id, Flex::Controllable, Direction::Higher, 10.0, weight)
}

fn record(actuals: &[(&str, Actual)], superiors: f64) -> Record {
    Record {
        actuals: actuals.iter().map(|(id, a)| (id.to_string(), *a)).collect(),
        evaluation: Evaluation { ballots: None, peers: None, superiors: Some(superiors) },
        ..Record::default()
    }
}

/// Three branches, A and B at grade 3 and C at the top grade 5, one period that is a whole cycle (cycle_periods
/// 1), one qualitative indicator of weight 1 (I = 100 × level value) and E from the superiors alone with weight 1
/// (E = the score given):
///
/// | branch | level | I   | E   | F(a) = a·I + (1 − a)·E |
/// |--------|-------|-----|-----|------------------------|
/// | A      | A     | 100 | 60  | 60 + 40a               |
/// | B      | C     | 60  | 100 | 100 − 40a              |
/// | C      | B     | 80  | 80  | 80                     |
///
/// Quota tiers with n = 3: n_first = round(3 × 0.2) = 1, n_bottom = round(3 × 0.34) = 1.
fn flip_scenario() -> Scenario {
    let mut s = Scenario::blank("flip");
    s.settings.evaluation.weight_superiors = 1.0;
    s.settings.evaluation.inspection_share = 0.6;
    s.settings.tiers.bottom_share = 0.34;
    s.settings.grades.cycle_periods = 1;
    s.indicators = vec![qual("q", 1.0)];
    s.branches = ["A", "B", "C"]
        .iter()
        .map(|id| {
            let mut b = Branch::new(id, id);
            b.grade = if *id == "C" { 5 } else { 3 };
            b
        })
        .collect();
    let records: BTreeMap<String, Record> = [
        ("A", record(&[("q", Actual::Level(Level::A))], 60.0)),
        ("B", record(&[("q", Actual::Level(Level::C))], 100.0)),
        ("C", record(&[("q", Actual::Level(Level::B))], 80.0)),
    ]
    .into_iter()
    .map(|(id, r)| (id.to_string(), r))
    .collect();
    s.periods = vec![Period { id: "P1".into(), name: "P1".into(), records: records.into() }];
    s
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn at_the_current_setting_nothing_changes_and_tau_is_1() {
    let s = flip_scenario();
    let spec = SweepSpec { parameter: Parameter::InspectionShare, from: 0.6, to: 0.6, steps: 1, period: None };
    let r = sweep(&s, &spec).unwrap();
    assert_eq!(r.current, 0.6);
    assert_eq!(r.steps.len(), 1);
    let step = &r.steps[0];
    assert_eq!(step.value, 0.6);
    assert_eq!(step.tau, Some(1.0));
    assert!(step.tier_changed.is_empty() && step.grade_changed.is_empty());
    assert_eq!(step.point, r.baseline);
}

#[test]
fn sweeping_the_inspection_share_flips_the_ranking() {
    let s = flip_scenario();
    let spec = SweepSpec { parameter: Parameter::InspectionShare, from: 0.0, to: 1.0, steps: 5, period: None };
    let r = sweep(&s, &spec).unwrap();
    assert_eq!(r.period.as_deref(), Some("P1"));
    assert_eq!(r.branches, ids(&["A", "B", "C"]));

    // Current, a = 0.6: A 84 > C 80 > B 76 → A first, C middle, B bottom; ranks 1, 3, 2. At the cycle's end
    // (h = 1 ≥ min_hold_cycles): A promoted to 4, B demoted to 2 (bottom), C at the top with 80 < 90 drops to 4
    // (rule 4, whatever its tier).
    let base = &r.baseline;
    assert_eq!(base.tiers, vec![Some(Tier::First), Some(Tier::Bottom), Some(Tier::Middle)]);
    assert_eq!(base.ranks, vec![Some(1), Some(3), Some(2)]);
    assert_eq!(base.grades, vec![4, 2, 4]);

    let values: Vec<f64> = r.steps.iter().map(|st| st.value).collect();
    assert_eq!(values, vec![0.0, 0.25, 0.5, 0.75, 1.0]);

    // a = 0: A 60, B 100, C 80 — the order reversed: τ = −1. B first (4), A bottom (2), C middle (4).
    // a = 0.25: A 70, B 90, C 80 — the same.
    for st in &r.steps[..2] {
        assert_eq!(st.point.tiers, vec![Some(Tier::Bottom), Some(Tier::First), Some(Tier::Middle)], "{}", st.value);
        assert_eq!(st.point.grades, vec![2, 4, 4]);
        assert_eq!(st.tau, Some(-1.0));
        assert_eq!(st.tier_changed, ids(&["A", "B"]));
        assert_eq!(st.grade_changed, ids(&["A", "B"]));
    }
    assert_eq!(r.steps[0].point.scores, vec![Some(60.0), Some(100.0), Some(80.0)]);
    assert_eq!(r.steps[1].point.scores, vec![Some(70.0), Some(90.0), Some(80.0)]);

    // a = 0.5: all three at 80 — one tie: nobody has a strictly higher score, so all three are first (n_first =
    // 1 admits the whole tie); nobody is left for the bottom. A and B promoted to 4; C first but at the top with
    // 80 < 90: still 4 (rule 4 comes before rule 5) — its tier changed, its grade did not. τ is undefined.
    let half = &r.steps[2];
    assert_eq!(half.point.scores, vec![Some(80.0), Some(80.0), Some(80.0)]);
    assert_eq!(half.point.tiers, vec![Some(Tier::First); 3]);
    assert_eq!(half.point.grades, vec![4, 4, 4]);
    assert_eq!(half.tau, None);
    assert_eq!(half.tier_changed, ids(&["B", "C"]));
    assert_eq!(half.grade_changed, ids(&["B"]));

    // a = 0.75: A 90, B 70, C 80; a = 1: A 100, B 60, C 80 — the current order: τ = 1, nothing changed.
    for st in &r.steps[3..] {
        assert_eq!(st.point.tiers, base.tiers, "{}", st.value);
        assert_eq!(st.point.grades, base.grades);
        assert_eq!(st.tau, Some(1.0));
        assert!(st.tier_changed.is_empty() && st.grade_changed.is_empty());
    }
}

#[test]
fn a_sweep_runs_one_step_per_call_and_slices_change_nothing() {
    let s = flip_scenario();
    let spec = SweepSpec { parameter: Parameter::InspectionShare, from: 0.0, to: 1.0, steps: 5, period: None };
    let whole = sweep(&s, &spec).unwrap();
    let mut sw = Sweep::new(&s, &spec).unwrap();
    assert_eq!(sw.progress(), (0, 5));
    assert!(sw.result().steps.is_empty());
    let mut calls = 0;
    while !sw.step() {
        calls += 1;
        assert_eq!(sw.progress(), (calls, 5));
        assert_eq!(sw.result().steps.len(), calls as usize);
    }
    assert_eq!(calls, 4);
    assert!(sw.step(), "a finished sweep stays finished");
    assert_eq!(sw.result(), whole);
    // The scenario itself is not changed by a sweep.
    assert_eq!(s, flip_scenario());
}

#[test]
fn tier_shares_and_source_weights_are_swept_too() {
    let s = flip_scenario();
    // first_share 0.2 → 1.0: n_first = 3 at 1.0 (round(3 × 1) = 3), so B and C become first too. The scores do
    // not move: τ = 1.
    let spec = SweepSpec { parameter: Parameter::TierShare(Share::First), from: 0.2, to: 1.0, steps: 2, period: None };
    let r = sweep(&s, &spec).unwrap();
    assert_eq!(r.current, 0.2);
    let last = &r.steps[1];
    assert_eq!(last.point.tiers, vec![Some(Tier::First); 3]);
    assert_eq!(last.tier_changed, ids(&["B", "C"]));
    // B: first at grade 3 → promoted to 4 (was demoted to 2); C: at the top below 90 → 4 either way.
    assert_eq!(last.point.grades, vec![4, 4, 4]);
    assert_eq!(last.grade_changed, ids(&["B"]));
    assert_eq!(last.tau, Some(1.0));

    // The superiors' weight from 1 to 0: E is then absent (present weights sum to 0), F = I: A 100, C 80,
    // B 60 — the current order again.
    let spec =
        SweepSpec { parameter: Parameter::SourceWeight(Source::Superiors), from: 1.0, to: 0.0, steps: 2, period: None };
    let r = sweep(&s, &spec).unwrap();
    assert_eq!(r.steps[1].point.scores, vec![Some(100.0), Some(60.0), Some(80.0)]);
    assert_eq!(r.steps[1].tau, Some(1.0));
}

/// Two quantitative indicators of base 10: A meets "x" and misses "y" (2 of 10: below the floor), B the other
/// way round. With equal E, A leads exactly when x weighs more than y.
fn weights_scenario() -> Scenario {
    let mut s = Scenario::blank("weights");
    s.settings.grades.cycle_periods = 1;
    s.indicators = vec![quant("x", 5.0), quant("y", 5.0), Indicator { kind: IndicatorKind::Veto, ..quant("v", 0.0) }];
    s.branches = vec![Branch::new("A", "A"), Branch::new("B", "B")];
    let records: BTreeMap<String, Record> = [
        ("A", record(&[("x", Actual::Number(10.0)), ("y", Actual::Number(2.0))], 80.0)),
        ("B", record(&[("x", Actual::Number(2.0)), ("y", Actual::Number(10.0))], 80.0)),
    ]
    .into_iter()
    .map(|(id, r)| (id.to_string(), r))
    .collect();
    let mut second = records.clone();
    // In the second period both meet both: a tie.
    for r in second.values_mut() {
        r.actuals.insert("x".into(), Actual::Number(10.0));
        r.actuals.insert("y".into(), Actual::Number(10.0));
    }
    s.periods = vec![
        Period { id: "P1".into(), name: "P1".into(), records: records.into() },
        Period { id: "P2".into(), name: "P2".into(), records: second.into() },
    ];
    s
}

#[test]
fn an_indicators_weight_is_swept_and_the_period_can_be_chosen() {
    let s = weights_scenario();
    // Two branches: n_first = round(2 × 0.2) = 0 and n_bottom = round(2 × 0.1) = 0, so both stay middle; the
    // ranks tell. Weights 5 and 5: A and B tie in P1 (base score 50 each). x = 0: A's base 0, B's 100 × 5/5 →
    // B ahead; x = 10: A 100 × 10/15, B 100 × 5/15 → A ahead.
    let spec =
        SweepSpec { parameter: Parameter::IndicatorWeight("x".into()), from: 0.0, to: 10.0, steps: 3, period: Some(0) };
    let r = sweep(&s, &spec).unwrap();
    assert_eq!(r.current, 5.0);
    assert_eq!(r.period.as_deref(), Some("P1"));
    assert_eq!(r.baseline.ranks, vec![Some(1), Some(1)]);
    assert_eq!(r.steps[0].point.ranks, vec![Some(2), Some(1)]);
    assert_eq!(r.steps[1].point.ranks, vec![Some(1), Some(1)]);
    assert_eq!(r.steps[2].point.ranks, vec![Some(1), Some(2)]);
    // Against a baseline that is one tie τ-b is undefined.
    assert!(r.steps.iter().all(|st| st.tau.is_none()));
    // I: A = 100 × 10/15 ≈ 66.67 at x = 10, F = 0.6 × I + 0.4 × 80.
    let a = r.steps[2].point.scores[0].unwrap();
    assert!((a - (0.6 * 100.0 * 10.0 / 15.0 + 0.4 * 80.0)).abs() < 1e-9, "{a}");

    // The last period (the default) is one tie whatever the weights.
    let spec = SweepSpec { period: None, ..spec };
    let r = sweep(&s, &spec).unwrap();
    assert_eq!(r.period.as_deref(), Some("P2"));
    assert!(r.steps.iter().all(|st| st.point.ranks == vec![Some(1), Some(1)] && st.tier_changed.is_empty()));
}

#[test]
fn bad_sweeps_are_refused() {
    let s = weights_scenario();
    let spec = |parameter, steps, period| SweepSpec { parameter, from: 0.0, to: 1.0, steps, period };
    let err = |sp: SweepSpec| Sweep::new(&s, &sp).err();
    assert_eq!(
        err(spec(Parameter::IndicatorWeight("nope".into()), 3, None)),
        Some(SweepError::UnknownIndicator("nope".into()))
    );
    // A veto indicator has no weight.
    assert_eq!(
        err(spec(Parameter::IndicatorWeight("v".into()), 3, None)),
        Some(SweepError::UnknownIndicator("v".into()))
    );
    assert_eq!(err(spec(Parameter::InspectionShare, 0, None)), Some(SweepError::NoSteps));
    assert_eq!(err(spec(Parameter::InspectionShare, 3, Some(2))), Some(SweepError::UnknownPeriod(2)));
    let nan = SweepSpec { from: f64::NAN, ..spec(Parameter::InspectionShare, 3, None) };
    assert_eq!(err(nan), Some(SweepError::NotFinite));
    // A scenario without periods: nothing to rank, grades still compared.
    let mut empty = s.clone();
    empty.periods.clear();
    let r = sweep(&empty, &spec(Parameter::InspectionShare, 2, None)).unwrap();
    assert_eq!(r.period, None);
    assert!(r.steps.iter().all(|st| st.tau.is_none() && st.point.tiers == vec![None, None]));
}
