//! The count limits of target plans and of the grade lists (quotas among them), FORMAT.md "Limits": refused on
//! import with the path and the limit, and by the editors (a refused edit changes nothing).

use serde_json::{json, Value};

use pbcalc::i18n::{problem_message, Lang};
use pbcalc::model::codec::{parse_scenario, scenario_to_value};
use pbcalc::model::edit::{plans, records, settings as eds};
use pbcalc::model::limits::{
    self, Amount, Sizes, MAX_BRANCHES, MAX_GRADE_LEVELS, MAX_INDICATORS, MAX_PLAN_OVERRIDES, MAX_TARGET_PLANS,
    MAX_TARGET_SET_CELLS,
};
use pbcalc::model::sample::sample;
use pbcalc::model::{OverrideChange, Problem, ProblemKind, Scenario, TargetPlan};

fn refused(v: &Value) -> Vec<Problem> {
    parse_scenario(&v.to_string()).expect_err("refused")
}

fn at<'p>(problems: &'p [Problem], path: &str) -> &'p Problem {
    problems.iter().find(|p| p.path == path).unwrap_or_else(|| panic!("no problem at {path}: {problems:?}"))
}

#[test]
fn more_plans_than_the_limit_are_refused_on_import_before_reading_them() {
    let mut v = scenario_to_value(&sample());
    let plans: Vec<Value> =
        (0..=MAX_TARGET_PLANS).map(|i| json!({ "id": format!("p{i}"), "name": "计划", "from": "nowhere" })).collect();
    v["target_plans"] = Value::Array(plans);
    let problems = refused(&v);
    // One problem: the items (whose `from` is no period) were not read.
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = at(&problems, "target_plans");
    assert_eq!(p.kind, ProblemKind::TooMany { count: MAX_TARGET_PLANS + 1, max: MAX_TARGET_PLANS });
    assert_eq!(problem_message(p, Lang::En), "target_plans: too many entries: 101; the limit is 100");
    assert_eq!(problem_message(p, Lang::Zh), "target_plans: 条目过多：101 项，上限 100 项");
}

#[test]
fn a_plan_overriding_more_branches_or_indicators_than_exist_is_refused_at_its_path() {
    let s = sample();
    let mut v = scenario_to_value(&s);
    let from = s.periods[0].id.clone();
    // More branch keys than the branch limit (the map was limited like an indicator map before: 500).
    let branches: serde_json::Map<String, Value> = (0..=MAX_BRANCHES).map(|i| (format!("b{i}"), json!({}))).collect();
    v["target_plans"] = json!([{ "id": "big", "name": "大", "from": from, "target_overrides": branches }]);
    let problems = refused(&v);
    let p = at(&problems, "target_plans[0].target_overrides");
    assert_eq!(p.kind, ProblemKind::TooMany { count: MAX_BRANCHES + 1, max: MAX_BRANCHES });

    // 600 branch keys are within the branch limit: each is then read (and refused as no branch of the scenario),
    // not refused as too many.
    let branches: serde_json::Map<String, Value> = (0..600).map(|i| (format!("b{i}"), json!({}))).collect();
    v["target_plans"] = json!([{ "id": "big", "name": "大", "from": from, "target_overrides": branches }]);
    let problems = refused(&v);
    assert!(problems.iter().all(|p| !matches!(p.kind, ProblemKind::TooMany { .. })), "{:?}", &problems[..3]);

    // More indicator keys in one branch's entry than the indicator limit.
    let cells: serde_json::Map<String, Value> = (0..=MAX_INDICATORS).map(|i| (format!("i{i}"), json!(1))).collect();
    let b = s.branches[0].id.clone();
    v["target_plans"] = json!([{ "id": "big", "name": "大", "from": from, "target_overrides": { b.clone(): cells } }]);
    let problems = refused(&v);
    let p = at(&problems, &format!("target_plans[0].target_overrides.{b}"));
    assert_eq!(p.kind, ProblemKind::TooMany { count: MAX_INDICATORS + 1, max: MAX_INDICATORS });
}

#[test]
fn a_plan_with_more_overrides_than_the_limit_is_named() {
    let mut s = sample();
    let mut plan = TargetPlan::new("huge", "大计划", &s.periods[0].id);
    for b in 0..=MAX_PLAN_OVERRIDES / 100 {
        let cells = (0..100).map(|i| (format!("i{i}"), OverrideChange::Set(1.0))).collect();
        plan.target_overrides.insert(format!("b{b}"), cells);
    }
    assert!(limits::plan_overrides(&plan) > MAX_PLAN_OVERRIDES);
    s.target_plans = vec![TargetPlan::new("small", "小", &s.periods[1].id), plan];
    let problems = limits::check(&s);
    let p = at(&problems, "target_plans[1].target_overrides");
    assert_eq!(
        p.kind,
        ProblemKind::TooMuch { what: Amount::PlanOverrides, count: MAX_PLAN_OVERRIDES + 100, max: MAX_PLAN_OVERRIDES }
    );
    assert!(problem_message(p, Lang::Zh).contains("上限 50,000"), "{}", problem_message(p, Lang::Zh));
    // Reported once, at the plan (not also at the list).
    assert_eq!(problems.iter().filter(|p| matches!(p.kind, ProblemKind::TooMuch { .. })).count(), 1);
}

