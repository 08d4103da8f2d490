//! METHOD.md §1 "Target plans" (年度目标计划) and FORMAT.md `target_plans`: resolution of the targets in force
//! in each period, the file rules with the path of each problem, and the property that a plan from period u never
//! changes a period before u. Expected numbers are worked out in the comments from the text of the method.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::{json, Value};

use pbcalc::engine::targets::{self, Origin};
use pbcalc::engine::{evaluate, motivation};
use pbcalc::model::codec::{parse_scenario, scenario_from_value, scenario_to_string, scenario_to_value};
use pbcalc::model::problem::{Expected, ProblemKind};
use pbcalc::model::{Actual, Branch, Direction, Flex, Indicator, OverrideChange, Period, Record, Scenario, TargetPlan};

/// Two quantitative indicators (out: higher, base 10, 0 decimals; cost: lower, base 4, 1 decimal), one
/// qualitative; branches a (own override out = 12) and b; four periods p1..p4 with out = 10, cost = 4 for both.
fn scenario() -> Scenario {
    let mut s = Scenario::blank("plans");
    s.indicators = vec![
        Indicator::new_quantitative("out", "out", Flex::Controllable, Direction::Higher, 10.0, 10.0).with_decimals(0),
        Indicator::new_quantitative("cost", "cost", Flex::Controllable, Direction::Lower, 4.0, 10.0),
        Indicator::new_qualitative("q", "q", Flex::Elastic, 10.0),
    ];
    let mut a = Branch::new("a", "a");
    a.target_overrides.insert("out".into(), 12.0);
    s.branches = vec![a, Branch::new("b", "b")];
    for u in 1..=4 {
        let mut records = BTreeMap::new();
        for b in ["a", "b"] {
            let mut r = Record::default();
            r.actuals.insert("out".into(), Actual::Number(10.0));
            r.actuals.insert("cost".into(), Actual::Number(4.0));
            records.insert(b.to_string(), r);
        }
        s.periods.push(Period { id: format!("p{u}"), name: format!("P{u}"), records: records.into() });
    }
    s
}

fn plan(id: &str, from: &str) -> TargetPlan {
    TargetPlan::new(id, id, from)
}

fn target(s: &Scenario, b: &str, i: &str, u: usize) -> f64 {
    targets::resolve(s, b, i, Some(u)).unwrap().breakdown.target
}

/// The target used in period u's scoring, as the results show it.
fn scored_target(s: &Scenario, b: &str, i: &str, u: usize) -> f64 {
    let r = evaluate(s);
    let row = r.periods[u].rows.iter().find(|r| r.branch == b).unwrap();
    let j = s.indicators.iter().position(|x| x.id == i).unwrap();
    row.indicators.iter().find(|x| x.indicator == j).unwrap().target.unwrap()
}

#[test]
fn plans_apply_in_period_order_whatever_their_order_in_the_list() {
    let mut s = scenario();
    // Listed later-first: "late" from p3 sets base out = 20, "early" from p2 sets base out = 15.
    let mut late = plan("late", "p3");
    late.base_targets.insert("out".into(), 20.0);
    let mut early = plan("early", "p2");
    early.base_targets.insert("out".into(), 15.0);
    s.target_plans = vec![late, early];
    // b has no override, f = k = 1: T = base. p1 the indicator's 10, p2 the early plan's 15, p3 and p4 the late
    // plan's 20 (applied after the early one, though listed first).
    let got: Vec<f64> = (0..4).map(|u| scored_target(&s, "b", "out", u)).collect();
    assert_eq!(got, vec![10.0, 15.0, 20.0, 20.0]);
    assert_eq!(targets::plan_in_force(&s, 0), None);
    assert_eq!(targets::plan_in_force(&s, 1), Some(1));
    assert_eq!(targets::plan_in_force(&s, 3), Some(0));
    let r = targets::resolve(&s, "b", "out", Some(3)).unwrap();
    assert_eq!(r.base_from, Origin::Plan(0));
    assert_eq!(targets::resolve(&s, "b", "out", None).unwrap().base_from, Origin::Scenario);
    // The results' targets, the §9 check and `breakdown` use the last period's (20).
    let results = evaluate(&s);
    let t = results.targets.iter().find(|t| t.branch == "b" && t.indicator == "out").unwrap();
    assert_eq!(t.breakdown.target, 20.0);
    assert_eq!(targets::breakdown(&s, "b", "out").unwrap().target, 20.0);
    assert_eq!(results.periods[1].plan.as_deref(), Some("early"));
    assert_eq!(results.periods[0].plan, None);
    // Scores follow the target in force: b's out = 10 against 10, 15, 20 scores less as the target rises, and
    // the same in p3 and p4 (same plan, same actuals).
    let base: Vec<f64> =
        results.periods.iter().map(|p| p.rows.iter().find(|r| r.branch == "b").unwrap().base).collect();
    assert!(base[0] > base[1] && base[1] > base[2] && base[2] == base[3], "{base:?}");
}

