//! The app's state: one [`Reducible`] with an [`Action`] enum, like Yew's TodoMVC example, plus undo/redo.
//!
//! Every change of a scenario goes through [`Action`], is applied by a function of [`crate::model::edit`],
//! and pushes the previous scenario onto the undo stack (scenarios are shared `Rc`s, so a step costs one
//! copy of the edited scenario only). A refused edit changes nothing. Saving is not done here: the app
//! saves whenever [`AppState::revision`] changes.

use std::rc::Rc;

use yew::Reducible;

use crate::engine::incremental::Change;
use crate::i18n::{Lang, T};
use crate::model::record::{self, ChangeKind, Refusal};
use crate::model::{edit, validate, Branch, Problem, Scenario};
use crate::store::{Document, Notice};

thread_local! {
    /// The field being typed in, if any (see [`begin_typing`]).
    static TYPING: std::cell::RefCell<Option<Rc<str>>> = const { std::cell::RefCell::new(None) };
}

/// A field took the focus (or a cell started editing): until [`end_typing`], every edit joins one undo step, so a
/// field can update the results on every keystroke and still be undone in one step. `prefix` names the field;
/// each call starts a new step. Kept outside the state so that focus changes do not re-render the app.
pub fn begin_typing(prefix: &str) {
    thread_local! {
        static N: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }
    let n = N.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let key: Rc<str> = format!("{prefix}#{n}").into();
    TYPING.with(|t| *t.borrow_mut() = Some(key));
}

/// The field lost the focus (or the cell stopped editing).
pub fn end_typing() {
    TYPING.with(|t| *t.borrow_mut() = None);
}

/// How many steps undo remembers.
const UNDO_DEPTH: usize = 100;

/// One undo step: the scenarios as they were (shared, so a step costs a list of pointers), which one was
/// current, and what the edit was.
#[derive(Clone, PartialEq)]
struct Step {
    current: usize,
    scenarios: Vec<Rc<Scenario>>,
    label: T,
    /// Edits with the same key in a row are one step (typing in one field).
    key: Option<Rc<str>>,
    /// When every edit of the step said what it touched, all in one period: `before` is the scenario the step leads
    /// back from (the version its last edit made; for a redo step, the version undo gave back), `after` the
    /// step's own current scenario and `change` what differs. Taking the step while `before` is still the current
    /// scenario then updates the results incrementally, like the edit itself (see `ui::live`).
    mark: Option<ChangeMark>,
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
    /// The problems of the last failed import (file name, problems), until dismissed or a later import works.
    pub import_problems: Option<(String, Vec<Problem>)>,
    /// The period chosen on the results page (also what "export CSV" writes); `None` = the last one.
    pub selected_period: Option<String>,
    /// The last finished Monte Carlo run and the scenario it ran on; "export results" adds it as the
    /// `simulation` block while that scenario is still the current one.
    pub simulation: Option<(Rc<Scenario>, Rc<crate::engine::SimulationResult>)>,
    /// The last change refused because it would have changed a locked scenario (the official record), shown
    /// with "copy as what-if" until dismissed or the next change that works.
    pub refusal: Option<Refusal>,
    /// Grows with every edit of the current scenario that worked (the impact notice diffs its results).
    pub edits: u64,
    /// Grows with every new undo step (an edit coalesced into the step before does not count).
    pub steps: u64,
    /// Another tab saved the document since this tab last read or wrote it: saving waits for the user's choice
    /// (see `ui::components::sync`).
    pub other_tab: bool,
    /// The guided walk-through, while it runs: its copy of the sample replaces the current scenario on every
    /// page; the document (and so storage) is left as it was.
    pub demo: Option<Demo>,
    /// The welcome panel is open.
    pub welcome: bool,
    /// The presentation view (projector) is on.
    pub present: bool,
    /// The last edit that said what it touched (see `ui::live`): the shell then updates the results incrementally.
    pub last_change: Option<ChangeMark>,
}

/// An edit's scenario before and after it (weak: they need not stay alive, and their addresses are never reused
/// while this exists) and what it touched.
#[derive(Clone)]
pub struct ChangeMark {
    pub before: std::rc::Weak<Scenario>,
    pub after: std::rc::Weak<Scenario>,
    pub change: Rc<Change>,
    /// Earlier versions (newest first, a few) with the change from each of them to `after`, the marks of the edits
    /// in between joined: when edits come faster than the renders (keys typed quickly into a big scenario), the
    /// results were last computed for one of these, and are still updated incrementally.
    pub since: Vec<(std::rc::Weak<Scenario>, Rc<Change>)>,
}

