//! The scenario compiled once into dense, index-based data, and the per-period pipeline of §2–§6 on it.
//!
//! Branches and indicators are numbered by their position in the scenario; a period holds one row per assessed
//! branch with the actuals of every scored indicator side by side. Nothing here looks up a string after
//! [`compile`], so the same pipeline serves the whole-run [`evaluate`](super::results::evaluate) and the
//! simulation of §10, which fills the same arrays with drawn values.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::evaluation::{self, EvaluationScores};
use super::grades;
use super::ranking::{final_score, order_best_first, ranks_along};
use super::scoring::{self, quantitative_fraction, ratio, ScoreRule};
use super::targets::{breakdown_from, condition_factor, plan_order, TargetBreakdown};
use super::tiers::{assign_along, Tier, TierScratch};
use crate::model::settings::{Scoring, Settings};
use crate::model::{Actual, Evaluation, Level, OverrideChange, Quantitative, Scenario};

/// A dense actual that is missing (absent, null, or of the wrong kind).
pub const MISSING: f64 = f64::NAN;
/// `row_of` entry of a branch not assessed in the period.
pub const NOT_ASSESSED: u32 = u32::MAX;

/// One scored (non-veto) indicator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredIndicator {
    /// Index in `scenario.indicators`.
    pub index: usize,
    pub weight: f64,
    pub rule: ScoreRule,
}

/// One branch's record in one period, less its actuals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DenseRecord {
    /// Index in `scenario.branches`.
    pub branch: usize,
    /// §3 points of the optional actions done (each action once), before the cap.
    pub optional_points: f64,
    /// §3 sum of the adjustment points.
    pub adjustments: f64,
    /// §3 any veto indicator recorded as failed.
    pub vetoed: bool,
    pub evaluation: Evaluation,
}

/// One period: a row per assessed branch, in the scenario's branch order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DensePeriod {
    pub rows: Vec<DenseRecord>,
    /// Branch index → row index, or [`NOT_ASSESSED`].
    pub row_of: Vec<u32>,
    /// `actuals[row × n_scored + j]`: the actual of scored indicator j — the number of a quantitative indicator,
    /// the level index (A = 0 … D = 3) of a qualitative one, or [`MISSING`].
    pub actuals: Vec<f64>,
    /// §1 the targets in force in the period: an index into [`Compiled::target_sets`].
    pub target_set: usize,
}

impl DensePeriod {
    /// The actuals of row `row`.
    #[inline]
    pub fn actuals_of(&self, row: usize, n_scored: usize) -> &[f64] {
        &self.actuals[row * n_scored..(row + 1) * n_scored]
    }

    /// The row of branch `b`, if it was assessed.
    #[inline]
    pub fn row(&self, b: usize) -> Option<usize> {
        self.row_of.get(b).filter(|&&r| r != NOT_ASSESSED).map(|&r| r as usize)
    }
}

/// A scenario compiled for computing.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub n_branches: usize,
    /// The scored indicators in the scenario's order.
    pub scored: Vec<ScoredIndicator>,
    /// Σweight of the scored indicators.
    pub weight_sum: f64,
    /// Indices of the veto indicators in `scenario.indicators`.
    pub veto: Vec<usize>,
    /// §1 the targets as the target plans change them: the scenario's own values first, then one set per plan
    /// in period order (each the one before with the plan applied). A period points at the set in force in it;
    /// the last set is the one in force in the last period (or the scenario's own values without periods).
    pub target_sets: Vec<TargetSet>,
    /// Grade at the start, clamped to 1..L.
    pub grades: Vec<u32>,
    pub periods: Vec<DensePeriod>,
}

impl Compiled {
    #[inline]
    pub fn n_scored(&self) -> usize {
        self.scored.len()
    }

    /// The targets in force in the last period (§1: the single target of §9, §10 and the results' `targets`).
    #[inline]
    pub fn last_targets(&self) -> &TargetSet {
        self.target_sets.last().expect("compile makes at least one target set")
    }

    /// Branch b's targets in force in the last period, one per scored indicator.
    #[inline]
    pub fn targets_of(&self, b: usize) -> &[f64] {
        self.last_targets().of(b, self.n_scored())
    }

