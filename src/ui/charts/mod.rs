//! The app's charts, drawn as SVG by the app itself (no chart library). Every chart is a [`figure`]: the picture
//! (`role="img"`, named by its `<title>` through `aria-labelledby`, described by its `<desc>`), a visible legend
//! and a data table with the chart's numbers (a `<details>` "数据表 / Data table", readable by screen readers and
//! by anyone who wants the figures). The pieces written once here: the frame, the axes, the legend and the table.
//! The geometry (scales, ticks, curves, flows) is plain Rust in [`crate::charts_geom`], tested natively.
//!
//! * [`curve`] — an indicator's scoring curve, controllable and elastic side by side (§2, 刚性与弹性);
//! * [`ladder`] — the grade ladder with the flows between consecutive cycles (§8);
//! * [`motivation`] — branches × indicators coloured by p (§9);
//! * [`tau`] — the sensitivity sweep's τ-b against the parameter's value.
//!
//! The tier bar (results page), the grade paths (grades page) and the Monte Carlo bars (simulation) use the
//! frame, legend and table too.

pub mod curve;
pub mod ladder;
pub mod motivation;
pub mod tau;

use std::fmt::Write;

use yew::prelude::*;

use crate::charts_geom::Scale;
use crate::i18n::pages::TChart;
use crate::i18n::{number, Lang};

/// A coordinate with one decimal, for SVG attributes.
pub fn c(v: f64) -> AttrValue {
    let mut s = String::new();
    let _ = write!(s, "{v:.1}");
    AttrValue::from(s)
}

/// A legend entry: the swatch's CSS class, an optional inline style (a colour computed from a number) and the
/// words.
pub struct Key {
    pub class: &'static str,
    pub style: Option<String>,
    pub text: String,
}

impl Key {
    pub fn new(class: &'static str, text: impl Into<String>) -> Key {
        Key { class, style: None, text: text.into() }
    }
}

/// The visible legend.
pub fn legend(keys: Vec<Key>) -> Html {
    html! {
        <ul class="chart-legend">
            { for keys.into_iter().map(|k| html! {
                <li><span class={classes!("key", k.class)} style={k.style} aria-hidden="true"></span>{ k.text }</li>
            }) }
        </ul>
    }
}

/// The chart's numbers as a table, in a disclosure under the chart (`data-testid="chart-data"`).
pub fn data_table(head: Vec<String>, rows: Vec<Vec<String>>, lang: Lang) -> Html {
    html! {
        <details class="chart-data">
            <summary>{ TChart::DataTable.get(lang) }</summary>
            { crate::ui::components::paging::plain_table(&head, &rows) }
        </details>
    }
}

/// An SVG picture `w × h` (viewBox units; it scales with its box) named by `title` and described by `desc`.
pub fn svg(id: &str, class: &'static str, (w, h): (f64, f64), title: &str, desc: &str, body: Html) -> Html {
    let (t, d) = (format!("{id}-t"), format!("{id}-d"));
    html! {
        <svg class={classes!("chart-svg", class)} viewBox={format!("0 0 {w:.0} {h:.0}")} role="img" style={format!("--w: {w:.0}px")}
            aria-labelledby={t.clone()} aria-describedby={d.clone()} preserveAspectRatio="xMidYMid meet">
            <title id={t}>{ title.to_string() }</title>
            <desc id={d}>{ desc.to_string() }</desc>
            { body }
        </svg>
    }
}

/// A chart with its heading, picture, legend and data table (`data-chart` names the kind for tests). The legend
/// follows the picture, except for the Monte Carlo distributions (`dist`), whose picture is a table that may
/// scroll: there the legend comes first, so that it is read before the bars it explains.
pub fn figure(kind: &'static str, heading: Option<&str>, picture: Html, legend: Html, table: Html) -> Html {
    let (first, second) = if kind == "dist" { (legend, picture) } else { (picture, legend) };
    html! {
        <figure class={classes!("chart", format!("chart-{kind}"))} data-chart={kind}>
            if let Some(h) = heading { <figcaption class="chart-title">{ h.to_string() }</figcaption> }
            { first }
            { second }
            { table }
        </figure>
    }
}

/// A horizontal axis at height `y`: its line, ticks with their values, and its label under them.
pub fn axis_x(x: &Scale, ticks: &[f64], y: f64, label: &str) -> Html {
    html! {
        <g class="axis">
            <line x1={c(x.r0)} x2={c(x.r1)} y1={c(y)} y2={c(y)} />
            { for ticks.iter().map(|t| html! {
                <>
                    <line x1={c(x.at(*t))} x2={c(x.at(*t))} y1={c(y)} y2={c(y + 5.0)} />
                    <text x={c(x.at(*t))} y={c(y + 18.0)} text-anchor="middle">{ number(*t) }</text>
                </>
            }) }
            <text class="axis-label" x={c((x.r0 + x.r1) / 2.0)} y={c(y + 36.0)} text-anchor="middle">{ label.to_string() }</text>
        </g>
    }
}

/// A vertical axis at `x`: its line, ticks with their values and light gridlines to `x_end`, and its label
/// above it.
pub fn axis_y(y: &Scale, ticks: &[f64], x: f64, x_end: f64, label: &str) -> Html {
    html! {
        <g class="axis">
            { for ticks.iter().map(|t| html! {
                <>
                    <line class="grid" x1={c(x)} x2={c(x_end)} y1={c(y.at(*t))} y2={c(y.at(*t))} />
                    <text x={c(x - 6.0)} y={c(y.at(*t) + 4.5)} text-anchor="end">{ number(*t) }</text>
                </>
            }) }
            <line x1={c(x)} x2={c(x)} y1={c(y.r0)} y2={c(y.r1)} />
            <text class="axis-label" x={c(x - 6.0)} y={c(y.r1.min(y.r0) - 10.0)} text-anchor="start">{ label.to_string() }</text>
        </g>
    }
}

/// An SVG path through `points` (already in picture coordinates).
pub fn polyline(points: impl Iterator<Item = (f64, f64)>) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.enumerate() {
        let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { 'M' } else { 'L' });
    }
    d
}
