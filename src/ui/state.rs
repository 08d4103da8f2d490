//! The app's state: one [`Reducible`] with an [`Action`] enum, like Yew's TodoMVC example, plus undo/redo.
//!
//! Every change of a scenario goes through [`Action`], is applied by a function of [`crate::model::edit`],
//! and pushes the previous scenario onto the undo stack (scenarios are shared `Rc`s, so a step costs one
//! copy of the edited scenario only). A refused edit changes nothing. Saving is not done here: the app
//! saves whenever [`AppState::revision`] changes.

use std::rc::Rc;

use yew::Reducible;

use crate::i18n::{Lang, T};
use crate::model::{edit, Branch, Scenario};
use crate::store::{Document, Notice};

/// How many steps undo remembers.
const UNDO_DEPTH: usize = 100;

/// One undo step: the current scenario as it was, and what the edit was.
#[derive(Clone, PartialEq)]
struct Step {
    current: usize,
    scenario: Rc<Scenario>,
    label: T,
}

/// A short message with an optional undo button (e.g. after a deletion).
#[derive(Clone, PartialEq)]
pub struct Toast {
    pub text: String,
    pub undo: bool,
    /// Distinguishes two toasts with the same text (so a new one restarts its timer).
    pub serial: u64,
}

#[derive(Clone, PartialEq)]
pub struct AppState {
    pub doc: Document,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Grows with every change that must be saved.
    pub revision: u64,
    /// What loading found (e.g. an unreadable stored document that was backed up).
    pub notice: Option<Notice>,
    /// False when saving would destroy stored data that could not be backed up.
    pub may_save: bool,
    /// The last save's error, shown loudly until a save works again.
    pub save_error: Option<String>,
    pub toast: Option<Toast>,
}

pub enum Action {
    SetLang(Lang),
    AddBranch(Branch),
    UpdateBranch(usize, Branch),
    DeleteBranch(usize),
    /// Replaces the current scenario with the sample organisation (undoable).
    LoadSample,
    Undo,
    Redo,
    DismissNotice,
    DismissToast,
    /// The result of the last save.
    Saved(Result<(), String>),
}

impl AppState {
    pub fn new(doc: Document, notice: Option<Notice>, may_save: bool) -> AppState {
        AppState {
            doc,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            notice,
            may_save,
            save_error: None,
            toast: None,
        }
    }

    pub fn lang(&self) -> Lang {
        self.doc.lang
    }

    pub fn scenario(&self) -> &Rc<Scenario> {
        &self.doc.scenarios[self.doc.current.min(self.doc.scenarios.len() - 1)]
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What undo would take back, for the button's tooltip.
    pub fn undo_label(&self) -> Option<T> {
        self.undo.last().map(|s| s.label)
    }

    pub fn redo_label(&self) -> Option<T> {
        self.redo.last().map(|s| s.label)
    }

    fn toast(&mut self, text: String, undo: bool) {
        let serial = self.toast.as_ref().map_or(0, |t| t.serial + 1);
        self.toast = Some(Toast { text, undo, serial });
    }

    /// Applies `f` to a copy of the current scenario; on success the copy replaces it and the old one goes
    /// onto the undo stack. On failure nothing changes.
    fn edit<R>(&mut self, label: T, f: impl FnOnce(&mut Scenario) -> Option<R>) -> Option<R> {
        let current = self.doc.current;
        let before = Rc::clone(&self.doc.scenarios[current]);
        let mut next = (*before).clone();
        let out = f(&mut next)?;
        self.doc.scenarios[current] = Rc::new(next);
        self.undo.push(Step {
            current,
            scenario: before,
            label,
        });
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.revision += 1;
        Some(out)
    }

    /// Moves one step from `from` to `to`, swapping the scenario in place.
    fn travel(&mut self, back: bool) {
        let (from, to) = if back {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(step) = from.pop() else { return };
        if step.current >= self.doc.scenarios.len() {
            return;
        }
        let now = std::mem::replace(&mut self.doc.scenarios[step.current], step.scenario);
        self.doc.current = step.current;
        to.push(Step {
            current: step.current,
            scenario: now,
            label: step.label,
        });
        self.revision += 1;
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let lang = s.lang();
        match action {
            Action::SetLang(l) => {
                if l == s.doc.lang {
                    return self;
                }
                s.doc.lang = l;
                s.revision += 1;
            }
            Action::AddBranch(b) => {
                s.edit(T::AddBranch, |sc| edit::add_branch(sc, b).ok());
            }
            Action::UpdateBranch(i, b) => {
                s.edit(T::EditBranch, |sc| edit::update_branch(sc, i, b).ok());
            }
            Action::DeleteBranch(i) => {
                if let Some(b) = s.edit(T::Delete, |sc| edit::delete_branch(sc, i)) {
                    s.toast(format!("{}：{}", T::Deleted.get(lang), b.name), true);
                }
            }
            Action::LoadSample => {
                s.edit(T::LoadSample, |sc| {
                    *sc = crate::model::sample::sample();
                    Some(())
                });
            }
            Action::Undo => {
                s.travel(true);
                s.toast = None;
            }
            Action::Redo => {
                s.travel(false);
                s.toast = None;
            }
            Action::DismissNotice => s.notice = None,
            Action::DismissToast => s.toast = None,
            Action::Saved(r) => {
                let err = r.err();
                if err == s.save_error {
                    return self;
                }
                s.save_error = err;
            }
        }
        Rc::new(s)
    }
}
