//! Indicators: every field of an indicator (FORMAT.md) in one editor, the list grouped by dimension with each
//! weight's share of the total, reordering within a dimension, undoable deletion (which removes the indicator's
//! data everywhere), and the optional actions with the bonus cap.
//!
//! The editor keeps what is typed ([`IndicatorForm`]) and checks each field as it changes with the model's
//! rules; only a valid indicator is dispatched. Enter saves (Ctrl+Enter in a text box), Escape cancels.

use std::collections::BTreeMap;

use yew::prelude::*;

use crate::i18n::pages::TInd;
use crate::i18n::pages::TSet;
use crate::i18n::{kind_message, Lang, T};
use crate::model::edit::indicators::{self as ed, ActionForm, IndicatorForm, DIMENSIONS};
use crate::model::edit::settings as eds;
use crate::model::problem::ProblemKind;
use crate::model::{Direction, Flex, Indicator, IndicatorKind, Measure, Scenario};
use crate::ui::components::ed_input::{use_focus_on, EdInput};
use crate::ui::components::ed_undo::UndoNotice;
use crate::ui::components::field::{Field, SelectField};
use crate::ui::format::{fixed, plain};
use crate::ui::hooks::{use_app, use_lang};
use crate::ui::state::{Action, AppState, Edit};

/// The indicator editor: its position (`None` for a new one), the form, and which fields to show errors for.
#[derive(Clone, PartialEq)]
struct Draft {
    index: Option<usize>,
    form: IndicatorForm,
    touched: Vec<String>,
    attempted: bool,
    /// §1 target plans: a changed base target applies from this period on (its id, into that period's plan);
    /// `None`: from the start (the indicator's own base).
    base_from: Option<String>,
}

/// The label of a form field.
fn label(key: &str) -> TInd {
    match key {
        "id" => TInd::Id,
        "name" => TInd::Name,
        "dimension" => TInd::Dimension,
        "kind" => TInd::Kind,
        "measure" => TInd::Measure,
        "direction" => TInd::Direction,
        "unit" => TInd::Unit,
        "decimals" => TInd::Decimals,
        "base_target" => TInd::BaseTarget,
        "weight" => TInd::Weight,
        "tolerance" => TInd::Tolerance,
        "workload" => TInd::Workload,
        "measures" => TInd::Measures,
        "deadline" => TInd::Deadline,
        _ => TInd::Effect,
    }
}

fn kind_word(ind: &Indicator, lang: Lang) -> &'static str {
    match &ind.kind {
        IndicatorKind::Veto => TInd::KindVeto.get(lang),
        IndicatorKind::Scored(sc) => match sc.flex {
            Flex::Controllable => TInd::KindControllable.get(lang),
            Flex::Elastic => TInd::KindElastic.get(lang),
        },
    }
}

/// A deletion offered for undo while it is the last change.
#[derive(Clone, PartialEq)]
struct Deleted {
    text: String,
    revision: u64,
}

#[function_component]
pub fn Page() -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario().clone();
    let draft = use_state(|| None::<Draft>);
    let deleted = use_state(|| None::<Deleted>);
    use_focus_on(draft.as_ref().map(|d| format!("{:?}", d.index)), "f-ind-name");

    let open = {
        let draft = draft.clone();
        Callback::from(move |(index, form): (Option<usize>, IndicatorForm)| {
            draft.set(Some(Draft { index, form, touched: Vec::new(), attempted: false, base_from: None }))
        })
    };
    let on_add = {
        let (open, s) = (open.clone(), s.clone());
        Callback::from(move |_| open.emit((None, IndicatorForm::blank(&ed::next_indicator_id(&s)))))
    };
    let on_row = row_actions(&state, &open, &deleted, lang);
    let total = ed::total_weight(&s);
    let groups = ed::by_dimension(&s);
    // The indicator being edited is found by its id: undo or redo may have moved it meanwhile.
    let current_draft = draft.as_ref().map(|d| {
        let mut d = d.clone();
        if d.index.is_some() {
            d.index = s.indicators.iter().position(|x| x.id == d.form.id);
        }
        d
    });

    html! {
        <section class="ed" data-testid="indicators-page">
            <div class="page-head">
                <h2>{ TInd::Title.get(lang) }<span class="count" data-testid="indicator-count">{ s.indicators.len() }</span></h2>
                <button class="primary" onclick={on_add} disabled={draft.is_some()} data-testid="add-indicator">
                    {"＋ "}{ TInd::AddIndicator.get(lang) }
                </button>
            </div>
            <p class="muted ed-hint">{ TInd::Hint.get(lang) }</p>
            { current_draft.as_ref().map(|d| editor(&s, d, lang, &state, &draft)).unwrap_or_default() }
            if let Some(d) = deleted.as_ref() {
                <UndoNotice text={d.text.clone()} revision={d.revision} testid="indicator-deleted" />
            }
            if s.indicators.is_empty() {
                <p class="empty" data-testid="no-indicators">{ TInd::NoIndicators.get(lang) }</p>
            } else {
                <p class="ed-total">
                    { TInd::TotalWeight.get(lang) }{ TSet::Colon.get(lang) }<strong class="num" data-testid="total-weight">{ plain(total) }</strong>
                    <span class="muted">{" · "}{ TInd::ShareHint.get(lang) }</span>
                </p>
                { for groups.iter().map(|(dim, list)| group(&s, dim, list, lang, &on_row, draft.is_some())) }
            }
            <OptionalActions />
        </section>
    }
}

