//! Compare two scenarios (方案对比, `#/compare`): pick A and B (`compare-a`, `compare-b`; by default the first
//! official record and the current scenario), then a count of each kind of difference at the top, the set-up
//! differences, the targets, each period (summary: τ-b, tier changes, yuan moved; changed rows first and
//! highlighted), each branch's grade path and each cycle's changed grades with the rule, and a CSV export.
//! The diff is `engine::compare`; the current scenario's results are the shell's, the other one's are computed
//! here once per pair.

use std::rc::Rc;

use yew::prelude::*;

use crate::compare_report::{
    branch_name, change_label, compare_csv, cycle_value, grade_path, period_name, row_value, setup_rows, setup_value,
    target_value, tau_text,
};
use crate::engine::compare::{diff_results, diff_scenarios, Change};
use crate::engine::{evaluate, Results};
use crate::i18n::pages::TRec;
use crate::i18n::{Lang, T};
use crate::model::Scenario;
use crate::ui::download::{download, file_stem};
use crate::ui::hooks::{use_app, use_lang, use_results, ScenarioRef};
use crate::ui::pages::grades::reason_text;
use crate::ui::state::Action;

/// At most this many unchanged rows are drawn per period (the CSV lists every change).
const UNCHANGED_SHOWN: usize = 200;

#[function_component(ComparePage)]
pub fn compare_page() -> Html {
    let state = use_app();
    let lang = use_lang();
    let current_results = use_results();
    let list = &state.doc.scenarios;
    let default_a = list.iter().position(|s| s.locked).unwrap_or(0);
    let default_b = if state.doc.current != default_a { state.doc.current } else { (default_a + 1) % list.len() };
    let pick = use_state(|| (default_a, default_b));
    let (ia, ib) = (pick.0.min(list.len() - 1), pick.1.min(list.len() - 1));
    let (sa, sb) = (list[ia].clone(), list[ib].clone());

    // Results of a side: the shell's for the current scenario, else computed once per scenario.
    let current = state.scenario().clone();
    let ra = use_memo((ScenarioRef(sa.clone()), ScenarioRef(current.clone())), {
        let cr = current_results.clone();
        move |(s, c)| if Rc::ptr_eq(&s.0, &c.0) { cr.clone() } else { Rc::new(evaluate(&s.0)) }
    });
    let rb = use_memo((ScenarioRef(sb.clone()), ScenarioRef(current.clone())), {
        let cr = current_results.clone();
        move |(s, c)| if Rc::ptr_eq(&s.0, &c.0) { cr.clone() } else { Rc::new(evaluate(&s.0)) }
    });
    let diffs = use_memo((ScenarioRef(sa.clone()), ScenarioRef(sb.clone())), {
        let (ra, rb) = ((*ra).clone(), (*rb).clone());
        move |(a, b)| (diff_scenarios(&a.0, &b.0), diff_results(&ra, &rb))
    });
    let (sd, rd) = (&diffs.0, &diffs.1);

    let on_pick = |side: usize| {
        let pick = pick.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Ok(i) = v.parse::<usize>() {
                let (a, b) = *pick;
                pick.set(if side == 0 { (i, b) } else { (a, i) });
            }
        })
    };
    let select = |side: usize, chosen: usize, testid: &'static str, label: TRec| {
        html! {
            <label class="compare-pick">
                <span>{ label.get(lang) }</span>
                <select onchange={on_pick(side)} data-testid={testid} aria-label={label.get(lang)}>
                    { for list.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == chosen}>
                            { if s.locked { "🔒 " } else { "" } }{ s.name.clone() }
                        </option>
                    }) }
                </select>
            </label>
        }
    };
    let export = {
        let (sa, sb, diffs, state) = (sa.clone(), sb.clone(), diffs.clone(), state.clone());
        Callback::from(move |_| {
            let grades = sa.settings.grades.clone();
            let reason = move |r| reason_text(r, &grades, lang);
            let text = compare_csv(&sa, &sb, &diffs.0, &diffs.1, lang, &reason);
            let file = format!("{}-{}-{}.csv", TRec::Compare.get(lang), file_stem(&sa.name), file_stem(&sb.name));
            if let Err(e) = download(&file, "text/csv;charset=utf-8", &text) {
                state.dispatch(Action::Saved(Err(e)));
            }
        })
    };

    // The counts at the top.
    let setup = setup_rows(sd);
    let count = |c: Change| rd.periods.iter().flat_map(|p| &p.rows).filter(|r| r.changes.contains(&c)).count();
    let grades = rd.cycles.iter().flat_map(|c| &c.rows).filter(|r| r.a.grade_after != r.b.grade_after).count();
    let reasons = rd.cycles.iter().flat_map(|c| &c.rows).filter(|r| r.changes.contains(&Change::Reason)).count();
    let tiers = rd.tier_changes();
    let summary = [
        (TRec::CountSetup, setup.len(), "compare-setup-changes"),
        (TRec::CountTargets, rd.targets.len(), "compare-target-changes"),
        (TRec::CountTiers, tiers, "compare-tier-changes"),
        (TRec::CountRanks, count(Change::Rank), "compare-rank-changes"),
        (TRec::CountBonuses, count(Change::Bonus), "compare-bonus-changes"),
        (TRec::CountTalks, count(Change::Talk), "compare-talk-changes"),
        (TRec::CountEligibility, count(Change::Eligible), "compare-eligibility-changes"),
        (TRec::CountGrades, grades, "compare-grade-changes"),
        (TRec::CountReasons, reasons, "compare-reason-changes"),
    ];

    html! {
        <section class="compare">
            <div class="page-head">
                <h2>{ TRec::CompareTitle.get(lang) }</h2>
                <div class="buttons">
                    <button class="ghost" onclick={export} data-testid="compare-export">{"⇩ "}{ TRec::ExportCsv.get(lang) }</button>
                </div>
            </div>
            <p class="muted">{ TRec::CompareIntro.get(lang) }</p>
            <div class="compare-picks">
                { select(0, ia, "compare-a", TRec::ScenarioA) }
                <span aria-hidden="true">{"⇄"}</span>
                { select(1, ib, "compare-b", TRec::ScenarioB) }
            </div>
            if ia == ib { <p class="muted">{ TRec::SameScenario.get(lang) }</p> }
            <h3>{ TRec::Summary.get(lang) }</h3>
            <dl class="compare-summary">
                { for summary.iter().map(|(t, n, id)| html! {
                    <div class={classes!("compare-count", (*n > 0).then_some("changed"))} data-testid={*id} data-count={n.to_string()}>
                        <dt>{ t.get(lang) }</dt><dd>{ n }</dd>
                    </div>
                }) }
            </dl>
            { setup_section(&setup, lang) }
            { targets_section(&sa, &sb, rd, lang) }
            { periods_section(&sa, &sb, rd, lang) }
            { cycles_section(&sa, &sb, &ra, &rb, rd, lang) }
        </section>
    }
}