    /// Branch b's targets in force in period `p`, one per scored indicator.
    #[inline]
    pub fn targets_in(&self, p: &DensePeriod, b: usize) -> &[f64] {
        self.target_sets[p.target_set].of(b, self.n_scored())
    }

    /// §9 branch b's recorded actuals of scored indicator j in the scenario's periods, oldest first (absent
    /// actuals and periods without a record skipped). Its history is `branch.history[indicator]` followed by these.
    pub fn recorded(&self, b: usize, j: usize) -> impl Iterator<Item = f64> + '_ {
        let n = self.n_scored();
        self.periods.iter().filter_map(move |p| p.row(b).map(|row| p.actuals[row * n + j])).filter(|a| !a.is_nan())
    }
}

/// §1 every branch's targets as they stand from one period on.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetSet {
    /// The plan applied last (index into `scenario.target_plans`); `None` for the scenario's own values.
    pub plan: Option<usize>,
    /// `targets[b × n_scored + j]`: branch b's effective target T of scored indicator j (NaN if qualitative).
    pub targets: Vec<f64>,
    /// Same layout: the §1 breakdown of quantitative indicators.
    pub breakdowns: Vec<Option<TargetBreakdown>>,
}

impl TargetSet {
    /// Branch b's targets, one per scored indicator.
    #[inline]
    pub fn of(&self, b: usize, n_scored: usize) -> &[f64] {
        &self.targets[b * n_scored..(b + 1) * n_scored]
    }
}

/// §2 encodes an actual for scored indicator `rule` ([`MISSING`] if absent or of the wrong kind).
#[inline]
pub fn encode(actual: Option<&Actual>, rule: ScoreRule) -> f64 {
    match (rule, actual) {
        (ScoreRule::Quantitative { .. }, Some(Actual::Number(x))) => *x,
        (ScoreRule::Qualitative, Some(Actual::Level(l))) => *l as usize as f64,
        _ => MISSING,
    }
}

/// §2 decodes a dense actual back into the recorded one.
#[inline]
pub fn decode(x: f64, rule: ScoreRule) -> Option<Actual> {
    if x.is_nan() {
        return None;
    }
    Some(match rule {
        ScoreRule::Quantitative { .. } => Actual::Number(x),
        ScoreRule::Qualitative => Actual::Level(Level::ALL[(x as usize).min(3)]),
    })
}

/// Ids sorted for merge-joining with the sorted keys of a record's maps.
pub(crate) fn sorted_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut v: Vec<(&str, usize)> = ids.enumerate().map(|(i, id)| (id, i)).collect();
    v.sort_unstable();
    v
}

/// Calls `f(position, value)` for every key of `map` found in `sorted` (both in code point order): one pass
/// over both, no lookups.
pub(crate) fn merge_join<'a, V>(
    sorted: &[(&str, usize)],
    map: &'a BTreeMap<String, V>,
    mut f: impl FnMut(usize, &'a V),
) {
    let mut i = 0;
    for (key, value) in map {
        while i < sorted.len() {
            match sorted[i].0.cmp(key.as_str()) {
                Ordering::Less => i += 1,
                Ordering::Equal => {
                    f(sorted[i].1, value);
                    i += 1;
                    break;
                }
                Ordering::Greater => break,
            }
        }
    }
}