/// What the row buttons of the indicator tables do (`data-act` up, down, edit, delete on the row of
/// `data-id`): one listener for every table of the page.
fn row_actions(
    state: &UseReducerHandle<AppState>,
    open: &Callback<(Option<usize>, IndicatorForm)>,
    deleted: &UseStateHandle<Option<Deleted>>,
    lang: Lang,
) -> Callback<MouseEvent> {
    let (state, open, deleted) = (state.clone(), open.clone(), deleted.clone());
    Callback::from(move |e: MouseEvent| {
        let Some((act, id)) = crate::ui::view::action_of(&e) else { return };
        let s = state.scenario();
        let Some(i) = s.indicators.iter().position(|x| x.id == id) else { return };
        match act.as_str() {
            "edit" => open.emit((Some(i), IndicatorForm::of(&s.indicators[i]))),
            "delete" => {
                deleted.set(Some(Deleted {
                    text: format!(
                        "{}{}{}",
                        TInd::DeletedIndicator.get(lang),
                        TSet::Colon.get(lang),
                        s.indicators[i].name
                    ),
                    revision: state.revision + 1,
                }));
                state.dispatch(Action::Edit(Edit::new(T::Delete, move |sc| {
                    let i = ed::indicator_index(sc, &id)?;
                    ed::delete_indicator(sc, i).map(|_| ()).ok_or_else(Vec::new)
                })));
            }
            _ => {
                let up = act == "up";
                state.dispatch(Action::Edit(Edit::new(T::Edit, move |sc| {
                    let i = ed::indicator_index(sc, &id)?;
                    ed::move_indicator(sc, i, up)
                })))
            }
        }
    })
}

fn group(s: &Scenario, dim: &str, list: &[usize], lang: Lang, on_row: &Callback<MouseEvent>, editing: bool) -> Html {
    use crate::ui::view::{body_with, head, table, Col};
    let title = if dim.is_empty() { TInd::NoDimension.get(lang).to_string() } else { dim.to_string() };
    let group_weight: f64 = list.iter().filter_map(|i| s.indicators[*i].scored()).map(|sc| sc.weight).sum();
    let total = ed::total_weight(s);
    let heading_id = format!("dim-{}", list[0]);
    let w = |t: TInd| t.get(lang);
    let cols = [
        Col::new(w(TInd::Name), ""),
        Col::new(w(TInd::Kind), ""),
        Col::new(w(TInd::Measure), ""),
        Col::new(w(TInd::Target), "num"),
        Col::new(w(TInd::Tolerance), "num"),
        Col::new(w(TInd::Weight), "num"),
        Col::new(w(TInd::Share), ""),
        Col::hidden(T::Actions.get(lang)),
    ];
    let rows =
        list.iter().enumerate().map(|(pos, &i)| row(s, i, pos == 0, pos + 1 == list.len(), lang, editing)).collect();
    html! {
        <section class="ed-group" data-testid="indicator-group" data-dimension={dim.to_string()} aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>
                { title }
                <span class="count">{ list.len() }</span>
                <span class="muted ed-group-share">
                    { TInd::Weight.get(lang) }{" "}{ plain(group_weight) }
                    { if total > 0.0 { format!(" · {}%", fixed(100.0 * group_weight / total, 1)) } else { String::new() } }
                </span>
            </h3>
            { table("data ed-indicators", "", head(&cols, true), body_with(rows, Some(on_row.clone()), None, None)) }
        </section>
    }
}

