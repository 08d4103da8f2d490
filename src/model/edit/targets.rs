//! Edits of target overrides (METHOD.md §1: a branch's `target_overrides[indicator]` replaces the derived target
//! as given) and applying the suggested targets of the motivation check (§9: "one action applies it as the
//! branch's override").
//!
//! The suggestion is computed here, by the engine's pure §9 check on the scenario as it is when the edit is
//! applied, so an applied suggestion is always the one of the data it is applied to.

use super::super::problem::{Expected, Problem, ProblemKind};
use super::super::{validate, Scenario};
use super::plans::{owner_at, set_overrides_in};
use super::records::parse_number;
use super::remove_key;
use crate::engine::motivation::{check, remedy, Remedy};
use crate::engine::targets::{last_period, resolve};
use crate::engine::{Motivation, MotivationClass};

/// What was typed into a target cell: a number is an override, an empty text clears it (back to the derived
/// target).
pub fn parse_override(text: &str) -> Result<Option<f64>, ProblemKind> {
    parse_number(text)?.map(validate::finite).transpose()
}

/// The path of an override, for problems: `branches[2].target_overrides.output`.
fn path(s: &Scenario, branch: &str, indicator: &str) -> String {
    match s.branches.iter().position(|b| b.id == branch) {
        Some(i) => format!("branches[{i}].target_overrides.{indicator}"),
        None => format!("branches.{branch}"),
    }
}

/// The cell (branch, indicator) can hold a target: both exist and the indicator is quantitative.
pub(crate) fn target_cell(s: &Scenario, branch: &str, indicator: &str) -> Result<(), ProblemKind> {
    if s.branch(branch).is_none() {
        return Err(ProblemKind::Dangling { id: branch.to_string(), list: "branches" });
    }
    match s.indicator(indicator) {
        None => Err(ProblemKind::Dangling { id: indicator.to_string(), list: "indicators" }),
        Some(i) if i.quantitative().is_none() => {
            Err(ProblemKind::WrongType { expected: Expected::QuantitativeIndicator })
        }
        Some(_) => Ok(()),
    }
}

fn check_cell(s: &Scenario, branch: &str, indicator: &str, value: Option<f64>) -> Result<(), ProblemKind> {
    target_cell(s, branch, indicator)?;
    value.map_or(Ok(()), |v| validate::finite(v).map(|_| ()))
}

/// Sets or clears (`None`) many overrides as one edit: `(branch id, indicator id, value)`. Everything is checked
/// first (the branch exists, the indicator is quantitative, the value is finite); on any problem nothing changes.
pub fn set_overrides(s: &mut Scenario, cells: &[(String, String, Option<f64>)]) -> Result<(), Vec<Problem>> {
    let problems: Vec<Problem> = cells
        .iter()
        .filter_map(|(b, i, v)| check_cell(s, b, i, *v).err().map(|k| Problem::new(path(s, b, i), k)))
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    for (b, i, v) in cells {
        let branch = s.branches.iter_mut().find(|x| &x.id == b).expect("checked");
        match v {
            Some(v) => {
                branch.target_overrides.insert(i.clone(), if *v == 0.0 { 0.0 } else { *v });
            }
            None => {
                remove_key(&mut branch.target_overrides, i);
            }
        }
    }
    Ok(())
}

/// Sets or clears one override; see [`set_overrides`].
pub fn set_override(s: &mut Scenario, branch: &str, indicator: &str, value: Option<f64>) -> Result<(), Vec<Problem>> {
    set_overrides(s, &[(branch.to_string(), indicator.to_string(), value)])
}

/// The target one click applies to a cell: the §9 suggested target when it is motivating, else the nearest
/// motivating value at the indicator's decimals ([`remedy`]); `None` when the check has no suggestion (class
/// unknown) or no value within reach is motivating.
pub fn suggestion(s: &Scenario, branch: &str, indicator: &str) -> Option<f64> {
    match remedy_of(s, branch, indicator)? {
        Remedy::Target(t) => Some(t),
        Remedy::None { .. } => None,
    }
}

