//! A spreadsheet-like matrix editor: rows × columns of cells, edited with the keyboard like a spreadsheet and
//! filled by pasting a block copied from Excel or WPS.
//!
//! The page describes its table through [`MatrixData`]: the columns, each cell's text (what editing starts from)
//! and how it looks, and a parser per cell (text → `Ok` or the [`ProblemKind`] that stops it). The matrix keeps
//! what is typed as text; a cell is **committed when editing ends** — Enter (then down), Tab (then out of the grid),
//! an arrow key while typing, or leaving the cell (blur) — as one [`Change`] through `on_commit`, which the page
//! turns into one undoable edit. A text that does not parse never reaches the page: the cell keeps it, marked
//! in place (✖, its message as title and in the detail line under the table) until it is corrected or reverted
//! with Escape. A pasted block is committed as one list of changes (one undo step); the cells that did not
//! parse are left unchanged and listed in a report with their position and reason.
//!
//! The grid is one Tab stop (the scrolling box has `tabindex=0` and names the active cell through
//! `aria-activedescendant`; cells are not focusable): Tab / Shift+Tab leave it for the next / previous control
//! of the page, also while a cell is edited (the text is committed first). Keys (not editing): arrows move,
//! Ctrl+arrow to the edge, Enter / Shift+Enter down / up, Home / End the row's ends, Ctrl+Home / Ctrl+End the
//! table's, PageUp / PageDown a screen; F2 (or double-click) edits the text, typing replaces it; Space toggles
//! a yes/no cell; Delete or Backspace clears; Escape reverts an invalid cell; Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y
//! undo and redo the app's last edit (`on_history`). While editing: Escape reverts, Ctrl+Z undoes the typing
//! (and, with nothing typed, the app's last edit). Keys that come faster than the renders (Yew yields to input
//! events after 16 ms of rendering, before the effect that focuses a new input) still reach the edit: see
//! [`Ops::focus_input_now`] and [`Ops::edit_undrawn`].
//!
//! Events are handled once on the table's wrapper (delegation); rows are components with data-only properties,
//! so an edit re-renders only the rows whose cells changed. The table has a fixed layout (column widths never
//! depend on the content, so an edit does not re-measure the table); above [`WINDOW_CELLS`] cells only the rows
//! and columns in view (and a margin) are rendered, with spacers of the right size.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::i18n::pages::{TLay, TMat};
use crate::i18n::{kind_message, Lang};
use crate::model::{paste, ProblemKind};

/// Height of a row in pixels (styles/matrix.css gives rows this height).
pub const ROW_PX: f64 = 34.0;
/// Width of the row headers in pixels.
pub const HEAD_PX: f64 = 208.0;
/// Default width of a column in pixels (the table has a fixed layout: widths never depend on the content).
pub const COL_PX: f64 = 100.0;
/// Tables with more cells than this render only the rows and columns in view.
pub const WINDOW_CELLS: usize = 600;
/// Rows rendered beyond the visible ones, above and below.
const OVERSCAN_ROWS: usize = 6;
/// Columns rendered beyond the visible ones, left and right.
const OVERSCAN_COLS: usize = 2;

/// What a column's cells are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColKind {
    /// Typed text, parsed by the page.
    Edit,
    /// Yes/no: like `Edit`, and Space (or a click on the cell's `.mx-toggle`) toggles between empty and "1".
    Flag,
    /// Opens something of the page (Enter, Space, F2, click): `on_activate`.
    Action,
    /// Shown only (results, derived numbers).
    ReadOnly,
}

/// One column: its key (stable across edits), its name in words, and how it is shown.
#[derive(Clone, PartialEq)]
pub struct Column {
    pub key: AttrValue,
    /// The column's name, for messages and screen readers.
    pub label: AttrValue,
    /// The header cell's content.
    pub header: Html,
    /// The header's tooltip.
    pub title: Option<AttrValue>,
    pub kind: ColKind,
    /// Right-aligned tabular figures.
    pub numeric: bool,
    /// The group this column starts (a caption over the header and a rule on its left).
    pub group: Option<AttrValue>,
    /// Width in pixels.
    pub width: f64,
}

impl Column {
    pub fn new(key: impl Into<AttrValue>, label: impl Into<AttrValue>, kind: ColKind) -> Column {
        let label = label.into();
        Column {
            key: key.into(),
            header: html! { { label.clone() } },
            label,
            title: None,
            kind,
            numeric: false,
            group: None,
            width: COL_PX,
        }
    }

    pub fn width(mut self, width: f64) -> Column {
        self.width = width;
        self
    }

    pub fn numeric(mut self) -> Column {
        self.numeric = true;
        self
    }

    pub fn header(mut self, header: Html) -> Column {
        self.header = header;
        self
    }

    pub fn title(mut self, title: impl Into<AttrValue>) -> Column {
        self.title = Some(title.into());
        self
    }

    pub fn group(mut self, group: impl Into<AttrValue>) -> Column {
        self.group = Some(group.into());
        self
    }
}

