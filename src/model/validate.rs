//! The rules a scenario must keep (FORMAT.md), shared by the file reader and the editors.
//!
//! Field rules ([`id`], [`name`], [`condition`], …) turn one raw value into a typed one or say what is wrong.
//! [`scenario`] checks what a single field cannot: unique ids, references that exist, actuals that fit their
//! indicator, list lengths. Every problem carries the JSON path of the field.

use std::collections::{HashMap, HashSet};

use super::limits::{self, MAX_COEFFICIENT, MAX_MAGNITUDE};
use super::problem::{index, join, Expected, Problem, ProblemKind};
use super::{
    Actual, Branch, Indicator, IndicatorKind, Measure, OverrideChange, Scenario, TargetPlan, MAX_ID_CHARS,
    MAX_NAME_CHARS,
};

/// An id: non-empty, at most 64 characters, printable: no control, text-direction or invisible character
/// anywhere (two ids that look the same must be the same) and no space at either end.
pub fn id(s: &str) -> Result<(), ProblemKind> {
    if s.trim().is_empty() {
        Err(ProblemKind::Empty)
    } else if s.chars().count() > MAX_ID_CHARS {
        Err(ProblemKind::TooLong { max: MAX_ID_CHARS })
    } else if let Some(c) = s.chars().find(|&c| c.is_control() || is_bidi_control(c) || is_invisible(c)) {
        Err(ProblemKind::BadCharacter { code: c as u32 })
    } else if s.trim() != s {
        Err(ProblemKind::SurroundingSpace)
    } else {
        Ok(())
    }
}

/// A branch, category, indicator, action, period or scenario name: at most 200 characters.
/// Reading: a name must also say something (not empty or blank) — a committee member would never
/// want a nameless branch in a ranking, so import and the editors both refuse it. It must contain a visible
/// character (a name of only U+200B or U+FEFF looks empty), and no control character (a line break, a tab,
/// NUL) or text-direction override (U+202A–U+202E, U+2066–U+2069), which would make a name read differently
/// from what it is.
pub fn name(s: &str) -> Result<(), ProblemKind> {
    if s.trim().is_empty() {
        Err(ProblemKind::Empty)
    } else if s.chars().count() > MAX_NAME_CHARS {
        Err(ProblemKind::TooLong { max: MAX_NAME_CHARS })
    } else if let Some(c) = s.chars().find(|&c| c.is_control() || is_bidi_control(c)) {
        Err(ProblemKind::BadCharacter { code: c as u32 })
    } else if !s.chars().any(is_visible) {
        Err(ProblemKind::NotVisible)
    } else {
        Ok(())
    }
}

/// Text-direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that draw nothing: zero-width spaces and joiners, direction marks, the byte-order mark, soft
/// hyphen, variation selectors, fillers, tags.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// A character that shows: not a space, not a control character, not invisible.
pub fn is_visible(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !is_invisible(c)
}

/// Free text (plan texts, reasons, dimension, unit): at most 2000 characters.
pub fn text(s: &str) -> Result<(), ProblemKind> {
    if s.chars().count() > 2000 {
        Err(ProblemKind::TooLong { max: 2000 })
    } else {
        Ok(())
    }
}

fn range(v: f64, min: Option<f64>, max: Option<f64>) -> Result<f64, ProblemKind> {
    let ok = v.is_finite() && min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m);
    if ok {
        Ok(v)
    } else {
        Err(ProblemKind::OutOfRange { min, max })
    }
}

fn whole(v: f64, min: Option<f64>, max: Option<f64>) -> Result<f64, ProblemKind> {
    if v.is_finite() && v.fract() != 0.0 {
        return Err(ProblemKind::NotInteger);
    }
    range(v, min, max)
}

/// A condition rating: an integer 1..5.
pub fn condition(v: f64) -> Result<u8, ProblemKind> {
    whole(v, Some(1.0), Some(5.0)).map(|v| v as u8)
}

/// A number of party members: an integer ≥ 0.
pub fn members(v: f64) -> Result<u32, ProblemKind> {
    whole(v, Some(0.0), Some(1_000_000.0)).map(|v| v as u32)
}

