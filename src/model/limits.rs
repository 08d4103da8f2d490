//! The limits that keep every computation finite and quick (FORMAT.md, "Limits").
//!
//! Two kinds of limit:
//!
//! * **Magnitudes.** Every number a file or an editor can give is finite and at most [`MAX_MAGNITUDE`] (10¹²)
//!   in size; coefficients that multiply (category coefficients k, grade bonus coefficients) are at most
//!   [`MAX_COEFFICIENT`]. With these, the largest intermediate of the method stays far inside `f64` (a target is
//!   at most 10¹² × 1000 × 10 = 10¹⁶, a squared deviation of a history at most 4 × 10²⁴, a bonus weight at
//!   most 10⁶ members × 100 × 1000 = 10¹¹), so no result can be infinite or NaN. The field rules live in
//!   [`super::validate`] (which the reader and every editor use); the numbers are here.
//! * **Sizes.** Lists are bounded ([`MAX_BRANCHES`], …), and so is the work that grows with their product:
//!   the branch × indicator matrix of targets ([`MAX_TARGET_CELLS`]), the branch records of all periods
//!   ([`MAX_ASSESSMENTS`]) and records × indicators, the cells scored ([`MAX_DATA_CELLS`]); target plans
//!   ([`MAX_TARGET_PLANS`], [`MAX_PLAN_OVERRIDES`] each) and the matrices of targets they make the engine keep
//!   ([`MAX_TARGET_SET_CELLS`]); the grade lists of the settings ([`MAX_GRADE_LEVELS`], quotas among them). The
//!   largest scenario these allow is evaluated in well under a second (`cargo bench --bench limits`).
//!
//! The reader refuses a list beyond its limit before reading its items; [`check`] refuses the products after
//! reading; the editors compare [`Sizes`] before and after an edit with [`refuse_growth`].

use super::problem::{Problem, ProblemKind};
use super::{Scenario, TargetPlan};

/// Every number is finite and at most this in size (actuals, history, targets, overrides, base targets,
/// adjustments, optional-action points, thresholds).
pub const MAX_MAGNITUDE: f64 = 1e12;
/// Category coefficients k and grade bonus coefficients: 0..1000.
pub const MAX_COEFFICIENT: f64 = 1000.0;

/// Branches in a scenario. A committee assesses a few hundred branches at most (a large group's committee: its
/// enterprises' branches, grouped by the committee below it). Every page lists them all (ranking, branch table,
/// grade paths): at 5,000 branches importing took a 2.8 s task (CPU time) in the page and opening the results
/// page 3.9 s; at 1,000 both stay under a second (`LIMITS_SHAPE=1000,100,1 node tests/browser/bench-limits.mjs`).
pub const MAX_BRANCHES: usize = 1_000;
/// Indicators in a scenario.
pub const MAX_INDICATORS: usize = 500;
/// Branch categories.
pub const MAX_CATEGORIES: usize = 1_000;
/// Optional actions (and so entries of a record's `optional_done`).
pub const MAX_OPTIONAL_ACTIONS: usize = 500;
/// Recorded periods (100 years of quarters).
pub const MAX_PERIODS: usize = 400;
/// Numbers in one branch's history of one indicator.
pub const MAX_HISTORY: usize = 1_000;
/// Adjustments in one record.
pub const MAX_ADJUSTMENTS: usize = 100;
/// Branches × indicators: the matrix of targets and motivation checks (e.g. 1,000 × 50, 500 × 100 or 250 ×
/// 200). The results page shows every branch's indicators: at 1,000 × 100 opening it took a 1.2 s task (CPU
/// time) in the page, so half of that.
pub const MAX_TARGET_CELLS: usize = 50_000;
/// Target plans (年度目标计划). A committee sets targets once a year, at most once a quarter: 40 periods (10 years of
/// quarters) need at most 40 plans; 100 leaves room for 25 years of quarterly plans.
pub const MAX_TARGET_PLANS: usize = 100;
/// Entries of one plan's `target_overrides` (branch × indicator pairs it changes): a plan may re-set every cell of
/// the matrix, never more (the same bound as [`MAX_TARGET_CELLS`]).
pub const MAX_PLAN_OVERRIDES: usize = MAX_TARGET_CELLS;
/// (Target plans + 1) × branches × indicators: the engine keeps one matrix of targets per plan (the scenario's own
/// and each plan's), about 56 bytes a cell, so this bounds that memory to about 56 MB (e.g. 10 plans over a
/// 1,000 × 50 matrix, 39 plans over 500 × 50, 100 plans over 500 × 19).
pub const MAX_TARGET_SET_CELLS: usize = 1_000_000;
/// Grade levels L (`settings.grades.levels` is 1..20), and so the entries of each grade list of the settings
/// (`names`, `texts`, `bonus_coefficients`, `quotas`): a longer list is refused before its entries are read.
pub const MAX_GRADE_LEVELS: usize = 20;
/// Branch records over all periods together (e.g. 250 branches × 40 periods — ten years of quarters — or 500
/// × 20, 1,000 × 10). A committee assesses a few hundred branches at most; a scenario covers a few grade cycles.
pub const MAX_ASSESSMENTS: usize = 10_000;
/// Branch records over all periods × indicators: the cells scored (e.g. 1,000 branches × 8 periods × 30
/// indicators — the large organisation of the performance benchmarks — 250 × 40 × 25, 100 × 40 × 60). The work
/// of importing grows with it: at the former 500,000 cells (500 × 40 × 25) an import took 4.7 s in the page and
/// its stored document (5.4 M characters) did not fit in localStorage; at 250,000 the stored document (with
/// empty parts of records left out) is about half of that, and reading, checking and evaluating it stays near a
/// second (FORMAT.md, "Limits"; `node tests/browser/bench-limits.mjs`).
pub const MAX_DATA_CELLS: usize = 250_000;

