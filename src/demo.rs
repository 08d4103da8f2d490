//! The guided walk-through (演示模式): one step per principle of the method, each with the page where it lives,
//! a short explanation, and one live change of the built-in sample that a trainer can make and take back.
//!
//! A step's change is a pure function scenario → scenario, and what it moves is read off the engine's results
//! of the scenario before and after ([`moved`]), so every step is tested natively against the sample. The UI
//! runs the walk-through on a copy of the sample; the user's own scenarios are never touched.

use crate::engine::{self, Results};
use crate::i18n::pages::TDemo;
use crate::i18n::{Lang, T};
use crate::model::{Flex, IndicatorKind, Measure, Scenario};
use crate::report::tier_word;

/// One step of the walk-through.
pub struct Step {
    /// The route (`#/…`) of the page where the principle lives.
    pub page: &'static str,
    /// A CSS selector of the numbers the step is about (highlighted on the page).
    pub focus: &'static str,
    pub title: TDemo,
    pub text: TDemo,
    /// What the live change does, in words.
    pub change: TDemo,
    /// The live change (on the sample: it names the sample's branches and indicators).
    pub apply: fn(&mut Scenario),
    /// The numbers the step is about, as (what, value) pairs; [`moved`] compares them before and after.
    pub probe: fn(&Scenario, &Results, Lang) -> Vec<(String, String)>,
}

/// The steps, in the order of the method.
pub const STEPS: [Step; 10] = [
    Step {
        page: "targets",
        focus: "[data-testid=target-row][data-branch=c1b]",
        title: TDemo::T1,
        text: TDemo::X1,
        change: TDemo::C1,
        apply: |s| {
            if let Some(b) = s.branches.iter_mut().find(|b| b.id == "c1b") {
                b.conditions = crate::model::Conditions { infrastructure: 4, personnel: 4, circumstances: 4 };
            }
        },
        probe: targets_of_c1b,
    },
    Step {
        page: "indicators",
        focus: "[data-testid=indicator-row][data-id=innovation]",
        title: TDemo::T2,
        text: TDemo::X2,
        change: TDemo::C2,
        apply: |s| set_indicator(s, "innovation", |q, _| q.tolerance = 0.4),
        probe: |s, r, l| fractions(s, r, l, "innovation"),
    },
    Step {
        page: "targets",
        focus: "[data-testid=targets-table]",
        title: TDemo::T3,
        text: TDemo::X3,
        change: TDemo::C3,
        apply: apply_first_suggestion,
        probe: motivation,
    },
    Step {
        page: "indicators",
        focus: "[data-testid=indicator-row][data-id=tasks]",
        title: TDemo::T4,
        text: TDemo::X4,
        change: TDemo::C4,
        apply: |s| set_indicator(s, "tasks", |_, f| *f = Flex::Elastic),
        probe: |s, r, l| fractions(s, r, l, "tasks"),
    },
    Step {
        page: "results",
        focus: "[data-testid=ranking-table]",
        title: TDemo::T5,
        text: TDemo::X5,
        change: TDemo::C5,
        apply: veto_the_best,
        probe: |s, r, l| per_row(s, r, |row| format!("F {:.2} · {}", row.final_score, tier_word(row.tier, l))),
    },
    Step {
        page: "results",
        focus: "[data-testid=ranking-table]",
        title: TDemo::T6,
        text: TDemo::X6,
        change: TDemo::C6,
        apply: |s| s.settings.evaluation.weight_members = 0.2,
        probe: |s, r, l| {
            per_row(s, r, |row| {
                let e = row.evaluation.map_or("—".into(), |e| format!("{e:.2}"));
                format!("E {e} · {} {}", TDemo::Rank.get(l), row.rank)
            })
        },
    },
    Step {
        page: "results",
        focus: "[data-testid=tier-chart]",
        title: TDemo::T7,
        text: TDemo::X7,
        change: TDemo::C7,
        apply: |s| s.settings.tiers.first_share = 0.4,
        probe: |s, r, l| per_row(s, r, |row| tier_word(row.tier, l).to_string()),
    },
    Step {
        page: "results",
        focus: "[data-testid=ranking-table]",
        title: TDemo::T8,
        text: TDemo::X8,
        change: TDemo::C8,
        apply: |s| s.settings.consequences.tier_coefficients[0] = 2.0,
        probe: |s, r, l| per_row(s, r, |row| format!("{} {}", T::BonusAmount.get(l), row.bonus_amount)),
    },
    Step {
        page: "grades",
        focus: "[data-testid=grade-paths]",
        title: TDemo::T9,
        text: TDemo::X9,
        change: TDemo::C9,
        apply: |s| s.settings.grades.warn_below = 85.0,
        probe: grade_paths,
    },
    Step {
        page: "grades",
        focus: "[data-testid=simulation]",
        title: TDemo::T10,
        text: TDemo::X10,
        change: TDemo::C10,
        apply: |s| s.settings.simulation.veto_probability = 0.2,
        probe: demotion_chances,
    },
];

