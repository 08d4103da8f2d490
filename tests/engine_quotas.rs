//! METHOD.md §8 "Grade quotas" (等级比例控制): the public worked example with quotas value for value, the
//! section's cases one by one (cap rounding, `stay`, working top down, ties, no demotion, `null` entries), and
//! `settings.grades.quotas` in the file (reading with the path of each problem, writing, editing, resizing).

mod common;

use std::collections::BTreeMap;

use pbcalc::engine::grades::{apply_quotas, CycleEnd, QuotaCheck, Step};
use pbcalc::engine::{evaluate, results_to_value, Reason, Results};
use pbcalc::model::codec::{parse_scenario, scenario_to_string, scenario_to_value};
use pbcalc::model::edit::settings::{reset, set_grade_quota, set_number};
use pbcalc::model::problem::ProblemKind;
use pbcalc::model::settings::{Settings, TierMethod};
use pbcalc::model::{Adjustment, Branch, Indicator, Period, Record, Scenario};
use serde_json::{json, Value};

const SCENARIO: &str = include_str!("fixtures/small-quotas.pbcalc.json");
const EXPECTED: &str = include_str!("fixtures/small-quotas.expected.pbcalc-results.json");

// ---------------------------------------------------------------------------------------------------------
// The public worked example with quotas

#[test]
fn quotas_example_matches_every_expected_value() {
    let scenario = parse_scenario(SCENARIO).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(scenario.settings.grades.quotas, Some(vec![None, None, Some(0.2), Some(0.2), None]));
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let r = evaluate(&scenario);
    let errors = common::compare(&expected, &results_to_value(&r));
    assert!(errors.is_empty(), "{} mismatches:\n{}", errors.len(), errors.join("\n"));

    // What the example is about (its README): p2's promotion into grade 3 held back, p1's into 4 kept.
    let c1 = &r.cycles[0];
    let row = |id: &str| c1.rows.iter().find(|row| row.branch == id).unwrap();
    assert_eq!((row("p2").grade_before, row("p2").grade_after, row("p2").reason), (2, 2, Reason::Quota));
    assert_eq!((row("p1").grade_after, row("p1").reason), (4, Reason::Promoted));
    // The checks, top down: grade 4 (cap 1, nobody stays: p3 left it, p1 kept), grade 3 (cap 1, o2 stays).
    assert_eq!(
        c1.quotas,
        vec![
            QuotaCheck { grade: 4, cap: 1, stay: 0, promoted: 1, kept: 1 },
            QuotaCheck { grade: 3, cap: 1, stay: 1, promoted: 1, kept: 0 },
        ]
    );
    // The cycle in progress checks nothing.
    assert!(r.cycles[1].quotas.is_empty());
}

#[test]
fn quotas_example_without_quotas_promotes_p2() {
    // The comparison above only means something if the quota changed a number: without it p2 reaches grade 3.
    let mut scenario = parse_scenario(SCENARIO).unwrap();
    scenario.settings.grades.quotas = None;
    let r = evaluate(&scenario);
    let p2 = r.cycles[0].rows.iter().find(|row| row.branch == "p2").unwrap();
    assert_eq!((p2.grade_after, p2.reason), (3, Reason::Promoted));
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let errors = common::compare(&expected, &results_to_value(&r));
    assert!(!errors.is_empty());
}

// ---------------------------------------------------------------------------------------------------------
// The section's cases, on scenarios whose final scores are set directly

/// A scenario with no scored indicator: with no evaluation F = I = max(0, adjustments). `scores[b][p]` is branch
/// b's F in period p (`None`: not assessed). Threshold tiers (first ≥ 90, bottom < 70), no minimum hold, and
/// warnings only below 60, so that a branch at 95 is promoted and one at 80 is held.
fn by_scores(grades: &[u32], scores: &[&[Option<f64>]], quotas: Option<Vec<Option<f64>>>) -> Scenario {
    let mut s = Scenario::blank("t");
    s.settings.tiers.method = TierMethod::Threshold;
    s.settings.grades.min_hold_cycles = 0;
    s.settings.grades.warn_below = 60.0;
    s.settings.grades.cycle_periods = 1;
    s.settings.grades.quotas = quotas;
    s.indicators = vec![Indicator::new_veto("v", "v")];
    s.branches = grades
        .iter()
        .enumerate()
        .map(|(b, &g)| {
            let mut br = Branch::new(&format!("b{b}"), &format!("b{b}"));
            br.grade = g;
            br
        })
        .collect();
    s.periods = (0..scores[0].len())
        .map(|p| {
            let mut records = BTreeMap::new();
            for (b, row) in scores.iter().enumerate() {
                if let Some(x) = row[p] {
                    let mut r = Record::default();
                    r.adjustments.push(Adjustment { points: x, reason: String::new() });
                    records.insert(format!("b{b}"), r);
                }
            }
            Period { id: format!("P{p}"), name: format!("P{p}"), records: records.into() }
        })
        .collect();
    s
}

