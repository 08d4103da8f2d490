//! Saving, and what may stop it: another tab's save, a full storage.
//!
//! The [`Saver`] writes the document shortly after each change (just after the frame that shows it, or after
//! a pause in the editing when saves are slow), always over the revision this tab last read or wrote
//! (`store::save`). While a save waits, `<html data-saving>` is set (tests wait for it to go).
//!
//! - **Another tab saved** (the `storage` event, or a save that finds another revision): nothing is written;
//!   [`SyncNotice`] says "另一个标签页修改了此方案" and offers to reload theirs or keep this one (both versions
//!   kept, see `store::sync::keep_both`). The edits stay in memory until the user chooses.
//! - **The storage refused** (full, unavailable, or the read-back differs): the message in words, the work
//!   kept in memory, "立即导出" offered, and the save retried every few seconds and whenever the page is
//!   shown or hidden, so it is written as soon as there is room.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::Link;

use crate::i18n::pages::TSto;
use crate::i18n::{Lang, T};
use crate::model::codec;
use crate::store::{self, local::Local, Document, SaveError, StoreError};
use crate::ui::download::{download, file_stem};
use crate::ui::hooks::{use_app, use_lang};
use crate::ui::route::Route;
use crate::ui::state::{Action, AppState};

/// How often a failed save is tried again.
const RETRY_MS: u32 = 3_000;

/// The one saver of the page.
#[derive(Default)]
pub struct Saver {
    /// How long the last save took, in milliseconds.
    last_ms: f64,
    /// The document waiting to be written.
    waiting: Option<Document>,
    /// The waiting document as text, once encoded: a retry while the storage is full writes it again instead of
    /// encoding the document every few seconds (dropped when another change comes).
    encoded: Option<store::Encoded>,
    timer: Option<Timeout>,
    /// The revision this tab last read or wrote.
    base: u64,
    /// What is stored at `base`, as far as this tab knows (an identical document is not written again).
    stored: Option<Document>,
    /// Another tab saved: nothing is written until the user chooses.
    blocked: bool,
    /// The last save failed in the storage: retried by the timer.
    failing: bool,
    dispatch: Option<UseReducerDispatcher<AppState>>,
}

thread_local! {
    static SAVER: Rc<RefCell<Saver>> = Rc::new(RefCell::new(Saver::default()));
}

fn saver() -> Rc<RefCell<Saver>> {
    SAVER.with(Rc::clone)
}

/// Loads the stored document (see `store::load`) and remembers its revision for the saves to come.
pub fn load() -> store::Loaded {
    let loaded = store::load(&mut Local);
    let s = saver();
    let mut s = s.borrow_mut();
    s.base = loaded.revision;
    s.stored = (loaded.notice.is_none() && loaded.revision > 0).then(|| loaded.document.clone());
    loaded
}

/// Two documents with the same content (scenarios compared by pointer first: unchanged ones are shared).
fn same(a: &Document, b: &Document) -> bool {
    a.lang == b.lang
        && a.current == b.current
        && a.scenarios.len() == b.scenarios.len()
        && a.scenarios.iter().zip(&b.scenarios).all(|(x, y)| Rc::ptr_eq(x, y) || x == y)
}

impl Saver {
    /// A save slower than this (measured, or before the first one estimated from the document's size) waits for a
    /// pause in the editing: [`Saver::PAUSE_FACTOR`] times what it takes, at least [`Saver::PAUSE_MS`], at most
    /// [`Saver::MAX_PAUSE_MS`], so that a slow save (the whole document is written at once) does not land between
    /// two keystrokes. Nothing is lost by waiting: the page's `pagehide` and `visibilitychange` write at once.
    const SLOW_MS: f64 = 50.0;
    const PAUSE_MS: u32 = 400;
    const PAUSE_FACTOR: f64 = 5.0;
    const MAX_PAUSE_MS: u32 = 2_000;
    /// Otherwise it runs this long after the change: after the frame that shows it.
    const AFTER_FRAME_MS: u32 = 20;

