//! METHOD.md §7 — consequences (兑现): bonus weights, the largest-remainder allocation of the bonus pool,
//! talk & rectification, and eligibility for advanced selection.

use super::ranking::tie_groups;
use super::round::{round, EPS};
use super::tiers::Tier;
use crate::model::settings::{Allocation, Consequences};

/// §7 the tier's `bonus_coefficient` (default first 1.2, middle 1.0, bottom 0.8).
#[inline]
pub fn tier_coefficient(tier: Tier, c: &Consequences) -> f64 {
    c.tier_coefficients[tier.index()]
}

/// §7 a branch's bonus weight: `members × tier_coef × grade_coef` (`allocation: "members"`) or
/// `tier_coef × grade_coef` (`"equal"`), grade_coef being that of the grade in force during the period.
#[inline]
pub fn bonus_weight(members: u32, tier: Tier, grade_coefficient: f64, c: &Consequences) -> f64 {
    let w = tier_coefficient(tier, c) * grade_coefficient;
    match c.allocation {
        Allocation::Members => members as f64 * w,
        Allocation::Equal => w,
    }
}

/// One branch's claim on the bonus pool.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Claim<'a> {
    pub weight: f64,
    /// Rank in the period (§5), for equal remainders.
    pub rank: u32,
    /// Branch id, for equal remainders at equal rank.
    pub id: &'a str,
}

/// §7 the bonus pool divided in whole yuan by the largest-remainder method:
/// `amount_b = pool × weight_b / Σweight`; each branch first gets the integer part `floor(x + 1e-9)`, then the
/// yuan left over go one each to the largest remainders, so that the amounts add up to the pool exactly.
/// Remainders within 1e-9 are equal; among equal remainders the better rank goes first, then the smaller branch
/// id (Unicode code point order). With `bonus_pool` 0 every amount is 0.
///
/// The claims are the branches assessed in the period; a branch not assessed gets no share.
///
/// Readings: the pool is taken as `round(pool, 0)` whole yuan. When Σweight is 0 (say every branch has 0
/// members under `"members"`) there is nothing to divide by and every amount is 0. Should the integer parts
/// ever exceed the pool (rounding of `floor(x + 1e-9)`), the yuan are taken back from the smallest remainders,
/// the reverse of the order above.
pub fn allocate(pool: f64, claims: &[Claim<'_>]) -> Vec<i64> {
    let pool = round(pool, 0);
    let total: f64 = claims.iter().map(|c| c.weight).sum();
    if pool <= 0.0 || total <= 0.0 || !total.is_finite() {
        return vec![0; claims.len()];
    }
    let exact: Vec<f64> = claims.iter().map(|c| pool * c.weight / total).collect();
    let mut amounts: Vec<i64> = exact.iter().map(|&x| (x + EPS).floor() as i64).collect();
    let given: i64 = amounts.iter().sum();
    let left = pool as i64 - given;
    if left == 0 {
        return amounts;
    }

    // Largest remainder first; equal remainders (tie groups within 1e-9) by rank, then id.
    let remainder: Vec<f64> = exact.iter().zip(&amounts).map(|(&x, &a)| x - a as f64).collect();
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by(|&a, &b| remainder[b].total_cmp(&remainder[a]));
    let mut group = vec![0usize; claims.len()];
    let mut g = 0;
    tie_groups(
        |k| remainder[order[k]],
        order.len(),
        |start, end| {
            for &i in &order[start..end] {
                group[i] = g;
            }
            g += 1;
        },
    );
    order.sort_by(|&a, &b| {
        group[a].cmp(&group[b]).then(claims[a].rank.cmp(&claims[b].rank)).then_with(|| claims[a].id.cmp(claims[b].id))
    });
    if left > 0 {
        for &i in order.iter().cycle().take(left as usize) {
            amounts[i] += 1;
        }
    } else {
        for &i in order.iter().rev().cycle().take((-left) as usize) {
            amounts[i] -= 1;
        }
    }
    amounts
}

/// §7 secretary talk & rectification (约谈整改): bottom tier.
#[inline]
pub fn talk(tier: Tier) -> bool {
    tier == Tier::Bottom
}

/// §7 eligible for advanced selection (先进党支部评选) in period u: tier(u) ≠ bottom and no bottom tier in the
/// `disqualify_periods` periods just before u (fewer at the start; a period in which the branch was not
/// assessed is not a bottom tier). `last_bottom` is the index of the branch's latest earlier period in bottom
/// tier, `u` the index of this period, both in the scenario's order.
#[inline]
pub fn eligible(tier: Tier, u: usize, last_bottom: Option<usize>, disqualify_periods: u32) -> bool {
    tier != Tier::Bottom && last_bottom.is_none_or(|l| u - l > disqualify_periods as usize)
}