/// One cell as the page shows it.
#[derive(Clone, PartialEq, Default)]
pub struct CellView {
    /// The value as text: what the cell shows when `display` is `None`, what editing starts from, what is copied.
    pub text: AttrValue,
    /// What the cell shows instead of `text` when it is not being edited.
    pub display: Option<Html>,
    pub class: Classes,
    /// Tooltip (e.g. where a number comes from).
    pub title: Option<AttrValue>,
    /// Extra attributes (`data-testid`, `data-*`).
    pub attrs: Vec<(&'static str, AttrValue)>,
    /// Not editable although its column is.
    pub readonly: bool,
}

impl CellView {
    pub fn text(text: impl Into<AttrValue>) -> CellView {
        CellView { text: text.into(), ..Default::default() }
    }
}

/// A button of the detail line for the focused cell, also run by Alt + its key.
#[derive(Clone, PartialEq)]
pub struct CellAction {
    pub label: AttrValue,
    pub testid: &'static str,
    /// `KeyboardEvent.code` run with Alt (e.g. "KeyS"), and its name for the tooltip ("Alt+S").
    pub key: Option<(&'static str, &'static str)>,
    pub run: Callback<()>,
}

/// What a page puts into the matrix.
pub trait MatrixData {
    fn rows(&self) -> usize;
    fn columns(&self) -> &[Column];
    /// A stable key of row `r` (invalid texts are kept by row and column key).
    fn row_key(&self, r: usize) -> AttrValue;
    /// The row's name, for messages and screen readers.
    fn row_label(&self, r: usize) -> AttrValue;
    /// The row header's content.
    fn row_header(&self, r: usize) -> Html {
        html! { { self.row_label(r) } }
    }
    fn row_class(&self, _r: usize) -> Classes {
        Classes::new()
    }
    fn row_attrs(&self, _r: usize) -> Vec<(&'static str, AttrValue)> {
        Vec::new()
    }
    fn cell(&self, r: usize, c: usize) -> CellView;
    /// Whether `text` is a valid entry of cell (r, c), and if not, why.
    fn parse(&self, r: usize, c: usize, text: &str) -> Result<(), ProblemKind>;
    /// More about the focused cell, in the line under the table (e.g. a breakdown).
    fn detail(&self, _r: usize, _c: usize) -> Html {
        Html::default()
    }
    /// Buttons for the focused cell, in the line under the table.
    fn actions(&self, _r: usize, _c: usize) -> Vec<CellAction> {
        Vec::new()
    }
    /// Rows under the table (totals, summaries), each with a header and one cell per column.
    fn footer(&self) -> Vec<FooterRow> {
        Vec::new()
    }
}

/// A row of the table's foot.
#[derive(Clone, PartialEq)]
pub struct FooterRow {
    pub header: Html,
    pub class: Classes,
    pub attrs: Vec<(&'static str, AttrValue)>,
    /// One per column.
    pub cells: Vec<Html>,
}

/// The page's data, compared by identity: a page builds a new one when its scenario or results change.
#[derive(Clone)]
pub struct Data(pub Rc<dyn MatrixData>);

impl PartialEq for Data {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A shared value compared by identity (for hook dependencies on data that is rebuilt, never mutated).
pub struct Same<T>(pub Rc<T>);

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A cell's new text, already checked with [`MatrixData::parse`].
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub row: usize,
    pub col: usize,
    pub text: String,
}

#[derive(Properties, PartialEq)]
pub struct MatrixProps {
    pub data: Data,
    /// Valid changes, to be applied as one undoable edit.
    pub on_commit: Callback<Vec<Change>>,
    /// The app's undo (`false`) or redo (`true`).
    pub on_history: Callback<bool>,
    /// An `Action` cell was activated.
    #[prop_or_default]
    pub on_activate: Callback<(usize, usize)>,
    /// The table's `data-testid`; the detail line is `{testid}-detail`.
    pub testid: AttrValue,
    /// The table's accessible name.
    pub label: AttrValue,
    pub lang: Lang,
    /// The header over the row headers.
    #[prop_or_default]
    pub corner: Html,
    /// The key under which the entries that did not parse are kept while the grid is not shown (see
    /// `unsaved.rs`); it names what the grid shows (e.g. the period). Default: `testid`.
    #[prop_or_default]
    pub drafts_key: Option<AttrValue>,
}

/// The text being typed into a cell.
struct Editing {
    r: usize,
    c: usize,
    text: String,
    original: String,
    /// Started with F2 or a double-click: Left/Right/Home/End move the caret instead of leaving the cell.
    caret: bool,
    /// Whether a valid text was already committed while typing (Escape then undoes that step).
    live: bool,
    /// The whole text is selected by a Ctrl+A pressed before the input was drawn: the next key replaces or
    /// deletes it, and the input selects it when it gets the focus.
    all: bool,
}

/// An entry that did not parse, kept in its cell.
struct Draft {
    text: String,
    problem: ProblemKind,
}

/// A pasted cell that did not parse.
#[derive(Clone, PartialEq)]
struct Bad {
    r: usize,
    c: usize,
    row: AttrValue,
    col: AttrValue,
    text: String,
    problem: ProblemKind,
}

#[derive(Clone, PartialEq)]
struct Report {
    /// Cells of the block written (changed or already equal).
    pasted: usize,
    bad: Vec<Bad>,
    /// Cells that fell outside the table.
    outside: usize,
    /// Cells that fell on read-only cells.
    readonly: usize,
}

#[derive(Default)]
struct Inner {
    focus: (usize, usize),
    editing: Option<Editing>,
    drafts: HashMap<(AttrValue, AttrValue), Draft>,
    report: Option<Report>,
    /// Scroll position and size of the scrolling box (for windowing).
    top: f64,
    height: f64,
    left: f64,
    width: f64,
    /// Move DOM focus to the focused cell (or its input) after the next render.
    want_focus: bool,
    /// The height of a rendered row as measured (0 until measured; see [`Inner::row_px`]).
    measured_row: f64,
    /// The height of the header row as measured.
    head_px: f64,
    /// Whether the DOM focus is in the table (so a render that loses it gives it back).
    has_focus: bool,
    /// Between a render and its effects (a focus lost while the DOM is patched is not the user's doing).
    patching: bool,
    /// Rows and columns rendered last time (windowing).
    window: Window,
    /// The key the drafts are published under (`MatrixProps::drafts_key`); `None` before the first render.
    drafts_key: Option<String>,
}

impl Inner {
    /// The height of a row: as measured in the page, else [`ROW_PX`] (what styles/matrix.css sets).
    fn row_px(&self) -> f64 {
        if self.measured_row > 0.0 {
            self.measured_row
        } else {
            ROW_PX
        }
    }
}

/// Everything an event handler needs, cloned into each handler.
#[derive(Clone)]
struct Ops {
    inner: Rc<RefCell<Inner>>,
    update: UseForceUpdateHandle,
    data: Rc<dyn MatrixData>,
    on_commit: Callback<Vec<Change>>,
    on_history: Callback<bool>,
    on_activate: Callback<(usize, usize)>,
    scroll: NodeRef,
}

impl Ops {
    fn size(&self) -> (usize, usize) {
        (self.data.rows(), self.data.columns().len())
    }

    fn kind(&self, c: usize) -> ColKind {
        self.data.columns().get(c).map_or(ColKind::ReadOnly, |col| col.kind)
    }

    fn editable(&self, r: usize, c: usize) -> bool {
        matches!(self.kind(c), ColKind::Edit | ColKind::Flag) && !self.data.cell(r, c).readonly
    }

    fn key(&self, r: usize, c: usize) -> (AttrValue, AttrValue) {
        (self.data.row_key(r), self.data.columns()[c].key.clone())
    }

    /// Moves the focus to (r, c) (clamped), scrolling its row into the rendered window.
    fn move_to(&self, r: usize, c: usize) {
        let (rows, cols) = self.size();
        if rows == 0 || cols == 0 {
            return;
        }
        let (r, c) = (r.min(rows - 1), c.min(cols - 1));
        {
            let mut i = self.inner.borrow_mut();
            i.focus = (r, c);
            i.want_focus = true;
        }
        self.reveal(r, c);
        self.update.force_update();
    }

    /// Scrolls the table so that cell (r, c) is in view (and, in a big table, rendered). Rows have one height and
    /// columns fixed widths, so where a cell is follows from its position.
    fn reveal(&self, r: usize, c: usize) {
        let Some(el) = self.scroll.cast::<web_sys::Element>() else { return };
        let mut i = self.inner.borrow_mut();
        if i.height == 0.0 {
            return;
        }
        let row_px = i.row_px();
        let y = r as f64 * row_px;
        let head = i.head_px.max(row_px);
        let mut top = i.top;
        if y < top {
            top = y;
        } else if y + row_px + head > top + i.height {
            top = y + row_px + head - i.height;
        }
        if top != i.top {
            i.top = top.max(0.0);
            el.set_scroll_top(i.top as i32);
        }
        let x: f64 = self.data.columns()[..c].iter().map(|col| col.width).sum();
        let w = self.data.columns()[c].width;
        let mut left = i.left;
        if x < left {
            left = x;
        } else if x + w > left + i.width - HEAD_PX {
            left = x + w - (i.width - HEAD_PX);
        }
        if left != i.left {
            i.left = left.max(0.0);
            el.set_scroll_left(i.left as i32);
        }
    }

    /// Starts editing the focused cell with `text` (typing) or its own text (F2).
    fn start_edit(&self, text: Option<String>) {
        let (r, c) = self.inner.borrow().focus;
        if !self.editable(r, c) {
            return;
        }
        let original = self.data.cell(r, c).text.to_string();
        let key = self.key(r, c);
        let mut i = self.inner.borrow_mut();
        let caret = text.is_none();
        let start = text.unwrap_or_else(|| i.drafts.get(&key).map_or(original.clone(), |d| d.text.clone()));
        i.editing = Some(Editing { r, c, text: start, original, caret, live: false, all: false });
        i.want_focus = true;
        drop(i);
        // Everything committed while this cell is being edited is one undo step.
        crate::ui::state::begin_typing(&format!("cell:{}:{}", key.0, key.1));
        if !caret {
            // Editing started by typing a character: it counts at once, like every later keystroke.
            self.commit_live();
        }
        self.update.force_update();
    }

