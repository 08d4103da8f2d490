//! The official record and the impact of an edit, in the shell:
//!
//! * [`RecordGuard`] wraps the editing pages: on a locked scenario it shows why nothing can be changed (with
//!   "copy as what-if") and stops typing, ticking and pasting in its fields before they become edits; whatever
//!   gets past it is refused by the state anyway ([`crate::model::record::check`]).
//! * [`LockedRefusal`] — the message of a refused change (`locked-refusal`) with "copy as what-if".
//! * [`ImpactNotice`] — after an edit, what it changed in complete periods and cycles (`impact-notice`), the
//!   changed cells on demand, and one-click undo of the whole edit (`impact-undo`). It diffs the results the
//!   shell computed before and after the edit (no extra run of the engine), once the editing pauses (not on
//!   every keystroke's frame).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::compare_report::{branch_name, change_label, cycle_value, period_name, row_value};
use crate::engine::compare::{diff_impact, Change, Impact, ResultsDiff};
use crate::i18n::pages::TRec;
use crate::i18n::{Lang, T};
use crate::ui::hooks::{use_app, use_lang, use_results_later, LazyResults};
use crate::ui::state::Action;

#[derive(Properties, PartialEq)]
pub struct GuardProps {
    pub children: Html,
}

/// An editing page: read-only while the current scenario is locked.
#[function_component(RecordGuard)]
pub fn record_guard(props: &GuardProps) -> Html {
    let state = use_app();
    let lang = use_lang();
    let locked = state.scenario().locked;
    let node = use_node_ref();
    {
        let dispatch = state.dispatcher();
        use_effect_with((locked, node.clone()), move |(locked, node)| {
            let mut listeners = Vec::new();
            if let (true, Some(el)) = (*locked, node.cast::<web_sys::HtmlElement>()) {
                let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: false };
                // Typing, deleting, pasting or dropping into a field.
                let d = dispatch.clone();
                listeners.push(EventListener::new_with_options(&el, "beforeinput", options, move |e| {
                    e.prevent_default();
                    d.dispatch(Action::RefuseLocked);
                }));
                // Ticking a box.
                listeners.push(EventListener::new_with_options(&el, "click", options, move |e| {
                    let tick = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        .is_some_and(|i| matches!(i.type_().as_str(), "checkbox" | "radio"));
                    if tick {
                        e.prevent_default();
                        dispatch.dispatch(Action::RefuseLocked);
                    }
                }));
            }
            move || drop(listeners)
        });
    }
    let copy = {
        let state = state.clone();
        let i = state.doc.current;
        Callback::from(move |_| state.dispatch(Action::CopyAsWhatIf(i)))
    };
    html! {
        <div ref={node} class={classes!("record-guard", locked.then_some("is-locked"))}>
            if locked {
                <div class="locked-banner" data-testid="locked-banner">
                    <span aria-hidden="true">{"🔒 "}</span>
                    <span>{ TRec::LockedBanner.get(lang) }</span>
                    <button class="primary small" onclick={copy} data-testid="copy-as-what-if">{ T::CopyAsWhatIf.get(lang) }</button>
                </div>
            }
            { props.children.clone() }
        </div>
    }
}

/// The message of a change refused by the lock.
#[function_component(LockedRefusal)]
pub fn locked_refusal() -> Html {
    let state = use_app();
    let lang = use_lang();
    let Some(r) = state.refusal.clone() else { return html! {} };
    let copy = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::CopyAsWhatIf(r.index)))
    };
    let close = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::DismissRefusal))
    };
    html! {
        <div class="locked-refusal" role="alert" data-testid="locked-refusal">
            <span aria-hidden="true">{"🔒 "}</span>
            <strong>{ TRec::Refused.get(lang).replace("{}", &r.name) }</strong>
            <button class="primary small" onclick={copy} data-testid="refusal-copy">{ T::CopyAsWhatIf.get(lang) }</button>
            <button class="ghost small" onclick={close} aria-label={TRec::Dismiss.get(lang)} data-testid="refusal-close">{"×"}</button>
        </div>
    }
}