#[test]
fn a_plan_listing_a_subset_leaves_the_rest() {
    let mut s = scenario();
    let mut p = plan("y2", "p3");
    p.target_overrides.insert("b".into(), [("cost".to_string(), OverrideChange::Set(3.5))].into_iter().collect());
    s.target_plans = vec![p];
    // Only b's cost changes from p3; a's own override 12 and every base stay.
    assert_eq!(target(&s, "b", "cost", 1), 4.0);
    assert_eq!(target(&s, "b", "cost", 2), 3.5);
    assert_eq!(scored_target(&s, "b", "cost", 3), 3.5);
    assert_eq!(target(&s, "a", "cost", 3), 4.0);
    assert_eq!(target(&s, "a", "out", 3), 12.0);
    assert_eq!(target(&s, "b", "out", 3), 10.0);
    let r = targets::resolve(&s, "b", "cost", Some(2)).unwrap();
    assert!(r.breakdown.overridden);
    assert_eq!((r.base_from, r.override_from), (Origin::Scenario, Some(Origin::Plan(0))));
}

#[test]
fn a_null_override_removes_the_branchs_own_from_its_period_on() {
    let mut s = scenario();
    let mut p = plan("y2", "p2");
    p.target_overrides.insert("a".into(), [("out".to_string(), OverrideChange::Remove)].into_iter().collect());
    s.target_plans = vec![p];
    // a's override 12 holds in p1; from p2 the derived target (10 × 1 × 1 = 10) applies.
    assert_eq!(scored_target(&s, "a", "out", 0), 12.0);
    assert_eq!(scored_target(&s, "a", "out", 1), 10.0);
    let r = targets::resolve(&s, "a", "out", Some(3)).unwrap();
    assert!(!r.breakdown.overridden);
    assert_eq!(r.override_from, Some(Origin::Plan(0)));
    // Read from a file, `null` is the removal and is written back as `null`.
    let text = scenario_to_string(&s);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["target_plans"][0]["target_overrides"]["a"]["out"], Value::Null);
    assert_eq!(parse_scenario(&text).unwrap(), s);
}

#[test]
fn without_plans_nothing_changes_and_an_empty_plan_changes_nothing() {
    let s = scenario();
    let mut with = s.clone();
    with.target_plans = vec![plan("empty", "p2")];
    let (a, b) = (evaluate(&s), evaluate(&with));
    assert_eq!(a.targets, b.targets);
    for (x, y) in a.periods.iter().zip(&b.periods) {
        assert_eq!(x.rows, y.rows);
    }
}

#[test]
fn the_motivation_check_uses_the_last_periods_target() {
    let mut s = scenario();
    for b in &mut s.branches {
        b.history.insert("out".into(), vec![9.0, 11.0, 10.0, 12.0]);
    }
    let mut p = plan("hard", "p4");
    p.base_targets.insert("out".into(), 30.0);
    s.target_plans = vec![p];
    // History 9, 11, 10, 12 and four 10s: μ ≈ 10.25; a target of 30 is out of reach, 10 would not be.
    let m = motivation::check(&s, "b", "out").unwrap();
    assert_eq!(m.class, motivation::MotivationClass::OutOfReach);
    s.target_plans.clear();
    assert_ne!(motivation::check(&s, "b", "out").unwrap().class, motivation::MotivationClass::OutOfReach);
}

// ---------------------------------------------------------------------------------------------------------
// The file rules of FORMAT.md, each with its path