impl ChangeMark {
    /// How many earlier versions a mark remembers.
    const SINCE: usize = 8;

    /// The mark of an edit from `before` to `after` touching `change`, following `prev` (the last mark) when that
    /// led to `before`.
    fn new(prev: Option<&ChangeMark>, before: &Rc<Scenario>, after: &Rc<Scenario>, change: Rc<Change>) -> ChangeMark {
        let follows = prev.filter(|p| p.after.upgrade().is_some_and(|a| Rc::ptr_eq(&a, before)));
        let since = follows
            .map(|p| {
                std::iter::once((&p.before, &p.change))
                    .chain(p.since.iter().map(|(w, c)| (w, c)))
                    .map_while(|(w, c)| Some((w.clone(), Rc::new(c.joined(&change)?))))
                    .take(Self::SINCE)
                    .collect()
            })
            .unwrap_or_default();
        ChangeMark { before: Rc::downgrade(before), after: Rc::downgrade(after), change, since }
    }
}

impl PartialEq for ChangeMark {
    fn eq(&self, other: &Self) -> bool {
        self.before.ptr_eq(&other.before) && self.after.ptr_eq(&other.after) && Rc::ptr_eq(&self.change, &other.change)
    }
}

/// The walk-through's state: the step (0-based), the sample copy it started from, and what the pages show
/// (the copy, or the copy after the step's live change or the user's edits).
#[derive(Clone, PartialEq)]
pub struct Demo {
    pub step: usize,
    pub base: Rc<Scenario>,
    pub scenario: Rc<Scenario>,
    /// The period chosen on the results page before the walk-through, given back at its end.
    saved_period: Option<String>,
}

impl Demo {
    /// Whether the step's change (or an edit) is showing.
    pub fn changed(&self) -> bool {
        !Rc::ptr_eq(&self.base, &self.scenario)
    }
}

/// The function of an [`Edit`]: applies it to a scenario or returns why not.
pub type EditFn = dyn Fn(&mut Scenario) -> Result<(), Vec<Problem>>;

/// An edit of the current scenario defined by a page: a label for the undo button and a function that
/// applies it or says why not (then nothing changes). Pages build these from `model::edit` functions.
#[derive(Clone)]
pub struct Edit {
    pub label: T,
    pub apply: Rc<EditFn>,
    /// Consecutive edits with the same key make one undo step (e.g. the keystrokes typed into one field
    /// while it has the focus), so results can follow every keystroke without flooding the undo history.
    pub coalesce: Option<Rc<str>>,
    /// What the edit touches, when the page knows (a grid cell: one period's records), so that the results are
    /// recomputed only where it can change them ([`crate::engine::incremental`]); `None`: everything.
    pub change: Option<Rc<Change>>,
}

impl Edit {
    pub fn new(label: T, apply: impl Fn(&mut Scenario) -> Result<(), Vec<Problem>> + 'static) -> Edit {
        Edit { label, apply: Rc::new(apply), coalesce: None, change: None }
    }

    /// This edit, saying that it touches only what `change` names.
    pub fn touching(mut self, change: Change) -> Edit {
        self.change = Some(Rc::new(change));
        self
    }

    /// This edit, merged into the previous undo step when that step has the same `key`.
    pub fn coalescing(mut self, key: impl Into<Rc<str>>) -> Edit {
        self.coalesce = Some(key.into());
        self
    }
}