fn row(s: &Scenario, i: usize, first: bool, last: bool, lang: Lang, editing: bool) -> Html {
    use crate::ui::view::{act_button, actions_cell, edit_delete, el, id_row, list, tag, td, text};
    let ind = &s.indicators[i];
    let (measure, target, tolerance) = match &ind.kind {
        IndicatorKind::Veto => ("—".to_string(), "—".to_string(), "—".to_string()),
        IndicatorKind::Scored(sc) => match &sc.measure {
            Measure::Qualitative => {
                (TInd::Qualitative.get(lang).to_string(), TInd::GradeA.get(lang).to_string(), "—".into())
            }
            Measure::Quantitative(q) => {
                let dir = match q.direction {
                    Direction::Higher => format!("↑ {}", TInd::Higher.get(lang)),
                    Direction::Lower => format!("↓ {}", TInd::Lower.get(lang)),
                };
                let tol = if sc.flex == Flex::Elastic { plain(q.tolerance) } else { "—".into() };
                (
                    format!("{} · {dir}", TInd::Quantitative.get(lang)),
                    format!("{} {}", fixed(q.base_target, q.decimals as usize), q.unit),
                    tol,
                )
            }
        },
    };
    let share = ed::weight_share(s, ind);
    let plan = &ind.plan;
    let plan_items: Vec<Html> = [
        (TInd::Workload, &plan.workload),
        (TInd::Measures, &plan.measures),
        (TInd::Deadline, &plan.deadline),
        (TInd::Effect, &plan.effect),
    ]
    .into_iter()
    .filter(|(_, t)| !t.trim().is_empty())
    .flat_map(|(k, t)| [el("dt", "", text(k.get(lang).into())), el("dd", "", text(t.clone().into()))])
    .collect();
    let mut name = vec![
        tag("span", &["data-testid"], vec![Some("indicator-row-name".into())], text(ind.name.clone().into())).into(),
        text(" ".into()),
        el("code", "muted", text(ind.id.clone().into())),
    ];
    if !plan_items.is_empty() {
        name.push(el(
            "details",
            "ed-plan",
            list(vec![el("summary", "", text(TInd::PlanShort.get(lang).into())), el("dl", "", list(plan_items))]),
        ));
    }
    let share_cell = match share {
        Some(sh) => list(vec![
            el("span", "num", text(format!("{}%", fixed(100.0 * sh, 1)).into())),
            tag(
                "span",
                &["class", "aria-hidden"],
                vec![Some("ed-bar".into()), Some("true".into())],
                tag("span", &["style"], vec![Some(format!("width:{:.1}%", 100.0 * sh).into())], Html::default()).into(),
            )
            .into(),
        ]),
        None => text("—".into()),
    };
    let n = &ind.name;
    let cells = vec![
        el("td", "name", list(name)),
        td("", kind_word(ind, lang).to_string()),
        td("", measure),
        td("num", target),
        td("num", tolerance),
        td("num", ind.scored().map(|sc| plain(sc.weight)).unwrap_or_else(|| "—".into())),
        tag("td", &["class", "data-testid"], vec![Some("ed-share".into()), Some("ind-share".into())], share_cell)
            .into(),
        actions_cell(
            [
                act_button(
                    "ghost small",
                    "up",
                    "ind-up",
                    Some(format!("{} {n}", TInd::MoveUp.get(lang))),
                    Some(TInd::MoveUp.get(lang)),
                    first,
                    "↑",
                ),
                act_button(
                    "ghost small",
                    "down",
                    "ind-down",
                    Some(format!("{} {n}", TInd::MoveDown.get(lang))),
                    Some(TInd::MoveDown.get(lang)),
                    last,
                    "↓",
                ),
            ]
            .into_iter()
            .chain(edit_delete(
                n,
                ("edit", "ind-edit", T::Edit.get(lang), editing),
                ("ind-delete", T::Delete.get(lang)),
            ))
            .collect(),
        ),
    ];
    let mut tr = id_row("indicator-row", &ind.id, cells);
    tr.key = Some(ind.id.as_str().into());
    tr.into()
}

