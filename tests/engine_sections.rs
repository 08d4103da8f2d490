//! Hand-worked cases for every section of METHOD.md. Each expected number is derived in the comment above it
//! from the text of the method, not from this code's output.

use std::collections::BTreeMap;

use pbcalc::engine::consequences::{self, allocate, Claim};
use pbcalc::engine::evaluation::{combined, members_score};
use pbcalc::engine::grades::{apply_rules, CycleFacts};
use pbcalc::engine::motivation::{self, classify, phi, phi_inv, trend, MotivationClass};
use pbcalc::engine::ranking::{display_order, final_score, ranks};
use pbcalc::engine::round::round;
use pbcalc::engine::scoring::{self, fraction, ScoreRule};
use pbcalc::engine::targets::{self, condition_factor};
use pbcalc::engine::tiers::{assign, quota_sizes, Tier};
use pbcalc::engine::{evaluate, results_to_value, Reason};
use pbcalc::model::settings::{Allocation, Differentiation, Grades, Settings, TierMethod, Tiers};
use pbcalc::model::{
    Actual, Adjustment, Ballots, Branch, Category, Conditions, Direction, Flex, Indicator, Level, OptionalAction,
    Period, Record, Scenario,
};

// ---------------------------------------------------------------------------------------------------------
// Builders

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {{
        let (a, b): (f64, f64) = ($a, $b);
        assert!(close(a, b), "{} = {a}, expected {b}", stringify!($a));
    }};
}

fn quant(
    id: &str,
    flex: Flex,
    direction: Direction,
    base: f64,
    weight: f64,
    decimals: u32,
    tolerance: f64,
) -> Indicator {
    Indicator::new_quantitative(id, id, flex, direction, base, weight).with_decimals(decimals).with_tolerance(tolerance)
}

fn qual(id: &str, weight: f64) -> Indicator {
    Indicator::new_qualitative(id, id, Flex::Elastic, weight)
}

fn veto(id: &str) -> Indicator {
    Indicator::new_veto(id, id)
}

fn tiers(method: TierMethod, first_share: f64, bottom_share: f64) -> Tiers {
    Tiers { method, first_share, bottom_share, first_min_score: 90.0, bottom_below_score: 70.0 }
}

/// A scenario with no indicators: B = 0, so with no evaluation F = I = max(0, adjustments). Each branch's F in
/// each period is set through one adjustment; `None` leaves the branch unassessed in that period; a negative
/// number means "vetoed, with F = |x|" (vetoes need a veto indicator, which has no weight).
fn by_scores(names: &[&str], scores: &[&[Option<f64>]], settings: Settings) -> Scenario {
    let mut s = Scenario::blank("t");
    s.settings = settings;
    s.indicators = vec![veto("v")];
    s.branches = names.iter().map(|n| Branch::new(n, n)).collect();
    let n_periods = scores[0].len();
    s.periods = (0..n_periods)
        .map(|p| {
            let mut records = BTreeMap::new();
            for (b, name) in names.iter().enumerate() {
                if let Some(x) = scores[b][p] {
                    let mut r = Record::default();
                    r.adjustments.push(Adjustment { points: x.abs(), reason: String::new() });
                    if x < 0.0 {
                        r.vetoes.insert("v".into(), true);
                    }
                    records.insert(name.to_string(), r);
                }
            }
            Period { id: format!("P{p}"), name: format!("P{p}"), records: records.into() }
        })
        .collect();
    s
}

fn threshold_settings() -> Settings {
    Settings { tiers: tiers(TierMethod::Threshold, 0.2, 0.1), ..Settings::default() }
}

// ---------------------------------------------------------------------------------------------------------
// §1 targets

#[test]
fn s1_condition_factor_is_clamped() {
    let d = Differentiation { condition_step: 0.05, factor_min: 0.7, factor_max: 1.3 };
    // c = 5: 1 + 0.05 × 2 = 1.1, inside the limits.
    let best = Conditions { infrastructure: 5, personnel: 5, circumstances: 5 };
    assert_close!(condition_factor(&best, &d), 1.1);
    // step 0.2: 1 + 0.2 × 2 = 1.4 → clamped to 1.3; c = 1: 1 − 0.4 = 0.6 → clamped to 0.7.
    let steep = Differentiation { condition_step: 0.2, ..d };
    assert_close!(condition_factor(&best, &steep), 1.3);
    let worst = Conditions { infrastructure: 1, personnel: 1, circumstances: 1 };
    assert_close!(condition_factor(&worst, &steep), 0.7);
    // c = (2 + 3 + 2) / 3 = 7/3: 1 + 0.05 × (−2/3) = 0.96667.
    let mixed = Conditions { infrastructure: 2, personnel: 3, circumstances: 2 };
    assert!((condition_factor(&mixed, &d) - 0.9666666666666667).abs() < 1e-12);
}

fn target_scenario() -> Scenario {
    let mut s = Scenario::blank("t");
    s.indicators = vec![
        quant("out", Flex::Controllable, Direction::Higher, 10.0, 10.0, 1, 0.1),
        quant("inc", Flex::Controllable, Direction::Lower, 2.0, 10.0, 1, 0.1),
        qual("q", 10.0),
    ];
    s.categories = vec![Category {
        id: "c".into(),
        name: "c".into(),
        coefficients: [("out".to_string(), 1.5)].into_iter().collect(),
    }];
    let mut b = Branch::new("b", "b");
    b.category = Some("c".into());
    b.conditions = Conditions { infrastructure: 2, personnel: 2, circumstances: 2 };
    let mut good = Branch::new("g", "g");
    good.conditions = Conditions { infrastructure: 4, personnel: 4, circumstances: 4 };
    let mut o = Branch::new("o", "o");
    o.target_overrides.insert("out".into(), 12.345);
    s.branches = vec![b, good, o];
    s
}