pub enum Action {
    SetLang(Lang),
    /// Any edit of the current scenario (undoable). A refused edit changes nothing and shows its problems.
    Edit(Edit),
    AddBranch(Branch),
    UpdateBranch(usize, Branch),
    DeleteBranch(usize),
    /// Adds the sample organisation as a new scenario and makes it current.
    LoadSample,
    /// Adds an imported scenario and makes it current.
    Import(Box<Scenario>),
    /// A file that could not be imported: nothing changes but the message.
    ImportFailed(String, Vec<Problem>),
    DismissImportError,
    NewScenario,
    DuplicateScenario(usize),
    SwitchScenario(usize),
    RenameScenario(usize, String),
    DeleteScenario(usize),
    SelectPeriod(String),
    /// A Monte Carlo run finished on this scenario.
    SimulationDone(Rc<Scenario>, Rc<crate::engine::SimulationResult>),
    Undo,
    Redo,
    /// Locks (正式记录) or unlocks a scenario. Not an edit: not undoable, and the only change a locked one takes.
    SetLocked(usize, bool),
    /// Adds an unlocked copy of a scenario named "…（试算）" and makes it current.
    CopyAsWhatIf(usize),
    /// An attempt to edit the current scenario while it is locked, caught before it reached an edit.
    RefuseLocked,
    DismissRefusal,
    DismissNotice,
    DismissToast,
    /// The result of the last save.
    Saved(Result<(), String>),
    /// Another tab saved the document (see `ui::components::sync`).
    OtherTabSaved,
    /// Replaces the document by another tab's version, or by both versions kept side by side (undoable, with
    /// this label; the toast says what happened).
    AdoptDocument(Document, T, crate::i18n::pages::TSto),
    /// Starts the walk-through on a copy of the sample.
    DemoStart,
    /// Goes to a step (0-based) of the walk-through, its change taken back.
    DemoGo(usize),
    /// Makes (true) or takes back (false) the step's live change.
    DemoChange(bool),
    /// Leaves the walk-through: the user's scenario shows again, unchanged.
    DemoExit,
    Welcome(bool),
    Present(bool),
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
            import_problems: None,
            selected_period: None,
            simulation: None,
            refusal: None,
            edits: 0,
            steps: 0,
            other_tab: false,
            demo: None,
            welcome: false,
            present: false,
            last_change: None,
        }
    }

    pub fn lang(&self) -> Lang {
        self.doc.lang
    }

    pub fn scenario(&self) -> &Rc<Scenario> {
        if let Some(d) = &self.demo {
            return &d.scenario;
        }
        &self.doc.scenarios[self.doc.current.min(self.doc.scenarios.len() - 1)]
    }

    /// The last simulation, if it ran on the current scenario as it is now.
    pub fn current_simulation(&self) -> Option<&Rc<crate::engine::SimulationResult>> {
        self.simulation.as_ref().filter(|(sc, _)| Rc::ptr_eq(sc, self.scenario())).map(|(_, r)| r)
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

    /// Remembers the scenarios as they are now, before an edit labelled `label`.
    fn remember(&mut self, label: T) {
        self.remember_keyed(label, None);
    }

    /// [`Self::remember`], unless the last step has the same coalescing key and nothing was undone since:
    /// then that step already holds the state before this run of edits.
    fn remember_keyed(&mut self, label: T, key: Option<Rc<str>>) {
        let same_run = key.is_some() && self.redo.is_empty() && self.undo.last().is_some_and(|s| s.key == key);
        if same_run {
            self.revision += 1;
            return;
        }
        let step = Step { current: self.doc.current, scenarios: self.doc.scenarios.clone(), label, key, mark: None };
        self.undo.push(step);
        self.steps += 1;
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.revision += 1;
    }

    /// Applies `f` to a copy of the current scenario; on success the copy replaces it and the old state goes
    /// onto the undo stack. On failure nothing changes.
    fn edit<R>(&mut self, label: T, f: impl FnOnce(&mut Scenario) -> Option<R>) -> Option<R> {
        self.edit_keyed(label, None, f)
    }

    /// [`Self::edit`] with a coalescing key (see [`Edit::coalescing`]).
    fn edit_keyed<R>(
        &mut self,
        label: T,
        key: Option<Rc<str>>,
        f: impl FnOnce(&mut Scenario) -> Option<R>,
    ) -> Option<R> {
        self.edit_touching(label, key, None, f)
    }

    /// [`Self::edit_keyed`] with what the edit touches (see [`Edit::change`]).
    fn edit_touching<R>(
        &mut self,
        label: T,
        key: Option<Rc<str>>,
        change: Option<Rc<Change>>,
        f: impl FnOnce(&mut Scenario) -> Option<R>,
    ) -> Option<R> {
        if let Some(d) = self.demo.as_mut() {
            // In the walk-through edits change its copy only: no undo step, nothing to save.
            let mut next = (*d.scenario).clone();
            let out = f(&mut next)?;
            let next = Rc::new(next);
            self.last_change = change.map(|c| ChangeMark::new(self.last_change.as_ref(), &d.scenario, &next, c));
            d.scenario = next;
            return Some(out);
        }
        let current = self.doc.current;
        if !self.allowed(&self.doc.scenarios.clone(), ChangeKind::EditCurrent) {
            return None;
        }
        let mut next = (*self.doc.scenarios[current]).clone();
        let out = f(&mut next)?;
        let steps = self.steps;
        self.remember_keyed(label, key);
        let next = Rc::new(next);
        let before = &self.doc.scenarios[current];
        self.last_change = change.clone().map(|c| ChangeMark::new(self.last_change.as_ref(), before, &next, c));
        self.mark_step(self.steps != steps, &next, change);
        self.doc.scenarios[current] = next;
        self.edits += 1;
        self.refusal = None;
        Some(out)
    }

    /// Keeps the undo step's [`Step::mark`] up to date after an edit of the current scenario that made `next`:
    /// a new step (`pushed`) takes the edit's change; an edit joining the step widens it (one period's records,
    /// the branches of both), and anything else leaves the step without one (undo then evaluates from scratch).
    fn mark_step(&mut self, pushed: bool, next: &Rc<Scenario>, change: Option<Rc<Change>>) {
        let current = self.doc.current;
        let Some(step) = self.undo.last_mut() else { return };
        let Some(after) = step.scenarios.get(current).filter(|_| step.current == current) else {
            step.mark = None;
            return;
        };
        let joined = if pushed {
            change
        } else {
            let previous = step
                .mark
                .take()
                .filter(|m| m.before.upgrade().is_some_and(|b| Rc::ptr_eq(&b, &self.doc.scenarios[current])));
            match (previous, change) {
                (Some(m), Some(c)) => m.change.joined(&c).map(Rc::new),
                _ => None,
            }
        };
        step.mark = joined.map(|change| ChangeMark::new(None, next, after, change));
    }

    /// Applies `f` to the list of scenarios and the current index (add, remove, rename); undoable like any
    /// edit. A list left empty counts as a refusal.
    fn edit_list(&mut self, label: T, f: impl FnOnce(&mut Vec<Rc<Scenario>>, &mut usize) -> bool) -> bool {
        let mut list = self.doc.scenarios.clone();
        let mut current = self.doc.current;
        if !f(&mut list, &mut current) || list.is_empty() || !self.allowed(&list, ChangeKind::List) {
            return false;
        }
        self.refusal = None;
        self.remember(label);
        self.doc.current = current.min(list.len() - 1);
        self.doc.scenarios = list;
        true
    }

    /// The rule of the official record ([`record::check`]) for a change of the list to `after`; a refusal is
    /// remembered for the message.
    fn allowed(&mut self, after: &[Rc<Scenario>], kind: ChangeKind) -> bool {
        match record::check(&self.doc.scenarios, self.doc.current, after, kind) {
            Ok(()) => true,
            Err(r) => {
                self.refusal = Some(r);
                false
            }
        }
    }

    /// The scenarios' names, to pick a new one that collides with none.
    fn names(&self) -> Vec<String> {
        self.doc.scenarios.iter().map(|s| s.name.clone()).collect()
    }

    /// Adds a scenario after the others and makes it current.
    fn add_scenario(&mut self, label: T, sc: Scenario) {
        self.edit_list(label, |list, current| {
            list.push(Rc::new(sc));
            *current = list.len() - 1;
            true
        });
        self.selected_period = None;
    }

    /// Moves one step back (undo) or forward (redo).
    fn travel(&mut self, back: bool) {
        let (from, to) = if back { (&mut self.undo, &mut self.redo) } else { (&mut self.redo, &mut self.undo) };
        let Some(step) = from.pop() else { return };
        if let Err(r) = record::check(&self.doc.scenarios, self.doc.current, &step.scenarios, ChangeKind::List) {
            // Undo or redo across the lock (an edit made before locking): refused, the step kept.
            from.push(step);
            self.refusal = Some(r);
            return;
        }
        // The step's edits, taken back or made again: incremental when nothing else changed the scenario since.
        let now = self.doc.scenarios.get(self.doc.current).cloned();
        let fits = |m: &ChangeMark| {
            step.current == self.doc.current
                && now.as_ref().is_some_and(|n| m.before.upgrade().is_some_and(|b| Rc::ptr_eq(&b, n)))
        };
        self.last_change = step.mark.clone().filter(fits);
        let now_list = std::mem::replace(&mut self.doc.scenarios, step.scenarios);
        let now_current = std::mem::replace(&mut self.doc.current, step.current);
        let mark = self.last_change.as_ref().and_then(|m| {
            let before = now_list.get(now_current)?;
            Some(ChangeMark {
                before: m.after.clone(),
                after: Rc::downgrade(before),
                change: m.change.clone(),
                since: Vec::new(),
            })
        });
        to.push(Step { current: now_current, scenarios: now_list, label: step.label, key: None, mark });
        self.revision += 1;
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let lang = s.lang();
        if let Some(d) = s.demo.take() {
            match action {
                // Undo and redo belong to the user's own scenario: not during the walk-through.
                Action::Undo | Action::Redo => return self,
                // Working on the list of scenarios ends the walk-through first.
                Action::LoadSample
                | Action::Import(_)
                | Action::NewScenario
                | Action::DuplicateScenario(_)
                | Action::SwitchScenario(_)
                | Action::RenameScenario(..)
                | Action::DeleteScenario(_)
                | Action::DemoExit
                | Action::DemoStart => s.selected_period = d.saved_period,
                _ => s.demo = Some(d),
            }
        }
        match action {
            Action::SetLang(l) => {
                if l == s.doc.lang {
                    return self;
                }
                s.doc.lang = l;
                s.revision += 1;
            }
            Action::Edit(e) => {
                let mut refused = None;
                let key = e.coalesce.clone().or_else(|| TYPING.with(|t| t.borrow().clone()));
                s.edit_touching(e.label, key, e.change.clone(), |sc| match (e.apply)(sc) {
                    Ok(()) => Some(()),
                    Err(p) => {
                        refused = Some(p);
                        None
                    }
                });
                if let Some(problems) = refused {
                    let text = problems.first().map(|p| crate::i18n::problem_message(p, lang)).unwrap_or_default();
                    s.toast(format!("{}{}{}", T::EditRefused.get(lang), lang.colon(), text), false);
                }
            }
            Action::AddBranch(b) => {
                s.edit(T::AddBranch, |sc| edit::add_branch(sc, b).ok());
            }
            Action::UpdateBranch(i, b) => {
                s.edit(T::EditBranch, |sc| edit::update_branch(sc, i, b).ok());
            }
            Action::DeleteBranch(i) => {
                if let Some(b) = s.edit(T::Delete, |sc| edit::delete_branch(sc, i)) {
                    s.toast(format!("{}{}{}", T::Deleted.get(lang), lang.colon(), b.name), true);
                }
            }
            Action::LoadSample => {
                s.add_scenario(T::LoadSample, crate::model::sample::sample());
            }
            Action::Import(sc) => {
                let mut sc = *sc;
                let names = s.names();
                sc.name = record::unique_name(names.iter().map(|n| n.as_str()), &sc.name);
                let name = sc.name.clone();
                let mut after = s.doc.scenarios.clone();
                after.push(Rc::new(sc.clone()));
                // Importing while the official record is current is refused (nothing imported, nothing saved).
                if s.allowed(&after, ChangeKind::ImportInto) {
                    s.add_scenario(T::Import, sc);
                    s.import_problems = None;
                    s.toast(format!("{}{}{}", T::Imported.get(lang), lang.colon(), name), true);
                }
            }
            Action::ImportFailed(file, problems) => s.import_problems = Some((file, problems)),
            Action::DismissImportError => s.import_problems = None,
            Action::NewScenario => {
                let name = T::BlankScenario.get(lang).to_string();
                s.add_scenario(T::NewScenario, Scenario::blank(&name));
            }
            Action::DuplicateScenario(i) => {
                let copy_word = T::Copy.get(lang);
                s.edit_list(T::DuplicateScenario, |list, current| {
                    let Some(orig) = list.get(i) else { return false };
                    let mut copy = (**orig).clone();
                    copy.locked = false;
                    let wanted: String =
                        format!("{}（{copy_word}）", copy.name).chars().take(crate::model::MAX_NAME_CHARS).collect();
                    copy.name = record::unique_name(list.iter().map(|s| s.name.as_str()), &wanted);
                    list.insert(i + 1, Rc::new(copy));
                    *current = i + 1;
                    true
                });
            }
            Action::SwitchScenario(i) => {
                if i < s.doc.scenarios.len() && i != s.doc.current {
                    s.doc.current = i;
                    s.refusal = None;
                    s.selected_period = None;
                    s.revision += 1;
                }
            }
            Action::RenameScenario(i, name) => {
                if validate::name(&name).is_ok() {
                    s.edit_list(T::RenameScenario, |list, _| {
                        let Some(orig) = list.get(i) else { return false };
                        let mut next = (**orig).clone();
                        next.name = name.trim().to_string();
                        list[i] = Rc::new(next);
                        true
                    });
                }
            }
            Action::DeleteScenario(i) => {
                let name = s.doc.scenarios.get(i).map(|sc| sc.name.clone()).unwrap_or_default();
                let removed = s.edit_list(T::Delete, |list, current| {
                    if list.len() < 2 || i >= list.len() {
                        return false;
                    }
                    list.remove(i);
                    if *current > i || *current >= list.len() {
                        *current = current.saturating_sub(1);
                    }
                    true
                });
                if removed {
                    s.toast(format!("{}{}{}", T::Deleted.get(lang), lang.colon(), name), true);
                }
            }
            Action::SelectPeriod(p) => s.selected_period = Some(p),
            Action::SimulationDone(sc, r) => s.simulation = Some((sc, r)),
            Action::Undo => {
                s.travel(true);
                s.toast = None;
            }
            Action::Redo => {
                s.travel(false);
                s.toast = None;
            }
            Action::SetLocked(i, locked) => {
                let Some(sc) = s.doc.scenarios.get(i).filter(|sc| sc.locked != locked) else { return self };
                let mut next = (**sc).clone();
                next.locked = locked;
                s.doc.scenarios[i] = Rc::new(next);
                s.refusal = None;
                s.revision += 1;
            }
            Action::CopyAsWhatIf(i) => {
                let Some(orig) = s.doc.scenarios.get(i).cloned() else { return self };
                let names = s.names();
                let copy = record::what_if(&orig, names.iter().map(|n| n.as_str()), T::WhatIfWord.get(lang));
                let name = copy.name.clone();
                s.add_scenario(T::CopyAsWhatIf, copy);
                s.refusal = None;
                s.toast(format!("{}{}{}", T::Created.get(lang), lang.colon(), name), false);
            }
            Action::RefuseLocked => {
                let i = s.doc.current.min(s.doc.scenarios.len() - 1);
                let sc = &s.doc.scenarios[i];
                if !sc.locked {
                    return self;
                }
                s.refusal = Some(Refusal { index: i, name: sc.name.clone() });
            }
            Action::DismissRefusal => s.refusal = None,
            Action::DismissNotice => s.notice = None,
            Action::DismissToast => s.toast = None,
            Action::OtherTabSaved => {
                if s.other_tab {
                    return self;
                }
                s.other_tab = true;
            }
            Action::AdoptDocument(doc, label, told) => {
                s.remember(label);
                s.doc.current = doc.current.min(doc.scenarios.len().saturating_sub(1));
                s.doc.scenarios = doc.scenarios;
                s.doc.lang = doc.lang;
                s.other_tab = false;
                s.selected_period = None;
                s.toast(told.get(s.doc.lang).to_string(), false);
            }
            Action::DemoStart => {
                let base = Rc::new(crate::model::sample::sample());
                let saved_period = s.selected_period.take();
                s.demo = Some(Demo { step: 0, scenario: base.clone(), base, saved_period });
                s.welcome = false;
            }
            Action::DemoGo(i) => {
                if let Some(d) = s.demo.as_mut().filter(|_| i < crate::demo::STEPS.len()) {
                    d.step = i;
                    d.scenario = d.base.clone();
                }
            }
            Action::DemoChange(on) => {
                if let Some(d) = s.demo.as_mut() {
                    d.scenario = if on { Rc::new(crate::demo::changed(d.step, &d.base)) } else { d.base.clone() };
                }
            }
            Action::DemoExit => {}
            Action::Welcome(on) => s.welcome = on,
            Action::Present(on) => s.present = on,
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