    /// Commits a valid text while it is being typed, so the results follow the typing (one undo step with the
    /// rest of this cell's editing). Invalid text waits, marked, for the end of the editing, and while it is
    /// there the results are those from before the editing.
    fn commit_live(&self) {
        let Some((r, c, text)) = self.inner.borrow().editing.as_ref().map(|ed| (ed.r, ed.c, ed.text.clone())) else {
            return;
        };
        if text.trim().is_empty() {
            // Emptying a cell (clearing its value) takes effect when the editing ends, not on the way.
            return;
        }
        if self.data.parse(r, c, &text).is_err() {
            // An invalid text never counts: take back what this editing committed, so the results are those
            // from before it until the text is valid again.
            let was_live = self.inner.borrow_mut().editing.as_mut().is_some_and(|ed| std::mem::take(&mut ed.live));
            if was_live {
                self.on_history.emit(false);
            }
            return;
        }
        if text == self.data.cell(r, c).text.as_str() {
            return;
        }
        if let Some(ed) = self.inner.borrow_mut().editing.as_mut() {
            ed.live = true;
        }
        self.inner.borrow_mut().drafts.remove(&self.key(r, c));
        self.on_commit.emit(vec![Change { row: r, col: c, text }]);
    }

    /// Commits `text` into cell (r, c): unchanged → nothing; valid → `on_commit`; invalid → kept as a draft.
    /// Returns whether the cell now holds a valid value.
    fn commit_cell(&self, r: usize, c: usize, text: String) -> bool {
        let key = self.key(r, c);
        let current = self.data.cell(r, c).text;
        if text == current.as_str() {
            self.inner.borrow_mut().drafts.remove(&key);
            return true;
        }
        match self.data.parse(r, c, &text) {
            Ok(()) => {
                self.inner.borrow_mut().drafts.remove(&key);
                self.on_commit.emit(vec![Change { row: r, col: c, text }]);
                true
            }
            Err(problem) => {
                self.inner.borrow_mut().drafts.insert(key, Draft { text, problem });
                false
            }
        }
    }

    /// Gives the DOM focus back to the grid itself at once when the cell's input has it, before a render
    /// removes the input: a focused element that is removed leaves the focus on the page's body, and keys
    /// typed before the next render would not reach the grid (or its blur would end the next cell's edit).
    fn focus_grid(&self) {
        let Some(root) = self.scroll.cast::<web_sys::HtmlElement>() else { return };
        let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
        if active.is_some_and(|a| a.dyn_ref::<web_sys::HtmlInputElement>().is_some() && root.contains(Some(&a))) {
            let _ = root.focus();
        }
    }

    /// Ends editing and commits; when valid, moves by (dr, dc) (see [`Ops::step`]).
    fn commit_edit(&self, step: Option<Step>) {
        let Some(ed) = self.inner.borrow_mut().editing.take() else { return };
        self.focus_grid();
        let ok = self.commit_cell(ed.r, ed.c, ed.text);
        crate::ui::state::end_typing();
        self.inner.borrow_mut().want_focus = true;
        match step {
            Some(s) if ok => self.step(s),
            _ => self.update.force_update(),
        }
    }

    /// Ends editing and commits, without moving, giving the DOM focus back to the grid at once (Tab then leaves
    /// it like any other control).
    fn leave_edit(&self) {
        let Some(ed) = self.inner.borrow_mut().editing.take() else { return };
        self.focus_grid();
        // The focus is leaving: a render meanwhile must not take it back, nor hand it to the input that the
        // start of this edit asked for (keys faster than a render: that request may still be pending).
        self.release_focus();
        self.commit_cell(ed.r, ed.c, ed.text);
        crate::ui::state::end_typing();
        self.update.force_update();
    }

    /// The focus is leaving the grid (Tab): no render may take it back, whether it finds the focus gone
    /// (`has_focus`) or was asked to place it by a key or click that has not been drawn yet (`want_focus`).
    fn release_focus(&self) {
        let mut i = self.inner.borrow_mut();
        i.has_focus = false;
        i.want_focus = false;
    }

    /// Ends editing without committing and reverts the cell.
    fn cancel_edit(&self) {
        let Some(ed) = self.inner.borrow_mut().editing.take() else { return };
        self.focus_grid();
        let key = self.key(ed.r, ed.c);
        let mut i = self.inner.borrow_mut();
        i.drafts.remove(&key);
        i.want_focus = true;
        drop(i);
        crate::ui::state::end_typing();
        // What this cell committed while being typed is one step: undo it.
        if ed.live {
            self.on_history.emit(false);
        }
        self.update.force_update();
    }

    /// Moves the focus one step.
    fn step(&self, s: Step) {
        let (rows, cols) = self.size();
        if rows == 0 || cols == 0 {
            return;
        }
        let (r, c) = self.inner.borrow().focus;
        let page = {
            let i = self.inner.borrow();
            ((i.height / i.row_px()) as usize).saturating_sub(2).max(1)
        };
        let (r, c) = match s {
            Step::Up => (r.saturating_sub(1), c),
            Step::Down => ((r + 1).min(rows - 1), c),
            Step::Left => (r, c.saturating_sub(1)),
            Step::Right => (r, (c + 1).min(cols - 1)),
            Step::RowStart => (r, 0),
            Step::RowEnd => (r, cols - 1),
            Step::Top => (0, c),
            Step::Bottom => (rows - 1, c),
            Step::First => (0, 0),
            Step::Last => (rows - 1, cols - 1),
            Step::PageUp => (r.saturating_sub(page), c),
            Step::PageDown => ((r + page).min(rows - 1), c),
        };
        self.move_to(r, c);
    }

    /// Space or a click on a yes/no cell: empty ↔ "1".
    fn toggle(&self, r: usize, c: usize) {
        if !self.editable(r, c) || self.kind(c) != ColKind::Flag {
            return;
        }
        let on = !self.data.cell(r, c).text.is_empty();
        self.commit_cell(r, c, if on { String::new() } else { "1".to_string() });
        self.update.force_update();
    }

    /// Pastes a block at the focused cell: one `on_commit` with every valid cell, a report of the others.
    fn paste(&self, text: &str) {
        let block = paste::parse(text);
        if block.is_empty() {
            return;
        }
        let (rows, cols) = self.size();
        let (r0, c0) = self.inner.borrow().focus;
        let mut report = Report { pasted: 0, bad: Vec::new(), outside: 0, readonly: 0 };
        let mut changes = Vec::new();
        for (dr, dc, t) in block.cells() {
            let (r, c) = (r0 + dr, c0 + dc);
            if r >= rows || c >= cols {
                report.outside += 1;
                continue;
            }
            if !self.editable(r, c) {
                report.readonly += 1;
                continue;
            }
            let t = t.trim().to_string();
            match self.data.parse(r, c, &t) {
                Ok(()) => {
                    report.pasted += 1;
                    self.inner.borrow_mut().drafts.remove(&self.key(r, c));
                    if t != self.data.cell(r, c).text.as_str() {
                        changes.push(Change { row: r, col: c, text: t });
                    }
                }
                Err(problem) => report.bad.push(Bad {
                    r,
                    c,
                    row: self.data.row_label(r),
                    col: self.data.columns()[c].label.clone(),
                    text: t,
                    problem,
                }),
            }
        }
        if !changes.is_empty() {
            self.on_commit.emit(changes);
        }
        let mut i = self.inner.borrow_mut();
        i.report = Some(report);
        i.want_focus = true;
        drop(i);
        self.update.force_update();
    }

