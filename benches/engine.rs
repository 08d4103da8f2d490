//! Timing of the whole run (`engine::evaluate`) and of writing the results file, on synthetic scenarios of
//! 20, 200 and 1000 branches × 40 indicators × 8 periods. Run with `cargo bench --bench engine`.
//!
//! The scenarios come from a fixed linear congruential generator, so every run times the same work. Each
//! figure is the median of several runs; peak memory is the process's VmHWM from /proc/self/status.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

use pbcalc::engine::dense::{compile, score_period, PeriodScratch};
use pbcalc::engine::{evaluate, results_to_string, results_to_value};
use pbcalc::model::{
    Actual, Adjustment, Ballots, Branch, Category, Conditions, Direction, Evaluation, Flex, Indicator, IndicatorKind,
    Level, Measure, OptionalAction, Period, Plan, Quantitative, Record, Scenario, Scored,
};

/// Knuth's MMIX linear congruential generator.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 11
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn scenario(branches: usize, indicators: usize, periods: usize) -> Scenario {
    let mut rng = Lcg(0x5eed + branches as u64);
    let mut s = Scenario::blank("bench");
    s.settings.consequences.bonus_pool = 1_000_000.0;
    s.indicators = (0..indicators)
        .map(|i| {
            let kind = if i % 20 == 19 {
                IndicatorKind::Veto
            } else {
                let measure = if i % 3 == 2 {
                    Measure::Qualitative
                } else {
                    Measure::Quantitative(Quantitative {
                        direction: if i % 5 == 4 { Direction::Lower } else { Direction::Higher },
                        unit: String::new(),
                        decimals: (i % 3) as u32,
                        base_target: 5.0 + rng.below(50) as f64,
                        tolerance: 0.1,
                    })
                };
                let flex = if i % 2 == 0 { Flex::Controllable } else { Flex::Elastic };
                IndicatorKind::Scored(Scored { flex, weight: 1.0 + rng.below(20) as f64, measure })
            };
            Indicator {
                id: format!("ind{i:03}"),
                name: format!("指标{i}"),
                dimension: String::new(),
                kind,
                plan: Plan::default(),
            }
        })
        .collect();
    let mut categories = Vec::new();
    for c in 0..4 {
        let mut coefficients = BTreeMap::new();
        for i in &s.indicators {
            if rng.below(3) == 0 {
                coefficients.insert(i.id.clone(), 0.8 + 0.4 * rng.unit());
            }
        }
        categories.push(Category { id: format!("cat{c}"), name: format!("类别{c}"), coefficients });
    }
    s.categories = categories;
    s.optional_actions = (0..5)
        .map(|a| OptionalAction { id: format!("act{a}"), name: format!("动作{a}"), points: 1.0 + a as f64 })
        .collect();
    s.branches = (0..branches)
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
            for i in s.indicators.iter().filter(|i| i.quantitative().is_some()).take(5) {
                br.history.insert(i.id.clone(), (0..4).map(|_| 5.0 + rng.below(50) as f64).collect());
            }
            br
        })
        .collect();
    s.periods = (0..periods)
        .map(|p| {
            let mut records = BTreeMap::new();
            for br in &s.branches {
                if rng.below(50) == 0 {
                    continue; // not assessed this period
                }
                let mut r = Record::default();
                for ind in &s.indicators {
                    match &ind.kind {
                        IndicatorKind::Veto => {
                            r.vetoes.insert(ind.id.clone(), rng.below(100) == 0);
                        }
                        IndicatorKind::Scored(sc) => {
                            if rng.below(40) == 0 {
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
            Period { id: format!("P{p}"), name: format!("第{p}期"), records }
        })
        .collect();
    s
}

/// Median wall time in milliseconds of `runs` calls of `f`.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmHWM")).map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
}

fn main() {
    const INDICATORS: usize = 40;
    const PERIODS: usize = 8;
    println!("engine::evaluate — {INDICATORS} indicators × {PERIODS} periods, median of several runs (ms)");
    println!(
        "{:>9} {:>10} {:>10} {:>12} {:>16} {:>17}",
        "branches", "compile", "evaluate", "to_value", "to_string", "file size (kB)"
    );
    for &branches in &[20usize, 200, 1000] {
        let s = scenario(branches, INDICATORS, PERIODS);
        let runs = if branches >= 1000 { 9 } else { 21 };
        let compile_ms = median_ms(runs, || {
            black_box(compile(black_box(&s)));
        });
        let eval_ms = median_ms(runs, || {
            black_box(evaluate(black_box(&s)));
        });
        let r = evaluate(&s);
        let value_ms = median_ms(runs, || {
            black_box(results_to_value(black_box(&r)));
        });
        let text = results_to_string(&r);
        let string_ms = median_ms(runs, || {
            black_box(results_to_string(black_box(&r)));
        });
        println!(
            "{branches:>9} {compile_ms:>10.3} {eval_ms:>10.3} {value_ms:>12.3} {string_ms:>16.3} {:>17.0}",
            text.len() as f64 / 1e3
        );
    }

    // The per-period pipeline that the simulation of §10 repeats: 1000 trials × 12 periods of §2–§6 on a
    // compiled 50 × 30 scenario (random draws and grade steps excluded).
    let s = scenario(50, 30, 12);
    let c = compile(&s);
    let mut rows = Vec::new();
    let mut scratch = PeriodScratch::default();
    let sim_ms = median_ms(5, || {
        for _ in 0..1000 {
            for p in &c.periods {
                score_period(&c, p, &s.settings, &mut rows, &mut scratch);
                black_box(&rows);
            }
        }
    });
    println!("§2–§6 on dense data, 1000 trials × 12 periods × 50 branches × 30 indicators: {sim_ms:.1} ms");
    match peak_memory() {
        Some(m) => println!("peak memory (VmHWM): {m}"),
        None => println!("peak memory: /proc/self/status not available"),
    }
}
