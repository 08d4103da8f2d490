//! In the browser: mounts the app, nothing else. Natively: a small command line over the same engine, used by
//! the tests to check the app's exports against the engine and handy for scripts:
//!
//! ```text
//! pbcalc results <scenario.pbcalc.json>   writes the results file (FORMAT.md) to standard output
//! pbcalc check <scenario.pbcalc.json>     lists every problem of the file with its JSON path
//! pbcalc bench <scenario.pbcalc.json> [runs] [sim_runs]   times evaluate and the Monte Carlo (JSON line)
//! pbcalc bench-import <scenario.pbcalc.json> [runs]   times reading, checking, evaluating, writing (JSON line)
//! ```

#[cfg(target_arch = "wasm32")]
fn main() {
    // In a Web Worker (the Monte Carlo's, web/mc-worker.js) the same module starts without a window: there is
    // no page to mount; the worker only calls [`McRange`].
    if web_sys::window().is_none() {
        return;
    }
    // The router would rewrite an empty address to `#/` after the first render, rendering the shell twice:
    // set it first, with `history.replaceState` (no navigation, no `hashchange`/`popstate` for the router to
    // answer with a second render; `location.replace` would send both after the first render).
    if let Some(w) = web_sys::window() {
        if w.location().hash().map_or(true, |h| h.is_empty()) {
            if let Ok(h) = w.history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#/"));
            }
        }
    }
    yew::Renderer::<pbcalc::ui::App>::new().render();
}

/// For `scripts/bench.sh`: the engine timed in the page on a scenario file (see `pbcalc::bench`), as JSON.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench(text: &str, runs: u32, sim_runs: u32) -> String {
    let now = || web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now());
    match pbcalc::bench::time_scenario(text, runs, sim_runs, now) {
        Ok(f) => f.to_json(),
        Err(path) => format!("{{\"error\":{path:?}}}"),
    }
}

/// One worker's part of a Monte Carlo run (web/mc-worker.js; the page side is `pbcalc::ui::mc_workers`): the
/// worker's own copy of the simulation, built from the numbers the page computed for it (`Simulation::kernel`),
/// on which it runs the ranges of trials the page hands it one after another.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub struct McRange {
    sim: pbcalc::engine::Simulation,
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
impl McRange {
    /// The simulation of `kernel` (`Simulation::kernel` of the page's own simulation) with the settings of
    /// `settings` (a scenario file text, as the page wrote it, of which only the settings count); a text that does
    /// not read or a list that is not a kernel is an error (the page then runs the trials itself).
    #[wasm_bindgen(constructor)]
    pub fn new(settings: &str, kernel: &[f64]) -> Result<McRange, String> {
        let s = pbcalc::model::codec::parse_scenario(settings)
            .map_err(|p| p.first().map_or_else(String::new, |p| format!("{p:?}")))?;
        let sim = pbcalc::engine::Simulation::from_kernel(&s.settings, kernel).ok_or("not a simulation kernel")?;
        Ok(McRange { sim })
    }

    /// Runs trials `start..end` (cut to the planned trials) and returns their counts alone
    /// (`Simulation::counts`: the number of trials, then every count), for the page to add up.
    pub fn run(&mut self, start: u32, end: u32) -> Vec<u64> {
        self.sim.set_range(start, end);
        self.sim.run_trials(u32::MAX);
        self.sim.counts()
    }
}

/// For `tests/browser/bench-limits.mjs`: importing a file timed phase by phase in the page (see
/// `pbcalc::bench::time_import`), as JSON.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_import(text: &str, runs: u32) -> String {
    let now = || web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now());
    match pbcalc::bench::time_import(text, runs, now) {
        Ok(f) => f.to_json(),
        Err(path) => format!("{{\"error\":{path:?}}}"),
    }
}