    fn keydown(&self, e: KeyboardEvent) {
        let key = e.key();
        let ctrl = e.ctrl_key() || e.meta_key();
        let editing = self.inner.borrow().editing.is_some();
        // Undo / redo of the app (the text field's own undo while something is typed).
        if ctrl && !e.alt_key() && matches!(key.to_ascii_lowercase().as_str(), "z" | "y") {
            if editing {
                let pending = self.inner.borrow().editing.as_ref().is_some_and(|ed| ed.text != ed.original);
                if pending {
                    return;
                }
                self.cancel_edit();
            }
            e.prevent_default();
            e.stop_propagation();
            let redo = key.eq_ignore_ascii_case("y") || e.shift_key();
            self.on_history.emit(redo);
            return;
        }
        if editing {
            // A key that reaches the grid during an edit came faster than the renders: Yew yields to input after
            // a frame's worth of rendering, before the effect that focuses the input, and holds later renders
            // meanwhile. Moving the focus to the input now, in the key's own handler (the input given the
            // editing's text first), hands it the key's default action: Ctrl+A selects, Backspace deletes.
            // Before the input is drawn at all, the grid plays those text keys itself.
            if !self.on_edit_input(&e) && !self.focus_input_now() && self.edit_undrawn(&e, &key) {
                return;
            }
            self.keydown_editing(&e, &key);
        } else {
            self.keydown_moving(&e, &key, ctrl);
        }
    }

    /// Puts the focus on the edited cell's input, holding the editing's text, selected when a Ctrl+A came
    /// before (see [`focus_input`]). Returns whether the input is drawn.
    fn focus_input_now(&self) -> bool {
        let Some(root) = self.scroll.cast::<web_sys::HtmlElement>() else { return false };
        let Some((text, all)) = self.inner.borrow().editing.as_ref().map(|ed| (ed.text.clone(), ed.all)) else {
            return false;
        };
        let drawn = focus_input(&root, Some(&text), all);
        if drawn {
            if let Some(ed) = self.inner.borrow_mut().editing.as_mut() {
                ed.all = false;
            }
        }
        drawn
    }

    /// Text-field keys pressed while the edit's input is not drawn yet (the render that draws it waits in Yew's
    /// run that yielded): Ctrl+A selects the whole text, Backspace and Delete delete it when selected (else
    /// Backspace deletes the last character). Returns whether the key was one of them.
    fn edit_undrawn(&self, e: &KeyboardEvent, key: &str) -> bool {
        let ctrl = e.ctrl_key() || e.meta_key();
        {
            let mut i = self.inner.borrow_mut();
            let Some(ed) = i.editing.as_mut() else { return false };
            match key {
                "a" | "A" if ctrl && !e.alt_key() => ed.all = true,
                "Backspace" | "Delete" => {
                    if std::mem::take(&mut ed.all) {
                        ed.text.clear();
                    } else if key == "Backspace" {
                        ed.text.pop();
                    }
                }
                _ => return false,
            }
        }
        e.prevent_default();
        self.commit_live();
        self.update.force_update();
        true
    }

    /// Whether the key `e` was pressed in the input of the cell being edited (not on the grid before the input
    /// had the focus, nor in an input a render is about to remove).
    fn on_edit_input(&self, e: &KeyboardEvent) -> bool {
        let at = self.inner.borrow().editing.as_ref().map(|ed| (ed.r, ed.c));
        e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some()
            && cell_of(e.target()).map(|(r, c, _)| (r, c)) == at
    }

    fn keydown_editing(&self, e: &KeyboardEvent, key: &str) {
        let caret = self.inner.borrow().editing.as_ref().is_some_and(|ed| ed.caret);
        let step = match key {
            "Enter" => Some(if e.shift_key() { Step::Up } else { Step::Down }),
            "Tab" => {
                // Ends the editing and leaves the grid: the focus goes back to the grid (so that the input
                // removed by the next render is not the focused element), and the browser's Tab moves it on.
                self.leave_edit();
                return;
            }
            "ArrowUp" => Some(Step::Up),
            "ArrowDown" => Some(Step::Down),
            "ArrowLeft" if !caret => Some(Step::Left),
            "ArrowRight" if !caret => Some(Step::Right),
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                self.cancel_edit();
                return;
            }
            k if k.chars().count() == 1 && !e.ctrl_key() && !e.meta_key() && !e.alt_key() => {
                // Typed before the input took the focus (keys arriving faster than a render): keep them.
                if !self.on_edit_input(e) {
                    e.prevent_default();
                    if let Some(ed) = self.inner.borrow_mut().editing.as_mut() {
                        if std::mem::take(&mut ed.all) {
                            ed.text.clear();
                        }
                        ed.text.push_str(k);
                    }
                    // The input (focused by the step above when drawn) holds the new text at once.
                    self.focus_input_now();
                    // Like a keystroke in the input: a valid text counts at once, an invalid one takes back
                    // what this editing committed.
                    self.commit_live();
                    self.update.force_update();
                }
                None
            }
            _ => None,
        };
        if let Some(s) = step {
            e.prevent_default();
            self.commit_edit(Some(s));
        }
    }

    fn keydown_moving(&self, e: &KeyboardEvent, key: &str, ctrl: bool) {
        let (rows, cols) = self.size();
        if rows == 0 || cols == 0 {
            return;
        }
        let (r, c) = self.inner.borrow().focus;
        let kind = self.kind(c);
        if e.alt_key() {
            let code = e.code();
            if let Some(a) = self.data.actions(r, c).into_iter().find(|a| a.key.is_some_and(|(k, _)| k == code)) {
                e.prevent_default();
                a.run.emit(());
            }
            return;
        }
        let step = match key {
            "ArrowUp" if ctrl => Some(Step::Top),
            "ArrowDown" if ctrl => Some(Step::Bottom),
            "ArrowLeft" if ctrl => Some(Step::RowStart),
            "ArrowRight" if ctrl => Some(Step::RowEnd),
            "ArrowUp" => Some(Step::Up),
            "ArrowDown" => Some(Step::Down),
            "ArrowLeft" => Some(Step::Left),
            "ArrowRight" => Some(Step::Right),
            "Home" if ctrl => Some(Step::First),
            "End" if ctrl => Some(Step::Last),
            "Home" => Some(Step::RowStart),
            "End" => Some(Step::RowEnd),
            "PageUp" => Some(Step::PageUp),
            "PageDown" => Some(Step::PageDown),
            // The grid is one Tab stop: Tab and Shift+Tab leave it (the browser moves the focus on).
            "Tab" => {
                // The focus is leaving: a render meanwhile must not take it back.
                self.release_focus();
                return;
            }
            "Enter" if kind == ColKind::Action => {
                e.prevent_default();
                self.on_activate.emit((r, c));
                return;
            }
            "Enter" => Some(if e.shift_key() { Step::Up } else { Step::Down }),
            _ => None,
        };
        if let Some(s) = step {
            e.prevent_default();
            self.step(s);
            return;
        }
        match key {
            "F2" => {
                e.prevent_default();
                if kind == ColKind::Action {
                    self.on_activate.emit((r, c));
                } else {
                    self.start_edit(None);
                }
            }
            " " => {
                e.prevent_default();
                match kind {
                    ColKind::Action => self.on_activate.emit((r, c)),
                    ColKind::Flag => self.toggle(r, c),
                    ColKind::Edit => self.start_edit(Some(" ".to_string())),
                    ColKind::ReadOnly => {}
                }
            }
            "Delete" | "Backspace" => {
                e.prevent_default();
                if self.editable(r, c) {
                    self.commit_cell(r, c, String::new());
                    self.update.force_update();
                }
            }
            "Escape" => {
                let key = self.key(r, c);
                let mut i = self.inner.borrow_mut();
                let had = i.drafts.remove(&key).is_some();
                let closed = !had && i.report.take().is_some();
                drop(i);
                if had || closed {
                    e.prevent_default();
                    self.update.force_update();
                }
            }
            k if !ctrl && k.chars().count() == 1 && self.editable(r, c) => {
                e.prevent_default();
                self.start_edit(Some(k.to_string()));
            }
            _ => {}
        }
    }
}

/// A move of the focus.
#[derive(Clone, Copy, Debug)]
enum Step {
    Up,
    Down,
    Left,
    Right,
    RowStart,
    RowEnd,
    Top,
    Bottom,
    First,
    Last,
    PageUp,
    PageDown,
}

/// Puts the DOM focus on the edited cell's input in `root`, caret at the end, unless it has it already. With
/// `text`, the input is first made to hold it (the editing's text, when keys came faster than the renders that
/// would have written it: the input's later keystrokes must go on from there). Returns whether there is such an
/// input.
fn focus_input(root: &web_sys::HtmlElement, text: Option<&str>, all: bool) -> bool {
    let Some(input) = root.query_selector(".mx-input").ok().flatten() else { return false };
    let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() else { return false };
    let stale = text.is_some_and(|t| input.value() != t);
    if let Some(t) = text.filter(|_| stale) {
        input.set_value(t);
    }
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    if stale || all || !active.is_some_and(|a| &a == input.unchecked_ref::<web_sys::Element>()) {
        let _ = input.focus();
        let n = input.value().encode_utf16().count() as u32;
        let _ = input.set_selection_range(if all { 0 } else { n }, n);
    }
    true
}

/// The cell (row, column) an event happened in, from the `data-r` / `data-c` of the closest cell.
fn cell_of(target: Option<web_sys::EventTarget>) -> Option<(usize, usize, web_sys::Element)> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    let td = el.closest("td[data-r]").ok()??;
    let r = td.get_attribute("data-r")?.parse().ok()?;
    let c = td.get_attribute("data-c")?.parse().ok()?;
    Some((r, c, el))
}

