//! Grades & simulation (METHOD.md §8, §10): every cycle as a table (cycle score, tier, warnings, grade before →
//! after, the rule in words), each branch's grade path as a small chart, the grade names, coefficients and
//! texts, and below them the Monte Carlo simulation and the sensitivity sweep. Numbers are the engine's.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::engine::{CycleResult, Reason, Results};
use crate::i18n::pages::TGr;
use crate::i18n::pages::TPage;
use crate::i18n::{kind_message, number, Lang, T};
use crate::model::settings::Grades;
use crate::model::{validate, Problem, Scenario};
use crate::paging::{grouped, Paging, PAGED_ABOVE};
use crate::report::tier_word;
use crate::ui::components::paging::{plain_table, use_paging, LazyTable, Pager};
use crate::ui::format::fixed;
use crate::ui::hooks::{use_app, use_lang, use_results};
use crate::ui::state::{Action, Edit};

/// The rule that decided, in words (with the setting it used).
pub fn reason_text(r: Reason, g: &Grades, lang: Lang) -> String {
    crate::i18n::pages::outputs::plain_reason(r, g, lang)
}

#[function_component(GradesPage)]
pub fn grades_page() -> Html {
    let state = use_app();
    let lang = use_lang();
    let results = use_results();
    let s = state.scenario().clone();
    html! {
        <section>
            <div class="page-head"><h2>{ TGr::Title.get(lang) }</h2></div>
            <p class="muted">{ TGr::Intro.get(lang) }</p>
            if results.cycles.is_empty() {
                <p class="empty">{ TGr::NoCycles.get(lang) }</p>
            } else {
                { crate::ui::charts::ladder::grade_ladder(&s, &results, lang) }
                <Paths />
                { for (0..results.cycles.len()).map(|k| html! { <CycleTable key={k} cycle={k} /> }) }
            }
            <GradeNames />
            <super::grade_quotas::GradeQuotas />
            <super::simulation::SimulationPanel />
        </section>
    }
}

/// Each branch's grade over the cycles: a small step chart per branch (in pages of rows when there are many
/// branches; the data table then built when opened).
#[function_component(Paths)]
fn paths_component() -> Html {
    let state = use_app();
    let lang = use_lang();
    let results = use_results();
    let s = state.scenario().clone();
    let (paging, on_page) = use_paging(s.branches.len());
    paths(&s, &results, lang, paging, on_page)
}