/// One number that a step's change moved.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    pub what: String,
    pub before: String,
    pub after: String,
}

/// The scenario after step `i`'s change.
pub fn changed(i: usize, before: &Scenario) -> Scenario {
    let mut s = before.clone();
    (STEPS[i].apply)(&mut s);
    s
}

/// The numbers step `i` is about that differ between `before` and `after` (in the probe's order).
pub fn moved(i: usize, before: &Scenario, after: &Scenario, lang: Lang) -> Vec<Moved> {
    let probe = STEPS[i].probe;
    let a = probe(before, &engine::evaluate(before), lang);
    let b = probe(after, &engine::evaluate(after), lang);
    a.into_iter()
        .filter_map(|(what, x)| {
            let y = b.iter().find(|(w, _)| *w == what)?.1.clone();
            (x != y).then_some(Moved { what, before: x, after: y })
        })
        .collect()
}

/// The indicator whose scoring curve (controllable beside elastic) step `i` shows: 自由度 (the tolerance widened)
/// and 刚性与弹性 (an indicator made elastic).
pub fn curve_indicator(i: usize) -> Option<&'static str> {
    match i {
        1 => Some("innovation"),
        3 => Some("tasks"),
        _ => None,
    }
}

/// The branch the curve of `indicator` shows, in the last period: the one whose score fraction the elastic rule
/// raises most over the controllable one (the first in display order on a tie), as (indicator index, branch
/// id, its target, its actual).
pub fn curve_pick(s: &Scenario, r: &Results, indicator: &str) -> Option<(usize, String, f64, f64)> {
    use crate::engine::scoring::{quantitative_fraction, ratio};
    let k = s.indicators.iter().position(|i| i.id == indicator)?;
    let q = s.indicators[k].quantitative()?;
    let floor = s.settings.scoring.floor_ratio;
    let mut best: Option<(f64, (usize, String, f64, f64))> = None;
    for row in &r.periods.last()?.rows {
        let Some(sc) = row.indicators.iter().find(|x| x.indicator == k) else { continue };
        let (Some(t), Some(crate::model::Actual::Number(a))) = (sc.target, sc.actual) else { continue };
        let rr = ratio(q.direction, t, a);
        let gain = quantitative_fraction(rr, 1.0 - q.tolerance, floor) - quantitative_fraction(rr, 1.0, floor);
        if best.as_ref().is_none_or(|(g, _)| gain > *g + 1e-12) {
            best = Some((gain, (k, row.branch.clone(), t, a)));
        }
    }
    best.map(|b| b.1)
}

fn name(s: &Scenario, branch: &str) -> String {
    s.branch(branch).map_or(branch.to_string(), |b| b.name.clone())
}

/// One value per branch of the last period, in display order.
fn per_row(s: &Scenario, r: &Results, f: impl Fn(&engine::PeriodRow) -> String) -> Vec<(String, String)> {
    r.periods.last().map_or(Vec::new(), |p| p.rows.iter().map(|row| (name(s, &row.branch), f(row))).collect())
}

fn set_indicator(s: &mut Scenario, id: &str, f: impl Fn(&mut crate::model::Quantitative, &mut Flex)) {
    if let Some(IndicatorKind::Scored(sc)) = s.indicators.iter_mut().find(|i| i.id == id).map(|i| &mut i.kind) {
        if let Measure::Quantitative(q) = &mut sc.measure {
            f(q, &mut sc.flex);
        }
    }
}

/// The targets of branch c1b with their breakdown `base × k × f`.
fn targets_of_c1b(s: &Scenario, r: &Results, l: Lang) -> Vec<(String, String)> {
    r.targets
        .iter()
        .filter(|t| t.branch == "c1b")
        .map(|t| {
            let ind = s.indicator(&t.indicator).map_or(t.indicator.clone(), |i| i.name.clone());
            let b = &t.breakdown;
            let what = format!("{} · {ind} · {}", name(s, &t.branch), TDemo::Target.get(l));
            (what, format!("{} × {} × {:.3} = {}", b.base, b.k, b.f, b.target))
        })
        .collect()
}