/// Compiles a scenario: §1 targets for every branch and quantitative indicator, and every period's records as
/// dense rows.
///
/// Reading (for states import refuses but an editor may pass through): records of unknown branches, actuals of
/// unknown indicators, `vetoes` entries of indicators that are not veto indicators and optional actions that do
/// not exist are ignored; a starting grade outside 1..L is clamped into it.
pub fn compile(s: &Scenario) -> Compiled {
    let scored: Vec<ScoredIndicator> = s
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(index, ind)| {
            let rule = ScoreRule::of(ind)?;
            Some(ScoredIndicator { index, weight: ind.scored().map_or(0.0, |sc| sc.weight), rule })
        })
        .collect();
    let veto: Vec<usize> = s.indicators.iter().enumerate().filter(|(_, i)| i.is_veto()).map(|(i, _)| i).collect();
    let n_scored = scored.len();
    let n_branches = s.branches.len();
    let levels = s.settings.grades.levels.max(1);

    let scored_ids = sorted_ids(scored.iter().map(|si| s.indicators[si.index].id.as_str()));
    let quantitative: Vec<Option<&Quantitative>> =
        scored.iter().map(|si| s.indicators[si.index].quantitative()).collect();

    // §1 k per category and scored indicator (1.0 when not listed); a branch without a known category has 1.0.
    let category_ids = sorted_ids(s.categories.iter().map(|c| c.id.as_str()));
    let mut coefficients = vec![1.0; (s.categories.len() + 1) * n_scored];
    for (ci, cat) in s.categories.iter().enumerate() {
        merge_join(&scored_ids, &cat.coefficients, |j, &k| coefficients[ci * n_scored + j] = k);
    }
    let no_category = s.categories.len();

    // §1 the scenario's own values: base per indicator, override per branch × indicator, k and f per branch.
    let mut base: Vec<f64> = quantitative.iter().map(|q| q.map_or(f64::NAN, |q| q.base_target)).collect();
    let mut overrides: Vec<Option<f64>> = vec![None; n_branches * n_scored];
    let mut factor = Vec::with_capacity(n_branches);
    let mut category = Vec::with_capacity(n_branches);
    for (b, branch) in s.branches.iter().enumerate() {
        factor.push(condition_factor(&branch.conditions, &s.settings.differentiation));
        category.push(
            branch
                .category
                .as_deref()
                .and_then(|id| category_ids.binary_search_by(|(c, _)| (*c).cmp(id)).ok())
                .map_or(no_category, |pos| category_ids[pos].1),
        );
        let row = &mut overrides[b * n_scored..(b + 1) * n_scored];
        merge_join(&scored_ids, &branch.target_overrides, |j, &t| row[j] = Some(t));
    }
    let mut first = TargetSet {
        plan: None,
        targets: vec![f64::NAN; n_branches * n_scored],
        breakdowns: vec![None; n_branches * n_scored],
    };
    // Recomputes one cell of `set` from the values now in force.
    let cell = |set: &mut TargetSet, base: &[f64], overrides: &[Option<f64>], b: usize, j: usize| {
        if let Some(q) = quantitative[j] {
            let k = coefficients[category[b] * n_scored + j];
            let t = breakdown_from(q, base[j], k, factor[b], overrides[b * n_scored + j]);
            set.targets[b * n_scored + j] = t.target;
            set.breakdowns[b * n_scored + j] = Some(t);
        }
    };
    for b in 0..n_branches {
        for j in 0..n_scored {
            cell(&mut first, &base, &overrides, b, j);
        }
    }
    let branch_ids = sorted_ids(s.branches.iter().map(|b| b.id.as_str()));

    // §1 target plans in period order: each set is the one before with the plan's changes; only the cells a
    // plan touches are computed again. `set_from[u]`: the set in force in period u.
    let mut target_sets = vec![first];
    let mut set_from = vec![0usize; s.periods.len()];
    let mut changed = vec![false; n_scored];
    for (from, pi) in plan_order(s) {
        let plan = &s.target_plans[pi];
        let mut set = target_sets.last().expect("one set at least").clone();
        set.plan = Some(pi);
        changed.iter_mut().for_each(|c| *c = false);
        merge_join(&scored_ids, &plan.base_targets, |j, &v| {
            base[j] = v;
            changed[j] = true;
        });
        for (j, _) in changed.iter().enumerate().filter(|(_, c)| **c) {
            for b in 0..n_branches {
                cell(&mut set, &base, &overrides, b, j);
            }
        }
        let mut touched: Vec<(usize, usize)> = Vec::new();
        merge_join(&branch_ids, &plan.target_overrides, |b, cells| {
            merge_join(&scored_ids, cells, |j, c| {
                overrides[b * n_scored + j] = match c {
                    OverrideChange::Set(v) => Some(*v),
                    OverrideChange::Remove => None,
                };
                touched.push((b, j));
            });
        });
        for (b, j) in touched {
            cell(&mut set, &base, &overrides, b, j);
        }
        target_sets.push(set);
        let n = target_sets.len() - 1;
        set_from[from..].iter_mut().for_each(|x| *x = n);
    }

    let reader = RecordReader::new(s, &scored, &veto);
    let periods =
        s.periods.iter().zip(&set_from).map(|(period, &target_set)| reader.period(period, target_set)).collect();

    Compiled {
        n_branches,
        weight_sum: scored.iter().map(|si| si.weight).sum(),
        scored,
        veto,
        target_sets,
        grades: s.branches.iter().map(|b| b.grade.clamp(1, levels)).collect(),
        periods,
    }
}

