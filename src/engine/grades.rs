//! METHOD.md §8 — grades and promotion/demotion (提档升级), per cycle: warnings (黄牌), cycles, the cycle's
//! score/tier/veto, the held counter h, and the six rules.
//!
//! [`apply_rules`] is a pure step function so that the simulation of §10 runs the same rules on its own cycles;
//! so is [`apply_quotas`], the grade quotas (等级比例控制) applied after the rules at a complete cycle's end.

use std::ops::Range;

use super::round::{round, EPS};
use super::tiers::Tier;
use crate::model::settings::Grades;

/// Why a grade changed or stayed at a cycle's end (the results file's `reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// Rule 1: cycle vetoed → g − veto_drop.
    Veto,
    /// Rule 2: cycle tier bottom → g − 1.
    Bottom,
    /// Rule 3: warnings ≥ warnings_to_demote → g − 1 (防止反弹).
    Warnings,
    /// Rule 4: top grade and cycle score below top_keep_min_score → g − 1 (防止一劳永逸).
    TopNotKept,
    /// Rule 5: cycle tier first, below the top, held long enough → g + 1.
    Promoted,
    /// Rule 5: cycle tier first, below the top, not held long enough → g.
    MinHold,
    /// Rule 6 (and every incomplete cycle): g.
    Held,
    /// Grade quotas: promoted by rule 5 into a grade whose quota had no free place left → stays at g.
    Quota,
}

impl Reason {
    pub const ALL: [Reason; 8] = [
        Reason::Veto,
        Reason::Bottom,
        Reason::Warnings,
        Reason::TopNotKept,
        Reason::Promoted,
        Reason::MinHold,
        Reason::Held,
        Reason::Quota,
    ];

    /// The results file's word: `veto` | `bottom` | `warnings` | `top_not_kept` | `promoted` | `min_hold` | `held`
    /// | `quota`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Veto => "veto",
            Reason::Bottom => "bottom",
            Reason::Warnings => "warnings",
            Reason::TopNotKept => "top_not_kept",
            Reason::Promoted => "promoted",
            Reason::MinHold => "min_hold",
            Reason::Held => "held",
            Reason::Quota => "quota",
        }
    }
}

/// §8 warning (黄牌) in a period: vetoed, or F < `warn_below` (plain comparison).
#[inline]
pub fn warning(final_score: f64, vetoed: bool, g: &Grades) -> bool {
    vetoed || final_score < g.warn_below
}

/// §8 the cycles: periods form cycles of `cycle_periods` from the first period; the last one is incomplete
/// ("in progress") when it has fewer. Yields each cycle's range of period indices and whether it is complete.
///
/// Reading: a `cycle_periods` of 0 (refused by the settings) is taken as 1.
pub fn cycles(n_periods: usize, cycle_periods: u32) -> impl Iterator<Item = (Range<usize>, bool)> {
    let len = cycle_periods.max(1) as usize;
    (0..n_periods.div_ceil(len)).map(move |c| {
        let start = c * len;
        let end = (start + len).min(n_periods);
        (start..end, end - start == len)
    })
}

/// What §8's rules look at for one branch at one cycle's end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CycleFacts {
    /// Cycle score: mean F over the cycle's periods in which the branch was assessed.
    pub score: f64,
    /// Cycle tier: §6 applied to the cycle scores with the cycle vetoes.
    pub tier: Tier,
    /// Vetoed in any of the cycle's periods.
    pub vetoed: bool,
    /// Number of the cycle's periods with a warning.
    pub warnings: u32,
}

/// Accumulates one branch's periods of a cycle into its [`CycleFacts`] (tier aside, which needs every branch).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CycleTally {
    pub periods: u32,
    pub sum: f64,
    pub vetoed: bool,
    pub warnings: u32,
}

impl CycleTally {
    /// Adds one period in which the branch was assessed.
    #[inline]
    pub fn add(&mut self, final_score: f64, vetoed: bool, warning: bool) {
        self.periods += 1;
        self.sum += final_score;
        self.vetoed |= vetoed;
        self.warnings += warning as u32;
    }

    /// The cycle score (mean F); `None` when the branch was assessed in none of the cycle's periods, in which
    /// case it has no cycle result.
    #[inline]
    pub fn score(&self) -> Option<f64> {
        (self.periods > 0).then(|| self.sum / self.periods as f64)
    }
}

/// The outcome of one cycle's end for one branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub grade: u32,
    /// h after the step: complete cycles spent at the (new) grade.
    pub held: u32,
    pub reason: Reason,
}