#[test]
fn s1_derived_target_rounds_base_k_f_half_up() {
    let s = target_scenario();
    // f = 1 + 0.05 × (2 − 3) = 0.95, k = 1.5: 10 × 1.5 × 0.95 = 14.25 → 14.3 (one decimal, half away from zero;
    // the float product sits just below 14.25 and the 1e-9 of round() lifts it).
    let t = targets::breakdown(&s, "b", "out").unwrap();
    assert_close!(t.k, 1.5);
    assert_close!(t.f, 0.95);
    assert_eq!(t.target, 14.3);
    assert!(!t.overridden);
    // No coefficient listed for "inc" → k = 1.
    assert_eq!(targets::breakdown(&s, "b", "inc").unwrap().k, 1.0);
}

#[test]
fn s1_lower_direction_divides_by_f() {
    let s = target_scenario();
    // f = 1 + 0.05 × (4 − 3) = 1.05. Lower: 2 × 1 / 1.05 = 1.90476 → 1.9. Higher: 10 × 1 × 1.05 = 10.5.
    assert_eq!(targets::breakdown(&s, "g", "inc").unwrap().target, 1.9);
    assert_eq!(targets::breakdown(&s, "g", "out").unwrap().target, 10.5);
    // For a lower indicator worse conditions (f = 0.95) allow more: 2 / 0.95 = 2.105 → 2.1.
    assert_eq!(targets::breakdown(&s, "b", "inc").unwrap().target, 2.1);
}

#[test]
fn s1_override_is_used_as_given_and_shown_as_overridden() {
    let s = target_scenario();
    let t = targets::breakdown(&s, "o", "out").unwrap();
    // The override 12.345 is not rounded to the indicator's 1 decimal; the derived 10 × 1 × 1 = 10 is still shown.
    assert_eq!(t.target, 12.345);
    assert_eq!(t.derived, 10.0);
    assert!(t.overridden);
    // Qualitative indicators have no numeric target; the results list quantitative indicators only.
    assert!(targets::breakdown(&s, "o", "q").is_none());
    let r = evaluate(&s);
    assert_eq!(r.targets.len(), 3 * 2);
    let v = results_to_value(&r);
    let row = v["targets"].as_array().unwrap().iter().find(|t| t["branch"] == "o" && t["indicator"] == "out").unwrap();
    assert_eq!(row["target"], 12.345);
    assert_eq!(row["overridden"], true);
    assert_eq!(row["base"], 10.0);
}

// ---------------------------------------------------------------------------------------------------------
// §2 scoring one indicator

fn rule(flex: Flex, direction: Direction, tol: f64) -> ScoreRule {
    ScoreRule::of(&quant("x", flex, direction, 10.0, 1.0, 1, tol)).unwrap()
}

fn s_of(r: ScoreRule, target: f64, actual: Option<Actual>) -> Option<f64> {
    fraction(r, target, actual, &Settings::default().scoring).map(|(_, s)| s)
}

#[test]
fn s2_controllable_ramp() {
    let r = rule(Flex::Controllable, Direction::Higher, 0.1);
    // r = 8/10 = 0.8 → (0.8 − 0.6) / (1 − 0.6) = 0.5.
    assert_close!(s_of(r, 10.0, Some(Actual::Number(8.0))).unwrap(), 0.5);
    // r = 0.6 = floor → 0; r ≥ 1 → 1; T = 0 and a < T → r = 0.
    assert_eq!(s_of(r, 10.0, Some(Actual::Number(6.0))), Some(0.0));
    assert_eq!(s_of(r, 10.0, Some(Actual::Number(12.0))), Some(1.0));
    assert_eq!(s_of(r, 0.0, Some(Actual::Number(-1.0))), Some(0.0));
}

#[test]
fn s2_elastic_counts_one_minus_tolerance_in_full() {
    let r = rule(Flex::Elastic, Direction::Higher, 0.2);
    // r = 0.8 → 0.8 / (1 − 0.2) = 1 → s = 1.
    assert_close!(s_of(r, 10.0, Some(Actual::Number(8.0))).unwrap(), 1.0);
    // r = 0.6 → 0.6 / 0.8 = 0.75 → (0.75 − 0.6) / 0.4 = 0.375.
    assert_close!(s_of(r, 10.0, Some(Actual::Number(6.0))).unwrap(), 0.375);
    // The tolerance is ignored for a controllable indicator: r = 0.8 → 0.5 whatever tol says.
    let c = rule(Flex::Controllable, Direction::Higher, 0.2);
    assert_close!(s_of(c, 10.0, Some(Actual::Number(8.0))).unwrap(), 0.5);
}

#[test]
fn s2_lower_direction_ratio() {
    let r = rule(Flex::Controllable, Direction::Lower, 0.1);
    // T = 2, a = 2.5 → r = 2/2.5 = 0.8 → 0.5; a = 4 → r = 0.5 → 0; a ≤ T → 1.
    assert_close!(s_of(r, 2.0, Some(Actual::Number(2.5))).unwrap(), 0.5);
    assert_eq!(s_of(r, 2.0, Some(Actual::Number(4.0))), Some(0.0));
    assert_eq!(s_of(r, 2.0, Some(Actual::Number(1.0))), Some(1.0));
    // T = 0 and a > 0 → r = 0.
    assert_eq!(s_of(r, 0.0, Some(Actual::Number(1.0))), Some(0.0));
}

#[test]
fn s2_qualitative_levels_and_missing() {
    let q = ScoreRule::of(&qual("q", 1.0)).unwrap();
    assert_eq!(s_of(q, f64::NAN, Some(Actual::Level(Level::B))), Some(0.8));
    assert_eq!(s_of(q, f64::NAN, Some(Actual::Level(Level::D))), Some(0.0));
    // Missing: no fraction (s = 0, with a warning).
    assert_eq!(s_of(q, f64::NAN, None), None);
    // Custom level values.
    let mut sc = Settings::default().scoring;
    sc.levels = [1.0, 0.9, 0.5, 0.1];
    assert_eq!(fraction(q, f64::NAN, Some(Actual::Level(Level::C)), &sc).unwrap().1, 0.5);
}

