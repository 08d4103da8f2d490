//! Branches & categories: list, add, edit and delete (with undo) the party branches.
//!
//! The editor keeps what is typed as text ([`Draft`]); every field is checked as it changes with the same
//! rules as an import ([`crate::model::validate`]), and only a branch without problems is dispatched.
//! Enter saves, Escape cancels.

use std::collections::BTreeMap;

use yew::prelude::*;

use crate::i18n::{kind_message, Lang, T};
use crate::model::problem::ProblemKind;
use crate::model::{edit, validate, Branch, Conditions, Scenario};
use crate::paging::Paging;
use crate::ui::components::field::{Field, SelectField};
use crate::ui::components::paging::{use_paging, Pager};
use crate::ui::hooks::{use_app, use_lang};
use crate::ui::state::Action;

/// The fields of the editor, as typed.
#[derive(Clone, PartialEq)]
struct Draft {
    /// Position of the branch being edited; `None` for a new one.
    index: Option<usize>,
    id: String,
    name: String,
    category: String,
    members: String,
    infrastructure: String,
    personnel: String,
    circumstances: String,
    grade: String,
    /// Kept as they were: this editor does not change targets or history.
    original: Branch,
}

/// Field keys, as they appear in problem paths after `branches[i].`.
const NAME: &str = "name";
const MEMBERS: &str = "members";
const INFRA: &str = "conditions.infrastructure";
const PERSONNEL: &str = "conditions.personnel";
const CIRC: &str = "conditions.circumstances";
const GRADE: &str = "grade";
const CATEGORY: &str = "category";

impl Draft {
    fn of(b: &Branch, index: Option<usize>) -> Draft {
        Draft {
            index,
            id: b.id.clone(),
            name: b.name.clone(),
            category: b.category.clone().unwrap_or_default(),
            members: b.members.to_string(),
            infrastructure: b.conditions.infrastructure.to_string(),
            personnel: b.conditions.personnel.to_string(),
            circumstances: b.conditions.circumstances.to_string(),
            grade: b.grade.to_string(),
            original: b.clone(),
        }
    }

    fn new_in(s: &Scenario) -> Draft {
        let mut b = Branch::new(&edit::next_branch_id(s), "");
        b.category = s.categories.first().map(|c| c.id.clone());
        Draft::of(&b, None)
    }

    fn field_mut(&mut self, key: &str) -> &mut String {
        match key {
            NAME => &mut self.name,
            MEMBERS => &mut self.members,
            INFRA => &mut self.infrastructure,
            PERSONNEL => &mut self.personnel,
            CIRC => &mut self.circumstances,
            GRADE => &mut self.grade,
            _ => &mut self.category,
        }
    }

    /// The branch this draft describes, or the problem of each field that stops it.
    fn parse(&self, s: &Scenario) -> Result<Branch, BTreeMap<String, ProblemKind>> {
        let mut errors = BTreeMap::new();
        let mut num = |key: &str, text: &str| -> f64 {
            // Members, conditions and grade are all counts or ratings: the shared reader, without exponents.
            match crate::model::number::parse_required(text, crate::model::number::Kind::Whole) {
                Ok(v) => v,
                Err(kind) => {
                    errors.insert(key.to_string(), kind);
                    f64::NAN
                }
            }
        };
        let members = num(MEMBERS, &self.members);
        let infra = num(INFRA, &self.infrastructure);
        let personnel = num(PERSONNEL, &self.personnel);
        let circ = num(CIRC, &self.circumstances);
        let grade = num(GRADE, &self.grade);
        let mut take = |key: &str, v: f64, rule: &dyn Fn(f64) -> Result<u32, ProblemKind>| -> u32 {
            if v.is_nan() {
                return 1;
            }
            rule(v).unwrap_or_else(|kind| {
                errors.insert(key.to_string(), kind);
                1
            })
        };
        let members = take(MEMBERS, members, &validate::members);
        let levels = s.settings.grades.levels;
        let grade = take(GRADE, grade, &|v| validate::grade(v, levels));
        let cond = |v: f64| validate::condition(v).map(u32::from);
        let conditions = Conditions {
            infrastructure: take(INFRA, infra, &cond) as u8,
            personnel: take(PERSONNEL, personnel, &cond) as u8,
            circumstances: take(CIRC, circ, &cond) as u8,
        };
        let branch = Branch {
            id: self.id.clone(),
            name: self.name.trim().to_string(),
            category: (!self.category.is_empty()).then(|| self.category.clone()),
            members,
            conditions,
            grade,
            target_overrides: self.original.target_overrides.clone(),
            history: self.original.history.clone(),
        };
        // The rules that cross fields (and the name), from the model; field errors found above come first.
        let prefix = format!("branches[{}].", self.index.unwrap_or(s.branches.len()));
        for p in validate::branch(&branch, s, self.index) {
            let key = p.path.strip_prefix(&prefix).unwrap_or(&p.path).to_string();
            errors.entry(key).or_insert(p.kind);
        }
        if errors.is_empty() {
            Ok(branch)
        } else {
            Err(errors)
        }
    }
}

