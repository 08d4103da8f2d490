//! The grade ladder (METHOD.md §8): grades as rows (top grade first), the start and each cycle's end as columns,
//! a box per grade and column with its number of branches, and bands between consecutive columns showing how
//! many branches went from grade g to grade g′ (width and label = the count; promoted, demoted, held).

use yew::prelude::*;

use super::{c, data_table, figure, legend, svg, Key};
use crate::charts_geom::{flows, grade_counts, grade_paths};
use crate::engine::Results;
use crate::i18n::pages::TChart;
use crate::i18n::Lang;
use crate::model::Scenario;

const LEFT: f64 = 132.0;
const COL: f64 = 170.0;
const NODE_W: f64 = 54.0;
const NODE_H: f64 = 34.0;
const ROW: f64 = 60.0;
const TOP: f64 = 48.0;

pub fn grade_ladder(s: &Scenario, r: &Results, lang: Lang) -> Html {
    let g = &s.settings.grades;
    let levels = g.levels.max(1);
    let paths = grade_paths(s, r);
    let flows = flows(&paths);
    let counts = grade_counts(&paths, levels);
    let cols = counts.len();
    if cols < 2 {
        return html! {};
    }
    let t = |x: TChart| x.get(lang);
    let col_name = |k: usize| -> String {
        if k == 0 {
            return t(TChart::StartCol).to_string();
        }
        let mut name = t(TChart::CycleCol).replace("{}", &r.cycles[k - 1].cycle.to_string());
        if !r.cycles[k - 1].complete {
            name.push_str(t(TChart::OpenCol));
        }
        name
    };
    let x = |k: usize| LEFT + COL * k as f64;
    let y = |grade: u32| TOP + ROW * (levels - grade.clamp(1, levels)) as f64;
    let n = s.branches.len().max(1) as f64;
    // Room on the right for the last column's heading ("Cycle 3 (in progress)" is wider than its box).
    let (w, h) = (x(cols - 1) + NODE_W / 2.0 + 90.0, TOP + ROW * levels as f64);
    let kind = |from: u32, to: u32| {
        if to > from {
            "up"
        } else if to < from {
            "down"
        } else {
            "same"
        }
    };

    let body = html! {
        <>
            { for (0..cols).map(|k| html! {
                <text class="col-head" x={c(x(k) + NODE_W / 2.0)} y="20" text-anchor="middle">{ col_name(k) }</text>
            }) }
            { for (1..=levels).map(|grade| html! {
                <text class="row-head" x={c(LEFT - 14.0)} y={c(y(grade) + NODE_H / 2.0 + 5.0)} text-anchor="end">
                    { grade }{" · "}{ g.name(grade) }
                </text>
            }) }
            { for flows.iter().map(|f| {
                let (x1, x2) = (x(f.step) + NODE_W, x(f.step + 1));
                let (y1, y2) = (y(f.from) + NODE_H / 2.0, y(f.to) + NODE_H / 2.0);
                let xm = (x1 + x2) / 2.0;
                let mut d = String::new();
                let _ = std::fmt::Write::write_fmt(&mut d, format_args!("M{x1:.1},{y1:.1} C{xm:.1},{y1:.1} {xm:.1},{y2:.1} {x2:.1},{y2:.1}"));
                html! {
                    <g class={classes!("flow", kind(f.from, f.to))} data-step={f.step.to_string()} data-from={f.from.to_string()}
                        data-to={f.to.to_string()} data-count={f.count.to_string()}>
                        <path d={d} stroke-width={c(3.0 + 20.0 * f.count as f64 / n)} />
                        <text x={c(xm)} y={c((y1 + y2) / 2.0 + 5.0)} text-anchor="middle">{ f.count }</text>
                    </g>
                }
            }) }
            { for (0..cols).flat_map(|k| (1..=levels).map(move |grade| (k, grade))).map(|(k, grade)| {
                let count = counts[k][grade as usize - 1];
                html! {
                    <g class={classes!("node", (count == 0).then_some("empty"))}>
                        <rect x={c(x(k))} y={c(y(grade))} width={c(NODE_W)} height={c(NODE_H)} rx="5" />
                        <text x={c(x(k) + NODE_W / 2.0)} y={c(y(grade) + NODE_H / 2.0 + 6.0)} text-anchor="middle">{ count }</text>
                    </g>
                }
            }) }
        </>
    };
    let grade_word = |grade: u32| format!("{grade} · {}", g.name(grade));
    let rows = flows
        .iter()
        .map(|f| {
            vec![
                format!("{} → {}", col_name(f.step), col_name(f.step + 1)),
                grade_word(f.from),
                grade_word(f.to),
                f.count.to_string(),
            ]
        })
        .collect();
    let head = [TChart::Step, TChart::From, TChart::To, TChart::Count].iter().map(|x| t(*x).to_string()).collect();
    html! {
        <div class="ladder" data-testid="grade-ladder">
            { figure(
                "ladder",
                Some(t(TChart::LadderTitle)),
                svg("ladder", "ladder-svg", (w, h), t(TChart::LadderTitle), t(TChart::LadderHint), body),
                legend(vec![
                    Key::new("k-up", t(TChart::Up)),
                    Key::new("k-down", t(TChart::Down)),
                    Key::new("k-same", t(TChart::Same)),
                    Key::new("k-node", t(TChart::Count)),
                ]),
                data_table(head, rows, lang),
            ) }
            <p class="muted small">{ t(TChart::LadderHint) }</p>
        </div>
    }
}
