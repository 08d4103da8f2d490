//! Targets: every target (branch × quantitative indicator) in a matrix editor, with its breakdown base × k × f,
//! its override and the motivation check (class, p, μ, σ, suggested target). Numbers are the engine's.
//!
//! An override is typed in place (committed when editing ends) and cleared back to the derived target by typing
//! nothing, by Delete, or with the button of the focused cell. The focused cell's breakdown and check are written
//! in the line under the table (the same as the hover tooltip), with "apply suggested target" (Alt+S); one
//! button applies the suggestion to every flagged cell (too easy or out of reach) as one undoable edit. The
//! classes are counted per indicator (table foot) and per branch (last column).

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::motivation::{Motivation, Remedy};
use crate::engine::targets::{plan_in_force, resolve_for, Origin, Resolved};
use crate::engine::{MotivationClass, Results, TargetBreakdown, TargetRow};
use crate::i18n::pages::outputs::no_remedy_text;
use crate::i18n::pages::{TPlan, TTgt};
use crate::i18n::{Lang, T};
use crate::model::edit::plans::{owner_at, set_overrides_in};
use crate::model::edit::records::number_text;
use crate::model::edit::targets::{self as edit, is_flagged, parse_override};
use crate::model::{Direction, ProblemKind, Scenario};
use crate::ui::components::matrix::{
    CellAction, CellView, Change, ColKind, Column, Data, FooterRow, Matrix, MatrixData, Same,
};
use crate::ui::components::paging::OnRequest;
use crate::ui::format::{fixed, percent, plain};
use crate::ui::hooks::{use_app, use_lang, use_results, ScenarioRef, SharedResults};
use crate::ui::state::{Action, AppState, Edit};

/// The four classes, in the order they are listed.
const CLASSES: [MotivationClass; 4] =
    [MotivationClass::TooEasy, MotivationClass::Motivating, MotivationClass::OutOfReach, MotivationClass::Unknown];

pub use crate::report::class_word;

/// The class's icon, so that nothing depends on colour alone.
pub fn class_icon(c: MotivationClass) -> &'static str {
    match c {
        MotivationClass::TooEasy => "▽",
        MotivationClass::Motivating => "◎",
        MotivationClass::OutOfReach => "△",
        MotivationClass::Unknown => "?",
    }
}

/// Where the parts of a target in force come from (METHOD.md §1, target plans), e.g. "来源：计划基准目标值
/// 2024年度目标；计划中的手动目标 2024年度目标".
fn origin_text(s: &Scenario, r: &Resolved, lang: Lang) -> String {
    let plan = |i: usize| s.target_plans.get(i).map_or(String::new(), |p| p.name.clone());
    let base = match r.base_from {
        Origin::Scenario => TPlan::IndicatorBase.get(lang).to_string(),
        Origin::Plan(i) => format!("{} {}", TPlan::PlanBase.get(lang), plan(i)),
    };
    let ovr = match (r.override_from, r.breakdown.overridden) {
        (Some(Origin::Scenario), _) => Some(TPlan::OwnOverride.get(lang).to_string()),
        (Some(Origin::Plan(i)), true) => Some(format!("{} {}", TPlan::PlanOverride.get(lang), plan(i))),
        (Some(Origin::Plan(i)), false) => Some(format!("{} {}", TPlan::PlanRemoved.get(lang), plan(i))),
        (None, _) => None,
    };
    let mut text = format!("{}{}{}", TPlan::Source.get(lang), lang.colon(), base);
    if let Some(o) = ovr {
        text.push_str(lang.pick("；", "; "));
        text.push_str(&o);
    }
    text
}

