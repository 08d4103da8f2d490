//! The shell a user lives in: title and scenario, undo/redo, language, navigation in workflow order, the
//! page, and a status line saying where the data is. It loads the saved document once and saves it after
//! every change; a failed save is shown until a save works again.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use super::components::files::{FileBar, ImportErrors};
use super::components::notice::{StorageNotice, ToastView};
use super::hooks::{use_app, use_lang, ScenarioRef, SharedResults};
use super::pages;
use super::route::Route;
use super::state::{Action, AppState};
use crate::i18n::{Lang, T};
use crate::store::{self, local::Local, Document};

/// Saves the document shortly after each change: just after the next frame when saving is cheap, after a pause
/// in the editing when the last save took long (a big scenario). A later change replaces the waiting one, which
/// is never lost: hiding or leaving the page writes it at once. While a save waits, `<html data-saving>` is
/// set (tests wait for it to go before reading the storage).
#[derive(Default)]
struct Saver {
    /// How long the last save took, in milliseconds.
    last_ms: f64,
    /// The document waiting to be written, with what to tell when it is.
    waiting: Option<(Document, Callback<Result<(), String>>)>,
    timer: Option<gloo_timers::callback::Timeout>,
}

impl Saver {
    /// A save slower than this waits for a pause of [`Saver::PAUSE_MS`] in the editing.
    const SLOW_MS: f64 = 100.0;
    const PAUSE_MS: u32 = 400;
    /// Otherwise it runs this long after the change: after the frame that shows it.
    const AFTER_FRAME_MS: u32 = 20;

    fn schedule(
        this: &std::rc::Rc<std::cell::RefCell<Saver>>,
        doc: Document,
        done: impl Fn(Result<(), String>) + 'static,
    ) {
        let delay = if this.borrow().last_ms > Self::SLOW_MS { Self::PAUSE_MS } else { Self::AFTER_FRAME_MS };
        this.borrow_mut().waiting = Some((doc, Callback::from(done)));
        mark_saving(true);
        let again = this.clone();
        let timer = gloo_timers::callback::Timeout::new(delay, move || Saver::flush(&again));
        // Replacing the timer cancels the one of the change before: only the newest document is written.
        this.borrow_mut().timer = Some(timer);
    }

    /// Writes the waiting document, if any.
    fn flush(this: &std::rc::Rc<std::cell::RefCell<Saver>>) {
        // (The timer is left alone: this may run inside it, and a fired or stale timer finds nothing waiting.)
        let Some((doc, done)) = this.borrow_mut().waiting.take() else { return };
        let start = js_sys::Date::now();
        let result = store::save(&mut Local, &doc);
        this.borrow_mut().last_ms = js_sys::Date::now() - start;
        mark_saving(false);
        done.emit(result);
    }
}

/// Sets or clears `data-saving` on the root element.
fn mark_saving(on: bool) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = if on { root.set_attribute("data-saving", "") } else { root.remove_attribute("data-saving") };
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let due = store::welcome::due(&Local);
        let loaded = store::load(&mut Local);
        let mut s = AppState::new(loaded.document, loaded.notice, loaded.may_save);
        s.welcome = due;
        s
    });

    // Save after every change (revision 0 is what was loaded: nothing to write yet), see `Saver`.
    let saver = use_mut_ref(Saver::default);
    {
        let (state, saver) = (state.clone(), saver.clone());
        use_effect_with(state.revision, move |revision| {
            if *revision > 0 && state.may_save {
                let doc = Document {
                    lang: state.doc.lang,
                    current: state.doc.current,
                    scenarios: state.doc.scenarios.clone(),
                };
                let dispatch = state.dispatcher();
                Saver::schedule(&saver, doc, move |r| dispatch.dispatch(Action::Saved(r)));
            }
        });
    }
    {
        let saver = saver.clone();
        use_effect_with((), move |_| {
            let flush = move |_: &web_sys::Event| Saver::flush(&saver);
            let listeners = web_sys::window().map(|w| {
                let hide = EventListener::new(&w, "pagehide", flush.clone());
                let visibility = w.document().map(|d| EventListener::new(&d, "visibilitychange", flush));
                (hide, visibility)
            });
            move || drop(listeners)
        });
    }

    // The page's language and title follow the UI language.
    use_effect_with(state.lang(), |lang| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            doc.set_title(&format!("{} · pbcalc", T::AppTitle.get(*lang)));
        }
    });

    // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y anywhere but in a text field (which keeps its own undo).
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                let options = gloo_events::EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&w, "keydown", options, move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if !(e.ctrl_key() || e.meta_key()) {
                        return;
                    }
                    let in_field = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                    if in_field {
                        return;
                    }
                    let key = e.key().to_lowercase();
                    if key == "z" && !e.shift_key() {
                        e.prevent_default();
                        dispatch.dispatch(Action::Undo);
                    } else if (key == "z" && e.shift_key()) || key == "y" {
                        e.prevent_default();
                        dispatch.dispatch(Action::Redo);
                    }
                })
            });
            move || drop(listener)
        });
    }

    // The engine runs once per change of the current scenario; every page reads the same results.
    let results = use_memo(ScenarioRef(state.scenario().clone()), |s| crate::engine::evaluate(&s.0));
    let results = SharedResults(results);

    html! {
        <ContextProvider<UseReducerHandle<AppState>> context={state}>
            <ContextProvider<SharedResults> context={results}>
                <HashRouter>
                    <Shell />
                </HashRouter>
            </ContextProvider<SharedResults>>
        </ContextProvider<UseReducerHandle<AppState>>>
    }
}

