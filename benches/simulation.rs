//! Timing of the Monte Carlo of METHOD.md §10 and of a sensitivity sweep. Run with
//! `cargo bench --bench simulation`.
//!
//! * Monte Carlo: 50 branches × 30 indicators × 12 recorded periods, 1000 trials of 3 cycles of 4 periods (the
//!   target is under 0.1 s natively; the same code runs in WebAssembly, where it must stay under 0.25 s).
//! * Sweep: 11 values of the inspection share on 1000 branches × 30 indicators × 12 periods.
//!
//! The scenarios come from a fixed linear congruential generator, so every run times the same work. Each figure
//! is the median of several runs.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

use pbcalc::engine::sensitivity::{sweep, Parameter, SweepSpec};
use pbcalc::engine::simulation::{simulate, Simulation};
use pbcalc::model::{
    Actual, Ballots, Branch, Conditions, Direction, Evaluation, Flex, Indicator, IndicatorKind, Level, Measure, Period,
    Plan, Quantitative, Record, Scenario, Scored,
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

/// `branches` branches, `indicators` indicators (every tenth a veto, every third scored one qualitative, a fifth
/// of the quantitative ones `lower`), `periods` recorded periods with every branch assessed, a few missing
/// actuals, three-number histories for some indicators.
fn scenario(branches: usize, indicators: usize, periods: usize) -> Scenario {
    let mut rng = Lcg(0xbe9c4 + branches as u64);
    let mut s = Scenario::blank("bench");
    s.settings.simulation.trials = 1000;
    s.settings.simulation.cycles = 3;
    s.settings.grades.cycle_periods = 4;
    s.indicators = (0..indicators)
        .map(|i| {
            let kind = if i % 10 == 9 {
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
    s.branches = (0..branches)
        .map(|b| {
            let mut br = Branch::new(&format!("b{b:04}"), &format!("第{b}党支部"));
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
    s.periods = (0..periods)
        .map(|p| {
            let mut records = BTreeMap::new();
            for br in &s.branches {
                let mut r = Record::default();
                for ind in &s.indicators {
                    match &ind.kind {
                        IndicatorKind::Veto => {
                            r.vetoes.insert(ind.id.clone(), rng.below(200) == 0);
                        }
                        IndicatorKind::Scored(sc) => {
                            if rng.below(50) == 0 {
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
            Period { id: format!("P{p:02}"), name: format!("第{p}期"), records }
        })
        .collect();
    s
}

/// Median and minimum wall time in milliseconds of `runs` calls of `f`.
fn timed(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
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

fn machine() -> String {
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

fn main() {
    println!("machine: {} (single-threaded; release profile as shipped)", machine());

    let s = scenario(50, 30, 12);
    let sim = &s.settings.simulation;
    let (setup, setup_min) = timed(15, || {
        black_box(Simulation::new(black_box(&s), sim));
    });
    let (total, total_min) = timed(15, || {
        black_box(simulate(black_box(&s)));
    });
    let r = simulate(&s);
    println!(
        "Monte Carlo (§10): 50 branches × 30 indicators × 12 recorded periods, {} trials × {} cycles × {} periods",
        r.trials, r.cycles, r.cycle_periods
    );
    println!("  Simulation::new (evaluate + precompute)  median {setup:8.2} ms   min {setup_min:8.2} ms");
    println!(
        "  simulate (new + all trials)              median {total:8.2} ms   min {total_min:8.2} ms   (target < 100 ms)"
    );
    let promoted: f64 = r.organisation.iter().map(|c| c.promoted).sum();
    println!("  (check: mean promoted share per cycle {:.4})", promoted / r.cycles.max(1) as f64);

    let big = scenario(1000, 30, 12);
    let spec = SweepSpec { parameter: Parameter::InspectionShare, from: 0.0, to: 1.0, steps: 11, period: None };
    let (whole, whole_min) = timed(5, || {
        black_box(sweep(black_box(&big), &spec).ok());
    });
    println!("Sweep: inspection share 0..1 in 11 steps, 1000 branches × 30 indicators × 12 periods");
    println!("  sweep (baseline + 11 evaluations)        median {whole:8.2} ms   min {whole_min:8.2} ms");
    println!("  one step (what a page runs per call)     median {:8.2} ms", whole / 12.0);
    if let Ok(out) = sweep(&big, &spec) {
        let taus: Vec<String> = out.steps.iter().map(|st| st.tau.map_or("-".into(), |t| format!("{t:.3}"))).collect();
        println!("  (check: τ-b per step {})", taus.join(" "));
    }
}
