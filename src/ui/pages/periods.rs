//! Periods & data: add, rename and delete periods (deleting is undoable), choose one, and enter its data in a
//! matrix of branches × fields — whether the branch is assessed, the actual of every scored indicator (a number
//! or A–D; empty is missing data), each veto (triggered or not), each optional action (done or not), the
//! adjustments (a list editor per branch), the ballots by grade and the peer and superior scores. The branch's
//! final score, rank and tier in the period follow every edit in the last columns.
//!
//! The cells are parsed and written by [`crate::model::edit::records`]; a valid cell is committed as one
//! undoable edit when editing ends (Enter, Tab, leaving the cell), a pasted block as one edit.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::{PeriodRow, Results, Tier};
use crate::i18n::pages::TLay;
use crate::i18n::pages::TPer;
use crate::i18n::{kind_message, Lang, T};
use crate::model::edit::records::{
    self, check_adjustment, field_text, next_period_id, parse_field, BallotGrade, RecordField,
};
use crate::model::{Adjustment, Direction, IndicatorKind, Measure, ProblemKind, Scenario};
use crate::report::tier_word;
use crate::ui::components::matrix::{CellView, Change, ColKind, Column, Data, Matrix, MatrixData, Same};
use crate::ui::format::{fixed, plain};
use crate::ui::hooks::{use_app, use_lang, use_results, ScenarioRef, SharedResults};
use crate::ui::state::{Action, AppState, Edit};

/// What a column of the data matrix holds.
#[derive(Clone, PartialEq)]
enum Col {
    Field(RecordField),
    Adjustments,
    Final,
    Rank,
    Tier,
}

/// The index of the period shown: the one chosen (shared with the results page), else the last one.
fn chosen_period(state: &AppState, s: &Scenario) -> Option<usize> {
    state
        .selected_period
        .as_ref()
        .and_then(|id| s.periods.iter().position(|p| &p.id == id))
        .or_else(|| s.periods.len().checked_sub(1))
}

/// A suggested name for a new period: a quarter in the user's language, else its id.
fn suggested_name(id: &str, quarter: Option<(i32, u32)>, lang: Lang) -> String {
    match quarter {
        Some((y, q)) => {
            TPer::QuarterName.get(lang).replace("{year}", &y.to_string()).replace("{quarter}", &q.to_string())
        }
        None => id.to_string(),
    }
}