/// A grade: an integer 1..L.
pub fn grade(v: f64, levels: u32) -> Result<u32, ProblemKind> {
    whole(v, Some(1.0), Some(levels as f64)).map(|v| v as u32)
}

/// An indicator weight (points): ≥ 0.
pub fn weight(v: f64) -> Result<f64, ProblemKind> {
    range(v, Some(0.0), Some(1e6))
}

/// A tolerance band: 0..0.9.
pub fn tolerance(v: f64) -> Result<f64, ProblemKind> {
    range(v, Some(0.0), Some(0.9))
}

/// Decimals of a target: an integer 0..6.
pub fn decimals(v: f64) -> Result<u32, ProblemKind> {
    whole(v, Some(0.0), Some(6.0)).map(|v| v as u32)
}

/// Any finite number within ±10¹² (targets, actuals, history values, adjustment points): see
/// [`limits::MAX_MAGNITUDE`].
pub fn finite(v: f64) -> Result<f64, ProblemKind> {
    range(v, Some(-MAX_MAGNITUDE), Some(MAX_MAGNITUDE))
}

/// A non-negative finite number up to 10¹² (base targets, optional action points).
pub fn non_negative(v: f64) -> Result<f64, ProblemKind> {
    range(v, Some(0.0), Some(MAX_MAGNITUDE))
}

/// A coefficient that multiplies (category coefficient k, grade bonus coefficient): 0..1000.
pub fn coefficient(v: f64) -> Result<f64, ProblemKind> {
    range(v, Some(0.0), Some(MAX_COEFFICIENT))
}

/// A score entered directly (peers, superiors): 0..100.
pub fn score(v: f64) -> Result<f64, ProblemKind> {
    range(v, Some(0.0), Some(100.0))
}

/// A share of the branches (a grade quota, METHOD.md §8): 0..1.
pub fn share(v: f64) -> Result<f64, ProblemKind> {
    range(v, Some(0.0), Some(1.0))
}

/// A ballot count: an integer ≥ 0.
pub fn count(v: f64) -> Result<u32, ProblemKind> {
    whole(v, Some(0.0), Some(100_000_000.0)).map(|v| v as u32)
}

/// `settings.grades.quotas`: `None`, or L entries, each `None` or a share 0..1 (each problem with its path).
pub fn quotas(g: &super::settings::Grades) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(q) = &g.quotas else { return out };
    if q.len() != g.levels as usize {
        out.push(Problem::new("settings.grades.quotas", ProblemKind::WrongLength { expected: g.levels as usize }));
    }
    for (i, v) in q.iter().enumerate() {
        if let Some(Err(kind)) = v.map(share) {
            out.push(Problem::new(index("settings.grades.quotas", i), kind));
        }
    }
    out
}

/// The scenario's ids looked up in constant time, built once per check (so a check is O(n log n) at worst).
struct Ids<'a> {
    indicators: HashMap<&'a str, &'a Indicator>,
    categories: HashSet<&'a str>,
}