#[test]
fn s2_missing_actuals_score_zero_and_are_listed_in_indicator_order() {
    let mut s = Scenario::blank("t");
    // Indicator order zeta, alpha, v (veto), q: the missing list follows it, not the alphabet.
    s.indicators = vec![
        quant("zeta", Flex::Controllable, Direction::Higher, 10.0, 30.0, 1, 0.1),
        quant("alpha", Flex::Controllable, Direction::Higher, 10.0, 20.0, 1, 0.1),
        veto("v"),
        qual("q", 50.0),
    ];
    s.branches = vec![Branch::new("b", "b")];
    let mut r = Record::default();
    r.actuals.insert("q".into(), Actual::Level(Level::A));
    s.periods = vec![Period { id: "P".into(), name: "P".into(), records: [("b".to_string(), r)].into() }];
    let res = evaluate(&s);
    let row = &res.periods[0].rows[0];
    assert_eq!(row.missing, vec!["zeta".to_string(), "alpha".to_string()]);
    // B = 100 × (0 + 0 + 50 × 1.0) / (30 + 20 + 50) = 50; the veto indicator is never missing.
    assert_close!(row.base, 50.0);
    assert_eq!(row.indicators.len(), 3);
    assert_eq!(row.indicators[0].points, 0.0);
    assert_eq!(row.indicators[2].points, 50.0);
}

// ---------------------------------------------------------------------------------------------------------
// §3 inspection

#[test]
fn s3_bonus_counts_an_action_once_and_caps_the_sum() {
    let actions = vec![
        OptionalAction { id: "a".into(), name: "a".into(), points: 2.0 },
        OptionalAction { id: "b".into(), name: "b".into(), points: 4.0 },
    ];
    let done = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // a listed twice counts once: 2, not 4.
    assert_eq!(scoring::optional_points(&done(&["a", "a"]), &actions), 2.0);
    // a + b = 6 → capped at 5.
    let pts = scoring::optional_points(&done(&["a", "a", "b"]), &actions);
    assert_eq!(pts, 6.0);
    assert_eq!(scoring::bonus(pts, 5.0), 5.0);
}

#[test]
fn s3_inspection_floor_and_zero_weights() {
    // B = 0 when Σweight = 0; I = max(0, B + bonus + adjustments).
    assert_eq!(scoring::base_score(3.0, 0.0), 0.0);
    assert_eq!(scoring::inspection(10.0, 2.0, -20.0), 0.0);
    assert_eq!(scoring::inspection(95.0, 5.0, 3.0), 103.0, "no upper bound");
    // Through evaluate: actions a (2) done twice and b (4): bonus min(6, 5) = 5; adjustments −1 + 3 = 2;
    // indicator 10 points with actual 8 of target 10 → s = 0.5 → B = 50 → I = 57; vetoed.
    let mut s = Scenario::blank("t");
    s.indicators = vec![quant("x", Flex::Controllable, Direction::Higher, 10.0, 10.0, 1, 0.1), veto("v")];
    s.optional_actions = vec![
        OptionalAction { id: "a".into(), name: "a".into(), points: 2.0 },
        OptionalAction { id: "b".into(), name: "b".into(), points: 4.0 },
    ];
    s.branches = vec![Branch::new("b", "b")];
    let mut r = Record::default();
    r.actuals.insert("x".into(), Actual::Number(8.0));
    r.optional_done = vec!["a".into(), "b".into(), "a".into()];
    r.adjustments =
        vec![Adjustment { points: -1.0, reason: String::new() }, Adjustment { points: 3.0, reason: String::new() }];
    r.vetoes.insert("v".into(), true);
    s.periods = vec![Period { id: "P".into(), name: "P".into(), records: [("b".to_string(), r)].into() }];
    let row = &evaluate(&s).periods[0].rows[0];
    assert_close!(row.base, 50.0);
    assert_eq!(row.bonus, 5.0);
    assert_eq!(row.adjustments, 2.0);
    assert_close!(row.inspection, 57.0);
    assert!(row.vetoed);
    assert_eq!(row.vetoes_failed, vec!["v".to_string()]);
    // A veto recorded as false is passed.
    let mut s2 = s.clone();
    s2.periods[0].records.get_mut("b").unwrap().vetoes.insert("v".into(), false);
    assert!(!evaluate(&s2).periods[0].rows[0].vetoed);
}

// ---------------------------------------------------------------------------------------------------------
// §4 democratic evaluation

#[test]
fn s4_members_score_and_absent_ballots() {
    let values = [100.0, 80.0, 60.0, 0.0];
    // (10 × 100 + 5 × 80 + 2 × 60 + 0) / 17 = 1520 / 17.
    let b = Ballots { excellent: 10, good: 5, fair: 2, poor: 0 };
    assert_close!(members_score(Some(&b), &values).unwrap(), 1520.0 / 17.0);
    // All four counts 0, or no ballots → absent.
    assert_eq!(members_score(Some(&Ballots::default()), &values), None);
    assert_eq!(members_score(None, &values), None);
}

#[test]
fn s4_evaluation_with_absent_sources_and_zero_weights() {
    let mut e = Settings::default().evaluation;
    // m = 50, q absent, h = 90: (0.5 × 50 + 0.3 × 90) / (0.5 + 0.3) = 52 / 0.8 = 65.
    assert_close!(combined(Some(50.0), None, Some(90.0), &e).unwrap(), 65.0);
    // All three: 0.5 × 50 + 0.2 × 80 + 0.3 × 90 = 68.
    assert_close!(combined(Some(50.0), Some(80.0), Some(90.0), &e).unwrap(), 68.0);
    // Nothing present → absent.
    assert_eq!(combined(None, None, None, &e), None);
    // Present sources whose weights sum to 0 → absent; the other present source still counts when weighted.
    e.weight_members = 0.0;
    e.weight_peers = 0.0;
    e.weight_superiors = 1.0;
    assert_eq!(combined(Some(50.0), Some(80.0), None, &e), None);
    assert_close!(combined(Some(50.0), Some(80.0), Some(70.0), &e).unwrap(), 70.0);
}