fn setup_section(rows: &[crate::engine::compare::ValueChange], lang: Lang) -> Html {
    use crate::ui::view::{body, head_words, table, text_row};
    let table = (!rows.is_empty()).then(|| {
        let rows = rows
            .iter()
            .map(|c| {
                text_row(
                    "changed",
                    vec![("path", c.path.clone()), ("", setup_value(&c.a, lang)), ("", setup_value(&c.b, lang))],
                )
            })
            .collect();
        table("data compare-table", "compare-setup", head_words(&[TRec::Path.get(lang), "A", "B"]), body(rows))
    });
    section(TRec::SetupSection.get(lang), table, lang)
}

/// A section's heading and its table, or "no difference".
fn section(title: &'static str, table: Option<Html>, lang: Lang) -> Html {
    use crate::ui::view::{el, list, text};
    let body = table.unwrap_or_else(|| el("p", "muted", text(TRec::NoDifference.get(lang).into())));
    list(vec![el("h3", "", text(title.into())), body])
}

fn targets_section(a: &Scenario, b: &Scenario, rd: &crate::engine::compare::ResultsDiff, lang: Lang) -> Html {
    use crate::ui::view::{body, head_words, table, text_row};
    let table = (!rd.targets.is_empty()).then(|| {
        let rows = rd
            .targets
            .iter()
            .map(|t| {
                let ind = a
                    .indicator(&t.indicator)
                    .or_else(|| b.indicator(&t.indicator))
                    .map_or(t.indicator.clone(), |i| i.name.clone());
                text_row(
                    "changed",
                    vec![
                        ("", branch_name(a, b, &t.branch)),
                        ("", ind),
                        ("", target_value(t.a, lang)),
                        ("", target_value(t.b, lang)),
                    ],
                )
            })
            .collect();
        let heads = [TRec::Branch.get(lang), T::Indicators.get(lang), TRec::TargetA.get(lang), TRec::TargetB.get(lang)];
        table("data compare-table", "compare-targets", head_words(&heads), body(rows))
    });
    section(TRec::TargetsSection.get(lang), table, lang)
}