#[function_component]
pub fn Page() -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario().clone();
    let period = chosen_period(&state, &s);

    html! {
        <section class="periods-page">
            <div class="page-head">
                <h2>{ TPer::Title.get(lang) }<span class="count" data-testid="period-count">{ s.periods.len() }</span></h2>
            </div>
            <p class="muted">{ TPer::Hint.get(lang) }</p>
            <PeriodBar period={period} />
            if s.branches.is_empty() {
                <p class="empty">{ T::NoBranches.get(lang) }</p>
            } else if let Some(pi) = period {
                <DataMatrix period={pi} />
            } else {
                <p class="empty" data-testid="no-periods">{ TPer::NoPeriods.get(lang) }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct BarProps {
    period: Option<usize>,
}

/// Choose, rename, delete and add periods.
#[function_component(PeriodBar)]
fn period_bar(props: &BarProps) -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario().clone();
    let current = props.period.and_then(|i| s.periods.get(i).map(|p| (i, p.clone())));
    // The name being typed (period id, text), until committed.
    let name_draft = use_state(|| None::<(String, String)>);
    // The last deleted period's name and the revision its deletion made, for the inline undo (shown only while
    // that deletion is the last change, so that its button never undoes something else).
    let deleted = use_state(|| None::<(String, u64)>);
    // The add form: (id, name, tried to save).
    let adding = use_state(|| None::<(String, String, bool)>);

    let on_choose = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            state.dispatch(Action::SelectPeriod(v));
        })
    };

    let rename = current.as_ref().map(|(i, p)| {
        let text = name_draft.as_ref().filter(|(id, _)| *id == p.id).map_or(p.name.clone(), |(_, t)| t.clone());
        let error = crate::model::validate::name(&text).err();
        let oninput = {
            let (name_draft, id) = (name_draft.clone(), p.id.clone());
            Callback::from(move |e: InputEvent| {
                let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                name_draft.set(Some((id.clone(), v)));
            })
        };
        let commit = {
            let (state, name_draft, i, old, text, ok) =
                (state.clone(), name_draft.clone(), *i, p.name.clone(), text.clone(), error.is_none());
            move || {
                if ok && text.trim() != old {
                    let name = text.clone();
                    state.dispatch(Action::Edit(Edit::new(T::Rename, move |sc| records::rename_period(sc, i, &name))));
                }
                if ok {
                    name_draft.set(None);
                }
            }
        };
        let onblur = {
            let commit = commit.clone();
            Callback::from(move |_: FocusEvent| commit())
        };
        let onkeydown = {
            let (name_draft, commit) = (name_draft.clone(), commit.clone());
            Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                "Enter" => commit(),
                "Escape" => name_draft.set(None),
                _ => {}
            })
        };
        let on_delete = {
            let (state, deleted, i, name) = (state.clone(), deleted.clone(), *i, p.name.clone());
            Callback::from(move |_| {
                // The revision this deletion will make (read before dispatching: the handle shows the newest state).
                let rev = state.revision + 1;
                state.dispatch(Action::Edit(Edit::new(T::Delete, move |sc| records::delete_period(sc, i).map(|_| ()))));
                // A refused deletion (a target plan starts in the period) shows its message instead.
                if crate::model::edit::plans::period_deletion_problem(state.doc.scenario(), i).is_none() {
                    deleted.set(Some((name.clone(), rev)));
                }
            })
        };
        html! {
            <>
                <div class={classes!("field", "period-name", error.is_some().then_some("invalid"))}>
                    <label for="f-period-name">{ TPer::PeriodName.get(lang) }</label>
                    <input id="f-period-name" value={text} {oninput} {onblur} {onkeydown} data-testid="period-name"
                        aria-invalid={error.is_some().to_string()} />
                    if let Some(k) = &error {
                        <div class="field-error" role="alert" data-testid="period-name-error">
                            { TPer::PeriodName.get(lang) }{ lang.colon() }{ kind_message(k, lang) }
                        </div>
                    }
                </div>
                <div class="field">
                    <span class="label-space" aria-hidden="true">{"\u{a0}"}</span>
                    <button class="ghost danger" onclick={on_delete} data-testid="period-delete"
                        title={format!("{} {}", TPer::DeletePeriod.get(lang), p.name)}>
                        { TPer::DeletePeriod.get(lang) }
                    </button>
                </div>
            </>
        }
    });

    let add_form = adding.as_ref().map(|(id, name, tried)| {
        let problems = records::check_new_period(&s, id, name);
        let error_of = |field: &str| {
            problems.iter().find(|p| p.path.ends_with(field)).filter(|_| *tried || field == ".id" || !name.is_empty()).map(|p| {
                let label = if field == ".id" { TPer::PeriodId } else { TPer::PeriodName };
                format!("{}{}{}", label.get(lang), lang.colon(), kind_message(&p.kind, lang))
            })
        };
        let (id_error, name_error) = (error_of(".id"), error_of(".name"));
        let set = |which: u8| {
            let adding = adding.clone();
            Callback::from(move |e: InputEvent| {
                let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                if let Some((id, name, tried)) = (*adding).clone() {
                    adding.set(Some(if which == 0 { (v, name, tried) } else { (id, v, tried) }));
                }
            })
        };
        let onsubmit = {
            let (state, adding, id, name, ok) = (state.clone(), adding.clone(), id.clone(), name.clone(), problems.is_empty());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                if !ok {
                    adding.set(Some((id.clone(), name.clone(), true)));
                    return;
                }
                let (id2, name2) = (id.clone(), name.clone());
                state.dispatch(Action::Edit(Edit::new(T::Add, move |sc| records::add_period(sc, &id2, &name2).map(|_| ()))));
                state.dispatch(Action::SelectPeriod(id.trim().to_string()));
                adding.set(None);
            })
        };
        let cancel = {
            let adding = adding.clone();
            Callback::from(move |_| adding.set(None))
        };
        let onkeydown = crate::ui::components::field::close_on_escape(&adding);
        html! {
            <form class="editor card period-add" {onsubmit} {onkeydown} novalidate=true data-testid="period-add-form">
                <h3>{ TPer::AddPeriod.get(lang) }</h3>
                <div class="grid">
                    <div class={classes!("field", id_error.is_some().then_some("invalid"))}>
                        <label for="f-period-new-id">{ TPer::PeriodId.get(lang) }</label>
                        <input id="f-period-new-id" value={id.clone()} oninput={set(0)} data-testid="period-new-id" />
                        <div class="hint">{ TPer::PeriodIdHint.get(lang) }</div>
                        if let Some(m) = id_error { <div class="field-error" role="alert" data-testid="period-new-id-error">{ m }</div> }
                    </div>
                    <div class={classes!("field", name_error.is_some().then_some("invalid"))}>
                        <label for="f-period-new-name">{ TPer::PeriodName.get(lang) }</label>
                        <input id="f-period-new-name" value={name.clone()} oninput={set(1)} data-testid="period-new-name" autofocus=true
                            aria-label={crate::i18n::pages::keyboard::in_form(TPer::AddPeriod.get(lang), TPer::PeriodName.get(lang))} />
                        if let Some(m) = name_error { <div class="field-error" role="alert" data-testid="period-new-name-error">{ m }</div> }
                    </div>
                </div>
                <div class="buttons">
                    <button type="submit" class="primary" data-testid="period-new-save">{ TPer::AddPeriod.get(lang) }</button>
                    <button type="button" class="ghost" onclick={cancel}>{ T::Cancel.get(lang) }</button>
                </div>
            </form>
        }
    });

    let on_add = {
        let (adding, s) = (adding.clone(), s.clone());
        Callback::from(move |_| {
            let (id, quarter) = next_period_id(&s);
            let name = suggested_name(&id, quarter, lang);
            adding.set(Some((id, name, false)));
        })
    };
    let undo_delete = {
        let (state, deleted) = (state.clone(), deleted.clone());
        Callback::from(move |_| {
            state.dispatch(Action::Undo);
            deleted.set(None);
        })
    };

    html! {
        <div class="period-bar">
            <div class="period-controls">
                if let Some((_, p)) = &current {
                    <div class="field">
                        <label for="f-period-choose">{ T::Period.get(lang) }</label>
                        <select id="f-period-choose" onchange={on_choose} data-testid="period-choose">
                            { for s.periods.iter().map(|q| html! {
                                <option value={q.id.clone()} selected={q.id == p.id}>{ q.name.clone() }{" ("}{ q.id.clone() }{")"}</option>
                            }) }
                        </select>
                    </div>
                }
                { rename.unwrap_or_default() }
                <div class="field">
                    <span class="label-space" aria-hidden="true">{"\u{a0}"}</span>
                    <button class="primary" onclick={on_add} disabled={adding.is_some()} data-testid="period-add">
                        {"＋ "}{ TPer::AddPeriod.get(lang) }
                    </button>
                </div>
            </div>
            if let Some((name, _)) = deleted.as_ref().filter(|(_, rev)| *rev == state.revision) {
                <p class="banner banner-warn" role="status" data-testid="period-deleted">
                    <span>{ TPer::Deleted.get(lang) }{ lang.colon() }{ name.clone() }</span>
                    if state.can_undo() {
                        <button class="ghost small" onclick={undo_delete} data-testid="period-undo">{ T::Undo.get(lang) }</button>
                    }
                </p>
            }
            { add_form.unwrap_or_default() }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct MatrixPageProps {
    period: usize,
}

/// The data-entry matrix of one period, with the adjustments editor of the branch it opened.
#[function_component(DataMatrix)]
fn data_matrix(props: &MatrixPageProps) -> Html {
    let state = use_app();
    let lang = use_lang();
    let results = use_results();
    let pi = props.period;
    let grid = use_memo(
        (ScenarioRef(state.scenario().clone()), SharedResults(results.clone()), lang, pi),
        |(s, r, lang, pi)| PeriodGrid::new(s.0.clone(), r.0.clone(), *lang, *pi),
    );
    // The branch whose adjustments are open.
    let adjusting = use_state(|| None::<String>);

    let on_commit = {
        let (state, grid) = (state.clone(), grid.clone());
        use_callback(Same(grid.clone()), move |changes: Vec<Change>, _| {
            let Some(period_id) = grid.s.periods.get(grid.pi).map(|p| p.id.clone()) else { return };
            let cells: Vec<(String, RecordField, String)> = changes
                .into_iter()
                .filter_map(|ch| match grid.cols.get(ch.col) {
                    Some(Col::Field(f)) => grid.s.branches.get(ch.row).map(|b| (b.id.clone(), f.clone(), ch.text)),
                    _ => None,
                })
                .collect();
            if cells.is_empty() {
                return;
            }
            // Only this period's records of these branches change: the results follow incrementally.
            let change = crate::engine::incremental::Change::Records {
                period: period_id.clone(),
                branches: cells.iter().map(|(b, _, _)| b.clone()).collect(),
            };
            let edit = Edit::new(T::Edit, move |sc| {
                let pi = sc.periods.iter().position(|p| p.id == period_id).ok_or_else(Vec::new)?;
                let mut values = Vec::with_capacity(cells.len());
                let mut problems = Vec::new();
                for (b, f, text) in &cells {
                    match parse_field(sc, f, text) {
                        Ok(v) => values.push((b.clone(), f.clone(), v)),
                        Err(k) => problems.push(crate::model::Problem::new(records::field_path(pi, b, f), k)),
                    }
                }
                if !problems.is_empty() {
                    return Err(problems);
                }
                records::set_fields(sc, pi, &values)
            });
            state.dispatch(Action::Edit(edit.touching(change)));
        })
    };
    let on_history = {
        let dispatch = state.dispatcher();
        use_callback((), move |redo: bool, _| dispatch.dispatch(if redo { Action::Redo } else { Action::Undo }))
    };
    let on_activate = {
        let (grid, adjusting) = (grid.clone(), adjusting.clone());
        use_callback(Same(grid.clone()), move |(r, c): (usize, usize), _| {
            if matches!(grid.cols.get(c), Some(Col::Adjustments)) {
                adjusting.set(grid.s.branches.get(r).map(|b| b.id.clone()));
            }
        })
    };
    let data = Data(grid.clone() as Rc<dyn MatrixData>);
    let s = &grid.s;
    let period = &s.periods[pi];
    let assessed = s.branches.iter().filter(|b| period.records.contains_key(&b.id)).count();
    let close = {
        let adjusting = adjusting.clone();
        Callback::from(move |_: ()| adjusting.set(None))
    };

    html! {
        <div class="period-data">
            <p class="period-summary" data-testid="period-summary">
                { TPer::AssessedCount.get(lang) }{ lang.colon() }{ assessed }{" / "}{ s.branches.len() }
                <span class="muted">{" · "}{ TPer::ResultsFollow.get(lang) }</span>
            </p>
            <Matrix data={data} {on_commit} {on_history} {on_activate} testid="period-matrix"
                drafts_key={format!("period-matrix:{}:{}", state.doc.current, period.id)}
                label={format!("{} · {}", TPer::Title.get(lang), period.name)} lang={lang}
                corner={html! { { T::BranchName.get(lang) } }} />
            if let Some(b) = adjusting.as_ref().filter(|b| s.branch(b).is_some()) {
                <AdjustmentsEditor key={format!("{}-{}", period.id, b)} period={period.id.clone()} branch={b.clone()} on_close={close} />
            }
        </div>
    }
}

/// The matrix's view of one period of a scenario and its results.
struct PeriodGrid {
    s: Rc<Scenario>,
    results: Rc<Results>,
    lang: Lang,
    pi: usize,
    cols: Vec<Col>,
    columns: Vec<Column>,
    /// Per branch, its row in the period's results.
    result_rows: Vec<Option<usize>>,
}

impl PeriodGrid {
    fn new(s: Rc<Scenario>, results: Rc<Results>, lang: Lang, pi: usize) -> PeriodGrid {
        let mut cols = vec![Col::Field(RecordField::Assessed)];
        let mut columns = vec![Column::new("assessed", TPer::Assessed.get(lang), ColKind::Flag)
            .title(TPer::AssessedHint.get(lang))
            .width(if lang == Lang::En { 112.0 } else { 86.0 })];
        cols.push(Col::Final);
        columns.push(
            Column::new("final", T::FinalScore.get(lang), ColKind::ReadOnly)
                .numeric()
                .header(html! { <>{"F"}<div class="unit">{ T::FinalScore.get(lang) }</div></> })
                .group(TPer::GroupResults.get(lang))
                .width(84.0),
        );
        cols.push(Col::Rank);
        columns.push(Column::new("rank", T::Rank.get(lang), ColKind::ReadOnly).numeric().width(60.0));
        cols.push(Col::Tier);
        columns.push(Column::new("tier", T::Tier.get(lang), ColKind::ReadOnly).width(if lang == Lang::En {
            124.0
        } else {
            96.0
        }));

        let mut first_actual = true;
        for ind in s.indicators.iter().filter(|i| !i.is_veto()) {
            let (sub, numeric, hint) = match &ind.kind {
                IndicatorKind::Scored(sc) => match &sc.measure {
                    Measure::Quantitative(q) => {
                        let dir = match q.direction {
                            Direction::Higher => "↑",
                            Direction::Lower => "↓",
                        };
                        (format!("{dir} {}", q.unit), true, TPer::NumberHint.get(lang))
                    }
                    Measure::Qualitative => ("A–D".to_string(), false, TPer::LevelHint.get(lang)),
                },
                IndicatorKind::Veto => continue,
            };
            let mut col = Column::new(format!("actual:{}", ind.id), ind.name.clone(), ColKind::Edit)
                .header(html! { <>{ ind.name.clone() }<div class="unit">{ sub }</div></> })
                .title(format!("{} ({}) — {}", ind.name, ind.id, hint));
            col.numeric = numeric;
            if std::mem::take(&mut first_actual) {
                col = col.group(TPer::GroupActuals.get(lang));
            }
            cols.push(Col::Field(RecordField::Actual(ind.id.clone())));
            columns.push(col);
        }
        for (k, ind) in s.indicators.iter().filter(|i| i.is_veto()).enumerate() {
            let mut col = Column::new(format!("veto:{}", ind.id), ind.name.clone(), ColKind::Flag).title(format!(
                "{} ({}) — {}",
                ind.name,
                ind.id,
                TPer::VetoHint.get(lang)
            ));
            if k == 0 {
                col = col.group(TPer::GroupVetoes.get(lang));
            }
            cols.push(Col::Field(RecordField::Veto(ind.id.clone())));
            columns.push(col);
        }
        for (k, a) in s.optional_actions.iter().enumerate() {
            let mut col = Column::new(format!("optional:{}", a.id), a.name.clone(), ColKind::Flag)
                .header(html! { <>{ a.name.clone() }<div class="unit">{ format!("+{}", plain(a.points)) }</div></> })
                .title(format!("{} ({}) — {}", a.name, a.id, TPer::OptionalHint.get(lang)));
            if k == 0 {
                col = col.group(TPer::GroupOptional.get(lang));
            }
            cols.push(Col::Field(RecordField::Optional(a.id.clone())));
            columns.push(col);
        }
        cols.push(Col::Adjustments);
        columns.push(
            Column::new("adjustments", T::AdjustmentPoints.get(lang), ColKind::Action)
                .numeric()
                .title(TPer::AdjustmentsHint.get(lang))
                .width(92.0),
        );
        let ballot_words = [
            (BallotGrade::Excellent, TPer::Excellent),
            (BallotGrade::Good, TPer::Good),
            (BallotGrade::Fair, TPer::Fair),
            (BallotGrade::Poor, TPer::Poor),
        ];
        for (k, (g, word)) in ballot_words.iter().enumerate() {
            let mut col = Column::new(format!("ballot:{}", g.key()), word.get(lang), ColKind::Edit)
                .numeric()
                .title(TPer::BallotHint.get(lang))
                .width(76.0);
            if k == 0 {
                col = col.group(T::MembersScore.get(lang));
            }
            cols.push(Col::Field(RecordField::Ballot(*g)));
            columns.push(col);
        }
        cols.push(Col::Field(RecordField::Peers));
        columns.push(
            Column::new("peers", T::PeersScore.get(lang), ColKind::Edit)
                .numeric()
                .title(TPer::ScoreHint.get(lang))
                .group(T::EvaluationScore.get(lang)),
        );
        cols.push(Col::Field(RecordField::Superiors));
        columns.push(
            Column::new("superiors", T::SuperiorsScore.get(lang), ColKind::Edit)
                .numeric()
                .title(TPer::ScoreHint.get(lang)),
        );
        let period_id = s.periods.get(pi).map(|p| p.id.as_str());
        let result = results.periods.iter().find(|p| Some(p.period.as_str()) == period_id);
        let by_branch: std::collections::HashMap<&str, usize> = result
            .map(|p| p.rows.iter().enumerate().map(|(k, r)| (r.branch.as_str(), k)).collect())
            .unwrap_or_default();
        let result_rows = s.branches.iter().map(|b| by_branch.get(b.id.as_str()).copied()).collect();
        PeriodGrid { s, results, lang, pi, cols, columns, result_rows }
    }

    fn result(&self, r: usize) -> Option<&PeriodRow> {
        let row = self.result_rows.get(r).copied().flatten()?;
        let period_id = &self.s.periods.get(self.pi)?.id;
        self.results.periods.iter().find(|p| &p.period == period_id).map(|p| &p.rows[row])
    }
}

fn toggle(on: bool, word: &str) -> Html {
    html! {
        <><span class="mx-toggle" aria-hidden="true">{ if on { "☑" } else { "☐" } }</span>
        if on && !word.is_empty() { <span class="flag-word">{ word.to_string() }</span> }</>
    }
}

impl MatrixData for PeriodGrid {
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

    fn row_class(&self, r: usize) -> Classes {
        let assessed = self.s.periods[self.pi].records.contains_key(&self.s.branches[r].id);
        classes!((!assessed).then_some("mx-absent"))
    }

    fn row_attrs(&self, r: usize) -> Vec<(&'static str, AttrValue)> {
        vec![("data-testid", "period-row".into()), ("data-branch", self.s.branches[r].id.clone().into())]
    }

    fn cell(&self, r: usize, c: usize) -> CellView {
        let lang = self.lang;
        let b = &self.s.branches[r];
        let record = self.s.periods[self.pi].records.get(&b.id);
        let mut view = match &self.cols[c] {
            Col::Field(f) => {
                let text = field_text(record, f);
                let display = match f {
                    RecordField::Assessed => Some(html! {
                        <>{ toggle(record.is_some(), "") }<span class="flag-word">{
                            if record.is_some() { TPer::Yes.get(lang) } else { TPer::NotAssessed.get(lang) }
                        }</span></>
                    }),
                    RecordField::Veto(_) => Some(toggle(!text.is_empty(), TPer::VetoFailed.get(lang))),
                    RecordField::Optional(_) => Some(toggle(!text.is_empty(), "")),
                    RecordField::Actual(_) if record.is_some() && text.is_empty() => {
                        Some(html! { <span class="mx-missing" title={T::MissingData.get(lang)}>{"？"}</span> })
                    }
                    _ => None,
                };
                let class = match f {
                    RecordField::Veto(_) if !text.is_empty() => classes!("veto-on"),
                    _ => Classes::new(),
                };
                CellView { text: text.into(), display, class, ..Default::default() }
            }
            Col::Adjustments => {
                let list = record.map(|r| r.adjustments.as_slice()).unwrap_or_default();
                let sum: f64 = list.iter().map(|a| a.points).sum();
                let title = list.iter().map(|a| format!("{:+} {}", a.points, a.reason)).collect::<Vec<_>>().join("\n");
                CellView {
                    text: if list.is_empty() { AttrValue::default() } else { plain(sum).into() },
                    display: Some(html! {
                        <>
                            if !list.is_empty() { <span>{ format!("{:+}", sum) }</span><span class="muted">{ format!(" ({})", list.len()) }</span> }
                            <span class="mx-open" aria-hidden="true">{" ✎"}</span>
                        </>
                    }),
                    title: Some(if title.is_empty() { TPer::AdjustmentsHint.get(lang).into() } else { title.into() }),
                    ..Default::default()
                }
            }
            Col::Final => {
                let f = self.result(r).map(|x| fixed(x.final_score, 2)).unwrap_or_default();
                CellView { text: f.into(), attrs: vec![("data-testid", "row-final".into())], ..Default::default() }
            }
            Col::Rank => {
                let rank = self.result(r).map(|x| x.rank.to_string()).unwrap_or_default();
                CellView { text: rank.into(), attrs: vec![("data-testid", "row-rank".into())], ..Default::default() }
            }
            Col::Tier => match self.result(r) {
                Some(x) => {
                    let icon = match x.tier {
                        Tier::First => "▲",
                        Tier::Middle => "●",
                        Tier::Bottom => "▼",
                    };
                    CellView {
                        text: tier_word(x.tier, lang).into(),
                        display: Some(html! {
                            <span class={classes!("tier", format!("tier-{}", x.tier.as_str()))}>{ icon }{" "}{ tier_word(x.tier, lang) }</span>
                        }),
                        attrs: vec![("data-testid", "row-tier".into()), ("data-tier", x.tier.as_str().into())],
                        ..Default::default()
                    }
                }
                None => CellView::default(),
            },
        };
        view.attrs.push(("data-field", self.columns[c].key.clone()));
        view
    }

    fn parse(&self, _r: usize, c: usize, text: &str) -> Result<(), ProblemKind> {
        match &self.cols[c] {
            Col::Field(f) => parse_field(&self.s, f, text).map(|_| ()),
            _ => Err(ProblemKind::Missing),
        }
    }

    fn detail(&self, r: usize, c: usize) -> Html {
        let lang = self.lang;
        // While a value of a row is entered, its F, rank and tier stay in view here (the columns scroll away to
        // the left), following each valid keystroke.
        let summary = match (&self.cols[c], self.result(r)) {
            (Col::Field(_) | Col::Adjustments, Some(x)) => html! {
                <span class="row-summary" data-testid="row-summary" data-final={fixed(x.final_score, 2)}
                    data-rank={x.rank.to_string()} data-tier={x.tier.as_str()}>
                    { TLay::EditedRow.get(lang) }{ lang.colon() }{ format!("F {} · {} {} · ", fixed(x.final_score, 2), T::Rank.get(lang), x.rank) }
                    <span class={classes!("tier", format!("tier-{}", x.tier.as_str()))}>{ tier_word(x.tier, lang) }</span>
                </span>
            },
            _ => html! {},
        };
        let main = match &self.cols[c] {
            Col::Field(RecordField::Actual(id)) => {
                let b = &self.s.branches[r];
                let target = crate::engine::targets::breakdown(&self.s, &b.id, id)
                    .map(|t| format!("{} {}", T::Target.get(lang), plain(t.target)))
                    .unwrap_or_else(|| format!("{} A", T::Target.get(lang)));
                let hint = if self.s.indicator(id).is_some_and(|i| i.is_qualitative()) {
                    TPer::LevelHint.get(lang)
                } else {
                    TPer::NumberHint.get(lang)
                };
                html! { <>{ target }{" · "}{ hint }</> }
            }
            Col::Field(RecordField::Veto(_)) => html! { { TPer::VetoHint.get(lang) } },
            Col::Field(RecordField::Optional(_)) => html! { { TPer::OptionalHint.get(lang) } },
            Col::Field(RecordField::Assessed) => html! { { TPer::AssessedHint.get(lang) } },
            Col::Field(RecordField::Ballot(_)) => html! { { TPer::BallotHint.get(lang) } },
            Col::Field(RecordField::Peers | RecordField::Superiors) => html! { { TPer::ScoreHint.get(lang) } },
            Col::Adjustments => html! { { TPer::AdjustmentsHint.get(lang) } },
            Col::Final | Col::Rank | Col::Tier => match self.result(r) {
                Some(x) => html! {
                    <>{ format!("F = {} · {} {} · I = {} · E = {}", fixed(x.final_score, 2), T::Rank.get(lang), x.rank,
                        fixed(x.inspection, 2), x.evaluation.map(|e| fixed(e, 2)).unwrap_or_else(|| "—".into())) }</>
                },
                None => html! { { TPer::NotAssessedHint.get(lang) } },
            },
        };
        html! { <>{ main }{ summary }</> }
    }
}

/// An adjustment line as typed: the adjustment when it is valid, and the problems by field (`points`, `reason`).
type ParsedLine = (Option<Adjustment>, Vec<(&'static str, ProblemKind)>);

#[derive(Properties, PartialEq)]
struct AdjProps {
    period: String,
    branch: String,
    on_close: Callback<()>,
}

/// The adjustments of one branch in one period: points and reason per line; saved as one edit.
#[function_component(AdjustmentsEditor)]
fn adjustments_editor(props: &AdjProps) -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario().clone();
    let pi = s.periods.iter().position(|p| p.id == props.period);
    let current: Vec<Adjustment> =
        pi.and_then(|pi| s.periods[pi].records.get(&props.branch)).map(|r| r.adjustments.clone()).unwrap_or_default();
    let rows = {
        let current = current.clone();
        use_state(move || current.iter().map(|a| (plain(a.points), a.reason.clone())).collect::<Vec<_>>())
    };
    let tried = use_state(|| false);
    let branch_name = s.branch(&props.branch).map_or(props.branch.clone(), |b| b.name.clone());

    // Each line parsed, with its problems by field.
    let parsed: Vec<ParsedLine> = rows
        .iter()
        .map(|(points, reason)| {
            let p = records::parse_number(points).and_then(|v| v.ok_or(ProblemKind::Empty));
            let a = Adjustment { points: *p.as_ref().unwrap_or(&0.0), reason: reason.clone() };
            let mut problems: Vec<_> = check_adjustment(&a).into_iter().filter(|(f, _)| *f != "points").collect();
            if let Err(k) = p {
                problems.insert(0, ("points", k));
            }
            (problems.is_empty().then_some(a), problems)
        })
        .collect();
    let all_ok = parsed.iter().all(|(a, _)| a.is_some());

    let set = |k: usize, which: u8| {
        let rows = rows.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            let mut next = (*rows).clone();
            if let Some(line) = next.get_mut(k) {
                if which == 0 {
                    line.0 = v;
                } else {
                    line.1 = v;
                }
            }
            rows.set(next);
        })
    };
    let remove = |k: usize| {
        let rows = rows.clone();
        Callback::from(move |_| {
            let mut next = (*rows).clone();
            if k < next.len() {
                next.remove(k);
            }
            rows.set(next);
        })
    };
    let add = {
        let rows = rows.clone();
        Callback::from(move |_| {
            let mut next = (*rows).clone();
            next.push((String::new(), String::new()));
            rows.set(next);
        })
    };
    let onsubmit = {
        let (state, tried, on_close) = (state.clone(), tried.clone(), props.on_close.clone());
        let (period, branch) = (props.period.clone(), props.branch.clone());
        let list: Option<Vec<Adjustment>> = parsed.iter().map(|(a, _)| a.clone()).collect();
        let unchanged = list.as_ref() == Some(&current);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            let Some(list) = list.clone() else { return };
            if !unchanged {
                let (period, branch) = (period.clone(), branch.clone());
                let change = crate::engine::incremental::Change::Records {
                    period: period.clone(),
                    branches: vec![branch.clone()],
                };
                let edit = Edit::new(T::AdjustmentPoints, move |sc| {
                    let pi = sc.periods.iter().position(|p| p.id == period).ok_or_else(Vec::new)?;
                    records::set_adjustments(sc, pi, &branch, list.clone())
                });
                state.dispatch(Action::Edit(edit.touching(change)));
            }
            on_close.emit(());
        })
    };
    let cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_| on_close.emit(()))
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                on_close.emit(());
            }
        })
    };
    let total: f64 = parsed.iter().filter_map(|(a, _)| a.as_ref().map(|a| a.points)).sum();

    html! {
        <form class="editor card adj-editor" {onsubmit} {onkeydown} novalidate=true data-testid="adj-editor">
            <h3>{ T::AdjustmentPoints.get(lang) }{ lang.colon() }{ branch_name }<span class="muted">{" · "}{ format!("{:+}", total) }</span></h3>
            <p class="muted">{ TPer::AdjustmentsHint.get(lang) }</p>
            if rows.is_empty() {
                <p class="muted" data-testid="adj-none">{ TPer::NoAdjustments.get(lang) }</p>
            }
            <ol class="adj-lines">
                { for rows.iter().enumerate().map(|(k, (points, reason))| {
                    let problems = &parsed[k].1;
                    let err = |f: &str| problems.iter().find(|(x, _)| *x == f).map(|(_, kind)| kind_message(kind, lang));
                    let show = *tried || !points.is_empty() || !reason.is_empty();
                    let (pe, re) = (err("points").filter(|_| show), err("reason").filter(|_| *tried));
                    html! {
                        <li class="adj-line" data-testid="adj-line">
                            <div class={classes!("field", pe.is_some().then_some("invalid"))}>
                                <label for={format!("adj-p-{k}")}>{ T::Points.get(lang) }</label>
                                <input id={format!("adj-p-{k}")} value={points.clone()} oninput={set(k, 0)} data-testid="adj-points"
                                    aria-label={crate::i18n::pages::keyboard::line_field(k + 1, T::Points.get(lang), lang)}
                                    inputmode="decimal" aria-invalid={pe.is_some().to_string()} autofocus={k + 1 == rows.len()} />
                                if let Some(m) = pe { <div class="field-error" role="alert" data-testid="adj-points-error">{ T::Points.get(lang) }{ lang.colon() }{ m }</div> }
                            </div>
                            <div class={classes!("field", "wide", re.is_some().then_some("invalid"))}>
                                <label for={format!("adj-r-{k}")}>{ TPer::Reason.get(lang) }</label>
                                <input id={format!("adj-r-{k}")} value={reason.clone()} oninput={set(k, 1)} data-testid="adj-reason"
                                    aria-label={crate::i18n::pages::keyboard::line_field(k + 1, TPer::Reason.get(lang), lang)}
                                    aria-invalid={re.is_some().to_string()} />
                                if let Some(m) = re { <div class="field-error" role="alert" data-testid="adj-reason-error">{ TPer::Reason.get(lang) }{ lang.colon() }{ m }</div> }
                            </div>
                            <button type="button" class="ghost small danger" onclick={remove(k)} data-testid="adj-remove"
                                aria-label={format!("{} {}", T::Delete.get(lang), k + 1)}>{ T::Delete.get(lang) }</button>
                        </li>
                    }
                }) }
            </ol>
            if *tried && !all_ok {
                <p class="form-error" role="alert">{ T::FixErrors.get(lang) }</p>
            }
            <div class="buttons">
                <button type="button" class="ghost" onclick={add} data-testid="adj-add">{"＋ "}{ TPer::AddAdjustment.get(lang) }</button>
                <button type="submit" class="primary" data-testid="adj-save">{ T::Save.get(lang) }</button>
                <button type="button" class="ghost" onclick={cancel} data-testid="adj-cancel">{ T::Cancel.get(lang) }</button>
            </div>
        </form>
    }
}