/// (grade after, reason) of branch `id` at cycle `cycle` (0-based).
fn outcome(r: &Results, cycle: usize, id: &str) -> (u32, Reason) {
    let row = r.cycles[cycle].rows.iter().find(|row| row.branch == id).unwrap_or_else(|| panic!("{id}"));
    (row.grade_after, row.reason)
}

fn quotas_at(levels: usize, at: &[(u32, f64)]) -> Option<Vec<Option<f64>>> {
    let mut q = vec![None; levels];
    for &(g, v) in at {
        q[g as usize - 1] = Some(v);
    }
    Some(q)
}

#[test]
fn cap_is_n_times_the_quota_rounded_half_away_from_zero() {
    // Five branches at grade 1, all first tier with different scores: all five promoted into 2 by the rules.
    let scores: [&[Option<f64>]; 5] = [&[Some(99.0)], &[Some(98.0)], &[Some(97.0)], &[Some(96.0)], &[Some(95.0)]];
    for (quota, cap) in [(0.3, 2), (0.29, 1), (0.1, 1), (0.09, 0), (0.0, 0), (1.0, 5), (0.7, 4)] {
        let r = evaluate(&by_scores(&[1; 5], &scores, quotas_at(5, &[(2, quota)])));
        assert_eq!(r.cycles[0].quotas, vec![QuotaCheck { grade: 2, cap, stay: 0, promoted: 5, kept: cap }], "{quota}");
        // The `cap` highest keep their promotion, the others stay at 1 with reason quota.
        for b in 0..5 {
            let expected = if (b as u32) < cap { (2, Reason::Promoted) } else { (1, Reason::Quota) };
            assert_eq!(outcome(&r, 0, &format!("b{b}")), expected, "quota {quota}, b{b}");
        }
    }
}

#[test]
fn stay_counts_a_branch_without_a_cycle_result() {
    // N = 5, quota 0.4 of grade 2: cap 2. b4 sits at grade 2 and is not assessed in the cycle: it has no cycle
    // result but still holds grade 2, so free = 2 − 1 = 1 and only the better of the two promoted keeps it.
    let scores: [&[Option<f64>]; 5] = [&[Some(96.0)], &[Some(95.0)], &[Some(80.0)], &[Some(80.0)], &[None]];
    let r = evaluate(&by_scores(&[1, 1, 1, 1, 2], &scores, quotas_at(5, &[(2, 0.4)])));
    assert_eq!(r.cycles[0].rows.len(), 4, "b4 has no row");
    assert_eq!(r.cycles[0].quotas, vec![QuotaCheck { grade: 2, cap: 2, stay: 1, promoted: 2, kept: 1 }]);
    assert_eq!(outcome(&r, 0, "b0"), (2, Reason::Promoted));
    assert_eq!(outcome(&r, 0, "b1"), (1, Reason::Quota));
    // N counts every branch of the scenario, b4 included: with N = 4 the cap would be round(1.6) = 2 as well,
    // so check with 0.3: round(1.5) = 2 for N = 5 (round(1.2) = 1 for N = 4).
    let r = evaluate(&by_scores(&[1, 1, 1, 1, 1], &scores, quotas_at(5, &[(2, 0.3)])));
    assert_eq!(r.cycles[0].quotas[0].cap, 2);
    assert_eq!(r.cycles[0].quotas[0].kept, 2);
}