impl<'a> Ids<'a> {
    fn of(s: &'a Scenario) -> Ids<'a> {
        Ids {
            indicators: s.indicators.iter().map(|i| (i.id.as_str(), i)).collect(),
            categories: s.categories.iter().map(|c| c.id.as_str()).collect(),
        }
    }
}

/// Checks one branch against the scenario it lives in (or will live in): the editors call this before an
/// edit reaches the model. `index_in_list` is the branch's position (`None` for a new branch), used for the
/// path and to skip itself in the duplicate-id check.
pub fn branch(b: &Branch, scenario: &Scenario, index_in_list: Option<usize>) -> Vec<Problem> {
    let path = index("branches", index_in_list.unwrap_or(scenario.branches.len()));
    let mut out = Vec::new();
    if let Err(kind) = id(&b.id) {
        out.push(Problem::new(join(&path, "id"), kind));
    }
    let dup = scenario.branches.iter().enumerate().any(|(i, other)| Some(i) != index_in_list && other.id == b.id);
    if dup {
        out.push(Problem::new(join(&path, "id"), ProblemKind::Duplicate { id: b.id.clone() }));
    }
    branch_fields(b, scenario, &Ids::of(scenario), &path, &mut out);
    out
}

/// Everything of a branch but its id's uniqueness.
fn branch_fields(b: &Branch, scenario: &Scenario, ids: &Ids<'_>, path: &str, out: &mut Vec<Problem>) {
    let mut push = |field: &str, r: Result<(), ProblemKind>| {
        if let Err(kind) = r {
            out.push(Problem::new(join(path, field), kind));
        }
    };
    push("name", name(&b.name));
    if let Some(c) = &b.category {
        if !ids.categories.contains(c.as_str()) {
            push("category", Err(ProblemKind::Dangling { id: c.clone(), list: "categories" }));
        }
    }
    for (key, v) in [
        ("conditions.infrastructure", b.conditions.infrastructure),
        ("conditions.personnel", b.conditions.personnel),
        ("conditions.circumstances", b.conditions.circumstances),
    ] {
        push(key, condition(v as f64).map(|_| ()));
    }
    push("grade", grade(b.grade as f64, scenario.settings.grades.levels).map(|_| ()));
    for (ind, v) in &b.target_overrides {
        let p = format!("target_overrides.{ind}");
        match ids.indicators.get(ind.as_str()) {
            None => push(&p, Err(ProblemKind::Dangling { id: ind.clone(), list: "indicators" })),
            Some(i) if i.quantitative().is_none() => {
                push(&p, Err(ProblemKind::WrongType { expected: Expected::QuantitativeIndicator }))
            }
            Some(_) => push(&p, finite(*v).map(|_| ())),
        }
    }
    for (ind, values) in &b.history {
        let p = format!("history.{ind}");
        match ids.indicators.get(ind.as_str()) {
            None => push(&p, Err(ProblemKind::Dangling { id: ind.clone(), list: "indicators" })),
            Some(i) if i.quantitative().is_none() => {
                push(&p, Err(ProblemKind::WrongType { expected: Expected::QuantitativeIndicator }))
            }
            Some(_) if values.len() > limits::MAX_HISTORY => {
                push(&p, Err(ProblemKind::TooMany { count: values.len(), max: limits::MAX_HISTORY }))
            }
            Some(_) => {
                for (k, v) in values.iter().enumerate() {
                    push(&format!("{p}[{k}]"), finite(*v).map(|_| ()));
                }
            }
        }
    }
}

/// The target of a quantitative indicator named by a plan (FORMAT.md `target_plans`): the indicator exists, is
/// quantitative, and the value is a number ≥ 0.
fn plan_target(s: &Scenario, indicator: &str, value: Option<f64>) -> Result<(), ProblemKind> {
    match s.indicator(indicator) {
        None => Err(ProblemKind::Dangling { id: indicator.to_string(), list: "indicators" }),
        Some(i) if i.quantitative().is_none() => {
            Err(ProblemKind::WrongType { expected: Expected::QuantitativeIndicator })
        }
        Some(_) => value.map_or(Ok(()), |v| non_negative(v).map(|_| ())),
    }
}

/// Checks one target plan (METHOD.md §1, FORMAT.md `target_plans`) at position `index_in_list` (or a new one at
/// the end): id and name, `from` a period id that no other plan starts at, base targets and overrides of
/// quantitative indicators (numbers ≥ 0), overrides of existing branches. Two plans in one period are reported
/// at the later one's `from` as contradicting the earlier one's.
pub fn target_plan(p: &TargetPlan, s: &Scenario, index_in_list: Option<usize>) -> Vec<Problem> {
    let path = index("target_plans", index_in_list.unwrap_or(s.target_plans.len()));
    let mut out = Vec::new();
    let mut push = |field: &str, r: Result<(), ProblemKind>| {
        if let Err(kind) = r {
            out.push(Problem::new(join(&path, field), kind));
        }
    };
    push("id", id(&p.id));
    // A clash is reported at the later of the two (an edited plan is checked against all the others).
    let other = |i: usize| Some(i) != index_in_list && index_in_list.is_none_or(|me| i < me);
    if s.target_plans.iter().enumerate().any(|(i, o)| other(i) && o.id == p.id) {
        push("id", Err(ProblemKind::Duplicate { id: p.id.clone() }));
    }
    push("name", name(&p.name));
    if s.period_index(&p.from).is_none() {
        push("from", Err(ProblemKind::Dangling { id: p.from.clone(), list: "periods" }));
    } else {
        let earlier = s.target_plans.iter().enumerate().find(|(i, o)| other(*i) && o.from == p.from);
        if let Some((j, _)) = earlier {
            push("from", Err(ProblemKind::Inconsistent { other: format!("target_plans[{j}].from") }));
        }
    }
    for (ind, v) in &p.base_targets {
        push(&format!("base_targets.{ind}"), plan_target(s, ind, Some(*v)));
    }
    for (b, cells) in &p.target_overrides {
        if s.branch(b).is_none() {
            push(&format!("target_overrides.{b}"), Err(ProblemKind::Dangling { id: b.clone(), list: "branches" }));
            continue;
        }
        for (ind, c) in cells {
            let v = match c {
                OverrideChange::Set(v) => Some(*v),
                OverrideChange::Remove => None,
            };
            push(&format!("target_overrides.{b}.{ind}"), plan_target(s, ind, v));
        }
    }
    out
}

/// Every id in `ids` once; the second and later uses of an id are reported at their path.
fn unique<'a>(list: &str, ids: impl Iterator<Item = &'a str>, out: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            out.push(Problem::new(join(&index(list, i), "id"), ProblemKind::Duplicate { id: id.to_string() }));
        }
    }
}