/// §1 target plans: "from the start" or "from a chosen period" for a changed base target.
fn base_from_choice(s: &Scenario, d: &Draft, lang: Lang, draft: &UseStateHandle<Option<Draft>>) -> Html {
    use crate::i18n::pages::TPlan;
    let onchange = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(mut d) = (*draft).clone() {
                d.base_from = (!v.is_empty()).then_some(v);
                draft.set(Some(d));
            }
        })
    };
    let chosen = d.base_from.clone().unwrap_or_default();
    html! {
        <div class="field wide" data-testid="ind-base-from-field">
            <label for="f-ind-base-from">{ TPlan::BaseWhen.get(lang) }</label>
            <select id="f-ind-base-from" data-testid="ind-base-from" {onchange}>
                <option value="" selected={chosen.is_empty()}>{ TPlan::BaseFromStart.get(lang) }</option>
                { for s.periods.iter().map(|p| html! {
                    <option value={p.id.clone()} selected={chosen == p.id}>
                        { TPlan::BaseFromPeriod.get(lang) }{"："}{ p.name.clone() }
                    </option>
                }) }
            </select>
        </div>
    }
}

fn editor(
    s: &Scenario,
    d: &Draft,
    lang: Lang,
    state: &UseReducerHandle<AppState>,
    draft: &UseStateHandle<Option<Draft>>,
) -> Html {
    let original = d.index.and_then(|i| s.indicators.get(i));
    let parsed = d.form.parse(s, d.index, original);
    let errors: BTreeMap<String, ProblemKind> = parsed.as_ref().err().cloned().unwrap_or_default();
    let error_of = |key: &str| -> Option<AttrValue> {
        let show = d.attempted || d.touched.iter().any(|t| t == key);
        errors.get(key).filter(|_| show && d.form.shows(key)).map(|k| {
            AttrValue::from(format!(
                "{}{sep}{}",
                label(key).get(lang),
                kind_message(k, lang),
                sep = TSet::Colon.get(lang)
            ))
        })
    };
    let set = |key: &'static str| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            if let Some(mut d) = (*draft).clone() {
                *d.form.field_mut(key) = v;
                if !d.touched.iter().any(|t| t == key) {
                    d.touched.push(key.to_string());
                }
                draft.set(Some(d));
            }
        })
    };
    let losses = match original {
        Some(o) => ed::losses(s, d.index.unwrap_or_default(), &Indicator { kind: d.form.kind_shape(), ..o.clone() }),
        None => ed::Losses::default(),
    };
    // §1 target plans: when plans exist and the base target changes, it may apply from a chosen period on.
    let old_base = original.and_then(|o| o.quantitative()).map(|q| q.base_target);
    let new_base = parsed.as_ref().ok().and_then(|i| i.quantitative()).map(|q| q.base_target);
    let asks_from = !s.target_plans.is_empty() && old_base.is_some() && new_base.is_some() && old_base != new_base;
    let from_period = d.base_from.as_ref().and_then(|id| s.period_index(id)).filter(|_| asks_from);
    let save = {
        let (state, draft, parsed, index) = (state.clone(), draft.clone(), parsed.clone(), d.index);
        let new_name = from_period
            .map(|u| format!("{}{}", s.periods[u].name, crate::i18n::pages::TPlan::NewPlanName.get(lang)))
            .unwrap_or_default();
        move || match parsed.clone() {
            Ok(ind) => {
                let label = if index.is_some() { T::Edit } else { T::Add };
                let new_name = new_name.clone();
                state.dispatch(Action::Edit(Edit::new(label, move |sc| match index {
                    Some(_) => {
                        let i = ed::indicator_index(sc, &ind.id)?;
                        match (from_period, old_base, new_base) {
                            (Some(u), Some(old), Some(new)) => {
                                // The other changes as they are; the base from period u on, in its plan.
                                let mut kept = ind.clone();
                                if let crate::model::IndicatorKind::Scored(crate::model::Scored {
                                    measure: crate::model::Measure::Quantitative(q),
                                    ..
                                }) = &mut kept.kind
                                {
                                    q.base_target = old;
                                }
                                let mut next = sc.clone();
                                ed::update_indicator(&mut next, i, kept)?;
                                crate::model::edit::plans::set_base_from(&mut next, u, &ind.id, new, &new_name)?;
                                *sc = next;
                                Ok(())
                            }
                            _ => ed::update_indicator(sc, i, ind.clone()),
                        }
                    }
                    None => ed::add_indicator(sc, ind.clone()),
                })));
                draft.set(None);
            }
            Err(_) => {
                if let Some(mut d) = (*draft).clone() {
                    d.attempted = true;
                    draft.set(Some(d));
                }
            }
        }
    };
    let onsubmit = {
        let save = save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save();
        })
    };
    let onkeydown = {
        let draft = draft.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                draft.set(None);
            } else if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                save();
            }
        })
    };
    let cancel = {
        let draft = draft.clone();
        Callback::from(move |_| draft.set(None))
    };
    let f = &d.form;
    let opts = |list: &[(&'static str, TInd)]| -> Vec<(AttrValue, AttrValue)> {
        list.iter().map(|(v, t)| (AttrValue::from(*v), AttrValue::from(t.get(lang)))).collect()
    };
    let textarea = |key: &'static str| {
        let id = format!("f-ind-{key}");
        let err = error_of(key);
        let oninput = {
            let set = set(key);
            Callback::from(move |e: InputEvent| {
                set.emit(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())
            })
        };
        html! {
            <div class={classes!("field", err.is_some().then_some("invalid"))}>
                <label for={id.clone()}>{ label(key).get(lang) }</label>
                <textarea id={id} rows="2" value={f.field(key).to_string()} {oninput}
                    aria-invalid={err.is_some().to_string()} data-testid={format!("ind-{key}")} />
                if let Some(err) = err {
                    <div class="field-error" role="alert" data-testid={format!("ind-{key}-error")}>{ err }</div>
                }
            </div>
        }
    };
    // Dimensions offered while typing: the five goods and those already used.
    let mut dims: Vec<String> = DIMENSIONS.iter().map(|d| d.to_string()).collect();
    for ind in &s.indicators {
        if !ind.dimension.trim().is_empty() && !dims.contains(&ind.dimension) {
            dims.push(ind.dimension.clone());
        }
    }
    let dim_error = error_of("dimension");
    let dim_input = {
        let set = set("dimension");
        Callback::from(move |e: InputEvent| set.emit(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let title = if d.index.is_some() { TInd::EditIndicator } else { TInd::NewIndicator };
    html! {
        <form class="editor card ed-editor" {onsubmit} {onkeydown} novalidate=true data-testid="indicator-editor">
            <h3>
                { title.get(lang) }
                if d.index.is_some() {
                    <span class="muted">{" · "}{ TInd::Id.get(lang) }{" "}<code>{ f.id.clone() }</code></span>
                }
            </h3>
            <div class="grid">
                <Field label={TInd::Name.get(lang)} value={f.name.clone()} oninput={set("name")} error={error_of("name")}
                    testid="ind-name" autofocus=true class="wide" />
                if d.index.is_none() {
                    <Field label={TInd::Id.get(lang)} value={f.id.clone()} oninput={set("id")} error={error_of("id")}
                        testid="ind-id" hint={AttrValue::from(TInd::IdHint.get(lang))} />
                }
                <div class={classes!("field", dim_error.is_some().then_some("invalid"))}>
                    <label for="f-ind-dimension">{ TInd::Dimension.get(lang) }</label>
                    <input id="f-ind-dimension" type="text" list="ind-dimensions" value={f.dimension.clone()} oninput={dim_input}
                        aria-invalid={dim_error.is_some().to_string()} data-testid="ind-dimension" />
                    <datalist id="ind-dimensions">
                        { for dims.iter().map(|d| html! { <option value={d.clone()} /> }) }
                    </datalist>
                    <div class="hint">{ TInd::DimensionHint.get(lang) }</div>
                    if let Some(err) = dim_error {
                        <div class="field-error" role="alert" data-testid="ind-dimension-error">{ err }</div>
                    }
                </div>
            </div>
            <fieldset>
                <legend>{ TInd::Kind.get(lang) }{" · "}{ TInd::Measure.get(lang) }</legend>
                <div class="grid">
                    <SelectField label={TInd::Kind.get(lang)} value={f.kind.clone()} onchange={set("kind")} testid="ind-kind"
                        options={opts(&[("controllable", TInd::KindControllable), ("elastic", TInd::KindElastic), ("veto", TInd::KindVeto)])} />
                    if f.shows("measure") {
                        <SelectField label={TInd::Measure.get(lang)} value={f.measure.clone()} onchange={set("measure")} testid="ind-measure"
                            options={opts(&[("quantitative", TInd::Quantitative), ("qualitative", TInd::Qualitative)])} />
                    }
                    if f.shows("direction") {
                        <SelectField label={TInd::Direction.get(lang)} value={f.direction.clone()} onchange={set("direction")} testid="ind-direction"
                            options={opts(&[("higher", TInd::Higher), ("lower", TInd::Lower)])} />
                    }
                    if f.shows("weight") {
                        <Field label={TInd::Weight.get(lang)} value={f.weight.clone()} oninput={set("weight")} error={error_of("weight")}
                            testid="ind-weight" kind="text" />
                    }
                </div>
                if f.is_veto() {
                    <p class="muted ed-note" data-testid="ind-veto-note">{ TInd::VetoNote.get(lang) }</p>
                } else if !f.is_quantitative() {
                    <p class="muted ed-note">{ TInd::QualitativeNote.get(lang) }</p>
                } else {
                    <div class="grid">
                        <Field label={TInd::BaseTarget.get(lang)} value={f.base_target.clone()} oninput={set("base_target")}
                            error={error_of("base_target")} testid="ind-base_target" />
                        if asks_from {
                            { base_from_choice(s, d, lang, draft) }
                        }
                        <Field label={TInd::Unit.get(lang)} value={f.unit.clone()} oninput={set("unit")} error={error_of("unit")}
                            testid="ind-unit" />
                        <Field label={TInd::Decimals.get(lang)} value={f.decimals.clone()} oninput={set("decimals")}
                            error={error_of("decimals")} testid="ind-decimals" hint={AttrValue::from(TInd::DecimalsHint.get(lang))} />
                        if f.shows("tolerance") {
                            <Field label={TInd::Tolerance.get(lang)} value={f.tolerance.clone()} oninput={set("tolerance")}
                                error={error_of("tolerance")} testid="ind-tolerance" hint={AttrValue::from(TInd::ToleranceHint.get(lang))} />
                        }
                    </div>
                }
            </fieldset>
            <fieldset>
                <legend>{ TInd::Plan.get(lang) }</legend>
                <div class="grid ed-plan-grid">
                    { textarea("workload") }
                    { textarea("measures") }
                    { textarea("deadline") }
                    { textarea("effect") }
                </div>
            </fieldset>
            if !losses.is_empty() {
                <p class="ed-warning" role="status" data-testid="ind-losses">
                    {"⚠ "}{ TInd::Losses.get(lang) }{" "}
                    { [(losses.actuals, TInd::LossActuals), (losses.vetoes, TInd::LossVetoes),
                       (losses.overrides, TInd::LossOverrides), (losses.history, TInd::LossHistory)]
                        .iter().filter(|(n, _)| *n > 0).map(|(n, t)| format!("{n} {}", t.get(lang))).collect::<Vec<_>>().join(TSet::And.get(lang)) }
                </p>
            }
            if d.attempted && !errors.is_empty() {
                <p class="form-error" role="alert" data-testid="ind-form-error">{ T::FixErrors.get(lang) }</p>
            }
            <div class="buttons">
                <button type="submit" class="primary" data-testid="ind-save">{ T::Save.get(lang) }</button>
                <button type="button" class="ghost" onclick={cancel} data-testid="ind-cancel">{ T::Cancel.get(lang) }</button>
                <span class="muted ed-keys">{ TInd::KeysHint.get(lang) }</span>
            </div>
        </form>
    }
}

/// The optional-action editor's state.
#[derive(Clone, PartialEq)]
struct ActionDraft {
    index: Option<usize>,
    form: ActionForm,
    touched: Vec<&'static str>,
    attempted: bool,
}

/// Optional actions (自选动作) with their points, and the bonus cap.
#[function_component]
fn OptionalActions() -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario().clone();
    let draft = use_state(|| None::<ActionDraft>);
    let deleted = use_state(|| None::<Deleted>);
    use_focus_on(draft.as_ref().map(|d| format!("{:?}", d.index)), "f-act-name");

    let on_add = {
        let (draft, s) = (draft.clone(), s.clone());
        Callback::from(move |_| {
            draft.set(Some(ActionDraft {
                index: None,
                form: ActionForm::blank(&ed::next_action_id(&s)),
                touched: Vec::new(),
                attempted: false,
            }))
        })
    };

    let form = draft.as_ref().map(|d| {
        let mut d = d.clone();
        if d.index.is_some() {
            d.index = s.optional_actions.iter().position(|a| a.id == d.form.id);
        }
        let d = &d;
        let parsed = d.form.parse(&s, d.index);
        let errors = parsed.as_ref().err().cloned().unwrap_or_default();
        let error_of = |key: &'static str, l: TInd| {
            (d.attempted || d.touched.contains(&key))
                .then(|| errors.get(key).map(|k| AttrValue::from(format!("{}{sep}{}", l.get(lang), kind_message(k, lang), sep = TSet::Colon.get(lang)))))
                .flatten()
        };
        let set = |key: &'static str| {
            let draft = draft.clone();
            Callback::from(move |v: String| {
                if let Some(mut d) = (*draft).clone() {
                    match key {
                        "id" => d.form.id = v,
                        "name" => d.form.name = v,
                        _ => d.form.points = v,
                    }
                    if !d.touched.contains(&key) {
                        d.touched.push(key);
                    }
                    draft.set(Some(d));
                }
            })
        };
        let onsubmit = {
            let (state, draft, parsed, index) = (state.clone(), draft.clone(), parsed.clone(), d.index);
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                match parsed.clone() {
                    Ok(a) => {
                        let label = if index.is_some() { T::Edit } else { T::Add };
                        state.dispatch(Action::Edit(Edit::new(label, move |sc| match index {
                            Some(_) => {
                                let i = ed::action_index(sc, &a.id)?;
                                ed::update_action(sc, i, a.clone())
                            }
                            None => ed::add_action(sc, a.clone()),
                        })));
                        draft.set(None);
                    }
                    Err(_) => {
                        if let Some(mut d) = (*draft).clone() {
                            d.attempted = true;
                            draft.set(Some(d));
                        }
                    }
                }
            })
        };
        let onkeydown = {
            let draft = draft.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Escape" {
                    draft.set(None);
                }
            })
        };
        let cancel = {
            let draft = draft.clone();
            Callback::from(move |_| draft.set(None))
        };
        let title = if d.index.is_some() { TInd::EditAction } else { TInd::NewAction };
        html! {
            <form class="editor card ed-inline-form" {onsubmit} {onkeydown} novalidate=true data-testid="action-editor">
                <h4>
                    { title.get(lang) }
                    if d.index.is_some() { <span class="muted">{" · "}<code>{ d.form.id.clone() }</code></span> }
                </h4>
                <div class="grid">
                    <Field label={TInd::ActionName.get(lang)} value={d.form.name.clone()} oninput={set("name")}
                        error={error_of("name", TInd::ActionName)} testid="act-name" autofocus=true class="wide" />
                    if d.index.is_none() {
                        <Field label={TInd::ActionId.get(lang)} value={d.form.id.clone()} oninput={set("id")}
                            error={error_of("id", TInd::ActionId)} testid="act-id" />
                    }
                    <Field label={TInd::Points.get(lang)} value={d.form.points.clone()} oninput={set("points")}
                        error={error_of("points", TInd::Points)} testid="act-points" />
                </div>
                if d.attempted && !errors.is_empty() {
                    <p class="form-error" role="alert">{ T::FixErrors.get(lang) }</p>
                }
                <div class="buttons">
                    <button type="submit" class="primary" data-testid="act-save">{ T::Save.get(lang) }</button>
                    <button type="button" class="ghost" onclick={cancel} data-testid="act-cancel">{ T::Cancel.get(lang) }</button>
                </div>
            </form>
        }
    });

    // The bonus cap, a setting shown here where the points are.
    let cap_spec = crate::model::settings::number("scoring.bonus_cap").expect("bonus_cap is a setting");
    let cap_check = Callback::from(move |t: String| {
        eds::parse_number(&t).and_then(|v| eds::check_number(cap_spec, v)).err().map(|k| {
            AttrValue::from(format!(
                "{}{sep}{}",
                TInd::BonusCap.get(lang),
                kind_message(&k, lang),
                sep = TSet::Colon.get(lang)
            ))
        })
    });
    let cap_commit = {
        let (state, current) = (state.clone(), s.settings.scoring.bonus_cap);
        Callback::from(move |t: String| {
            if let Ok(v) = eds::parse_number(&t) {
                if v != current {
                    state.dispatch(Action::Edit(Edit::new(T::Edit, move |sc| {
                        eds::set_number(sc, "scoring.bonus_cap", v)
                    })));
                }
            }
        })
    };
    let points_sum: f64 = s.optional_actions.iter().map(|a| a.points).sum();
    let action_table = {
        use crate::ui::view::{actions_cell, body_with, edit_delete, el, head, id_row, list, table, td, text, Col};
        let w = |t: TInd| t.get(lang);
        let cols = [
            Col::new(w(TInd::ActionId), ""),
            Col::new(w(TInd::ActionName), ""),
            Col::new(w(TInd::Points), "num"),
            Col::new(w(TInd::UsedIn), "num"),
            Col::hidden(T::Actions.get(lang)),
        ];
        let editing = draft.is_some();
        let rows = s
            .optional_actions
            .iter()
            .map(|a| {
                let n = &a.name;
                let cells = vec![
                    el("td", "", el("code", "", text(a.id.clone().into()))),
                    td("name", a.name.clone()),
                    td("num", plain(a.points)),
                    td("num", ed::action_uses(&s, &a.id).to_string()),
                    actions_cell(edit_delete(
                        n,
                        ("edit", "act-edit", T::Edit.get(lang), editing),
                        ("act-delete", T::Delete.get(lang)),
                    )),
                ];
                let mut tr = id_row("action-row", &a.id, cells);
                tr.key = Some(a.id.as_str().into());
                tr.into()
            })
            .collect();
        let onclick = {
            let (state, draft, deleted) = (state.clone(), draft.clone(), deleted.clone());
            Callback::from(move |e: MouseEvent| {
                let Some((act, id)) = crate::ui::view::action_of(&e) else { return };
                let s = state.scenario();
                let Some(i) = s.optional_actions.iter().position(|a| a.id == id) else { return };
                if act == "edit" {
                    draft.set(Some(ActionDraft {
                        index: Some(i),
                        form: ActionForm::of(&s.optional_actions[i]),
                        touched: Vec::new(),
                        attempted: false,
                    }));
                } else {
                    deleted.set(Some(Deleted {
                        text: format!(
                            "{}{}{}",
                            TInd::DeletedAction.get(lang),
                            TSet::Colon.get(lang),
                            s.optional_actions[i].name
                        ),
                        revision: state.revision + 1,
                    }));
                    state.dispatch(Action::Edit(Edit::new(T::Delete, move |sc| {
                        let i = ed::action_index(sc, &id)?;
                        ed::delete_action(sc, i).map(|_| ()).ok_or_else(Vec::new)
                    })));
                }
            })
        };
        let foot = html! {
            <tfoot>
                <tr>
                    <th colspan="2">{ TInd::Points.get(lang) }{" Σ"}</th>
                    <td class="num">{ plain(points_sum) }</td>
                    <td colspan="2" class="muted">{ TInd::BonusCap.get(lang) }{" "}{ plain(s.settings.scoring.bonus_cap) }</td>
                </tr>
            </tfoot>
        };
        table("data", "action-table", head(&cols, true), list(vec![body_with(rows, Some(onclick), None, None), foot]))
    };

    html! {
        <section class="ed-actions" data-testid="optional-actions" aria-labelledby="actions-title">
            <div class="page-head">
                <h3 id="actions-title">{ TInd::OptionalActions.get(lang) }<span class="count">{ s.optional_actions.len() }</span></h3>
                <button class="primary" onclick={on_add} disabled={draft.is_some()} data-testid="add-action">
                    {"＋ "}{ TInd::AddAction.get(lang) }
                </button>
            </div>
            <p class="muted ed-hint">{ TInd::OptionalHint.get(lang) }</p>
            <div class="ed-cap">
                <EdInput label={TInd::BonusCap.get(lang)} show_label=true value={plain(s.settings.scoring.bonus_cap)}
                    numeric=true check={cap_check} commit={cap_commit} testid="bonus-cap" describedby={AttrValue::from("bonus-cap-hint")} />
                <p class="hint" id="bonus-cap-hint">{ TInd::BonusCapHint.get(lang) }</p>
            </div>
            { form.unwrap_or_default() }
            if let Some(d) = deleted.as_ref() {
                <UndoNotice text={d.text.clone()} revision={d.revision} testid="action-deleted" />
            }
            if s.optional_actions.is_empty() {
                <p class="empty">{ TInd::NoActions.get(lang) }</p>
            } else {
                { action_table }
            }
        </section>
    }
}