/// §8 the end of a complete cycle for a branch with a cycle result, at grade `grade` (1..L) having held it for
/// `held` complete cycles. h first grows by 1, then the first rule that applies decides:
/// 1. cycle vetoed → g − `veto_drop`, not below 1 \[`veto`\]
/// 2. cycle tier bottom → g − 1, not below 1 \[`bottom`\]
/// 3. warnings in the cycle ≥ `warnings_to_demote` → g − 1 \[`warnings`\]
/// 4. g = L and cycle score < `top_keep_min_score` → g − 1 \[`top_not_kept`\]
/// 5. cycle tier first and g < L: h ≥ `min_hold_cycles` → g + 1 \[`promoted`\], else g \[`min_hold`\]
/// 6. otherwise g \[`held`\]
///
/// Every demotion stops at grade 1. When the grade changes, h becomes 0; when a rule fires but the floor leaves
/// the grade unchanged, h is not reset and the reason is still that rule's (so with `veto_drop` 0 a vetoed cycle
/// keeps the grade with reason `veto`, and with L = 1 rule 4 keeps grade 1 with reason `top_not_kept`).
pub fn apply_rules(grade: u32, held: u32, facts: &CycleFacts, g: &Grades) -> Step {
    let levels = g.levels.max(1);
    let h = held + 1;
    let down = |by: u32| grade.saturating_sub(by).max(1);
    let (new_grade, reason) = if facts.vetoed {
        (down(g.veto_drop), Reason::Veto)
    } else if facts.tier == Tier::Bottom {
        (down(1), Reason::Bottom)
    } else if facts.warnings >= g.warnings_to_demote {
        (down(1), Reason::Warnings)
    } else if grade >= levels && facts.score < g.top_keep_min_score {
        (down(1), Reason::TopNotKept)
    } else if facts.tier == Tier::First && grade < levels {
        if h >= g.min_hold_cycles {
            (grade + 1, Reason::Promoted)
        } else {
            (grade, Reason::MinHold)
        }
    } else {
        (grade, Reason::Held)
    };
    Step { grade: new_grade, held: if new_grade == grade { h } else { 0 }, reason }
}

/// §8 the end of a complete cycle for a branch assessed in none of its periods: it keeps its grade and its h
/// still grows.
#[inline]
pub fn absent_step(grade: u32, held: u32) -> (u32, u32) {
    (grade, held + 1)
}

/// One branch at a complete cycle's end, between the rules and the grade quotas: where it was, its cycle score,
/// and the step the rules gave it (for a branch without a cycle result: its grade kept, h grown, reason `held`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CycleEnd {
    /// Grade before the cycle end.
    pub before: u32,
    /// h before the cycle end.
    pub held_before: u32,
    /// Cycle score (only read for the branches promoted at this cycle end).
    pub score: f64,
    /// The outcome; the grade quotas may turn a `promoted` step into a `quota` one.
    pub step: Step,
}

impl CycleEnd {
    /// Whether the branch was promoted into grade g at this cycle end (and kept so far).
    #[inline]
    fn promoted_into(&self, g: u32) -> bool {
        self.step.reason == Reason::Promoted && self.step.grade == g
    }
}

/// What the grade quota of one grade did at one cycle end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QuotaCheck {
    /// The capped grade g.
    pub grade: u32,
    /// `round(N × quota_g, 0)`.
    pub cap: u32,
    /// Branches at g after the cycle end that were not promoted into it (held back from g + 1 included).
    pub stay: u32,
    /// Branches the rules promoted into g.
    pub promoted: u32,
    /// Of those, the ones that kept their promotion (the others stay at g − 1 with reason `quota`).
    pub kept: u32,
}

impl QuotaCheck {
    /// `max(0, cap − stay)`: the places left for promotions.
    pub fn free(&self) -> u32 {
        self.cap.saturating_sub(self.stay)
    }

    /// Promotions held back at g − 1.
    pub fn held_back(&self) -> u32 {
        self.promoted - self.kept
    }

    /// Branches holding g after the cycle end.
    pub fn holding(&self) -> u32 {
        self.stay + self.kept
    }
}

/// METHOD.md §8 grade quotas (等级比例控制) at the end of a complete cycle, after [`apply_rules`] (and
/// [`absent_step`]) have decided every branch's step: `ends` holds every branch of the organisation, `n` is N (the
/// branches in the scenario) and `quotas` is `settings.grades.quotas` (entry g − 1 for grade g).
///
/// The grades g = L, L − 1, …, 2 that have a quota are taken top down: `cap = round(N × quota_g, 0)`, `stay` =
/// the branches now at g that were not promoted into it, `free = max(0, cap − stay)`. A branch promoted into g
/// keeps its promotion when fewer than `free` of the branches promoted into g have a cycle score higher than its
/// own by more than 1e-9 (so branches tied at the last free place are all admitted); the others stay at g − 1 with
/// reason `quota` and h grown but not reset. A branch held back at g − 1 then counts in `stay` of g − 1.
/// Quotas never demote: a cap below the branches already at g only stops promotions into it.
///
/// `report` hears of every grade checked, top down. `scores` is a buffer (any content; it is reused so that the
/// simulation's trial loop allocates nothing once it has grown to the number of branches).
pub fn apply_quotas(
    quotas: &[Option<f64>],
    n: usize,
    ends: &mut [CycleEnd],
    scores: &mut Vec<f64>,
    mut report: impl FnMut(QuotaCheck),
) {
    for g in (2..=quotas.len() as u32).rev() {
        let Some(share) = quotas[g as usize - 1] else { continue };
        let cap = round(n as f64 * share, 0) as u32;
        let mut check = QuotaCheck { grade: g, cap, ..QuotaCheck::default() };
        scores.clear();
        for e in ends.iter() {
            if e.promoted_into(g) {
                scores.push(e.score);
            } else if e.step.grade == g {
                check.stay += 1;
            }
        }
        check.promoted = scores.len() as u32;
        check.kept = check.promoted;
        let free = check.free() as usize;
        if scores.len() > free {
            // Highest first; a branch is admitted when fewer than `free` promoted branches are higher by more
            // than 1e-9 than it.
            scores.sort_unstable_by(|a, b| b.total_cmp(a));
            for e in ends.iter_mut().filter(|e| e.promoted_into(g)) {
                let higher = scores.partition_point(|&x| x > e.score + EPS);
                if higher >= free {
                    e.step = Step { grade: g - 1, held: e.held_before + 1, reason: Reason::Quota };
                    check.kept -= 1;
                }
            }
        }
        report(check);
    }
}
