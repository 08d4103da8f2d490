//! METHOD.md §8 grade quotas inside the Monte Carlo of §10: at every cycle end of every trial the promotions kept
//! into a capped grade exceed its free places only by branches tied with the last one admitted; without
//! randomness every trial is the deterministic run (quotas included); the per-grade share of trials in which a
//! quota held a promotion back.

use std::collections::BTreeMap;

use pbcalc::engine::grades::CycleEnd;
use pbcalc::engine::round::round;
use pbcalc::engine::simulation::{simulate, simulation_to_value, Simulation};
use pbcalc::engine::{evaluate, Reason};
use pbcalc::model::settings::TierMethod;
use pbcalc::model::{Actual, Branch, Direction, Evaluation, Flex, Indicator, Period, Record, Scenario};

fn superiors(x: f64) -> Evaluation {
    Evaluation { ballots: None, peers: None, superiors: Some(x) }
}

/// Knuth's MMIX linear congruential generator, for recorded values with some spread.
struct Lcg(u64);

impl Lcg {
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// 30 branches, one quantitative indicator (target 10) and a veto indicator. Branches 0..12 record 20 every
/// period (far above the target: full credit whatever the draw) and E = 95 with `evaluation_sd` 0, so they all
/// score exactly the same F in every simulated period: ties at the quota's last place. The others scatter around
/// the target. Threshold tiers (first from 90), no minimum hold, quotas on grades 3, 4 and 5.
fn tied_scenario(seed: u64) -> Scenario {
    let mut rng = Lcg(seed);
    let mut s = Scenario::blank("quotas");
    let st = &mut s.settings;
    st.tiers.method = TierMethod::Threshold;
    st.tiers.first_min_score = 90.0;
    st.tiers.bottom_below_score = 60.0;
    st.grades.min_hold_cycles = 0;
    st.grades.cycle_periods = 2;
    st.grades.warn_below = 50.0;
    st.grades.top_keep_min_score = 0.0;
    st.grades.quotas = Some(vec![None, None, Some(0.3), Some(0.2), Some(0.1)]);
    st.motivation.min_cv = 0.0;
    st.simulation.trials = 400;
    st.simulation.cycles = 4;
    st.simulation.seed = seed;
    st.simulation.veto_probability = 0.1;
    st.simulation.evaluation_sd = 0.0;
    s.indicators = vec![
        Indicator::new_quantitative("out", "out", Flex::Controllable, Direction::Higher, 10.0, 100.0),
        Indicator::new_veto("v", "v"),
    ];
    s.branches = (0..30)
        .map(|i| {
            let mut b = Branch::new(&format!("b{i:02}"), &format!("b{i:02}"));
            b.grade = 1 + (i as u32 % 5);
            b
        })
        .collect();
    s.periods = (0..2)
        .map(|p| {
            let records = (0..30)
                .map(|i| {
                    let mut r = Record::default();
                    let (x, e) = if i < 12 { (20.0, 95.0) } else { (6.0 + 8.0 * rng.unit(), 70.0 + 30.0 * rng.unit()) };
                    r.actuals.insert("out".into(), Actual::Number(x));
                    r.evaluation = superiors(e);
                    (format!("b{i:02}"), r)
                })
                .collect::<BTreeMap<_, _>>();
            Period { id: format!("P{p}"), name: format!("P{p}"), records: records.into() }
        })
        .collect();
    s
}

/// What one capped grade's check looked like at one cycle end, recomputed from the branches alone.
#[derive(Default)]
struct Seen {
    checks: usize,
    held_back: usize,
    beyond_free: usize,
}

/// The property of the issue, from every branch's [`CycleEnd`]: for every grade g with a quota, with `stay` the
/// branches at g not promoted into it and free = max(0, round(N × quota) − stay), the branches kept at g by a
/// promotion exceed `free` only by branches tied (within 1e-9) with the lowest one admitted; a held-back branch
/// had at least `free` promoted branches higher than it by more than 1e-9; nobody is held back while a free place
/// is left.
fn check_cycle_end(quotas: &[Option<f64>], ends: &[CycleEnd], seen: &mut Seen) {
    let n = ends.len() as f64;
    for g in 2..=quotas.len() as u32 {
        let Some(q) = quotas[g as usize - 1] else { continue };
        let cap = round(n * q, 0) as usize;
        let kept: Vec<f64> =
            ends.iter().filter(|e| e.step.reason == Reason::Promoted && e.step.grade == g).map(|e| e.score).collect();
        let held: Vec<f64> =
            ends.iter().filter(|e| e.step.reason == Reason::Quota && e.before == g - 1).map(|e| e.score).collect();
        let stay = ends.iter().filter(|e| e.step.grade == g).count() - kept.len();
        let free = cap.saturating_sub(stay);
        seen.checks += 1;
        seen.held_back += held.len();
        for e in ends.iter().filter(|e| e.step.reason == Reason::Quota) {
            assert_eq!(e.step.grade, e.before, "held back where it was");
            assert_eq!(e.step.held, e.held_before + 1, "h grows, not reset");
        }
        if !held.is_empty() {
            assert!(kept.len() >= free, "grade {g}: {} kept, {free} free, {} held back", kept.len(), held.len());
        }
        if kept.len() > free {
            seen.beyond_free += 1;
            let last = kept.iter().copied().fold(f64::INFINITY, f64::min);
            let clear = kept.iter().filter(|&&x| x > last + 1e-9).count();
            assert!(clear < free, "grade {g}: {} kept over {free} free places, {clear} above the last", kept.len());
        }
        // The held-back ones: at least `free` promoted (all kept) are higher by more than 1e-9.
        for &h in &held {
            let higher = kept.iter().filter(|&&x| x > h + 1e-9).count();
            assert!(higher >= free, "grade {g}: held back at {h} with only {higher} higher, {free} free");
        }
    }
}

#[test]
fn in_every_trial_promotions_exceed_the_free_places_only_by_ties_with_the_last_admitted() {
    for seed in [1, 2, 3] {
        let s = tied_scenario(seed);
        let quotas = s.settings.grades.quotas.clone().unwrap();
        let levels = quotas.len();
        let mut sim = Simulation::new(&s, &s.settings.simulation);
        let mut seen = Seen::default();
        let mut trials_held = vec![vec![false; 400]; levels];
        let done = sim.run_trials_observed(u32::MAX, |t, _, ends| {
            assert_eq!(ends.len(), 30);
            check_cycle_end(&quotas, ends, &mut seen);
            for e in ends.iter().filter(|e| e.step.reason == Reason::Quota) {
                trials_held[e.before as usize][t as usize] = true;
            }
        });
        assert!(done);
        assert_eq!(seen.checks, 400 * 4 * 3);
        // The property was put to work: promotions were held back, and ties took more than the free places.
        assert!(seen.held_back > 100, "seed {seed}: {} held back", seen.held_back);
        assert!(seen.beyond_free > 10, "seed {seed}: {} checks with ties beyond the free places", seen.beyond_free);

        // The per-grade figure is the share of trials in which the quota held somebody back.
        let r = sim.result();
        assert_eq!(r.quota_held_back.len(), levels);
        for g in 0..levels {
            let share = trials_held[g].iter().filter(|&&x| x).count() as f64 / 400.0;
            assert_eq!(r.quota_held_back[g], share, "grade {}", g + 1);
        }
        assert_eq!((r.quota_held_back[0], r.quota_held_back[1]), (0.0, 0.0), "no quota, nothing held back");
        assert!(r.quota_held_back[2] > 0.0 && r.quota_held_back[3] > 0.0);
        // Observing changes nothing.
        assert_eq!(r, simulate(&s));
    }
}

#[test]
fn quotas_make_a_difference_and_without_them_nothing_is_held_back() {
    let s = tied_scenario(5);
    let with = simulate(&s);
    let mut none = s.clone();
    none.settings.grades.quotas = None;
    let without = simulate(&none);
    assert!(without.quota_held_back.iter().all(|&x| x == 0.0));
    assert_ne!(with.transitions, without.transitions);
    // Held back means fewer promotions into the capped grades: fewer branch-trials end at grade 5.
    let at_top = |r: &pbcalc::engine::SimulationResult| r.branches.iter().map(|b| b.grades[3][4]).sum::<f64>();
    assert!(at_top(&with) < at_top(&without));
    // A list of nulls is no quota at all.
    let mut nulls = s.clone();
    nulls.settings.grades.quotas = Some(vec![None; 5]);
    assert_eq!(simulate(&nulls), without);
    // The block of the results file carries the figure.
    let v = simulation_to_value(&with);
    let shares: Vec<f64> = serde_json::from_value(v["quota_held_back"].clone()).unwrap();
    assert_eq!(shares, with.quota_held_back);
}

/// Six branches whose recorded periods repeat the same values, far above the target (full credit whatever the
/// draw), E from the superiors with `evaluation_sd` 0 and no veto: every simulated period repeats the recorded
/// one exactly, so each trial must be the deterministic run of the scenario with those periods appended.
#[test]
fn without_randomness_every_trial_is_the_deterministic_run_with_quotas() {
    let es = [98.0, 97.0, 97.0, 95.0, 92.0, 70.0];
    let mut s = Scenario::blank("constant");
    let st = &mut s.settings;
    st.tiers.method = TierMethod::Threshold;
    st.grades.min_hold_cycles = 0;
    st.grades.cycle_periods = 1;
    st.grades.quotas = Some(vec![None, Some(0.5), Some(0.2), Some(0.2), None]);
    st.motivation.min_cv = 0.0;
    st.simulation.trials = 5;
    st.simulation.cycles = 4;
    st.simulation.veto_probability = 0.0;
    st.simulation.evaluation_sd = 0.0;
    s.indicators = vec![Indicator::new_quantitative("out", "out", Flex::Controllable, Direction::Higher, 10.0, 50.0)];
    s.branches = (0..6)
        .map(|i| {
            let mut b = Branch::new(&format!("b{i}"), &format!("b{i}"));
            b.grade = [1, 2, 2, 3, 1, 4][i];
            b
        })
        .collect();
    let period = |p: usize| {
        let records = (0..6)
            .map(|i| {
                let mut r = Record::default();
                r.actuals.insert("out".into(), Actual::Number(20.0));
                r.evaluation = superiors(es[i]);
                (format!("b{i}"), r)
            })
            .collect();
        Period { id: format!("P{p}"), name: format!("P{p}"), records }
    };
    s.periods = (0..2).map(period).collect();
    let mut ext = s.clone();
    ext.periods.extend((2..6).map(period));
    let r = evaluate(&ext);
    let sim = simulate(&s);
    let mut held_back_somewhere = false;
    for (b, branch) in s.branches.iter().enumerate() {
        for k in 0..4 {
            let row = r.cycles[2 + k].rows.iter().find(|row| row.branch == branch.id).unwrap();
            held_back_somewhere |= row.reason == Reason::Quota;
            let mut expected = vec![0.0; 5];
            expected[row.grade_after as usize - 1] = 1.0;
            assert_eq!(sim.branches[b].grades[k], expected, "{} after simulated cycle {}", branch.id, k + 1);
        }
    }
    assert!(held_back_somewhere, "the quotas held somebody back in the deterministic run");
    // Each grade's figure: 1 where the deterministic run held a promotion into it back, else 0.
    for g in 1..=5u32 {
        let any = r.cycles[2..]
            .iter()
            .flat_map(|c| &c.rows)
            .any(|row| row.reason == Reason::Quota && row.grade_after + 1 == g);
        assert_eq!(sim.quota_held_back[g as usize - 1], any as u8 as f64, "grade {g}");
    }
}
