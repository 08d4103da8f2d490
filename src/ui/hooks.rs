//! Hooks shared by the pages.

use yew::prelude::*;

use super::state::AppState;
use crate::i18n::Lang;

/// The app state and its dispatcher, provided by the app shell.
#[hook]
pub fn use_app() -> UseReducerHandle<AppState> {
    use_context::<UseReducerHandle<AppState>>().expect("the app shell provides the state")
}

/// The current UI language. A context of its own (the app shell provides it next to the state): a component
/// that needs only the language is not drawn again on every edit, only when the language changes.
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().expect("the app shell provides the language")
}

/// The results of the current scenario, computed once per change (by the first component that asks, or by the
/// app shell just after the frame: see [`LazyResults`]).
#[hook]
pub fn use_results() -> std::rc::Rc<crate::engine::Results> {
    use_results_later().get()
}

/// The current scenario's results without computing them yet: for the shell's parts that need them only on a
/// click or after an edit (exports, the impact notice, the walk-through), so the first page is drawn before the
/// engine runs.
#[hook]
pub fn use_results_later() -> LazyResults {
    use_context::<LazyResults>().expect("the app shell provides the results")
}

/// The results of one scenario, computed on the first [`LazyResults::get`] and kept. The shell makes one per
/// change of the current scenario; every component asking for the same one shares one computation (through the
/// shell's kept evaluation, `ui::live`). Two are equal when they are the same handle (pointer equality).
#[derive(Clone)]
pub struct LazyResults(std::rc::Rc<Pending>);

/// What a [`LazyResults`] computes from, until it has.
pub struct Pending {
    scenario: std::rc::Rc<crate::model::Scenario>,
    mark: Option<super::state::ChangeMark>,
    live: std::rc::Rc<std::cell::RefCell<super::live::Live>>,
    done: std::cell::OnceCell<std::rc::Rc<crate::engine::Results>>,
}

impl LazyResults {
    /// The results of `scenario` after the edit `mark`, to be computed on `live` when first asked for.
    pub fn new(
        scenario: std::rc::Rc<crate::model::Scenario>,
        mark: Option<super::state::ChangeMark>,
        live: std::rc::Rc<std::cell::RefCell<super::live::Live>>,
    ) -> Self {
        LazyResults(std::rc::Rc::new(Pending { scenario, mark, live, done: std::cell::OnceCell::new() }))
    }

    /// The results, computed now if nobody asked before.
    pub fn get(&self) -> std::rc::Rc<crate::engine::Results> {
        let p = &*self.0;
        p.done.get_or_init(|| std::rc::Rc::new(p.live.borrow_mut().results(&p.scenario, p.mark.as_ref()))).clone()
    }

    /// Whether the results are computed already.
    pub fn is_done(&self) -> bool {
        self.0.done.get().is_some()
    }
}

/// A superseded computation is dropped after the next frame, not in the keystroke's: freeing the results of a
/// big scenario (every period's rows and every cycle) and the scenario version only it still held takes
/// milliseconds at 1,000 branches.
impl Drop for Pending {
    fn drop(&mut self) {
        let results = self.done.take();
        let scenario = self.scenario.clone();
        if results.is_some() || std::rc::Rc::strong_count(&scenario) <= 2 {
            drop_after_frame(Box::new((results, scenario)));
        }
    }
}

/// Runs `f` in a task just after the next frame is drawn, so that work due after a pause (a save, the impact
/// notice's comparison) never sits between a keystroke and the frame that shows it: when a keystroke came just
/// before, its frame is drawn first. At once when the page is hidden (no frames are drawn then) or has no window.
pub fn after_next_frame(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return f() };
    if w.document().is_none_or(|d| d.hidden()) {
        return f();
    }
    let run = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo_timers::callback::Timeout::new(0, f).forget();
    });
    let _ = w.request_animation_frame(run.unchecked_ref());
}

thread_local! {
    /// What [`drop_after_frame`] keeps until after the next frame, and whether that is scheduled.
    static LATER: std::cell::RefCell<(Vec<Box<dyn std::any::Any>>, bool)> = const { std::cell::RefCell::new((Vec::new(), false)) };
}

/// Drops `value` once the next frame is drawn (through [`after_next_frame`]; at once without a window). Values
/// dropped before that frame wait together.
fn drop_after_frame(value: Box<dyn std::any::Any>) {
    if web_sys::window().is_none() {
        return;
    }
    let schedule = LATER.with(|l| {
        let mut l = l.borrow_mut();
        l.0.push(value);
        !std::mem::replace(&mut l.1, true)
    });
    if schedule {
        after_next_frame(|| {
            let kept = LATER.with(|l| {
                let mut l = l.borrow_mut();
                l.1 = false;
                std::mem::take(&mut l.0)
            });
            drop(kept);
        });
    }
}

impl PartialEq for LazyResults {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Results compared by identity: two are equal when they are the same computation (pointer equality), so a memo
/// keyed on them never compares results field by field.
#[derive(Clone)]
pub struct SharedResults(pub std::rc::Rc<crate::engine::Results>);

impl PartialEq for SharedResults {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A scenario compared by identity: each edit makes a new `Rc`, so this is a cheap "did it change?".
#[derive(Clone)]
pub struct ScenarioRef(pub std::rc::Rc<crate::model::Scenario>);

impl PartialEq for ScenarioRef {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}