/// Reads records into dense rows: the sorted ids that [`merge_join`] needs, made once per compile (or per edit).
pub(crate) struct RecordReader<'a> {
    s: &'a Scenario,
    scored: &'a [ScoredIndicator],
    scored_ids: Vec<(&'a str, usize)>,
    veto_ids: Vec<(&'a str, usize)>,
    branch_ids: Vec<(&'a str, usize)>,
}

impl<'a> RecordReader<'a> {
    pub(crate) fn new(s: &'a Scenario, scored: &'a [ScoredIndicator], veto: &[usize]) -> RecordReader<'a> {
        RecordReader {
            s,
            scored,
            scored_ids: sorted_ids(scored.iter().map(|si| s.indicators[si.index].id.as_str())),
            veto_ids: sorted_ids(veto.iter().map(|&i| s.indicators[i].id.as_str())),
            branch_ids: sorted_ids(s.branches.iter().map(|b| b.id.as_str())),
        }
    }

    /// One period: a row per assessed branch (known branches only), in the scenario's branch order.
    pub(crate) fn period(&self, period: &crate::model::Period, target_set: usize) -> DensePeriod {
        let n_scored = self.scored.len();
        let mut found: Vec<(usize, &crate::model::Record)> = Vec::with_capacity(period.records.len());
        merge_join(&self.branch_ids, &period.records, |b, r| found.push((b, r)));
        found.sort_unstable_by_key(|&(b, _)| b);
        let mut dp = DensePeriod {
            rows: Vec::with_capacity(found.len()),
            row_of: vec![NOT_ASSESSED; self.s.branches.len()],
            actuals: vec![MISSING; found.len() * n_scored],
            target_set,
        };
        for (row, &(b, rec)) in found.iter().enumerate() {
            dp.row_of[b] = row as u32;
            let record = self.record(b, rec, &mut dp.actuals[row * n_scored..(row + 1) * n_scored]);
            dp.rows.push(record);
        }
        dp
    }

    /// Branch b's record: its actuals written into `actuals` (one per scored indicator, all [`MISSING`] on entry),
    /// the rest returned.
    pub(crate) fn record(&self, b: usize, rec: &crate::model::Record, actuals: &mut [f64]) -> DenseRecord {
        merge_join(&self.scored_ids, &rec.actuals, |j, a| actuals[j] = encode(Some(a), self.scored[j].rule));
        let mut vetoed = false;
        merge_join(&self.veto_ids, &rec.vetoes, |_, &failed| vetoed |= failed);
        DenseRecord {
            branch: b,
            optional_points: scoring::optional_points(&rec.optional_done, &self.s.optional_actions),
            adjustments: scoring::adjustments(&rec.adjustments),
            vetoed,
            evaluation: rec.evaluation,
        }
    }
}

impl Compiled {
    /// Reads period u of `s` again after its records changed (nothing else of `s` did): when `branches` (indices)
    /// are the only branches whose records changed and each of them is still assessed or not as before, only
    /// their rows are read; otherwise the whole period is.
    pub fn reread_period(&mut self, s: &Scenario, u: usize, branches: &[usize]) {
        let reader = RecordReader::new(s, &self.scored, &self.veto);
        let n = self.n_scored();
        let p = &mut self.periods[u];
        let records = &s.periods[u].records;
        let same_rows = branches
            .iter()
            .all(|&b| s.branches.get(b).is_some_and(|br| p.row(b).is_some() == records.contains_key(&br.id)));
        if !same_rows {
            let target_set = p.target_set;
            *p = reader.period(&s.periods[u], target_set);
            return;
        }
        for &b in branches {
            let (Some(row), Some(rec)) = (p.row(b), records.get(&s.branches[b].id)) else { continue };
            let actuals = &mut p.actuals[row * n..(row + 1) * n];
            actuals.iter_mut().for_each(|a| *a = MISSING);
            p.rows[row] = reader.record(b, rec, actuals);
        }
    }
}

/// §2 Σp over the scored indicators of one branch in one period, and whether any actual was missing
/// (a missing actual gives s = 0). `targets` and `actuals` are aligned with `scored`.
#[inline]
pub fn points(scored: &[ScoredIndicator], targets: &[f64], actuals: &[f64], sc: &Scoring) -> (f64, bool) {
    let mut sum = 0.0;
    let mut missing = false;
    for ((ind, &t), &a) in scored.iter().zip(targets).zip(actuals) {
        if a.is_nan() {
            missing = true;
            continue;
        }
        let s = match ind.rule {
            ScoreRule::Quantitative { direction, divisor } => {
                quantitative_fraction(ratio(direction, t, a), divisor, sc.floor_ratio)
            }
            ScoreRule::Qualitative => sc.levels[(a as usize).min(3)],
        };
        sum += ind.weight * s;
    }
    (sum, missing)
}

/// Every number of one branch in one period (§2–§6, §8's warning), before the consequences of §7.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RowScore {
    /// §3 B.
    pub base: f64,
    /// §3 capped bonus.
    pub bonus: f64,
    pub adjustments: f64,
    /// §3 I.
    pub inspection: f64,
    /// §4 m, q, h, E.
    pub evaluation: EvaluationScores,
    /// §5 F.
    pub final_score: f64,
    pub vetoed: bool,
    /// §2 some actual is missing.
    pub missing: bool,
    /// §8 黄牌.
    pub warning: bool,
    /// §5.
    pub rank: u32,
    /// §6.
    pub tier: Tier,
}

