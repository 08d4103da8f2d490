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

/// Reads `text` and times `runs` evaluations and `sim_runs` Monte Carlo runs (medians), with `now` a clock in
/// milliseconds. An unreadable file gives the first problem's path.
pub fn time_scenario(text: &str, runs: u32, sim_runs: u32, now: impl Fn() -> f64) -> Result<Figures, String> {
    let s = parse_scenario(text).map_err(|p| p.first().map(|p| p.path.clone()).unwrap_or_default())?;
    let median = |n: u32, f: &mut dyn FnMut() -> usize| {
        let mut times: Vec<f64> = (0..n.max(1))
            .map(|_| {
                let t = now();
                std::hint::black_box(f());
                now() - t
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    let evaluate_ms = median(runs, &mut || evaluate(&s).periods.len());
    let simulate_ms = median(sim_runs, &mut || {
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