/// The clipboard's plain text of a paste event.
fn clipboard_text(e: &Event) -> Option<String> {
    let data = js_sys::Reflect::get(e.as_ref(), &JsValue::from_str("clipboardData")).ok()?;
    if data.is_null() || data.is_undefined() {
        return None;
    }
    let get = js_sys::Reflect::get(&data, &JsValue::from_str("getData")).ok()?.dyn_into::<js_sys::Function>().ok()?;
    get.call1(&data, &JsValue::from_str("text/plain")).ok()?.as_string()
}

/// Puts plain text on the clipboard of a copy event.
fn set_clipboard_text(e: &Event, text: &str) -> bool {
    let Ok(data) = js_sys::Reflect::get(e.as_ref(), &JsValue::from_str("clipboardData")) else { return false };
    let Ok(set) = js_sys::Reflect::get(&data, &JsValue::from_str("setData")) else { return false };
    let Ok(set) = set.dyn_into::<js_sys::Function>() else { return false };
    set.call2(&data, &JsValue::from_str("text/plain"), &JsValue::from_str(text)).is_ok()
}

/// One cell as rendered by a row (data only, so unchanged rows are not rendered again).
#[derive(Clone, PartialEq)]
struct CellRender {
    view: CellView,
    kind: ColKind,
    numeric: bool,
    group_start: bool,
    focused: bool,
    /// The text being typed and its problem, if any.
    editing: Option<(AttrValue, Option<AttrValue>)>,
    /// An invalid entry kept in the cell, and its message.
    draft: Option<(AttrValue, AttrValue)>,
    aria: AttrValue,
}