    /// How long to wait before writing `doc`.
    fn delay(&self, doc: &Document) -> u32 {
        let expected = if self.last_ms > 0.0 { self.last_ms } else { expected_save_ms(doc) };
        if expected > Self::SLOW_MS {
            ((expected * Self::PAUSE_FACTOR) as u32).clamp(Self::PAUSE_MS, Self::MAX_PAUSE_MS)
        } else {
            Self::AFTER_FRAME_MS
        }
    }

    fn schedule(doc: Document) {
        let this = saver();
        let delay = this.borrow().delay(&doc);
        {
            let mut s = this.borrow_mut();
            s.waiting = Some(doc);
            s.encoded = None;
        }
        mark_saving(true);
        // Replacing the timer cancels the one of the change before: only the newest document is written, in a
        // task after a frame (a keystroke that came just before is drawn first).
        let timer = Timeout::new(delay, || crate::ui::hooks::after_next_frame(Saver::flush));
        this.borrow_mut().timer = Some(timer);
    }

    /// Writes the waiting document, if any and if no other tab's save is waiting for the user's choice.
    pub fn flush() {
        let this = saver();
        let (doc, base, dispatch) = {
            let mut s = this.borrow_mut();
            if s.blocked {
                // Nothing is written; an edit waiting is said in the status line until the user chooses.
                let pending = s.waiting.as_ref().map(|d| d.lang);
                let dispatch = s.dispatch.clone();
                drop(s);
                mark_saving(false);
                if let (Some(lang), Some(d)) = (pending, dispatch) {
                    d.dispatch(Action::Saved(Err(TSto::OtherTabSaved.get(lang).into())));
                }
                return;
            }
            let Some(doc) = s.waiting.take() else { return };
            (doc, s.base, s.dispatch.clone())
        };
        mark_saving(false);
        let tell = |a: Action| {
            if let Some(d) = &dispatch {
                d.dispatch(a);
            }
        };
        if this.borrow().stored.as_ref().is_some_and(|st| same(st, &doc)) {
            this.borrow_mut().failing = false;
            tell(Action::Saved(Ok(())));
            return;
        }
        let start = js_sys::Date::now();
        // Encoded once per change and per base revision; a retry writes the kept text.
        let kept = this.borrow_mut().encoded.take().filter(|e| e.base == base);
        let encoded = kept.unwrap_or_else(|| store::Encoded::new(&doc, base));
        let result = store::save_encoded(&mut Local, &encoded);
        let mut s = this.borrow_mut();
        s.last_ms = js_sys::Date::now() - start;
        match result {
            Ok(revision) => {
                s.base = revision;
                s.stored = Some(doc);
                s.failing = false;
                drop(s);
                tell(Action::Saved(Ok(())));
            }
            Err(e @ SaveError::OtherTab { .. }) => {
                let lang = doc.lang;
                s.blocked = true;
                s.waiting.get_or_insert(doc);
                drop(s);
                tell(Action::OtherTabSaved);
                tell(Action::Saved(Err(words(&e, lang))));
            }
            Err(e) => {
                let lang = doc.lang;
                s.failing = true;
                if s.waiting.is_none() {
                    s.waiting = Some(doc);
                    s.encoded = Some(encoded);
                }
                drop(s);
                tell(Action::Saved(Err(words(&e, lang))));
            }
        }
    }

    /// Retries a failed save (the timer, a visibility change, the "retry" button).
    fn retry() {
        let failing = saver().borrow().failing;
        if failing {
            Saver::flush();
        }
    }
}