#[test]
fn a_branch_held_back_at_g_minus_1_counts_when_g_minus_1_is_checked() {
    // b0 at 2 (score 99) is promoted into 3, whose quota 0 leaves no place: it stays at 2 [quota]. Grade 2 has
    // cap round(5 × 0.2) = 1, and b0 now holds it, so b1 (at 1, score 95) is held back at 1 as well.
    let scores: [&[Option<f64>]; 5] = [&[Some(99.0)], &[Some(95.0)], &[Some(80.0)], &[Some(80.0)], &[Some(80.0)]];
    let r = evaluate(&by_scores(&[2, 1, 1, 1, 1], &scores, quotas_at(5, &[(2, 0.2), (3, 0.0)])));
    assert_eq!(
        r.cycles[0].quotas,
        vec![
            QuotaCheck { grade: 3, cap: 0, stay: 0, promoted: 1, kept: 0 },
            QuotaCheck { grade: 2, cap: 1, stay: 1, promoted: 1, kept: 0 },
        ]
    );
    assert_eq!(outcome(&r, 0, "b0"), (2, Reason::Quota));
    assert_eq!(outcome(&r, 0, "b1"), (1, Reason::Quota));
    // Without the quota of grade 3, b0 leaves grade 2 and b1 takes the one place.
    let r = evaluate(&by_scores(&[2, 1, 1, 1, 1], &scores, quotas_at(5, &[(2, 0.2)])));
    assert_eq!(outcome(&r, 0, "b0"), (3, Reason::Promoted));
    assert_eq!(outcome(&r, 0, "b1"), (2, Reason::Promoted));
}

#[test]
fn a_tie_at_the_last_free_place_admits_both() {
    // Cap round(5 × 0.4) = 2, nobody stays: two free places. b0 (97) takes one; b1 and b2 tie at 95 (within
    // 1e-9) for the last one: both are admitted (3 hold grade 2, one more than the cap); b3 (94) is held back.
    let scores: [&[Option<f64>]; 5] =
        [&[Some(97.0)], &[Some(95.0)], &[Some(95.0 + 5e-10)], &[Some(94.0)], &[Some(80.0)]];
    let r = evaluate(&by_scores(&[1; 5], &scores, quotas_at(5, &[(2, 0.4)])));
    assert_eq!(r.cycles[0].quotas, vec![QuotaCheck { grade: 2, cap: 2, stay: 0, promoted: 4, kept: 3 }]);
    assert_eq!(r.cycles[0].quotas[0].holding(), 3);
    for (id, expected) in [("b0", 2), ("b1", 2), ("b2", 2), ("b3", 1)] {
        assert_eq!(outcome(&r, 0, id).0, expected, "{id}");
    }
    assert_eq!(outcome(&r, 0, "b3").1, Reason::Quota);
    // A difference of more than 1e-9 is no tie: the higher one alone takes the last place.
    let scores: [&[Option<f64>]; 5] =
        [&[Some(97.0)], &[Some(95.0)], &[Some(95.0 + 2e-9)], &[Some(94.0)], &[Some(80.0)]];
    let r = evaluate(&by_scores(&[1; 5], &scores, quotas_at(5, &[(2, 0.4)])));
    assert_eq!((outcome(&r, 0, "b2").0, outcome(&r, 0, "b1")), (2, (1, Reason::Quota)));
}

#[test]
fn a_quota_below_the_current_count_demotes_nobody() {
    // Three branches at grade 3 against a cap of round(5 × 0.2) = 1: they keep it (held), only b3's promotion
    // into 3 waits; the count stays above the cap.
    let scores: [&[Option<f64>]; 5] = [&[Some(80.0)], &[Some(85.0)], &[Some(88.0)], &[Some(99.0)], &[Some(80.0)]];
    let r = evaluate(&by_scores(&[3, 3, 3, 2, 1], &scores, quotas_at(5, &[(3, 0.2)])));
    for id in ["b0", "b1", "b2"] {
        assert_eq!(outcome(&r, 0, id), (3, Reason::Held), "{id}");
    }
    assert_eq!(outcome(&r, 0, "b3"), (2, Reason::Quota));
    assert_eq!(r.cycles[0].quotas, vec![QuotaCheck { grade: 3, cap: 1, stay: 3, promoted: 1, kept: 0 }]);
    assert_eq!(r.cycles[0].quotas[0].free(), 0);
}