/// What one click can do for a cell ([`remedy`]); `None` for class unknown or an unknown cell.
pub fn remedy_of(s: &Scenario, branch: &str, indicator: &str) -> Option<Remedy> {
    remedy_from(s, indicator, &check(s, branch, indicator)?)
}

/// [`remedy_of`] from a check already made (the results' target rows carry one).
pub fn remedy_from(s: &Scenario, indicator: &str, m: &Motivation) -> Option<Remedy> {
    let q = s.indicator(indicator)?.quantitative()?;
    remedy(q.direction, q.decimals, m.mu?, m.sigma?, &s.settings.motivation)
}

/// Whether a class is one the committee should look at again: too easy or out of reach.
pub fn is_flagged(c: MotivationClass) -> bool {
    matches!(c, MotivationClass::TooEasy | MotivationClass::OutOfReach)
}

/// Every flagged cell (too easy or out of reach) that one click can fix (it has a [`suggestion`]), branches
/// then indicators in the scenario's order.
pub fn fixable_cells(s: &Scenario) -> Vec<(String, String)> {
    flagged_cells(s).into_iter().filter(|(b, i)| suggestion(s, b, i).is_some()).collect()
}

/// Every flagged cell (too easy or out of reach), branches then indicators in the scenario's order.
pub fn flagged_cells(s: &Scenario) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for b in &s.branches {
        for i in s.indicators.iter().filter(|i| i.quantitative().is_some()) {
            if check(s, &b.id, &i.id).is_some_and(|m| is_flagged(m.class)) {
                out.push((b.id.clone(), i.id.clone()));
            }
        }
    }
    out
}

