//! What the benchmarks share: a synthetic scenario from a fixed generator (so every run times the same work),
//! timing, and a description of the machine.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::time::Instant;

use pbcalc::model::{
    Actual, Adjustment, Ballots, Branch, Category, Conditions, Direction, Evaluation, Flex, Indicator, IndicatorKind,
    Level, Measure, OptionalAction, Period, Record, Scenario,
};

/// Knuth's MMIX linear congruential generator.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 11
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The shape of a synthetic scenario.
pub struct Shape {
    pub branches: usize,
    pub indicators: usize,
    pub periods: usize,
    /// Every n-th indicator is a veto indicator.
    pub veto_every: usize,
    /// One branch-period in n has no record (not assessed); 0 = every branch is assessed in every period.
    pub unassessed_one_in: u64,
    pub seed: u64,
}

/// `shape.branches` branches in four categories, `shape.indicators` indicators (vetoes as the shape says, every
/// third scored one qualitative, a fifth of the quantitative ones `lower`), five optional actions, histories of
/// three numbers for every third quantitative indicator, and `shape.periods` recorded periods with a few missing
/// actuals, failed vetoes, optional actions, adjustments and all three evaluation sources.
pub fn scenario(shape: &Shape) -> Scenario {
    let mut rng = Lcg(shape.seed + shape.branches as u64);
    let mut s = Scenario::blank("bench");
    s.settings.consequences.bonus_pool = 1_000_000.0;
    s.indicators = (0..shape.indicators)
        .map(|i| {
            let (id, name) = (format!("ind{i:03}"), format!("指标{i}"));
            let flex = if i % 2 == 0 { Flex::Controllable } else { Flex::Elastic };
            let weight = 1.0 + rng.below(20) as f64;
            if i % shape.veto_every == shape.veto_every - 1 {
                Indicator::new_veto(&id, &name)
            } else if i % 3 == 2 {
                Indicator::new_qualitative(&id, &name, flex, weight)
            } else {
                let direction = if i % 5 == 4 { Direction::Lower } else { Direction::Higher };
                Indicator::new_quantitative(&id, &name, flex, direction, 5.0 + rng.below(50) as f64, weight)
                    .with_decimals((i % 3) as u32)
            }
        })
        .collect();
    s.categories = (0..4)
        .map(|c| {
            let mut coefficients = BTreeMap::new();
            for i in s.indicators.iter().filter(|i| i.quantitative().is_some()) {
                if rng.below(3) == 0 {
                    coefficients.insert(i.id.clone(), 0.8 + 0.4 * rng.unit());
                }
            }
            Category { id: format!("cat{c}"), name: format!("类别{c}"), coefficients }
        })
        .collect();
    s.optional_actions = (0..5)
        .map(|a| OptionalAction { id: format!("act{a}"), name: format!("动作{a}"), points: 1.0 + a as f64 })
        .collect();
    s.branches = (0..shape.branches)
        .map(|b| {
            let mut br = Branch::new(&format!("b{b:04}"), &format!("第{b}党支部"));
            br.category = Some(format!("cat{}", b % 4));
            br.members = 5 + rng.below(60) as u32;
            br.grade = 1 + rng.below(5) as u32;
            br.conditions = Conditions {
                infrastructure: 1 + rng.below(5) as u8,
                personnel: 1 + rng.below(5) as u8,
                circumstances: 1 + rng.below(5) as u8,
            };
            for ind in s.indicators.iter().filter(|i| i.quantitative().is_some()).step_by(3) {
                let base = ind.quantitative().map_or(10.0, |q| q.base_target);
                br.history.insert(ind.id.clone(), (0..3).map(|_| base * (0.6 + 0.8 * rng.unit())).collect());
            }
            br
        })
        .collect();
    s.periods = (0..shape.periods)
        .map(|p| {
            let mut records = BTreeMap::new();
            for br in &s.branches {
                if shape.unassessed_one_in > 0 && rng.below(shape.unassessed_one_in) == 0 {
                    continue;
                }
                let mut r = Record::default();
                for ind in &s.indicators {
                    match &ind.kind {
                        IndicatorKind::Veto => {
                            r.vetoes.insert(ind.id.clone(), rng.below(150) == 0);
                        }
                        IndicatorKind::Scored(sc) => {
                            if rng.below(45) == 0 {
                                continue; // missing
                            }
                            let a = match &sc.measure {
                                Measure::Quantitative(q) => Actual::Number(q.base_target * (0.5 + rng.unit())),
                                Measure::Qualitative => Actual::Level(Level::ALL[rng.below(4) as usize]),
                            };
                            r.actuals.insert(ind.id.clone(), a);
                        }
                    }
                }
                if rng.below(4) == 0 {
                    r.optional_done = vec![format!("act{}", rng.below(5)), format!("act{}", rng.below(5))];
                }
                if rng.below(6) == 0 {
                    r.adjustments = vec![Adjustment { points: rng.below(7) as f64 - 3.0, reason: "抽查".into() }];
                }
                r.evaluation = Evaluation {
                    ballots: Some(Ballots {
                        excellent: rng.below(20) as u32,
                        good: rng.below(10) as u32,
                        fair: rng.below(5) as u32,
                        poor: rng.below(2) as u32,
                    }),
                    peers: Some(60.0 + 40.0 * rng.unit()),
                    superiors: (rng.below(10) != 0).then(|| 60.0 + 40.0 * rng.unit()),
                };
                records.insert(br.id.clone(), r);
            }
            Period { id: format!("P{p:02}"), name: format!("第{p}期"), records: records.into() }
        })
        .collect();
    s
}

/// Median and minimum wall time in milliseconds of `runs` calls of `f`.
pub fn timed(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    (t[t.len() / 2], t[0])
}

/// The CPU, its hardware threads, OS and architecture.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let threads = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cpu}, {threads} hardware threads, {} {}", std::env::consts::OS, std::env::consts::ARCH)
}

/// Peak resident memory of this process (VmHWM), where /proc tells it.
pub fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmHWM")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
}
