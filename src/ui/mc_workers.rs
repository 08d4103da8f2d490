//! The Monte Carlo on all cores: the trials of one run spread over Web Workers.
//!
//! The workers are started ahead of a run ([`warm_up`]: when the Monte Carlo's card is shown, and after each run),
//! so a click does not wait for them to load. Each worker (web/mc-worker.js) loads the app's own module — the wasm-bindgen script of the page, found by
//! its `<link rel="modulepreload">`, with the page's compiled `WebAssembly.Module` posted to it, so nothing is
//! fetched or compiled twice — and builds its own copy of the page's simulation from the numbers the page
//! computed for it ([`Simulation::kernel`], with the settings as a small scenario file text), so that it neither
//! reads the scenario nor evaluates its recorded periods again (`McRange` in main.rs, over
//! [`Simulation::set_range`]). The page then hands out the trials
//! in ranges, on demand: each worker gets two ranges at the start and one more each time it posts a range's
//! counts, so a worker never waits for work and one that started late or runs slower simply does fewer ranges.
//! The ranges shrink towards the end of the run ([`next_range`]: a quarter of what is left per worker, between
//! 8 and 250 trials), so the workers finish within a few milliseconds of each other.
//! Every trial has its own random stream, derived from (seed, trial), so the page adds the ranges' counts up
//! ([`Simulation::merge_counts`]) to exactly the numbers of the single-threaded run, in whatever order they come.
//!
//! A worker posts `{kind: "ready", import_ms, instantiate_ms, compile_ms}` once started,
//! `{kind: "counts", start, end, counts}` per range (counts: that range's flat list of [`Simulation::counts`],
//! a `BigUint64Array`), or `{kind: "error"}` when it cannot start or run. Dropping the [`Pool`] terminates every
//! worker (cancel, a new run, the page going away).
//!
//! The page stays light while the workers run: a range's counts are added into one running sum as they arrive
//! (a thousand additions), and the progress is reported at most every [`PROGRESS_MS`], in an animation frame, so
//! the page redraws its progress bar at most that often; the end of the run and a failure are reported at once.
//!
//! How many: `navigator.hardwareConcurrency`, at most [`MAX_WORKERS`], never more than the trials. The address
//! may say otherwise for tests and benchmarks: `?workers=0` runs the trials on the page in slices (the way
//! used where workers are unavailable), `?workers=3` uses three.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::simulation::next_range;
use crate::engine::Simulation;
use crate::model::Scenario;

/// At most this many workers, however many cores the machine reports.
pub const MAX_WORKERS: usize = 8;
/// Ranges handed to each worker ahead of the one it runs.
const AHEAD: usize = 2;
/// Progress is reported at most this often (milliseconds).
pub const PROGRESS_MS: f64 = 100.0;

/// The worker script (copied to the build's root by index.html).
const SCRIPT: &str = "mc-worker.js";

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

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

/// Where a run stands, as reported to the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// Trials done by all workers together (every range whose counts have arrived).
    pub done: u32,
    /// Every trial is done.
    pub finished: bool,
    /// A worker could not start or run: the run should go on without workers.
    pub failed: bool,
}

/// What one worker did, for the benchmark (milliseconds from the start of the run).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WorkerTiming {
    /// When its `ready` arrived: the worker's start.
    pub ready_ms: f64,
    /// Its own figures of that start: loading the script, instantiating the module, reading and compiling the
    /// scenario.
    pub import_ms: f64,
    pub instantiate_ms: f64,
    pub compile_ms: f64,
    /// When its last range's counts arrived.
    pub end_ms: f64,
    /// Trials it ran, in how many ranges.
    pub trials: u32,
    pub ranges: u32,
}

/// What the workers have reported.
struct Shared {
    total: u32,
    /// The first trial not yet handed out.
    next: u32,
    /// Every range's counts added up (empty before the first).
    sum: Vec<u64>,
    done: u32,
    failed: bool,
    started: f64,
    timing: Vec<WorkerTiming>,
    /// When progress was last reported, and whether a report waits for its animation frame.
    reported: f64,
    pending: bool,
}

impl Shared {
    fn status(&self) -> Status {
        Status { done: self.done, finished: self.done >= self.total, failed: self.failed }
    }

    /// Adds one range's flat counts to the sum; `false` when they do not have the sum's shape.
    fn add(&mut self, counts: &[u64]) -> bool {
        if self.sum.is_empty() {
            self.sum = counts.to_vec();
        } else if self.sum.len() == counts.len() {
            for (s, &c) in self.sum.iter_mut().zip(counts) {
                *s = s.saturating_add(c);
            }
        } else {
            return false;
        }
        self.done = self.done.saturating_add(counts.first().map_or(0, |&t| t as u32));
        true
    }
}

type Handler = Closure<dyn FnMut(JsValue)>;
type OnStatus = Rc<dyn Fn(Status)>;

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
            w.set_onmessageerror(None);
            w.terminate();
        }
    }
}