/// Applies the [`suggestion`] of each cell as its override — in the target plan in force in the last period
/// (the scenario's own overrides when there is none), so the periods before that plan keep their scores — as
/// one edit; returns how many overrides changed.
/// A cell without one (fewer than two numbers of history, or no motivating value within reach) is refused with the problem `Missing`, and
/// then nothing changes.
pub fn apply_suggested(s: &mut Scenario, cells: &[(String, String)]) -> Result<usize, Vec<Problem>> {
    let last = last_period(s);
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for (b, i) in cells {
        if let Err(k) = check_cell(s, b, i, None) {
            problems.push(Problem::new(path(s, b, i), k));
            continue;
        }
        match suggestion(s, b, i) {
            Some(v) => {
                let now = resolve(s, b, i, last).filter(|r| r.breakdown.overridden).map(|r| r.breakdown.target);
                if now != Some(v) {
                    changes.push((b.clone(), i.clone(), Some(v)));
                }
            }
            None => problems.push(Problem::new(path(s, b, i), ProblemKind::Missing)),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    set_overrides_in(s, owner_at(s, last), &changes)?;
    Ok(changes.len())
}

/// Applies the suggested target to every flagged cell (too easy or out of reach) that it fixes, as one edit;
/// returns how many overrides changed. Cells no value at the indicator's decimals can fix are left alone.
pub fn apply_suggested_to_flagged(s: &mut Scenario) -> Result<usize, Vec<Problem>> {
    let cells = fixable_cells(s);
    apply_suggested(s, &cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::targets::breakdown;
    use crate::model::sample::sample;

    use crate::model::edit::assert_valid as valid;

    #[test]
    fn parse_overrides() {
        assert_eq!(parse_override(" 12.5 "), Ok(Some(12.5)));
        assert_eq!(parse_override(""), Ok(None), "nothing typed clears the override");
        assert_eq!(parse_override("-3"), Ok(Some(-3.0)));
        assert_eq!(parse_override("x"), Err(ProblemKind::WrongType { expected: Expected::Number }));
    }

    #[test]
    fn set_and_clear_an_override() {
        let mut s = sample();
        let b = s.branches[0].id.clone();
        let derived = breakdown(&s, &b, "tasks").unwrap().derived;
        set_override(&mut s, &b, "tasks", Some(derived + 3.0)).unwrap();
        let t = breakdown(&s, &b, "tasks").unwrap();
        assert!(t.overridden);
        assert_eq!(t.target, derived + 3.0);
        valid(&s);
        set_override(&mut s, &b, "tasks", None).unwrap();
        let t = breakdown(&s, &b, "tasks").unwrap();
        assert!(!t.overridden);
        assert_eq!(t.target, derived);
        valid(&s);
    }

    #[test]
    fn refused_overrides_change_nothing() {
        let mut s = sample();
        let b = s.branches[0].id.clone();
        let before = s.clone();
        let cells = vec![
            (b.clone(), "tasks".to_string(), Some(5.0)),
            (b.clone(), "meetings".to_string(), Some(5.0)),
            (b.clone(), "tasks".to_string(), Some(f64::INFINITY)),
            ("ghost".to_string(), "tasks".to_string(), Some(1.0)),
        ];
        let err = set_overrides(&mut s, &cells).unwrap_err();
        let kinds: Vec<_> = err.iter().map(|p| (p.path.as_str(), &p.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (
                    "branches[0].target_overrides.meetings",
                    &ProblemKind::WrongType { expected: Expected::QuantitativeIndicator }
                ),
                ("branches[0].target_overrides.tasks", &ProblemKind::OutOfRange { min: Some(-1e12), max: Some(1e12) }),
                ("branches.ghost", &ProblemKind::Dangling { id: "ghost".into(), list: "branches" }),
            ]
        );
        assert_eq!(s, before);
    }

    #[test]
    fn applying_a_suggestion_makes_the_target_motivating() {
        let mut s = sample();
        let flagged = fixable_cells(&s);
        assert!(!flagged.is_empty(), "the sample has flagged targets one click can fix");
        let (b, i) = flagged[0].clone();
        let m = check(&s, &b, &i).unwrap();
        assert!(is_flagged(m.class));
        let fix = suggestion(&s, &b, &i);
        assert_eq!(apply_suggested(&mut s, &[(b.clone(), i.clone())]), Ok(1));
        // The sample's plan is in force in the last period: the suggestion goes into it, the branch's own
        // overrides (the periods before the plan) stay.
        let fix = fix.expect("a fixable cell has a suggestion");
        let t = breakdown(&s, &b, &i).unwrap();
        assert!(t.overridden);
        assert_eq!(t.target, fix);
        assert_eq!(s.branch(&b).unwrap().target_overrides, sample().branch(&b).unwrap().target_overrides);
        assert_eq!(check(&s, &b, &i).unwrap().class, MotivationClass::Motivating);
        assert_eq!(apply_suggested(&mut s, &[(b, i)]), Ok(0), "applying it again changes nothing");
        valid(&s);
    }

    #[test]
    fn bulk_apply_leaves_no_flagged_cell() {
        let mut s = sample();
        let flagged = flagged_cells(&s);
        let fixable = fixable_cells(&s);
        assert_eq!(apply_suggested_to_flagged(&mut s), Ok(fixable.len()));
        let left: Vec<_> = flagged_cells(&s);
        let unfixable: Vec<_> = flagged.into_iter().filter(|c| !fixable.contains(c)).collect();
        assert_eq!(left, unfixable, "only the cells no value can fix stay flagged");
        assert!(fixable_cells(&s).is_empty());
        valid(&s);
    }

    #[test]
    fn no_history_no_suggestion() {
        let mut s = sample();
        let b = s.branches[0].id.clone();
        for p in &mut s.periods {
            remove_key(&mut p.records, &b);
        }
        s.branches[0].history.clear();
        assert_eq!(suggestion(&s, &b, "tasks"), None);
        let before = s.clone();
        let err = apply_suggested(&mut s, &[(b, "tasks".to_string())]).unwrap_err();
        assert_eq!(err[0].kind, ProblemKind::Missing);
        assert_eq!(s, before);
    }
}