#[derive(Properties, PartialEq)]
struct RowProps {
    r: usize,
    header: Html,
    class: Classes,
    attrs: Vec<(&'static str, AttrValue)>,
    /// The rendered cells, from column `c0` on.
    cells: Rc<Vec<CellRender>>,
    c0: usize,
    /// Spacer cells before and after the rendered columns (windowed tables).
    pads: (bool, bool),
    /// 1-based row index for screen readers (windowed tables render only some rows).
    aria_row: usize,
    /// Cells' ids are `{id_prefix}-{r}-{c}` (the grid's `aria-activedescendant`).
    id_prefix: AttrValue,
}

#[function_component(MxRow)]
fn mx_row(p: &RowProps) -> Html {
    // Every child keyed, so that when the window of columns moves the cells keep their elements (and the focus).
    let mut children = Vec::with_capacity(p.cells.len() + 3);
    children.push(html! { <th key="h" role="rowheader" class="mx-rowhead">{ p.header.clone() }</th> });
    if p.pads.0 {
        children.push(html! { <td key="pl" class="mx-pad" aria-hidden="true"></td> });
    }
    children.extend(p.cells.iter().enumerate().map(|(k, cell)| render_cell(&p.id_prefix, p.r, p.c0 + k, cell)));
    if p.pads.1 {
        children.push(html! { <td key="pr" class="mx-pad" aria-hidden="true"></td> });
    }
    let mut tr = html! {
        <tr role="row" class={p.class.clone()} aria-rowindex={(p.aria_row).to_string()}>{ for children }</tr>
    };
    add_attributes(&mut tr, &p.attrs);
    tr
}

fn render_cell(id_prefix: &str, r: usize, c: usize, cell: &CellRender) -> Html {
    let v = &cell.view;
    let readonly = v.readonly || matches!(cell.kind, ColKind::ReadOnly | ColKind::Action);
    let invalid = cell.draft.is_some() || cell.editing.as_ref().is_some_and(|(_, p)| p.is_some());
    let class = classes!(
        "mx-cell",
        v.class.clone(),
        cell.numeric.then_some("num"),
        cell.group_start.then_some("mx-group-start"),
        cell.focused.then_some("mx-focus"),
        invalid.then_some("mx-invalid"),
        cell.editing.is_some().then_some("mx-editing"),
        readonly.then_some("mx-readonly"),
        match cell.kind {
            ColKind::Flag => Some("mx-flag"),
            ColKind::Action => Some("mx-action"),
            _ => None,
        },
    );
    let title = cell.draft.as_ref().map(|(_, m)| m.clone()).or_else(|| v.title.clone());
    // The input is focused by the grid, never by Tab (`tabindex=-1`): Tab leaves the grid.
    let content = if let Some((text, problem)) = &cell.editing {
        html! {
            <input class="mx-input" tabindex="-1" value={text.clone()} aria-label={cell.aria.clone()}
                aria-invalid={problem.is_some().to_string()} spellcheck="false" autocomplete="off" />
        }
    } else if let Some((text, _)) = &cell.draft {
        html! { <><span class="mx-bad" aria-hidden="true">{"✖"}</span><span class="mx-text">{ text.clone() }</span></> }
    } else {
        match &v.display {
            Some(d) => d.clone(),
            None => html! { { v.text.clone() } },
        }
    };
    let aria = match &cell.draft {
        Some((_, m)) => AttrValue::from(format!("{}: {}", cell.aria, m)),
        None => cell.aria.clone(),
    };
    let mut td = html! {
        <td key={c.to_string()} id={format!("{id_prefix}-{r}-{c}")} role="gridcell" class={class}
            data-r={r.to_string()} data-c={c.to_string()} title={title} aria-label={aria}
            aria-colindex={(c + 2).to_string()}
            aria-invalid={invalid.then_some("true")} aria-readonly={readonly.then_some("true")}
            aria-selected={cell.focused.then_some("true")}>
            { content }
        </td>
    };
    add_attributes(&mut td, &v.attrs);
    td
}

/// Adds attributes known only at run time (`data-testid`, `data-*`) to an element.
fn add_attributes(node: &mut Html, attrs: &[(&'static str, AttrValue)]) {
    if attrs.is_empty() {
        return;
    }
    if let Html::VTag(tag) = node {
        let tag = Rc::make_mut(tag);
        for (k, v) in attrs {
            tag.add_attribute(k, v.clone());
        }
    }
}

/// The matrix editor (see the module documentation).
#[function_component(Matrix)]
pub fn matrix(props: &MatrixProps) -> Html {
    let inner = use_mut_ref(Inner::default);
    let update = use_force_update();
    let scroll = use_node_ref();
    let data = props.data.0.clone();
    let lang = props.lang;
    let (rows, cols) = (data.rows(), data.columns().len());

    // Keep the focus inside the table when rows or columns go away.
    {
        let mut i = inner.borrow_mut();
        i.focus = (i.focus.0.min(rows.saturating_sub(1)), i.focus.1.min(cols.saturating_sub(1)));
        if i.editing.as_ref().is_some_and(|ed| ed.r >= rows || ed.c >= cols) {
            i.editing = None;
        }
    }

    // Entries that did not parse are kept across pages (unsaved.rs): take back this grid's, and keep those of
    // what it showed before (another period) under that one's key.
    let drafts_key = props.drafts_key.clone().unwrap_or_else(|| props.testid.clone()).to_string();
    {
        let mut i = inner.borrow_mut();
        if i.drafts_key.as_deref() != Some(drafts_key.as_str()) {
            if let Some(old) = i.drafts_key.take() {
                crate::ui::components::unsaved::put(&old, unsaved_entries(&i.drafts));
            }
            let (row_keys, col_keys): (std::collections::HashSet<_>, std::collections::HashSet<_>) =
                ((0..rows).map(|r| data.row_key(r)).collect(), data.columns().iter().map(|c| c.key.clone()).collect());
            i.drafts = crate::ui::components::unsaved::get(&drafts_key)
                .into_iter()
                .filter(|e| row_keys.contains(&e.row) && col_keys.contains(&e.col))
                .map(|e| ((e.row, e.col), Draft { text: e.text, problem: e.problem }))
                .collect();
            i.drafts_key = Some(drafts_key.clone());
        }
    }
    {
        let (inner, key) = (inner.clone(), drafts_key.clone());
        use_effect(move || {
            let entries = unsaved_entries(&inner.borrow().drafts);
            crate::ui::components::unsaved::put(&key, entries);
        });
    }
    // Keyboard focus entering the grid brings the whole grid and its detail line into view (a press of the
    // mouse does not scroll the page under the pointer).
    let pressed = use_mut_ref(|| false);

    // After each render: move DOM focus where the keyboard went, and measure the scrolling box.
    {
        let (inner, scroll) = (inner.clone(), scroll.clone());
        let (data_for_effect, update_for_effect, data_rows_cols) = (data.clone(), update.clone(), (rows, cols));
        use_effect(move || {
            let Some(root) = scroll.cast::<web_sys::HtmlElement>() else { return };
            let mut i = inner.borrow_mut();
            i.patching = false;
            let (rows, cols) = data_rows_cols;
            if i.measured_row == 0.0 {
                let row = root.query_selector("tbody tr[aria-rowindex]").ok().flatten();
                let px = row.and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()).map_or(0, |r| r.offset_height());
                if px > 0 {
                    i.measured_row = f64::from(px);
                    if windowed(rows, cols) && i.measured_row != ROW_PX {
                        drop(i);
                        update_for_effect.force_update();
                        return;
                    }
                }
            }
            if i.head_px == 0.0 {
                let head = root.query_selector("thead").ok().flatten();
                i.head_px = head
                    .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
                    .map_or(0.0, |h| f64::from(h.offset_height()));
            }
            if i.height == 0.0 || i.width == 0.0 {
                i.height = f64::from(root.client_height()).max(ROW_PX * 10.0);
                i.width = f64::from(root.client_width()).max(HEAD_PX + COL_PX * 4.0);
                if windowed(rows, cols) && Window::of(&*data_for_effect, &i) != i.window {
                    drop(i);
                    update_for_effect.force_update();
                    return;
                }
            }
            // The keyboard focus stays on the grid itself (the cell is its active descendant) or, while a cell is
            // edited, on the cell's input. Give it back when a render took it away.
            let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
            let lost = i.has_focus && !active.as_ref().is_some_and(|a| root.contains(Some(a)));
            if !(i.want_focus || lost) {
                return;
            }
            i.want_focus = false;
            let editing = i.editing.as_mut().map(|ed| std::mem::take(&mut ed.all));
            drop(i);
            if editing.is_some_and(|all| focus_input(&root, None, all)) {
                return;
            }
            if !active.as_ref().is_some_and(|a| a == root.unchecked_ref::<web_sys::Element>()) {
                let _ = root.focus();
            }
        });
    }

    let ops = Ops {
        inner: inner.clone(),
        update: update.clone(),
        data: data.clone(),
        on_commit: props.on_commit.clone(),
        on_history: props.on_history.clone(),
        on_activate: props.on_activate.clone(),
        scroll: scroll.clone(),
    };

    let onkeydown = {
        let ops = ops.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Typing (also after a click) brings the grid and its detail line wholly into view.
            show_whole(&ops.scroll);
            ops.keydown(e)
        })
    };
    let onfocusin = {
        let ops = ops.clone();
        let pressed = pressed.clone();
        Callback::from(move |e: FocusEvent| {
            let entering = !ops.inner.borrow().has_focus;
            ops.inner.borrow_mut().has_focus = true;
            let by_mouse = std::mem::take(&mut *pressed.borrow_mut());
            let _ = e;
            if entering && !by_mouse {
                show_whole(&ops.scroll);
            }
        })
    };
    // A press on a cell makes it the active cell (the grid takes the focus: it is the cell's focusable ancestor).
    let onmousedown = {
        let ops = ops.clone();
        let pressed = pressed.clone();
        Callback::from(move |e: MouseEvent| {
            *pressed.borrow_mut() = true;
            let Some((r, c, _)) = cell_of(e.target()) else { return };
            let changed = ops.inner.borrow().focus != (r, c);
            if changed {
                ops.inner.borrow_mut().focus = (r, c);
                ops.update.force_update();
            }
        })
    };
    let onfocusout = {
        let ops = ops.clone();
        Callback::from(move |e: FocusEvent| {
            let to = e.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let inside =
                ops.scroll.cast::<web_sys::Element>().is_some_and(|root| to.is_some_and(|n| root.contains(Some(&n))));
            {
                let mut i = ops.inner.borrow_mut();
                if !inside && !i.patching {
                    i.has_focus = false;
                }
            }
            let is_input = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some();
            if !is_input {
                return;
            }
            // Leaving the cell being edited commits it (an invalid text stays in it, marked). Only the input of
            // the cell being edited: an input removed by a render (its editing over) is in no cell any more.
            let of_edit = |ed: &Editing| cell_of(e.target()).is_some_and(|(r, c, _)| (r, c) == (ed.r, ed.c));
            if !ops.inner.borrow().editing.as_ref().is_some_and(of_edit) {
                return;
            }
            let Some(ed) = ops.inner.borrow_mut().editing.take() else { return };
            ops.commit_cell(ed.r, ed.c, ed.text);
            crate::ui::state::end_typing();
            ops.update.force_update();
        })
    };
    let oninput = {
        let ops = ops.clone();
        Callback::from(move |e: InputEvent| {
            let at = cell_of(e.target()).map(|(r, c, _)| (r, c));
            let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            match ops.inner.borrow_mut().editing.as_mut() {
                // The input of the cell being edited (not one a render is about to remove).
                Some(ed) if at == Some((ed.r, ed.c)) => ed.text = value,
                _ => return,
            }
            ops.commit_live();
            ops.update.force_update();
        })
    };
    let onclick = {
        let ops = ops.clone();
        Callback::from(move |e: MouseEvent| {
            let Some((r, c, el)) = cell_of(e.target()) else { return };
            match ops.kind(c) {
                ColKind::Action => ops.on_activate.emit((r, c)),
                ColKind::Flag if el.closest(".mx-toggle").ok().flatten().is_some() => ops.toggle(r, c),
                _ => {}
            }
        })
    };
    let ondblclick = {
        let ops = ops.clone();
        Callback::from(move |e: MouseEvent| {
            let Some((r, c, _)) = cell_of(e.target()) else { return };
            if ops.kind(c) == ColKind::Edit && ops.inner.borrow().editing.is_none() {
                ops.inner.borrow_mut().focus = (r, c);
                ops.start_edit(None);
            }
        })
    };
    let onpaste = {
        let ops = ops.clone();
        Callback::from(move |e: Event| {
            let Some(text) = clipboard_text(&e) else { return };
            let editing = ops.inner.borrow().editing.is_some();
            if editing && !text.contains(['\t', '\n', '\r']) {
                // One value into the text being typed: the input takes it.
                return;
            }
            e.prevent_default();
            if editing {
                ops.inner.borrow_mut().editing = None;
            }
            ops.paste(&text);
        })
    };
    let oncopy = {
        let ops = ops.clone();
        Callback::from(move |e: Event| {
            if ops.inner.borrow().editing.is_some() {
                return;
            }
            let (r, c) = ops.inner.borrow().focus;
            if r < ops.data.rows() && c < ops.data.columns().len() {
                let text = ops.data.cell(r, c).text;
                if set_clipboard_text(&e, &text) {
                    e.prevent_default();
                }
            }
        })
    };
    let onscroll = {
        let ops = ops.clone();
        Callback::from(move |e: Event| {
            let el = e.target_unchecked_into::<web_sys::Element>();
            let mut i = ops.inner.borrow_mut();
            i.top = f64::from(el.scroll_top());
            i.height = f64::from(el.client_height());
            i.left = f64::from(el.scroll_left());
            i.width = f64::from(el.client_width());
            let (rows, cols) = ops.size();
            if windowed(rows, cols) && Window::of(&*ops.data, &i) != i.window {
                drop(i);
                ops.update.force_update();
            }
        })
    };

