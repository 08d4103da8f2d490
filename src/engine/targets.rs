//! METHOD.md §1 — differentiated targets (差别化): condition factor f, category coefficient k, derived target T,
//! a branch's overrides, and the target plans (年度目标计划) that change base targets and overrides from a
//! period on.

use super::round::round;
use crate::model::settings::Differentiation;
use crate::model::{Branch, Conditions, Direction, OverrideChange, Quantitative, Scenario};

/// How a branch's target of one quantitative indicator comes about: `base × k × f` (or `base × k / f` for a
/// `lower` indicator), rounded; or an override used as given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetBreakdown {
    /// The indicator's base target (基准目标值).
    pub base: f64,
    /// Category coefficient k.
    pub k: f64,
    /// Condition factor f.
    pub f: f64,
    /// The derived target `round(base × k × f, decimals)` (or `round(base × k / f, decimals)`).
    pub derived: f64,
    /// The effective target T: the override when there is one, else `derived`.
    pub target: f64,
    /// Whether `target` is the branch's override.
    pub overridden: bool,
}

/// §1 condition factor: `f = clamp(1 + condition_step × (c − 3), factor_min, factor_max)`, c the mean of the
/// three condition ratings. Better conditions ask for more.
///
/// Reading: should `factor_min` exceed `factor_max` (import refuses it; an editor might pass through it),
/// `factor_max` wins rather than the calculation failing.
pub fn condition_factor(c: &Conditions, d: &Differentiation) -> f64 {
    let raw = 1.0 + d.condition_step * (c.mean() - 3.0);
    raw.max(d.factor_min).min(d.factor_max)
}

/// §1 category coefficient k = `category.coefficients[indicator]`; 1.0 when the branch has no category, the
/// category is unknown, or it lists no coefficient for the indicator.
pub fn category_coefficient(s: &Scenario, branch: &Branch, indicator: &str) -> f64 {
    branch
        .category
        .as_deref()
        .and_then(|id| s.category(id))
        .and_then(|c| c.coefficients.get(indicator))
        .copied()
        .unwrap_or(1.0)
}

/// §1 derived target: direction `higher` `T = round(base × k × f, decimals)`; direction `lower`
/// `T = round(base × k / f, decimals)`.
pub fn derived_target(q: &Quantitative, k: f64, f: f64) -> f64 {
    derived_from(q, q.base_target, k, f)
}

/// §1 the derived target of `q` with the base target `base` (the indicator's own or a plan's).
#[inline]
pub fn derived_from(q: &Quantitative, base: f64, k: f64, f: f64) -> f64 {
    match q.direction {
        Direction::Higher => round(base * k * f, q.decimals),
        Direction::Lower => round(base * k / f, q.decimals),
    }
}

/// §1 the whole breakdown for known k and f; `override_value` (the branch's `target_overrides[indicator]`)
/// replaces T as given, with no rounding, while base, k, f and the derived value are still shown.
pub fn target_breakdown(q: &Quantitative, k: f64, f: f64, override_value: Option<f64>) -> TargetBreakdown {
    breakdown_from(q, q.base_target, k, f, override_value)
}

/// [`target_breakdown`] with the base target `base` in force (the indicator's own or a plan's).
#[inline]
pub fn breakdown_from(q: &Quantitative, base: f64, k: f64, f: f64, override_value: Option<f64>) -> TargetBreakdown {
    let derived = derived_from(q, base, k, f);
    TargetBreakdown {
        base,
        k,
        f,
        derived,
        target: override_value.unwrap_or(derived),
        overridden: override_value.is_some(),
    }
}

/// §1 the target breakdown of `branch` for `indicator` (both ids) in force in the **last** period (the
/// scenario's own values when there is no period): the single target of the results' `targets`, §9 and §10.
/// `None` when either is unknown or the indicator is not quantitative (qualitative targets are grade A;
/// veto indicators have none).
pub fn breakdown(s: &Scenario, branch: &str, indicator: &str) -> Option<TargetBreakdown> {
    resolve(s, branch, indicator, last_period(s)).map(|r| r.breakdown)
}

/// §1 the breakdown for a branch and a quantitative indicator already looked up, in force in the last period.
pub fn branch_breakdown(s: &Scenario, b: &Branch, indicator: &str, q: &Quantitative) -> TargetBreakdown {
    resolve_for(s, b, indicator, q, last_period(s)).breakdown
}

// ---------------------------------------------------------------------------------------------------------
// Target plans

/// The index of the last period, `None` when there is none.
pub fn last_period(s: &Scenario) -> Option<usize> {
    s.periods.len().checked_sub(1)
}

