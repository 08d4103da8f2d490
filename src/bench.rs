//! Timing of the engine on one scenario file, the same code natively (`pbcalc bench <file>`) and in the page
//! (`window.wasmBindings.bench(text, runs)`), so `scripts/bench.sh` can put the two side by side. It prints
//! figures only; nothing asserts a time.

use crate::engine::evaluate;
use crate::engine::simulation::Simulation;
use crate::model::codec::parse_scenario;

/// Median wall times in milliseconds on one scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    /// `engine::evaluate` (the whole §1–§9 run).
    pub evaluate_ms: f64,
    /// The whole Monte Carlo of `settings.simulation` (§10), single-threaded.
    pub simulate_ms: f64,
    /// The trials the Monte Carlo ran.
    pub trials: u32,
}

/// The median of `runs` (at least one) timings of `f` by the clock `now` (milliseconds).
fn median(runs: u32, now: &impl Fn() -> f64, f: &mut dyn FnMut() -> usize) -> f64 {
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = now();
            std::hint::black_box(f());
            now() - t
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Reads `text` and times `runs` evaluations and `sim_runs` Monte Carlo runs (medians), with `now` a clock in
/// milliseconds. An unreadable file gives the first problem's path.
pub fn time_scenario(text: &str, runs: u32, sim_runs: u32, now: impl Fn() -> f64) -> Result<Figures, String> {
    let s = parse_scenario(text).map_err(|p| p.first().map(|p| p.path.clone()).unwrap_or_default())?;
    let evaluate_ms = median(runs, &now, &mut || evaluate(&s).periods.len());
    let simulate_ms = median(sim_runs, &now, &mut || {
        let mut sim = Simulation::new(&s, &s.settings.simulation);
        sim.run_trials(u32::MAX);
        sim.progress().0 as usize
    });
    Ok(Figures { evaluate_ms, simulate_ms, trials: s.settings.simulation.trials })
}

impl Figures {
    /// One JSON line: `{"evaluate_ms":…,"simulate_ms":…,"trials":…}`.
    pub fn to_json(&self) -> String {
        format!(
            "{{\"evaluate_ms\":{:.3},\"simulate_ms\":{:.3},\"trials\":{}}}",
            self.evaluate_ms, self.simulate_ms, self.trials
        )
    }
}

/// Median wall times in milliseconds of what importing a scenario file costs, phase by phase, with the same code
/// natively and in the page (`window.wasmBindings.bench_import(text, runs)`): the figures behind the size limits
/// of FORMAT.md (`model::limits`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImportFigures {
    /// `codec::parse_scenario`: strict JSON, the reader and the whole check.
    pub read_ms: f64,
    /// `validate::scenario` alone (part of `read_ms`).
    pub check_ms: f64,
    /// `engine::evaluate`.
    pub evaluate_ms: f64,
    /// The scenario written as the store writes it (compact JSON).
    pub write_ms: f64,
    /// Characters of that text (a UTF-16 code unit each in localStorage for the ASCII part).
    pub stored_chars: usize,
}

/// Times `runs` reads, checks, evaluations and writes of `text` (medians), with `now` a clock in milliseconds.
pub fn time_import(text: &str, runs: u32, now: impl Fn() -> f64) -> Result<ImportFigures, String> {
    let median = |f: &mut dyn FnMut() -> usize| median(runs, &now, f);
    let s = parse_scenario(text).map_err(|p| p.first().map(|p| p.path.clone()).unwrap_or_default())?;
    let read_ms = median(&mut || parse_scenario(text).map_or(0, |s| s.branches.len()));
    let check_ms = median(&mut || crate::model::validate::scenario(&s).len());
    let evaluate_ms = median(&mut || evaluate(&s).periods.len());
    let mut stored_chars = 0;
    let write_ms = median(&mut || {
        stored_chars = crate::model::codec::scenario_to_value(&s).to_string().encode_utf16().count();
        stored_chars
    });
    Ok(ImportFigures { read_ms, check_ms, evaluate_ms, write_ms, stored_chars })
}

impl ImportFigures {
    /// One JSON line.
    pub fn to_json(&self) -> String {
        format!(
            "{{\"read_ms\":{:.3},\"check_ms\":{:.3},\"evaluate_ms\":{:.3},\"write_ms\":{:.3},\"stored_chars\":{}}}",
            self.read_ms, self.check_ms, self.evaluate_ms, self.write_ms, self.stored_chars
        )
    }
}