// ---------------------------------------------------------------------------------------------------------
// §5 final score and rank

#[test]
fn s5_final_score_with_and_without_evaluation() {
    // F = 0.6 × 90 + 0.4 × 80 = 86; without E, F = I = 90.
    assert_close!(final_score(90.0, Some(80.0), 0.6), 86.0);
    assert_eq!(final_score(90.0, None, 0.6), 90.0);
}

#[test]
fn s5_ranks_share_ties_within_1e9() {
    // 90 and 90 + 5e-10 are equal (rank 1 both); 90 − 2e-9 is strictly below both → 1 + 2 = 3; 80 → 4.
    let r = ranks(&[90.0, 90.0 + 5e-10, 80.0, 90.0 - 2e-9]);
    assert_eq!(r, vec![1, 1, 4, 3]);
}

#[test]
fn s5_display_order_is_score_then_name_by_code_point() {
    // Equal scores (within 1e-9) sort by name: "B" (U+0042) < "a" (U+0061) < "中" (U+4E2D).
    let names = ["中", "a", "B", "z"];
    let scores = [80.0, 80.0 + 1e-10, 80.0, 95.0];
    let r = ranks(&scores);
    let order = display_order(&r, |i| (names[i], names[i]));
    assert_eq!(order, vec![3, 2, 1, 0]);
}

// ---------------------------------------------------------------------------------------------------------
// §6 tiers

#[test]
fn s6_quota_sizes_round_half_away_from_zero() {
    let t = tiers(TierMethod::Quota, 0.3, 0.1);
    // 5 × 0.3 = 1.5 → 2; 5 × 0.1 = 0.5 → 1; 2 × 0.2 = 0.4 → 0.
    assert_eq!(quota_sizes(5, &t), (2, 1));
    assert_eq!(quota_sizes(2, &tiers(TierMethod::Quota, 0.2, 0.1)), (0, 0));
}

#[test]
fn s6_quota_admits_ties_to_first() {
    // n = 10, n_first = 2: 95 and the two tied at 90 → three first (fewer than 2 are strictly above 90).
    let scores = [95.0, 90.0, 90.0 + 1e-10, 85.0, 80.0, 79.0, 78.0, 77.0, 76.0, 10.0];
    let t = assign(&scores, &[false; 10], &tiers(TierMethod::Quota, 0.2, 0.1));
    assert_eq!(&t[..4], &[Tier::First, Tier::First, Tier::First, Tier::Middle]);
    // n_bottom = 1: the worst.
    assert_eq!(t[9], Tier::Bottom);
    assert_eq!(t.iter().filter(|&&x| x == Tier::Bottom).count(), 1);
}

#[test]
fn s6_quota_n_first_zero_admits_nobody() {
    // n = 2, first_share 0.2 → 0.4 → n_first = 0.
    let t = assign(&[99.0, 50.0], &[false, false], &tiers(TierMethod::Quota, 0.2, 0.1));
    assert_eq!(t, vec![Tier::Middle, Tier::Middle]);
}

#[test]
fn s6_quota_tie_group_that_does_not_fit_stays_middle_and_stops_filling() {
    // n = 10, n_bottom = round(10 × 0.2) = 2. From the worst: 50 (fits, 1), then {60, 60} would make 3 > 2 →
    // stays middle and stops the filling: 70 is not taken past it although it alone would fit.
    let scores = [50.0, 60.0, 60.0, 70.0, 80.0, 81.0, 82.0, 83.0, 84.0, 85.0];
    let t = assign(&scores, &[false; 10], &tiers(TierMethod::Quota, 0.0, 0.2));
    assert_eq!(&t[..4], &[Tier::Bottom, Tier::Middle, Tier::Middle, Tier::Middle]);
    // Two tied at the bottom with n_bottom = 1: neither is bottom.
    let t = assign(&[50.0, 50.0, 70.0, 80.0, 90.0], &[false; 5], &tiers(TierMethod::Quota, 0.0, 0.2));
    assert!(t.iter().all(|&x| x == Tier::Middle), "{t:?}");
}

#[test]
fn s6_quota_vetoed_count_toward_n_and_n_bottom() {
    // n = 10 (the vetoed one counts), n_first = 2, n_bottom = 1. The vetoed branch has the best F but is bottom,
    // never first; it fills n_bottom, so the worst (10) stays middle; the two best non-vetoed are first.
    let scores = [99.0, 95.0, 94.0, 93.0, 80.0, 80.0, 80.0, 80.0, 80.0, 10.0];
    let mut vetoed = [false; 10];
    vetoed[0] = true;
    let t = assign(&scores, &vetoed, &tiers(TierMethod::Quota, 0.2, 0.1));
    assert_eq!(t[0], Tier::Bottom);
    assert_eq!(&t[1..4], &[Tier::First, Tier::First, Tier::Middle]);
    assert_eq!(t[9], Tier::Middle);
}

#[test]
fn s6_threshold_vetoed_never_first_and_bottom_wins() {
    let mut t = tiers(TierMethod::Threshold, 0.2, 0.1);
    // 95 vetoed → bottom; 90 → first (≥); 69.99 → bottom; 80 → middle.
    let out = assign(&[95.0, 90.0, 69.99, 80.0], &[true, false, false, false], &t);
    assert_eq!(out, vec![Tier::Bottom, Tier::First, Tier::Bottom, Tier::Middle]);
    // first_min 60 below bottom_below 70: F = 65 meets both → bottom wins.
    t.first_min_score = 60.0;
    assert_eq!(assign(&[65.0], &[false], &t), vec![Tier::Bottom]);
}

