//! The motivation map (METHOD.md §9, 激发性): branches as rows, quantitative indicators as columns, each cell
//! coloured by p, the probability of reaching the target, with the class's icon and p written in it (nothing
//! depends on colour alone). The legend gives the classes' limits from the settings.

use std::collections::HashMap;

use yew::prelude::*;

use super::{c, data_table, figure, legend, svg, Key};
use crate::charts_geom::p_colour;
use crate::engine::{MotivationClass, Results};
use crate::i18n::pages::TChart;
use crate::i18n::{number, Lang, T};
use crate::model::Scenario;
use crate::ui::format::fixed;
use crate::ui::pages::targets::{class_icon, class_word};

const LEFT: f64 = 214.0;
const CELL_W: f64 = 100.0;
const CELL_H: f64 = 30.0;
const TOP: f64 = 96.0;

fn fill(p: f64, hard: f64, easy: f64) -> String {
    let (h, l) = p_colour(p, hard, easy);
    format!("hsl({h:.0} 60% {l:.0}%)")
}

pub fn motivation_map(s: &Scenario, r: &Results, lang: Lang) -> Html {
    let m = &s.settings.motivation;
    let cols: Vec<&crate::model::Indicator> = s.indicators.iter().filter(|i| i.quantitative().is_some()).collect();
    if cols.is_empty() || s.branches.is_empty() {
        return html! {};
    }
    let t = |x: TChart| x.get(lang);
    // One look-up table for every cell (a search of the whole list per cell grew with the square of the cells:
    // seconds at 1,000 branches). The first row of a branch × indicator wins, as a search from the front did.
    let mut by_cell: HashMap<(&str, &str), crate::engine::Motivation> = HashMap::with_capacity(r.targets.len());
    for x in &r.targets {
        by_cell.entry((x.branch.as_str(), x.indicator.as_str())).or_insert(x.motivation);
    }
    let cell = |b: &str, i: &str| by_cell.get(&(b, i)).copied();
    let (w, h) = (LEFT + CELL_W * cols.len() as f64 + 40.0, TOP + CELL_H * s.branches.len() as f64 + 4.0);
    let text_of = |mo: &crate::engine::Motivation| match mo.p {
        Some(p) => format!("{} {}", class_icon(mo.class), fixed(p, 2)),
        None => class_icon(MotivationClass::Unknown).to_string(),
    };
    let body = html! {
        <>
            { for cols.iter().enumerate().map(|(j, i)| {
                let (cx, cy) = (LEFT + CELL_W * j as f64 + 20.0, TOP - 8.0);
                html! {
                    <text class="col-head" x={c(cx)} y={c(cy)} transform={format!("rotate(-28 {cx:.1} {cy:.1})")}>{ i.name.clone() }</text>
                }
            }) }
            { for s.branches.iter().enumerate().map(|(k, b)| {
                let y = TOP + CELL_H * k as f64;
                html! {
                    <g class="map-row">
                        <text class="row-head" x={c(LEFT - 8.0)} y={c(y + CELL_H / 2.0 + 5.0)} text-anchor="end">{ b.name.clone() }</text>
                        { for cols.iter().enumerate().map(|(j, i)| {
                            let x = LEFT + CELL_W * j as f64;
                            let mo = cell(&b.id, &i.id);
                            let (style, label, class) = match mo {
                                Some(mo) if mo.p.is_some() => (Some(format!("fill: {}", fill(mo.p.unwrap_or(0.0), m.hard_below, m.easy_above))), text_of(&mo), mo.class.as_str()),
                                Some(mo) => (None, text_of(&mo), "unknown"),
                                None => (None, "—".to_string(), "unknown"),
                            };
                            html! {
                                <g class={classes!("cell", class)}>
                                    <rect x={c(x + 1.0)} y={c(y + 1.0)} width={c(CELL_W - 2.0)} height={c(CELL_H - 2.0)} rx="3" style={style} />
                                    <text x={c(x + CELL_W / 2.0)} y={c(y + CELL_H / 2.0 + 5.0)} text-anchor="middle">{ label }</text>
                                </g>
                            }
                        }) }
                    </g>
                }
            }) }
        </>
    };
    let rows = s
        .branches
        .iter()
        .map(|b| {
            let mut row = vec![b.name.clone()];
            for i in &cols {
                row.push(match cell(&b.id, &i.id) {
                    Some(mo) => match mo.p {
                        Some(p) => format!("{} {}", fixed(p, 3), class_word(mo.class, lang)),
                        None => class_word(mo.class, lang).to_string(),
                    },
                    None => "—".to_string(),
                });
            }
            row
        })
        .collect();
    let mut head = vec![T::BranchName.get(lang).to_string()];
    head.extend(cols.iter().map(|i| i.name.clone()));
    let (hard, easy) = (number(m.hard_below), number(m.easy_above));
    let key = |class: MotivationClass, p: f64, limits: String| Key {
        class: "k-cell",
        style: Some(format!("background: {}", fill(p, m.hard_below, m.easy_above))),
        text: format!("{} {} {}", class_icon(class), class_word(class, lang), limits),
    };
    let keys = vec![
        key(MotivationClass::OutOfReach, m.hard_below / 2.0, t(TChart::Below).replace("{}", &hard)),
        key(
            MotivationClass::Motivating,
            (m.hard_below + m.easy_above) / 2.0,
            t(TChart::Between).replacen("{}", &hard, 1).replacen("{}", &easy, 1),
        ),
        key(MotivationClass::TooEasy, (m.easy_above + 1.0) / 2.0, t(TChart::Above).replace("{}", &easy)),
        Key::new("k-unknown", format!("{} {}", class_icon(MotivationClass::Unknown), t(TChart::NoHistory))),
    ];
    html! {
        <div class="motivation-map" data-testid="motivation-map">
            { figure(
                "motivation",
                Some(t(TChart::MotTitle)),
                svg("motivation-map", "map-svg", (w, h), t(TChart::MotTitle), t(TChart::MotHint), body),
                legend(keys),
                data_table(head, rows, lang),
            ) }
            <p class="muted small">{ t(TChart::MotHint) }</p>
        </div>
    }
}