/// The target plans in period order: `(period index of from, plan index)`, sorted by period and, should two
/// plans start in one period (import refuses it), by their place in the list. Plans whose `from` is not a period
/// (import refuses them too) are left out.
pub fn plan_order(s: &Scenario) -> Vec<(usize, usize)> {
    let v: Vec<(usize, usize)> =
        s.target_plans.iter().enumerate().filter_map(|(i, p)| Some((s.period_index(&p.from)?, i))).collect();
    // The pairs are distinct (plan indices are), so the stable sort leaves them as `sort_unstable` would.
    crate::sort::sorted(v, &|a, b| a.cmp(b))
}

/// The plan in force in period u (index into `target_plans`): the latest one starting at u or earlier; `None`
/// before the first plan (the scenario's own values apply).
pub fn plan_in_force(s: &Scenario, u: usize) -> Option<usize> {
    plan_order(s).into_iter().take_while(|&(from, _)| from <= u).last().map(|(_, i)| i)
}

/// The plan that starts in period u, if any.
pub fn plan_starting_at(s: &Scenario, u: usize) -> Option<usize> {
    let id = &s.periods.get(u)?.id;
    s.target_plans.iter().position(|p| &p.from == id)
}

/// Where a value in force comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The scenario's own values: the indicator's `base_target` or the branch's `target_overrides`.
    Scenario,
    /// The target plan at this index of `target_plans`.
    Plan(usize),
}

/// A target in force with where its parts come from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolved {
    pub breakdown: TargetBreakdown,
    /// Who set the base target in force.
    pub base_from: Origin,
    /// Who last set (`breakdown.overridden`) or removed (not overridden) the override; `None` when no one ever
    /// gave this branch an override of the indicator.
    pub override_from: Option<Origin>,
}

/// §1 the target of `branch` for `indicator` (ids) in force in period `at` (`None`: the scenario's own values,
/// before any plan), with the origin of its base and override. `None` when either id is unknown or the
/// indicator is not quantitative.
pub fn resolve(s: &Scenario, branch: &str, indicator: &str, at: Option<usize>) -> Option<Resolved> {
    let b = s.branch(branch)?;
    let q = s.indicator(indicator)?.quantitative()?;
    Some(resolve_for(s, b, indicator, q, at))
}

/// [`resolve`] for a branch and a quantitative indicator already looked up.
pub fn resolve_for(s: &Scenario, b: &Branch, indicator: &str, q: &Quantitative, at: Option<usize>) -> Resolved {
    let mut base = (q.base_target, Origin::Scenario);
    let own = b.target_overrides.get(indicator).copied();
    let mut ovr = (own, own.map(|_| Origin::Scenario));
    if let Some(u) = at {
        for (from, i) in plan_order(s) {
            if from > u {
                break;
            }
            let plan = &s.target_plans[i];
            if let Some(&v) = plan.base_targets.get(indicator) {
                base = (v, Origin::Plan(i));
            }
            if let Some(c) = plan.target_overrides.get(&b.id).and_then(|m| m.get(indicator)) {
                ovr = (
                    match c {
                        OverrideChange::Set(v) => Some(*v),
                        OverrideChange::Remove => None,
                    },
                    Some(Origin::Plan(i)),
                );
            }
        }
    }
    let f = condition_factor(&b.conditions, &s.settings.differentiation);
    let k = category_coefficient(s, b, indicator);
    Resolved { breakdown: breakdown_from(q, base.0, k, f, ovr.0), base_from: base.1, override_from: ovr.1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(direction: Direction, base: f64, decimals: u32) -> Quantitative {
        Quantitative { direction, unit: String::new(), decimals, base_target: base, tolerance: 0.1 }
    }

    #[test]
    fn factor_is_clamped() {
        let d = Differentiation { condition_step: 0.5, factor_min: 0.7, factor_max: 1.3 };
        let hi = Conditions { infrastructure: 5, personnel: 5, circumstances: 5 };
        let lo = Conditions { infrastructure: 1, personnel: 1, circumstances: 1 };
        assert_eq!(condition_factor(&hi, &d), 1.3);
        assert_eq!(condition_factor(&lo, &d), 0.7);
    }

    #[test]
    fn lower_direction_divides() {
        // 2 × 1 / 0.8 = 2.5 → 3 at 0 decimals (half away from zero).
        assert_eq!(derived_target(&q(Direction::Lower, 2.0, 0), 1.0, 0.8), 3.0);
        assert_eq!(derived_target(&q(Direction::Higher, 2.0, 1), 1.0, 0.8), 1.6);
    }
}
