//! Categories, shown on the branches page: add, rename and delete (undoable) the branch categories, and the
//! coefficient matrix category × quantitative indicator (k, default 1). Every change goes through
//! [`crate::model::edit::categories`]; a cell is committed on Enter or when it is left, checked as it is typed.

use std::collections::BTreeMap;

use yew::prelude::*;

use crate::i18n::pages::TCat;
use crate::i18n::pages::TSet;
use crate::i18n::{kind_message, Lang, T};
use crate::model::edit::categories as ed;
use crate::model::problem::ProblemKind;
use crate::model::{Category, Direction, Scenario};
use crate::ui::components::ed_input::{use_focus_on, EdInput};
use crate::ui::components::ed_undo::UndoNotice;
use crate::ui::components::field::Field;
use crate::ui::hooks::{use_app, use_lang};
use crate::ui::state::{Action, AppState, Edit};

/// The new category's fields as typed.
#[derive(Clone, PartialEq)]
struct NewDraft {
    id: String,
    name: String,
    touched: Vec<&'static str>,
    attempted: bool,
}

impl NewDraft {
    fn category(&self) -> Category {
        Category { id: self.id.trim().to_string(), name: self.name.trim().to_string(), coefficients: BTreeMap::new() }
    }

    /// The problem of each field ("id", "name").
    fn errors(&self, s: &Scenario) -> BTreeMap<String, ProblemKind> {
        let prefix = format!("categories[{}].", s.categories.len());
        let mut out = BTreeMap::new();
        for p in ed::category_problems(&self.category(), s, None) {
            out.entry(p.path.strip_prefix(&prefix).unwrap_or(&p.path).to_string()).or_insert(p.kind);
        }
        out
    }
}

/// A deletion that the page offers to undo while it is the last change.
#[derive(Clone, PartialEq)]
struct Deleted {
    name: String,
    branches: usize,
    /// The state's revision right after the deletion.
    revision: u64,
}

fn field_message(label: &str, kind: &ProblemKind, lang: Lang) -> AttrValue {
    AttrValue::from(format!("{label}{sep}{}", kind_message(kind, lang), sep = TSet::Colon.get(lang)))
}