fn periods_section(a: &Scenario, b: &Scenario, rd: &crate::engine::compare::ResultsDiff, lang: Lang) -> Html {
    use crate::ui::view::{body, el, list, table, tag, td, text};
    const COLS: [Change; 6] =
        [Change::Rank, Change::Final, Change::Tier, Change::Bonus, Change::Talk, Change::Eligible];
    let only = |ids: &[String], side: &str| -> Html {
        if ids.is_empty() {
            return html! {};
        }
        let names: Vec<String> = ids.iter().map(|id| branch_name(a, b, id)).collect();
        html! { <p class="compare-only">{ TRec::OnlyIn.get(lang).replace("{}", side) }{ lang.colon() }{ names.join(lang.pick("、", ", ")) }</p> }
    };
    // The two header rows: the branch, then each change's A and B.
    let th = |keys: &'static [&'static str], span: &'static str, class: Option<&'static str>, s: AttrValue| -> Html {
        tag("th", keys, vec![Some(span.into()), class.map(AttrValue::Static)], text(s)).into()
    };
    let mut top = vec![th(&["rowspan", "class"], "2", None, TRec::Branch.get(lang).into())];
    top.extend(COLS.iter().map(|c| th(&["colspan", "class"], "2", None, change_label(*c, lang).into())));
    let second = COLS.iter().flat_map(|_| ["A", "B"]).map(|s| el("th", "num", text(s.into()))).collect();
    let head = el("thead", "", list(vec![el("tr", "", list(top)), el("tr", "", list(second))]));
    html! {
        <>
            <h3>{ TRec::PeriodsSection.get(lang) }</h3>
            if !rd.periods_only_a.is_empty() || !rd.periods_only_b.is_empty() {
                <p class="compare-only" data-testid="compare-periods-only">
                    { TRec::OnlyIn.get(lang).replace("{}", "A") }{ lang.colon() }
                    { rd.periods_only_a.iter().map(|p| period_name(a, b, p)).collect::<Vec<_>>().join(lang.pick("、", ", ")) }
                    {" · "}{ TRec::OnlyIn.get(lang).replace("{}", "B") }{ lang.colon() }
                    { rd.periods_only_b.iter().map(|p| period_name(a, b, p)).collect::<Vec<_>>().join(lang.pick("、", ", ")) }
                </p>
            }
            { for rd.periods.iter().map(|p| {
                let changed = p.rows.iter().filter(|r| !r.changes.is_empty()).count();
                let unchanged = p.rows.len() - changed;
                let summary = TRec::PeriodSummary.get(lang)
                    .replacen("{}", &tau_text(p.tau), 1)
                    .replacen("{}", &p.tier_changes.to_string(), 1)
                    .replacen("{}", &p.bonus_moved.to_string(), 1);
                let rows = p.rows.iter().take(changed + UNCHANGED_SHOWN).map(|r| {
                    let mut cells = vec![td("", branch_name(a, b, &r.branch))];
                    for c in COLS {
                        let class = if r.changes.contains(&c) { "num diff" } else { "num" };
                        cells.push(td(class, row_value(&r.a, c, lang)));
                        cells.push(td(class, row_value(&r.b, c, lang)));
                    }
                    let class = (!r.changes.is_empty()).then_some(AttrValue::Static("changed"));
                    tag("tr", &["class", "data-branch"], vec![class, Some(r.branch.clone().into())], list(cells)).into()
                }).collect();
                html! {
                    <details class="compare-period" open={changed > 0} data-testid="compare-period" data-period={p.period.clone()}
                        data-tier-changes={p.tier_changes.to_string()}>
                        <summary>
                            <strong>{ period_name(a, b, &p.period) }</strong>
                            if !p.complete { <span class="muted">{ TRec::InProgress.get(lang) }</span> }
                            {" — "}{ summary }
                        </summary>
                        { only(&p.only_a, "A") }{ only(&p.only_b, "B") }
                        { table("data compare-table", "", head.clone(), body(rows)) }
                        if unchanged > UNCHANGED_SHOWN {
                            <p class="muted">{ TRec::UnchangedRows.get(lang).replace("{}", &(unchanged - UNCHANGED_SHOWN).to_string()) }</p>
                        }
                    </details>
                }
            }) }
        </>
    }
}

