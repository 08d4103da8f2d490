//! The guided walk-through's panel (演示模式): step n of N, the principle in two or three sentences, the live
//! change with its before → after, previous / next (buttons and ← →) and Esc to leave. Each step opens its page
//! and marks the numbers it is about. The steps themselves are [`crate::demo::STEPS`] (pure, tested natively).

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::demo::{moved, STEPS};
use crate::i18n::pages::TDemo;
use crate::ui::hooks::use_app;
use crate::ui::route::Route;
use crate::ui::state::Action;

/// Marks the element the step is about (`data-demo-focus`) and scrolls it into view.
fn mark(selector: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Ok(Some(old)) = doc.query_selector("[data-demo-focus]") {
        let _ = old.remove_attribute("data-demo-focus");
    }
    if let Ok(Some(el)) = doc.query_selector(selector) {
        let _ = el.set_attribute("data-demo-focus", "");
        el.scroll_into_view();
    }
}

#[function_component(DemoPanel)]
pub fn demo_panel() -> Html {
    let state = use_app();
    let lang = state.lang();
    let navigator = use_navigator();
    let step = state.demo.as_ref().map(|d| d.step);
    // Computed only while a step shows a scoring curve.
    let results = crate::ui::hooks::use_results_later();

    // Each step opens its page.
    use_effect_with(step, move |step| {
        if let (Some(i), Some(nav)) = (step, navigator) {
            if let Some(r) = Route::recognize(&format!("/{}", STEPS[*i].page)) {
                nav.push(&r);
            }
        }
    });
    // …and marks its numbers once the page is drawn (after every render: pages draw lazily).
    {
        let focus = step.map(|i| STEPS[i].focus);
        use_effect(move || {
            if let Some(f) = focus {
                let t = gloo_timers::callback::Timeout::new(60, move || mark(f));
                t.forget();
            }
        });
    }
    // ← → and Esc, except in a field.
    {
        let state = state.clone();
        use_effect_with(step, move |step| {
            let step = *step;
            let listener = web_sys::window().filter(|_| step.is_some()).map(|w| {
                EventListener::new(&w, "keydown", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    let in_field = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                    if in_field || e.ctrl_key() || e.alt_key() || e.meta_key() {
                        return;
                    }
                    let i = step.unwrap_or(0);
                    match e.key().as_str() {
                        "ArrowRight" if i + 1 < STEPS.len() => state.dispatch(Action::DemoGo(i + 1)),
                        "ArrowLeft" if i > 0 => state.dispatch(Action::DemoGo(i - 1)),
                        "Escape" => state.dispatch(Action::DemoExit),
                        _ => {}
                    }
                })
            });
            move || drop(listener)
        });
    }
    let moves = {
        let d = state.demo.clone();
        use_memo((d.as_ref().map(|d| (d.step, d.scenario.clone())), lang), move |_| {
            d.filter(|d| d.changed()).map(|d| moved(d.step, &d.base, &d.scenario, lang))
        })
    };

    let Some(d) = &state.demo else { return html! {} };
    let i = d.step;
    let s = &STEPS[i];
    let n = STEPS.len();
    let go = |to: usize| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::DemoGo(to)))
    };
    let exit = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::DemoExit))
    };
    let changed = d.changed();
    let toggle = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::DemoChange(!changed)))
    };
    let t = |x: TDemo| x.get(lang);
    // 自由度 and 刚性与弹性 show the indicator's scoring curve, controllable beside elastic, for one branch.
    let curve = crate::demo::curve_indicator(i).and_then(|id| {
        let sc = state.scenario();
        let (k, branch, target, actual) = crate::demo::curve_pick(sc, &results.get(), id)?;
        let name = sc.branch(&branch).map_or(branch, |b| b.name.clone());
        let dots = [crate::ui::charts::curve::Dot { name, actual, selected: true }];
        Some(crate::ui::charts::curve::scoring_curve(sc, k, target, &dots, "demo-curve", lang))
    });
    html! {
        <aside class={classes!("demo", "card", curve.is_some().then_some("demo-wide"))} data-testid="demo-step" data-step={(i + 1).to_string()} data-steps={n.to_string()}
            aria-label={t(TDemo::Demo)} aria-live="polite">
            <div class="demo-head">
                <span class="demo-count">{ t(TDemo::Demo) }{" · "}{ t(TDemo::Step).replacen("{}", &(i + 1).to_string(), 1).replacen("{}", &n.to_string(), 1) }</span>
                <button class="icon" onclick={exit.clone()} data-testid="demo-exit" aria-label={t(TDemo::Exit)} title={t(TDemo::Exit)}>{"×"}</button>
            </div>
            <h3 data-testid="demo-title">{ t(s.title) }</h3>
            <p>{ t(s.text) }</p>
            <div class="demo-change">
                <button class={if changed { "ghost" } else { "primary" }} onclick={toggle} data-testid="demo-change" aria-pressed={changed.to_string()}>
                    { if changed { t(TDemo::TakeBack) } else { t(TDemo::Apply) } }
                </button>
                <span>{ t(s.change) }</span>
            </div>
            if let Some(c) = curve { { c } }
            if let Some(m) = moves.as_ref() {
                <table class="data compact demo-moved" data-testid="demo-moved" aria-label={t(TDemo::Moved)}>
                    <thead><tr><th>{ t(TDemo::What) }</th><th>{ t(TDemo::Before) }</th><th>{"→ "}{ t(TDemo::After) }</th></tr></thead>
                    <tbody>
                        { for m.iter().map(|x| html! {
                            <tr data-testid="demo-moved-row"><td>{ x.what.clone() }</td><td class="num">{ x.before.clone() }</td><td class="num strong">{ x.after.clone() }</td></tr>
                        }) }
                        if m.is_empty() { <tr><td colspan="3">{ t(TDemo::NothingMoved) }</td></tr> }
                    </tbody>
                </table>
            }
            <div class="demo-nav">
                <button class="ghost" onclick={go(i.saturating_sub(1))} disabled={i == 0} data-testid="demo-prev">{"← "}{ t(TDemo::Prev) }</button>
                <span class="hint">{ t(TDemo::Keys) }</span>
                <button class="primary" onclick={go(i + 1)} disabled={i + 1 == n} data-testid="demo-next">{ t(TDemo::Next) }{" →"}</button>
            </div>
            <p class="hint">{ t(TDemo::DemoNote) }</p>
        </aside>
    }
}