/// The results before the edit in progress, and what the notice last saw.
/// The results are computed only when an edit is to be compared (`LazyResults`), so the notice costs nothing on
/// the first frame.
struct Tracker {
    results: LazyResults,
    edits: u64,
    steps: u64,
    /// The results before the current undo step (an edit typed over many keystrokes is one step).
    baseline: Option<LazyResults>,
    /// The comparison waiting for a pause in the editing (see [`IMPACT_PAUSE_MS`]); replacing it cancels the one
    /// before.
    timer: Option<gloo_timers::callback::Timeout>,
}

/// How long the editing must pause before the notice compares the results before and after it. Comparing reads
/// every period's and cycle's results (milliseconds at 1,000 branches), so it is not done on every keystroke's
/// frame but once the typing pauses; what it shows then is the same, compared against the results before the
/// whole undo step.
const IMPACT_PAUSE_MS: u32 = 300;

/// The notice's sentence: the counts of each kind that changed.
pub fn impact_sentence(n: &Impact, lang: Lang) -> String {
    let parts: Vec<String> = [
        (n.tiers, TRec::ImpactTiers),
        (n.ranks, TRec::ImpactRanks),
        (n.bonuses, TRec::ImpactBonuses),
        (n.talks, TRec::ImpactTalks),
        (n.eligibility, TRec::ImpactEligibility),
        (n.warnings, TRec::ImpactWarnings),
        (n.grades, TRec::ImpactGrades),
        (n.reasons, TRec::ImpactReasons),
        (n.rows_added_or_removed, TRec::ImpactRows),
    ]
    .iter()
    .filter(|(k, _)| *k > 0)
    .map(|(k, t)| t.get(lang).replace("{}", &k.to_string()))
    .collect();
    format!("{}{}{}", TRec::ImpactLead.get(lang), parts.join(lang.pick("、", ", ")), lang.pick("。", "."))
}