#[test]
fn s6_hybrid_needs_both_for_first_and_either_for_bottom() {
    // n = 10, n_first = 2, n_bottom = 1. Quota-first: 95 and 85; only 95 also reaches 90 → first; 85 middle.
    // Quota-bottom: 40. Below 70: 65 too → bottom.
    let scores = [95.0, 85.0, 80.0, 80.0, 79.0, 78.0, 77.0, 76.0, 65.0, 40.0];
    let t = assign(&scores, &[false; 10], &tiers(TierMethod::Hybrid, 0.2, 0.1));
    assert_eq!(t[0], Tier::First);
    assert_eq!(t[1], Tier::Middle);
    assert_eq!(t[8], Tier::Bottom);
    assert_eq!(t[9], Tier::Bottom);
    assert_eq!(t.iter().filter(|&&x| x == Tier::Bottom).count(), 2);
}

// ---------------------------------------------------------------------------------------------------------
// §7 consequences

fn claims<'a>(weights: &[f64], ranks: &[u32], ids: &[&'a str]) -> Vec<Claim<'a>> {
    weights.iter().zip(ranks).zip(ids).map(|((&weight, &rank), &id)| Claim { weight, rank, id }).collect()
}

#[test]
fn s7_largest_remainder_adds_up_to_the_pool() {
    // 1000 × 12/30 = 400, × 10/30 = 333.33, × 8/30 = 266.67 → 400 + 333 + 266 = 999; the one yuan left goes to
    // the largest remainder (0.67) → 400, 333, 267.
    assert_eq!(allocate(1000.0, &claims(&[12.0, 10.0, 8.0], &[1, 2, 3], &["a", "b", "c"])), vec![400, 333, 267]);
}

#[test]
fn s7_equal_remainders_go_by_rank_then_id() {
    // 100 / 3 = 33.33 each, 99 given, 1 left; remainders equal → the better rank (rank 1, "z") gets it.
    assert_eq!(allocate(100.0, &claims(&[1.0, 1.0, 1.0], &[2, 1, 3], &["a", "z", "m"])), vec![33, 34, 33]);
    // Equal ranks too → smallest id by code point: "B" (U+0042) before "a" (U+0061).
    assert_eq!(allocate(100.0, &claims(&[1.0, 1.0, 1.0], &[1, 1, 1], &["a", "B", "c"])), vec![33, 34, 33]);
    // 200 / 3: 66.67 each, 2 left → ranks 1 and 2.
    assert_eq!(allocate(200.0, &claims(&[1.0, 1.0, 1.0], &[3, 1, 2], &["a", "b", "c"])), vec![66, 67, 67]);
}

#[test]
fn s7_pool_zero_gives_zero() {
    assert_eq!(allocate(0.0, &claims(&[5.0, 1.0], &[1, 2], &["a", "b"])), vec![0, 0]);
}

#[test]
fn s7_bonus_weight_members_and_equal() {
    let mut c = Settings::default().consequences;
    // members 10 × first 1.2 × grade 1.5 = 18; equal: 1.2 × 1.5 = 1.8; bottom: 10 × 0.8 × 1 = 8.
    assert_close!(consequences::bonus_weight(10, Tier::First, 1.5, &c), 18.0);
    assert_close!(consequences::bonus_weight(10, Tier::Bottom, 1.0, &c), 8.0);
    c.allocation = Allocation::Equal;
    assert_close!(consequences::bonus_weight(10, Tier::First, 1.5, &c), 1.8);
}

#[test]
fn s7_eligibility_window_skips_unassessed_periods() {
    // disqualify_periods = 2. X: P0 bottom (F 60 < 70), P1 not assessed, P2 middle, P3 middle, P4 middle.
    // P0: bottom → not eligible. P2: the two periods before are P0 (bottom) and P1 → not eligible.
    // P3: P1 (not assessed, not a bottom tier) and P2 (middle) → eligible. Talk only in P0.
    let mut st = threshold_settings();
    st.consequences.disqualify_periods = 2;
    let s = by_scores(&["X", "Y"], &[&[Some(60.0), None, Some(80.0), Some(80.0), Some(80.0)], &[Some(80.0); 5]], st);
    let r = evaluate(&s);
    let x = |p: usize| r.periods[p].rows.iter().find(|row| row.branch == "X");
    assert!(x(1).is_none(), "not assessed → no row");
    let (e0, t0) = (x(0).unwrap().eligible, x(0).unwrap().talk);
    assert_eq!((e0, t0), (false, true));
    assert!(!x(2).unwrap().eligible);
    assert!(!x(2).unwrap().talk);
    assert!(x(3).unwrap().eligible);
    assert!(x(4).unwrap().eligible);
}

#[test]
fn s7_grade_coefficient_is_the_grade_in_force() {
    // cycle_periods 2, three periods: cycle 1 = P0, P1; P2 is the trailing incomplete cycle. Tier coefficients
    // all 1, equal allocation, grade coefficients = the grade number. A (grade 3) scores 95 twice → cycle tier
    // first → promoted to 4; B (grade 1) scores 80 → held at 1. Pool 400:
    // P0, P1 (grade before: 3 and 1): 400 × 3/4 = 300, 100. P2 (grade after cycle 1: 4 and 1): 320, 80.
    let mut st = threshold_settings();
    st.grades.cycle_periods = 2;
    st.grades.bonus_coefficients = vec![1.0, 2.0, 3.0, 4.0, 5.0];
    st.consequences.tier_coefficients = [1.0, 1.0, 1.0];
    st.consequences.allocation = Allocation::Equal;
    st.consequences.bonus_pool = 400.0;
    let mut s = by_scores(&["A", "B"], &[&[Some(95.0); 3], &[Some(80.0); 3]], st);
    s.branches[0].grade = 3;
    let r = evaluate(&s);
    let amount = |p: usize, b: &str| r.periods[p].rows.iter().find(|row| row.branch == b).unwrap().bonus_amount;
    assert_eq!((amount(0, "A"), amount(0, "B")), (300, 100));
    assert_eq!((amount(1, "A"), amount(1, "B")), (300, 100));
    assert_eq!((amount(2, "A"), amount(2, "B")), (320, 80));
    assert_eq!(r.cycles[0].rows[0].reason, Reason::Promoted);
}