#[test]
fn a_held_back_branch_keeps_its_h() {
    // min_hold_cycles 2; b0 starts at 1 and scores 95 in every cycle (cycle_periods 1).
    // Cycle 1: h = 1 < 2 → min_hold. Cycle 2: h = 2 → promoted into 2, but b1 holds grade 2 whose cap is 1: held
    // back, h not reset (2). Cycle 3: b1 was demoted (bottom) in cycle 2, so grade 2 is free; h = 3 → promoted.
    let scores: [&[Option<f64>]; 5] = [
        &[Some(95.0), Some(95.0), Some(95.0)],
        &[Some(80.0), Some(50.0), Some(80.0)],
        &[Some(80.0); 3],
        &[Some(80.0); 3],
        &[Some(80.0); 3],
    ];
    let mut s = by_scores(&[1, 2, 1, 1, 1], &scores, quotas_at(5, &[(2, 0.2)]));
    s.settings.grades.min_hold_cycles = 2;
    s.settings.grades.warn_below = 0.0;
    let r = evaluate(&s);
    assert_eq!(outcome(&r, 0, "b0"), (1, Reason::MinHold));
    // In cycle 2 b1 falls to 1 (bottom) at the same cycle end: it is not at grade 2 any more, so the place is free.
    assert_eq!(outcome(&r, 1, "b1"), (1, Reason::Bottom));
    assert_eq!(outcome(&r, 1, "b0"), (2, Reason::Promoted));

    // Now b1 stays at 2 in cycle 2: b0 is held back, then promoted in cycle 3 when b1 falls — with h = 2 + 1.
    let scores: [&[Option<f64>]; 5] = [
        &[Some(95.0), Some(95.0), Some(95.0)],
        &[Some(80.0), Some(80.0), Some(50.0)],
        &[Some(80.0); 3],
        &[Some(80.0); 3],
        &[Some(80.0); 3],
    ];
    let mut s = by_scores(&[1, 2, 1, 1, 1], &scores, quotas_at(5, &[(2, 0.2)]));
    s.settings.grades.min_hold_cycles = 2;
    s.settings.grades.warn_below = 0.0;
    let r = evaluate(&s);
    assert_eq!(outcome(&r, 1, "b0"), (1, Reason::Quota));
    assert_eq!(outcome(&r, 2, "b0"), (2, Reason::Promoted));
    // Had h been reset to 0 by the held-back promotion, cycle 3 would give h = 1 < 2: min_hold.
    let mut two = s.clone();
    two.periods.truncate(2);
    assert_eq!(evaluate(&two).standing[0].held, 2);
}

#[test]
fn null_entries_and_a_list_of_nulls_change_nothing() {
    let scores: [&[Option<f64>]; 5] =
        [&[Some(99.0), Some(99.0)], &[Some(95.0); 2], &[Some(80.0); 2], &[Some(50.0); 2], &[None, Some(91.0)]];
    let grades = [1, 2, 3, 4, 5];
    let none = evaluate(&by_scores(&grades, &scores, None));
    let nulls = evaluate(&by_scores(&grades, &scores, Some(vec![None; 5])));
    assert_eq!(none, nulls);
    assert!(nulls.cycles.iter().all(|c| c.quotas.is_empty()));
    // A quota of 1 (cap N) can never hold anyone back: the same grades as no quota, with the checks reported.
    let ones = evaluate(&by_scores(&grades, &scores, Some(vec![Some(1.0); 5])));
    assert_eq!(results_to_value(&ones), results_to_value(&none));
    assert_eq!(ones.cycles[0].quotas.len(), 4, "grades 5..2 checked; grade 1 never receives a promotion");
    // Quotas on grades nobody is promoted into change nothing either.
    let r = evaluate(&by_scores(&grades, &scores, quotas_at(5, &[(1, 0.0), (5, 0.0)])));
    assert_eq!(results_to_value(&r), results_to_value(&none));
}