fn paths(s: &Rc<Scenario>, r: &Results, lang: Lang, paging: Paging, on_page: Callback<usize>) -> Html {
    let levels = s.settings.grades.levels.max(1);
    let n_points = r.cycles.len() + 1;
    let (w, h, pad) = (150.0_f64, 75.0_f64, 8.0_f64);
    let x = |i: usize| pad + (w - 2.0 * pad) * i as f64 / (n_points.max(2) - 1) as f64;
    let y = |g: u32| h - pad - (h - 2.0 * pad) * (g.saturating_sub(1)) as f64 / (levels.max(2) - 1) as f64;
    let all = Rc::new(crate::charts_geom::grade_paths(s, r));
    let grid = html! {
            <div class="path-grid" data-testid="grade-paths">
                { for s.branches[paging.rows()].iter().zip(&all[paging.rows()]).map(|(b, path)| {
                    let points: Vec<(usize, u32, Option<Reason>, bool)> =
                        path.iter().enumerate().map(|(i, p)| (i, p.grade, p.reason, p.complete)).collect();
                    let line: Vec<String> = points.windows(2).map(|p| {
                        format!("M{:.1},{:.1} H{:.1} V{:.1}", x(p[0].0), y(p[0].1), x(p[1].0), y(p[1].1))
                    }).collect();
                    let summary: Vec<String> = points.iter().map(|p| p.1.to_string()).collect();
                    let label = format!("{}: {}", b.name, summary.join(" → "));
                    html! {
                        <figure class="path" tabindex="0" data-branch={b.id.clone()} data-grades={summary.join(",")}>
                            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label.clone()}>
                                <title>{ label }</title>
                                { for (1..=levels).map(|g| html! {
                                    <line class="gridline" x1={pad.to_string()} x2={(w - pad).to_string()} y1={y(g).to_string()} y2={y(g).to_string()} />
                                }) }
                                <path class="grade-line" d={line.join(" ")} />
                                { for points.iter().map(|(i, g, reason, complete)| {
                                    if *reason == Some(Reason::Quota) {
                                        return super::grade_quotas::path_mark(x(*i), y(*g), lang);
                                    }
                                    let class = match reason {
                                        Some(Reason::Promoted) => "up",
                                        Some(Reason::Veto | Reason::Bottom | Reason::Warnings | Reason::TopNotKept) => "down",
                                        _ if !complete => "open",
                                        _ => "same",
                                    };
                                    html! { <circle class={class} cx={x(*i).to_string()} cy={y(*g).to_string()} r="3.5" /> }
                                }) }
                            </svg>
                            <figcaption>
                                <span class="name">{ b.name.clone() }</span>
                                <span class="grades">{ summary.join(" → ") }</span>
                            </figcaption>
                        </figure>
                    }
                }) }
            </div>
    };
    use crate::i18n::pages::TChart;
    use crate::ui::charts::{data_table, figure, legend, Key};
    let t = |x: TChart| x.get(lang);
    let mut head = vec![T::BranchName.get(lang).to_string(), t(TChart::StartCol).to_string()];
    head.extend(r.cycles.iter().map(|c| t(TChart::CycleCol).replace("{}", &c.cycle.to_string())));
    let table_rows = {
        let (s, all) = (Rc::clone(s), Rc::clone(&all));
        move || -> Vec<Vec<String>> {
            s.branches
                .iter()
                .zip(all.iter())
                .map(|(b, p)| std::iter::once(b.name.clone()).chain(p.iter().map(|x| x.grade.to_string())).collect())
                .collect()
        }
    };
    let keys = vec![
        Key::new("k-up", format!("▲ {}", t(TChart::Up))),
        Key::new("k-down", format!("▼ {}", t(TChart::Down))),
        Key::new("k-same", t(TChart::Same)),
        Key::new("k-open", TGr::InProgress.get(lang)),
    ];
    let n_rows = s.branches.len();
    let table = if paging.paged() {
        let build = Callback::from(move |()| plain_table(&head, &table_rows()));
        html! { <LazyTable summary={crate::i18n::pages::TChart::DataTable.get(lang)} rows={n_rows} {build} {lang} /> }
    } else {
        data_table(head, table_rows(), lang)
    };
    html! {
        <div class="paths">
            <h3>{ TGr::Paths.get(lang) }</h3>
            <p class="muted">{ TGr::PathsHint.get(lang) }</p>
            <Pager paging={paging} on_page={on_page.clone()} label={TGr::Paths.get(lang)} testid="paths-pager" {lang} />
            { figure("paths", None, grid, legend(keys), table) }
        </div>
    }
}

/// The table of the results' cycle number `cycle` (0-based), in pages of rows when there are many branches.
#[derive(Properties, PartialEq)]
struct CycleProps {
    cycle: usize,
}

#[function_component(CycleTable)]
fn cycle_table_component(p: &CycleProps) -> Html {
    let state = use_app();
    let lang = use_lang();
    let results = use_results();
    let s = state.scenario().clone();
    let n = results.cycles.get(p.cycle).map_or(0, |c| c.rows.len());
    let (paging, on_page) = use_paging(n);
    // With many rows in all (many branches or many cycles) only the last cycle's table is open at first; the
    // others are one heading each with "show" (their tables are built when shown).
    let chosen = use_state(|| None::<bool>);
    let all: usize = results.cycles.iter().map(|c| c.rows.len()).sum();
    let fold = (all > PAGED_ABOVE).then(|| {
        let open = chosen.unwrap_or(p.cycle + 1 == results.cycles.len());
        let chosen = chosen.clone();
        (open, Callback::from(move |_: MouseEvent| chosen.set(Some(!open))))
    });
    match results.cycles.get(p.cycle) {
        Some(c) => cycle_table(&s, c, lang, paging, on_page, fold),
        None => html! {},
    }
}

