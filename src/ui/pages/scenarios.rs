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
            <div class="table-wrap">
                <table class="data" data-testid="scenario-table">
                    <thead>
                        <tr>
                            <th>{ T::ScenarioName.get(lang) }</th>
                            <th class="num">{ T::Branches.get(lang) }</th>
                            <th class="num">{ T::Indicators.get(lang) }</th>
                            <th class="num">{ T::Periods.get(lang) }</th>
                            <th><span class="sr-only">{ T::Actions.get(lang) }</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        { for state.doc.scenarios.iter().enumerate().map(|(i, sc)| {
                            let current = i == state.doc.current;
                            let on = |make: fn(usize) -> Action| {
                                let state = state.clone();
                                Callback::from(move |_: MouseEvent| state.dispatch(make(i)))
                            };
                            let open = on(Action::SwitchScenario);
                            let lock_buttons = |i: usize, locked: bool, name: &str| -> Html {
                                let set = |v: bool| {
                                    let (state, unlocking) = (state.clone(), unlocking.clone());
                                    Callback::from(move |_: MouseEvent| {
                                        unlocking.set(None);
                                        state.dispatch(Action::SetLocked(i, v));
                                    })
                                };
                                if !locked {
                                    return html! { <button class="ghost small" onclick={set(true)} data-testid="scenario-lock">{"🔒 "}{ TRec::Lock.get(lang) }</button> };
                                }
                                let copy = {
                                    let state = state.clone();
                                    Callback::from(move |_: MouseEvent| state.dispatch(Action::CopyAsWhatIf(i)))
                                };
                                if *unlocking == Some(i) {
                                    let cancel = {
                                        let unlocking = unlocking.clone();
                                        Callback::from(move |_: MouseEvent| unlocking.set(None))
                                    };
                                    return html! {
                                        <span class="confirm" role="alertdialog" data-testid="unlock-confirm">
                                            { TRec::UnlockConfirm.get(lang).replace("{}", name) }
                                            <button class="danger small" onclick={set(false)} data-testid="unlock-yes">{ TRec::UnlockYes.get(lang) }</button>
                                            <button class="ghost small" onclick={cancel} data-testid="unlock-no">{ TRec::Cancel.get(lang) }</button>
                                        </span>
                                    };
                                }
                                let ask = {
                                    let unlocking = unlocking.clone();
                                    Callback::from(move |_: MouseEvent| unlocking.set(Some(i)))
                                };
                                html! {
                                    <>
                                        <button class="ghost small" onclick={copy} data-testid="scenario-what-if">{ T::CopyAsWhatIf.get(lang) }</button>
                                        <button class="ghost small" onclick={ask} data-testid="scenario-unlock">{ TRec::Unlock.get(lang) }</button>
                                    </>
                                }
                            };
                            let dup = on(Action::DuplicateScenario);
                            let del = on(Action::DeleteScenario);
                            let start_rename = {
                                let (renaming, name) = (renaming.clone(), sc.name.clone());
                                Callback::from(move |_| renaming.set(Some((i, name.clone()))))
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
                                None => html! {
                                    <>
                                        { sc.name.clone() }
                                        if current { <span class="badge">{ T::Current.get(lang) }</span> }
                                        if sc.locked { <span class="badge badge-locked" data-testid="scenario-locked">{"🔒 "}{ TRec::LockedShort.get(lang) }</span> }
                                    </>
                                },
                            };
                            html! {
                                <tr data-testid="scenario-row" class={classes!(current.then_some("selected"))}>
                                    <td class="name">{ name_cell }</td>
                                    <td class="num">{ sc.branches.len() }</td>
                                    <td class="num">{ sc.indicators.len() }</td>
                                    <td class="num">{ sc.periods.len() }</td>
                                    <td class="row-actions">
                                        <button class="ghost small" onclick={open} disabled={current} data-testid="scenario-open">{ T::Open.get(lang) }</button>
                                        <button class="ghost small" onclick={start_rename} data-testid="scenario-rename">{ T::Rename.get(lang) }</button>
                                        <button class="ghost small" onclick={dup} data-testid="scenario-duplicate">{ T::Duplicate.get(lang) }</button>
                                        { lock_buttons(i, sc.locked, &sc.name) }
                                        <button class="ghost small danger" onclick={del} disabled={state.doc.scenarios.len() < 2}
                                            title={T::LastDeleteRefused.get(lang)} data-testid="scenario-delete">{ T::Delete.get(lang) }</button>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
