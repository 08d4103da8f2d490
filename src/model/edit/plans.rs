//! Edits of target plans (METHOD.md §1, 年度目标计划): start a plan at a period, rename it, delete it, and edit
//! the targets in force in a period — in the plan in force there, or, before the first plan, the scenario's own
//! values (the indicators' base targets and the branches' overrides).
//!
//! A plan records only what it changes: a value typed into a plan that equals the one in force just before the
//! plan starts is not recorded (the entry is dropped), so a plan that is only looked at stays empty.

use super::super::problem::{index, Expected, Problem, ProblemKind};
use super::super::{validate, OverrideChange, Scenario, TargetPlan};
use super::{remove_key, retain_entries};
use crate::engine::targets::{plan_in_force, resolve};

/// Where an edit of targets goes: the scenario's own values or the plan at this index of `target_plans`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetsOwner {
    Scenario,
    Plan(usize),
}

/// Who holds the targets in force in period `at` (`None`: no period chosen, the scenario's own values).
pub fn owner_at(s: &Scenario, at: Option<usize>) -> TargetsOwner {
    match at.and_then(|u| plan_in_force(s, u)) {
        Some(i) => TargetsOwner::Plan(i),
        None => TargetsOwner::Scenario,
    }
}

/// A fresh plan id for a plan starting in period `u`: `plan-2024Q1`, or with `-2`, `-3`, … when used.
pub fn next_plan_id(s: &Scenario, u: usize) -> String {
    let from = s.periods.get(u).map_or("p", |p| p.id.as_str());
    let stem: String = format!("plan-{from}").chars().take(60).collect();
    std::iter::once(stem.clone())
        .chain((2..).map(|n| format!("{stem}-{n}")))
        .find(|id| s.target_plan(id).is_none())
        .expect("an unused id exists")
}

/// Starts a plan (that changes nothing yet) at period `u`; returns its index. Refused when `u` is no period or
/// a plan already starts there.
pub fn add_plan(s: &mut Scenario, u: usize, id: &str, name: &str) -> Result<usize, Vec<Problem>> {
    let Some(period) = s.periods.get(u) else {
        return Err(vec![Problem::new(index("periods", u), ProblemKind::Missing)]);
    };
    let plan = TargetPlan::new(id.trim(), name.trim(), &period.id);
    let problems = validate::target_plan(&plan, s, None);
    if !problems.is_empty() {
        return Err(problems);
    }
    crate::model::limits::room(s, |z| z.target_plans += 1)?;
    s.target_plans.push(plan);
    Ok(s.target_plans.len() - 1)
}

/// Renames the plan at `plan` (its id stays).
pub fn rename_plan(s: &mut Scenario, plan: usize, name: &str) -> Result<(), Vec<Problem>> {
    let path = index("target_plans", plan);
    let Some(p) = s.target_plans.get_mut(plan) else {
        return Err(vec![Problem::new(path, ProblemKind::Missing)]);
    };
    validate::name(name).map_err(|k| vec![Problem::new(format!("{path}.name"), k)])?;
    p.name = name.trim().to_string();
    Ok(())
}

/// Deletes the plan at `plan`: its periods go back to the targets in force before it.
pub fn delete_plan(s: &mut Scenario, plan: usize) -> Option<TargetPlan> {
    (plan < s.target_plans.len()).then(|| s.target_plans.remove(plan))
}

/// The refusal to delete period `u` while a plan starts in it (the message names the plan).
pub fn period_deletion_problem(s: &Scenario, u: usize) -> Option<Problem> {
    let id = &s.periods.get(u)?.id;
    let (i, p) = s.target_plans.iter().enumerate().find(|(_, p)| &p.from == id)?;
    Some(Problem::new(format!("target_plans[{i}].from"), ProblemKind::PlanStartsHere { plan: p.name.clone() }))
}

/// The period just before plan `plan` starts (`None` when it starts in the first period: the scenario's own
/// values are then what it changes).
fn before_plan(s: &Scenario, plan: usize) -> Option<usize> {
    s.target_plans.get(plan).and_then(|p| s.period_index(&p.from)).and_then(|u| u.checked_sub(1))
}

fn override_path(s: &Scenario, owner: TargetsOwner, branch: &str, indicator: &str) -> String {
    match owner {
        TargetsOwner::Scenario => match s.branches.iter().position(|b| b.id == branch) {
            Some(i) => format!("branches[{i}].target_overrides.{indicator}"),
            None => format!("branches.{branch}"),
        },
        TargetsOwner::Plan(p) => format!("target_plans[{p}].target_overrides.{branch}.{indicator}"),
    }
}

fn check_override(
    s: &Scenario,
    owner: TargetsOwner,
    branch: &str,
    indicator: &str,
    v: Option<f64>,
) -> Result<(), ProblemKind> {
    super::targets::target_cell(s, branch, indicator)?;
    match (owner, v) {
        (_, None) => Ok(()),
        (TargetsOwner::Scenario, Some(v)) => validate::finite(v).map(|_| ()),
        (TargetsOwner::Plan(_), Some(v)) => validate::non_negative(v).map(|_| ()),
    }
}