/// `n` branches copied from the sample's first (ids x0, x1, …), no periods' records touched.
fn with_branches(mut s: Scenario, n: usize) -> Scenario {
    let template = s.branches[0].clone();
    while s.branches.len() < n {
        let mut b = template.clone();
        b.id = format!("x{}", s.branches.len());
        s.branches.push(b);
    }
    s
}

#[test]
fn the_matrices_of_targets_the_plans_make_are_bounded() {
    let sizes = Sizes { branches: 1_000, indicators: 50, target_plans: 19, ..Sizes::default() };
    assert!(sizes.problems().is_empty(), "20 matrices of 50,000 cells are allowed");
    let sizes = Sizes { target_plans: 20, ..sizes };
    let problems = sizes.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "target_plans");
    assert_eq!(
        problems[0].kind,
        ProblemKind::TooMuch { what: Amount::TargetSets, count: 1_050_000, max: MAX_TARGET_SET_CELLS }
    );

    // The editor: with the branches at their limit, plans are added until the matrices reach theirs.
    let mut s = with_branches(sample(), MAX_BRANCHES);
    let cells = Sizes::of(&s).target_cells();
    let most = MAX_TARGET_SET_CELLS / cells - 1;
    assert!(most < MAX_TARGET_PLANS, "the matrices bind first here ({most} plans)");
    s.target_plans.clear();
    while s.periods.len() < most + 2 {
        let k = s.periods.len();
        records::add_period(&mut s, &format!("q{k}"), &format!("期{k}")).unwrap();
    }
    for u in 0..most {
        plans::add_plan(&mut s, u, &format!("p{u}"), "计划").unwrap();
    }
    let before = s.clone();
    let err = plans::add_plan(&mut s, most, "one-too-many", "计划").unwrap_err();
    assert_eq!(err[0].path, "target_plans");
    assert!(
        matches!(err[0].kind, ProblemKind::TooMuch { what: Amount::TargetSets, max: MAX_TARGET_SET_CELLS, .. }),
        "{err:?}"
    );
    assert_eq!(s, before, "a refused edit changes nothing");
    assert_eq!(s.target_plans.len(), most);
    assert!(limits::check(&s).is_empty());
}

#[test]
fn the_editor_refuses_the_plan_beyond_the_plan_limit() {
    let mut s = sample();
    s.target_plans.clear();
    while s.periods.len() <= MAX_TARGET_PLANS {
        let k = s.periods.len();
        records::add_period(&mut s, &format!("q{k}"), &format!("期{k}")).unwrap();
    }
    for u in 0..MAX_TARGET_PLANS {
        plans::add_plan(&mut s, u, &format!("p{u}"), "计划").unwrap();
    }
    let before = s.clone();
    let err = plans::add_plan(&mut s, MAX_TARGET_PLANS, "one-too-many", "计划").unwrap_err();
    assert_eq!(err[0].path, "target_plans");
    assert_eq!(err[0].kind, ProblemKind::TooMany { count: MAX_TARGET_PLANS + 1, max: MAX_TARGET_PLANS });
    assert_eq!(s, before, "a refused edit changes nothing");
    assert!(limits::check(&s).is_empty());
}

#[test]
fn grade_lists_longer_than_the_grade_limit_are_refused_before_reading() {
    let s = sample();
    for key in ["quotas", "bonus_coefficients", "names", "texts"] {
        let mut v = scenario_to_value(&s);
        // Half a million entries: refused at once, one problem (their wrong values are not read).
        let items: Vec<Value> = (0..500_000).map(|_| json!(-1)).collect();
        v["settings"]["grades"][key] = Value::Array(items);
        let problems = refused(&v);
        assert_eq!(problems.len(), 1, "{key}: {:?}", &problems[..problems.len().min(3)]);
        let p = at(&problems, &format!("settings.grades.{key}"));
        assert_eq!(p.kind, ProblemKind::TooMany { count: 500_000, max: MAX_GRADE_LEVELS });
    }
    // 21 quotas: too many, whatever the levels.
    let mut v = scenario_to_value(&s);
    v["settings"]["grades"]["quotas"] = Value::Array(vec![Value::Null; MAX_GRADE_LEVELS + 1]);
    let problems = refused(&v);
    let p = at(&problems, "settings.grades.quotas");
    assert_eq!(p.kind, ProblemKind::TooMany { count: MAX_GRADE_LEVELS + 1, max: MAX_GRADE_LEVELS });
}

#[test]
fn the_quota_editor_stays_within_the_grade_levels() {
    let mut s = sample();
    eds::set_number(&mut s, "grades.levels", MAX_GRADE_LEVELS as f64).unwrap();
    let before = s.clone();
    assert!(eds::set_number(&mut s, "grades.levels", (MAX_GRADE_LEVELS + 1) as f64).is_err());
    assert!(eds::set_grade_quota(&mut s, MAX_GRADE_LEVELS, Some(0.1)).is_err(), "no grade 21");
    assert_eq!(s, before);
    for g in 0..MAX_GRADE_LEVELS {
        eds::set_grade_quota(&mut s, g, Some(0.05)).unwrap();
    }
    assert_eq!(s.settings.grades.quotas.as_ref().map(Vec::len), Some(MAX_GRADE_LEVELS));
    assert!(limits::check(&s).is_empty());
    // What the editor made reads back.
    let text = pbcalc::model::codec::scenario_to_string(&s);
    assert_eq!(parse_scenario(&text).unwrap().settings.grades.quotas, s.settings.grades.quotas);
}
