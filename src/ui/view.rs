//! Shared view pieces written once, without the `html!` macro.
//!
//! The macro expands every element, attribute and listener inline where it is used, so a table written out
//! in `html!` costs its code once per page and once per column. The pieces here are plain, non-generic
//! functions: a page describes its columns ([`Col`]) and builds its cells with [`td`], and the same code
//! draws every table. Rows that act (click, keys) take one listener on the table body, which finds the row
//! from the event (`data-*` attributes), instead of one closure per row and button.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::html::{onclick, onfocusin, onkeydown};
use yew::prelude::*;
use yew::virtual_dom::{AttributeOrProperty, Attributes, VTag, VText};

/// An element `name` with the attributes `keys` (a `None` value leaves that attribute out) and one child.
pub fn tag(name: &'static str, keys: &'static [&'static str], values: Vec<Option<AttrValue>>, child: Html) -> VTag {
    let mut t = VTag::new(AttrValue::Static(name));
    t.set_attributes(Attributes::Dynamic {
        keys,
        values: values.into_iter().map(|v| v.map(AttributeOrProperty::Attribute)).collect(),
    });
    t.add_child(child);
    t
}

/// A text node.
pub fn text(s: AttrValue) -> Html {
    Html::VText(VText::new(s))
}

/// Children in order.
pub fn list(children: Vec<Html>) -> Html {
    Html::VList(Rc::new(yew::virtual_dom::VList::with_children(children, None)))
}

fn some(s: &'static str) -> Option<AttrValue> {
    (!s.is_empty()).then_some(AttrValue::Static(s))
}

/// `<name class=…>child</name>` (no class attribute when `class` is empty).
pub fn el(name: &'static str, class: &'static str, child: Html) -> Html {
    tag(name, &["class"], vec![some(class)], child).into()
}

/// A table cell with its text; `class` "num" aligns numbers, "" for none.
pub fn td(class: &'static str, s: String) -> Html {
    el("td", class, text(AttrValue::from(s)))
}

/// A table cell with a `data-testid`.
pub fn td_id(class: &'static str, testid: &'static str, child: Html) -> Html {
    tag("td", &["class", "data-testid"], vec![some(class), some(testid)], child).into()
}

/// A column of a table: its header (a translated word, with an optional symbol as a small second line and
/// an optional title) and the class of its header cell.
pub struct Col {
    pub word: &'static str,
    /// "num" for a column of numbers, "" otherwise.
    pub class: &'static str,
    pub title: Option<&'static str>,
    /// A symbol shown under the word (F, I, …), "" for none.
    pub sym: &'static str,
    /// Only for screen readers (a column of row buttons).
    pub hidden: bool,
}

impl Col {
    pub fn new(word: &'static str, class: &'static str) -> Col {
        Col { word, class, title: None, sym: "", hidden: false }
    }
    /// A column of numbers with a title and a symbol line.
    pub fn sym(word: &'static str, sym: &'static str, title: &'static str) -> Col {
        Col { word, class: "num", title: Some(title), sym, hidden: false }
    }
    /// A column named only for screen readers.
    pub fn hidden(word: &'static str) -> Col {
        Col { word, class: "", title: None, sym: "", hidden: true }
    }
}

/// The `<thead>` of columns; `scope` adds `scope="col"` to each header cell.
pub fn head(cols: &[Col], scope: bool) -> Html {
    head_row(th_cells(cols, scope))
}

/// A `<thead>` of one row of header cells.
pub fn head_row(cells: Vec<Html>) -> Html {
    el("thead", "", el("tr", "", list(cells)))
}

/// The header cells of columns.
pub fn th_cells(cols: &[Col], scope: bool) -> Vec<Html> {
    cols.iter()
        .map(|c| {
            let content = if !c.sym.is_empty() {
                list(vec![el("span", "th-word", text(c.word.into())), el("span", "th-sym", text(c.sym.into()))])
            } else if c.hidden {
                el("span", "sr-only", text(c.word.into()))
            } else {
                text(c.word.into())
            };
            tag(
                "th",
                &["scope", "class", "title"],
                vec![scope.then_some(AttrValue::Static("col")), some(c.class), c.title.map(AttrValue::Static)],
                content,
            )
            .into()
        })
        .collect()
}

/// `<div class="table-wrap"><table class=… data-testid=…>head body</table></div>`.
pub fn table(class: &'static str, testid: &'static str, head: Html, body: Html) -> Html {
    el("div", "table-wrap", bare_table(class, testid, head, body))
}

/// `<table class=… data-testid=…>head body</table>`.
pub fn bare_table(class: &'static str, testid: &'static str, head: Html, body: Html) -> Html {
    tag("table", &["class", "data-testid"], vec![some(class), some(testid)], list(vec![head, body])).into()
}

/// A `<thead>` of plain header cells.
pub fn head_words(words: &[&'static str]) -> Html {
    head_row(words.iter().map(|w| el("th", "", text(AttrValue::Static(w)))).collect())
}

/// A row of text cells (`class` "" for none), each cell with its class and text.
pub fn text_row(class: &'static str, cells: Vec<(&'static str, String)>) -> Html {
    el("tr", class, list(cells.into_iter().map(|(c, s)| td(c, s)).collect()))
}

/// A `<tbody>` of rows.
pub fn body(rows: Vec<Html>) -> Html {
    el("tbody", "", list(rows))
}

/// A `<tbody>` whose rows act through one set of listeners (each optional).
pub fn body_with(
    rows: Vec<Html>,
    click: Option<Callback<MouseEvent>>,
    keydown: Option<Callback<KeyboardEvent>>,
    focusin: Option<Callback<FocusEvent>>,
) -> Html {
    let mut t = tag("tbody", &[], Vec::new(), list(rows));
    if let Some(cb) = click {
        t.add_listener(Rc::new(onclick::Wrapper::new(cb)));
    }
    if let Some(cb) = keydown {
        t.add_listener(Rc::new(onkeydown::Wrapper::new(cb)));
    }
    if let Some(cb) = focusin {
        t.add_listener(Rc::new(onfocusin::Wrapper::new(cb)));
    }
    t.into()
}

/// The `data-<attr>` of the nearest element around an event's target that has one (the row or button
/// that was acted on), with that element.
pub fn data_of(e: &Event, attr: &str) -> Option<(web_sys::HtmlElement, String)> {
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let at = el.closest(&format!("[data-{attr}]")).ok()??;
    let v = at.get_attribute(&format!("data-{attr}"))?;
    Some((at.dyn_into().ok()?, v))
}

/// A button in a row that acts through its table's listener: `data-act` names what it does (see
/// [`action_of`]); `label` is its `aria-label` (none: its text names it).
#[allow(clippy::too_many_arguments)]
pub fn act_button(
    class: &'static str,
    act: &'static str,
    testid: &'static str,
    label: Option<String>,
    title: Option<&'static str>,
    disabled: bool,
    content: &'static str,
) -> Html {
    tag(
        "button",
        &["class", "data-act", "disabled", "data-testid", "aria-label", "title"],
        vec![
            some(class),
            some(act),
            disabled.then_some(AttrValue::Static("disabled")),
            some(testid),
            label.map(AttrValue::from),
            title.map(AttrValue::Static),
        ],
        text(AttrValue::Static(content)),
    )
    .into()
}

/// A list row's edit (or rename: `act` `first`, worded `first_word`) and delete buttons, each labelled
/// "<its word> <name>" so a screen reader names the row; `editing` disables the first.
pub fn edit_delete(
    name: &str,
    (first, first_testid, first_word, editing): (&'static str, &'static str, &'static str, bool),
    (delete_testid, delete_word): (&'static str, &'static str),
) -> Vec<Html> {
    vec![
        act_button("ghost small", first, first_testid, Some(format!("{first_word} {name}")), None, editing, first_word),
        act_button(
            "ghost small danger",
            "delete",
            delete_testid,
            Some(format!("{delete_word} {name}")),
            None,
            false,
            delete_word,
        ),
    ]
}

/// The last cell of a list row, holding its buttons.
pub fn actions_cell(buttons: Vec<Html>) -> Html {
    el("td", "row-actions", list(buttons))
}

/// A list row `<tr data-testid=testid data-id=id>` of `cells` (the caller keys it where its list is keyed).
pub fn id_row(testid: &'static str, id: &str, cells: Vec<Html>) -> VTag {
    tag("tr", &["data-testid", "data-id"], vec![some(testid), Some(AttrValue::from(id.to_string()))], list(cells))
}

/// The button acted on (its `data-act`) and the `data-id` of the row around it; `None` for a click
/// elsewhere or on a disabled button.
pub fn action_of(e: &MouseEvent) -> Option<(String, String)> {
    action_in(e, "data-id")
}

/// The button acted on (its `data-act`) and the attribute `row_attr` of the nearest element around it that
/// has one; `None` for a click elsewhere or on a disabled button.
pub fn action_in(e: &MouseEvent, row_attr: &str) -> Option<(String, String)> {
    let (button, act) = data_of(e, "act")?;
    if button.has_attribute("disabled") {
        return None;
    }
    let row = button.closest(&format!("[{row_attr}]")).ok()??;
    Some((act, row.get_attribute(row_attr)?))
}

/// A grade as its badge: `<span class="grade-badge" data-grade=n>n</span>`.
pub fn grade_badge(n: u32) -> Html {
    let t = n.to_string();
    tag("span", &["class", "data-grade"], vec![Some("grade-badge".into()), Some(t.clone().into())], text(t.into()))
        .into()
}
