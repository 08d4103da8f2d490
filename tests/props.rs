//! Properties of the engine that must hold for any input (METHOD.md §1, §2, §6, §7, §8).

use std::collections::BTreeMap;

use proptest::prelude::*;

use pbcalc::engine::consequences::{allocate, Claim};
use pbcalc::engine::grades::{apply_rules, CycleFacts};
use pbcalc::engine::round::EPS;
use pbcalc::engine::targets::breakdown;
use pbcalc::engine::tiers::{assign, quota_sizes, Tier};
use pbcalc::engine::{evaluate, Reason};
use pbcalc::model::settings::{Grades, TierMethod, Tiers};
use pbcalc::model::{
    Actual, Branch, Conditions, Direction, Flex, Indicator, IndicatorKind, Measure, Period, Record, Scenario, Scored,
};

fn config() -> ProptestConfig {
    ProptestConfig { cases: 128, ..ProptestConfig::default() }
}

/// Scores drawn from a small set (so that ties are common), some nudged by less than 1e-9.
fn scores(n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<(f64, bool)>> {
    prop::collection::vec(((0u8..12), any::<bool>(), (0u8..10)), n).prop_map(|v| {
        v.into_iter()
            .map(|(s, nudge, veto)| (50.0 + 5.0 * s as f64 + if nudge { 4e-10 } else { 0.0 }, veto == 0))
            .collect()
    })
}

fn method() -> impl Strategy<Value = TierMethod> {
    prop_oneof![Just(TierMethod::Quota), Just(TierMethod::Threshold), Just(TierMethod::Hybrid)]
}

proptest! {
    #![proptest_config(config())]

    /// §6: every assessed branch gets exactly one tier; vetoed ones are bottom and never first.
    #[test]
    fn tiers_partition_the_assessed_branches(
        entries in scores(0..30), method in method(), first in 0.0..1.0f64, bottom in 0.0..1.0f64,
    ) {
        let (s, v): (Vec<f64>, Vec<bool>) = entries.iter().copied().unzip();
        let t = Tiers { method, first_share: first, bottom_share: bottom, first_min_score: 80.0, bottom_below_score: 60.0 };
        let out = assign(&s, &v, &t);
        prop_assert_eq!(out.len(), s.len());
        let count = |x: Tier| out.iter().filter(|&&o| o == x).count();
        prop_assert_eq!(count(Tier::First) + count(Tier::Middle) + count(Tier::Bottom), s.len());
        for (i, &tier) in out.iter().enumerate() {
            if v[i] {
                prop_assert_eq!(tier, Tier::Bottom);
            }
        }
    }

    /// §6 quota: the first tier holds the n_first best non-vetoed branches, and more only through ties with the
    /// last one admitted; the bottom tier exceeds n_bottom only through vetoes; better never ranks below worse.
    #[test]
    fn quota_sizes_grow_only_through_ties(entries in scores(1..30), first in 0.0..0.6f64, bottom in 0.0..0.6f64) {
        let (s, v): (Vec<f64>, Vec<bool>) = entries.iter().copied().unzip();
        let t = Tiers { method: TierMethod::Quota, first_share: first, bottom_share: bottom,
                        first_min_score: 90.0, bottom_below_score: 70.0 };
        let out = assign(&s, &v, &t);
        let (n_first, n_bottom) = quota_sizes(s.len(), &t);
        let mut firsts: Vec<f64> = (0..s.len()).filter(|&i| out[i] == Tier::First).map(|i| s[i]).collect();
        firsts.sort_by(|a, b| b.total_cmp(a));
        let non_vetoed = v.iter().filter(|&&x| !x).count();
        prop_assert!(firsts.len() >= n_first.min(non_vetoed));
        if firsts.len() > n_first {
            prop_assert!(n_first > 0);
            let last_admitted = firsts[n_first - 1];
            for &extra in &firsts[n_first..] {
                prop_assert!((last_admitted - extra).abs() <= EPS, "{} admitted past {}", extra, last_admitted);
            }
        }
        let vetoed = v.iter().filter(|&&x| x).count();
        let bottoms = out.iter().filter(|&&o| o == Tier::Bottom).count();
        prop_assert!(bottoms <= n_bottom.max(vetoed));
        // Among non-vetoed branches a strictly better score never has a worse tier.
        for i in 0..s.len() {
            for j in 0..s.len() {
                if !v[i] && !v[j] && s[i] > s[j] + EPS {
                    prop_assert!(out[i] <= out[j], "{} is {:?} but {} is {:?}", s[i], out[i], s[j], out[j]);
                }
            }
        }
    }

    /// §7: the amounts add up to the pool exactly, each within one yuan of its exact share.
    #[test]
    fn allocations_sum_to_the_pool(
        weights in prop::collection::vec(0.0..50.0f64, 1..40), pool in 0u64..5_000_000, ranks_seed in any::<u64>(),
    ) {
        let ids: Vec<String> = (0..weights.len()).map(|i| format!("b{i}")).collect();
        let claims: Vec<Claim> = weights.iter().enumerate()
            .map(|(i, &w)| Claim { weight: w, rank: 1 + ((ranks_seed >> (i % 60)) % 5) as u32, id: &ids[i] })
            .collect();
        let amounts = allocate(pool as f64, &claims);
        let total: f64 = weights.iter().sum();
        if total > 0.0 {
            prop_assert_eq!(amounts.iter().sum::<i64>(), pool as i64);
            for (a, w) in amounts.iter().zip(&weights) {
                let exact = pool as f64 * w / total;
                prop_assert!(*a >= 0 && (*a as f64 - exact).abs() < 1.0 + 1e-6, "{} for {}", a, exact);
            }
        } else {
            prop_assert!(amounts.iter().all(|&a| a == 0));
        }
    }

    /// §8: grades stay in 1..L whatever happens, and h resets exactly when the grade changes.
    #[test]
    fn grades_stay_in_range(
        levels in 1u32..8, start in 1u32..8, veto_drop in 0u32..4, min_hold in 0u32..3,
        cycles in prop::collection::vec((40.0..100.0f64, 0u8..3, 0u8..8, 0u32..4), 1..20),
    ) {
        let mut g = Grades::with_levels(levels);
        g.veto_drop = veto_drop;
        g.min_hold_cycles = min_hold;
        let mut grade = start.min(levels);
        let mut held = 0;
        for (score, tier, veto, warnings) in cycles {
            let tier = Tier::ALL[tier as usize];
            let facts = CycleFacts { score, tier, vetoed: veto == 0, warnings };
            let step = apply_rules(grade, held, &facts, &g);
            prop_assert!((1..=levels).contains(&step.grade), "grade {} of {}", step.grade, levels);
            prop_assert_eq!(step.held, if step.grade == grade { held + 1 } else { 0 });
            if step.reason == Reason::Promoted {
                prop_assert_eq!(step.grade, grade + 1);
            }
            grade = step.grade;
            held = step.held;
        }
    }

    /// §2–§5: raising an actual of a higher-is-better indicator never lowers the branch's final score.
    #[test]
    fn raising_an_actual_never_lowers_the_score(
        inds in prop::collection::vec((any::<bool>(), 1.0..30.0f64, 0.0..40.0f64, 0.0..0.5f64), 1..6),
        actuals in prop::collection::vec(prop::option::of(0.0..60.0f64), 6),
        which in 0usize..6, raise in 0.0..20.0f64, floor in 0.0..0.95f64,
    ) {
        let mut s = Scenario::blank("p");
        s.settings.scoring.floor_ratio = floor;
        s.indicators = inds.iter().enumerate().map(|(i, &(elastic, base, weight, tol))| {
            let flex = if elastic { Flex::Elastic } else { Flex::Controllable };
            quant(&format!("i{i}"), flex, Direction::Higher, base, weight, tol)
        }).collect();
        s.branches = vec![Branch::new("b", "b"), Branch::new("c", "c")];
        let record = |xs: &[Option<f64>]| {
            let mut r = Record::default();
            for (i, a) in xs.iter().enumerate().take(inds.len()) {
                if let Some(a) = a {
                    r.actuals.insert(format!("i{i}"), Actual::Number(*a));
                }
            }
            r
        };
        let which = which % inds.len();
        let mut raised = actuals.clone();
        raised[which] = Some(actuals[which].unwrap_or(0.0) + raise);
        let score = |xs: &[Option<f64>]| {
            let mut s = s.clone();
            let records: BTreeMap<String, Record> =
                [("b".to_string(), record(xs)), ("c".to_string(), record(&actuals))].into();
            s.periods = vec![Period { id: "P".into(), name: "P".into(), records: records.into() }];
            let r = evaluate(&s);
            r.periods[0].rows.iter().find(|row| row.branch == "b").unwrap().final_score
        };
        let (before, after) = (score(&actuals), score(&raised));
        prop_assert!(after >= before - 1e-12, "{} → {}", before, after);
    }

    /// §1: lowering a branch's conditions never raises its target of a higher-is-better indicator.
    #[test]
    fn worse_conditions_never_raise_a_higher_target(
        c in (1u8..=5, 1u8..=5, 1u8..=5), which in 0usize..3, base in 0.0..1000.0f64, k in 0.1..3.0f64,
        step in 0.0..0.3f64, decimals in 0u32..4,
    ) {
        let mut s = Scenario::blank("p");
        s.settings.differentiation.condition_step = step;
        s.indicators = vec![quant("x", Flex::Controllable, Direction::Higher, base, 10.0, 0.1)];
        if let IndicatorKind::Scored(Scored { measure: Measure::Quantitative(q), .. }) = &mut s.indicators[0].kind {
            q.decimals = decimals;
        }
        s.categories = vec![pbcalc::model::Category {
            id: "cat".into(), name: "cat".into(), coefficients: [("x".to_string(), k)].into(),
        }];
        let mut b = Branch::new("b", "b");
        b.category = Some("cat".into());
        b.conditions = Conditions { infrastructure: c.0, personnel: c.1, circumstances: c.2 };
        let mut worse = b.clone();
        worse.id = "w".into();
        match which {
            0 => worse.conditions.infrastructure = c.0.saturating_sub(1).max(1),
            1 => worse.conditions.personnel = c.1.saturating_sub(1).max(1),
            _ => worse.conditions.circumstances = c.2.saturating_sub(1).max(1),
        }
        s.branches = vec![b, worse];
        let t_b = breakdown(&s, "b", "x").unwrap().target;
        let t_w = breakdown(&s, "w", "x").unwrap().target;
        prop_assert!(t_w <= t_b, "worse conditions: {} > {}", t_w, t_b);
    }
}

fn quant(id: &str, flex: Flex, direction: Direction, base: f64, weight: f64, tolerance: f64) -> Indicator {
    Indicator::new_quantitative(id, id, flex, direction, base, weight).with_tolerance(tolerance)
}