// ---------------------------------------------------------------------------------------------------------
// §8 grades

fn facts(score: f64, tier: Tier, vetoed: bool, warnings: u32) -> CycleFacts {
    CycleFacts { score, tier, vetoed, warnings }
}

#[test]
fn s8_veto_drops_two_not_below_one_and_keeps_h_when_the_floor_holds() {
    let g = Grades::with_levels(5);
    // Grade 4, vetoed: 4 − 2 = 2, h reset to 0.
    let st = apply_rules(4, 3, &facts(95.0, Tier::Bottom, true, 0), &g);
    assert_eq!((st.grade, st.held, st.reason), (2, 0, Reason::Veto));
    // Grade 2: 2 − 2 = 0 → 1. Changed → h 0.
    let st = apply_rules(2, 0, &facts(80.0, Tier::Bottom, true, 0), &g);
    assert_eq!((st.grade, st.held, st.reason), (1, 0, Reason::Veto));
    // Grade 1: the floor leaves it at 1 → unchanged, so h is not reset: 3 + 1 = 4; reason still veto.
    let st = apply_rules(1, 3, &facts(80.0, Tier::Bottom, true, 4), &g);
    assert_eq!((st.grade, st.held, st.reason), (1, 4, Reason::Veto));
}

#[test]
fn s8_bottom_warnings_and_top_not_kept() {
    let g = Grades::with_levels(5);
    // Bottom tier: 3 → 2.
    let st = apply_rules(3, 0, &facts(60.0, Tier::Bottom, false, 0), &g);
    assert_eq!((st.grade, st.reason), (2, Reason::Bottom));
    // 2 warnings (≥ warnings_to_demote 2) in the middle tier: 3 → 2. One warning: held.
    let st = apply_rules(3, 0, &facts(80.0, Tier::Middle, false, 2), &g);
    assert_eq!((st.grade, st.reason), (2, Reason::Warnings));
    let st = apply_rules(3, 0, &facts(80.0, Tier::Middle, false, 1), &g);
    assert_eq!((st.grade, st.held, st.reason), (3, 1, Reason::Held));
    // Warnings come before the top grade rule and the promotion: first tier with 2 warnings → demoted.
    let st = apply_rules(3, 5, &facts(95.0, Tier::First, false, 2), &g);
    assert_eq!((st.grade, st.reason), (2, Reason::Warnings));
    // Top grade L = 5 with cycle score 89.9 < 90, even in the first tier: 5 → 4.
    let st = apply_rules(5, 2, &facts(89.9, Tier::First, false, 0), &g);
    assert_eq!((st.grade, st.held, st.reason), (4, 0, Reason::TopNotKept));
    // Score exactly 90 keeps it; rule 5 needs g < L, so held and h grows.
    let st = apply_rules(5, 2, &facts(90.0, Tier::First, false, 0), &g);
    assert_eq!((st.grade, st.held, st.reason), (5, 3, Reason::Held));
}

#[test]
fn s8_promotion_and_min_hold() {
    let mut g = Grades::with_levels(5);
    // min_hold_cycles 1: h = 0 + 1 = 1 ≥ 1 → 3 → 4, h reset.
    let st = apply_rules(3, 0, &facts(95.0, Tier::First, false, 0), &g);
    assert_eq!((st.grade, st.held, st.reason), (4, 0, Reason::Promoted));
    // min_hold_cycles 2: h = 1 < 2 → min_hold; next cycle h = 2 → promoted.
    g.min_hold_cycles = 2;
    let st = apply_rules(3, 0, &facts(95.0, Tier::First, false, 0), &g);
    assert_eq!((st.grade, st.held, st.reason), (3, 1, Reason::MinHold));
    let st = apply_rules(3, st.held, &facts(95.0, Tier::First, false, 0), &g);
    assert_eq!((st.grade, st.held, st.reason), (4, 0, Reason::Promoted));
    // Middle tier, nothing else: held.
    let st = apply_rules(3, 0, &facts(85.0, Tier::Middle, false, 0), &g);
    assert_eq!((st.grade, st.reason), (3, Reason::Held));
}

#[test]
fn s8_branch_absent_from_a_cycle_keeps_grade_and_h_grows() {
    // cycle_periods 2, four periods = two complete cycles, threshold tiers, min_hold_cycles 2.
    // Y is not assessed in cycle 1 → no row there, grade kept, h 0 → 1. In cycle 2 it scores 95 → first;
    // h = 1 + 1 = 2 ≥ 2 → promoted 1 → 2. X scores 95 in both cycles: cycle 1 h = 1 < 2 → min_hold;
    // cycle 2 h = 2 → promoted.
    let mut st = threshold_settings();
    st.grades.cycle_periods = 2;
    st.grades.min_hold_cycles = 2;
    let s = by_scores(&["X", "Y"], &[&[Some(95.0); 4], &[None, None, Some(95.0), Some(95.0)]], st);
    let r = evaluate(&s);
    assert_eq!(r.cycles.len(), 2);
    assert_eq!(r.cycles[0].rows.len(), 1);
    assert_eq!(r.cycles[0].rows[0].branch, "X");
    assert_eq!(r.cycles[0].rows[0].reason, Reason::MinHold);
    let y = r.cycles[1].rows.iter().find(|row| row.branch == "Y").unwrap();
    assert_eq!((y.grade_before, y.grade_after, y.reason), (1, 2, Reason::Promoted));
    let x = r.cycles[1].rows.iter().find(|row| row.branch == "X").unwrap();
    assert_eq!((x.grade_before, x.grade_after, x.reason), (1, 2, Reason::Promoted));
}

