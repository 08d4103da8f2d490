//! Grade quotas (等级比例控制, METHOD.md §8) in the UI: on the grades page a table of the grades with each one's
//! quota (edited in place), its places and, per complete cycle, how many branches hold it against them and how
//! many promotions waited; the reason of a held-back promotion in words; the mark on a branch's grade path; the
//! simulation's per-grade share of trials in which the quota held a promotion back; the quota field shared with
//! the settings page. Numbers are the engine's ([`crate::engine::grades::apply_quotas`]).

use std::collections::HashMap;

use yew::prelude::*;

use crate::engine::round::round;
use crate::engine::{CycleResult, CycleRow, Reason, SimulationResult};
use crate::i18n::pages::TQuo;
use crate::i18n::{kind_message, Lang, T};
use crate::model::edit::settings as eds;
use crate::model::settings::Grades;
use crate::model::Scenario;
use crate::ui::components::ed_input::EdInput;
use crate::ui::format::{percent, plain};
use crate::ui::hooks::{use_app, use_lang, use_results};
use crate::ui::state::{Action, AppState, Edit};

/// The reason of a cycle row in words. A promotion held back by a quota names the full grade, its places and how
/// many branches hold it after the cycle end ("…但四级名额已满（上限 4 个，已有 4 个）：保持三级").
pub fn row_reason(row: &CycleRow, c: &CycleResult, g: &Grades, lang: Lang) -> String {
    if row.reason != Reason::Quota {
        return crate::i18n::pages::outputs::grade_reason(row.reason, row.grade_before, row.grade_after, g, lang);
    }
    let full = row.grade_before + 1;
    match c.quotas.iter().find(|q| q.grade == full) {
        Some(q) => TQuo::ReasonQuota
            .get(lang)
            .replace("{grade}", &g.name(full))
            .replace("{cap}", &q.cap.to_string())
            .replace("{n}", &q.holding().to_string())
            .replace("{kept}", &g.name(row.grade_after)),
        None => TQuo::ReasonQuotaShort.get(lang).to_string(),
    }
}

/// The mark of a promotion held back by a quota on a grade path: a diamond (a shape, not only a colour) with its
/// meaning as a tooltip.
pub fn path_mark(cx: f64, cy: f64, lang: Lang) -> Html {
    let d = format!("M{:.1},{:.1} l4.5,4.5 l-4.5,4.5 l-4.5,-4.5 z", cx, cy - 4.5);
    html! {
        <path class="quota-mark" d={d} data-testid="quota-mark"><title>{ TQuo::PathMark.get(lang) }</title></path>
    }
}

/// The in-place field of grade `grade`'s quota (0-based): empty for no limit, a share 0..1 or a percentage.
pub fn quota_input(
    s: &std::rc::Rc<Scenario>,
    grade: usize,
    testid: String,
    lang: Lang,
    state: &UseReducerHandle<AppState>,
) -> Html {
    let g = &s.settings.grades;
    let current = g.quota(grade as u32 + 1);
    let check = {
        // The scenario shared, not copied: a copy is made only when a typed value is tried.
        let s = std::rc::Rc::clone(s);
        Callback::from(move |t: String| {
            let kind = match eds::parse_quota(&t) {
                Err(k) => Some(k),
                Ok(v) => {
                    let mut copy = (*s).clone();
                    eds::set_grade_quota(&mut copy, grade, v).err().and_then(|p| p.into_iter().next()).map(|p| p.kind)
                }
            };
            kind.map(|k| {
                let what = match k {
                    crate::model::ProblemKind::OutOfRange { .. } | crate::model::ProblemKind::WrongType { .. } => {
                        TQuo::NotAShare.get(lang).to_string()
                    }
                    k => kind_message(&k, lang),
                };
                AttrValue::from(format!("{}{}{what}", TQuo::Quota.get(lang), lang.colon()))
            })
        })
    };
    let commit = {
        let state = state.clone();
        Callback::from(move |t: String| {
            if let Ok(v) = eds::parse_quota(&t) {
                if v != current {
                    state.dispatch(Action::Edit(Edit::new(T::Edit, move |sc| eds::set_grade_quota(sc, grade, v))));
                }
            }
        })
    };
    html! {
        <EdInput label={format!("{} {} · {}", T::Grade.get(lang), grade + 1, TQuo::Quota.get(lang))}
            value={current.map(plain).unwrap_or_default()} numeric=true {check} {commit} {testid}
            placeholder={AttrValue::from(TQuo::NoLimit.get(lang))} class={classes!(current.is_some().then_some("set"))} />
    }
}

