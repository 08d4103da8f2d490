//! Results of a period: ranking with F, I, E and their parts, tier, vetoes, warnings, missing data, bonus,
//! talk and eligibility; a tier chart; and, for a chosen branch, "why" — the chain from its actuals to its
//! tier in words and numbers. Nothing is computed here: the numbers are the engine's.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use yew::prelude::*;

use crate::engine::{PeriodResult, PeriodRow, Results, Tier};
use crate::i18n::pages::TDemo;
use crate::i18n::why::{actual_text, why};
use crate::i18n::{Lang, T};
use crate::model::Scenario;
use crate::paging::Paging;
use crate::report::tier_word;
use crate::ui::components::paging::{use_paging, Pager};
use crate::ui::format::{fixed, opt, plain, yuan};
use crate::ui::hooks::{use_app, use_lang, use_results};
use crate::ui::state::{Action, AppState};

/// The period shown (and exported as CSV): the one chosen, else the last one with results.
pub fn selected_period(state: &AppState, results: &Results) -> Option<String> {
    state
        .selected_period
        .as_ref()
        .filter(|id| results.periods.iter().any(|p| &p.period == *id))
        .cloned()
        .or_else(|| results.periods.last().map(|p| p.period.clone()))
}

#[function_component(ResultsPage)]
pub fn results_page() -> Html {
    let state = use_app();
    let lang = use_lang();
    let results = use_results();
    let scenario = state.scenario().clone();
    let chosen = use_state(|| None::<String>);
    // The indicator whose scoring curve the "why" panel shows (index in scenario.indicators).
    let curve_ind = use_state(|| None::<usize>);
    // The ranking row that holds the Tab stop (roving tabindex): arrows move it, Enter opens its "why".
    let active = use_state(|| None::<String>);
    // "Why" opened from the keyboard takes the focus (Escape gives it back to the row).
    let focus_why = use_mut_ref(|| false);
    let why_ref = use_node_ref();
    {
        let (focus_why, why_ref) = (focus_why.clone(), why_ref.clone());
        use_effect(move || {
            if *focus_why.borrow() {
                if let Some(el) = why_ref.cast::<web_sys::HtmlElement>() {
                    *focus_why.borrow_mut() = false;
                    let _ = el.focus();
                }
            }
        });
    }

    // Long rankings in pages of rows (the whole ranking up to crate::paging::PAGED_ABOVE branches).
    let n_rows = selected_period(&state, &results)
        .and_then(|id| results.periods.iter().find(|p| p.period == id))
        .map_or(0, |p| p.rows.len());
    let (paging, on_page) = use_paging(n_rows);

    let Some(period_id) = selected_period(&state, &results) else {
        return html! {
            <section>
                <h2>{ T::NavResults.get(lang) }</h2>
                <p class="empty" data-testid="no-periods">{ T::NoPeriods.get(lang) }</p>
            </section>
        };
    };
    let (period_index, period) = results
        .periods
        .iter()
        .enumerate()
        .find(|(_, p)| p.period == period_id)
        .expect("selected_period returns a period of the results");

    let on_period = {
        let (state, chosen) = (state.clone(), chosen.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            chosen.set(None);
            state.dispatch(Action::SelectPeriod(v));
        })
    };
    let choose = {
        let chosen = chosen.clone();
        Callback::from(move |id: String| chosen.set(Some(id)))
    };
    let shown = &period.rows[paging.rows()];
    // A paged ranking prints the page shown, with those branches' grade changes.
    let on_page_shown: Option<HashSet<&str>> =
        paging.paged().then(|| shown.iter().map(|r| r.branch.as_str()).collect());
    let rows = RowKeys {
        active: active
            .as_ref()
            .filter(|id| shown.iter().any(|r| &r.branch == *id))
            .or(chosen.as_ref().filter(|id| shown.iter().any(|r| &r.branch == *id)))
            .or_else(|| shown.first().map(|r| &r.branch))
            .cloned(),
        set_active: {
            let active = active.clone();
            Callback::from(move |id: String| active.set(Some(id)))
        },
        open: chosen.is_some(),
        close: {
            let chosen = chosen.clone();
            Callback::from(move |_| chosen.set(None))
        },
        open_by_key: {
            let chosen = chosen.clone();
            Callback::from(move |id: String| {
                *focus_why.borrow_mut() = true;
                chosen.set(Some(id));
            })
        },
    };
    let chosen_row = chosen.as_ref().and_then(|id| period.rows.iter().find(|r| &r.branch == id));

    html! {
        <section>
            { crate::ui::components::print_report::head(&scenario, &period_id, lang) }
            <div class="page-head">
                <h2>{ T::NavResults.get(lang) }</h2>
                <label class="inline">
                    { T::Period.get(lang) }{" "}
                    <select onchange={on_period} data-testid="period-select">
                        { for scenario.periods.iter().map(|p| html! {
                            <option value={p.id.clone()} selected={p.id == period_id}>{ p.name.clone() }</option>
                        }) }
                    </select>
                </label>
            </div>
            { period_lines(&scenario, period, lang) }
            { tier_chart(period, lang) }
            if scenario.settings.evaluation.weight_members <= scenario.settings.evaluation.weight_peers.max(scenario.settings.evaluation.weight_superiors) {
                <p class="banner banner-warn" data-testid="members-weight-warning">{"⚠ "}{ T::MembersWeightWarning.get(lang) }</p>
            }
            <div class="split">
                <div class="ranking-pages">
                    <Pager paging={paging} on_page={on_page.clone()} label={T::Rank.get(lang)} testid="ranking-pager" {lang} />
                    { ranking_table(&scenario, period, paging, lang, chosen.as_deref(), &choose, &rows) }
                </div>
                if let Some(row) = chosen_row {
                    { why_panel(&scenario, &results, period_index, row, lang, &chosen, &curve_ind, why_ref.clone()) }
                }
            </div>
            { crate::ui::components::print_report::appendix(&scenario, &results, &period_id, on_page_shown.as_ref(), lang) }
        </section>
    }
}