/// Checks what crosses fields: the size limits, unique ids, existing references, actuals of the right sort,
/// setting consistency. Field types and single-field ranges were checked when the file was read.
/// Every lookup goes through a hash set built once, so the check is linear in the size of the scenario.
pub fn scenario(s: &Scenario) -> Vec<Problem> {
    let mut out = limits::check(s);
    unique("categories", s.categories.iter().map(|c| c.id.as_str()), &mut out);
    unique("indicators", s.indicators.iter().map(|c| c.id.as_str()), &mut out);
    unique("optional_actions", s.optional_actions.iter().map(|c| c.id.as_str()), &mut out);
    unique("branches", s.branches.iter().map(|c| c.id.as_str()), &mut out);
    unique("periods", s.periods.iter().map(|c| c.id.as_str()), &mut out);

    let ids = Ids::of(s);
    for (ci, c) in s.categories.iter().enumerate() {
        for ind in c.coefficients.keys() {
            if !ids.indicators.contains_key(ind.as_str()) {
                out.push(Problem::new(
                    format!("categories[{ci}].coefficients.{ind}"),
                    ProblemKind::Dangling { id: ind.clone(), list: "indicators" },
                ));
            }
        }
    }
    for (bi, b) in s.branches.iter().enumerate() {
        // Ids: their rule was checked when read, duplicates above, once per list.
        branch_fields(b, s, &ids, &index("branches", bi), &mut out);
    }

    for (pi, p) in s.target_plans.iter().enumerate() {
        out.extend(target_plan(p, s, Some(pi)));
    }

    let g = &s.settings.grades;
    let l = g.levels as usize;
    for (key, len) in
        [("names", g.names.len()), ("texts", g.texts.len()), ("bonus_coefficients", g.bonus_coefficients.len())]
    {
        if len != l {
            out.push(Problem::new(format!("settings.grades.{key}"), ProblemKind::WrongLength { expected: l }));
        }
    }
    out.extend(quotas(g));
    for (i, &c) in g.bonus_coefficients.iter().enumerate() {
        if let Err(kind) = coefficient(c) {
            out.push(Problem::new(index("settings.grades.bonus_coefficients", i), kind));
        }
    }
    let d = &s.settings.differentiation;
    if d.factor_min > d.factor_max {
        out.push(Problem::new(
            "settings.differentiation.factor_min",
            ProblemKind::Inconsistent { other: "settings.differentiation.factor_max".into() },
        ));
    }

    let branch_ids: HashSet<&str> = s.branches.iter().map(|b| b.id.as_str()).collect();
    let action_ids: HashSet<&str> = s.optional_actions.iter().map(|a| a.id.as_str()).collect();
    for (pi, period) in s.periods.iter().enumerate() {
        for (bid, rec) in &period.records {
            let rp = format!("periods[{pi}].records.{bid}");
            if !branch_ids.contains(bid.as_str()) {
                out.push(Problem::new(rp.clone(), ProblemKind::Dangling { id: bid.clone(), list: "branches" }));
            }
            for (ind, actual) in &rec.actuals {
                // The path is written out only for a problem: most cells have none.
                let ap = || format!("{rp}.actuals.{ind}");
                let Some(indicator) = ids.indicators.get(ind.as_str()) else {
                    out.push(Problem::new(ap(), ProblemKind::Dangling { id: ind.clone(), list: "indicators" }));
                    continue;
                };
                let expected = match &indicator.kind {
                    IndicatorKind::Veto => Some(Expected::VetoEntry),
                    IndicatorKind::Scored(sc) => match (&sc.measure, actual) {
                        (Measure::Quantitative(_), Actual::Number(_)) => None,
                        (Measure::Qualitative, Actual::Level(_)) => None,
                        (Measure::Quantitative(_), Actual::Level(_)) => Some(Expected::Number),
                        (Measure::Qualitative, Actual::Number(_)) => Some(Expected::Level),
                    },
                };
                if let Some(expected) = expected {
                    out.push(Problem::new(ap(), ProblemKind::ActualMismatch { expected }));
                } else if let Actual::Number(v) = actual {
                    if let Err(kind) = finite(*v) {
                        out.push(Problem::new(ap(), kind));
                    }
                }
            }
            for ind in rec.vetoes.keys() {
                let vp = || format!("{rp}.vetoes.{ind}");
                match ids.indicators.get(ind.as_str()) {
                    None => out.push(Problem::new(vp(), ProblemKind::Dangling { id: ind.clone(), list: "indicators" })),
                    Some(i) if !i.is_veto() => {
                        out.push(Problem::new(vp(), ProblemKind::WrongType { expected: Expected::VetoIndicator }))
                    }
                    Some(_) => {}
                }
            }
            if rec.optional_done.len() > limits::MAX_OPTIONAL_ACTIONS {
                out.push(Problem::new(
                    format!("{rp}.optional_done"),
                    ProblemKind::TooMany { count: rec.optional_done.len(), max: limits::MAX_OPTIONAL_ACTIONS },
                ));
            }
            for (k, a) in rec.optional_done.iter().enumerate() {
                if !action_ids.contains(a.as_str()) {
                    out.push(Problem::new(
                        format!("{rp}.optional_done[{k}]"),
                        ProblemKind::Dangling { id: a.clone(), list: "optional_actions" },
                    ));
                }
            }
            if rec.adjustments.len() > limits::MAX_ADJUSTMENTS {
                out.push(Problem::new(
                    format!("{rp}.adjustments"),
                    ProblemKind::TooMany { count: rec.adjustments.len(), max: limits::MAX_ADJUSTMENTS },
                ));
            }
            for (k, a) in rec.adjustments.iter().enumerate() {
                if let Err(kind) = finite(a.points) {
                    out.push(Problem::new(format!("{rp}.adjustments[{k}].points"), kind));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_rules() {
        assert_eq!(condition(3.0), Ok(3));
        assert_eq!(condition(6.0), Err(ProblemKind::OutOfRange { min: Some(1.0), max: Some(5.0) }));
        assert_eq!(condition(2.5), Err(ProblemKind::NotInteger));
        assert_eq!(name("  "), Err(ProblemKind::Empty));
        assert_eq!(id(&"x".repeat(65)), Err(ProblemKind::TooLong { max: 64 }));
        assert!(id(&"党".repeat(64)).is_ok());
        assert_eq!(grade(6.0, 5), Err(ProblemKind::OutOfRange { min: Some(1.0), max: Some(5.0) }));
        assert!(tolerance(0.95).is_err());
        assert!(finite(f64::NAN).is_err());
    }
}