fn with_plans(plans: Value) -> Value {
    let mut v = scenario_to_value(&scenario());
    v["target_plans"] = plans;
    v
}

fn problems(v: &Value) -> Vec<(String, ProblemKind)> {
    match scenario_from_value(v) {
        Ok(_) => panic!("expected problems"),
        Err(p) => p.into_iter().map(|p| (p.path, p.kind)).collect(),
    }
}

#[test]
fn two_plans_in_one_period_are_refused() {
    let v = with_plans(json!([
        { "id": "x", "name": "X", "from": "p2" },
        { "id": "y", "name": "Y", "from": "p2" },
    ]));
    assert_eq!(
        problems(&v),
        vec![("target_plans[1].from".into(), ProblemKind::Inconsistent { other: "target_plans[0].from".into() })]
    );
}

#[test]
fn from_must_be_a_period() {
    let v = with_plans(json!([{ "id": "x", "name": "X", "from": "2030Q1" }]));
    assert_eq!(
        problems(&v),
        vec![("target_plans[0].from".into(), ProblemKind::Dangling { id: "2030Q1".into(), list: "periods" })]
    );
}

#[test]
fn base_targets_of_a_qualitative_indicator_are_refused() {
    let v = with_plans(json!([{ "id": "x", "name": "X", "from": "p2", "base_targets": { "q": 3 } }]));
    assert_eq!(
        problems(&v),
        vec![(
            "target_plans[0].base_targets.q".into(),
            ProblemKind::WrongType { expected: Expected::QuantitativeIndicator }
        )]
    );
}

