//! The shell a user lives in: title and scenario, undo/redo, language, navigation in workflow order, the
//! page, and a status line saying where the data is. It loads the saved document once and saves it after
//! every change; a failed save is shown until a save works again.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use super::components::files::{FileBar, ImportErrors};
use super::components::notice::{StorageNotice, ToastView};
use super::components::record::{ImpactNotice, LockedRefusal, RecordGuard};
use super::hooks::{use_app, use_lang, LazyResults, ScenarioRef};
use super::pages;
use super::route::Route;
use super::state::{Action, AppState};
use crate::i18n::{Lang, T};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let due = crate::store::welcome::due(&crate::store::local::Local);
        let loaded = super::components::sync::load();
        let mut s = AppState::new(loaded.document, loaded.notice, loaded.may_save);
        s.welcome = due;
        s
    });

    // Save after every change; other tabs' saves and a full storage are handled there.
    super::components::sync::use_saving(&state);

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
                    let key = e.key().to_ascii_lowercase();
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
    // An edit that says what it touched (a grid cell) recomputes only that (see `ui::live`).
    // They are computed when a component first asks (a page showing results), else just after the frame: the
    // shell and a page without results (the branches page, where the app opens) are drawn before the engine runs.
    let live = use_mut_ref(super::live::Live::default);
    let results = {
        let mark = state.last_change.clone();
        let live = live.clone();
        (*use_memo(ScenarioRef(state.scenario().clone()), move |s| LazyResults::new(s.0.clone(), mark, live))).clone()
    };
    use_compute_after_frame(&results);

    let lang = state.lang();
    html! {
        <ContextProvider<UseReducerHandle<AppState>> context={state}>
            <ContextProvider<Lang> context={lang}>
                <ContextProvider<LazyResults> context={results}>
                    <HashRouter>
                        <Shell />
                    </HashRouter>
                </ContextProvider<LazyResults>>
            </ContextProvider<Lang>>
        </ContextProvider<UseReducerHandle<AppState>>>
    }
}

/// Computes the current results once the frame drawn with them pending is on screen, unless a component asked
/// for them first (then nothing is left to do). That is two frames on: the first frame's callbacks run before
/// its paint, the second's after it, and a timeout set there runs after the second frame's own callbacks, so a
/// first screen is shown and its next frame begun before the engine's work. Only the latest results are
/// computed: an older one superseded meanwhile is skipped, so the shell's kept evaluation goes from one scenario
/// to the next in order.
#[hook]
fn use_compute_after_frame(results: &LazyResults) {
    let latest = use_mut_ref(|| None::<LazyResults>);
    *latest.borrow_mut() = Some(results.clone());
    use_effect_with(results.clone(), move |r| {
        if !r.is_done() {
            on_next_frame(move || {
                on_next_frame(move || {
                    gloo_timers::callback::Timeout::new(0, move || {
                        if let Some(r) = latest.borrow().clone() {
                            r.get();
                        }
                    })
                    .forget();
                })
            });
        }
    });
}

/// Runs `f` in the next frame's `requestAnimationFrame` callbacks (never, without a window).
fn on_next_frame(f: impl FnOnce() + 'static) {
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(f.unchecked_ref());
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
                            if state.scenario().locked {
                                <span class="lock-mark" data-testid="locked-icon" title={crate::i18n::pages::TRec::Locked.get(lang)}>
                                    {" 🔒 "}{ crate::i18n::pages::TRec::LockedShort.get(lang) }
                                </span>
                            }
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
                <Link<Route> to={Route::Storage} classes={classes!("nav-link", "nav-aux", (route == Route::Storage).then_some("active"))}>
                    { Route::Storage.title().get(lang) }
                </Link<Route>>
            </nav>
            <main class="page" data-testid={format!("page-{}", route.slug())}>
                <StorageNotice />
                <super::components::sync::SyncNotice />
                <ImportErrors />
                <LockedRefusal />
                <ImpactNotice />
                <super::components::welcome::Welcome />
                <Switch<Route> render={switch} />
            </main>
            <super::demo::DemoPanel />
            <div class="status-area">
                <super::components::unsaved::UnsavedCells />
                <SaveStatus />
            </div>
            <ToastView />
        </div>
    }
}

fn switch(route: Route) -> Html {
    // The editing pages are read-only while the scenario is the locked official record.
    let guarded = |page: Html| html! { <RecordGuard>{ page }</RecordGuard> };
    match route {
        Route::Home | Route::Branches | Route::NotFound => guarded(html! { <pages::branches::BranchesPage /> }),
        Route::Indicators => guarded(html! { <pages::indicators::Page /> }),
        Route::Targets => guarded(html! { <pages::targets::TargetsPage /> }),
        Route::Periods => guarded(html! { <pages::periods::Page /> }),
        Route::Results => html! { <pages::results::ResultsPage /> },
        Route::Grades => html! { <pages::grades::GradesPage /> },
        Route::Scenarios => html! { <pages::scenarios::ScenariosPage /> },
        Route::Settings => guarded(html! { <pages::settings::Page /> }),
        Route::Compare => html! { <pages::compare::ComparePage /> },
        Route::Storage => html! { <pages::storage::StoragePage /> },
        Route::Method => html! { <pages::method::MethodPage /> },
    }
}

/// The status line: where the data lives, or — loudly — that saving failed.
#[function_component(SaveStatus)]
fn save_status() -> Html {
    let state = use_app();
    let lang = use_lang();
    if let Some(status) = super::components::sync::status(&state, lang) {
        return status;
    }
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