/// What a product limit counts, for its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// Branches × indicators.
    TargetCells,
    /// Branch records over all periods.
    Assessments,
    /// Branch records over all periods × indicators.
    DataCells,
    /// Entries of one target plan's `target_overrides`.
    PlanOverrides,
    /// (Target plans + 1) × branches × indicators: the matrices of targets the engine keeps.
    TargetSets,
}

/// The sizes of a scenario that the limits bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sizes {
    pub branches: usize,
    pub indicators: usize,
    pub categories: usize,
    pub optional_actions: usize,
    pub periods: usize,
    /// Branch records over all periods.
    pub assessments: usize,
    pub target_plans: usize,
    /// The most `target_overrides` entries of one plan.
    pub plan_overrides: usize,
}

impl Sizes {
    /// The sizes of `s` (linear in the number of periods).
    pub fn of(s: &Scenario) -> Sizes {
        Sizes {
            branches: s.branches.len(),
            indicators: s.indicators.len(),
            categories: s.categories.len(),
            optional_actions: s.optional_actions.len(),
            periods: s.periods.len(),
            assessments: s.periods.iter().map(|p| p.records.len()).sum(),
            target_plans: s.target_plans.len(),
            plan_overrides: s.target_plans.iter().map(plan_overrides).max().unwrap_or(0),
        }
    }

    /// (Target plans + 1) × branches × indicators.
    pub fn target_set_cells(&self) -> usize {
        self.target_plans.saturating_add(1).saturating_mul(self.target_cells())
    }

    /// Branches × indicators.
    pub fn target_cells(&self) -> usize {
        self.branches.saturating_mul(self.indicators)
    }

    /// Branch records × indicators.
    pub fn data_cells(&self) -> usize {
        self.assessments.saturating_mul(self.indicators)
    }

    /// Every limit these sizes exceed, each as (the measure's value here, its problem).
    fn excesses(&self) -> Vec<(usize, Problem)> {
        let mut out = Vec::new();
        let mut list = |path: &str, n: usize, max: usize| {
            if n > max {
                out.push((n, Problem::new(path, ProblemKind::TooMany { count: n, max })));
            }
        };
        list("branches", self.branches, MAX_BRANCHES);
        list("indicators", self.indicators, MAX_INDICATORS);
        list("categories", self.categories, MAX_CATEGORIES);
        list("optional_actions", self.optional_actions, MAX_OPTIONAL_ACTIONS);
        list("periods", self.periods, MAX_PERIODS);
        list("target_plans", self.target_plans, MAX_TARGET_PLANS);
        for (path, what, n, max) in [
            ("branches", Amount::TargetCells, self.target_cells(), MAX_TARGET_CELLS),
            ("periods", Amount::Assessments, self.assessments, MAX_ASSESSMENTS),
            ("periods", Amount::DataCells, self.data_cells(), MAX_DATA_CELLS),
            ("target_plans", Amount::PlanOverrides, self.plan_overrides, MAX_PLAN_OVERRIDES),
            ("target_plans", Amount::TargetSets, self.target_set_cells(), MAX_TARGET_SET_CELLS),
        ] {
            if n > max {
                out.push((n, Problem::new(path, ProblemKind::TooMuch { what, count: n, max })));
            }
        }
        out
    }