/// How many branches were assessed (a warning when not all were) and how many share the bonus pool.
fn period_lines(s: &Scenario, p: &PeriodResult, lang: Lang) -> Html {
    use crate::i18n::pages::outputs::{assessed_line, pool_line};
    let (assessed, few) = assessed_line(p.rows.len(), s.branches.len(), lang);
    let pool = s.settings.consequences.bonus_pool;
    let sharing = p.rows.iter().filter(|r| r.bonus_amount > 0).count();
    html! {
        <p class={classes!("period-lines", few.then_some("banner"), few.then_some("banner-warn"))} data-testid="period-lines">
            <span data-testid="assessed-count" data-assessed={p.rows.len().to_string()} data-total={s.branches.len().to_string()}>
                { if few { "⚠ " } else { "" } }{ assessed }
            </span>
            if pool > 0.0 {
                <span class="pool-line" data-testid="pool-line" data-sharing={sharing.to_string()}>{ pool_line(pool, sharing, lang) }</span>
            }
        </p>
    }
}

/// The share of each tier as a bar, with the counts written on it, its legend and its numbers as a table.
fn tier_chart(p: &PeriodResult, lang: Lang) -> Html {
    use crate::i18n::pages::TChart;
    use crate::ui::charts::{data_table, figure, legend, Key};
    let n = p.rows.len().max(1);
    let count = |t: Tier| p.rows.iter().filter(|r| r.tier == t).count();
    let share = |c: usize| format!("{:.0}%", 100.0 * c as f64 / n as f64);
    let title = TChart::TierTitle.get(lang);
    let bar = html! {
        <div class="tier-chart" data-testid="tier-chart" role="img" aria-label={title}>
            { for Tier::ALL.iter().filter(|t| count(**t) > 0).map(|t| {
                let c = count(*t);
                html! {
                    <div class={classes!("seg", format!("tier-{}", t.as_str()))} style={format!("flex: {c}")}>
                        { tier_word(*t, lang) }{" · "}{ c }{" · "}{ share(c) }
                    </div>
                }
            }) }
        </div>
    };
    let keys = Tier::ALL
        .iter()
        .map(|t| Key::new(["k-first", "k-middle", "k-bottom"][*t as usize], tier_word(*t, lang)))
        .collect();
    let rows = Tier::ALL
        .iter()
        .map(|t| vec![tier_word(*t, lang).to_string(), count(*t).to_string(), share(count(*t))])
        .collect();
    let head =
        vec![T::Tier.get(lang).to_string(), TChart::Count.get(lang).to_string(), TChart::Share.get(lang).to_string()];
    figure("tiers", None, bar, legend(keys), data_table(head, rows, lang))
}

fn tier_badge(t: Tier, lang: Lang) -> Html {
    let icon = match t {
        Tier::First => "▲",
        Tier::Middle => "●",
        Tier::Bottom => "▼",
    };
    html! { <span class={classes!("tier", format!("tier-{}", t.as_str()))}>{ icon }{" "}{ tier_word(t, lang) }</span> }
}