/// A failed save in words (never the browser's raw error value).
fn words(e: &SaveError, lang: Lang) -> String {
    match e {
        SaveError::Storage(StoreError::Full) => TSto::Full.get(lang).into(),
        SaveError::Storage(StoreError::Unavailable) => TSto::Unavailable.get(lang).into(),
        SaveError::Storage(StoreError::Other(m)) if m.is_empty() => TSto::Refused.get(lang).into(),
        SaveError::Storage(StoreError::Other(m)) => format!("{}{}{m}", TSto::Refused.get(lang), lang.colon()),
        SaveError::ReadBack => TSto::ReadBack.get(lang).into(),
        SaveError::OtherTab { .. } => TSto::OtherTabSaved.get(lang).into(),
    }
}

/// Before the first save: what writing `doc` may take, from its size (about half a microsecond per recorded
/// actual in the page; only whether it exceeds [`Saver::SLOW_MS`] matters).
fn expected_save_ms(doc: &Document) -> f64 {
    let cells: usize = doc
        .scenarios
        .iter()
        .map(|s| {
            s.periods.iter().map(|p| p.records.values().map(|r| r.actuals.len() + 4).sum::<usize>()).sum::<usize>()
        })
        .sum();
    cells as f64 * 0.0005
}

thread_local! {
    /// Whether `data-saving` is set (it is set or cleared only when this changes).
    static MARKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Sets or clears `data-saving` on the root element.
fn mark_saving(on: bool) {
    if MARKED.with(|m| m.replace(on)) == on {
        return;
    }
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = if on { root.set_attribute("data-saving", "") } else { root.remove_attribute("data-saving") };
    }
}

/// Saves after every change of `state` (revision 0 is what was loaded: nothing to write yet), flushes when the
/// page is hidden or left, retries failed saves, and listens for other tabs' saves.
#[hook]
pub fn use_saving(state: &UseReducerHandle<AppState>) {
    saver().borrow_mut().dispatch = Some(state.dispatcher());
    {
        let state = state.clone();
        use_effect_with(state.revision, move |revision| {
            if *revision > 0 && state.may_save {
                Saver::schedule(Document {
                    lang: state.doc.lang,
                    current: state.doc.current,
                    scenarios: state.doc.scenarios.clone(),
                });
            }
        });
    }
    use_effect_with((), move |_| {
        let listeners = web_sys::window().map(|w| {
            let hide = EventListener::new(&w, "pagehide", |_| Saver::flush());
            let visibility = w.document().map(|d| EventListener::new(&d, "visibilitychange", |_| Saver::flush()));
            let other = EventListener::new(&w, "storage", |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else { return };
                if e.key().as_deref() != Some(store::KEY) {
                    return;
                }
                let theirs = e.new_value().as_deref().and_then(store::document::peek_revision);
                let this = saver();
                let mut s = this.borrow_mut();
                if theirs.is_some_and(|r| r != s.base) {
                    s.blocked = true;
                    let dispatch = s.dispatch.clone();
                    drop(s);
                    if let Some(d) = dispatch {
                        d.dispatch(Action::OtherTabSaved);
                    }
                }
            });
            (hide, visibility, other)
        });
        let retry = Interval::new(RETRY_MS, Saver::retry);
        move || drop((listeners, retry))
    });
}

/// The status line while another tab's save waits for the user's choice and this tab has changes not saved
/// (instead of "saving failed", which speaks of the storage).
pub fn status(state: &AppState, lang: Lang) -> Option<Html> {
    (state.other_tab && state.save_error.is_some()).then(|| {
        html! {
            <footer class="status status-error" role="alert" data-testid="save-status" data-state="other-tab">
                <strong>{"⚠ "}{ TSto::NotSavedOtherTab.get(lang) }</strong>
            </footer>
        }
    })
}

/// Takes the other tab's version (undoable). When it cannot be read, it is backed up like any unreadable
/// document and this tab's version is saved.
fn reload_theirs(state: &UseReducerHandle<AppState>) {
    let this = saver();
    match store::load_stored(&Local) {
        Some((doc, revision)) => {
            {
                let mut s = this.borrow_mut();
                s.base = revision;
                s.stored = Some(doc.clone());
                s.blocked = false;
                s.failing = false;
                s.waiting = None;
            }
            state.dispatch(Action::AdoptDocument(doc, T::OtherTabVersion, TSto::TookTheirs));
        }
        None => keep_mine(state),
    }
}