/// Sets (a number) or clears (`None`: back to the derived target) many overrides as one edit, in `owner`:
/// `(branch id, indicator id, value)`. Everything is checked first (plans take numbers ≥ 0); on any problem
/// nothing changes. In a plan, a value equal to the override in force just before the plan is not recorded.
pub fn set_overrides_in(
    s: &mut Scenario,
    owner: TargetsOwner,
    cells: &[(String, String, Option<f64>)],
) -> Result<(), Vec<Problem>> {
    if let TargetsOwner::Plan(p) = owner {
        if p >= s.target_plans.len() {
            return Err(vec![Problem::new(index("target_plans", p), ProblemKind::Missing)]);
        }
    }
    let problems: Vec<Problem> = cells
        .iter()
        .filter_map(|(b, i, v)| {
            check_override(s, owner, b, i, *v).err().map(|k| Problem::new(override_path(s, owner, b, i), k))
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let clean = |v: f64| if v == 0.0 { 0.0 } else { v };
    match owner {
        TargetsOwner::Scenario => {
            for (b, i, v) in cells {
                let branch = s.branches.iter_mut().find(|x| &x.id == b).expect("checked");
                match v {
                    Some(v) => {
                        branch.target_overrides.insert(i.clone(), clean(*v));
                    }
                    None => {
                        remove_key(&mut branch.target_overrides, i);
                    }
                }
            }
        }
        TargetsOwner::Plan(p) => {
            let before = before_plan(s, p);
            let prior: Vec<Option<f64>> = cells
                .iter()
                .map(|(b, i, _)| {
                    let r = resolve(s, b, i, before).expect("checked");
                    r.breakdown.overridden.then_some(r.breakdown.target)
                })
                .collect();
            // The plan's entries after the edit, at most (a cell listed twice counted twice): refused beyond
            // model::limits::MAX_PLAN_OVERRIDES.
            let plan = &s.target_plans[p];
            let added = cells
                .iter()
                .zip(&prior)
                .filter(|((b, i, v), prior)| {
                    v.map(clean) != **prior && plan.target_overrides.get(b).map_or(true, |c| !c.contains_key(i))
                })
                .count();
            let after = crate::model::limits::plan_overrides(plan) + added;
            crate::model::limits::room(s, |z| z.plan_overrides = z.plan_overrides.max(after))?;
            let plan = &mut s.target_plans[p];
            for ((b, i, v), prior) in cells.iter().zip(prior) {
                let v = v.map(clean);
                let entry = plan.target_overrides.entry(b.clone()).or_default();
                if v == prior {
                    remove_key(entry, i);
                } else {
                    entry.insert(i.clone(), v.map_or(OverrideChange::Remove, OverrideChange::Set));
                }
                if entry.is_empty() {
                    remove_key(&mut plan.target_overrides, b);
                }
            }
        }
    }
    Ok(())
}

/// Sets (a number ≥ 0) or clears (`None`: the base in force before the plan applies again) plan `plan`'s base
/// target of a quantitative indicator. A value equal to the base in force just before the plan is not recorded.
pub fn set_plan_base(s: &mut Scenario, plan: usize, indicator: &str, value: Option<f64>) -> Result<(), Vec<Problem>> {
    let path = format!("target_plans[{plan}].base_targets.{indicator}");
    if plan >= s.target_plans.len() {
        return Err(vec![Problem::new(index("target_plans", plan), ProblemKind::Missing)]);
    }
    let q = match s.indicator(indicator) {
        None => {
            return Err(vec![Problem::new(path, ProblemKind::Dangling { id: indicator.into(), list: "indicators" })])
        }
        Some(i) => match i.quantitative() {
            Some(q) => q.clone(),
            None => {
                return Err(vec![Problem::new(
                    path,
                    ProblemKind::WrongType { expected: Expected::QuantitativeIndicator },
                )])
            }
        },
    };
    if let Some(v) = value {
        validate::non_negative(v).map_err(|k| vec![Problem::new(path.clone(), k)])?;
    }
    let prior = base_in_force(s, indicator, q.base_target, before_plan(s, plan));
    let p = &mut s.target_plans[plan];
    match value.map(|v| if v == 0.0 { 0.0 } else { v }) {
        Some(v) if v != prior => {
            p.base_targets.insert(indicator.to_string(), v);
        }
        _ => {
            remove_key(&mut p.base_targets, indicator);
        }
    }
    Ok(())
}

/// The base target of `indicator` in force in period `at` (`own` is the indicator's `base_target`).
pub fn base_in_force(s: &Scenario, indicator: &str, own: f64, at: Option<usize>) -> f64 {
    let Some(u) = at else { return own };
    let mut base = own;
    for (from, i) in crate::engine::targets::plan_order(s) {
        if from > u {
            break;
        }
        if let Some(&v) = s.target_plans[i].base_targets.get(indicator) {
            base = v;
        }
    }
    base
}

/// Sets an indicator's base target from period `u` on (the indicators page's "from a period"): in the plan that
/// starts at `u`, or in a new plan starting there (id from [`next_plan_id`], `new_name`) when there is none.
/// Returns the plan's index. On a refusal nothing changes.
pub fn set_base_from(
    s: &mut Scenario,
    u: usize,
    indicator: &str,
    value: f64,
    new_name: &str,
) -> Result<usize, Vec<Problem>> {
    let mut next = s.clone();
    let plan = match crate::engine::targets::plan_starting_at(&next, u) {
        Some(p) => p,
        None => {
            let id = next_plan_id(&next, u);
            add_plan(&mut next, u, &id, new_name)?
        }
    };
    set_plan_base(&mut next, plan, indicator, Some(value))?;
    *s = next;
    Ok(plan)
}

/// Drops what the plans say about branch `id` (the branch is being deleted).
pub fn forget_branch(s: &mut Scenario, id: &str) {
    for p in &mut s.target_plans {
        remove_key(&mut p.target_overrides, id);
    }
}

/// Drops what the plans say about indicator `id` (it is deleted or no longer quantitative).
pub fn forget_indicator(s: &mut Scenario, id: &str) {
    for p in &mut s.target_plans {
        remove_key(&mut p.base_targets, id);
        for cells in p.target_overrides.values_mut() {
            remove_key(cells, id);
        }
        retain_entries(&mut p.target_overrides, &mut |_, cells| !cells.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::targets::{breakdown, resolve, Origin};
    use crate::model::sample::sample;

    use crate::model::edit::assert_valid as valid;

    #[test]
    fn a_plan_records_only_what_changes() {
        let mut s = sample();
        s.target_plans.clear();
        let last = s.periods.len() - 1;
        let b = s.branches[0].id.clone();
        let id = next_plan_id(&s, last);
        let p = add_plan(&mut s, last, &id, "新计划").unwrap();
        assert!(s.target_plans[p].is_empty());
        assert_eq!(owner_at(&s, Some(last)), TargetsOwner::Plan(p));
        assert_eq!(owner_at(&s, Some(last - 1)), TargetsOwner::Scenario);
        let t = breakdown(&s, &b, "tasks").unwrap().target;
        set_overrides_in(&mut s, TargetsOwner::Plan(p), &[(b.clone(), "tasks".into(), Some(t + 2.0))]).unwrap();
        assert_eq!(breakdown(&s, &b, "tasks").unwrap().target, t + 2.0);
        let r = resolve(&s, &b, "tasks", Some(last)).unwrap();
        assert_eq!(r.override_from, Some(Origin::Plan(p)));
        assert_eq!(resolve(&s, &b, "tasks", Some(last - 1)).unwrap().breakdown.target, t);
        // Clearing in the plan goes back to what was in force before it: nothing recorded.
        set_overrides_in(&mut s, TargetsOwner::Plan(p), &[(b.clone(), "tasks".into(), None)]).unwrap();
        assert!(s.target_plans[p].is_empty());
        valid(&s);
        // A second plan in the same period is refused; a rename works; deleting the period is refused by name.
        assert!(add_plan(&mut s, last, "x", "另一个").is_err());
        rename_plan(&mut s, p, "2025年度目标").unwrap();
        let problem = period_deletion_problem(&s, last).unwrap();
        assert_eq!(problem.kind, ProblemKind::PlanStartsHere { plan: "2025年度目标".into() });
        assert!(delete_plan(&mut s, p).is_some());
        assert!(period_deletion_problem(&s, last).is_none());
    }

    #[test]
    fn plans_refuse_negative_targets_and_keep_the_scenario() {
        let mut s = sample();
        let p = add_plan(&mut s, 1, "pp", "计划").unwrap_or(0);
        let before = s.clone();
        let b = s.branches[0].id.clone();
        assert!(set_overrides_in(&mut s, TargetsOwner::Plan(p), &[(b.clone(), "tasks".into(), Some(-1.0))]).is_err());
        assert!(set_plan_base(&mut s, p, "tasks", Some(-1.0)).is_err());
        assert!(set_plan_base(&mut s, p, "meetings", Some(1.0)).is_err(), "qualitative");
        assert_eq!(s, before);
    }

    #[test]
    fn base_from_a_period_creates_or_reuses_the_plan() {
        let mut s = sample();
        s.target_plans.clear();
        let plan = set_base_from(&mut s, 2, "tasks", 99.0, "计划").unwrap();
        assert_eq!(s.target_plans[plan].base_targets.get("tasks"), Some(&99.0));
        assert_eq!(set_base_from(&mut s, 2, "tasks", 98.0, "计划"), Ok(plan));
        assert_eq!(s.target_plans.len(), 1);
        assert_eq!(base_in_force(&s, "tasks", 1.0, Some(1)), 1.0);
        assert_eq!(base_in_force(&s, "tasks", 1.0, Some(3)), 98.0);
        forget_indicator(&mut s, "tasks");
        assert!(s.target_plans[plan].is_empty());
        valid(&s);
    }
}