    // What to render: every row and column, or in a big table those in view.
    let mut i = inner.borrow_mut();
    i.patching = true;
    let windowed = windowed(rows, cols);
    let win = if windowed { Window::of(&*data, &i) } else { Window { rows: (0, rows), cols: (0, cols) } };
    i.window = win;
    let i = &*i;
    let columns = data.columns();
    let focus = i.focus;
    let (first, last) = win.rows;
    let (c0, c1) = win.cols;
    let pad_left: f64 = columns[..c0].iter().map(|c| c.width).sum();
    let pad_right: f64 = columns[c1..].iter().map(|c| c.width).sum();
    let pads = (pad_left > 0.0, pad_right > 0.0);
    let total_width = HEAD_PX + columns.iter().map(|c| c.width).sum::<f64>();
    let id_prefix = AttrValue::from(format!("mx-{}", props.testid));
    let active_id = (focus.0 >= first && focus.0 < last && focus.1 >= c0 && focus.1 < c1)
        .then(|| format!("{id_prefix}-{}-{}", focus.0, focus.1));
    let row_views = (first..last).map(|r| {
        let row_label = data.row_label(r);
        let cells: Vec<CellRender> = (c0..c1)
            .map(|c| {
                let col = &columns[c];
                let focused = focus == (r, c);
                let editing = i.editing.as_ref().filter(|ed| (ed.r, ed.c) == (r, c)).map(|ed| {
                    let problem = if ed.text == ed.original {
                        None
                    } else {
                        data.parse(r, c, &ed.text).err().map(|k| AttrValue::from(kind_message(&k, lang)))
                    };
                    (AttrValue::from(ed.text.clone()), problem)
                });
                let draft = if i.drafts.is_empty() {
                    None
                } else {
                    i.drafts
                        .get(&(data.row_key(r), col.key.clone()))
                        .map(|d| (AttrValue::from(d.text.clone()), AttrValue::from(kind_message(&d.problem, lang))))
                };
                CellRender {
                    view: data.cell(r, c),
                    kind: col.kind,
                    numeric: col.numeric,
                    group_start: col.group.is_some(),
                    focused,
                    editing,
                    draft,
                    aria: AttrValue::from(format!("{} · {}", row_label, col.label)),
                }
            })
            .collect();
        html! {
            <MxRow key={data.row_key(r).to_string()} r={r} header={data.row_header(r)} class={data.row_class(r)}
                attrs={data.row_attrs(r)} cells={Rc::new(cells)} c0={c0} pads={pads} aria_row={r + 2}
                id_prefix={id_prefix.clone()} />
        }
    });
    let footer = data.footer();

    // The line under the table: where the focus is and what is known about it.
    let detail = (rows > 0 && cols > 0).then(|| {
        let (r, c) = focus;
        let key = (data.row_key(r), columns[c].key.clone());
        let problem = match &i.editing {
            Some(ed) if (ed.r, ed.c) == (r, c) && ed.text != ed.original => data.parse(r, c, &ed.text).err(),
            Some(_) => None,
            None => i.drafts.get(&key).map(|d| d.problem.clone()),
        };
        let actions = data.actions(r, c);
        html! {
            <div class="mx-detail" data-testid={format!("{}-detail", props.testid)}>
                <span class="mx-where">{ data.row_label(r) }{" · "}{ columns[c].label.clone() }</span>
                if let Some(p) = problem {
                    <span class="mx-error" role="alert" data-testid={format!("{}-error", props.testid)}>
                        {"✖ "}{ TMat::NotSaved.get(lang) }{ lang.colon() }{ kind_message(&p, lang) }
                    </span>
                } else {
                    <span class="mx-info">{ data.detail(r, c) }</span>
                }
                { for actions.into_iter().map(|a| {
                    let run = a.run.clone();
                    let title = a.key.map(|(_, name)| format!("{} ({name})", a.label));
                    html! {
                        <button type="button" class="small" data-testid={a.testid} title={title}
                            onclick={Callback::from(move |_| run.emit(()))}>{ a.label.clone() }</button>
                    }
                }) }
            </div>
        }
    });

    let invalid_count = i.drafts.len();
    let report = i.report.clone();
    let row_px = i.row_px();
    let spacer = |n: usize| {
        (n > 0).then(|| html! { <tr class="mx-spacer" aria-hidden="true" style={format!("height:{}px", n as f64 * row_px)}></tr> })
    };
    let discard_all = {
        let ops = ops.clone();
        Callback::from(move |_: MouseEvent| {
            let mut i = ops.inner.borrow_mut();
            i.drafts.clear();
            i.editing = None;
            drop(i);
            ops.update.force_update();
        })
    };
    let close_report = {
        let ops = ops.clone();
        Callback::from(move |_| {
            ops.inner.borrow_mut().report = None;
            ops.update.force_update();
        })
    };