#[test]
fn s8_cycle_score_tier_warnings_and_trailing_incomplete_cycle() {
    // cycle_periods 2, three periods: cycle 1 = P0, P1 complete; cycle 2 = P2 in progress.
    // A: 72, 80 → mean 76, one warning (72 < 75), threshold tier middle → held at 3.
    // B: 95, vetoed with F 90 → mean 92.5, cycle vetoed → tier bottom, 4 → 2 [veto]; warnings 1 (the veto).
    // P2: B vetoed again, but the incomplete cycle changes nothing: grade 2 → 2, reason held, h does not grow.
    let mut st = threshold_settings();
    st.grades.cycle_periods = 2;
    let mut s =
        by_scores(&["A", "B"], &[&[Some(72.0), Some(80.0), Some(60.0)], &[Some(95.0), Some(-90.0), Some(-99.0)]], st);
    s.branches[0].grade = 3;
    s.branches[1].grade = 4;
    let r = evaluate(&s);
    let c1 = &r.cycles[0];
    assert!(c1.complete);
    assert_eq!(c1.periods, vec!["P0", "P1"]);
    // Display order: B (92.5) before A (76).
    assert_eq!(c1.rows[0].branch, "B");
    let b = &c1.rows[0];
    assert_close!(b.score, 92.5);
    assert_eq!((b.tier, b.vetoed, b.warnings), (Tier::Bottom, true, 1));
    assert_eq!((b.grade_before, b.grade_after, b.reason), (4, 2, Reason::Veto));
    let a = &c1.rows[1];
    assert_close!(a.score, 76.0);
    assert_eq!((a.tier, a.warnings, a.grade_after, a.reason), (Tier::Middle, 1, 3, Reason::Held));

    let c2 = &r.cycles[1];
    assert!(!c2.complete);
    assert_eq!(c2.periods, vec!["P2"]);
    let b = c2.rows.iter().find(|row| row.branch == "B").unwrap();
    assert_eq!((b.vetoed, b.tier, b.grade_before, b.grade_after, b.reason), (true, Tier::Bottom, 2, 2, Reason::Held));
    // A: F 60 < 70 → bottom in the cycle-so-far, still held at 3.
    let a = c2.rows.iter().find(|row| row.branch == "A").unwrap();
    assert_eq!((a.tier, a.warnings, a.grade_after, a.reason), (Tier::Bottom, 1, 3, Reason::Held));
    // Standing after the last complete cycle: B at 2 with h 0 (changed), A at 3 with h 1.
    assert_eq!((r.standing[0].grade, r.standing[0].held), (3, 1));
    assert_eq!((r.standing[1].grade, r.standing[1].held), (2, 0));
    // The file says the same.
    let v = results_to_value(&r);
    assert_eq!(v["cycles"][1]["complete"], false);
    assert_eq!(v["cycles"][0]["branches"][0]["reason"], "veto");
}

#[test]
fn s8_warning_is_veto_or_below_warn_below() {
    let g = Grades::with_levels(5);
    assert!(pbcalc::engine::grades::warning(74.99, false, &g));
    assert!(!pbcalc::engine::grades::warning(75.0, false, &g));
    assert!(pbcalc::engine::grades::warning(99.0, true, &g));
}

// ---------------------------------------------------------------------------------------------------------
// §9 motivation

#[test]
fn s9_normal_distribution() {
    assert_eq!(phi(0.0), 0.5);
    // Φ(1.25) = 0.894350226333145 (tables); Φ⁻¹(0.975) = 1.959963984540054; Φ⁻¹(0.001) = −3.090232306167813.
    assert!((phi(1.25) - 0.894350226333145).abs() < 1e-12);
    assert!((phi_inv(0.975) - 1.959963984540054).abs() < 1e-12);
    assert!((phi_inv(0.001) + 3.090232306167813).abs() < 1e-11);
    assert!((phi_inv(0.4) + 0.2533471031357997).abs() < 1e-12);
    for p in [1e-12, 1e-6, 0.02, 0.3, 0.5, 0.7, 0.98, 1.0 - 1e-6] {
        assert!((phi(phi_inv(p)) - p).abs() < 1e-12 * p.max(1e-3), "p = {p}");
    }
    assert_eq!(phi_inv(0.0), f64::NEG_INFINITY);
    assert_eq!(phi_inv(1.0), f64::INFINITY);
}

#[test]
fn s9_trend_is_the_least_squares_line_at_k_plus_one() {
    // x = 1, 2, 4 at t = 1, 2, 3: t̄ = 2, x̄ = 7/3, slope = [(−1)(−4/3) + 0 + (1)(5/3)] / 2 = 1.5;
    // μ = 7/3 + 1.5 × (4 − 2) = 16/3. sd = sqrt(((4/3)² + (1/3)² + (5/3)²) / 2) = sqrt(7/3).
    let (mu, sd) = trend(&[1.0, 2.0, 4.0]).unwrap();
    assert_close!(mu, 16.0 / 3.0);
    assert_close!(sd, (7.0f64 / 3.0).sqrt());
    assert!(trend(&[5.0]).is_none());
}

#[test]
fn s9_sigma_floors() {
    assert_eq!(motivation::sigma(0.0, 0.0, 0.1), 1e-9);
    assert_eq!(motivation::sigma(0.0, -10.0, 0.1), 1.0);
    assert_eq!(motivation::sigma(1.5, 10.0, 0.1), 1.5);
}