fn label(key: &str) -> T {
    match key {
        NAME => T::BranchName,
        MEMBERS => T::Members,
        INFRA => T::Infrastructure,
        PERSONNEL => T::Personnel,
        CIRC => T::Circumstances,
        GRADE => T::Grade,
        CATEGORY => T::Category,
        _ => T::BranchId,
    }
}

#[function_component(BranchesPage)]
pub fn branches_page() -> Html {
    let state = use_app();
    let lang = use_lang();
    let scenario = state.scenario().clone();
    let draft = use_state(|| None::<Draft>);
    let (paging, on_page) = use_paging(scenario.branches.len());
    // A branch added to a paged list is on the last page: show it (one more branch than before; another
    // scenario or an import keeps the page).
    {
        let (seen, on_page) = (use_mut_ref(|| scenario.branches.len()), on_page.clone());
        use_effect_with(scenario.branches.len(), move |&n| {
            if n == *seen.borrow() + 1 {
                on_page.emit(Paging::new(n, usize::MAX).page);
            }
            *seen.borrow_mut() = n;
        });
    }
    // Fields the user has changed, and whether a save was tried: errors show for those only.
    let touched = use_state(Vec::<String>::new);
    let attempted = use_state(|| false);

    let open = {
        let (draft, touched, attempted) = (draft.clone(), touched.clone(), attempted.clone());
        Callback::from(move |d: Draft| {
            touched.set(Vec::new());
            attempted.set(false);
            draft.set(Some(d));
        })
    };
    let on_add = {
        let (open, scenario) = (open.clone(), scenario.clone());
        Callback::from(move |_| open.emit(Draft::new_in(&scenario)))
    };
    let close = {
        let draft = draft.clone();
        Callback::from(move |_: ()| draft.set(None))
    };

    let editor = draft.as_ref().map(|d| {
        let parsed = d.parse(&scenario);
        let errors = parsed.as_ref().err().cloned().unwrap_or_default();
        let error_of = |key: &str| -> Option<AttrValue> {
            let show = *attempted || touched.contains(&key.to_string());
            errors
                .get(key)
                .filter(|_| show)
                .map(|k| AttrValue::from(format!("{}{}{}", label(key).get(lang), lang.colon(), kind_message(k, lang))))
        };
        let set = |key: &'static str| {
            let (draft, touched) = (draft.clone(), touched.clone());
            Callback::from(move |v: String| {
                if let Some(mut d) = (*draft).clone() {
                    *d.field_mut(key) = v;
                    draft.set(Some(d));
                }
                if !touched.contains(&key.to_string()) {
                    let mut t = (*touched).clone();
                    t.push(key.to_string());
                    touched.set(t);
                }
            })
        };
        let onsubmit = {
            let (state, close, attempted, parsed, index) = (state.clone(), close.clone(), attempted.clone(), parsed.clone(), d.index);
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                attempted.set(true);
                if let Ok(b) = parsed.clone() {
                    match index {
                        Some(i) => state.dispatch(Action::UpdateBranch(i, b)),
                        None => state.dispatch(Action::AddBranch(b)),
                    }
                    close.emit(());
                }
            })
        };
        let onkeydown = {
            let close = close.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Escape" {
                    close.emit(());
                }
            })
        };
        let cancel = {
            let close = close.clone();
            Callback::from(move |_| close.emit(()))
        };
        let mut categories: Vec<(AttrValue, AttrValue)> = vec![("".into(), T::NoCategory.get(lang).into())];
        categories.extend(scenario.categories.iter().map(|c| (AttrValue::from(c.id.clone()), AttrValue::from(c.name.clone()))));
        let show_summary = *attempted && !errors.is_empty();
        let title = if d.index.is_some() { T::EditBranch } else { T::NewBranch };
        html! {
            <form class="editor card" {onsubmit} {onkeydown} data-testid="branch-editor" novalidate=true>
                <h3>{ title.get(lang) }<span class="muted">{" · "}{ T::BranchId.get(lang) }{" "}<code>{ d.id.clone() }</code></span></h3>
                <div class="grid">
                    <Field label={T::BranchName.get(lang)} value={d.name.clone()} oninput={set(NAME)} error={error_of(NAME)}
                        testid="branch-name" autofocus=true class="wide" />
                    <SelectField label={T::Category.get(lang)} options={categories} value={d.category.clone()}
                        onchange={set(CATEGORY)} testid="branch-category" />
                    <Field label={T::Members.get(lang)} value={d.members.clone()} oninput={set(MEMBERS)} error={error_of(MEMBERS)}
                        testid="branch-members" kind="number" />
                    <Field label={T::Grade.get(lang)} value={d.grade.clone()} oninput={set(GRADE)} error={error_of(GRADE)}
                        testid="branch-grade" kind="number"
                        hint={AttrValue::from(format!("1 … {}", scenario.settings.grades.levels))} />
                </div>
                <fieldset>
                    <legend>{ T::ConditionsHint.get(lang) }</legend>
                    <div class="grid">
                        <Field label={T::Infrastructure.get(lang)} value={d.infrastructure.clone()} oninput={set(INFRA)}
                            error={error_of(INFRA)} testid="branch-infrastructure" kind="number" />
                        <Field label={T::Personnel.get(lang)} value={d.personnel.clone()} oninput={set(PERSONNEL)}
                            error={error_of(PERSONNEL)} testid="branch-personnel" kind="number" />
                        <Field label={T::Circumstances.get(lang)} value={d.circumstances.clone()} oninput={set(CIRC)}
                            error={error_of(CIRC)} testid="branch-circumstances" kind="number" />
                    </div>
                </fieldset>
                if show_summary {
                    <p class="form-error" role="alert" data-testid="branch-form-error">{ T::FixErrors.get(lang) }</p>
                }
                <div class="buttons">
                    <button type="submit" class="primary" data-testid="branch-save">{ T::Save.get(lang) }</button>
                    <button type="button" class="ghost" onclick={cancel} data-testid="branch-cancel">{ T::Cancel.get(lang) }</button>
                </div>
            </form>
        }
    });

    html! {
        <section>
            <div class="page-head">
                <h2>{ T::Branches.get(lang) }<span class="count" data-testid="branch-count">{ scenario.branches.len() }</span></h2>
                <button class="primary" onclick={on_add} data-testid="add-branch" disabled={draft.is_some()}>
                    {"＋ "}{ T::AddBranch.get(lang) }
                </button>
            </div>
            { editor.unwrap_or_default() }
            <Pager paging={paging} on_page={on_page.clone()} label={T::Branches.get(lang)} testid="branch-pager" {lang} />
            { branch_table(&scenario, paging, lang, &state, &open) }
            <super::categories::Categories />
        </section>
    }
}