    html! {
        <div class="mx" {onkeydown} {onfocusin} {onfocusout} {onmousedown} {oninput} {onclick} {ondblclick} {onpaste} {oncopy}>
            <p class="mx-keys muted">{ TMat::KeysHint.get(lang) }</p>
            if invalid_count > 0 {
                <p class="mx-invalid-count" role="status" data-testid={format!("{}-invalid", props.testid)}>
                    {"✖ "}{ invalid_count }{" "}{ TMat::InvalidCells.get(lang) }
                    {" "}<button type="button" class="small" onclick={discard_all} title={TLay::DiscardAllHint.get(lang)}
                        data-testid={format!("{}-discard", props.testid)}>{ TLay::DiscardAll.get(lang) }</button>
                </p>
            }
            if let Some(rep) = report {
                { report_view(&rep, lang, close_report) }
            }
            <div class={classes!("table-wrap", "mx-scroll", windowed.then_some("mx-windowed"))} ref={scroll} {onscroll}
                tabindex="0" role="grid" aria-label={props.label.clone()} aria-activedescendant={active_id}
                aria-rowcount={(rows + 1).to_string()} aria-colcount={(cols + 1).to_string()}
                data-testid={format!("{}-grid", props.testid)}>
                <table class="data matrix mx-table" role="presentation"
                    style={format!("width:{total_width}px")} data-testid={props.testid.clone()}>
                    <thead role="rowgroup">
                        <tr role="row" aria-rowindex="1">
                            <th role="columnheader" class="mx-corner" style={format!("width:{HEAD_PX}px")}>{ props.corner.clone() }</th>
                            if pads.0 { <th class="mx-pad" aria-hidden="true" style={format!("width:{pad_left}px")}></th> }
                            { for columns[c0..c1].iter().enumerate().map(|(k, col)| html! {
                                <th role="columnheader" title={col.title.clone()} data-col={col.key.clone()}
                                    aria-colindex={(c0 + k + 2).to_string()} style={format!("width:{}px", col.width)}
                                    class={classes!(col.numeric.then_some("num"), col.group.is_some().then_some("mx-group-start"))}>
                                    if let Some(g) = &col.group { <div class="mx-group">{ g.clone() }</div> }
                                    { col.header.clone() }
                                </th>
                            }) }
                            if pads.1 { <th class="mx-pad" aria-hidden="true" style={format!("width:{pad_right}px")}></th> }
                        </tr>
                    </thead>
                    <tbody role="rowgroup">
                        { for spacer(first) }
                        { for row_views }
                        { for spacer(rows - last) }
                    </tbody>
                    if !footer.is_empty() {
                        <tfoot role="rowgroup">
                            { for footer.into_iter().map(|f| {
                                let mut tr = html! {
                                    <tr role="row" class={f.class}>
                                        <th role="rowheader" class="mx-rowhead">{ f.header }</th>
                                        if pads.0 { <td class="mx-pad" aria-hidden="true"></td> }
                                        { for f.cells.into_iter().enumerate().filter(|(c, _)| (c0..c1).contains(c)).map(|(c, h)| html! {
                                            <td role="gridcell" class={classes!(columns[c].numeric.then_some("num"), columns[c].group.is_some().then_some("mx-group-start"))}>{ h }</td>
                                        }) }
                                        if pads.1 { <td class="mx-pad" aria-hidden="true"></td> }
                                    </tr>
                                };
                                add_attributes(&mut tr, &f.attrs);
                                tr
                            }) }
                        </tfoot>
                    }
                </table>
            </div>
            { for detail }
        </div>
    }
}

/// Scrolls the page the least needed for the matrix (`.mx`: the grid and its detail line) to be wholly in view
/// (its `scroll-margin` keeps it clear of the status line); nothing moves when it already is.
fn show_whole(scroll: &NodeRef) {
    let Some(mx) = scroll.cast::<web_sys::Element>().and_then(|el| el.parent_element()) else { return };
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"block".into(), &"nearest".into());
    if let Ok(f) = js_sys::Reflect::get(&mx, &"scrollIntoView".into()) {
        let _ = f.unchecked_into::<js_sys::Function>().call1(&mx, &opts);
    }
}

/// The drafts as the app-wide list of unsaved entries (`unsaved.rs`).
fn unsaved_entries(drafts: &HashMap<(AttrValue, AttrValue), Draft>) -> Vec<crate::ui::components::unsaved::Entry> {
    let mut out: Vec<_> = drafts
        .iter()
        .map(|((row, col), d)| crate::ui::components::unsaved::Entry {
            row: row.clone(),
            col: col.clone(),
            text: d.text.clone(),
            problem: d.problem.clone(),
        })
        .collect();
    out.sort_by(|a, b| (a.row.as_str(), a.col.as_str()).cmp(&(b.row.as_str(), b.col.as_str())));
    out
}

/// Whether a table of this size renders only what is in view.
fn windowed(rows: usize, cols: usize) -> bool {
    rows * cols > WINDOW_CELLS
}

/// The rows and columns rendered (half-open ranges).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Window {
    rows: (usize, usize),
    cols: (usize, usize),
}

impl Window {
    /// What is in view of the scrolling box (with a margin), from its scroll position and size.
    fn of(data: &dyn MatrixData, i: &Inner) -> Window {
        let rows = data.rows();
        let height = if i.height > 0.0 { i.height } else { 800.0 };
        let row_px = i.row_px();
        let first = ((i.top / row_px).floor() as usize).saturating_sub(OVERSCAN_ROWS).min(rows);
        let last = ((((i.top + height) / row_px).ceil() as usize) + OVERSCAN_ROWS).min(rows);
        let columns = data.columns();
        let width = if i.width > 0.0 { i.width } else { 1200.0 };
        let (lo, hi) = (i.left, i.left + (width - HEAD_PX).max(COL_PX));
        let mut x = 0.0;
        let (mut c0, mut c1) = (columns.len(), 0);
        for (c, col) in columns.iter().enumerate() {
            if x + col.width > lo && x < hi {
                c0 = c0.min(c);
                c1 = c + 1;
            }
            x += col.width;
        }
        if c0 > c1 {
            (c0, c1) = (0, columns.len().min(1));
        }
        let c0 = c0.saturating_sub(OVERSCAN_COLS);
        let c1 = (c1 + OVERSCAN_COLS).min(columns.len());
        Window { rows: (first, last.max(first)), cols: (c0, c1.max(c0)) }
    }
}

/// What a paste did: how many cells were pasted, and each cell that was not, with where it was and why.
fn report_view(rep: &Report, lang: Lang, close: Callback<MouseEvent>) -> Html {
    let bad = !rep.bad.is_empty();
    html! {
        <div class={classes!("mx-report", bad.then_some("mx-report-bad"))} role="status" data-testid="paste-report">
            <div class="mx-report-head">
                <strong data-testid="paste-summary">
                    { TMat::Pasted.get(lang) }{" "}{ rep.pasted }
                    if bad { {"；"}{ TMat::NotPasted.get(lang) }{" "}{ rep.bad.len() } }
                    if rep.readonly > 0 { {"；"}{ TMat::ReadOnlySkipped.get(lang) }{" "}{ rep.readonly } }
                    if rep.outside > 0 { {"；"}{ TMat::OutsideSkipped.get(lang) }{" "}{ rep.outside } }
                </strong>
                <button type="button" class="icon" onclick={close} aria-label={TMat::Close.get(lang)}
                    data-testid="paste-report-close">{"×"}</button>
            </div>
            if bad {
                <p class="mx-report-note">{ TMat::LeftUnchanged.get(lang) }</p>
                <ul class="problems">
                    { for rep.bad.iter().map(|b| html! {
                        <li data-testid="paste-problem" data-r={b.r.to_string()} data-c={b.c.to_string()}>
                            <strong>{ b.row.clone() }{" · "}{ b.col.clone() }</strong>
                            { format!(" ({} {}, {} {})", TMat::Row.get(lang), b.r + 1, TMat::Column.get(lang), b.c + 1) }
                            {"：«"}{ b.text.clone() }{"» "}{ kind_message(&b.problem, lang) }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}