#[test]
fn apply_quotas_alone_top_down_on_a_hand_made_cycle_end() {
    // Grades 1..3, N = 4; quota of 3 = 0.25 (cap 1), of 2 = 0.5 (cap 2).
    let end = |before: u32, score: f64, grade: u32, reason: Reason| CycleEnd {
        before,
        held_before: 5,
        score,
        step: Step { grade, held: if grade == before { 6 } else { 0 }, reason },
    };
    let mut ends = vec![
        end(2, 97.0, 3, Reason::Promoted),
        end(2, 98.0, 3, Reason::Promoted),
        end(1, 96.0, 2, Reason::Promoted),
        end(2, 70.0, 2, Reason::Held),
    ];
    let mut checks = Vec::new();
    apply_quotas(&[None, Some(0.5), Some(0.25)], 4, &mut ends, &mut Vec::new(), |c| checks.push(c));
    assert_eq!(ends[1].step, Step { grade: 3, held: 0, reason: Reason::Promoted });
    assert_eq!(ends[0].step, Step { grade: 2, held: 6, reason: Reason::Quota });
    // Grade 2: ends[3] and the held-back ends[0] stay → free 0 → ends[2] waits at 1.
    assert_eq!(ends[2].step, Step { grade: 1, held: 6, reason: Reason::Quota });
    assert_eq!(
        checks,
        vec![
            QuotaCheck { grade: 3, cap: 1, stay: 0, promoted: 2, kept: 1 },
            QuotaCheck { grade: 2, cap: 2, stay: 2, promoted: 1, kept: 0 },
        ]
    );
}

// ---------------------------------------------------------------------------------------------------------
// settings.grades.quotas in the file and in the editors

fn with_quotas(quotas: Value) -> String {
    let mut v: Value = serde_json::from_str(SCENARIO).unwrap();
    v["settings"]["grades"]["quotas"] = quotas;
    v.to_string()
}

#[test]
fn quotas_are_read_and_written() {
    // null (or absent): none.
    let s = parse_scenario(&with_quotas(Value::Null)).unwrap();
    assert_eq!(s.settings.grades.quotas, None);
    assert_eq!(scenario_to_value(&s)["settings"]["grades"]["quotas"], Value::Null);
    // A list round-trips, null entries included.
    let s = parse_scenario(&with_quotas(json!([null, 0.5, 0, 1, null]))).unwrap();
    assert_eq!(s.settings.grades.quotas, Some(vec![None, Some(0.5), Some(0.0), Some(1.0), None]));
    let back = parse_scenario(&scenario_to_string(&s)).unwrap();
    assert_eq!(back, s);
    assert_eq!(scenario_to_value(&s)["settings"]["grades"]["quotas"], json!([null, 0.5, 0.0, 1.0, null]));
    // A new scenario has none, and writes null.
    assert_eq!(Settings::default().grades.quotas, None);
}

#[test]
fn bad_quotas_are_refused_with_the_path_of_each_problem() {
    let problems = |q: Value| parse_scenario(&with_quotas(q)).unwrap_err();
    let p = problems(json!([null, 1.5, -0.1, "x", null]));
    let paths: Vec<(&str, &ProblemKind)> = p.iter().map(|p| (p.path.as_str(), &p.kind)).collect();
    assert_eq!(paths.len(), 3, "{p:?}");
    assert_eq!(paths[0].0, "settings.grades.quotas[1]");
    assert!(matches!(paths[0].1, ProblemKind::OutOfRange { .. }));
    assert_eq!(paths[1].0, "settings.grades.quotas[2]");
    assert!(matches!(paths[1].1, ProblemKind::OutOfRange { .. }));
    assert_eq!(paths[2].0, "settings.grades.quotas[3]");
    assert!(matches!(paths[2].1, ProblemKind::WrongType { .. }));
    // L entries: five grades want five.
    let p = problems(json!([null, 0.2]));
    assert_eq!((p[0].path.as_str(), &p[0].kind), ("settings.grades.quotas", &ProblemKind::WrongLength { expected: 5 }));
    let p = problems(json!(0.2));
    assert_eq!(p[0].path, "settings.grades.quotas");
    assert!(matches!(p[0].kind, ProblemKind::WrongType { .. }));
    // With three grades, three entries are right.
    let mut v: Value = serde_json::from_str(SCENARIO).unwrap();
    v["settings"]["grades"] = json!({ "levels": 3, "quotas": [null, 0.5, 0.2] });
    for b in v["branches"].as_array_mut().unwrap() {
        b["grade"] = json!(1);
    }
    let s = parse_scenario(&v.to_string()).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(s.settings.grades.quotas, Some(vec![None, Some(0.5), Some(0.2)]));
}