fn branch_table(
    s: &Scenario,
    paging: Paging,
    lang: Lang,
    state: &UseReducerHandle<crate::ui::state::AppState>,
    open: &Callback<Draft>,
) -> Html {
    if s.branches.is_empty() {
        return html! { <p class="empty" data-testid="no-branches">{ T::NoBranches.get(lang) }</p> };
    }
    use crate::ui::view::{actions_cell, body_with, edit_delete, el, head, id_row, list, table, td, td_id, text, Col};
    let grades = &s.settings.grades;
    let w = |t: T| t.get(lang);
    let cols = [
        Col::new(w(T::BranchId), ""),
        Col::new(w(T::BranchName), ""),
        Col::new(w(T::Category), ""),
        Col::new(w(T::Members), "num"),
        Col { title: Some(w(T::ConditionsHint)), ..Col::new(w(T::Infrastructure), "num") },
        Col::new(w(T::Personnel), "num"),
        Col::new(w(T::Circumstances), "num"),
        Col::new(w(T::Grade), ""),
        Col::hidden(w(T::Actions)),
    ];
    let rows = s
        .branches
        .iter()
        .skip(paging.rows().start)
        .take(paging.rows().len())
        .map(|b| {
            let category = b
                .category
                .as_deref()
                .and_then(|c| s.category(c))
                .map(|c| c.name.clone())
                .unwrap_or_else(|| w(T::NoCategory).to_string());
            let n = &b.name;
            let grade =
                list(vec![crate::ui::view::grade_badge(b.grade), text(format!(" {}", grades.name(b.grade)).into())]);
            let cells = vec![
                el("td", "", el("code", "", text(b.id.clone().into()))),
                td_id("name", "branch-row-name", text(b.name.clone().into())),
                td("", category),
                td("num", b.members.to_string()),
                td("num", b.conditions.infrastructure.to_string()),
                td("num", b.conditions.personnel.to_string()),
                td("num", b.conditions.circumstances.to_string()),
                el("td", "", grade),
                actions_cell(edit_delete(
                    n,
                    ("edit", "branch-edit", w(T::Edit), false),
                    ("branch-delete", w(T::Delete)),
                )),
            ];
            id_row("branch-row", &b.id, cells).into()
        })
        .collect();
    let onclick = {
        let (state, open) = (state.clone(), open.clone());
        Callback::from(move |e: MouseEvent| {
            let Some((act, id)) = crate::ui::view::action_of(&e) else { return };
            let Some(i) = state.scenario().branches.iter().position(|b| b.id == id) else { return };
            if act == "edit" {
                open.emit(Draft::of(&state.scenario().branches[i], Some(i)))
            } else {
                state.dispatch(Action::DeleteBranch(i))
            }
        })
    };
    table("data", "branch-table", head(&cols, false), body_with(rows, Some(onclick), None, None))
}
