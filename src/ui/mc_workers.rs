//! The Monte Carlo on all cores: the trials of one run spread over Web Workers.
//!
//! Each worker (web/mc-worker.js) loads the app's own module — the wasm-bindgen script of the page, found by
//! its `<link rel="modulepreload">`, with the page's compiled `WebAssembly.Module` posted to it, so nothing is
//! fetched or compiled twice — reads the scenario file text the page sends, builds its own copy of the compiled
//! scenario (`McRange` in main.rs over [`Simulation::with_range`]) and runs one contiguous range of the trials:
//! with w workers, worker i runs `i·n/w .. (i+1)·n/w`. Every trial has its own random stream, derived from
//! (seed, trial), so the page adds the workers' counts up ([`Simulation::merge_counts`]) to exactly the numbers
//! of the single-threaded run.
//!
//! A worker posts `{kind: "progress", done, counts}` about every 100 ms and `{kind: "done", done, counts}` at
//! its end (counts: the flat list of [`Simulation::counts`], a `BigUint64Array`), or `{kind: "error"}` when it
//! cannot start. Dropping the [`Pool`] terminates every worker (cancel, a new run, the page going away).
//!
//! How many: `navigator.hardwareConcurrency`, at most [`MAX_WORKERS`], never more than the trials. The address
//! may say otherwise for tests and benchmarks: `?workers=0` runs the trials on the page in slices (the way
//! used where workers are unavailable), `?workers=3` uses three.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::Simulation;
use crate::model::Scenario;

/// At most this many workers, however many cores the machine reports.
pub const MAX_WORKERS: usize = 8;

/// The worker script (copied to the build's root by index.html).
const SCRIPT: &str = "mc-worker.js";

/// How many workers a run of `trials` trials gets: 0 for none (run on the page in slices).
pub fn worker_count(trials: u32) -> usize {
    let Some(window) = web_sys::window() else { return 0 };
    let asked = window.location().search().ok().and_then(|q| {
        q.trim_start_matches('?')
            .split('&')
            .find_map(|kv| kv.strip_prefix("workers="))
            .and_then(|n| n.parse::<usize>().ok())
    });
    let n = asked.unwrap_or_else(|| (window.navigator().hardware_concurrency() as usize).clamp(1, MAX_WORKERS));
    n.min(trials as usize)
}

/// Where a run stands, as reported after every message of a worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// Trials done by all workers together.
    pub done: u32,
    /// Every worker has finished its range.
    pub finished: bool,
    /// A worker could not start or run: the run should go on without workers.
    pub failed: bool,
}

/// What the workers have reported.
#[derive(Default)]
struct Shared {
    /// Each worker's latest counts (empty before its first report).
    counts: Vec<Vec<u64>>,
    done: Vec<u32>,
    finished: Vec<bool>,
    failed: bool,
}

impl Shared {
    fn status(&self) -> Status {
        Status { done: self.done.iter().sum(), finished: self.finished.iter().all(|&f| f), failed: self.failed }
    }
}

type Handler = Closure<dyn FnMut(JsValue)>;

/// The workers of one run. Dropping it terminates them.
pub struct Pool {
    workers: Vec<web_sys::Worker>,
    _handlers: Vec<Handler>,
    shared: Rc<RefCell<Shared>>,
}

impl Drop for Pool {
    fn drop(&mut self) {
        for w in &self.workers {
            w.set_onmessage(None);
            w.set_onerror(None);
            w.terminate();
        }
    }
}

