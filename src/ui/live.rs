//! The results of the current scenario, kept up to date edit by edit (`engine::incremental`).
//!
//! The shell asks [`Live::results`] once per change of the current scenario. When the last edit said what it
//! touched ([`ChangeMark`]) and took the scenario last evaluated to the current one (directly, or through edits
//! of the same period's records that came before this render: `ChangeMark::since`), only what those edits can
//! change is recomputed on the kept evaluation; anything else (undo, redo, another scenario, an edit that does
//! not say) evaluates from scratch.

use std::rc::Rc;

use crate::engine::incremental::Evaluation;
use crate::engine::Results;
use crate::model::Scenario;
use crate::ui::state::ChangeMark;

/// The evaluation kept between edits, and the scenario it is of.
#[derive(Default)]
pub struct Live {
    kept: Option<(Rc<Scenario>, Evaluation)>,
}

impl Live {
    /// The results of `s`, after the edit `mark` (if any).
    pub fn results(&mut self, s: &Rc<Scenario>, mark: Option<&ChangeMark>) -> Results {
        if let (Some((before, ev)), Some(m)) = (self.kept.as_mut(), mark) {
            // The change from the scenario last evaluated: the edit's own, or the edits' since an earlier version
            // when several came before this render.
            let from = |w: &std::rc::Weak<Scenario>| w.upgrade().is_some_and(|b| Rc::ptr_eq(&b, before));
            let change = Some(&m.change)
                .filter(|_| from(&m.before))
                .or_else(|| m.since.iter().find(|(w, _)| from(w)).map(|(_, c)| c))
                .filter(|_| m.after.upgrade().is_some_and(|a| Rc::ptr_eq(&a, s)));
            if let Some(change) = change {
                let r = ev.apply(s, change);
                *before = s.clone();
                return r;
            }
        }
        let (ev, r) = Evaluation::start(s);
        self.kept = Some((s.clone(), ev));
        r
    }
}