/// Score fraction s of one indicator and the inspection score I, per branch of the last period.
fn fractions(s: &Scenario, r: &Results, l: Lang, id: &str) -> Vec<(String, String)> {
    let Some(k) = s.indicators.iter().position(|i| i.id == id) else { return Vec::new() };
    per_row(s, r, |row| {
        let f = row.indicators.iter().find(|x| x.indicator == k).map_or(0.0, |x| x.fraction);
        format!("s {f:.3} · I {:.2}", row.inspection)
    })
    .into_iter()
    .map(|(n, v)| (format!("{n} · {}", TDemo::Fraction.get(l)), v))
    .collect()
}

/// The first target (branch by branch, indicator by indicator) that is too easy or out of reach and has a
/// suggestion: its suggested target becomes the branch's override.
fn apply_first_suggestion(s: &mut Scenario) {
    let r = engine::evaluate(s);
    let hit = r.targets.iter().find(|t| {
        matches!(t.motivation.class, engine::MotivationClass::TooEasy | engine::MotivationClass::OutOfReach)
            && t.motivation.suggested.is_some()
    });
    if let Some(t) = hit {
        let v = t.motivation.suggested.unwrap_or(t.breakdown.target);
        if let Some(b) = s.branches.iter_mut().find(|b| b.id == t.branch) {
            b.target_overrides.insert(t.indicator.clone(), v);
        }
    }
}

/// Target, p and class of every target.
fn motivation(s: &Scenario, r: &Results, l: Lang) -> Vec<(String, String)> {
    r.targets
        .iter()
        .map(|t| {
            let ind = s.indicator(&t.indicator).map_or(t.indicator.clone(), |i| i.name.clone());
            let m = &t.motivation;
            let class = match m.class {
                engine::MotivationClass::TooEasy => T::TooEasy,
                engine::MotivationClass::Motivating => T::Motivating,
                engine::MotivationClass::OutOfReach => T::OutOfReach,
                engine::MotivationClass::Unknown => T::Unknown,
            };
            let p = m.p.map_or("—".into(), |p| format!("{:.0}%", p * 100.0));
            (format!("{} · {ind}", name(s, &t.branch)), format!("T {} · p {p} · {}", t.breakdown.target, class.get(l)))
        })
        .collect()
}

/// The best branch of the last period fails the first veto indicator in that period.
fn veto_the_best(s: &mut Scenario) {
    let r = engine::evaluate(s);
    let Some(best) = r.periods.last().and_then(|p| p.rows.first()).map(|row| row.branch.clone()) else { return };
    let Some(veto) = s.indicators.iter().find(|i| i.kind == IndicatorKind::Veto).map(|i| i.id.clone()) else {
        return;
    };
    if let Some(rec) = s.periods.last_mut().and_then(|p| p.records.get_mut(&best)) {
        rec.vetoes.insert(veto, true);
    }
}

/// Each branch's grade path over the cycles and its warnings per cycle.
fn grade_paths(s: &Scenario, r: &Results, l: Lang) -> Vec<(String, String)> {
    s.branches
        .iter()
        .map(|b| {
            let mut path = vec![b.grade.to_string()];
            let mut warns = Vec::new();
            for c in r.cycles.iter().filter(|c| c.complete) {
                if let Some(row) = c.rows.iter().find(|x| x.branch == b.id) {
                    path.push(row.grade_after.to_string());
                    warns.push(row.warnings.to_string());
                }
            }
            let v = format!("{} · {} {}", path.join("→"), TDemo::Warnings.get(l), warns.join("/"));
            (format!("{} · {}", b.name, TDemo::Path.get(l)), v)
        })
        .collect()
}

/// Each branch's chance of being demoted at least once, from a Monte Carlo run of at most 300 trials (quick
/// enough to follow the change live).
fn demotion_chances(s: &Scenario, _: &Results, l: Lang) -> Vec<(String, String)> {
    let mut quick = s.clone();
    quick.settings.simulation.trials = quick.settings.simulation.trials.min(300);
    let sim = engine::simulation::simulate(&quick);
    sim.branches
        .iter()
        .map(|o| (format!("{} · {}", name(s, &o.branch), TDemo::Demoted.get(l)), format!("{:.0}%", o.demoted * 100.0)))
        .collect()
}
