//! Settings: every `settings.*` of METHOD.md, grouped by section, each with its meaning, its default, its
//! allowed range, an inline check and "reset to default" (per setting and per section). The numeric ones are
//! driven by [`NUMBERS`] through [`crate::model::edit::settings`]; nothing here repeats a range. A value
//! applies when it is committed (Enter or leaving the field) and valid; the results are recomputed at once.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::evaluation::members_weight_not_largest;
use crate::i18n::pages::settings::{section_title, setting_texts};
use crate::i18n::pages::TSet;
use crate::i18n::{kind_message, Lang, T};
use crate::model::edit::settings::{self as eds, Section, SectionId, SECTIONS};
use crate::model::problem::ProblemKind;
use crate::model::settings::{self, Allocation, NumberSetting, TierMethod};
use crate::model::{Problem, Scenario};
use crate::ui::components::ed_input::EdInput;
use crate::ui::format::plain;
use crate::ui::hooks::{use_app, use_lang};
use crate::ui::state::{Action, AppState, Edit};

/// A stable name of a section for tests and anchors.
fn section_key(id: SectionId) -> &'static str {
    match id {
        SectionId::Differentiation => "differentiation",
        SectionId::Scoring => "scoring",
        SectionId::Evaluation => "evaluation",
        SectionId::Final => "final",
        SectionId::Tiers => "tiers",
        SectionId::Consequences => "consequences",
        SectionId::Grades => "grades",
        SectionId::Motivation => "motivation",
        SectionId::Simulation => "simulation",
    }
}

/// The allowed range in words, from the setting's own bounds: "0 … 1", "> 0, ≤ 10", "any number", "whole number".
pub fn range_text(spec: &NumberSetting, lang: Lang) -> String {
    let unbounded = spec.min <= -1e12 && spec.max >= 1e12;
    let mut text = if unbounded {
        TSet::AnyNumber.get(lang).to_string()
    } else if !spec.min_exclusive && !spec.max_exclusive {
        format!("{} … {}", plain(spec.min), plain(spec.max))
    } else {
        let lo = if spec.min_exclusive { ">" } else { "≥" };
        let hi = if spec.max_exclusive { "<" } else { "≤" };
        format!("{lo} {}{}{hi} {}", plain(spec.min), TSet::And.get(lang), plain(spec.max))
    };
    if spec.integer {
        text.push_str(TSet::And.get(lang));
        text.push_str(TSet::WholeNumber.get(lang));
    }
    text
}

/// A problem of a setting in words, naming the setting.
fn message(label: TSet, spec: Option<&NumberSetting>, kind: &ProblemKind, lang: Lang) -> AttrValue {
    let what = match (kind, spec) {
        (ProblemKind::OutOfRange { .. }, Some(spec)) => {
            format!("{} {}", TSet::OutOfRange.get(lang), range_text(spec, lang))
        }
        (ProblemKind::Inconsistent { .. }, _) => TSet::FactorOrder.get(lang).to_string(),
        _ => kind_message(kind, lang),
    };
    AttrValue::from(format!("{}{sep}{what}", label.get(lang), sep = TSet::Colon.get(lang)))
}

/// Tries an edit on a copy of the scenario: the first problem it has, if any.
fn trial(s: &Scenario, f: impl FnOnce(&mut Scenario) -> Result<(), Vec<Problem>>) -> Option<ProblemKind> {
    let mut copy = s.clone();
    f(&mut copy).err().and_then(|p| p.into_iter().next()).map(|p| p.kind)
}

fn dispatch(state: &UseReducerHandle<AppState>, f: impl Fn(&mut Scenario) -> Result<(), Vec<Problem>> + 'static) {
    state.dispatch(Action::Edit(Edit::new(T::Edit, f)));
}

#[function_component]
pub fn Page() -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario().clone();
    html! {
        <section class="ed ed-settings-page" data-testid="settings-page">
            <div class="page-head">
                <h2>{ TSet::Title.get(lang) }</h2>
            </div>
            <p class="muted ed-hint">{ TSet::Hint.get(lang) }</p>
            <nav class="ed-toc" aria-label={TSet::Title.get(lang)}>
                { for SECTIONS.iter().map(|sec| html! {
                    <a href="#/settings" onclick={scroll_to(section_key(sec.id))}>
                        { sec.mark }{" "}{ section_title(sec.id).get(lang) }
                    </a>
                }) }
            </nav>
            { for SECTIONS.iter().map(|sec| section(&s, sec, lang, &state)) }
        </section>
    }
}

/// Moves the focus to a section (the table of contents works with hash routes, so no anchors).
fn scroll_to(key: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        let el =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("settings-{key}")));
        if let Some(el) = el {
            el.scroll_into_view();
            if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = h.focus();
            }
        }
    })
}

