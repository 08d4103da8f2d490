//! The file controls of the top bar: import a scenario, export the scenario, its results and the selected
//! period's ranking as CSV. Always visible, whatever the page. An import is read and checked completely
//! before anything changes; a failed one only shows its problems (`data-testid="import-error"`).

use yew::prelude::*;

use crate::i18n::{problem_message, T};
use crate::model::codec;
use crate::model::problem::{Problem, ProblemKind};
use crate::model::MAX_FILE_BYTES;
use crate::ui::download::{download, file_stem};
use crate::ui::hooks::{use_app, use_lang};
use crate::ui::state::Action;

#[function_component(FileBar)]
pub fn file_bar() -> Html {
    let state = use_app();
    let lang = use_lang();
    let input = use_node_ref();

    let onchange = {
        let (state, input) = (state.clone(), input.clone());
        Callback::from(move |_: Event| {
            let Some(el) = input.cast::<web_sys::HtmlInputElement>() else { return };
            let Some(file) = el.files().and_then(|f| f.get(0)) else { return };
            el.set_value("");
            let name = file.name();
            let size = file.size();
            if size > MAX_FILE_BYTES as f64 {
                let p = Problem::new("", ProblemKind::TooLarge { bytes: size as usize, max: MAX_FILE_BYTES });
                state.dispatch(Action::ImportFailed(name, vec![p]));
                return;
            }
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let file = gloo_file::File::from(file);
                // Bytes, decoded in the core by the same rule as the native reader: a GB18030 or Latin-1 file is
                // refused with the place of its first bad byte instead of importing mojibake names.
                match gloo_file::futures::read_as_bytes(&file).await {
                    Ok(bytes) => match codec::parse_scenario_bytes(&bytes) {
                        Ok(sc) => state.dispatch(Action::Import(Box::new(sc))),
                        Err(problems) => state.dispatch(Action::ImportFailed(name, problems)),
                    },
                    Err(e) => {
                        let p = Problem::new("", ProblemKind::Syntax { message: e.to_string() });
                        state.dispatch(Action::ImportFailed(name, vec![p]));
                    }
                }
            });
        })
    };

    let export_scenario = {
        let state = state.clone();
        Callback::from(move |_| {
            let sc = state.scenario();
            let text = codec::scenario_to_string(sc);
            let file = format!("{}.pbcalc.json", file_stem(&sc.name));
            if let Err(e) = download(&file, "application/json", &text) {
                state.dispatch(Action::Saved(Err(e)));
            }
        })
    };

    html! {
        <div class="file-bar" role="group" aria-label={T::Scenario.get(lang)}>
            <label class="button ghost file-input" title={T::Import.get(lang)}>
                {"⇪ "}{ T::Import.get(lang) }
                <input ref={input} type="file" accept=".json,application/json" {onchange} data-testid="import-file" />
            </label>
            <button class="ghost" onclick={export_scenario} data-testid="export-scenario">{"⇩ "}{ T::ExportScenario.get(lang) }</button>
            <super::exports::ResultExports />
        </div>
    }
}

/// The problems of a failed import, each with its JSON path.
#[function_component(ImportErrors)]
pub fn import_errors() -> Html {
    let state = use_app();
    let lang = use_lang();
    let Some((file, problems)) = &state.import_problems else { return html! {} };
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::DismissImportError))
    };
    const SHOWN: usize = 50;
    html! {
        <div class="banner banner-error" role="alert" data-testid="import-error">
            <div>
                <strong>{"✖ "}{ T::ImportFailedTitle.get(lang) }{"（"}{ file.clone() }{"）"}</strong>
                <ul class="problems">
                    { for problems.iter().take(SHOWN).map(|p| html! { <li><code>{ problem_message(p, lang) }</code></li> }) }
                </ul>
                if problems.len() > SHOWN {
                    <div>{ format!("… +{} {}", problems.len() - SHOWN, T::MoreProblems.get(lang)) }</div>
                }
            </div>
            <button class="ghost" onclick={dismiss}>{ T::Dismiss.get(lang) }</button>
        </div>
    }
}
