//! METHOD.md §1 — differentiated targets (差别化): condition factor f, category coefficient k, derived target T,
//! and a branch's overrides.

use super::round::round;
use crate::model::settings::Differentiation;
use crate::model::{Branch, Conditions, Direction, Quantitative, Scenario};

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
    match q.direction {
        Direction::Higher => round(q.base_target * k * f, q.decimals),
        Direction::Lower => round(q.base_target * k / f, q.decimals),
    }
}

/// §1 the whole breakdown for known k and f; `override_value` (the branch's `target_overrides[indicator]`)
/// replaces T as given, with no rounding, while base, k, f and the derived value are still shown.
pub fn target_breakdown(q: &Quantitative, k: f64, f: f64, override_value: Option<f64>) -> TargetBreakdown {
    let derived = derived_target(q, k, f);
    TargetBreakdown {
        base: q.base_target,
        k,
        f,
        derived,
        target: override_value.unwrap_or(derived),
        overridden: override_value.is_some(),
    }
}

/// §1 the target breakdown of `branch` for `indicator` (both ids), for one cell of the UI.
/// `None` when either is unknown or the indicator is not quantitative (qualitative targets are grade A;
/// veto indicators have none).
pub fn breakdown(s: &Scenario, branch: &str, indicator: &str) -> Option<TargetBreakdown> {
    let b = s.branch(branch)?;
    let q = s.indicator(indicator)?.quantitative()?;
    Some(branch_breakdown(s, b, indicator, q))
}

/// §1 the breakdown for a branch and a quantitative indicator already looked up.
pub fn branch_breakdown(s: &Scenario, b: &Branch, indicator: &str, q: &Quantitative) -> TargetBreakdown {
    let f = condition_factor(&b.conditions, &s.settings.differentiation);
    let k = category_coefficient(s, b, indicator);
    target_breakdown(q, k, f, b.target_overrides.get(indicator).copied())
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