#[function_component(ImpactNotice)]
pub fn impact_notice() -> Html {
    let state = use_app();
    let lang = use_lang();
    let results = use_results_later();
    let tracker = use_mut_ref(|| Tracker {
        results: results.clone(),
        edits: state.edits,
        steps: state.steps,
        baseline: None,
        timer: None,
    });
    let notice = use_state(|| None::<Rc<ResultsDiff>>);
    let open = use_state(|| false);
    {
        let (tracker, notice, open) = (tracker.clone(), notice.clone(), open.clone());
        let (edits, steps) = (state.edits, state.steps);
        use_effect_with(results.clone(), move |now| {
            let now = now.clone();
            let cell: &RefCell<Tracker> = &tracker;
            let mut t = cell.borrow_mut();
            if t.results != now {
                if edits != t.edits {
                    if steps != t.steps || t.baseline.is_none() {
                        t.baseline = Some(t.results.clone());
                    }
                    // Compared once the editing pauses: the results before, then after (the order the shell's
                    // kept evaluation follows edits in).
                    let (baseline, tracker) = (t.baseline.clone(), tracker.clone());
                    let later = now.clone();
                    t.timer = Some(gloo_timers::callback::Timeout::new(IMPACT_PAUSE_MS, move || {
                        tracker.borrow_mut().timer = None;
                        // In a task after a frame: a keystroke that came just before is drawn first.
                        crate::ui::hooks::after_next_frame(move || {
                            // A later edit (a new comparison waiting) or an undo since then: not this one.
                            let t = tracker.borrow();
                            if t.timer.is_some() || t.results != later {
                                return;
                            }
                            drop(t);
                            let d = baseline.map(|b| {
                                let before = b.get();
                                diff_impact(&before, &later.get())
                            });
                            match d.filter(|d| !d.impact().is_empty()) {
                                Some(d) => notice.set(Some(Rc::new(d))),
                                None => hide(&notice, &open),
                            }
                        });
                    }));
                } else {
                    // Undo, redo, another scenario: not an edit.
                    t.baseline = None;
                    t.timer = None;
                    hide(&notice, &open);
                }
                t.results = now;
            }
            t.edits = edits;
            t.steps = steps;
        });
    }
    let Some(d) = (*notice).clone() else { return html! {} };
    let n = d.impact();
    let names: Vec<String> = {
        let sc = state.scenario();
        d.grade_changed_branches().iter().map(|id| branch_name(sc, sc, id)).collect()
    };
    let undo = {
        let (state, notice, tracker) = (state.clone(), notice.clone(), tracker.clone());
        Callback::from(move |_| {
            tracker.borrow_mut().timer = None;
            notice.set(None);
            crate::ui::state::end_typing();
            state.dispatch(Action::Undo);
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let close = {
        let notice = notice.clone();
        Callback::from(move |_| notice.set(None))
    };
    html! {
        <div class="impact-notice" role="status" data-testid="impact-notice"
            data-tiers={n.tiers.to_string()} data-grades={n.grades.to_string()}>
            <div class="impact-head">
                <span aria-hidden="true">{"⚠ "}</span>
                <strong>{ impact_sentence(&n, lang) }</strong>
                if !names.is_empty() {
                    <span class="impact-names" data-testid="impact-grade-names">{ TRec::ImpactGradeNames.get(lang) }{ names.join(lang.pick("、", ", ")) }</span>
                }
                <span class="impact-actions">
                    <button class="ghost small" onclick={toggle} data-testid="impact-show">
                        { if *open { TRec::HideDiff.get(lang) } else { TRec::ShowDiff.get(lang) } }
                    </button>
                    <button class="primary small" onclick={undo} data-testid="impact-undo">{"↶ "}{ TRec::UndoEdit.get(lang) }</button>
                    <button class="ghost small" onclick={close} aria-label={TRec::Dismiss.get(lang)}>{"×"}</button>
                </span>
            </div>
            if *open { { changed_cells(&d, state.scenario(), lang) } }
        </div>
    }
}

/// Hides the notice (without a render when it is hidden already: this runs after every keystroke's results).
fn hide(notice: &UseStateHandle<Option<Rc<ResultsDiff>>>, open: &UseStateHandle<bool>) {
    if notice.is_some() {
        notice.set(None);
    }
    if **open {
        open.set(false);
    }
}

/// The changed cells of complete periods and cycles, before → after (at most 200 lines).
fn changed_cells(d: &ResultsDiff, sc: &crate::model::Scenario, lang: Lang) -> Html {
    const MAX: usize = 200;
    let reason = |r| crate::ui::pages::grades::reason_text(r, &sc.settings.grades, lang);
    let mut lines: Vec<String> = Vec::new();
    for p in d.periods.iter().filter(|p| p.complete) {
        let pn = period_name(sc, sc, &p.period);
        for r in p.rows.iter().take_while(|r| !r.changes.is_empty()) {
            let cells: Vec<String> = r
                .changes
                .iter()
                .filter(|c| **c != Change::Final)
                .map(|&c| {
                    format!("{} {} → {}", change_label(c, lang), row_value(&r.a, c, lang), row_value(&r.b, c, lang))
                })
                .collect();
            if !cells.is_empty() {
                lines.push(format!(
                    "{pn} · {}{}{}",
                    branch_name(sc, sc, &r.branch),
                    lang.colon(),
                    cells.join(lang.pick("；", "; "))
                ));
            }
        }
    }
    for c in d.cycles.iter().filter(|c| c.complete) {
        let cn = TRec::CycleN.get(lang).replace("{}", &c.cycle.to_string());
        for r in c.rows.iter().take_while(|r| !r.changes.is_empty()) {
            lines.push(format!(
                "{cn} · {}{}{} ⇒ {}",
                branch_name(sc, sc, &r.branch),
                lang.colon(),
                cycle_value(&r.a, &reason),
                cycle_value(&r.b, &reason)
            ));
        }
    }
    let more = lines.len().saturating_sub(MAX);
    html! {
        <ul class="impact-cells" data-testid="impact-cells">
            { for lines.into_iter().take(MAX).map(|l| html! { <li>{ l }</li> }) }
            if more > 0 { <li class="muted">{ TRec::More.get(lang).replace("{}", &more.to_string()) }</li> }
        </ul>
    }
}