#[function_component(Shell)]
fn shell() -> Html {
    let state = use_app();
    let lang = state.lang();
    let route = use_route::<Route>().unwrap_or(Route::Branches);

    let on_lang = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(l) = Lang::from_code(&value) {
                state.dispatch(Action::SetLang(l));
            }
        })
    };
    let undo = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Undo))
    };
    let redo = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Redo))
    };
    let undo_title = state.undo_label().map(|l| format!("{} {} (Ctrl+Z)", T::Undo.get(lang), l.get(lang)));
    let redo_title = state.redo_label().map(|l| format!("{} {} (Ctrl+Shift+Z)", T::Redo.get(lang), l.get(lang)));

    html! {
        <div class={classes!("app", state.present.then_some("present"), state.demo.is_some().then_some("demo-on"))}>
            <header class="topbar">
                <div class="brand">
                    <span class="logo" aria-hidden="true">{"党"}</span>
                    <div>
                        <h1>{ T::AppTitle.get(lang) }</h1>
                        <div class="scenario-name" data-testid="scenario-name">
                            { T::Scenario.get(lang) }{ lang.pick("：", ": ") }{ state.scenario().name.clone() }
                        </div>
                    </div>
                </div>
                <div class="top-actions">
                    <super::components::welcome::TrainerBar />
                    <FileBar />
                    <span class="sep" aria-hidden="true"></span>
                    <button class="ghost" onclick={undo} disabled={!state.can_undo()} title={undo_title} data-testid="undo">
                        {"↶ "}{ T::Undo.get(lang) }
                    </button>
                    <button class="ghost" onclick={redo} disabled={!state.can_redo()} title={redo_title} data-testid="redo">
                        {"↷ "}{ T::Redo.get(lang) }
                    </button>
                    <label class="lang">
                        <span class="sr-only">{ T::Language.get(lang) }</span>
                        <select onchange={on_lang} data-testid="lang-switch" aria-label={T::Language.get(lang)}>
                            { for Lang::ALL.iter().map(|l| html! {
                                <option value={l.code()} selected={*l == lang}>{ l.label() }</option>
                            }) }
                        </select>
                    </label>
                </div>
            </header>
            <nav class="sidebar" aria-label={T::AppShort.get(lang)}>
                <ol>
                    { for Route::NAV.iter().enumerate().map(|(i, r)| {
                        let active = r.slug() == route.slug();
                        html! {
                            <li class={classes!(active.then_some("active"))}>
                                <Link<Route> to={*r} classes={classes!("nav-link")}>
                                    <span class="step">{ i + 1 }</span>
                                    <span>{ r.title().get(lang) }</span>
                                </Link<Route>>
                            </li>
                        }
                    }) }
                </ol>
            </nav>
            <main class="page" data-testid={format!("page-{}", route.slug())}>
                <StorageNotice />
                <ImportErrors />
                <super::components::welcome::Welcome />
                <Switch<Route> render={switch} />
            </main>
            <super::demo::DemoPanel />
            <SaveStatus />
            <ToastView />
        </div>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home | Route::Branches | Route::NotFound => {
            html! { <pages::branches::BranchesPage /> }
        }
        Route::Indicators => html! { <pages::indicators::Page /> },
        Route::Targets => html! { <pages::targets::TargetsPage /> },
        Route::Periods => html! { <pages::periods::Page /> },
        Route::Results => html! { <pages::results::ResultsPage /> },
        Route::Grades => html! { <pages::grades::GradesPage /> },
        Route::Scenarios => html! { <pages::scenarios::ScenariosPage /> },
        Route::Settings => html! { <pages::settings::Page /> },
        Route::Method => html! { <pages::method::MethodPage /> },
    }
}

/// The status line: where the data lives, or — loudly — that saving failed.
#[function_component(SaveStatus)]
fn save_status() -> Html {
    let state = use_app();
    let lang = use_lang();
    if let Some(err) = &state.save_error {
        html! {
            <footer class="status status-error" role="alert" data-testid="save-status" data-state="error">
                <strong>{"⚠ "}{ T::SaveFailed.get(lang) }</strong>
                <span class="detail">{ format!(" ({err})") }</span>
            </footer>
        }
    } else if !state.may_save {
        html! {
            <footer class="status status-error" role="alert" data-testid="save-status" data-state="off">
                <strong>{"⚠ "}{ T::SavingOff.get(lang) }</strong>
            </footer>
        }
    } else {
        html! {
            <footer class="status" data-testid="save-status" data-state="saved">
                <span aria-hidden="true">{"● "}</span>{ T::SavedInBrowser.get(lang) }
            </footer>
        }
    }
}