#[function_component]
pub fn Categories() -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario().clone();
    let adding = use_state(|| None::<NewDraft>);
    let renaming = use_state(|| None::<(String, String)>);
    let deleted = use_state(|| None::<Deleted>);
    use_focus_on(adding.as_ref().map(|_| String::new()), "f-category-name");
    use_focus_on(renaming.as_ref().map(|(id, _)| id.clone()), "category-rename-input");

    let quantitative: Vec<_> = s.indicators.iter().filter(|i| i.quantitative().is_some()).collect();

    let on_add = {
        let (adding, s) = (adding.clone(), s.clone());
        Callback::from(move |_| {
            adding.set(Some(NewDraft {
                id: ed::next_category_id(&s),
                name: String::new(),
                touched: Vec::new(),
                attempted: false,
            }))
        })
    };

    let add_form = adding.as_ref().map(|d| {
        let errors = d.errors(&s);
        let error_of = |key: &'static str, label: TCat| {
            (d.attempted || d.touched.contains(&key))
                .then(|| errors.get(key).map(|k| field_message(label.get(lang), k, lang)))
                .flatten()
        };
        let set = |key: &'static str| {
            let adding = adding.clone();
            Callback::from(move |v: String| {
                if let Some(mut d) = (*adding).clone() {
                    if key == "id" {
                        d.id = v;
                    } else {
                        d.name = v;
                    }
                    if !d.touched.contains(&key) {
                        d.touched.push(key);
                    }
                    adding.set(Some(d));
                }
            })
        };
        let onsubmit = {
            let (adding, state, d, ok) = (adding.clone(), state.clone(), d.clone(), errors.is_empty());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                if ok {
                    let c = d.category();
                    state.dispatch(Action::Edit(Edit::new(T::Add, move |sc| ed::add_category(sc, c.clone()))));
                    adding.set(None);
                } else {
                    let mut d = d.clone();
                    d.attempted = true;
                    adding.set(Some(d));
                }
            })
        };
        let close = {
            let adding = adding.clone();
            Callback::from(move |_| adding.set(None))
        };
        let onkeydown = crate::ui::components::field::close_on_escape(&adding);
        html! {
            <form class="editor card ed-inline-form" {onsubmit} {onkeydown} novalidate=true data-testid="category-editor">
                <h4>{ TCat::NewCategory.get(lang) }</h4>
                <div class="grid">
                    <Field label={TCat::CategoryName.get(lang)} value={d.name.clone()} oninput={set("name")}
                        error={error_of("name", TCat::CategoryName)} testid="category-name" autofocus=true class="wide" />
                    <Field label={TCat::CategoryId.get(lang)} value={d.id.clone()} oninput={set("id")}
                        error={error_of("id", TCat::CategoryId)} testid="category-id" />
                </div>
                if d.attempted && !errors.is_empty() {
                    <p class="form-error" role="alert">{ T::FixErrors.get(lang) }</p>
                }
                <div class="buttons">
                    <button type="submit" class="primary" data-testid="category-save">{ T::Save.get(lang) }</button>
                    <button type="button" class="ghost" onclick={close} data-testid="category-cancel">{ T::Cancel.get(lang) }</button>
                </div>
            </form>
        }
    });

    let undo_notice = deleted.as_ref().map(|d| {
        let mut text = format!("{}{sep}{}", TCat::DeletedCategory.get(lang), d.name, sep = TSet::Colon.get(lang));
        if d.branches > 0 {
            text.push_str(&format!(" · {} {}", d.branches, TCat::Uncategorised.get(lang)));
        }
        html! { <UndoNotice text={text} revision={d.revision} testid="category-deleted" /> }
    });

    html! {
        <section class="categories ed" data-testid="categories" aria-labelledby="categories-title">
            <div class="page-head">
                <h3 id="categories-title">{ TCat::Title.get(lang) }<span class="count" data-testid="category-count">{ s.categories.len() }</span></h3>
                <button class="primary" onclick={on_add} disabled={adding.is_some()} data-testid="add-category">
                    {"＋ "}{ TCat::AddCategory.get(lang) }
                </button>
            </div>
            <p class="muted ed-hint">{ TCat::Hint.get(lang) }</p>
            { add_form.unwrap_or_default() }
            { undo_notice.unwrap_or_default() }
            if s.categories.is_empty() {
                <p class="empty" data-testid="no-categories">{ TCat::NoCategories.get(lang) }</p>
            } else {
                if quantitative.is_empty() {
                    <p class="muted">{ TCat::NoQuantitative.get(lang) }</p>
                } else {
                    <p class="muted ed-hint" id="coef-hint">{ TCat::CoefHint.get(lang) }</p>
                }
                <div class="table-wrap">
                    <table class="data ed-matrix" data-testid="category-table">
                        <caption class="sr-only">{ TCat::Matrix.get(lang) }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ TCat::CategoryId.get(lang) }</th>
                                <th scope="col">{ TCat::CategoryName.get(lang) }</th>
                                <th scope="col" class="num">{ TCat::BranchCount.get(lang) }</th>
                                { for quantitative.iter().map(|i| {
                                    let q = i.quantitative().expect("filtered");
                                    let dir = match q.direction { Direction::Higher => "↑", Direction::Lower => "↓" };
                                    html! {
                                        <th scope="col" class="num" title={format!("{} · {}", TCat::Coefficient.get(lang), i.id)}>
                                            { i.name.clone() }
                                            <div class="unit">{ "k · " }{ dir }{" "}{ q.unit.clone() }</div>
                                        </th>
                                    }
                                }) }
                                <th scope="col"><span class="sr-only">{ T::Actions.get(lang) }</span></th>
                            </tr>
                        </thead>
                        { crate::ui::view::body_with(
                            s.categories.iter().enumerate().map(|(ci, c)| category_row(&s, ci, c, &quantitative, lang, &state, &renaming)).collect(),
                            Some(row_actions(&state, &renaming, &deleted)), None, None) }
                    </table>
                </div>
            }
        </section>
    }
}