#[test]
fn editing_quotas_and_changing_the_number_of_grades() {
    let mut s = parse_scenario(&with_quotas(Value::Null)).unwrap();
    // The first quota makes a list of L entries.
    set_grade_quota(&mut s, 4, Some(0.1)).unwrap();
    assert_eq!(s.settings.grades.quotas, Some(vec![None, None, None, None, Some(0.1)]));
    // Out of range or past L: refused with the path, nothing changed.
    let before = s.clone();
    let e = set_grade_quota(&mut s, 2, Some(1.2)).unwrap_err();
    assert_eq!(e[0].path, "settings.grades.quotas[2]");
    assert!(set_grade_quota(&mut s, 5, Some(0.1)).is_err());
    assert_eq!(s, before);
    set_grade_quota(&mut s, 2, Some(0.3)).unwrap();
    // Fewer grades: the quotas of the grades that remain stay; more grades: the new ones have none.
    set_number(&mut s, "grades.levels", 3.0).unwrap();
    assert_eq!(s.settings.grades.quotas, Some(vec![None, None, Some(0.3)]));
    set_number(&mut s, "grades.levels", 4.0).unwrap();
    assert_eq!(s.settings.grades.quotas, Some(vec![None, None, Some(0.3), None]));
    assert!(pbcalc::model::validate::scenario(&s).is_empty());
    // Removing the last quota gives null again; so does the reset.
    set_grade_quota(&mut s, 2, None).unwrap();
    assert_eq!(s.settings.grades.quotas, None);
    set_grade_quota(&mut s, 1, Some(0.5)).unwrap();
    reset(&mut s, "grades.quotas").unwrap();
    assert_eq!(s.settings.grades.quotas, None);
}

// ---------------------------------------------------------------------------------------------------------
// Sensitivity: a grade's quota as the swept parameter

#[test]
fn sweeping_a_grade_quota_shows_which_grades_change_as_the_cap_moves() {
    use pbcalc::engine::{sweep, Parameter, SweepError, SweepSpec};
    let s = parse_scenario(SCENARIO).unwrap();
    // Grade 3's quota from 0 to 1 in 6 steps: 0, 0.2, 0.4, 0.6, 0.8, 1 (N = 5: caps 0, 1, 2, 3, 4, 5).
    let spec = SweepSpec { parameter: Parameter::GradeQuota(3), from: 0.0, to: 1.0, steps: 6, period: None };
    let r = sweep(&s, &spec).unwrap();
    assert_eq!(r.current, 0.2);
    assert_eq!(Parameter::GradeQuota(3).path(), "settings.grades.quotas[2]");
    let ids = &r.branches;
    let p2 = ids.iter().position(|b| b == "p2").unwrap();
    // At the current cap (1) p2 waits at 2; from a cap of 2 on it is promoted into 3. At a cap of 0 nothing
    // changes for p2 (o2 stays at 3 anyway: quotas never demote).
    assert_eq!(r.baseline.grades[p2], 2);
    let grade_of_p2: Vec<u32> = r.steps.iter().map(|st| st.point.grades[p2]).collect();
    assert_eq!(grade_of_p2, vec![2, 2, 3, 3, 3, 3]);
    assert!(r.steps[0].grade_changed.is_empty() && r.steps[1].grade_changed.is_empty());
    assert_eq!(r.steps[2].grade_changed, vec!["p2".to_string()]);
    // Tiers and the ranking do not depend on the quotas.
    assert!(r.steps.iter().all(|st| st.tier_changed.is_empty() && st.tau == Some(1.0)));
    // A grade without a quota reads as 1; a grade outside 1..L is refused.
    let spec = SweepSpec { parameter: Parameter::GradeQuota(2), from: 0.0, to: 0.0, steps: 1, period: None };
    let r = sweep(&s, &spec).unwrap();
    assert_eq!(r.current, 1.0);
    // A cap of 0 on grade 2 holds back no one here (nobody is promoted into 2 at the first cycle end).
    assert!(r.steps[0].grade_changed.is_empty());
    let bad = SweepSpec { parameter: Parameter::GradeQuota(6), from: 0.0, to: 1.0, steps: 2, period: None };
    assert_eq!(sweep(&s, &bad).unwrap_err(), SweepError::UnknownGrade(6));
}
