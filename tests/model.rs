//! The scenario model and its file format (FORMAT.md): round trips and import validation.

use pbcalc::i18n::{problem_message, Lang};
use pbcalc::model::codec::{parse_scenario, scenario_to_string, scenario_to_value};
use pbcalc::model::problem::ProblemKind;
use pbcalc::model::sample::sample;
use pbcalc::model::{Actual, Level, Scenario};

const SMALL: &str = include_str!("fixtures/small.pbcalc.json");

fn problems(text: &str) -> Vec<String> {
    match parse_scenario(text) {
        Ok(_) => panic!("expected problems"),
        Err(p) => p.iter().map(|p| problem_message(p, Lang::En)).collect(),
    }
}

#[test]
fn sample_round_trips_through_json() {
    let s = sample();
    let text = scenario_to_string(&s);
    let back = parse_scenario(&text).expect("exported sample reads back");
    assert_eq!(back, s);
    // And through serde.
    let via_serde: Scenario = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(via_serde, s);
}

#[test]
fn public_example_reads_and_round_trips() {
    let s = parse_scenario(SMALL).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(s.branches.len(), 5);
    assert_eq!(s.indicators.len(), 6);
    assert_eq!(s.periods.len(), 5);
    assert_eq!(s.settings.consequences.bonus_pool, 50000.0);
    assert_eq!(s.settings.tiers.first_share, 0.2, "missing keys take their defaults");
    let rec = &s.periods[0].records["p1"];
    assert_eq!(rec.actuals["meetings"], Actual::Level(Level::B));
    assert_eq!(rec.actuals["tasks"], Actual::Number(9.0));
    assert_eq!(parse_scenario(&scenario_to_string(&s)).unwrap(), s);
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let mut v: serde_json::Value = serde_json::from_str(SMALL).unwrap();
    v["branches"][1]["conditions"]["personnel"] = 7.into();
    v["branches"][2]["nmae"] = "typo".into();
    v["indicators"][0]["weight"] = "thirty".into();
    v["periods"][0]["records"]["p1"]["actuals"]["meetings"] = 3.into();
    v["periods"][0]["records"]["zz"] = serde_json::json!({});
    v["settings"]["tiers"] = serde_json::json!({ "method": "lottery", "first_share": 1.5 });
    let found = problems(&v.to_string());
    let expect = [
        "branches[1].conditions.personnel: out of range: allowed 1 … 5",
        "branches[2].nmae: unknown field",
        "indicators[0].weight: wrong type: expected a number",
        "settings.tiers.method: must be one of: quota, threshold, hybrid",
        "settings.tiers.first_share: out of range: allowed 0 … 1",
    ];
    for e in expect {
        assert!(found.iter().any(|f| f.starts_with(e)), "missing «{e}» in {found:#?}");
    }
}

#[test]
fn references_and_duplicates_are_checked() {
    let mut v: serde_json::Value = serde_json::from_str(SMALL).unwrap();
    v["branches"][1]["id"] = "p1".into();
    v["branches"][0]["category"] = "nowhere".into();
    v["periods"][0]["records"]["p1"]["actuals"]["meetings"] = 3.into();
    v["periods"][0]["records"]["p1"]["optional_done"] = serde_json::json!(["brand", "ghost"]);
    v["periods"][1]["records"]["p9"] = serde_json::json!({});
    let found = problems(&v.to_string());
    let expect = [
        "branches[1].id: the id “p1” is used twice",
        "branches[0].category: refers to “nowhere”",
        "periods[0].records.p1.actuals.meetings: the actual does not fit its indicator: expected a level",
        "periods[0].records.p1.optional_done[1]: refers to “ghost”",
        "periods[1].records.p9: refers to “p9”, which is not in branches",
    ];
    for e in expect {
        assert!(found.iter().any(|f| f.starts_with(e)), "missing «{e}» in {found:#?}");
    }
}

#[test]
fn files_that_are_not_scenarios_are_refused() {
    assert!(problems("{ nope")[0].contains("not valid JSON"));
    let big = " ".repeat(5_000_001);
    let p = parse_scenario(&big).unwrap_err();
    assert!(matches!(p[0].kind, ProblemKind::TooLarge { .. }));
    let found = problems(r#"{"format":"other","version":1,"name":"x","indicators":[],"branches":[]}"#);
    assert!(found[0].starts_with("format: not a pbcalc scenario file"), "{found:?}");
    let found = problems(r#"{"format":"pbcalc-scenario","version":1,"indicators":[],"branches":[]}"#);
    assert_eq!(found, vec!["name: required but missing"]);
}

#[test]
fn a_veto_indicator_cannot_carry_a_weight_or_actual() {
    let mut v: serde_json::Value = serde_json::from_str(SMALL).unwrap();
    v["indicators"][5]["weight"] = 10.into();
    v["periods"][0]["records"]["p1"]["actuals"]["safety"] = 1.into();
    let found = problems(&v.to_string());
    assert!(found.iter().any(|f| f.starts_with("indicators[5].weight: unknown field")), "{found:?}");
}

#[test]
fn written_files_spell_out_every_setting() {
    let v = scenario_to_value(&sample());
    assert_eq!(v["settings"]["motivation"]["desired"], 0.6);
    assert_eq!(v["settings"]["grades"]["levels"], 5);
    assert_eq!(v["settings"]["tiers"]["method"], "quota");
}