fn cycle_table(
    s: &Scenario,
    c: &CycleResult,
    lang: Lang,
    paging: Paging,
    on_page: Callback<usize>,
    fold: Option<(bool, Callback<MouseEvent>)>,
) -> Html {
    let open = fold.as_ref().is_none_or(|(open, _)| *open);
    let g = &s.settings.grades;
    let branch_names: HashMap<&str, &str> = s.branches.iter().map(|b| (b.id.as_str(), b.name.as_str())).collect();
    let label = TGr::Cycle.get(lang).replace("{}", &c.cycle.to_string());
    let names: Vec<String> = c
        .periods
        .iter()
        .map(|id| s.periods.iter().find(|p| &p.id == id).map_or(id.clone(), |p| p.name.clone()))
        .collect();
    // §1 the target plans that start in one of the cycle's periods.
    let started: Vec<String> =
        s.target_plans.iter().filter(|p| c.periods.contains(&p.from)).map(|p| p.name.clone()).collect();
    let table = if open {
        use crate::ui::view::{body, el, head, list, table, tag, td, text};
        let cols = cycle_cols(lang);
        let badge = crate::ui::view::grade_badge;
        let rows = c.rows[paging.rows()]
            .iter()
            .map(|r| {
                let name = branch_names.get(r.branch.as_str()).map_or(r.branch.clone(), |n| n.to_string());
                let (arrow, change) = if r.grade_after > r.grade_before {
                    ("▲", "grade-change up")
                } else if r.grade_after < r.grade_before {
                    ("▼", "grade-change down")
                } else {
                    ("＝", "grade-change same")
                };
                let mut tier = vec![tag(
                    "span",
                    &["class"],
                    vec![Some(format!("tier tier-{}", r.tier.as_str()).into())],
                    text(tier_word(r.tier, lang).into()),
                )
                .into()];
                if r.vetoed {
                    tier.push(el("span", "flag veto", text(format!("⛔ {}", T::Vetoed.get(lang)).into())));
                }
                let grade = list(vec![
                    badge(r.grade_before),
                    text(" → ".into()),
                    badge(r.grade_after),
                    text(format!(" {arrow} {}", g.name(r.grade_after)).into()),
                ]);
                let cells = vec![
                    td("name", name),
                    td("num", fixed(r.score, 2)),
                    el("td", "", list(tier)),
                    td("num", r.warnings.to_string()),
                    el("td", change, grade),
                    td("", super::grade_quotas::row_reason(r, c, g, lang)),
                ];
                tag(
                    "tr",
                    &["data-testid", "data-branch", "data-reason"],
                    vec![Some("cycle-row".into()), Some(r.branch.clone().into()), Some(r.reason.as_str().into())],
                    list(cells),
                )
                .into()
            })
            .collect();
        table("data", "", head(&cols, false), body(rows))
    } else {
        Html::default()
    };
    html! {
        <div class={classes!("cycle", (!c.complete).then_some("in-progress"))} data-testid="cycle" data-cycle={c.cycle.to_string()}
            data-complete={c.complete.to_string()}>
            <h3>
                { TGr::Cycle.get(lang).replace("{}", &c.cycle.to_string()) }
                <span class="muted">{" · "}{ names.join("、") }{" · "}
                    { if c.complete { TGr::Complete.get(lang) } else { TGr::InProgress.get(lang) } }</span>
                { for started.iter().map(|name| html! {
                    <span class="plan-started" data-testid="plan-started">
                        {" ◆ "}{ crate::i18n::pages::TPlan::PlanStarted.get(lang) }{ lang.colon() }{ name.clone() }
                    </span>
                }) }
                if let Some((open, toggle)) = fold {
                    if !open {
                        <span class="muted small">{ TPage::Folded.get(lang).replace("{n}", &grouped(c.rows.len())) }</span>
                    }
                    {" "}
                    <button type="button" class="ghost small" onclick={toggle} aria-expanded={open.to_string()}
                        aria-label={format!("{} {label}", if open { TPage::Hide.get(lang) } else { TPage::Show.get(lang) })}
                        data-testid="cycle-fold">
                        { if open { TPage::Hide.get(lang) } else { TPage::Show.get(lang) } }
                    </button>
                }
            </h3>
            if open {
            <Pager paging={paging} on_page={on_page.clone()} label={label.clone()} testid="cycle-pager" {lang} />
            { table }
            }
        </div>
    }
}