/// The breakdown of a target in one line, e.g. "基准目标值 10 × k 1.2 × f 0.9667 = 11.6000 → 12", and the
/// motivation check in a second one (when it is of this target: the one in force in the last period).
fn breakdown_text(s: &Scenario, indicator: &str, b: &TargetBreakdown, m: Option<&Motivation>, lang: Lang) -> String {
    let q = s.indicator(indicator).and_then(|i| i.quantitative());
    let (op, exact) = match q.map(|q| q.direction) {
        Some(Direction::Lower) => ("÷", b.base * b.k / b.f),
        _ => ("×", b.base * b.k * b.f),
    };
    let decimals = q.map_or(1, |q| q.decimals as usize);
    let mut text = format!(
        "{} {} × k {} {} f {} = {} → {}",
        T::BaseTarget.get(lang),
        plain(b.base),
        plain(b.k),
        op,
        fixed(b.f, 4),
        fixed(exact, 4),
        fixed(b.derived, decimals)
    );
    if b.overridden {
        text.push_str(&format!("；{} {}", T::Overridden.get(lang), plain(b.target)));
    }
    let Some(m) = m else {
        text.push_str(&format!("\n{}", TPlan::MotivationLast.get(lang)));
        return text;
    };
    if let (Some(p), Some(mu), Some(sigma)) = (m.p, m.mu, m.sigma) {
        text.push_str(&format!(
            "\n{}：p = {}，μ = {}，σ = {}；{} {}",
            class_word(m.class, lang),
            fixed(p, 3),
            fixed(mu, 2),
            fixed(sigma, 2),
            T::SuggestedTarget.get(lang),
            m.suggested.map(plain).unwrap_or_default()
        ));
        // When no value at the indicator's decimals is motivating, say so instead of offering one.
        if let Some(r) = edit::remedy_from(s, indicator, m) {
            if let Some(line) = no_remedy_text(&r, q.map_or(0, |q| q.decimals), lang) {
                text.push_str(&format!("；{line}"));
            }
        }
    } else {
        text.push_str(&format!("\n{}", T::UnknownHint.get(lang)));
    }
    text
}

#[function_component(TargetsPage)]
pub fn targets_page() -> Html {
    let state = use_app();
    let lang = use_lang();
    let results = use_results();
    let s = state.scenario().clone();
    // §1 target plans: the period whose targets are shown and edited (its id; the last period by default).
    let chosen = use_state(|| None::<String>);
    let at = chosen.as_ref().and_then(|id| s.period_index(id)).or(s.periods.len().checked_sub(1));
    let on_select = {
        let chosen = chosen.clone();
        Callback::from(move |id: String| chosen.set(Some(id)))
    };
    let grid = use_memo((ScenarioRef(s.clone()), SharedResults(results.clone()), lang, at), {
        let dispatch = state.dispatcher();
        move |(s, r, lang, at)| TargetGrid::new(s.0.clone(), r.0.clone(), *lang, dispatch, *at)
    });
    let on_commit = {
        let (state, grid) = (state.clone(), grid.clone());
        use_callback(Same(grid.clone()), move |changes: Vec<Change>, _| {
            let mut cells = Vec::new();
            for ch in changes {
                let (Some(b), Some(i)) = (grid.s.branches.get(ch.row), grid.indicator(ch.col)) else { continue };
                match parse_override(&ch.text) {
                    Ok(v) => cells.push((b.id.clone(), i.to_string(), v)),
                    Err(_) => return,
                }
            }
            if !cells.is_empty() {
                let at = grid.at;
                state.dispatch(Action::Edit(Edit::new(T::Overridden, move |sc| {
                    set_overrides_in(sc, owner_at(sc, at), &cells)
                })));
            }
        })
    };
    let on_history = {
        let dispatch = state.dispatcher();
        use_callback((), move |redo: bool, _| dispatch.dispatch(if redo { Action::Redo } else { Action::Undo }))
    };

    if grid.quantitative.is_empty() || s.branches.is_empty() {
        return html! {
            <section>
                <h2>{ T::NavTargets.get(lang) }</h2>
                <p class="empty">{ T::NoTargets.get(lang) }</p>
            </section>
        };
    }

    // Only the targets one click can fix (a motivating value exists at the indicator's decimals).
    let flagged = results
        .targets
        .iter()
        .filter(|t| {
            is_flagged(t.motivation.class)
                && matches!(edit::remedy_from(&s, &t.indicator, &t.motivation), Some(Remedy::Target(_)))
        })
        .count();
    let overridden = results.targets.iter().filter(|t| t.breakdown.overridden).count();
    let apply_all = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::Edit(Edit::new(T::SuggestedTarget, |sc| {
                edit::apply_suggested_to_flagged(sc).map(|_| ())
            })));
        })
    };
    let data = Data(grid.clone() as Rc<dyn MatrixData>);

    html! {
        <section>
            <div class="page-head">
                <h2>{ T::NavTargets.get(lang) }</h2>
                <button class="primary" onclick={apply_all} disabled={flagged == 0} data-testid="apply-suggested-all"
                    title={TTgt::ApplyAllHint.get(lang)}>
                    { TTgt::ApplyAll.get(lang) }{" ("}{ flagged }{")"}
                </button>
            </div>
            <p class="muted">{ T::TargetsHint.get(lang) }{" "}{ TTgt::EditHint.get(lang) }</p>
            <super::target_plans::PlanBar {at} {on_select} />
            <ul class="legend">
                { for CLASSES.iter().map(|c| html! {
                    <li class={classes!("mot", format!("mot-{}", c.as_str()))}>{ class_icon(*c) }{" "}{ class_word(*c, lang) }</li>
                }) }
                <li class="overridden-mark">{"✎ "}{ T::Overridden.get(lang) }{" "}<span data-testid="override-count">{ overridden }</span></li>
            </ul>
            <Matrix data={data} {on_commit} {on_history} testid="targets-table" label={T::NavTargets.get(lang)} lang={lang}
                drafts_key={format!("targets-table:{}:{:?}", state.doc.current, grid.at)}
                corner={html! { { T::BranchName.get(lang) } }} />
            <OnRequest rows={s.branches.len()} cells={s.branches.len() * grid.quantitative.len()} {lang} testid="motivation-on-request"
                title={crate::i18n::pages::TChart::MotTitle.get(lang)}
                draw={{
                    let (s, results) = (s.clone(), results.clone());
                    Callback::from(move |()| crate::ui::charts::motivation::motivation_map(&s, &results, lang))
                }} />
        </section>
    }
}