impl Pool {
    /// Starts `n` workers on the `trials` trials of scenario `s` (its `settings.simulation`). `on_status` is
    /// called after each report, never from inside a worker's event handler (so it may drop the pool). `None`
    /// when workers cannot be started here (no module script to load, no Worker): run the trials on the page.
    pub fn start(s: &Scenario, trials: u32, n: usize, on_status: impl Fn(Status) + 'static) -> Option<Pool> {
        if n == 0 {
            return None;
        }
        let document = web_sys::window()?.document()?;
        let link = document.query_selector("link[rel=modulepreload]").ok()??;
        let glue = js_sys::Reflect::get(&link, &"href".into()).ok()?.as_string().filter(|h| !h.is_empty())?;
        let module = wasm_bindgen::module();
        let text = JsValue::from(crate::model::codec::scenario_to_string(s));
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let shared = Rc::new(RefCell::new(Shared {
            counts: vec![Vec::new(); n],
            done: vec![0; n],
            finished: vec![false; n],
            failed: false,
        }));
        let on_status: Rc<dyn Fn(Status)> = Rc::new(on_status);
        // Built as the workers start, so that a failure part-way terminates those already started.
        let mut pool = Pool { workers: Vec::with_capacity(n), _handlers: Vec::with_capacity(2 * n), shared };
        for i in 0..n {
            let start = (trials as u64 * i as u64 / n as u64) as u32;
            let end = (trials as u64 * (i as u64 + 1) / n as u64) as u32;
            let worker = web_sys::Worker::new_with_options(SCRIPT, &options).ok()?;
            let on_message = {
                let (shared, on_status) = (pool.shared.clone(), on_status.clone());
                Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
                    let data = e.unchecked_into::<web_sys::MessageEvent>().data();
                    let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
                    {
                        let mut sh = shared.borrow_mut();
                        match get("kind").as_string().as_deref() {
                            Some(kind @ ("progress" | "done")) => {
                                let counts = get("counts");
                                match counts.dyn_into::<js_sys::BigUint64Array>() {
                                    Ok(a) => {
                                        sh.counts[i] = a.to_vec();
                                        sh.done[i] = get("done").as_f64().unwrap_or(0.0) as u32;
                                        sh.finished[i] = kind == "done";
                                    }
                                    Err(_) => sh.failed = true,
                                }
                            }
                            _ => sh.failed = true,
                        }
                    }
                    report(&shared, &on_status);
                })
            };
            let on_error = {
                let (shared, on_status) = (pool.shared.clone(), on_status.clone());
                Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
                    // Handled (the page runs the trials itself): not an error for the console.
                    e.unchecked_into::<web_sys::Event>().prevent_default();
                    shared.borrow_mut().failed = true;
                    report(&shared, &on_status);
                })
            };
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
            pool.workers.push(worker);
            pool._handlers.push(on_message);
            pool._handlers.push(on_error);

            let message = js_sys::Object::new();
            let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&message, &k.into(), v).is_ok();
            let ok = set("glue", &JsValue::from(glue.as_str()))
                && set("module", &module)
                && set("scenario", &text)
                && set("start", &JsValue::from(start))
                && set("end", &JsValue::from(end));
            if !ok || pool.workers[i].post_message(&message).is_err() {
                return None;
            }
        }
        Some(pool)
    }

    /// How many workers.
    pub fn count(&self) -> usize {
        self.workers.len()
    }

    /// Adds every worker's latest counts into `sim` (a simulation of the same scenario that has run nothing):
    /// the whole run once every worker has finished, the trials done so far otherwise. Nothing is added when
    /// any list does not merge (`false`).
    pub fn merge_into(&self, sim: &mut Simulation) -> bool {
        let mut merged = sim.clone();
        for counts in self.shared.borrow().counts.iter().filter(|c| !c.is_empty()) {
            if merged.merge_counts(counts).is_err() {
                return false;
            }
        }
        *sim = merged;
        true
    }
}

/// Tells `on_status` where the run stands, after the current event handler has returned.
fn report(shared: &Rc<RefCell<Shared>>, on_status: &Rc<dyn Fn(Status)>) {
    let status = shared.borrow().status();
    let on_status = on_status.clone();
    wasm_bindgen_futures::spawn_local(async move { on_status(status) });
}
