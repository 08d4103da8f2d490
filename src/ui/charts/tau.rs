//! The sensitivity chart: Kendall's τ-b between the ranking at each swept value and the current ranking, against
//! the parameter's value, with labelled axes, the values written at the points and the current value marked.

use yew::prelude::*;

use super::{axis_x, axis_y, c, data_table, figure, legend, polyline, svg, Key};
use crate::charts_geom::{ticks, Scale};
use crate::engine::SweepResult;
use crate::i18n::pages::TChart;
use crate::i18n::{number, Lang};
use crate::ui::format::fixed;

pub fn tau_chart(r: &SweepResult, parameter: &str, lang: Lang) -> Html {
    let pts: Vec<(f64, f64)> = r.steps.iter().filter_map(|s| s.tau.map(|t| (s.value, t))).collect();
    if pts.len() < 2 {
        return html! {};
    }
    let t = |x: TChart| x.get(lang);
    let (x0, x1) = (r.steps.first().map_or(0.0, |s| s.value), r.steps.last().map_or(1.0, |s| s.value));
    let (lo, hi) = (x0.min(x1).min(r.current), x0.max(x1).max(r.current));
    let xs = Scale::new(lo, hi, 72.0, 610.0);
    // τ-b is in −1..1; the axis starts a little under the lowest value so that small moves show.
    let low = pts.iter().map(|p| p.1).fold(1.0_f64, f64::min);
    let y0 = (((low - 0.05) * 10.0).floor() / 10.0).clamp(-1.0, 0.9);
    let ys = Scale::new(y0, 1.0, 228.0, 44.0);
    // Every value written when they fit, else about ten of them.
    let every = pts.len().div_ceil(12).max(1);
    let body = html! {
        <>
            { axis_y(&ys, &ticks(y0, 1.0, 6), 72.0, 610.0, t(TChart::TauAxis)) }
            { axis_x(&xs, &ticks(lo, hi, 7), 236.0, parameter) }
            <line class="current" x1={c(xs.at(r.current))} x2={c(xs.at(r.current))} y1={c(ys.r1 - 4.0)} y2={c(ys.r0)} />
            <text class="mark" x={c(xs.at(r.current) + 4.0)} y={c(ys.r0 - 8.0)}>{ t(TChart::CurrentValue) }{" "}{ number(r.current) }</text>
            <path class="curve" d={polyline(pts.iter().map(|(v, tau)| (xs.at(*v), ys.at(*tau))))} />
            { for pts.iter().enumerate().map(|(i, (v, tau))| html! {
                <g class="dot">
                    <circle cx={c(xs.at(*v))} cy={c(ys.at(*tau))} r="4.5" />
                    if i % every == 0 || i + 1 == pts.len() {
                        <text x={c(xs.at(*v))} y={c(ys.at(*tau) + if *tau > 0.7 { 20.0 } else { -10.0 })} text-anchor="middle">{ fixed(*tau, 2) }</text>
                    }
                </g>
            }) }
        </>
    };
    let rows =
        r.steps.iter().map(|s| vec![fixed(s.value, 3), s.tau.map_or_else(|| "—".into(), |t| fixed(t, 3))]).collect();
    let title = format!("{}{}{}", t(TChart::TauTitle), lang.colon(), parameter);
    figure(
        "tau",
        None,
        svg("tau-chart", "tau-svg", (640.0, 290.0), &title, t(TChart::TauLine), body),
        legend(vec![Key::new("k-curve", t(TChart::TauLine)), Key::new("k-current", t(TChart::CurrentValue))]),
        data_table(vec![parameter.to_string(), "τ-b".to_string()], rows, lang),
    )
}