/// One section of settings as a card (also used by the grades page for §10).
pub fn section(s: &Rc<Scenario>, sec: &'static Section, lang: Lang, state: &UseReducerHandle<AppState>) -> Html {
    let key = section_key(sec.id);
    let at_default = eds::section_is_default(&s.settings, sec.id);
    let reset = {
        let (state, id) = (state.clone(), sec.id);
        Callback::from(move |_| dispatch(&state, move |sc| eds::reset_section(sc, id)))
    };
    let title = section_title(sec.id);
    let warning = sec.id == SectionId::Evaluation && members_weight_not_largest(&s.settings.evaluation);
    let head = {
        use crate::ui::view::{head, Col};
        let w = |t: TSet| t.get(lang);
        head(
            &[
                Col::new(w(TSet::Setting), ""),
                Col::new(w(TSet::Value), ""),
                Col::new(w(TSet::Default), "num"),
                Col::new(w(TSet::Range), ""),
                Col::hidden(w(TSet::Reset)),
            ],
            true,
        )
    };
    let mut rows: Vec<Html> =
        sec.special.iter().filter(|p| !p.starts_with("grades.")).map(|p| choice_row(s, p, lang, state)).collect();
    rows.extend(sec.numbers.iter().map(|p| number_row(s, p, lang, state)));
    html! {
        <section class="card ed-section" id={format!("settings-{key}")} tabindex="-1"
            data-testid={format!("settings-section-{key}")} aria-labelledby={format!("settings-{key}-title")}>
            <div class="ed-section-head">
                <h3 id={format!("settings-{key}-title")}><span class="ed-mark">{ sec.mark }</span>{" "}{ title.get(lang) }</h3>
                if at_default {
                    <span class="muted">{"✓ "}{ TSet::AllDefault.get(lang) }</span>
                }
                <button class="ghost small" onclick={reset} disabled={at_default} data-testid={format!("section-reset-{key}")}
                    aria-label={format!("{}{sep}{} {}", TSet::ResetSection.get(lang), sec.mark, title.get(lang), sep = TSet::Colon.get(lang))}>
                    {"↺ "}{ TSet::ResetSection.get(lang) }
                </button>
            </div>
            if warning {
                <p class="ed-warning" role="alert" data-testid="members-weight-warning">{"⚠ "}{ T::MembersWeightWarning.get(lang) }</p>
            }
            <div class="table-wrap ed-settings-wrap">
                <table class="data ed-settings">
                    { head }
                    { crate::ui::view::body_with(rows, Some(on_reset(state)), None, None) }
                </table>
            </div>
            if sec.id == SectionId::Grades {
                { grade_table(s, lang, state) }
            }
        </section>
    }
}

/// The first cell of a row: the setting's label, its path and its meaning.
fn label_cell(path: &str, label: TSet, meaning: TSet, changed: bool, lang: Lang) -> Html {
    use crate::ui::view::{el, list, tag, text};
    let mut parts = vec![el("span", "ed-label", text(label.get(lang).into()))];
    if changed {
        let t = TSet::Changed.get(lang);
        parts.push(
            tag(
                "span",
                &["class", "title"],
                vec![Some("ed-changed".into()), Some(t.into())],
                text(format!("✎ {t}").into()),
            )
            .into(),
        );
    }
    parts.push(el("code", "ed-path", text(path.to_string().into())));
    parts.push(
        tag(
            "p",
            &["class", "id"],
            vec![Some("ed-meaning".into()), Some(format!("meaning-{path}").into())],
            text(meaning.get(lang).into()),
        )
        .into(),
    );
    tag("th", &["scope", "class"], vec![Some("row".into()), Some("ed-setting-label".into())], list(parts)).into()
}

/// "Reset" of the setting `path` (through its table's [`on_reset`]).
fn reset_cell(path: &'static str, label: TSet, changed: bool, lang: Lang) -> Html {
    crate::ui::view::el("td", "row-actions", reset_button(path, label, changed, lang, false))
}

/// A reset button of the setting `path`: `data-act="reset"` in a row or header with `data-path`.
/// `short`: the icon alone, with "reset" as its title.
fn reset_button(path: &'static str, label: TSet, changed: bool, lang: Lang, short: bool) -> Html {
    use crate::ui::view::{tag, text};
    let content = if short { "↺".to_string() } else { format!("↺ {}", TSet::Reset.get(lang)) };
    let title = short.then_some(AttrValue::Static(TSet::Reset.get(lang)));
    tag(
        "button",
        &["class", "data-act", "data-path", "disabled", "data-testid", "aria-label", "title"],
        vec![
            Some("ghost small".into()),
            Some("reset".into()),
            Some(path.into()),
            (!changed).then_some("disabled".into()),
            Some(format!("setting-reset-{path}").into()),
            Some(format!("{}{}{}", TSet::Reset.get(lang), TSet::Colon.get(lang), label.get(lang)).into()),
            title,
        ],
        text(content.into()),
    )
    .into()
}

