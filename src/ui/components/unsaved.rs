//! Grid entries that did not parse and so were not saved, across every grid of the app.
//!
//! A matrix keeps an entry that does not parse in its cell, marked (see `matrix.rs`). Those entries must never be
//! lost silently, so each grid publishes them here under a key naming the grid (and what it shows, e.g. the
//! period), and:
//! * the status line says "有 N 个单元格未保存" with a link back to the page of the first such grid
//!   ([`UnsavedCells`]) until each is corrected or discarded (Esc on the cell, or "全部放弃" in its grid);
//! * leaving the page (closing the tab, reloading, going to another site) asks first (`beforeunload`);
//! * moving to another page of the app keeps them: the grid takes them back when it is shown again (a committee
//!   member switching to the results to check something expects to find the half-typed cell where they left it,
//!   not a question on every click of the navigation).

use std::cell::RefCell;
use std::collections::BTreeMap;

use yew::prelude::*;

use crate::i18n::pages::TLay;
use crate::model::ProblemKind;
use crate::ui::hooks::use_lang;

/// One entry not saved: the row's key, the column's key, the text as typed and why it did not parse.
#[derive(Clone, PartialEq, Debug)]
pub struct Entry {
    pub row: AttrValue,
    pub col: AttrValue,
    pub text: String,
    pub problem: ProblemKind,
}

#[derive(Default)]
struct Registry {
    /// Grid key → (the address of the page it is on, its entries). Grids with no entry are not kept.
    grids: BTreeMap<String, (String, Vec<Entry>)>,
    listeners: Vec<(u64, Callback<()>)>,
    next_id: u64,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
}

/// Keeps `entries` as the unsaved entries of grid `key` (none: forgets the grid), and tells the status line.
pub fn put(key: &str, entries: Vec<Entry>) {
    let listeners = REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let unchanged = match r.grids.get(key) {
            Some((_, old)) => *old == entries,
            None => entries.is_empty(),
        };
        if unchanged {
            return Vec::new();
        }
        if entries.is_empty() {
            r.grids.remove(key);
        } else {
            let here = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
            r.grids.insert(key.to_string(), (here, entries));
        }
        r.listeners.iter().map(|(_, cb)| cb.clone()).collect()
    });
    for cb in listeners {
        cb.emit(());
    }
}

/// The unsaved entries of grid `key`.
pub fn get(key: &str) -> Vec<Entry> {
    REGISTRY.with(|r| r.borrow().grids.get(key).map(|(_, e)| e.clone()).unwrap_or_default())
}

/// How many entries are not saved, over all grids, and the page address of the first grid holding some.
pub fn total() -> (usize, Option<String>) {
    REGISTRY.with(|r| {
        let r = r.borrow();
        let n = r.grids.values().map(|(_, e)| e.len()).sum();
        (n, r.grids.values().next().map(|(href, _)| href.clone()))
    })
}

fn subscribe(cb: Callback<()>) -> u64 {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.next_id += 1;
        let id = r.next_id;
        r.listeners.push((id, cb));
        id
    })
}

fn unsubscribe(id: u64) {
    REGISTRY.with(|r| r.borrow_mut().listeners.retain(|(i, _)| *i != id));
}

/// The status line's count of unsaved grid entries (nothing when there are none), and the question before the
/// page is left while there are some. Mounted once, in the shell.
#[function_component(UnsavedCells)]
pub fn unsaved_cells() -> Html {
    let lang = use_lang();
    let update = use_force_update();
    use_effect_with((), move |_| {
        let id = subscribe(Callback::from(move |_| update.force_update()));
        let window = web_sys::window().expect("window");
        // Not passive: the question is asked through `preventDefault` (and a non-empty `returnValue` for
        // browsers that still read it).
        let options = gloo_events::EventListenerOptions::enable_prevent_default();
        let ask = gloo_events::EventListener::new_with_options(&window, "beforeunload", options, |e| {
            let (n, _) = total();
            if n > 0 {
                e.prevent_default();
                let _ = js_sys::Reflect::set(e, &"returnValue".into(), &n.to_string().into());
            }
        });
        move || {
            unsubscribe(id);
            drop(ask);
        }
    });
    let (n, href) = total();
    if n == 0 {
        return html! {};
    }
    html! {
        <div class="status unsaved-cells" role="alert" data-testid="unsaved-cells" data-count={n.to_string()}>
            <strong>{"✖ "}{ TLay::Unsaved.get(lang).replace("{n}", &n.to_string()) }</strong>
            <span class="detail">{ TLay::UnsavedHint.get(lang) }</span>
            if let Some(href) = href.filter(|h| !h.is_empty()) {
                {" "}<a href={href} data-testid="unsaved-go">{ TLay::UnsavedGo.get(lang) }</a>
            }
        </div>
    }
}