/// The keyboard model of the ranking rows: one Tab stop (the active row has `tabindex=0`, the others `-1`);
/// ArrowUp / ArrowDown / Home / End move the focus between rows (and, while "why" is open, show the new
/// row's), Enter or Space opens "why" and moves the focus into it, Escape (in it or on the row) closes it and
/// gives the focus back to the row.
struct RowKeys {
    active: Option<String>,
    set_active: Callback<String>,
    /// Whether the "why" panel is open.
    open: bool,
    close: Callback<()>,
    /// Enter or Space: opens "why" and moves the focus into it.
    open_by_key: Callback<String>,
}

/// The ranking row of `branch` on the page.
fn ranking_row(branch: &str) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let doc = web_sys::window()?.document()?;
    let sel = format!("[data-testid=\"ranking-row\"][data-branch=\"{}\"]", branch.replace(['"', '\\'], ""));
    doc.query_selector(&sel).ok()??.dyn_into::<web_sys::HtmlElement>().ok()
}

fn ranking_table(
    s: &Scenario,
    p: &PeriodResult,
    paging: Paging,
    lang: Lang,
    chosen: Option<&str>,
    choose: &Callback<String>,
    keys: &RowKeys,
) -> Html {
    use crate::ui::view::{body_with, data_of, el, head, table, td, td_id, text, Col};
    let shown = &p.rows[paging.rows()];
    let names: HashMap<&str, &str> = s.branches.iter().map(|b| (b.id.as_str(), b.name.as_str())).collect();
    // The rows the arrows move between: those shown (one list for the table's handler).
    let ids: Rc<Vec<String>> = Rc::new(shown.iter().map(|r| r.branch.clone()).collect());
    let w = |t: T| t.get(lang);
    let d = |t: TDemo| t.get(lang);
    let cols = [
        Col::new(w(T::Rank), "num"),
        Col::new(w(T::BranchName), ""),
        Col::sym(d(TDemo::ColF), "F", w(T::FinalScore)),
        Col::sym(d(TDemo::ColI), "I", w(T::InspectionScore)),
        Col::sym(d(TDemo::ColB), "B", w(T::BaseScore)),
        Col::sym(d(TDemo::ColBonus), "+", w(T::BonusPoints)),
        Col::sym(d(TDemo::ColAdj), "±", w(T::AdjustmentPoints)),
        Col::sym(d(TDemo::ColE), "E", w(T::EvaluationScore)),
        Col::sym(d(TDemo::ColM), "m", w(T::MembersScore)),
        Col::sym(d(TDemo::ColQ), "q", w(T::PeersScore)),
        Col::sym(d(TDemo::ColH), "h", w(T::SuperiorsScore)),
        Col::new(w(T::Tier), ""),
        Col::new(w(T::Flags), ""),
        Col::new(w(T::BonusAmount), "num"),
        Col::new(w(T::Talk), ""),
        Col::new(w(T::Eligible), ""),
    ];
    let onclick = {
        let choose = choose.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((_, id)) = data_of(&e, "branch") {
                choose.emit(id)
            }
        })
    };
    let onkeydown = {
        let (ids, choose, set_active, open, close, open_by_key) = (
            Rc::clone(&ids),
            choose.clone(),
            keys.set_active.clone(),
            keys.open,
            keys.close.clone(),
            keys.open_by_key.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            let Some((_, id)) = data_of(&e, "branch") else { return };
            let at = ids.iter().position(|b| *b == id).unwrap_or(0);
            let to = match e.key().as_str() {
                "Enter" | " " => {
                    e.prevent_default();
                    open_by_key.emit(id);
                    return;
                }
                "ArrowDown" => (at + 1).min(ids.len() - 1),
                "ArrowUp" => at.saturating_sub(1),
                "Home" => 0,
                "End" => ids.len() - 1,
                "Escape" if open => {
                    e.prevent_default();
                    close.emit(());
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            let next = ids[to].clone();
            if let Some(el) = ranking_row(&next) {
                let _ = el.focus();
            }
            if open {
                choose.emit(next.clone());
            }
            set_active.emit(next);
        })
    };
    let onfocusin = {
        let set_active = keys.set_active.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some((_, id)) = data_of(&e, "branch") {
                set_active.emit(id)
            }
        })
    };
    let rows = shown
        .iter()
        .map(|r| {
            let name = names.get(r.branch.as_str()).map_or(r.branch.clone(), |n| n.to_string());
            let tabindex = if keys.active.as_deref() == Some(r.branch.as_str()) { "0" } else { "-1" };
            let selected = chosen == Some(r.branch.as_str());
            let missing: Vec<String> =
                r.missing.iter().map(|id| s.indicator(id).map_or(id.clone(), |i| i.name.clone())).collect();
            let mut flags = Vec::new();
            if r.vetoed {
                flags.push(flag("flag veto", w(T::Vetoed), format!("⛔ {}", w(T::Vetoed))));
            }
            if r.warning {
                flags.push(flag("flag warn", w(T::Warning), format!("⚑ {}", w(T::Warning))));
            }
            if !missing.is_empty() {
                flags.push(flag(
                    "flag missing",
                    &missing.join("、"),
                    format!("？{} {}", w(T::MissingData), missing.len()),
                ));
            }
            let cells = vec![
                td_id("num", "rank", text(r.rank.to_string().into())),
                td("name", name),
                td_id("num strong", "final", text(fixed(r.final_score, 2).into())),
                td("num", fixed(r.inspection, 2)),
                td("num", fixed(r.base, 2)),
                td("num", plain(r.bonus)),
                td("num", plain(r.adjustments)),
                td("num", opt(r.evaluation, 2)),
                td("num", opt(r.members, 2)),
                td("num", opt(r.peers, 1)),
                td("num", opt(r.superiors, 1)),
                crate::ui::view::tag(
                    "td",
                    &["data-testid", "data-tier"],
                    vec![Some("tier".into()), Some(r.tier.as_str().into())],
                    tier_badge(r.tier, lang),
                )
                .into(),
                el("td", "flags", crate::ui::view::list(flags)),
                td("num", yuan(r.bonus_amount)),
                el("td", "", if r.talk { el("span", "flag talk", text(w(T::Yes).into())) } else { Html::default() }),
                td("", if r.eligible { w(T::Yes) } else { w(T::No) }.to_string()),
            ];
            let class = format!("clickable{} row-{}", if selected { " selected" } else { "" }, r.tier.as_str());
            crate::ui::view::tag(
                "tr",
                &["data-testid", "data-branch", "tabindex", "class", "aria-selected"],
                vec![
                    Some("ranking-row".into()),
                    Some(r.branch.clone().into()),
                    Some(tabindex.into()),
                    Some(class.into()),
                    Some(if selected { "true" } else { "false" }.into()),
                ],
                crate::ui::view::list(cells),
            )
            .into()
        })
        .collect();
    table(
        "data ranking",
        "ranking-table",
        head(&cols, false),
        body_with(rows, Some(onclick), Some(onkeydown), Some(onfocusin)),
    )
}

