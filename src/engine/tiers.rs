//! METHOD.md §6 — tiers (分类定级), per period (and, in §8, per cycle on cycle scores): quota, threshold and
//! hybrid, with every tie rule of "Precise readings".

use super::ranking::{order_best_first, tie_groups};
use super::round::round;
use super::round::EPS;
use crate::model::settings::{TierMethod, Tiers};

/// 档次: first (第一档), middle (中间档), bottom (末档).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Tier {
    First,
    #[default]
    Middle,
    Bottom,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::First, Tier::Middle, Tier::Bottom];

    /// The results file's word: `first` | `middle` | `bottom`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::First => "first",
            Tier::Middle => "middle",
            Tier::Bottom => "bottom",
        }
    }

    /// 0 for first, 1 for middle, 2 for bottom (the order of `consequences.bonus_coefficient`).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// §6 quota sizes for n assessed branches (vetoed ones included):
/// `n_first = round(n × first_share, 0)`, `n_bottom = round(n × bottom_share, 0)`, half away from zero.
pub fn quota_sizes(n: usize, t: &Tiers) -> (usize, usize) {
    let size = |share: f64| round(n as f64 * share, 0).max(0.0) as usize;
    (size(t.first_share), size(t.bottom_share))
}

/// Buffers reused by [`assign_into`], so that repeated tiering (every period, every simulated trial) does not
/// allocate.
#[derive(Debug, Default, Clone)]
pub struct TierScratch {
    order: Vec<usize>,
    candidates: Vec<usize>,
}

/// §6 tiers of the branches whose scores and vetoes are given (one entry per assessed branch), by
/// `settings.tiers.method`. Vetoed branches are always bottom.
pub fn assign(scores: &[f64], vetoed: &[bool], t: &Tiers) -> Vec<Tier> {
    let mut out = vec![Tier::Middle; scores.len()];
    assign_into(scores, vetoed, t, &mut out, &mut TierScratch::default());
    out
}

/// [`assign`] into `out`, reusing `scratch`.
pub fn assign_into(scores: &[f64], vetoed: &[bool], t: &Tiers, out: &mut [Tier], scratch: &mut TierScratch) {
    let mut order = std::mem::take(&mut scratch.order);
    if t.method != TierMethod::Threshold {
        order_best_first(scores, &mut order);
    }
    assign_along(scores, vetoed, &order, t, out, scratch);
    scratch.order = order;
}

/// [`assign_into`] with the best-first order of the scores already known
/// ([`order_best_first`]; not used by `threshold`).
pub fn assign_along(
    scores: &[f64],
    vetoed: &[bool],
    order: &[usize],
    t: &Tiers,
    out: &mut [Tier],
    scratch: &mut TierScratch,
) {
    match t.method {
        TierMethod::Quota => quota_along(scores, vetoed, order, t, out, scratch),
        TierMethod::Threshold => {
            for ((o, &s), &v) in out.iter_mut().zip(scores).zip(vetoed) {
                *o = threshold_tier(s, v, t);
            }
        }
        TierMethod::Hybrid => {
            quota_along(scores, vetoed, order, t, out, scratch);
            for ((o, &s), &v) in out.iter_mut().zip(scores).zip(vetoed) {
                *o = hybrid_tier(*o, s, v, t);
            }
        }
    }
}

/// §6 `threshold`: first when F ≥ `first_min_score`; bottom when vetoed or F < `bottom_below_score`. A vetoed
/// branch is never first; when both limits apply, bottom wins. Plain f64 comparisons.
pub fn threshold_tier(score: f64, vetoed: bool, t: &Tiers) -> Tier {
    if vetoed || score < t.bottom_below_score {
        Tier::Bottom
    } else if score >= t.first_min_score {
        Tier::First
    } else {
        Tier::Middle
    }
}

/// §6 `hybrid` from the quota tier: first = quota-first and F ≥ `first_min_score`; bottom = quota-bottom or
/// F < `bottom_below_score` (or vetoed).
///
/// Reading: as in `threshold`, bottom wins when both apply (possible only when `first_min_score` is below
/// `bottom_below_score`).
pub fn hybrid_tier(quota: Tier, score: f64, vetoed: bool, t: &Tiers) -> Tier {
    if vetoed || quota == Tier::Bottom || score < t.bottom_below_score {
        Tier::Bottom
    } else if quota == Tier::First && score >= t.first_min_score {
        Tier::First
    } else {
        Tier::Middle
    }
}

/// §6 `quota` (default):
/// * first tier ⇔ not vetoed and fewer than n_first non-vetoed branches have a strictly higher F (so a branch
///   tied with the last one admitted is admitted too; n_first = 0 admits nobody);
/// * bottom tier: the vetoed ones, then, while the bottom tier has fewer than n_bottom members, the worst
///   remaining non-first branches, tie group by tie group from the worst upward; the first group that does not
///   fit whole stops the filling and stays middle. Vetoed branches count toward n_bottom; when they reach it,
///   nobody else is bottom;
/// * middle: everyone else.
///
/// n counts every assessed branch, vetoed ones too. Tie groups: see [`tie_groups`].
pub fn quota_along(
    scores: &[f64],
    vetoed: &[bool],
    order: &[usize],
    t: &Tiers,
    out: &mut [Tier],
    scratch: &mut TierScratch,
) {
    let n = scores.len();
    let (n_first, n_bottom) = quota_sizes(n, t);

    // First tier: walking the non-vetoed from the best, count those strictly higher (the count only grows).
    let mut bottom_count = 0;
    let non_vetoed = &mut scratch.candidates;
    non_vetoed.clear();
    non_vetoed.extend(order.iter().copied().filter(|&i| !vetoed[i]));
    let mut higher = 0;
    for &i in non_vetoed.iter() {
        while higher < non_vetoed.len() && scores[non_vetoed[higher]] > scores[i] + EPS {
            higher += 1;
        }
        out[i] = if higher < n_first { Tier::First } else { Tier::Middle };
    }
    for i in (0..n).filter(|&i| vetoed[i]) {
        out[i] = Tier::Bottom;
        bottom_count += 1;
    }
    if bottom_count >= n_bottom {
        return;
    }

    // Bottom filling: the remaining middle branches, worst first, whole tie groups only.
    let candidates = &mut scratch.candidates;
    candidates.clear();
    candidates.extend(order.iter().rev().copied().filter(|&i| out[i] == Tier::Middle));
    let mut stopped = false;
    tie_groups(
        |k| scores[candidates[k]],
        candidates.len(),
        |start, end| {
            if stopped {
                return;
            }
            if bottom_count + (end - start) <= n_bottom {
                for &i in &candidates[start..end] {
                    out[i] = Tier::Bottom;
                }
                bottom_count += end - start;
            } else {
                stopped = true;
            }
        },
    );
}

/// [`quota_along`] computing the order itself.
pub fn quota_into(scores: &[f64], vetoed: &[bool], t: &Tiers, out: &mut [Tier], scratch: &mut TierScratch) {
    let mut order = std::mem::take(&mut scratch.order);
    order_best_first(scores, &mut order);
    quota_along(scores, vetoed, &order, t, out, scratch);
    scratch.order = order;
}