/// The matrix's view of the targets of a scenario and its results.
struct TargetGrid {
    s: Rc<Scenario>,
    results: Rc<Results>,
    lang: Lang,
    dispatch: yew::UseReducerDispatcher<AppState>,
    /// Indices of the quantitative indicators, one column each (then the per-branch summary).
    quantitative: Vec<usize>,
    columns: Vec<Column>,
    /// Per branch × quantitative indicator, the index of its row in `results.targets`.
    rows: Vec<Option<usize>>,
    /// §1 the period whose targets are shown and edited (`None`: no period, the scenario's own values).
    at: Option<usize>,
    /// Per branch × quantitative indicator, the target in force in `at` and where it comes from.
    resolved: Vec<Option<Resolved>>,
    /// Whether the targets in force in `at` are those of the last period (the ones §9 checks).
    as_last: bool,
}

impl TargetGrid {
    fn new(
        s: Rc<Scenario>,
        results: Rc<Results>,
        lang: Lang,
        dispatch: yew::UseReducerDispatcher<AppState>,
        at: Option<usize>,
    ) -> TargetGrid {
        let quantitative: Vec<usize> =
            s.indicators.iter().enumerate().filter(|(_, i)| i.quantitative().is_some()).map(|(k, _)| k).collect();
        let mut columns: Vec<Column> = quantitative
            .iter()
            .map(|&k| {
                let i = &s.indicators[k];
                let q = i.quantitative().expect("filtered");
                let dir = match q.direction {
                    Direction::Higher => "↑",
                    Direction::Lower => "↓",
                };
                Column::new(i.id.clone(), i.name.clone(), ColKind::Edit)
                    .numeric()
                    .width(120.0)
                    .header(html! { <>{ i.name.clone() }<div class="unit">{ dir }{" "}{ q.unit.clone() }</div></> })
                    .title(format!("{} ({})", i.name, i.id))
            })
            .collect();
        columns.push(
            Column::new("summary", TTgt::PerBranch.get(lang), ColKind::ReadOnly)
                .title(TTgt::PerBranchHint.get(lang))
                .group(TTgt::Summary.get(lang))
                .width(160.0),
        );
        let nq = quantitative.len();
        let rows = s
            .branches
            .iter()
            .enumerate()
            .flat_map(|(r, b)| {
                let (s, results, quantitative) = (&s, &results, &quantitative);
                (0..nq).map(move |c| {
                    let id = &s.indicators[quantitative[c]].id;
                    let guess = r * nq + c;
                    match results.targets.get(guess) {
                        Some(t) if t.branch == b.id && &t.indicator == id => Some(guess),
                        _ => results.targets.iter().position(|t| t.branch == b.id && &t.indicator == id),
                    }
                })
            })
            .collect();
        let resolved = s
            .branches
            .iter()
            .flat_map(|b| {
                let s = &s;
                quantitative.iter().map(move |&k| {
                    let i = &s.indicators[k];
                    i.quantitative().map(|q| resolve_for(s, b, &i.id, q, at))
                })
            })
            .collect();
        let last = s.periods.len().checked_sub(1);
        let as_last = at == last || at.zip(last).is_some_and(|(u, l)| plan_in_force(&s, u) == plan_in_force(&s, l));
        TargetGrid { s, results, lang, dispatch, quantitative, columns, rows, at, resolved, as_last }
    }

