//! The public worked example: every value of `small.expected.pbcalc-results.json` (worked out from METHOD.md
//! independently of this code) against `results_to_value` of `small.pbcalc.json` — field by field, rows in
//! order, numbers to 1e-6, targets exactly to their decimals, integers, strings, booleans and nulls exactly.

mod common;

use pbcalc::engine::{evaluate, results_to_string, results_to_value};
use pbcalc::model::codec::parse_scenario;
use serde_json::Value;

const SCENARIO: &str = include_str!("fixtures/small.pbcalc.json");
const EXPECTED: &str = include_str!("fixtures/small.expected.pbcalc-results.json");
const PLANS_SCENARIO: &str = include_str!("fixtures/small-plans.pbcalc.json");
const PLANS_EXPECTED: &str = include_str!("fixtures/small-plans.expected.pbcalc-results.json");

#[test]
fn small_example_matches_every_expected_value() {
    let scenario = parse_scenario(SCENARIO).unwrap_or_else(|p| panic!("{p:?}"));
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let actual = results_to_value(&evaluate(&scenario));
    let errors = common::compare(&expected, &actual);
    assert!(errors.is_empty(), "{} mismatches:\n{}", errors.len(), errors.join("\n"));
}

/// The same organisation with two target plans (METHOD.md §1), listed out of period order.
#[test]
fn small_example_with_target_plans_matches_every_expected_value() {
    let scenario = parse_scenario(PLANS_SCENARIO).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(scenario.target_plans.len(), 2);
    let expected: Value = serde_json::from_str(PLANS_EXPECTED).unwrap();
    let actual = results_to_value(&evaluate(&scenario));
    let errors = common::compare(&expected, &actual);
    assert!(errors.is_empty(), "{} mismatches:\n{}", errors.len(), errors.join("\n"));
}

#[test]
fn target_plans_change_the_results() {
    // Without its plans the example gives other numbers: the plans are read and used, not ignored.
    let mut scenario = parse_scenario(PLANS_SCENARIO).unwrap();
    scenario.target_plans.clear();
    let expected: Value = serde_json::from_str(PLANS_EXPECTED).unwrap();
    let errors = common::compare(&expected, &results_to_value(&evaluate(&scenario)));
    assert!(errors.len() > 20, "{errors:?}");
}

#[test]
fn written_text_is_the_same_document() {
    let scenario = parse_scenario(SCENARIO).unwrap();
    let r = evaluate(&scenario);
    let text = results_to_string(&r);
    let back: Value = serde_json::from_str(&text).unwrap();
    // serde_json's text reader may differ from the written float in the last bit: compare, don't assert_eq.
    let errors = common::compare(&results_to_value(&r), &back);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(!text.contains("-0.0"), "no negative zeros in the file");
    // Fields in the order of FORMAT.md.
    let f = text.find("\"format\"").unwrap();
    let t = text.find("\"targets\"").unwrap();
    let p = text.find("\"periods\"").unwrap();
    let c = text.find("\"cycles\"").unwrap();
    assert!(f < t && t < p && p < c);
}

#[test]
fn comparison_catches_a_changed_value() {
    // The comparison itself must be able to fail.
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let mut changed = expected.clone();
    changed["periods"][0]["branches"][0]["final"] = serde_json::json!(94.7224);
    changed["cycles"][0]["branches"][4]["reason"] = serde_json::json!("bottom");
    changed["targets"][0]["target"] = serde_json::json!(9.1);
    changed["periods"][1]["branches"][2]["rank"] = serde_json::json!(3.0);
    let errors = common::compare(&expected, &changed);
    assert_eq!(errors.len(), 4, "{errors:?}");
}