    /// Every limit these sizes exceed.
    pub fn problems(&self) -> Vec<Problem> {
        self.excesses().into_iter().map(|(_, p)| p).collect()
    }
}

/// The entries of a plan's `target_overrides` (branch × indicator pairs).
pub fn plan_overrides(p: &TargetPlan) -> usize {
    p.target_overrides.values().map(|cells| cells.len()).sum()
}

/// The size limits a scenario exceeds (the list limits and the products), each at the list it concerns; a plan
/// with too many overrides at its own `target_overrides`.
pub fn check(s: &Scenario) -> Vec<Problem> {
    let mut out: Vec<Problem> = Sizes::of(s)
        .problems()
        .into_iter()
        .filter(|p| !matches!(p.kind, ProblemKind::TooMuch { what: Amount::PlanOverrides, .. }))
        .collect();
    for (i, p) in s.target_plans.iter().enumerate() {
        let n = plan_overrides(p);
        if n > MAX_PLAN_OVERRIDES {
            out.push(Problem::new(
                format!("target_plans[{i}].target_overrides"),
                ProblemKind::TooMuch { what: Amount::PlanOverrides, count: n, max: MAX_PLAN_OVERRIDES },
            ));
        }
    }
    out
}

/// For an editor: the limits that an edit taking the scenario from `before` to `after` would break. Only a
/// measure that grows counts, so a scenario at a limit can still be edited in every other way.
pub fn refuse_growth(before: &Sizes, after: &Sizes) -> Result<(), Vec<Problem>> {
    let old = before.excesses();
    let grown: Vec<Problem> = after
        .excesses()
        .into_iter()
        .filter(|(n, p)| !old.iter().any(|(m, q)| q.path == p.path && same_measure(&q.kind, &p.kind) && n <= m))
        .map(|(_, p)| p)
        .collect();
    if grown.is_empty() {
        Ok(())
    } else {
        Err(grown)
    }
}

fn same_measure(a: &ProblemKind, b: &ProblemKind) -> bool {
    match (a, b) {
        (ProblemKind::TooMany { .. }, ProblemKind::TooMany { .. }) => true,
        (ProblemKind::TooMuch { what: x, .. }, ProblemKind::TooMuch { what: y, .. }) => x == y,
        _ => false,
    }
}

/// For an editor: `edit` applied to the sizes of `s`, refused when it grows beyond a limit.
pub fn room(s: &Scenario, edit: impl FnOnce(&mut Sizes)) -> Result<(), Vec<Problem>> {
    let before = Sizes::of(s);
    let mut after = before;
    edit(&mut after);
    refuse_growth(&before, &after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::sample;

    #[test]
    fn the_sample_is_well_inside() {
        assert!(check(&sample()).is_empty());
    }

    #[test]
    fn growth_beyond_a_limit_is_refused_and_names_the_list() {
        let s = sample();
        let err = room(&s, |z| z.branches = MAX_BRANCHES + 1).unwrap_err();
        assert_eq!(err[0].path, "branches");
        assert_eq!(err[0].kind, ProblemKind::TooMany { count: MAX_BRANCHES + 1, max: MAX_BRANCHES });
        assert!(room(&s, |z| z.branches += 1).is_ok());
        let err = room(&s, |z| z.assessments = MAX_ASSESSMENTS + 1).unwrap_err();
        assert_eq!(err[0].path, "periods");
    }

    #[test]
    fn the_benchmark_organisation_fits_and_one_more_period_of_it_does_not() {
        // 1,000 branches × 30 indicators × 8 periods: the large scenario of the keystroke benchmark.
        let big = Sizes { branches: 1000, indicators: 30, periods: 8, assessments: 8000, ..Sizes::default() };
        assert!(big.problems().is_empty(), "{:?}", big.problems());
        let more = Sizes { periods: 9, assessments: 9000, ..big };
        let p = more.problems();
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(matches!(p[0].kind, ProblemKind::TooMuch { what: Amount::DataCells, .. }), "{p:?}");
    }

    #[test]
    fn a_scenario_already_beyond_can_shrink_or_stay() {
        let before = Sizes { branches: MAX_BRANCHES + 5, ..Sizes::default() };
        let after = Sizes { branches: MAX_BRANCHES + 4, ..Sizes::default() };
        assert!(refuse_growth(&before, &after).is_ok());
        assert!(refuse_growth(&before, &before).is_ok());
        let more = Sizes { branches: MAX_BRANCHES + 6, ..Sizes::default() };
        assert!(refuse_growth(&before, &more).is_err());
    }
}
