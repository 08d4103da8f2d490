//! METHOD.md §8 — grades and promotion/demotion (提档升级), per cycle: warnings (黄牌), cycles, the cycle's
//! score/tier/veto, the held counter h, and the six rules.
//!
//! [`apply_rules`] is a pure step function so that the simulation of §10 runs the same rules on its own cycles.

use std::ops::Range;

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
}

impl Reason {
    pub const ALL: [Reason; 7] = [
        Reason::Veto,
        Reason::Bottom,
        Reason::Warnings,
        Reason::TopNotKept,
        Reason::Promoted,
        Reason::MinHold,
        Reason::Held,
    ];

    /// The results file's word: `veto` | `bottom` | `warnings` | `top_not_kept` | `promoted` | `min_hold` | `held`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Veto => "veto",
            Reason::Bottom => "bottom",
            Reason::Warnings => "warnings",
            Reason::TopNotKept => "top_not_kept",
            Reason::Promoted => "promoted",
            Reason::MinHold => "min_hold",
            Reason::Held => "held",
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
