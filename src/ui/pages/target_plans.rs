//! The period selector of the targets page (METHOD.md §1, target plans): which period's targets are shown and
//! edited, which plan holds them, "new target plan from this period", and the plan's rename and delete (both
//! undoable like any edit).

use yew::prelude::*;

use crate::engine::targets::{plan_in_force, plan_starting_at};
use crate::i18n::pages::TPlan;
use crate::i18n::{Lang, T};
use crate::model::edit::plans;
use crate::model::Scenario;
use crate::ui::hooks::{use_app, use_lang};
use crate::ui::state::{Action, Edit};

/// "2024年第1季度起 · 2024年度目标" ("From 2024年第1季度 · 2024年度目标"): the period and who holds the targets
/// in force in it.
pub fn in_force_label(s: &Scenario, at: Option<usize>, lang: Lang) -> String {
    let holder = match at.and_then(|u| plan_in_force(s, u)) {
        Some(i) => s.target_plans[i].name.clone(),
        None => TPlan::OwnTargets.get(lang).to_string(),
    };
    match at.and_then(|u| s.periods.get(u)) {
        Some(p) => format!("{} · {}", TPlan::FromPeriod.get(lang).replace("{}", &p.name), holder),
        None => holder,
    }
}

#[derive(Properties, PartialEq)]
pub struct PlanBarProps {
    /// The chosen period (index), `None` when the scenario has no period.
    pub at: Option<usize>,
    /// A period was chosen (its id).
    pub on_select: Callback<String>,
}

#[function_component(PlanBar)]
pub fn plan_bar(props: &PlanBarProps) -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario().clone();
    let draft = use_state(|| None::<String>);
    let Some(u) = props.at.filter(|&u| u < s.periods.len()) else {
        return Html::default();
    };
    let plan = plan_in_force(&s, u);
    let starts_here = plan_starting_at(&s, u).is_some();

    let onchange = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            on_select.emit(el.value());
        })
    };
    let on_new = {
        let (state, s) = (state.clone(), s.clone());
        Callback::from(move |_| {
            let id = plans::next_plan_id(&s, u);
            let name = format!("{}{}", s.periods[u].name, TPlan::NewPlanName.get(lang));
            state.dispatch(Action::Edit(Edit::new(T::Add, move |sc| plans::add_plan(sc, u, &id, &name).map(|_| ()))));
        })
    };
    let plan_controls = plan.map(|i| {
        let p = &s.target_plans[i];
        let text = (*draft).clone().unwrap_or_else(|| p.name.clone());
        let commit = {
            let (state, draft, old, text) = (state.clone(), draft.clone(), p.name.clone(), text.clone());
            move || {
                if text.trim() != old && !text.trim().is_empty() {
                    let name = text.clone();
                    state.dispatch(Action::Edit(Edit::new(T::Rename, move |sc| plans::rename_plan(sc, i, &name))));
                }
                draft.set(None);
            }
        };
        let oninput = {
            let draft = draft.clone();
            Callback::from(move |e: InputEvent| {
                let el: web_sys::HtmlInputElement = e.target_unchecked_into();
                draft.set(Some(el.value()));
            })
        };
        let onblur = {
            let commit = commit.clone();
            Callback::from(move |_: FocusEvent| commit())
        };
        let onkeydown = {
            let (draft, commit) = (draft.clone(), commit.clone());
            Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                "Enter" => commit(),
                "Escape" => draft.set(None),
                _ => {}
            })
        };
        let on_delete = {
            let state = state.clone();
            Callback::from(move |_| {
                state.dispatch(Action::Edit(Edit::new(T::Delete, move |sc| {
                    plans::delete_plan(sc, i).map(|_| ()).ok_or_else(Vec::new)
                })));
            })
        };
        html! {
            <>
                <div class="field plan-name">
                    <label for="f-plan-name">{ TPlan::PlanName.get(lang) }</label>
                    <input id="f-plan-name" value={text} {oninput} {onblur} {onkeydown} data-testid="plan-name" />
                </div>
                <div class="field">
                    <span class="label-space" aria-hidden="true">{"\u{a0}"}</span>
                    <button class="ghost danger" onclick={on_delete} data-testid="plan-delete"
                        title={format!("{} {}", TPlan::DeletePlan.get(lang), p.name)}>
                        { TPlan::DeletePlan.get(lang) }
                    </button>
                </div>
            </>
        }
    });

    html! {
        <div class="plan-bar" data-testid="plan-bar">
            <div class="field">
                <label for="f-plan-period">{ TPlan::AppliesTo.get(lang) }</label>
                <select id="f-plan-period" data-testid="plan-period" {onchange}>
                    { for s.periods.iter().enumerate().map(|(k, p)| {
                        let started = plan_starting_at(&s, k).map(|i| format!(" ◆ {}", s.target_plans[i].name));
                        html! {
                            <option value={p.id.clone()} selected={k == u}>
                                { p.name.clone() }{ started.unwrap_or_default() }
                            </option>
                        }
                    }) }
                </select>
            </div>
            <div class="plan-in-force" data-testid="plan-in-force">
                { in_force_label(&s, Some(u), lang) }
            </div>
            <div class="field">
                <span class="label-space" aria-hidden="true">{"\u{a0}"}</span>
                <button onclick={on_new} disabled={starts_here} data-testid="new-plan" title={TPlan::NewPlanHint.get(lang)}>
                    { TPlan::NewPlan.get(lang) }
                </button>
            </div>
            { for plan_controls }
        </div>
    }
}