/// Keeps this tab's version without overwriting the other's: their document with this tab's changed
/// scenarios added as copies, saved over their revision.
fn keep_mine(state: &UseReducerHandle<AppState>) {
    let this = saver();
    let ours = state.doc.clone();
    let lang = state.lang();
    let merged = match store::load_stored(&Local) {
        Some((theirs, revision)) => {
            let mut s = this.borrow_mut();
            s.base = revision;
            s.stored = Some(theirs.clone());
            store::sync::keep_both(&theirs, &ours, TSto::CopySuffix.get(lang))
        }
        None => {
            // Unreadable or gone: `load` backs the text up (its notice is not needed here) and gives the revision.
            let loaded = store::load(&mut Local);
            let mut s = this.borrow_mut();
            s.base = loaded.revision;
            s.stored = None;
            ours
        }
    };
    {
        let mut s = this.borrow_mut();
        s.blocked = false;
        s.waiting = None;
    }
    state.dispatch(Action::AdoptDocument(merged, T::KeepBothVersions, TSto::KeptBoth));
}

/// The banners of saving: another tab's save (with the two choices) and a failed save (in words, with
/// "export now" and "retry now").
#[function_component(SyncNotice)]
pub fn sync_notice() -> Html {
    let state = use_app();
    let lang = use_lang();
    let other = state.other_tab.then(|| {
        let theirs = {
            let state = state.clone();
            Callback::from(move |_| reload_theirs(&state))
        };
        let mine = {
            let state = state.clone();
            Callback::from(move |_| keep_mine(&state))
        };
        html! {
            <div class="banner banner-warn sync-notice" role="alert" data-testid="other-tab">
                <div>
                    <strong>{"⚠ "}{ TSto::OtherTabSaved.get(lang) }</strong>
                    <div>{ TSto::OtherTabDetail.get(lang) }</div>
                    <div class="sync-options">
                        <button onclick={theirs} data-testid="reload-theirs">{ TSto::ReloadTheirs.get(lang) }</button>
                        <span class="detail">{ TSto::ReloadTheirsHint.get(lang) }</span>
                        <button onclick={mine} data-testid="keep-mine">{ TSto::KeepMine.get(lang) }</button>
                        <span class="detail">{ TSto::KeepMineHint.get(lang) }</span>
                    </div>
                </div>
            </div>
        }
    });
    let failed = state.save_error.as_ref().filter(|_| saver().borrow().failing).map(|err| {
        let export = {
            let state = state.clone();
            Callback::from(move |_| {
                let sc = state.scenario();
                let file = format!("{}.pbcalc.json", file_stem(&sc.name));
                let _ = download(&file, "application/json", &codec::scenario_to_string(sc));
            })
        };
        let retry = Callback::from(|_| Saver::retry());
        html! {
            <div class="banner banner-error sync-notice" role="alert" data-testid="save-failed">
                <div>
                    <strong>{"⚠ "}{ err.clone() }</strong>
                    <div>{ TSto::KeptInMemory.get(lang) }</div>
                    <div class="sync-choices">
                        <button onclick={export} data-testid="export-now">{"⇩ "}{ TSto::ExportNow.get(lang) }</button>
                        <button class="ghost" onclick={retry} data-testid="retry-save">{ TSto::RetryNow.get(lang) }</button>
                        <Link<Route> to={Route::Storage} classes={classes!("button", "ghost")}>{ TSto::ManageStorage.get(lang) }</Link<Route>>
                    </div>
                </div>
            </div>
        }
    });
    html! { <>{ for other }{ for failed }</> }
}