#[test]
fn every_rule_of_the_paragraph_is_checked_with_its_path() {
    let v = with_plans(json!([
        { "name": "", "colour": "red" },
        { "id": "x", "name": "X", "from": "p3", "base_targets": { "out": -1, "ghost": 2, "cost": "4" },
          "target_overrides": { "b": { "out": -2, "q": 1, "cost": null, "veto": true }, "nobody": { "out": 1 },
                                "a": 5 } },
        { "id": "x", "name": "X2", "from": "p4" },
        "plan",
    ]));
    let got = problems(&v);
    let want: Vec<(&str, ProblemKind)> = vec![
        ("target_plans[0].id", ProblemKind::Missing),
        ("target_plans[0].name", ProblemKind::Empty),
        ("target_plans[0].from", ProblemKind::Missing),
        ("target_plans[0].colour", ProblemKind::UnknownField),
        ("target_plans[1].base_targets.cost", ProblemKind::WrongType { expected: Expected::Number }),
        ("target_plans[1].base_targets.out", ProblemKind::OutOfRange { min: Some(0.0), max: Some(1e12) }),
        ("target_plans[1].target_overrides.a", ProblemKind::WrongType { expected: Expected::Object }),
        ("target_plans[1].target_overrides.b.out", ProblemKind::OutOfRange { min: Some(0.0), max: Some(1e12) }),
        ("target_plans[1].target_overrides.b.veto", ProblemKind::WrongType { expected: Expected::Number }),
        ("target_plans[3]", ProblemKind::WrongType { expected: Expected::Object }),
    ];
    for (path, kind) in &want {
        assert!(got.iter().any(|(p, k)| p == path && k == kind), "missing {path}: {kind:?} in {got:#?}");
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");

    // With the field errors fixed, the cross-field rules: a duplicate id, unknown indicator and branch, an
    // override of a qualitative indicator.
    let v = with_plans(json!([
        { "id": "x", "name": "X", "from": "p3", "base_targets": { "ghost": 2 },
          "target_overrides": { "b": { "q": 1, "cost": null }, "nobody": { "out": 1 } } },
        { "id": "x", "name": "X2", "from": "p4" },
    ]));
    let got = problems(&v);
    let want: Vec<(String, ProblemKind)> = vec![
        ("target_plans[1].id".into(), ProblemKind::Duplicate { id: "x".into() }),
        ("target_plans[0].base_targets.ghost".into(), ProblemKind::Dangling { id: "ghost".into(), list: "indicators" }),
        (
            "target_plans[0].target_overrides.b.q".into(),
            ProblemKind::WrongType { expected: Expected::QuantitativeIndicator },
        ),
        (
            "target_plans[0].target_overrides.nobody".into(),
            ProblemKind::Dangling { id: "nobody".into(), list: "branches" },
        ),
    ];
    for w in &want {
        assert!(got.contains(w), "missing {w:?} in {got:#?}");
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");
}

#[test]
fn plans_round_trip_and_absent_means_none() {
    let mut s = scenario();
    let mut p = plan("y", "p3");
    p.base_targets.insert("cost".into(), 3.0);
    p.target_overrides.insert("b".into(), [("out".to_string(), OverrideChange::Set(11.0))].into_iter().collect());
    s.target_plans = vec![p, plan("z", "p1")];
    let back = parse_scenario(&scenario_to_string(&s)).unwrap();
    assert_eq!(back, s, "order as given, values and removals kept");
    let mut v = scenario_to_value(&scenario());
    v.as_object_mut().unwrap().remove("target_plans");
    assert!(scenario_from_value(&v).unwrap().target_plans.is_empty());
}

// ---------------------------------------------------------------------------------------------------------
// Property: a plan from period u never changes any period before u

/// A scenario of `n` branches with random conditions, overrides and actuals over `periods` periods.
fn random_scenario(seed: &[(u8, u8, i8)], periods: usize) -> Scenario {
    let mut s = scenario();
    s.branches.clear();
    for (k, &(c, o, _)) in seed.iter().enumerate() {
        let mut b = Branch::new(&format!("b{k}"), &format!("b{k}"));
        b.conditions.personnel = 1 + c % 5;
        if o % 3 == 0 {
            b.target_overrides.insert("out".into(), 5.0 + o as f64 / 10.0);
        }
        s.branches.push(b);
    }
    s.periods.clear();
    for u in 0..periods {
        let mut records = BTreeMap::new();
        for (k, &(c, o, d)) in seed.iter().enumerate() {
            if (u + k) % 5 == 4 {
                continue; // some branches not assessed in some periods
            }
            let mut r = Record::default();
            r.actuals.insert("out".into(), Actual::Number(8.0 + ((c as usize + u) % 7) as f64));
            r.actuals
                .insert("cost".into(), Actual::Number(3.0 + ((o as usize + u) % 4) as f64 / 2.0 + d as f64 / 100.0));
            records.insert(format!("b{k}"), r);
        }
        s.periods.push(Period { id: format!("p{u}"), name: format!("P{u}"), records: records.into() });
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn a_plan_from_u_never_changes_a_period_before_u(
        seed in prop::collection::vec((any::<u8>(), any::<u8>(), any::<i8>()), 1..8),
        periods in 1usize..7,
        u_pick in any::<u8>(),
        other_pick in any::<u8>(),
        base_out in prop::option::of(0.0..40.0f64),
        base_cost in prop::option::of(0.0..8.0f64),
        cells in prop::collection::vec((any::<u8>(), any::<bool>(), prop::option::of(0.0..30.0f64)), 0..6),
    ) {
        let mut s = random_scenario(&seed, periods);
        // Maybe an existing plan elsewhere, to check the new one among others.
        let other = other_pick as usize % (periods + 1);
        if other < periods {
            let mut p = plan("old", &format!("p{other}"));
            p.base_targets.insert("out".into(), 12.0);
            s.target_plans.push(p);
        }
        let u = u_pick as usize % periods;
        prop_assume!(other != u);
        let before = evaluate(&s);

        let mut p = plan("new", &format!("p{u}"));
        if let Some(v) = base_out { p.base_targets.insert("out".into(), v); }
        if let Some(v) = base_cost { p.base_targets.insert("cost".into(), v); }
        for (b, out, v) in cells {
            let b = format!("b{}", b as usize % seed.len());
            let ind = if out { "out" } else { "cost" };
            let c = v.map_or(OverrideChange::Remove, OverrideChange::Set);
            p.target_overrides.entry(b).or_default().insert(ind.to_string(), c);
        }
        s.target_plans.push(p);
        prop_assert!(pbcalc::model::validate::scenario(&s).is_empty());
        let after = evaluate(&s);
        for k in 0..u {
            prop_assert_eq!(&before.periods[k], &after.periods[k], "period {} changed", k);
        }
    }
}
