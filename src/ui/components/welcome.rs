//! The welcome panel: what pbcalc is, that the sample is made up and everything stays in this browser, and
//! three ways in (the indicators, the walk-through, an import). Shown on a first visit and from the help
//! button; once dismissed it stays away (remembered through [`crate::store::welcome`]).

use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::pages::TDemo;
use crate::store::{local::Local, welcome};
use crate::ui::hooks::use_app;
use crate::ui::route::Route;
use crate::ui::state::Action;

#[function_component(Welcome)]
pub fn welcome_panel() -> Html {
    let state = use_app();
    let lang = state.lang();
    let navigator = use_navigator();
    if !state.welcome {
        return html! {};
    }
    // Every way out remembers the dismissal, then does its own thing.
    let then = |demo: bool, route: Option<Route>, import: bool| {
        let (state, navigator) = (state.clone(), navigator.clone());
        Callback::from(move |_: MouseEvent| {
            welcome::dismiss(&mut Local);
            state.dispatch(Action::Welcome(false));
            if demo {
                state.dispatch(Action::DemoStart);
            }
            if let (Some(r), Some(n)) = (route, &navigator) {
                n.push(&r);
            }
            if import {
                let input = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector("[data-testid=import-file]").ok().flatten());
                if let Some(el) = input.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                    el.click();
                }
            }
        })
    };
    let t = |x: TDemo| x.get(lang);
    html! {
        <section class="welcome card" data-testid="welcome" aria-labelledby="welcome-title">
            <div class="demo-head">
                <h2 id="welcome-title">{ t(TDemo::Welcome) }</h2>
                <button class="icon" onclick={then(false, None, false)} data-testid="welcome-close" aria-label={t(TDemo::Close)} title={t(TDemo::Close)}>{"×"}</button>
            </div>
            <p>{ t(TDemo::WelcomeText) }</p>
            <h3>{ t(TDemo::WaysIn) }</h3>
            <div class="ways">
                <button class="primary" onclick={then(false, Some(Route::Indicators), false)} data-testid="welcome-indicators">{"① "}{ t(TDemo::WayIndicators) }</button>
                <button class="primary" onclick={then(true, None, false)} data-testid="welcome-demo">{"② "}{ t(TDemo::WayDemo) }</button>
                <button class="primary" onclick={then(false, None, true)} data-testid="welcome-import">{"③ "}{ t(TDemo::WayImport) }</button>
            </div>
            <p><a href="#/method" onclick={then(false, None, false)} data-testid="welcome-method">{ t(TDemo::MethodLink) }</a></p>
        </section>
    }
}

/// The trainers' buttons of the top bar: help (the welcome again), the walk-through, the method, the
/// presentation view and printing the report.
#[function_component(TrainerBar)]
pub fn trainer_bar() -> Html {
    let state = use_app();
    let lang = state.lang();
    let navigator = use_navigator();
    let act = |f: fn(&crate::ui::state::AppState) -> Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(f(&state)))
    };
    let print = Callback::from(move |_: MouseEvent| {
        if let Some(n) = &navigator {
            n.push(&Route::Results);
        }
        // After the results page is drawn.
        gloo_timers::callback::Timeout::new(200, || {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        })
        .forget();
    });
    let t = |x: TDemo| x.get(lang);
    let present = state.present;
    html! {
        <>
            <button class="ghost" onclick={act(|s| Action::Welcome(!s.welcome))} data-testid="help" aria-pressed={state.welcome.to_string()}>{"? "}{ t(TDemo::Help) }</button>
            <a class="ghost button" href="#/method" data-testid="method-link">{ crate::i18n::T::NavMethod.get(lang) }</a>
            <button class="ghost" onclick={act(|s| if s.demo.is_some() { Action::DemoExit } else { Action::DemoStart })} data-testid="demo-start" aria-pressed={state.demo.is_some().to_string()}>{"▶ "}{ t(TDemo::Demo) }</button>
            <button class="ghost" onclick={act(|s| Action::Present(!s.present))} data-testid="present-toggle" aria-pressed={present.to_string()}>{ icon("M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4") }{ t(TDemo::Present) }</button>
            <button class="ghost" onclick={print} data-testid="print-report">{ icon("M4 6V1h8v5M4 12H2V6h12v6h-2M4 9h8v6H4z") }{ t(TDemo::Print) }</button>
            <span class="sep" aria-hidden="true"></span>
        </>
    }
}

/// A small line icon (a 16 × 16 path, drawn in the text's colour) before a button's label: drawn, not a font's
/// symbol, so it shows wherever the fonts lack one.
fn icon(path: &'static str) -> Html {
    html! {
        <svg class="btn-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d={path} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
        </svg>
    }
}
