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
///
/// Robust whatever the numbers: a negative or NaN weight counts as 0, an infinite one as the largest number; weights too large to add up
/// are scaled down first (the shares do not change); every integer part is clamped to 0..pool; and the yuan
/// left over are handed out in whole rounds plus one partial round, so the amounts always add up to the pool
/// exactly and the work is O(n log n) however far the integer parts were off.
pub fn allocate(pool: f64, claims: &[Claim<'_>]) -> Vec<i64> {
    // Whole yuan an i64 and an f64 both hold exactly (the settings allow at most 1e13).
    let pool = round(pool, 0);
    let pool = if pool.is_nan() { 0.0 } else { pool.min(MAX_EXACT) };
    let mut weights: Vec<f64> =
        claims.iter().map(|c| if c.weight > 0.0 { c.weight.min(f64::MAX) } else { 0.0 }).collect();
    let mut total: f64 = weights.iter().sum();
    if !(total.is_finite() && (pool * weights.iter().fold(0.0_f64, |m, &w| m.max(w))).is_finite()) {
        let max = weights.iter().fold(0.0_f64, |m, &w| m.max(w));
        weights.iter_mut().for_each(|w| *w /= max);
        total = weights.iter().sum();
    }
    if pool <= 0.0 || total.is_nan() || total <= 0.0 || !total.is_finite() {
        return vec![0; claims.len()];
    }
    let pool_yuan = pool as i64;
    let exact: Vec<f64> = weights.iter().map(|&w| pool * w / total).collect();
    let mut amounts: Vec<i64> = exact.iter().map(|&x| ((x + EPS).floor().clamp(0.0, pool)) as i64).collect();
    let given: i64 = amounts.iter().sum();
    let left = pool_yuan - given;
    if left == 0 {
        return amounts;
    }

    // Largest remainder first; equal remainders (tie groups within 1e-9) by rank, then id.
    let remainder: Vec<f64> = exact.iter().zip(&amounts).map(|(&x, &a)| x - a as f64).collect();
    let mut order: Vec<usize> = (0..claims.len()).collect();
    crate::sort::indices(&mut order, &|a, b| remainder[b].total_cmp(&remainder[a]));
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
    crate::sort::indices(&mut order, &|a, b| {
        group[a].cmp(&group[b]).then(claims[a].rank.cmp(&claims[b].rank)).then_with(|| claims[a].id.cmp(claims[b].id))
    });
    let n = order.len() as i64;
    if left > 0 {
        // Whole rounds (one yuan each to everybody), then one yuan each to the first `left % n` in order.
        let (rounds, rest) = (left / n, (left % n) as usize);
        for (k, &i) in order.iter().enumerate() {
            amounts[i] += rounds + i64::from(k < rest);
        }
    } else {
        // Taken back from the smallest remainders first, never below 0: each pass takes from everybody who
        // still has something (at most n passes, as each empties somebody or settles the rest).
        let mut owed = -left;
        while owed > 0 {
            let holders: Vec<usize> = order.iter().rev().copied().filter(|&i| amounts[i] > 0).collect();
            let m = holders.len() as i64;
            if m == 0 {
                break;
            }
            let least = holders.iter().map(|&i| amounts[i]).min().unwrap_or(0);
            let per = (owed / m).min(least);
            if per > 0 {
                holders.iter().for_each(|&i| amounts[i] -= per);
                owed -= per * m;
            } else {
                for &i in holders.iter().take(owed as usize) {
                    amounts[i] -= 1;
                }
                owed -= (owed).min(m);
            }
        }
    }
    amounts
}

/// The largest whole number of yuan divided: below 2^53, where every whole number is exact in an f64.
const MAX_EXACT: f64 = 9_007_199_254_740_991.0;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(weights: &[f64]) -> Vec<Claim<'static>> {
        const IDS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
        weights.iter().enumerate().map(|(i, &weight)| Claim { weight, rank: i as u32 + 1, id: IDS[i] }).collect()
    }

    #[test]
    fn huge_weights_still_add_up_to_the_pool_at_once() {
        // Once a 1e300 grade coefficient made the amounts i64::MAX and the split loop for ever.
        let a = allocate(1e13, &claims(&[3.84e301, 3.84e301, 1.2e300]));
        assert_eq!(a.iter().sum::<i64>(), 10_000_000_000_000);
        assert!(a.iter().all(|&x| x >= 0));
        assert_eq!(a[0], a[1]);
        let a = allocate(1e13, &claims(&[f64::INFINITY, 1.0, f64::NAN, -5.0]));
        assert_eq!(a, vec![10_000_000_000_000, 0, 0, 0]);
        let a = allocate(f64::INFINITY, &claims(&[1.0, 1.0]));
        assert_eq!(a.iter().sum::<i64>(), MAX_EXACT as i64);
        assert_eq!(allocate(f64::NAN, &claims(&[1.0])), vec![0]);
    }

    #[test]
    fn ordinary_split_is_unchanged() {
        let a = allocate(100.0, &claims(&[1.0, 1.0, 1.0]));
        assert_eq!(a, vec![34, 33, 33]);
        let a = allocate(10.0, &claims(&[0.0, 0.0]));
        assert_eq!(a, vec![0, 0]);
    }
}
