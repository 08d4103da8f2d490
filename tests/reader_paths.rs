//! The reader names every problem by its JSON path, at every depth of the file: list items, map keys, nested
//! objects, arrays inside maps, target plans' cells, the settings' lists. The paths are written out only when a
//! problem is found (model::codec), so this pins them as text.

use pbcalc::i18n::{problem_message, Lang};
use pbcalc::model::codec::parse_scenario;
use pbcalc::model::problem::{Expected, ProblemKind};
use pbcalc::model::sample::SAMPLE_JSON;
use serde_json::{json, Value};

/// The sample with a problem planted at each of `plants` (a JSON pointer and the value put there).
fn planted(plants: &[(&str, Value)]) -> String {
    let mut v: Value = serde_json::from_str(SAMPLE_JSON).unwrap();
    for (pointer, value) in plants {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let target = v.pointer_mut(parent).unwrap_or_else(|| panic!("{parent} is in the sample"));
        match target {
            Value::Object(m) => {
                m.insert(key.to_string(), value.clone());
            }
            Value::Array(a) => a[key.parse::<usize>().unwrap()] = value.clone(),
            _ => panic!("{parent} holds values"),
        }
    }
    serde_json::to_string(&v).unwrap()
}

#[test]
fn every_problem_is_named_by_its_path_at_every_depth() {
    let text = planted(&[
        ("/extra", json!(1)),
        ("/categories/0/coefficients/tasks", json!("x")),
        ("/indicators/1/colour", json!("red")),
        ("/indicators/2/decimals", json!(1.5)),
        ("/branches/0/conditions/personnel", json!("x")),
        ("/branches/0/history/tasks/1", json!("x")),
        ("/branches/1/target_overrides", json!({ "tasks": "x" })),
        ("/periods/0/records/c1a/actuals/meetings", json!("Z")),
        ("/periods/0/records/c1a/evaluation/ballots/good", json!(-1)),
        ("/periods/0/records/c1a/optional_done/1", json!(5)),
        ("/periods/0/records/c1b/vetoes/safety", json!(1)),
        ("/periods/1/records/c1b/adjustments", json!([{ "points": 1 }, { "points": "x" }])),
        ("/periods/2/records", Value::Null),
        ("/target_plans/0/target_overrides", json!({ "c1a": { "tasks": "x" } })),
        ("/settings/grades/names", json!(["一", 2, "三", "四", "五"])),
        ("/settings/tiers", json!({ "share": 7, "first_share": 7 })),
    ]);
    let problems = parse_scenario(&text).expect_err("the planted problems are found");
    let mut paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    paths.sort_unstable();
    let mut expected = vec![
        "extra",
        "categories[0].coefficients.tasks",
        "indicators[1].colour",
        "indicators[2].decimals",
        "branches[0].conditions.personnel",
        "branches[0].history.tasks[1]",
        "branches[1].target_overrides.tasks",
        "periods[0].records.c1a.actuals.meetings",
        "periods[0].records.c1a.evaluation.ballots.good",
        "periods[0].records.c1a.optional_done[1]",
        "periods[0].records.c1b.vetoes.safety",
        "periods[1].records.c1b.adjustments[1].points",
        "periods[2].records",
        "target_plans[0].target_overrides.c1a.tasks",
        "settings.grades.names[1]",
        "settings.tiers.share",
        "settings.tiers.first_share",
    ];
    expected.sort_unstable();
    assert_eq!(paths, expected, "{problems:#?}");

    // The kinds travel with their paths, and the message starts with the path as written.
    let at = |path: &str| problems.iter().find(|p| p.path == path).unwrap();
    assert_eq!(at("extra").kind, ProblemKind::UnknownField);
    assert_eq!(at("periods[2].records").kind, ProblemKind::Missing);
    assert_eq!(at("branches[0].history.tasks[1]").kind, ProblemKind::WrongType { expected: Expected::Number });
    assert_eq!(at("periods[0].records.c1b.vetoes.safety").kind, ProblemKind::WrongType { expected: Expected::Bool });
    assert_eq!(at("settings.grades.names[1]").kind, ProblemKind::WrongType { expected: Expected::String });
    assert_eq!(at("indicators[2].decimals").kind, ProblemKind::NotInteger);
    let message = problem_message(at("periods[0].records.c1a.evaluation.ballots.good"), Lang::En);
    assert!(message.contains("periods[0].records.c1a.evaluation.ballots.good"), "{message}");
}

#[test]
fn an_object_where_a_list_item_should_be_names_the_item() {
    let text = planted(&[("/branches/3", json!("not a branch")), ("/periods/4/records/c1a", json!([]))]);
    let problems = parse_scenario(&text).expect_err("found");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["branches[3]", "periods[4].records.c1a"], "{problems:#?}");
    assert!(problems.iter().all(|p| p.kind == ProblemKind::WrongType { expected: Expected::Object }));
}