/// A message `{kind, ...fields}`; `None` if a field could not be set.
fn message(kind: &str, fields: &[(&str, &JsValue)]) -> Option<js_sys::Object> {
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"kind".into(), &kind.into()).ok()?;
    for (k, v) in fields {
        js_sys::Reflect::set(&message, &(*k).into(), v).ok()?;
    }
    Some(message)
}

/// A started worker, loading the app's module, that no run has taken yet. It failed when it reported an error
/// or could not load its script (the run that takes it then goes on without workers).
struct Idle {
    worker: web_sys::Worker,
    failed: Rc<std::cell::Cell<bool>>,
    _handler: Handler,
}

thread_local! {
    /// Workers started ahead of the next run ([`warm_up`]): a run takes these first.
    static WARM: RefCell<Vec<Idle>> = const { RefCell::new(Vec::new()) };
}

/// Starts a worker and has it load the app's module: posts `{kind: "load", glue, module}` (the page's
/// wasm-bindgen script, found by its `<link rel="modulepreload">`, and its compiled module). Until a run takes
/// it, a failure is only noted (and kept from the console). `None` where workers cannot start: no module
/// script to load, no Worker.
fn spawn() -> Option<Idle> {
    let document = web_sys::window()?.document()?;
    let link = document.query_selector("link[rel=modulepreload]").ok()??;
    let glue = js_sys::Reflect::get(&link, &"href".into()).ok()?.as_string().filter(|h| !h.is_empty())?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(SCRIPT, &options).ok()?;
    let failed = Rc::new(std::cell::Cell::new(false));
    let handler = {
        let failed = failed.clone();
        // A worker posts nothing before its `init` but an error.
        Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            e.unchecked_into::<web_sys::Event>().prevent_default();
            failed.set(true);
        })
    };
    worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    worker.set_onerror(Some(handler.as_ref().unchecked_ref()));
    worker.set_onmessageerror(Some(handler.as_ref().unchecked_ref()));
    let load = message("load", &[("glue", &JsValue::from(glue.as_str())), ("module", &wasm_bindgen::module())]);
    if !load.is_some_and(|m| worker.post_message(&m).is_ok()) {
        worker.terminate();
        return None;
    }
    Some(Idle { worker, failed, _handler: handler })
}

/// Starts up to `n` workers ahead of the next run, so that a click on "run" does not wait for each to load the
/// script and instantiate the module (0.09–0.16 s here). The Monte Carlo's card calls it when it is shown and
/// after each run; [`cool_down`] ends them when it goes.
pub fn warm_up(n: usize) {
    WARM.with(|warm| {
        let mut warm = warm.borrow_mut();
        warm.retain(|w| {
            !w.failed.get() || {
                w.worker.terminate();
                false
            }
        });
        while warm.len() < n {
            let Some(w) = spawn() else { break };
            warm.push(w);
        }
    });
}

/// Ends the workers started ahead of a run.
pub fn cool_down() {
    for w in WARM.with(|warm| std::mem::take(&mut *warm.borrow_mut())) {
        w.worker.terminate();
    }
}

/// Posts `{kind: "range", start, end}` to `worker`; `false` if it could not be posted.
fn post_range(worker: &web_sys::Worker, (start, end): (u32, u32)) -> bool {
    message("range", &[("start", &start.into()), ("end", &end.into())]).is_some_and(|m| worker.post_message(&m).is_ok())
}

/// Hands the next range, if any, to `worker`; `false` if posting failed.
fn hand_out(shared: &mut Shared, worker: &web_sys::Worker, workers: usize) -> bool {
    let Some(range) = next_range(shared.next, shared.total, workers) else { return true };
    shared.next = range.1;
    post_range(worker, range)
}