/// Names, bonus coefficients and texts of the grades, edited in place (each valid change is an undoable edit).
#[function_component(GradeNames)]
fn grade_names() -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario().clone();
    let g = &s.settings.grades;
    // (grade index, field, text, error) of the field being typed in, so an invalid text stays visible.
    let typing = use_state(|| None::<(usize, &'static str, String, Option<String>)>);

    let commit = |i: usize, field: &'static str| {
        let (state, typing) = (state.clone(), typing.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            let checked: Result<(), String> = match field {
                "name" => validate::name(&text).map_err(|k| kind_message(&k, lang)),
                "text" => validate::text(&text).map_err(|k| kind_message(&k, lang)),
                _ => crate::model::edit::settings::parse_number(&text)
                    .and_then(validate::coefficient)
                    .map(|_| ())
                    .map_err(|k| kind_message(&k, lang)),
            };
            match checked {
                Ok(()) => {
                    typing.set(None);
                    let text = text.clone();
                    state.dispatch(Action::Edit(Edit::new(T::Edit, move |sc| {
                        let g = &mut sc.settings.grades;
                        match field {
                            "name" => g.names[i] = text.trim().to_string(),
                            "text" => g.texts[i] = text.clone(),
                            _ => {
                                g.bonus_coefficients[i] = crate::model::edit::settings::parse_number(&text)
                                    .map_err(|_| Vec::<Problem>::new())?
                            }
                        }
                        Ok(())
                    })));
                }
                Err(msg) => typing.set(Some((i, field, text, Some(msg)))),
            }
        })
    };
    let shown = |i: usize, field: &'static str, value: String| -> (String, Option<String>) {
        match &*typing {
            Some((j, f, text, err)) if *j == i && *f == field => (text.clone(), err.clone()),
            _ => (value, None),
        }
    };
    html! {
        <div class="grade-names">
            <h3>{ TGr::GradeNames.get(lang) }</h3>
            <div class="table-wrap">
                <table class="data" data-testid="grade-names">
                    <thead>
                        <tr>
                            <th class="num">{ T::Grade.get(lang) }</th>
                            <th>{ TGr::GradeName.get(lang) }</th>
                            <th class="num">{ TGr::GradeCoefficient.get(lang) }</th>
                            <th>{ TGr::GradeText.get(lang) }</th>
                            <th class="num">{ TGr::Branches.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for (0..g.levels as usize).rev().map(|i| {
                            let (name, name_err) = shown(i, "name", g.names.get(i).cloned().unwrap_or_default());
                            let (coef, coef_err) = shown(i, "coef", g.bonus_coefficients.get(i).map(|c| number(*c)).unwrap_or_default());
                            let (text, text_err) = shown(i, "text", g.texts.get(i).cloned().unwrap_or_default());
                            let n = s.branches.iter().filter(|b| b.grade as usize == i + 1).count();
                            let cell = |value: String, err: Option<String>, cb: Callback<InputEvent>, testid: String, label: &str, class: &'static str| html! {
                                <td class={classes!("field", class, err.is_some().then_some("invalid"))}>
                                    <input value={value} oninput={cb} data-testid={testid} aria-label={label.to_string()}
                                        aria-invalid={err.is_some().to_string()} />
                                    if let Some(e) = err { <div class="field-error" role="alert">{ format!("{label}{}{e}", lang.colon()) }</div> }
                                </td>
                            };
                            // Each input named by its grade and column ("五级 名称"), so that no two share a name.
                            let label = |t: TGr| crate::i18n::pages::keyboard::grade_field(&g.names, i + 1, t.get(lang), lang);
                            html! {
                                <tr>
                                    <td class="num">{ crate::ui::view::grade_badge(i as u32 + 1) }</td>
                                    { cell(name, name_err, commit(i, "name"), format!("grade-name-{}", i + 1), &label(TGr::GradeName), "") }
                                    { cell(coef, coef_err, commit(i, "coef"), format!("grade-coef-{}", i + 1), &label(TGr::GradeCoefficient), "num") }
                                    { cell(text, text_err, commit(i, "text"), format!("grade-text-{}", i + 1), &label(TGr::GradeText), "wide") }
                                    <td class="num">{ n }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// The columns of a cycle's table, on screen and in the printed report.
pub fn cycle_cols(lang: Lang) -> [crate::ui::view::Col; 6] {
    use crate::ui::view::Col;
    [
        Col::new(T::BranchName.get(lang), ""),
        Col::new(TGr::CycleScore.get(lang), "num"),
        Col::new(TGr::CycleTier.get(lang), ""),
        Col::new(TGr::Warnings.get(lang), "num"),
        Col::new(TGr::GradeChange.get(lang), ""),
        Col::new(TGr::Reason.get(lang), ""),
    ]
}