/// The one listener of a table's reset buttons.
fn on_reset(state: &UseReducerHandle<AppState>) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |e: MouseEvent| {
        if let Some((_, path)) = crate::ui::view::action_in(&e, "data-path") {
            dispatch(&state, move |sc| eds::reset(sc, &path))
        }
    })
}

fn number_row(s: &Rc<Scenario>, path: &'static str, lang: Lang, state: &UseReducerHandle<AppState>) -> Html {
    let spec = settings::number(path).expect("section paths are settings");
    let (label, meaning) = setting_texts(path).expect("every setting has texts");
    let current = (spec.get)(&s.settings);
    let changed = !eds::is_default(&s.settings, path);
    let check = {
        // The scenario shared, not copied: a copy is made only when a typed value is tried.
        let s = Rc::clone(s);
        Callback::from(move |t: String| {
            let kind = match eds::parse_for(spec, &t) {
                Err(k) => Some(k),
                Ok(v) => trial(&s, |sc| eds::set_number(sc, path, v)),
            };
            kind.map(|k| message(label, Some(spec), &k, lang))
        })
    };
    let commit = {
        let state = state.clone();
        Callback::from(move |t: String| {
            if let Ok(v) = eds::parse_for(spec, &t) {
                if v != current {
                    dispatch(&state, move |sc| eds::set_number(sc, path, v));
                }
            }
        })
    };
    html! {
        <tr key={path} data-testid="setting-row" data-path={path}>
            { label_cell(path, label, meaning, changed, lang) }
            <td class="ed-value">
                <EdInput label={label.get(lang)} value={plain(current)} numeric=true {check} {commit}
                    testid={format!("setting-{path}")} describedby={AttrValue::from(format!("meaning-{path}"))}
                    class={classes!(changed.then_some("set"))} live={path != "grades.levels"} />
            </td>
            <td class="num" data-testid={format!("setting-default-{path}")}>{ plain(spec.default_value()) }</td>
            <td class="ed-range">{ range_text(spec, lang) }</td>
            { reset_cell(path, label, changed, lang) }
        </tr>
    }
}

/// The settings that are one of a few words: the tiering method and the bonus allocation.
fn choice_row(s: &Scenario, path: &'static str, lang: Lang, state: &UseReducerHandle<AppState>) -> Html {
    let (label, meaning) = setting_texts(path).expect("every setting has texts");
    let changed = !eds::is_default(&s.settings, path);
    let (options, current, default): (Vec<(&str, TSet)>, &str, &str) = match path {
        "tiers.method" => (
            vec![("quota", TSet::MethodQuota), ("threshold", TSet::MethodThreshold), ("hybrid", TSet::MethodHybrid)],
            s.settings.tiers.method.as_str(),
            TierMethod::Quota.as_str(),
        ),
        _ => (
            vec![("members", TSet::AllocMembers), ("equal", TSet::AllocEqual)],
            s.settings.consequences.allocation.as_str(),
            Allocation::Members.as_str(),
        ),
    };
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if path == "tiers.method" {
                if let Some(m) = TierMethod::parse(&v) {
                    dispatch(&state, move |sc| eds::set_method(sc, m));
                }
            } else if let Some(a) = Allocation::parse(&v) {
                dispatch(&state, move |sc| eds::set_allocation(sc, a));
            }
        })
    };
    let default_word = options.iter().find(|(v, _)| *v == default).map(|(_, t)| t.get(lang)).unwrap_or(default);
    html! {
        <tr key={path} data-testid="setting-row" data-path={path}>
            { label_cell(path, label, meaning, changed, lang) }
            <td class="ed-value">
                <select {onchange} aria-label={label.get(lang)} aria-describedby={format!("meaning-{path}")}
                    data-testid={format!("setting-{path}")} class={classes!(changed.then_some("set"))}>
                    { for options.iter().map(|(v, t)| html! {
                        <option value={*v} selected={*v == current}>{ t.get(lang) }</option>
                    }) }
                </select>
            </td>
            <td class="num">{ default_word }</td>
            <td class="ed-range">{ options.iter().map(|(v, t)| format!("{} ({v})", t.get(lang))).collect::<Vec<_>>().join(" / ") }</td>
            { reset_cell(path, label, changed, lang) }
        </tr>
    }
}

