//! An indicator's scoring curve (METHOD.md §2, 刚性与弹性): the score fraction s against the actual, scored as a
//! controllable indicator (left) and as an elastic one with the indicator's tolerance (right), the panel of the
//! rule in force framed. Marked: the floor (below it s = 0), the tolerance band (reaching it counts in full),
//! the target, and branches' actuals as dots on both curves (the selected one larger, with its name).

use yew::prelude::*;

use super::{axis_x, axis_y, c, data_table, figure, legend, polyline, svg, Key};
use crate::charts_geom::{curve_extent, curve_marks, curve_points, ticks, Scale};
use crate::engine::scoring::{quantitative_fraction, ratio};
use crate::i18n::pages::TChart;
use crate::i18n::{number, Lang};
use crate::model::{Direction, Flex, IndicatorKind, Measure, Scenario};
use crate::ui::format::fixed;

/// A branch's actual shown on the curve.
pub struct Dot {
    pub name: String,
    pub actual: f64,
    pub selected: bool,
}

const W: f64 = 760.0;
const H: f64 = 300.0;
const TOP: f64 = 52.0;
const BOTTOM: f64 = 238.0;

/// The scoring curve of indicator `k` (nothing for a qualitative or veto indicator) with target `target`.
pub fn scoring_curve(s: &Scenario, k: usize, target: f64, dots: &[Dot], id: &str, lang: Lang) -> Html {
    let Some(ind) = s.indicators.get(k) else { return html! {} };
    let IndicatorKind::Scored(sc) = &ind.kind else { return html! {} };
    let Measure::Quantitative(q) = &sc.measure else { return html! {} };
    let floor = s.settings.scoring.floor_ratio;
    let dir = q.direction;
    let actuals: Vec<f64> = dots.iter().map(|d| d.actual).collect();
    let x_max = curve_extent(dir, target, floor, &actuals);
    let x_ticks = ticks(0.0, x_max, 6);
    let y_ticks = ticks(0.0, 1.0, 6);
    let rules = [(1.0, sc.flex == Flex::Controllable), (1.0 - q.tolerance, sc.flex == Flex::Elastic)];
    let t = |x: TChart| x.get(lang);
    let elastic_name = t(TChart::Elastic).replace("{}", &number(q.tolerance));

    let panels = rules.iter().enumerate().map(|(i, &(divisor, in_force))| {
        let x0 = 62.0 + i as f64 * 385.0;
        let xs = Scale::new(0.0, x_max, x0, x0 + 300.0);
        let ys = Scale::new(0.0, 1.0, BOTTOM, TOP);
        let m = curve_marks(dir, target, divisor, floor);
        let pts = curve_points(dir, target, divisor, floor, x_max, 120);
        let d = polyline(pts.iter().map(|(a, v)| (xs.at(*a), ys.at(*v))));
        let name = if i == 0 { t(TChart::Controllable).to_string() } else { elastic_name.clone() };
        // The band where the elastic rule already gives full marks (between (1 − tol)·T and T).
        let band = (i == 1 && (m.full - target).abs() > 1e-12).then(|| {
            let (a, b) = if m.full < target { (m.full, target) } else { (target, m.full.min(x_max)) };
            html! { <rect class="band" x={c(xs.at(a))} width={c(xs.at(b) - xs.at(a))} y={c(TOP)} height={c(BOTTOM - TOP)} /> }
        });
        let floor_line = (m.zero.is_finite() && m.zero <= x_max).then(|| html! {
            <>
                <line class="floor" x1={c(xs.at(m.zero))} x2={c(xs.at(m.zero))} y1={c(TOP)} y2={c(BOTTOM)} />
                <text class="mark" x={c(xs.at(m.zero))} y={c(BOTTOM - 6.0)} text-anchor={if dir == Direction::Higher { "end" } else { "start" }}>{ fixed(m.zero, 1) }</text>
            </>
        });
        html! {
            <g class={classes!("panel", in_force.then_some("in-force"))}>
                <rect class="frame" x={c(x0 - 56.0)} y="2" width="370" height={c(H - 4.0)} rx="6" />
                <text class="panel-title" x={c(x0 - 46.0)} y="22">
                    { name }{ if in_force { " · ✓ " } else { "" } }{ if in_force { t(TChart::InForce) } else { "" } }
                </text>
                if let Some(b) = band { { b } }
                { axis_y(&ys, &y_ticks, x0, x0 + 300.0, t(TChart::Curve)) }
                { axis_x(&xs, &x_ticks, BOTTOM, t(TChart::Actual)) }
                if let Some(f) = floor_line { { f } }
                <line class="target" x1={c(xs.at(target))} x2={c(xs.at(target))} y1={c(TOP - 4.0)} y2={c(BOTTOM)} />
                <text class="mark" x={c(xs.at(target) + 4.0)} y={c(BOTTOM - 24.0)}>{ "T = " }{ number(target) }</text>
                <path class="curve" d={d} />
                { for dots.iter().filter(|d| d.actual.is_finite()).map(|dot| {
                    let v = quantitative_fraction(ratio(dir, target, dot.actual), divisor, floor);
                    let (cx, cy) = (xs.at(dot.actual.min(x_max)), ys.at(v));
                    html! {
                        <g class={classes!("dot", dot.selected.then_some("selected"))}>
                            <circle cx={c(cx)} cy={c(cy)} r={if dot.selected { "7" } else { "4.5" }} />
                            if dot.selected {
                                <text x={c(cx + if cx > x0 + 200.0 { -10.0 } else { 10.0 })} y={c(if cy < TOP + 30.0 { cy + 22.0 } else { cy - 10.0 })}
                                    text-anchor={if cx > x0 + 200.0 { "end" } else { "start" }}>{ "s = " }{ fixed(v, 3) }</text>
                            }
                        </g>
                    }
                }) }
            </g>
        }
    });

    // The numbers: where each rule gives 0 and full marks, the target, and every dot's s under both rules.
    let mark = |f: fn(&crate::charts_geom::CurveMarks) -> f64, divisor: f64| {
        let v = f(&curve_marks(dir, target, divisor, floor));
        if v.is_finite() {
            fixed(v, 2)
        } else {
            "—".to_string()
        }
    };
    let (zero_word, full_word) = match dir {
        Direction::Higher => (t(TChart::Zero), t(TChart::Full)),
        Direction::Lower => (t(TChart::ZeroFrom), t(TChart::FullUpTo)),
    };
    let mut rows = vec![
        vec![zero_word.to_string(), mark(|m| m.zero, rules[0].0), mark(|m| m.zero, rules[1].0)],
        vec![full_word.to_string(), mark(|m| m.full, rules[0].0), mark(|m| m.full, rules[1].0)],
        vec![t(TChart::TargetMark).to_string(), number(target), number(target)],
    ];
    for dot in dots {
        let s = |divisor| fixed(quantitative_fraction(ratio(dir, target, dot.actual), divisor, floor), 3);
        rows.push(vec![
            format!("{} · {} {}", dot.name, t(TChart::Actual), number(dot.actual)),
            s(rules[0].0),
            s(rules[1].0),
        ]);
    }
    let title = format!("{}{}{}", t(TChart::CurveTitle), lang.colon(), ind.name);
    let mut keys = vec![
        Key::new("k-curve", t(TChart::Curve)),
        Key::new("k-floor", t(TChart::FloorMark)),
        Key::new("k-band", t(TChart::BandMark)),
        Key::new("k-target", t(TChart::TargetMark)),
    ];
    if let Some(sel) = dots.iter().find(|d| d.selected) {
        keys.push(Key::new("k-dot", format!("{}{}{}", t(TChart::Selected), lang.colon(), sel.name)));
    } else if !dots.is_empty() {
        keys.push(Key::new("k-dot", t(TChart::Branches)));
    }
    figure(
        "curve",
        Some(&title),
        svg(id, "curve-svg", (W, H), &title, t(TChart::CurveHint), html! { <>{ for panels }</> }),
        legend(keys),
        data_table(vec![String::new(), t(TChart::Controllable).to_string(), elastic_name], rows, lang),
    )
}