/// A flag in the ranking: `<span class=… title=…>text</span>`.
fn flag(class: &'static str, title: &str, s: String) -> Html {
    crate::ui::view::tag(
        "span",
        &["class", "title"],
        vec![Some(class.into()), Some(title.to_string().into())],
        crate::ui::view::text(s.into()),
    )
    .into()
}

fn why_panel(
    s: &Scenario,
    results: &Rc<Results>,
    period_index: usize,
    row: &PeriodRow,
    lang: Lang,
    chosen: &UseStateHandle<Option<String>>,
    curve_ind: &UseStateHandle<Option<usize>>,
    node: NodeRef,
) -> Html {
    use crate::model::Actual;
    use crate::ui::charts::curve::{scoring_curve, Dot};
    // §2 the scoring curve of the indicator clicked in the table (else the first quantitative one).
    let quantitative = |i: &&crate::engine::IndicatorScore| i.target.is_some();
    let shown = row
        .indicators
        .iter()
        .filter(quantitative)
        .find(|i| Some(i.indicator) == **curve_ind)
        .or_else(|| row.indicators.iter().find(quantitative));
    let curve = shown.map_or_else(
        || html! {},
        |i| {
            let dots: Vec<Dot> = match i.actual {
                Some(Actual::Number(a)) => vec![Dot {
                    name: s.branch(&row.branch).map_or(row.branch.clone(), |b| b.name.clone()),
                    actual: a,
                    selected: true,
                }],
                _ => Vec::new(),
            };
            scoring_curve(s, i.indicator, i.target.unwrap_or(0.0), &dots, "why-curve", lang)
        },
    );
    let shown_ind = shown.map(|i| i.indicator);
    let n = results.periods[period_index].rows.len();
    let steps = why(s, period_index, row, n, lang);
    let name = s.branch(&row.branch).map_or(row.branch.clone(), |b| b.name.clone());
    // Closing (× or Escape anywhere in the panel) gives the focus back to the branch's row.
    let close = {
        let (chosen, branch) = (chosen.clone(), row.branch.clone());
        Callback::from(move |_: ()| {
            chosen.set(None);
            if let Some(el) = ranking_row(&branch) {
                let _ = el.focus();
            }
        })
    };
    let onclick = close.reform(|_: MouseEvent| ());
    let onkeydown = {
        let close = close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                close.emit(());
            }
        })
    };
    let table = {
        use crate::ui::view::{body_with, data_of, head_row, list, tag, td, text, th_cells, Col};
        let method = |k: u8| crate::ui::pages::method::link(k, lang);
        let w = |t: T| t.get(lang);
        let d = |t: TDemo| t.get(lang);
        let th = |word: &'static str, class: &'static str, link: Html| -> Html {
            tag(
                "th",
                &["class"],
                vec![(!class.is_empty()).then_some(AttrValue::Static(class))],
                list(vec![text(word.into()), link]),
            )
            .into()
        };
        let cols = [
            Col::sym(d(TDemo::ColR), "r", w(T::Ratio)),
            Col::sym(d(TDemo::ColS), "s", w(T::Fraction)),
            Col::new(w(T::Weight), "num"),
            Col::new(w(T::Points), "num"),
        ];
        let mut heads = vec![
            th(w(T::Indicator), "", method(2)),
            th(w(T::Target), "num", method(1)),
            th(w(T::Actual), "num", Html::default()),
        ];
        heads.extend(th_cells(&cols, false));
        let pick_title = crate::i18n::pages::TChart::CurvePick.get(lang);
        let rows = row
            .indicators
            .iter()
            .map(|i| {
                let ind = &s.indicators[i.indicator];
                let pick = i.target.is_some();
                let mut class = Vec::new();
                if i.actual.is_none() {
                    class.push("missing");
                }
                if pick {
                    class.push("clickable");
                }
                if shown_ind == Some(i.indicator) {
                    class.push("selected");
                }
                let cells = vec![
                    td("", ind.name.clone()),
                    td("num", i.target.map_or_else(|| "A".to_string(), plain)),
                    td("num", actual_text(i.actual.as_ref())),
                    td("num", i.ratio.map_or_else(|| "—".into(), |r| fixed(r, 3))),
                    td("num", fixed(i.fraction, 3)),
                    td("num", plain(i.weight)),
                    td("num", fixed(i.points, 2)),
                ];
                tag(
                    "tr",
                    &["class", "tabindex", "title", "data-ind"],
                    vec![
                        (!class.is_empty()).then(|| class.join(" ").into()),
                        pick.then_some("0".into()),
                        pick.then_some(pick_title.into()),
                        pick.then(|| i.indicator.to_string().into()),
                    ],
                    list(cells),
                )
                .into()
            })
            .collect();
        let pick = |h: &UseStateHandle<Option<usize>>, e: &Event| {
            if let Some(k) = data_of(e, "ind").and_then(|(_, k)| k.parse().ok()) {
                h.set(Some(k));
            }
        };
        let onclick = {
            let h = curve_ind.clone();
            Callback::from(move |e: MouseEvent| pick(&h, &e))
        };
        let onkey = {
            let h = curve_ind.clone();
            Callback::from(move |e: KeyboardEvent| {
                if (e.key() == "Enter" || e.key() == " ") && data_of(&e, "ind").is_some() {
                    e.prevent_default();
                    pick(&h, &e);
                }
            })
        };
        let head = head_row(heads);
        let t: Html = tag(
            "table",
            &["class"],
            vec![Some("data compact".into())],
            list(vec![head, body_with(rows, Some(onclick), Some(onkey), None)]),
        )
        .into();
        t
    };
    html! {
        <aside class="why card" data-testid="why-panel" aria-label={T::Why.get(lang)} {onkeydown} tabindex="-1" ref={node}>
            <div class="why-head">
                <h3>{ T::Why.get(lang) }{ lang.colon() }{ name }</h3>
                <button class="icon" {onclick} aria-label={T::Dismiss.get(lang)} data-testid="why-close">{"×"}</button>
            </div>
            { table }
            { curve }
            <ol class="why-steps">
                { for steps.iter().map(|w| html! {
                    <li><span class="why-title">{ w.title.clone() }{ crate::ui::pages::method::link(crate::i18n::pages::method::why_section(&w.title), lang) }</span><span class="why-formula">{ w.formula.clone() }</span></li>
                }) }
            </ol>
        </aside>
    }
}
