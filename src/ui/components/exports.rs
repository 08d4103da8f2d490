//! "Export results" (the results file of FORMAT.md) and "export CSV" (the selected period's ranking).

use yew::prelude::*;

use crate::engine::{results_to_value, simulation_to_value};
use crate::i18n::T;
use crate::report::ranking_csv;
use crate::ui::download::{download, file_stem};
use crate::ui::hooks::{use_app, use_lang, use_results_later};
use crate::ui::state::Action;

#[function_component(ResultExports)]
pub fn result_exports() -> Html {
    let state = use_app();
    let lang = use_lang();
    // Computed on a click only: the buttons are in the top bar of every page, drawn before the engine runs.
    let results = use_results_later();

    let export_results = {
        let (state, results) = (state.clone(), results.clone());
        Callback::from(move |_| {
            let file = format!("{}.pbcalc-results.json", file_stem(&state.scenario().name));
            let mut value = results_to_value(&results.get());
            if let (Some(sim), Some(map)) = (state.current_simulation(), value.as_object_mut()) {
                map.insert("simulation".into(), simulation_to_value(sim));
            }
            let text = serde_json::to_string_pretty(&value).unwrap_or_default();
            if let Err(e) = download(&file, "application/json", &text) {
                state.dispatch(Action::Saved(Err(e)));
            }
        })
    };
    let period = selected_period(&state);
    let export_csv = {
        let (state, results) = (state.clone(), results.clone());
        let period = period.clone();
        Callback::from(move |_| {
            let results = results.get();
            let Some(p) = period.as_ref().and_then(|id| results.periods.iter().find(|r| &r.period == id)) else {
                return;
            };
            let sc = state.scenario();
            let file = format!("{}-{}.csv", file_stem(&sc.name), file_stem(&p.period));
            if let Err(e) = download(&file, "text/csv;charset=utf-8", &ranking_csv(sc, p, lang)) {
                state.dispatch(Action::Saved(Err(e)));
            }
        })
    };
    let csv_title = period
        .as_ref()
        .and_then(|id| state.scenario().periods.iter().find(|p| &p.id == id))
        .map(|p| format!("{} · {}", T::ExportCsv.get(lang), p.name));
    html! {
        <>
            <button class="ghost" onclick={export_results} data-testid="export-results">{"⇩ "}{ T::ExportResults.get(lang) }</button>
            <button class="ghost" onclick={export_csv} data-testid="export-csv" disabled={period.is_none()} title={csv_title}>
                {"⇩ "}{ T::ExportCsv.get(lang) }
            </button>
        </>
    }
}

/// The period whose ranking "export CSV" writes: the one chosen on the results page, else the last one. The
/// results have one period per period of the scenario, in its order (`engine::evaluate`), so this equals
/// `pages::results::selected_period` without computing the results.
fn selected_period(state: &crate::ui::state::AppState) -> Option<String> {
    let periods = &state.scenario().periods;
    state
        .selected_period
        .as_ref()
        .filter(|id| periods.iter().any(|p| &p.id == *id))
        .cloned()
        .or_else(|| periods.last().map(|p| p.id.clone()))
}