/// The page's WebAssembly memory in bytes (its linear memory's current size: it only grows).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use pbcalc::i18n::{problem_message, Lang};
    use std::process::ExitCode;

    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [cmd, path, rest @ ..] = args.as_slice() {
        if cmd == "bench" {
            return bench(path, rest);
        }
        if cmd == "bench-import" {
            return bench_import(path, rest);
        }
    }
    let (cmd, path) = match args.as_slice() {
        [cmd, path] if cmd == "results" || cmd == "check" => (cmd.as_str(), path),
        _ => {
            eprintln!(
                "usage: pbcalc results|check <scenario.pbcalc.json>\n(the app itself runs in the browser: see README)"
            );
            return ExitCode::from(2);
        }
    };
    // Bytes, decoded by the same rule as the browser import (UTF-8, or UTF-16 with a byte-order mark).
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    match pbcalc::model::codec::parse_scenario_bytes(&bytes) {
        Err(problems) => {
            for p in &problems {
                eprintln!("{}", problem_message(p, Lang::En));
            }
            ExitCode::FAILURE
        }
        Ok(s) if cmd == "results" => {
            use std::io::Write;
            let text = pbcalc::engine::results_to_string(&pbcalc::engine::evaluate(&s));
            // A closed pipe (e.g. `| head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{text}");
            ExitCode::SUCCESS
        }
        Ok(_) => {
            println!("ok");
            ExitCode::SUCCESS
        }
    }
}

/// The text of the file at `path`, or exit code 2 with the reason on standard error.
#[cfg(not(target_arch = "wasm32"))]
fn read_file(path: &str) -> Result<String, std::process::ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!("{path}: {e}");
        std::process::ExitCode::from(2)
    })
}

/// A benchmark's figures as one JSON line on standard output, or the unreadable file's first problem path.
#[cfg(not(target_arch = "wasm32"))]
fn print_figures(path: &str, figures: Result<String, String>) -> std::process::ExitCode {
    match figures {
        Ok(json) => {
            println!("{json}");
            std::process::ExitCode::SUCCESS
        }
        Err(p) => {
            eprintln!("{path}: cannot read ({p})");
            std::process::ExitCode::FAILURE
        }
    }
}

/// `pbcalc bench <file> [runs] [sim_runs]`: the figures of `pbcalc::bench` natively, as one JSON line.
#[cfg(not(target_arch = "wasm32"))]
fn bench(path: &str, rest: &[String]) -> std::process::ExitCode {
    let arg = |i: usize, d: u32| rest.get(i).and_then(|a| a.parse().ok()).unwrap_or(d);
    let text = match read_file(path) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let start = std::time::Instant::now();
    let now = move || start.elapsed().as_secs_f64() * 1e3;
    print_figures(path, pbcalc::bench::time_scenario(&text, arg(0, 9), arg(1, 5), now).map(|f| f.to_json()))
}

/// `pbcalc bench-import <file> [runs]`: the figures of `pbcalc::bench::time_import` natively, as one JSON line.
#[cfg(not(target_arch = "wasm32"))]
fn bench_import(path: &str, rest: &[String]) -> std::process::ExitCode {
    let runs = rest.first().and_then(|a| a.parse().ok()).unwrap_or(3);
    let text = match read_file(path) {
        Ok(t) => t,
        Err(code) => return code,
    };
    // The thread's CPU time where Linux gives it (so a busy machine does not inflate the figures), else wall time.
    let start = std::time::Instant::now();
    let cpu = || {
        let t = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        t.split_whitespace().next()?.parse::<f64>().ok().map(|ns| ns / 1e6)
    };
    let use_cpu = cpu().is_some();
    let now = move || if use_cpu { cpu().unwrap_or(0.0) } else { start.elapsed().as_secs_f64() * 1e3 };
    eprintln!("clock: {}", if use_cpu { "this thread's CPU time" } else { "wall time" });
    print_figures(path, pbcalc::bench::time_import(&text, runs, now).map(|f| f.to_json()))
}