impl Pool {
    /// Starts `n` workers on the trials of `sim`, the page's simulation of scenario `s` with its
    /// `settings.simulation` (which has run nothing). `on_status` is
    /// called after reports (progress at most every [`PROGRESS_MS`]), never from inside a worker's event handler
    /// (so it may drop the pool). `None` when workers cannot be started here (no module script to load, no
    /// Worker): run the trials on the page.
    pub fn start(s: &Scenario, sim: &Simulation, n: usize, on_status: impl Fn(Status) + 'static) -> Option<Pool> {
        if n == 0 {
            return None;
        }
        let trials = sim.progress().1;
        let mut settings = Scenario::blank("settings");
        settings.settings = s.settings.clone();
        let settings = JsValue::from(crate::model::codec::scenario_to_string(&settings));
        let kernel = JsValue::from(js_sys::Float64Array::from(sim.kernel().as_slice()));
        let shared = Rc::new(RefCell::new(Shared {
            total: trials,
            next: 0,
            sum: Vec::new(),
            done: 0,
            failed: false,
            started: now(),
            timing: vec![WorkerTiming::default(); n],
            reported: 0.0,
            pending: false,
        }));
        let on_status: OnStatus = Rc::new(on_status);
        // Built as the workers start, so that a failure part-way terminates those already started.
        let mut pool = Pool { workers: Vec::with_capacity(n), _handlers: Vec::with_capacity(2 * n), shared };
        for i in 0..n {
            // One started ahead, else a new one.
            let idle = WARM.with(|warm| warm.borrow_mut().pop()).or_else(spawn)?;
            if idle.failed.get() {
                idle.worker.terminate();
                return None;
            }
            let worker = idle.worker;
            let on_message = {
                let (shared, on_status, me) = (pool.shared.clone(), on_status.clone(), worker.clone());
                Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
                    let data = e.unchecked_into::<web_sys::MessageEvent>().data();
                    let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
                    let number = |k: &str| get(k).as_f64().unwrap_or(0.0);
                    let urgent = {
                        let mut sh = shared.borrow_mut();
                        let at = now() - sh.started;
                        match get("kind").as_string().as_deref() {
                            Some("ready") => {
                                let t = &mut sh.timing[i];
                                t.ready_ms = at;
                                t.import_ms = number("import_ms");
                                t.instantiate_ms = number("instantiate_ms");
                                t.compile_ms = number("compile_ms");
                                return;
                            }
                            Some("counts") => match get("counts").dyn_into::<js_sys::BigUint64Array>() {
                                Ok(a) if sh.add(&a.to_vec()) => {
                                    let t = &mut sh.timing[i];
                                    t.end_ms = at;
                                    t.trials += (number("end") - number("start")).max(0.0) as u32;
                                    t.ranges += 1;
                                    if !hand_out(&mut sh, &me, n) {
                                        sh.failed = true;
                                    }
                                }
                                _ => sh.failed = true,
                            },
                            _ => sh.failed = true,
                        }
                        let st = sh.status();
                        st.finished || st.failed
                    };
                    report(&shared, &on_status, urgent);
                })
            };
            let on_error = {
                let (shared, on_status) = (pool.shared.clone(), on_status.clone());
                Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
                    // Handled (the page runs the trials itself): not an error for the console.
                    e.unchecked_into::<web_sys::Event>().prevent_default();
                    shared.borrow_mut().failed = true;
                    report(&shared, &on_status, true);
                })
            };
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
            pool.workers.push(worker);
            pool._handlers.push(on_message);
            pool._handlers.push(on_error);

            let init = message("init", &[("settings", &settings), ("kernel", &kernel)]);
            if !init.is_some_and(|m| pool.workers[i].post_message(&m).is_ok()) {
                return None;
            }
        }
        // The first ranges, round the workers, a few ahead each.
        {
            let mut sh = pool.shared.borrow_mut();
            for _ in 0..AHEAD {
                for w in &pool.workers {
                    if !hand_out(&mut sh, w, n) {
                        return None;
                    }
                }
            }
        }
        Some(pool)
    }

    /// How many workers.
    pub fn count(&self) -> usize {
        self.workers.len()
    }

    /// What each worker did so far.
    pub fn timing(&self) -> Vec<WorkerTiming> {
        self.shared.borrow().timing.clone()
    }

    /// Adds the counts of every range done into `sim` (a simulation of the same scenario that has run nothing):
    /// the whole run once it is finished, the trials done so far otherwise. Nothing is added when the counts do
    /// not merge (`false`).
    pub fn merge_into(&self, sim: &mut Simulation) -> bool {
        let sh = self.shared.borrow();
        if sh.sum.is_empty() {
            return true;
        }
        let mut merged = sim.clone();
        if merged.merge_counts(&sh.sum).is_err() {
            return false;
        }
        *sim = merged;
        true
    }
}

/// Tells `on_status` where the run stands after the current event handler has returned: at once when `urgent`
/// (the end, a failure), else in the next animation frame and at most every [`PROGRESS_MS`]. Nothing is reported
/// once the pool is gone.
fn report(shared: &Rc<RefCell<Shared>>, on_status: &OnStatus, urgent: bool) {
    let weak: Weak<RefCell<Shared>> = Rc::downgrade(shared);
    let on_status = on_status.clone();
    let deliver = move || {
        let Some(shared) = weak.upgrade() else { return };
        let status = {
            let mut sh = shared.borrow_mut();
            sh.pending = false;
            sh.reported = now();
            sh.status()
        };
        on_status(status);
    };
    if urgent {
        wasm_bindgen_futures::spawn_local(async move { deliver() });
        return;
    }
    {
        let mut sh = shared.borrow_mut();
        if sh.pending || now() - sh.reported < PROGRESS_MS {
            return;
        }
        sh.pending = true;
    }
    let frame = Closure::once_into_js(deliver);
    let asked = web_sys::window().and_then(|w| w.request_animation_frame(frame.unchecked_ref()).ok());
    if asked.is_none() {
        shared.borrow_mut().pending = false;
    }
}