    /// The target in force in the chosen period, with its origins.
    fn in_force(&self, r: usize, c: usize) -> Option<&Resolved> {
        self.resolved.get(r * self.quantitative.len() + c).and_then(Option::as_ref)
    }

    /// The cell's breakdown text with its origin and, when it is of this target, its motivation check.
    fn cell_text(&self, r: usize, c: usize) -> Option<String> {
        let x = self.in_force(r, c)?;
        let m = self.target(r, c).map(|t| &t.motivation).filter(|_| self.as_last);
        let ind = self.indicator(c)?;
        let text = breakdown_text(&self.s, ind, &x.breakdown, m, self.lang);
        let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
        Some(format!("{first}；{}\n{rest}", origin_text(&self.s, x, self.lang)))
    }

    fn indicator(&self, c: usize) -> Option<&str> {
        self.quantitative.get(c).map(|&k| self.s.indicators[k].id.as_str())
    }

    fn target(&self, r: usize, c: usize) -> Option<&TargetRow> {
        if c >= self.quantitative.len() {
            return None;
        }
        self.rows.get(r * self.quantitative.len() + c).copied().flatten().map(|k| &*self.results.targets[k])
    }

    fn class_counts(&self, targets: impl Iterator<Item = MotivationClass>) -> [usize; 4] {
        let mut n = [0; 4];
        for c in targets {
            if let Some(k) = CLASSES.iter().position(|x| *x == c) {
                n[k] += 1;
            }
        }
        n
    }
}

impl MatrixData for TargetGrid {
    fn rows(&self) -> usize {
        self.s.branches.len()
    }

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn row_key(&self, r: usize) -> AttrValue {
        AttrValue::from(self.s.branches[r].id.clone())
    }

    fn row_label(&self, r: usize) -> AttrValue {
        AttrValue::from(self.s.branches[r].name.clone())
    }

    fn row_attrs(&self, r: usize) -> Vec<(&'static str, AttrValue)> {
        vec![("data-testid", "target-row".into()), ("data-branch", self.s.branches[r].id.clone().into())]
    }

    fn cell(&self, r: usize, c: usize) -> CellView {
        let lang = self.lang;
        if c == self.quantitative.len() {
            let n = self.class_counts(
                (0..self.quantitative.len()).filter_map(|c| self.target(r, c)).map(|t| t.motivation.class),
            );
            let title = CLASSES
                .iter()
                .zip(n)
                .map(|(c, n)| format!("{} {n}", class_word(*c, lang)))
                .collect::<Vec<_>>()
                .join("，");
            return CellView {
                text: title.clone().into(),
                display: Some(html! {
                    <span class="class-counts">
                        { for CLASSES.iter().zip(n).map(|(c, n)| html! {
                            <span class={classes!("mot", format!("mot-{}", c.as_str()), (n == 0).then_some("zero"))}>{ class_icon(*c) }{ n }</span>
                        }) }
                    </span>
                }),
                title: Some(title.into()),
                attrs: vec![("data-testid", "branch-summary".into())],
                ..Default::default()
            };
        }
        let b = &self.s.branches[r];
        let ind = self.indicator(c).unwrap_or_default();
        let (Some(t), Some(x)) = (self.target(r, c), self.in_force(r, c)) else {
            return CellView { text: "".into(), display: Some(html! {"—"}), readonly: true, ..Default::default() };
        };
        let decimals = self.s.indicators[self.quantitative[c]].quantitative().map_or(1, |q| q.decimals as usize);
        let m = if self.as_last { t.motivation } else { Motivation::UNKNOWN };
        let m = &m;
        let o = x.breakdown.overridden;
        let target = x.breakdown.target;
        let shown = if o { plain(target) } else { fixed(target, decimals) };
        let from_plan = matches!(x.base_from, Origin::Plan(_)) || matches!(x.override_from, Some(Origin::Plan(_)));
        CellView {
            text: number_text(target).into(),
            display: Some(html! {
                <>
                    if o { <span class="overridden-mark" aria-label={T::Overridden.get(lang)}>{"✎"}</span> }
                    <span class="value">{ shown }</span>
                    if self.as_last {
                        <span class="mot-tag">{ class_icon(m.class) }{" "}{ m.p.map(percent).unwrap_or_default() }</span>
                    }
                </>
            }),
            class: classes!(
                "cell",
                format!("mot-{}", m.class.as_str()),
                o.then_some("overridden"),
                from_plan.then_some("from-plan")
            ),
            title: self.cell_text(r, c).map(AttrValue::from),
            attrs: vec![
                ("data-testid", "target-cell".into()),
                ("data-branch", b.id.clone().into()),
                ("data-indicator", ind.to_string().into()),
                ("data-class", m.class.as_str().into()),
                ("data-overridden", o.to_string().into()),
                ("data-from-plan", from_plan.to_string().into()),
            ],
            readonly: false,
        }
    }