#[allow(clippy::too_many_arguments)]
fn category_row(
    s: &Scenario,
    ci: usize,
    c: &Category,
    quantitative: &[&crate::model::Indicator],
    lang: Lang,
    state: &UseReducerHandle<AppState>,
    renaming: &UseStateHandle<Option<(String, String)>>,
) -> Html {
    let branches = ed::branch_count(s, &c.id);
    let name_cell = match renaming.as_ref().filter(|(id, _)| *id == c.id) {
        Some((_, text)) => {
            let mut next = c.clone();
            next.name = text.trim().to_string();
            let error = ed::category_problems(&next, s, Some(ci))
                .into_iter()
                .next()
                .map(|p| field_message(TCat::CategoryName.get(lang), &p.kind, lang));
            let oninput = {
                let (renaming, id) = (renaming.clone(), c.id.clone());
                Callback::from(move |e: InputEvent| {
                    renaming.set(Some((id.clone(), e.target_unchecked_into::<web_sys::HtmlInputElement>().value())))
                })
            };
            let save = {
                let (state, renaming, ok) = (state.clone(), renaming.clone(), error.is_none());
                let (id, name, unchanged) = (c.id.clone(), text.trim().to_string(), text.trim() == c.name);
                move || {
                    if ok {
                        if !unchanged {
                            let (id, name) = (id.clone(), name.clone());
                            state.dispatch(Action::Edit(Edit::new(T::Edit, move |sc| {
                                let i = ed::category_index(sc, &id)?;
                                ed::rename_category(sc, i, &name)
                            })));
                        }
                        renaming.set(None);
                    }
                }
            };
            let onkeydown = {
                let (renaming, save) = (renaming.clone(), save.clone());
                Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                    "Enter" => {
                        e.prevent_default();
                        save();
                    }
                    "Escape" => renaming.set(None),
                    _ => {}
                })
            };
            let onclick_save = Callback::from(move |_| save());
            let cancel = {
                let renaming = renaming.clone();
                Callback::from(move |_| renaming.set(None))
            };
            let invalid = error.is_some();
            html! {
                <td class="name">
                    <div class={classes!("ed-input", "ed-rename", invalid.then_some("invalid"))}>
                        <input type="text" id="category-rename-input" value={text.clone()} {oninput} {onkeydown}
                            aria-label={format!("{}{sep}{}", TCat::RenameCategory.get(lang), c.name, sep = TSet::Colon.get(lang))}
                            aria-invalid={invalid.to_string()} data-testid="category-rename-input" />
                        <button class="primary small" onclick={onclick_save} disabled={invalid} data-testid="category-rename-save">{ T::Save.get(lang) }</button>
                        <button class="ghost small" onclick={cancel}>{ T::Cancel.get(lang) }</button>
                        if let Some(err) = error {
                            <div class="field-error" role="alert" data-testid="category-rename-error">{ err }</div>
                        }
                    </div>
                </td>
            }
        }
        None => html! { <td class="name" data-testid="category-row-name">{ c.name.clone() }</td> },
    };
    use crate::ui::view::{actions_cell, edit_delete, el, id_row, td, text};
    let n = &c.name;
    let mut cells =
        vec![el("td", "", el("code", "", text(c.id.clone().into()))), name_cell, td("num", branches.to_string())];
    cells.extend(quantitative.iter().map(|ind| coefficient_cell(c, ind, lang, state)));
    cells.push(actions_cell(edit_delete(
        n,
        ("rename", "category-rename", TCat::Rename.get(lang), false),
        ("category-delete", T::Delete.get(lang)),
    )));
    let mut tr = id_row("category-row", &c.id, cells);
    tr.key = Some(c.id.as_str().into());
    tr.into()
}

/// What the row buttons do (`data-act` rename or delete on the row of `data-id`): one listener for the table.
fn row_actions(
    state: &UseReducerHandle<AppState>,
    renaming: &UseStateHandle<Option<(String, String)>>,
    deleted: &UseStateHandle<Option<Deleted>>,
) -> Callback<MouseEvent> {
    let (state, renaming, deleted) = (state.clone(), renaming.clone(), deleted.clone());
    Callback::from(move |e: MouseEvent| {
        let Some((act, id)) = crate::ui::view::action_of(&e) else { return };
        let s = state.scenario();
        let Some(c) = s.categories.iter().find(|c| c.id == id) else { return };
        if act == "rename" {
            renaming.set(Some((id, c.name.clone())));
        } else {
            let branches = ed::branch_count(s, &id);
            deleted.set(Some(Deleted { name: c.name.clone(), branches, revision: state.revision + 1 }));
            state.dispatch(Action::Edit(Edit::new(T::Delete, move |sc| {
                let i = ed::category_index(sc, &id)?;
                ed::delete_category(sc, i).map(|_| ()).ok_or_else(Vec::new)
            })));
        }
    })
}

fn coefficient_cell(
    c: &Category,
    ind: &crate::model::Indicator,
    lang: Lang,
    state: &UseReducerHandle<AppState>,
) -> Html {
    let current = c.coefficients.get(&ind.id).copied();
    let value = current.map(crate::i18n::number).unwrap_or_default();
    let check = Callback::from(move |t: String| {
        ed::parse_coefficient(&t).err().map(|k| field_message(TCat::Coefficient.get(lang), &k, lang))
    });
    let commit = {
        let (state, id, cid) = (state.clone(), ind.id.clone(), c.id.clone());
        Callback::from(move |t: String| {
            let Ok(k) = ed::parse_coefficient(&t) else { return };
            if k == current {
                return;
            }
            let (id, cid) = (id.clone(), cid.clone());
            state.dispatch(Action::Edit(Edit::new(T::Edit, move |sc| {
                let ci = ed::category_index(sc, &cid)?;
                ed::set_coefficient(sc, ci, &id, k)
            })));
        })
    };
    let set = current.is_some();
    html! {
        <td class={classes!("num", "ed-cell", set.then_some("set"))}>
            <EdInput label={format!("{} · {} · {}", c.name, ind.name, TCat::Coefficient.get(lang))}
                value={value} placeholder={AttrValue::from("1")} numeric=true {check} {commit}
                testid={format!("coef-{}-{}", c.id, ind.id)} describedby={AttrValue::from("coef-hint")}
                title={set.then(|| AttrValue::from(TCat::SetMark.get(lang)))} />
            if set { <span class="sr-only">{ TCat::SetMark.get(lang) }</span> }
        </td>
    }
}