/// The grades with their quotas, places and, per complete cycle, the branches holding each grade after it.
#[function_component(GradeQuotas)]
pub fn grade_quotas() -> Html {
    let state = use_app();
    let lang = use_lang();
    let results = use_results();
    let s = state.scenario().clone();
    let g = &s.settings.grades;
    let levels = g.levels.max(1);
    let n = s.branches.len();

    // Each branch's grade after every complete cycle (a branch without a row keeps its grade), counted by grade.
    let index: HashMap<&str, usize> = s.branches.iter().enumerate().map(|(i, b)| (b.id.as_str(), i)).collect();
    let mut grade: Vec<u32> = s.branches.iter().map(|b| b.grade.clamp(1, levels)).collect();
    let mut held: Vec<(&CycleResult, Vec<u32>)> = Vec::new();
    for c in results.cycles.iter().filter(|c| c.complete) {
        for row in &c.rows {
            if let Some(&b) = index.get(row.branch.as_str()) {
                grade[b] = row.grade_after;
            }
        }
        let mut counts = vec![0u32; levels as usize];
        for &x in &grade {
            counts[x as usize - 1] += 1;
        }
        held.push((c, counts));
    }

    html! {
        <div class="grade-quotas" data-testid="grade-quotas">
            <h3>{ TQuo::Title.get(lang) }</h3>
            <p class="muted">{ TQuo::Intro.get(lang) }</p>
            <div class="table-wrap">
                <table class="data compact">
                    <thead>
                        <tr>
                            <th class="num">{ T::Grade.get(lang) }</th>
                            <th class="num">{ TQuo::Quota.get(lang) }</th>
                            <th class="num">{ TQuo::Places.get(lang) }</th>
                            { for held.iter().map(|(c, _)| html! {
                                <th class="num" title={TQuo::HoldingTitle.get(lang)}>{ TQuo::Cycle.get(lang).replace("{}", &c.cycle.to_string()) }</th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for (1..=levels).rev().map(|grade| {
                            let quota = g.quota(grade);
                            let cap = quota.map(|q| round(n as f64 * q, 0) as u32);
                            html! {
                                <tr data-testid="quota-row" data-grade={grade.to_string()}>
                                    <th scope="row" class="num">{ crate::ui::view::grade_badge(grade) }{" "}{ g.name(grade) }</th>
                                    <td class="num">{ quota_input(&s, grade as usize - 1, format!("quota-{grade}"), lang, &state) }</td>
                                    <td class="num" data-testid="quota-places">{ cap.map_or_else(|| TQuo::NoLimit.get(lang).to_string(), |c| c.to_string()) }</td>
                                    { for held.iter().map(|(c, counts)| {
                                        let holding = counts[grade as usize - 1];
                                        let check = c.quotas.iter().find(|q| q.grade == grade);
                                        let waiting = check.map_or(0, |q| q.held_back());
                                        let full = cap.is_some_and(|cap| holding >= cap);
                                        html! {
                                            <td class={classes!("num", "quota-count", full.then_some("full"))} data-testid="quota-count"
                                                data-holding={holding.to_string()} data-waiting={waiting.to_string()}>
                                                { holding }
                                                if let Some(cap) = cap { <span class="muted">{" / "}{ cap }</span> }
                                                if waiting > 0 {
                                                    <span class="quota-waiting">{" · "}{ TQuo::HeldBack.get(lang).replace("{}", &waiting.to_string()) }</span>
                                                }
                                            </td>
                                        }
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if held.is_empty() {
                <p class="muted small">{ TQuo::NoCycles.get(lang) }</p>
            }
        </div>
    }
}

/// The simulation's per-grade share of trials in which the quota held a promotion back (only when the run had
/// quotas: `s` is the scenario the run was made on).
pub fn simulation_figure(s: &Scenario, r: &SimulationResult, lang: Lang) -> Html {
    let g = &s.settings.grades;
    if !g.has_quotas() {
        return html! {};
    }
    html! {
        <div class="sim-quotas">
            <h4>{ TQuo::SimHeldBack.get(lang) }</h4>
            <p class="muted small">{ TQuo::SimHeldBackHint.get(lang) }</p>
            <table class="data compact" data-testid="simulation-quotas">
                <thead>
                    <tr>
                        <th class="num">{ T::Grade.get(lang) }</th>
                        <th class="num">{ TQuo::Quota.get(lang) }</th>
                        <th class="num">{ TQuo::SimHeldBack.get(lang) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for (1..=r.levels).rev().filter(|&grade| g.quota(grade).is_some()).map(|grade| {
                        let p = r.quota_held_back.get(grade as usize - 1).copied().unwrap_or(0.0);
                        html! {
                            <tr data-testid="simulation-quota-row" data-grade={grade.to_string()} data-p={p.to_string()}>
                                <th scope="row" class="num">{ crate::ui::view::grade_badge(grade) }{" "}{ g.name(grade) }</th>
                                <td class="num">{ g.quota(grade).map(plain).unwrap_or_default() }</td>
                                <td class="num">
                                    <span class="pbar quota" title={format!("{p:.4}")}>
                                        <span class="fill" style={format!("width: {:.1}%", p * 100.0)}></span>
                                        <span class="label">{ percent(p) }</span>
                                    </span>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
