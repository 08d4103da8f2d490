//! "Export results" (the results file of FORMAT.md) and "export CSV" (the selected period's ranking).

use yew::prelude::*;

use crate::engine::{results_to_value, simulation_to_value};
use crate::i18n::T;
use crate::report::ranking_csv;
use crate::ui::download::{download, file_stem};
use crate::ui::hooks::{use_app, use_lang, use_results};
use crate::ui::state::Action;

#[function_component(ResultExports)]
pub fn result_exports() -> Html {
    let state = use_app();
    let lang = use_lang();
    let results = use_results();

    let export_results = {
        let (state, results) = (state.clone(), results.clone());
        Callback::from(move |_| {
            let file = format!("{}.pbcalc-results.json", file_stem(&state.scenario().name));
            let mut value = results_to_value(&results);
            if let (Some(sim), Some(map)) = (state.current_simulation(), value.as_object_mut()) {
                map.insert("simulation".into(), simulation_to_value(sim));
            }
            let text = serde_json::to_string_pretty(&value).unwrap_or_default();
            if let Err(e) = download(&file, "application/json", &text) {
                state.dispatch(Action::Saved(Err(e)));
            }
        })
    };
    let period = super::super::pages::results::selected_period(&state, &results);
    let export_csv = {
        let (state, results) = (state.clone(), results.clone());
        let period = period.clone();
        Callback::from(move |_| {
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
