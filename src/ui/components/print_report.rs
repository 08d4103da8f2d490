//! The printed report of a period (打印报告): what the results page adds for paper. On screen these blocks are
//! hidden; in print (styles/print.css) the navigation, buttons and editing chrome go, and the page becomes an A4
//! report: scenario and period in the header, the ranking with every column, tiers and consequences (the
//! ranking's columns and the tier bar), the grade changes of the cycle the period belongs to, and the settings
//! used, as an appendix. A branch chosen for "why" prints on a page of its own (得分由来).

use std::collections::{HashMap, HashSet};

use yew::prelude::*;

use crate::engine::Results;
use crate::i18n::pages::method::sections;
use crate::i18n::pages::{TDemo, TGr};
use crate::i18n::{Lang, T};
use crate::model::Scenario;
use crate::report::tier_word;
use crate::ui::format::fixed;

/// The report's header: scenario and period.
pub fn head(s: &Scenario, period: &str, lang: Lang) -> Html {
    let name = s.periods.iter().find(|p| p.id == period).map_or(period.to_string(), |p| p.name.clone());
    html! {
        <header class="print-only print-head" data-testid="print-head">
            <div>{ T::AppTitle.get(lang) }{" · "}{ TDemo::Print.get(lang) }</div>
            <h1>{ s.name.clone() }{" · "}{ name }</h1>
        </header>
    }
}

/// The grade changes of the cycle that holds `period`, and the settings used. `only`: the branches of the
/// ranking's page shown, when the ranking is paged (a long list prints the page on screen, see `crate::paging`).
pub fn appendix(s: &Scenario, r: &Results, period: &str, only: Option<&HashSet<&str>>, lang: Lang) -> Html {
    let cycle = r.cycles.iter().find(|c| c.periods.iter().any(|p| p == period));
    let names: HashMap<&str, &str> = s.branches.iter().map(|b| (b.id.as_str(), b.name.as_str())).collect();
    html! {
        <div class="print-only print-appendix">
            if let Some(c) = cycle {
                <section class="print-cycle">
                    <h2>{ TGr::Cycle.get(lang).replace("{}", &c.cycle.to_string()) }{" · "}
                        { if c.complete { TGr::Complete.get(lang) } else { TGr::InProgress.get(lang) } }</h2>
                    { cycle_table(s, c, only, &names, lang) }
                </section>
            }
            <section class="print-settings">
                <h2>{ T::NavSettings.get(lang) }</h2>
                { for sections(&s.settings, lang).into_iter().map(|(h, b)| html! { <><h3>{ h }</h3><p>{ b }</p></> }) }
            </section>
        </div>
    }
}

/// The cycle's grade changes as a plain table of text.
fn cycle_table(
    s: &Scenario,
    c: &crate::engine::CycleResult,
    only: Option<&HashSet<&str>>,
    names: &HashMap<&str, &str>,
    lang: Lang,
) -> Html {
    use crate::ui::view::{bare_table, body, head, text_row};
    let cols = crate::ui::pages::grades::cycle_cols(lang);
    let rows = c
        .rows
        .iter()
        .filter(|row| only.is_none_or(|o| o.contains(row.branch.as_str())))
        .map(|row| {
            text_row(
                "",
                vec![
                    ("", names.get(row.branch.as_str()).map_or(row.branch.clone(), |n| n.to_string())),
                    ("num", fixed(row.score, 2)),
                    ("", tier_word(row.tier, lang).to_string()),
                    ("num", row.warnings.to_string()),
                    ("", format!("{} → {}", row.grade_before, row.grade_after)),
                    ("", crate::ui::pages::grades::reason_text(row.reason, &s.settings.grades, lang)),
                ],
            )
        })
        .collect();
    bare_table("data compact", "", head(&cols, false), body(rows))
}
