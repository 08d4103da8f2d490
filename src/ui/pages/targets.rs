//! Targets: every derived target (branch × quantitative indicator) with its breakdown base × k × f, the
//! overrides, and the motivation check (class, p, μ, σ, suggested target). Numbers are the engine's.

use std::collections::HashMap;

use yew::prelude::*;

use crate::engine::{MotivationClass, TargetRow};
use crate::i18n::{Lang, T};
use crate::model::{Direction, Scenario};
use crate::ui::format::{fixed, percent, plain};
use crate::ui::hooks::{use_app, use_lang, use_results};

/// The class's word in the UI language.
pub fn class_word(c: MotivationClass, lang: Lang) -> &'static str {
    match c {
        MotivationClass::TooEasy => T::TooEasy.get(lang),
        MotivationClass::Motivating => T::Motivating.get(lang),
        MotivationClass::OutOfReach => T::OutOfReach.get(lang),
        MotivationClass::Unknown => T::Unknown.get(lang),
    }
}

/// The class's icon, so that nothing depends on colour alone.
pub fn class_icon(c: MotivationClass) -> &'static str {
    match c {
        MotivationClass::TooEasy => "▽",
        MotivationClass::Motivating => "◎",
        MotivationClass::OutOfReach => "△",
        MotivationClass::Unknown => "?",
    }
}

/// The breakdown of a target in one line, e.g. "10 × 1.2 × 0.967 = 11.6 → 12".
fn breakdown_text(s: &Scenario, t: &TargetRow, lang: Lang) -> String {
    let q = s.indicator(&t.indicator).and_then(|i| i.quantitative());
    let b = &t.breakdown;
    let (op, exact) = match q.map(|q| q.direction) {
        Some(Direction::Lower) => ("÷", b.base * b.k / b.f),
        _ => ("×", b.base * b.k * b.f),
    };
    let decimals = q.map_or(1, |q| q.decimals as usize);
    let mut text = format!(
        "{} {} × k {} {} f {} = {} → {}",
        T::BaseTarget.get(lang),
        plain(b.base),
        plain(b.k),
        op,
        fixed(b.f, 4),
        fixed(exact, 4),
        fixed(b.derived, decimals)
    );
    if b.overridden {
        text.push_str(&format!("；{} {}", T::Overridden.get(lang), plain(b.target)));
    }
    let m = &t.motivation;
    if let (Some(p), Some(mu), Some(sigma)) = (m.p, m.mu, m.sigma) {
        text.push_str(&format!(
            "\n{}：p = {}，μ = {}，σ = {}；{} {}",
            class_word(m.class, lang),
            fixed(p, 3),
            fixed(mu, 2),
            fixed(sigma, 2),
            T::SuggestedTarget.get(lang),
            m.suggested.map(plain).unwrap_or_default()
        ));
    } else {
        text.push_str(&format!("\n{}", T::UnknownHint.get(lang)));
    }
    text
}

#[function_component(TargetsPage)]
pub fn targets_page() -> Html {
    let state = use_app();
    let lang = use_lang();
    let results = use_results();
    let s = state.scenario().clone();
    let quantitative: Vec<_> = s.indicators.iter().filter(|i| i.quantitative().is_some()).collect();
    let by_cell: HashMap<(&str, &str), &TargetRow> =
        results.targets.iter().map(|t| ((t.branch.as_str(), t.indicator.as_str()), t)).collect();

    if quantitative.is_empty() || s.branches.is_empty() {
        return html! {
            <section>
                <h2>{ T::NavTargets.get(lang) }</h2>
                <p class="empty">{ T::NoTargets.get(lang) }</p>
            </section>
        };
    }

    let classes =
        [MotivationClass::TooEasy, MotivationClass::Motivating, MotivationClass::OutOfReach, MotivationClass::Unknown];
    html! {
        <section>
            <div class="page-head">
                <h2>{ T::NavTargets.get(lang) }</h2>
            </div>
            <p class="muted">{ T::TargetsHint.get(lang) }</p>
            <ul class="legend">
                { for classes.iter().map(|c| html! {
                    <li class={classes!("mot", format!("mot-{}", c.as_str()))}>{ class_icon(*c) }{" "}{ class_word(*c, lang) }</li>
                }) }
                <li class="overridden-mark">{"✎ "}{ T::Overridden.get(lang) }</li>
            </ul>
            <div class="table-wrap">
                <table class="data matrix" data-testid="targets-table">
                    <thead>
                        <tr>
                            <th>{ T::BranchName.get(lang) }</th>
                            { for quantitative.iter().map(|i| {
                                let q = i.quantitative().expect("filtered");
                                let dir = match q.direction { Direction::Higher => "↑", Direction::Lower => "↓" };
                                html! { <th class="num" title={i.id.clone()}>{ i.name.clone() }<div class="unit">{ dir }{" "}{ q.unit.clone() }</div></th> }
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for s.branches.iter().map(|b| html! {
                            <tr>
                                <td class="name">{ b.name.clone() }</td>
                                { for quantitative.iter().map(|i| {
                                    let decimals = i.quantitative().map_or(1, |q| q.decimals as usize);
                                    match by_cell.get(&(b.id.as_str(), i.id.as_str())) {
                                        Some(t) => {
                                            let m = &t.motivation;
                                            html! {
                                                <td class={classes!("num", "cell", format!("mot-{}", m.class.as_str()), t.breakdown.overridden.then_some("overridden"))}
                                                    title={breakdown_text(&s, t, lang)} tabindex="0"
                                                    data-testid="target-cell" data-branch={b.id.clone()} data-indicator={i.id.clone()}
                                                    data-class={m.class.as_str()}>
                                                    if t.breakdown.overridden { <span class="overridden-mark" aria-label={T::Overridden.get(lang)}>{"✎"}</span> }
                                                    <span class="value">{ if t.breakdown.overridden { plain(t.breakdown.target) } else { fixed(t.breakdown.target, decimals) } }</span>
                                                    <span class="mot-tag">{ class_icon(m.class) }{" "}{ m.p.map(percent).unwrap_or_default() }</span>
                                                </td>
                                            }
                                        }
                                        None => html! { <td class="num">{"—"}</td> },
                                    }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                    <tfoot>
                        { for classes.iter().map(|c| html! {
                            <tr class="summary">
                                <th class={classes!("mot", format!("mot-{}", c.as_str()))}>{ class_icon(*c) }{" "}{ class_word(*c, lang) }</th>
                                { for quantitative.iter().map(|i| {
                                    let n = results.targets.iter().filter(|t| t.indicator == i.id && t.motivation.class == *c).count();
                                    html! { <td class="num">{ n }</td> }
                                }) }
                            </tr>
                        }) }
                    </tfoot>
                </table>
            </div>
        </section>
    }
}
