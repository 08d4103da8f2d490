//! The official record (正式记录) and the what-if copies (试算方案): the one rule that keeps a locked scenario as
//! it is, the copy made from it, and scenario names that never collide.
//!
//! The app's state applies every change of the scenario list through [`check`]: editing the current scenario
//! (any editor, paste, bulk suggested targets), importing while it is current, renaming or deleting one, undo and
//! redo. Locking and unlocking are the only changes of a locked scenario, and they are not edits of it.

use std::rc::Rc;

use super::{Scenario, MAX_NAME_CHARS};

/// Why a change was refused: the locked scenario it would have changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The index, in the list before the change, of the locked scenario.
    pub index: usize,
    pub name: String,
}

/// What a change of the scenario list does, for [`check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// An edit of the current scenario (every editor, paste, bulk suggested targets).
    EditCurrent,
    /// An import while this scenario is current ("import into it").
    ImportInto,
    /// Any other change of the list: rename, delete, duplicate, add, undo, redo.
    List,
}

/// The rule of the official record: refuses a change from `before` (current index `current`) to `after` when it
/// edits or imports into a locked current scenario, or when a locked scenario of `before` is no longer in
/// `after` exactly as it was (renamed, edited, removed, or unlocked by undo or redo). A scenario stays "as it
/// was" when the same one — or an equal one — is anywhere in `after` (adding or removing others moves it).
pub fn check(before: &[Rc<Scenario>], current: usize, after: &[Rc<Scenario>], kind: ChangeKind) -> Result<(), Refusal> {
    if matches!(kind, ChangeKind::EditCurrent | ChangeKind::ImportInto) {
        if let Some(sc) = before.get(current).filter(|s| s.locked) {
            return Err(Refusal { index: current, name: sc.name.clone() });
        }
    }
    for (i, sc) in before.iter().enumerate().filter(|(_, s)| s.locked) {
        let kept = after.iter().any(|t| Rc::ptr_eq(t, sc)) || after.iter().any(|t| **t == **sc);
        if !kept {
            return Err(Refusal { index: i, name: sc.name.clone() });
        }
    }
    Ok(())
}

/// `wanted`, or — when a scenario of `names` is already called that — `wanted（2）`, `wanted（3）`, … the first
/// free one (cut to the longest name allowed, suffix kept).
pub fn unique_name<'a>(names: impl IntoIterator<Item = &'a str> + Clone, wanted: &str) -> String {
    let taken = |n: &str| names.clone().into_iter().any(|m| m == n);
    let wanted: String = wanted.chars().take(MAX_NAME_CHARS).collect();
    if !taken(&wanted) {
        return wanted;
    }
    (2u64..)
        .map(|k| {
            let suffix = format!("（{k}）");
            let keep = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
            format!("{}{suffix}", wanted.chars().take(keep).collect::<String>())
        })
        .find(|n| !taken(n))
        .expect("some suffix is free")
}

/// A what-if copy of `s`: unlocked, named `name（word）` (word = 试算 / what-if), made unique among `names`.
pub fn what_if<'a>(s: &Scenario, names: impl IntoIterator<Item = &'a str> + Clone, word: &str) -> Scenario {
    let mut copy = s.clone();
    copy.locked = false;
    let suffix = format!("（{word}）");
    let keep = MAX_NAME_CHARS.saturating_sub(suffix.chars().count() + 4);
    let base: String = s.name.chars().take(keep).collect();
    copy.name = unique_name(names, &format!("{base}{suffix}"));
    copy
}
