//! METHOD.md §6 — tiers (分类定级), per period (and, in §8, per cycle on cycle scores): quota, threshold and
//! hybrid, with every tie rule of "Precise readings".

use super::ranking::{count_higher, tie_groups};
use super::round::round;
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
    sorted: Vec<f64>,
    order: Vec<usize>,
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
    match t.method {
        TierMethod::Quota => quota_into(scores, vetoed, t, out, scratch),
        TierMethod::Threshold => {
            for ((o, &s), &v) in out.iter_mut().zip(scores).zip(vetoed) {
                *o = threshold_tier(s, v, t);
            }
        }
        TierMethod::Hybrid => {
            quota_into(scores, vetoed, t, out, scratch);
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
pub fn quota_into(scores: &[f64], vetoed: &[bool], t: &Tiers, out: &mut [Tier], scratch: &mut TierScratch) {
    let n = scores.len();
    let (n_first, n_bottom) = quota_sizes(n, t);

    // First tier: count strictly higher non-vetoed scores.
    scratch.sorted.clear();
    scratch.sorted.extend(scores.iter().zip(vetoed).filter(|(_, &v)| !v).map(|(&s, _)| s));
    scratch.sorted.sort_unstable_by(|a, b| b.total_cmp(a));
    let mut bottom_count = 0;
    for i in 0..n {
        out[i] = if vetoed[i] {
            bottom_count += 1;
            Tier::Bottom
        } else if count_higher(&scratch.sorted, scores[i]) < n_first {
            Tier::First
        } else {
            Tier::Middle
        };
    }
    if bottom_count >= n_bottom {
        return;
    }

    // Bottom filling: the remaining middle branches, worst first, whole tie groups only.
    scratch.order.clear();
    scratch.order.extend((0..n).filter(|&i| out[i] == Tier::Middle));
    scratch.order.sort_unstable_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(a.cmp(&b)));
    let order = &scratch.order;
    let mut stopped = false;
    tie_groups(
        |k| scores[order[k]],
        order.len(),
        |start, end| {
            if stopped {
                return;
            }
            if bottom_count + (end - start) <= n_bottom {
                for &i in &order[start..end] {
                    out[i] = Tier::Bottom;
                }
                bottom_count += end - start;
            } else {
                stopped = true;
            }
        },
    );
}