/// §8's per-grade lists: names, texts (rewards and measures) and bonus coefficients, L rows.
fn grade_table(s: &Rc<Scenario>, lang: Lang, state: &UseReducerHandle<AppState>) -> Html {
    let g = &s.settings.grades;
    let list_reset = |path: &'static str| {
        let (label, _) = setting_texts(path).expect("every setting has texts");
        reset_button(path, label, !eds::is_default(&s.settings, path), lang, true)
    };
    let defaults = settings::Grades::with_levels(g.levels);
    html! {
        <div class="ed-grades">
            <h4 id="grade-table-title">{ TSet::GradeTable.get(lang) }</h4>
            <p class="muted ed-meaning">
                { TSet::GradeNamesMeaning.get(lang) }{" "}{ TSet::GradeTextsMeaning.get(lang) }{" "}{ TSet::GradeCoefficientsMeaning.get(lang) }{" "}{ TSet::GradeQuotasMeaning.get(lang) }
            </p>
            <div class="table-wrap">
                <table class="data ed-grade-table" data-testid="grade-table" aria-labelledby="grade-table-title">
                    <thead onclick={on_reset(state)}>
                        <tr>
                            <th scope="col" class="num">{ T::Grade.get(lang) }</th>
                            <th scope="col">{ TSet::GradeNames.get(lang) }{" "}{ list_reset("grades.names") }</th>
                            <th scope="col">{ TSet::GradeTexts.get(lang) }{" "}{ list_reset("grades.texts") }</th>
                            <th scope="col" class="num">{ TSet::GradeCoefficients.get(lang) }{" "}{ list_reset("grades.bonus_coefficients") }</th>
                            <th scope="col" class="num" title={TSet::GradeQuotasMeaning.get(lang)}>{ TSet::GradeQuotas.get(lang) }{" "}{ list_reset("grades.quotas") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for (0..g.levels as usize).map(|i| {
                            let n = i + 1;
                            let name = g.names.get(i).cloned().unwrap_or_default();
                            let text = g.texts.get(i).cloned().unwrap_or_default();
                            let coef = g.bonus_coefficients.get(i).copied().unwrap_or(1.0);
                            let name_check = {
                                let s = Rc::clone(s);
                                Callback::from(move |t: String| trial(&s, |sc| eds::set_grade_name(sc, i, &t))
                                    .map(|k| message(TSet::GradeNames, None, &k, lang)))
                            };
                            let name_commit = {
                                let (state, current) = (state.clone(), name.clone());
                                Callback::from(move |t: String| {
                                    if t.trim() != current {
                                        dispatch(&state, move |sc| eds::set_grade_name(sc, i, &t))
                                    }
                                })
                            };
                            let text_check = {
                                let s = Rc::clone(s);
                                Callback::from(move |t: String| trial(&s, |sc| eds::set_grade_text(sc, i, &t))
                                    .map(|k| message(TSet::GradeTexts, None, &k, lang)))
                            };
                            let text_commit = {
                                let state = state.clone();
                                Callback::from(move |t: String| dispatch(&state, move |sc| eds::set_grade_text(sc, i, &t)))
                            };
                            let coef_check = Callback::from(move |t: String| {
                                eds::parse_number(&t)
                                    .and_then(crate::model::validate::coefficient)
                                    .err()
                                    .map(|k| message(TSet::GradeCoefficients, None, &k, lang))
                            });
                            let coef_commit = {
                                let state = state.clone();
                                Callback::from(move |t: String| {
                                    if let Ok(v) = eds::parse_number(&t) {
                                        if v != coef {
                                            dispatch(&state, move |sc| eds::set_grade_coefficient(sc, i, v));
                                        }
                                    }
                                })
                            };
                            let name_set = defaults.names.get(i) != Some(&name);
                            let coef_set = coef != 1.0;
                            html! {
                                <tr key={n} data-testid="grade-row">
                                    <th scope="row" class="num">{ crate::ui::view::grade_badge(n as u32) }</th>
                                    <td>
                                        <EdInput label={format!("{} {n} · {}", T::Grade.get(lang), TSet::GradeNames.get(lang))}
                                            value={name} check={name_check} commit={name_commit} testid={format!("grade-name-{n}")}
                                            class={classes!(name_set.then_some("set"))} />
                                    </td>
                                    <td>
                                        <EdInput label={format!("{} {n} · {}", T::Grade.get(lang), TSet::GradeTexts.get(lang))}
                                            value={text} check={text_check} commit={text_commit} testid={format!("grade-text-{n}")}
                                            multiline=true />
                                    </td>
                                    <td class="num">
                                        <EdInput label={format!("{} {n} · {}", T::Grade.get(lang), TSet::GradeCoefficients.get(lang))}
                                            value={plain(coef)} numeric=true check={coef_check} commit={coef_commit}
                                            testid={format!("grade-coef-{n}")} class={classes!(coef_set.then_some("set"))} />
                                    </td>
                                    <td class="num">{ super::grade_quotas::quota_input(s, i, format!("grade-quota-{n}"), lang, state) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}