    fn parse(&self, _r: usize, c: usize, text: &str) -> Result<(), ProblemKind> {
        if c >= self.quantitative.len() {
            return Err(ProblemKind::Missing);
        }
        parse_override(text).map(|_| ())
    }

    fn detail(&self, r: usize, c: usize) -> Html {
        let lang = self.lang;
        if c == self.quantitative.len() {
            return html! { { TTgt::PerBranchHint.get(lang) } };
        }
        let Some(t) = self.target(r, c) else { return Html::default() };
        let Some(text) = self.cell_text(r, c) else { return Html::default() };
        let mut lines = text.lines();
        let first = lines.next().unwrap_or_default().to_string();
        let rest: Vec<String> = lines.map(str::to_string).collect();
        html! {
            <span class="tgt-detail" data-testid="target-detail" data-class={t.motivation.class.as_str()}>
                <span class="tgt-breakdown">{ first }</span>
                { for rest.into_iter().map(|l| html! {
                    <span class={classes!("tgt-check", format!("mot-{}", t.motivation.class.as_str()))}>
                        {" · "}{ class_icon(t.motivation.class) }{" "}{ l }
                    </span>
                }) }
            </span>
        }
    }

    fn actions(&self, r: usize, c: usize) -> Vec<CellAction> {
        let lang = self.lang;
        let (Some(t), Some(x)) = (self.target(r, c), self.in_force(r, c)) else { return Vec::new() };
        let (b, i) = (self.s.branches[r].id.clone(), self.indicator(c).unwrap_or_default().to_string());
        let mut out = Vec::new();
        let fix = match edit::remedy_from(&self.s, &t.indicator, &t.motivation) {
            Some(Remedy::Target(v)) => Some(v),
            _ => None,
        };
        if let Some(v) = fix.filter(|v| *v != t.breakdown.target && self.as_last) {
            let (dispatch, b, i) = (self.dispatch.clone(), b.clone(), i.clone());
            out.push(CellAction {
                label: format!("{} → {}", TTgt::ApplySuggested.get(lang), plain(v)).into(),
                testid: "apply-suggested",
                key: Some(("KeyS", "Alt+S")),
                run: Callback::from(move |_| {
                    let cell = vec![(b.clone(), i.clone())];
                    dispatch.dispatch(Action::Edit(Edit::new(T::SuggestedTarget, move |sc| {
                        edit::apply_suggested(sc, &cell).map(|_| ())
                    })));
                }),
            });
        }
        if x.breakdown.overridden {
            let (dispatch, at) = (self.dispatch.clone(), self.at);
            out.push(CellAction {
                label: format!("{} → {}", TTgt::ClearOverride.get(lang), plain(x.breakdown.derived)).into(),
                testid: "clear-override",
                key: Some(("KeyX", "Alt+X")),
                run: Callback::from(move |_| {
                    let (b, i) = (b.clone(), i.clone());
                    let cell = vec![(b.clone(), i.clone(), None)];
                    dispatch.dispatch(Action::Edit(Edit::new(T::Overridden, move |sc| {
                        set_overrides_in(sc, owner_at(sc, at), &cell)
                    })));
                }),
            });
        }
        out
    }

    fn footer(&self) -> Vec<FooterRow> {
        let lang = self.lang;
        let nq = self.quantitative.len();
        let per_column: Vec<[usize; 4]> = (0..nq)
            .map(|c| {
                self.class_counts(
                    (0..self.s.branches.len()).filter_map(|r| self.target(r, c)).map(|t| t.motivation.class),
                )
            })
            .collect();
        CLASSES
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let mut cells: Vec<Html> = per_column.iter().map(|n| html! { { n[k] } }).collect();
                cells.push(html! { { per_column.iter().map(|n| n[k]).sum::<usize>() } });
                FooterRow {
                    header: html! {
                        <span class={classes!("mot", format!("mot-{}", c.as_str()))}>{ class_icon(*c) }{" "}{ class_word(*c, lang) }</span>
                    },
                    class: classes!("summary"),
                    attrs: vec![("data-testid", "class-summary".into()), ("data-class", c.as_str().into())],
                    cells,
                }
            })
            .collect()
    }
}