/// Buffers reused across periods (and trials).
#[derive(Debug, Default, Clone)]
pub struct PeriodScratch {
    scores: Vec<f64>,
    vetoed: Vec<bool>,
    ranks: Vec<u32>,
    tiers: Vec<Tier>,
    order: Vec<usize>,
    tier: TierScratch,
}

/// §2–§5 one row: B, bonus, adjustments, I, the evaluation, F and the veto.
#[inline]
pub fn score_row(c: &Compiled, p: &DensePeriod, row: usize, s: &Settings) -> RowScore {
    let rec = &p.rows[row];
    let n = c.n_scored();
    let (sum, missing) = points(&c.scored, c.targets_in(p, rec.branch), p.actuals_of(row, n), &s.scoring);
    let base = scoring::base_score(sum, c.weight_sum);
    let bonus = scoring::bonus(rec.optional_points, s.scoring.bonus_cap);
    let inspection = scoring::inspection(base, bonus, rec.adjustments);
    let ev = evaluation::evaluate(&rec.evaluation, &s.evaluation);
    RowScore {
        base,
        bonus,
        adjustments: rec.adjustments,
        inspection,
        evaluation: ev,
        final_score: final_score(inspection, ev.evaluation, s.evaluation.inspection_share),
        vetoed: rec.vetoed,
        missing,
        warning: false,
        rank: 0,
        tier: Tier::Middle,
    }
}

/// §5 ranks, §6 tiers and §8 warnings of one period's rows, whose `final_score` and `vetoed` are set.
pub fn rank_and_tier(rows: &mut [RowScore], s: &Settings, scratch: &mut PeriodScratch) {
    let n = rows.len();
    scratch.scores.clear();
    scratch.scores.extend(rows.iter().map(|r| r.final_score));
    scratch.vetoed.clear();
    scratch.vetoed.extend(rows.iter().map(|r| r.vetoed));
    scratch.ranks.resize(n, 0);
    scratch.tiers.resize(n, Tier::Middle);
    order_best_first(&scratch.scores, &mut scratch.order);
    ranks_along(&scratch.scores, &scratch.order, &mut scratch.ranks);
    assign_along(&scratch.scores, &scratch.vetoed, &scratch.order, &s.tiers, &mut scratch.tiers, &mut scratch.tier);
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = scratch.ranks[i];
        r.tier = scratch.tiers[i];
        r.warning = grades::warning(r.final_score, r.vetoed, &s.grades);
    }
}

/// §2–§6 and §8's warnings for one period: one [`RowScore`] per row of `p`, written into `out`.
pub fn score_period(c: &Compiled, p: &DensePeriod, s: &Settings, out: &mut Vec<RowScore>, scratch: &mut PeriodScratch) {
    out.clear();
    out.extend((0..p.rows.len()).map(|row| score_row(c, p, row, s)));
    rank_and_tier(out, s, scratch);
}