#[test]
fn s9_classes_at_the_strict_limits() {
    let m = Settings::default().motivation;
    assert_eq!(classify(0.9, &m), MotivationClass::Motivating);
    assert_eq!(classify(0.900_000_1, &m), MotivationClass::TooEasy);
    assert_eq!(classify(0.2, &m), MotivationClass::Motivating);
    assert_eq!(classify(0.199_999_9, &m), MotivationClass::OutOfReach);
}

fn one_indicator(direction: Direction, history: &[f64], actuals: &[Option<f64>], override_t: Option<f64>) -> Scenario {
    let mut s = Scenario::blank("t");
    s.indicators = vec![quant("x", Flex::Controllable, direction, 10.0, 10.0, 1, 0.1)];
    let mut b = Branch::new("b", "b");
    b.history.insert("x".into(), history.to_vec());
    if let Some(t) = override_t {
        b.target_overrides.insert("x".into(), t);
    }
    s.branches = vec![b];
    s.periods = actuals
        .iter()
        .enumerate()
        .map(|(p, a)| {
            let mut r = Record::default();
            if let Some(a) = a {
                r.actuals.insert("x".into(), Actual::Number(*a));
            }
            Period { id: format!("P{p}"), name: String::new(), records: [("b".to_string(), r)].into() }
        })
        .collect();
    s
}

#[test]
fn s9_lower_direction_probability_and_suggestion() {
    // History 4, 4 and actuals 4, (missing), 4 → x = 4, 4, 4, 4: μ = 4, sd = 0, σ = max(0, 0.1 × 4, 1e-9) = 0.4.
    // Override T = 4.5 (lower): p = Φ((4.5 − 4) / 0.4) = Φ(1.25) = 0.89435 → motivating (not > 0.9).
    // Suggested: 4 + 0.4 × Φ⁻¹(0.6) = 4 + 0.4 × 0.253347 = 4.1013 → 4.1.
    let s = one_indicator(Direction::Lower, &[4.0, 4.0], &[Some(4.0), None, Some(4.0)], Some(4.5));
    assert_eq!(motivation::history(&s, "b", "x"), vec![4.0, 4.0, 4.0, 4.0]);
    let m = motivation::check(&s, "b", "x").unwrap();
    assert_eq!(m.class, MotivationClass::Motivating);
    assert!((m.p.unwrap() - 0.894350226333145).abs() < 1e-9);
    assert_close!(m.mu.unwrap(), 4.0);
    assert_close!(m.sigma.unwrap(), 0.4);
    assert_eq!(m.suggested, Some(4.1));
    // The whole run agrees with the single cell.
    assert_eq!(evaluate(&s).targets[0].motivation, m);
}

#[test]
fn s9_higher_direction_with_sample_sd() {
    // x = 1, 3: μ = 5 (line through (1,1), (2,3) at t = 3), sd = sqrt(2) > 0.1 × 5 → σ = 1.41421.
    // T = 5 → p = 1 − Φ(0) = 0.5 → motivating. Suggested 5 + 1.41421 × Φ⁻¹(0.4) = 5 − 0.35829 = 4.64 → 4.6.
    let s = one_indicator(Direction::Higher, &[1.0, 3.0], &[], Some(5.0));
    let m = motivation::check(&s, "b", "x").unwrap();
    assert_close!(m.mu.unwrap(), 5.0);
    assert_close!(m.sigma.unwrap(), 2f64.sqrt());
    assert_close!(m.p.unwrap(), 0.5);
    assert_eq!(m.suggested, Some(4.6));
}

#[test]
fn s9_fewer_than_two_numbers_is_unknown_with_nulls() {
    // One history value and one absent actual → k = 1 → unknown; the file shows nulls.
    let s = one_indicator(Direction::Higher, &[7.0], &[None], None);
    let r = evaluate(&s);
    assert_eq!(r.targets[0].motivation.class, MotivationClass::Unknown);
    let v = results_to_value(&r);
    let m = &v["targets"][0]["motivation"];
    assert_eq!(m["class"], "unknown");
    for k in ["p", "mu", "sigma", "suggested"] {
        assert!(m[k].is_null(), "{k}");
    }
}

#[test]
fn s9_extreme_probabilities_saturate_into_classes() {
    // x = 0, 0 → μ = 0, σ = 1e-9; T = 2 higher → p = 1 − Φ(2e9) = 0 → out of reach; lower → p = 1 → too easy.
    let s = one_indicator(Direction::Higher, &[0.0, 0.0], &[], Some(2.0));
    assert_eq!(motivation::check(&s, "b", "x").unwrap().class, MotivationClass::OutOfReach);
    let s = one_indicator(Direction::Lower, &[0.0, 0.0], &[], Some(2.0));
    let m = motivation::check(&s, "b", "x").unwrap();
    assert_eq!((m.class, m.p), (MotivationClass::TooEasy, Some(1.0)));
    // A lower indicator's suggestion is not clamped. x = 0.5, 0, −0.5: slope −0.5, μ = 0 − 0.5 × (4 − 2) = −1;
    // sd = sqrt((0.25 + 0 + 0.25) / 2) = 0.5, σ = max(0.5, 0.1 × 1) = 0.5: −1 + 0.5 × Φ⁻¹(0.6) = −0.8733 → −0.9.
    let s = one_indicator(Direction::Lower, &[0.5, 0.0, -0.5], &[], Some(2.0));
    let m = motivation::check(&s, "b", "x").unwrap();
    assert_eq!(m.suggested, Some(-0.9));
}

#[test]
fn preamble_round_is_half_away_from_zero() {
    assert_eq!(round(-2.25, 1), -2.3);
    assert_eq!(round(2.25, 1), 2.3);
    assert_eq!(round(1.005, 2), 1.01, "1.005 is stored as 1.00499999…; the 1e-9 lifts it");
}