fn cycles_section(
    a: &Scenario,
    b: &Scenario,
    ra: &Results,
    rb: &Results,
    rd: &crate::engine::compare::ResultsDiff,
    lang: Lang,
) -> Html {
    use crate::ui::view::{bare_table, body, head_words, table, text_row};
    let reason_a = |r| reason_text(r, &a.settings.grades, lang);
    let reason_b = |r| reason_text(r, &b.settings.grades, lang);
    // Grade paths: every branch of A then those of B only; changed first.
    let mut ids: Vec<String> = a.branches.iter().map(|x| x.id.clone()).collect();
    ids.extend(b.branches.iter().filter(|x| a.branch(&x.id).is_none()).map(|x| x.id.clone()));
    let mut paths: Vec<(String, Option<String>, Option<String>)> =
        ids.into_iter().map(|id| (grade_path(ra, &id), grade_path(rb, &id), id)).map(|(x, y, id)| (id, x, y)).collect();
    paths.sort_by_key(|(_, x, y)| x == y);
    let absent = TRec::Absent.get(lang);
    let shown = UNCHANGED_SHOWN + rd.cycles.iter().map(|c| c.rows.len()).max().unwrap_or(0);
    let path_rows = paths
        .iter()
        .take(shown)
        .map(|(id, x, y)| {
            let (row, cell) = if x != y { ("changed", "diff") } else { ("", "") };
            let side = |v: &Option<String>| v.clone().unwrap_or_else(|| absent.to_string());
            text_row(row, vec![("", branch_name(a, b, id)), (cell, side(x)), (cell, side(y))])
        })
        .collect();
    let path_heads = [TRec::Branch.get(lang), TRec::PathA.get(lang), TRec::PathB.get(lang)];
    html! {
        <>
            <h3>{ TRec::GradePathSection.get(lang) }</h3>
            { table("data compare-table", "compare-paths", head_words(&path_heads), body(path_rows)) }
            <h3>{ TRec::CyclesSection.get(lang) }</h3>
            { for rd.cycles.iter().map(|c| {
                let changed: Vec<_> = c.rows.iter().filter(|r| !r.changes.is_empty()).collect();
                let mut rows: Vec<Html> = changed.iter().map(|r| text_row("changed", vec![
                    ("", branch_name(a, b, &r.branch)),
                    ("diff", cycle_value(&r.a, &reason_a)),
                    ("diff", cycle_value(&r.b, &reason_b)),
                ])).collect();
                rows.extend(c.only_a.iter().map(|id| text_row("changed", vec![("", branch_name(a, b, id)), ("", "✓".into()), ("", absent.into())])));
                rows.extend(c.only_b.iter().map(|id| text_row("changed", vec![("", branch_name(a, b, id)), ("", absent.into()), ("", "✓".into())])));
                html! {
                    <div class="compare-cycle" data-testid="compare-cycle" data-changes={changed.len().to_string()}>
                        <h4>{ TRec::CycleN.get(lang).replace("{}", &c.cycle.to_string()) }
                            if !c.complete { <span class="muted">{ TRec::InProgress.get(lang) }</span> }</h4>
                        if changed.is_empty() && c.only_a.is_empty() && c.only_b.is_empty() {
                            <p class="muted">{ TRec::NoDifference.get(lang) }</p>
                        } else {
                            { bare_table("data compare-table", "", head_words(&[TRec::Branch.get(lang), "A", "B"]), body(rows)) }
                        }
                    </div>
                }
            }) }
        </>
    }
}
