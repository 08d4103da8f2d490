//! Long lists in pages of rows (see [`crate::paging`]): [`use_paging`] keeps the page shown, [`Pager`] moves
//! between pages, [`OnRequest`] draws a large picture only when asked, [`LazyTable`] builds a long data table
//! only when its `<details>` is opened. Below the thresholds all of them show everything at once, as before.
//!
//! Keyboard: the pager's buttons are ordinary buttons (Tab, Enter, Space); at the first or last page they are
//! `aria-disabled` rather than disabled, so the focus stays on them; the page select jumps to any page. The
//! rows shown are said in words ("第 1–100 行，共 1,000 行"), announced politely when they change.

use yew::prelude::*;

use crate::i18n::pages::paging::{page_text, rows_text};
use crate::i18n::pages::TPage;
use crate::i18n::Lang;
use crate::paging::{grouped, Paging, PAGED_ABOVE};

/// The page of a list of `total` rows shown, and a callback that shows another.
#[hook]
pub fn use_paging(total: usize) -> (Paging, Callback<usize>) {
    let page = use_state(|| 0usize);
    let paging = Paging::new(total, *page);
    let set = {
        let page = page.clone();
        Callback::from(move |n: usize| page.set(n))
    };
    (paging, set)
}

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub paging: Paging,
    pub on_page: Callback<usize>,
    /// What the rows are, for the accessible name ("排名", "第 2 周期").
    pub label: AttrValue,
    pub testid: AttrValue,
    pub lang: Lang,
}

/// "« 首页 ‹ 上一页 [第 2 页，共 10 页 ▾] 下一页 › 末页 »  第 101–200 行，共 1,000 行"; nothing when not paged.
#[function_component(Pager)]
pub fn pager(p: &PagerProps) -> Html {
    let paging = p.paging;
    if !paging.paged() {
        return html! {};
    }
    let lang = p.lang;
    let (page, last) = (paging.page, paging.pages() - 1);
    let go = |to: usize, off: bool| {
        let on_page = p.on_page.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if !off {
                on_page.emit(to);
            }
        })
    };
    let button = |text: String, to: usize, off: bool, testid: &'static str, class: &'static str| {
        html! {
            <button type="button" class={classes!("ghost", "small", class)} onclick={go(to, off)}
                aria-disabled={off.to_string()} data-testid={testid}>{ text }</button>
        }
    };
    let onchange = {
        let on_page = p.on_page.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Ok(n) = v.parse::<usize>() {
                on_page.emit(n);
            }
        })
    };
    let t = |x: TPage| x.get(lang);
    html! {
        <nav class="pager" aria-label={format!("{}{}{}", p.label, lang.colon(), t(TPage::Paging))} data-testid={p.testid.clone()}
            data-page={page.to_string()} data-pages={paging.pages().to_string()}
            data-from={paging.rows().start.to_string()} data-to={paging.rows().end.to_string()} data-total={paging.total.to_string()}>
            { button(format!("« {}", t(TPage::First)), 0, page == 0, "pager-first", "pager-first") }
            { button(format!("‹ {}", t(TPage::Previous)), page.saturating_sub(1), page == 0, "pager-prev", "pager-prev") }
            <select {onchange} aria-label={t(TPage::Page)} data-testid="pager-select">
                { for (0..=last).map(|k| html! {
                    <option value={k.to_string()} selected={k == page}>{ page_text(k + 1, last + 1, lang) }</option>
                }) }
            </select>
            { button(format!("{} ›", t(TPage::Next)), (page + 1).min(last), page == last, "pager-next", "pager-next") }
            { button(format!("{} »", t(TPage::Last)), last, page == last, "pager-last", "pager-last") }
            <span class="pager-count" aria-live="polite" data-testid="pager-count">{ rows_text(&paging, lang) }</span>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
pub struct OnRequestProps {
    /// How many rows and cells (or marks) the picture has: above [`PAGED_ABOVE`] rows or 10 × as many cells it
    /// waits for the button.
    pub rows: usize,
    pub cells: usize,
    /// The picture's title, named in the note.
    pub title: AttrValue,
    /// Builds the picture (called only when it is to be shown).
    pub draw: Callback<(), Html>,
    pub lang: Lang,
    pub testid: AttrValue,
}

/// A picture drawn at once when it is small, and on request when it is large (thousands of SVG elements
/// would hold the page for seconds when it opens, and lay out again whenever the page does).
#[function_component(OnRequest)]
pub fn on_request(p: &OnRequestProps) -> Html {
    let asked = use_state(|| false);
    if *asked || (p.rows <= PAGED_ABOVE && p.cells <= PAGED_ABOVE * 10) {
        return p.draw.emit(());
    }
    let onclick = {
        let asked = asked.clone();
        Callback::from(move |_| asked.set(true))
    };
    html! {
        <p class="on-request muted" data-testid={p.testid.clone()} data-cells={p.cells.to_string()}>
            { TPage::BigChart.get(p.lang).replace("{title}", &p.title).replace("{n}", &grouped(p.cells)) }{" "}
            <button type="button" class="ghost small" {onclick} data-testid="draw-chart">{ TPage::DrawChart.get(p.lang) }</button>
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct LazyTableProps {
    /// The summary of the `<details>` ("数据表").
    pub summary: AttrValue,
    pub rows: usize,
    /// Builds the table (called when the details are open, or at once for a short table).
    pub build: Callback<(), Html>,
    pub lang: Lang,
}

/// A `<details>` whose long table is built only once it is opened (a short one at once, as before).
#[function_component(LazyTable)]
pub fn lazy_table(p: &LazyTableProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let el = e.target_unchecked_into::<web_sys::Element>();
            open.set(el.has_attribute("open"));
        })
    };
    let build = *open || p.rows <= PAGED_ABOVE;
    html! {
        <details class="chart-data" {ontoggle} open={*open}>
            <summary>{ p.summary.clone() }</summary>
            if build {
                { p.build.emit(()) }
            } else {
                <p class="muted small">{ TPage::BigTable.get(p.lang).replace("{n}", &grouped(p.rows)) }</p>
            }
        </details>
    }
}

/// A data table without its `<details>` (built inside a [`LazyTable`]), with the markup of the charts' tables.
pub fn plain_table(head: &[String], rows: &[Vec<String>]) -> Html {
    use crate::ui::view::{body, el, head_row, list, table, td, text};
    let head = head_row(head.iter().map(|h| el("th", "", text(h.clone().into()))).collect());
    let rows = rows.iter().map(|r| el("tr", "", list(r.iter().map(|v| td("", v.clone())).collect()))).collect();
    table("data compact", "chart-data", head, body(rows))
}
