//! METHOD.md §2 — scoring one indicator in one period (定量与定性结合): achievement ratio r, the ramp, the score
//! fraction s and the points p; and §3 — the inspection score (检查考核得分): base B, bonus, adjustments, I and
//! the veto.

use crate::model::settings::Scoring;
use crate::model::{Actual, Adjustment, Direction, Flex, Indicator, IndicatorKind, Level, Measure, OptionalAction};

/// How one scored (non-veto) indicator turns an actual into a score fraction, compiled once per scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScoreRule {
    /// A quantitative indicator: `s = ramp(r / divisor)`, where `divisor` is `1 − tol` for an elastic indicator
    /// and 1 for a controllable one (`tolerance` matters only for elastic quantitative indicators).
    Quantitative { direction: Direction, divisor: f64 },
    /// A qualitative indicator: s is the value of the recorded level.
    Qualitative,
}

impl ScoreRule {
    /// The rule of a scored indicator; `None` for a veto indicator.
    pub fn of(indicator: &Indicator) -> Option<ScoreRule> {
        let IndicatorKind::Scored(sc) = &indicator.kind else {
            return None;
        };
        Some(match &sc.measure {
            Measure::Qualitative => ScoreRule::Qualitative,
            Measure::Quantitative(q) => ScoreRule::Quantitative {
                direction: q.direction,
                divisor: match sc.flex {
                    Flex::Controllable => 1.0,
                    Flex::Elastic => 1.0 - q.tolerance,
                },
            },
        })
    }
}

/// The score of one indicator for one branch in one period, for the "why" of a branch's score.
/// Not part of the results file.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    /// Index of the indicator in `scenario.indicators` (use it to show the indicator's id and name).
    pub indicator: usize,
    pub weight: f64,
    /// The effective target T (quantitative indicators; qualitative ones aim at grade A).
    pub target: Option<f64>,
    /// The recorded actual; `None` is missing data.
    pub actual: Option<Actual>,
    /// Achievement ratio r (quantitative indicators with an actual).
    pub ratio: Option<f64>,
    /// Score fraction s.
    pub fraction: f64,
    /// Points p = weight × s.
    pub points: f64,
}

/// §2 achievement ratio of a quantitative indicator with target T and actual a:
/// higher: `r = 1` if a ≥ T, else `a / T` if T > 0, else 0;
/// lower: `r = 1` if a ≤ T, else `T / a` if T > 0, else 0.
#[inline(always)]
pub fn ratio(direction: Direction, target: f64, actual: f64) -> f64 {
    match direction {
        Direction::Higher if actual >= target => 1.0,
        Direction::Higher if target > 0.0 => actual / target,
        Direction::Lower if actual <= target => 1.0,
        Direction::Lower if target > 0.0 => target / actual,
        _ => 0.0,
    }
}

/// §2 `ramp(x) = 1` if x ≥ 1; `0` if x ≤ floor; else `(x − floor) / (1 − floor)` (floor =
/// `settings.scoring.floor_ratio`).
#[inline(always)]
pub fn ramp(x: f64, floor: f64) -> f64 {
    if x >= 1.0 {
        1.0
    } else if x <= floor {
        0.0
    } else {
        (x - floor) / (1.0 - floor)
    }
}

/// §2 score fraction of a quantitative indicator from its ratio: controllable `s = ramp(r)`, elastic
/// `s = ramp(r / (1 − tol))` — reaching (1 − tol) of the target counts in full.
#[inline(always)]
pub fn quantitative_fraction(r: f64, divisor: f64, floor: f64) -> f64 {
    // r ≥ 1 gives 1 whatever the divisor (≤ 1), and a divisor of 1 changes nothing: skip the division then.
    if r >= 1.0 {
        1.0
    } else if divisor == 1.0 {
        ramp(r, floor)
    } else {
        ramp(r / divisor, floor)
    }
}

/// §2 score fraction of a qualitative indicator: the level's value (`settings.scoring.levels`, default
/// A 1.0, B 0.8, C 0.6, D 0.0).
#[inline(always)]
pub fn level_fraction(level: Level, levels: &[f64; 4]) -> f64 {
    levels[level as usize]
}

/// §2 score fraction s and ratio r of one indicator for one actual. A missing actual gives `None`: s = 0 and a
/// "missing data" warning.
///
/// Reading: an actual of the wrong kind (a number for a qualitative indicator, a level for a quantitative one;
/// import refuses both) counts as missing.
pub fn fraction(rule: ScoreRule, target: f64, actual: Option<Actual>, sc: &Scoring) -> Option<(Option<f64>, f64)> {
    match (rule, actual?) {
        (ScoreRule::Quantitative { direction, divisor }, Actual::Number(a)) => {
            let r = ratio(direction, target, a);
            Some((Some(r), quantitative_fraction(r, divisor, sc.floor_ratio)))
        }
        (ScoreRule::Qualitative, Actual::Level(l)) => Some((None, level_fraction(l, &sc.levels))),
        _ => None,
    }
}

/// §3 base score `B = 100 × Σp / Σweight` over the non-veto indicators; 0 when Σweight = 0.
#[inline]
pub fn base_score(points: f64, weight_sum: f64) -> f64 {
    if weight_sum > 0.0 {
        100.0 * points / weight_sum
    } else {
        0.0
    }
}

/// §3 the points of the optional actions done, before the cap: an action listed twice counts once; an id
/// that names no optional action counts nothing.
pub fn optional_points(done: &[String], actions: &[OptionalAction]) -> f64 {
    let mut sum = 0.0;
    for (i, id) in done.iter().enumerate() {
        if done[..i].contains(id) {
            continue;
        }
        if let Some(a) = actions.iter().find(|a| &a.id == id) {
            sum += a.points;
        }
    }
    sum
}

/// §3 bonus = `min(Σ points of the optional actions done, settings.scoring.bonus_cap)`; the cap applies to the
/// sum.
#[inline]
pub fn bonus(optional_points: f64, cap: f64) -> f64 {
    optional_points.min(cap)
}

/// §3 adjustments = Σ of the period's adjustment points (may be negative); 0 when there are none.
pub fn adjustments(list: &[Adjustment]) -> f64 {
    list.iter().fold(0.0, |sum, a| sum + a.points)
}

/// §3 inspection score `I = max(0, B + bonus + adjustments)`; no upper bound.
#[inline]
pub fn inspection(base: f64, bonus: f64, adjustments: f64) -> f64 {
    (base + bonus + adjustments).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_edges() {
        assert_eq!(ratio(Direction::Higher, 0.0, -1.0), 0.0);
        assert_eq!(ratio(Direction::Higher, 0.0, 0.0), 1.0);
        assert_eq!(ratio(Direction::Lower, 0.0, 1.0), 0.0);
        assert_eq!(ratio(Direction::Lower, 2.0, 4.0), 0.5);
    }

    #[test]
    fn ramp_edges() {
        assert_eq!(ramp(0.6, 0.6), 0.0);
        assert_eq!(ramp(1.0, 0.6), 1.0);
        assert!((ramp(0.8, 0.6) - 0.5).abs() < 1e-12);
    }
}
