//! Scenarios: the assessment set-ups kept in this browser. Open, rename, duplicate, delete (undoable), start
//! a blank one or load the sample. Import and export are in the top bar, on every page.

use yew::prelude::*;

use crate::i18n::pages::TRec;
use crate::i18n::{kind_message, T};
use crate::model::validate;
use crate::ui::hooks::{use_app, use_lang};
use crate::ui::state::Action;

#[function_component(ScenariosPage)]
pub fn scenarios_page() -> Html {
    let state = use_app();
    let lang = use_lang();
    // (index, text) of the name being edited.
    let renaming = use_state(|| None::<(usize, String)>);
    // The scenario whose unlocking waits for confirmation.
    let unlocking = use_state(|| None::<usize>);

    let act = |a: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(a()))
    };
    // One listener for every row button: `data-act` on the row of `data-i`.
    let onclick = {
        let (state, renaming, unlocking) = (state.clone(), renaming.clone(), unlocking.clone());
        Callback::from(move |e: MouseEvent| {
            let Some((act, i)) = crate::ui::view::action_in(&e, "data-i") else { return };
            let Ok(i) = i.parse::<usize>() else { return };
            match act.as_str() {
                "open" => state.dispatch(Action::SwitchScenario(i)),
                "rename" => {
                    if let Some(sc) = state.doc.scenarios.get(i) {
                        renaming.set(Some((i, sc.name.clone())))
                    }
                }
                "duplicate" => state.dispatch(Action::DuplicateScenario(i)),
                "delete" => state.dispatch(Action::DeleteScenario(i)),
                "what-if" => state.dispatch(Action::CopyAsWhatIf(i)),
                "unlock" => unlocking.set(Some(i)),
                "unlock-no" => unlocking.set(None),
                lock => {
                    unlocking.set(None);
                    state.dispatch(Action::SetLocked(i, lock == "lock"));
                }
            }
        })
    };
    let table = {
        use crate::ui::view::{act_button as button, body_with, el, head, list, table, tag, td, text, Col};
        let cols = [
            Col::new(T::ScenarioName.get(lang), ""),
            Col::new(T::Branches.get(lang), "num"),
            Col::new(T::Indicators.get(lang), "num"),
            Col::new(T::Periods.get(lang), "num"),
            Col::hidden(T::Actions.get(lang)),
        ];
        let rows = state.doc.scenarios.iter().enumerate().map(|(i, sc)| {
            let current = i == state.doc.current;
            let lock_buttons = if !sc.locked {
                html! { <button class="ghost small" data-act="lock" data-testid="scenario-lock">{"🔒 "}{ TRec::Lock.get(lang) }</button> }
            } else if *unlocking == Some(i) {
                html! {
                    <span class="confirm" role="alertdialog" data-testid="unlock-confirm">
                        { TRec::UnlockConfirm.get(lang).replace("{}", &sc.name) }
                        { button("danger small", "unlock-yes", "unlock-yes", None, None, false, TRec::UnlockYes.get(lang)) }
                        { button("ghost small", "unlock-no", "unlock-no", None, None, false, TRec::Cancel.get(lang)) }
                    </span>
                }
            } else {
                list(vec![
                    button("ghost small", "what-if", "scenario-what-if", None, None, false, T::CopyAsWhatIf.get(lang)),
                    button("ghost small", "unlock", "scenario-unlock", None, None, false, TRec::Unlock.get(lang)),
                ])
            };
            let editing = renaming.as_ref().filter(|(j, _)| *j == i).map(|(_, t)| t.clone());
            let name_cell = match editing {
                Some(text) => {
                    let error = validate::name(&text).err().map(|k| format!("{}{}{}", T::ScenarioName.get(lang), lang.colon(), kind_message(&k, lang)));
                    let oninput = {
                        let renaming = renaming.clone();
                        Callback::from(move |e: InputEvent| {
                            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                            renaming.set(Some((i, v)));
                        })
                    };
                    let onkeydown = {
                        let (renaming, state, text) = (renaming.clone(), state.clone(), text.clone());
                        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                            "Enter" if validate::name(&text).is_ok() => {
                                state.dispatch(Action::RenameScenario(i, text.clone()));
                                renaming.set(None);
                            }
                            "Escape" => renaming.set(None),
                            _ => {}
                        })
                    };
                    html! {
                        <div class={classes!("field", error.is_some().then_some("invalid"))}>
                            <input value={text} {oninput} {onkeydown} autofocus=true data-testid="scenario-name-input"
                                aria-label={T::ScenarioName.get(lang)} aria-invalid={error.is_some().to_string()} />
                            if let Some(e) = error { <div class="field-error" role="alert">{ e }</div> }
                        </div>
                    }
                }
                None => {
                    let mut parts = vec![text(sc.name.clone().into())];
                    if current {
                        parts.push(el("span", "badge", text(T::Current.get(lang).into())));
                    }
                    if sc.locked {
                        parts.push(tag("span", &["class", "data-testid"], vec![Some("badge badge-locked".into()), Some("scenario-locked".into())],
                            text(format!("🔒 {}", TRec::LockedShort.get(lang)).into())).into());
                    }
                    list(parts)
                }
            };
            let cells = vec![
                el("td", "name", name_cell),
                td("num", sc.branches.len().to_string()),
                td("num", sc.indicators.len().to_string()),
                td("num", sc.periods.len().to_string()),
                el("td", "row-actions", list(vec![
                    button("ghost small", "open", "scenario-open", None, None, current, T::Open.get(lang)),
                    button("ghost small", "rename", "scenario-rename", None, None, false, T::Rename.get(lang)),
                    button("ghost small", "duplicate", "scenario-duplicate", None, None, false, T::Duplicate.get(lang)),
                    lock_buttons,
                    button("ghost small danger", "delete", "scenario-delete", None, Some(T::LastDeleteRefused.get(lang)), state.doc.scenarios.len() < 2, T::Delete.get(lang)),
                ])),
            ];
            tag("tr", &["data-testid", "class", "data-i"], vec![Some("scenario-row".into()), current.then_some("selected".into()), Some(i.to_string().into())], list(cells)).into()
        }).collect();
        table("data", "scenario-table", head(&cols, false), body_with(rows, Some(onclick), None, None))
    };
    html! {
        <section>
            <div class="page-head">
                <h2>{ T::Scenarios.get(lang) }<span class="count">{ state.doc.scenarios.len() }</span></h2>
                <div class="buttons">
                    <button class="primary" onclick={act(|| Action::NewScenario)} data-testid="new-scenario">{"＋ "}{ T::NewScenario.get(lang) }</button>
                    <button class="ghost" onclick={act(|| Action::LoadSample)} data-testid="load-sample">{ T::LoadSample.get(lang) }</button>
                    <yew_router::prelude::Link<crate::ui::route::Route> to={crate::ui::route::Route::Compare} classes="button ghost">
                        <span data-testid="compare-open">{"⇄ "}{ TRec::Compare.get(lang) }</span>
                    </yew_router::prelude::Link<crate::ui::route::Route>>
                </div>
            </div>
            <p class="muted">{ T::ScenariosHint.get(lang) }</p>
            { table }
        </section>
    }
}
