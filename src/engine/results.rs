//! The whole run (METHOD.md §1–§9 on a scenario's recorded periods) and the results file of FORMAT.md.

use serde::Serialize;

use super::consequences::{self, Claim};
use super::dense::{compile, decode, merge_join, score_period, sorted_ids, Compiled, PeriodScratch, RowScore};
use super::grades::{
    self, absent_step, apply_quotas, apply_rules, CycleEnd, CycleFacts, CycleTally, QuotaCheck, Reason, Step,
};
use super::motivation::{self, Motivation};
use super::ranking::{self, display_order};
use super::scoring::{self, IndicatorScore};
use super::shared::Shared;
use super::targets::TargetBreakdown;
use super::tiers::{assign_into, Tier, TierScratch};
use crate::model::{Direction, Scenario};

/// The `format` value of a results file.
pub const RESULTS_FORMAT: &str = "pbcalc-results";
/// The results file version this build writes.
pub const RESULTS_VERSION: u64 = 1;

/// Everything the calculator computes for a scenario's recorded periods.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The scenario's name.
    pub scenario: String,
    /// §1 and §9 for every branch × quantitative indicator, branches then indicators in the scenario's order.
    /// Each row is [`Shared`] with the results before an edit that did not change it (read it as a `TargetRow`).
    pub targets: Vec<Shared<TargetRow>>,
    /// §2–§8 per period, in the scenario's order; each [`Shared`] like the targets.
    pub periods: Vec<Shared<PeriodResult>>,
    /// §8 per cycle.
    pub cycles: Vec<CycleResult>,
    /// Each branch's grade and h after the last complete cycle (its initial grade and 0 when there is none),
    /// in the scenario's branch order: where §10's projection starts. Not part of the results file.
    pub standing: Vec<Standing>,
}

/// One branch's target of one quantitative indicator and its motivation check.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetRow {
    pub branch: String,
    pub indicator: String,
    pub breakdown: TargetBreakdown,
    pub motivation: Motivation,
}

/// One period's rows, in display order (F descending, then name); only the branches assessed in it.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodResult {
    pub period: String,
    /// §1 the id of the target plan in force in the period (`None`: the scenario's own targets); not in the file.
    pub plan: Option<String>,
    pub rows: Vec<PeriodRow>,
}

/// One branch in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodRow {
    pub branch: String,
    /// §3 B.
    pub base: f64,
    /// §3 capped bonus of the optional actions.
    pub bonus: f64,
    pub adjustments: f64,
    /// §3 I.
    pub inspection: f64,
    /// §4 m, q, h, E (absent sources `None`).
    pub members: Option<f64>,
    pub peers: Option<f64>,
    pub superiors: Option<f64>,
    pub evaluation: Option<f64>,
    /// §5 F.
    pub final_score: f64,
    pub rank: u32,
    pub tier: Tier,
    pub vetoed: bool,
    /// §8 黄牌.
    pub warning: bool,
    /// §2 ids of the scored indicators without an actual, in the scenario's indicator order.
    pub missing: Vec<String>,
    /// Ids of the veto indicators recorded as failed, in the scenario's order (not in the results file).
    pub vetoes_failed: Vec<String>,
    /// §7 the grade in force during the period (not in the results file).
    pub grade: u32,
    /// §7 share of the bonus pool, whole yuan.
    pub bonus_amount: i64,
    /// §7 约谈整改.
    pub talk: bool,
    /// §7 eligible for advanced selection.
    pub eligible: bool,
    /// §2 every scored indicator's score, in the scenario's order (not in the results file).
    pub indicators: Vec<IndicatorScore>,
}

/// One cycle: complete (the grades changed at its end) or the trailing one in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct CycleResult {
    /// 1-based.
    pub cycle: u32,
    pub complete: bool,
    /// Ids of its periods.
    pub periods: Vec<String>,
    /// The branches with a cycle result, in display order (cycle score descending, then name).
    pub rows: Vec<CycleRow>,
    /// §8 grade quotas at this cycle's end: one check per grade with a quota, top grade first (empty for a cycle
    /// in progress and without quotas). Not part of the results file.
    pub quotas: Vec<QuotaCheck>,
}

/// One branch at one cycle's end.
#[derive(Debug, Clone, PartialEq)]
pub struct CycleRow {
    pub branch: String,
    pub score: f64,
    pub tier: Tier,
    pub vetoed: bool,
    pub warnings: u32,
    pub grade_before: u32,
    pub grade_after: u32,
    pub reason: Reason,
}

/// A branch's grade and held counter h.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub branch: String,
    pub grade: u32,
    pub held: u32,
}

/// The complete results of a scenario (FORMAT.md's results file, plus what the UI explains with): §1 and §9 for
/// every branch × quantitative indicator; §2–§7 for every period, rows of the assessed branches only, in display
/// order; §8 for every cycle, the trailing incomplete one included (its score, tier, vetoed and warnings over the
/// periods it has so far, grade unchanged, reason `held`, h not grown).
///
/// The bonus weight of §7 uses the grade in force during the period: the cycle's grade before, or, in a trailing
/// incomplete cycle, the grade after the last complete one.
pub fn evaluate(s: &Scenario) -> Results {
    evaluate_compiled(s, &compile(s))
}

/// [`evaluate`] for a scenario already compiled with [`compile`].
pub fn evaluate_compiled(s: &Scenario, c: &Compiled) -> Results {
    let scores = score_periods(s, c);
    let run = run_cycles(s, c, &scores);
    let mut last_bottom = vec![None; c.n_branches];
    let periods = (0..c.periods.len())
        .map(|u| Shared::new(period_result(s, c, u, &scores[u], &run.in_force[u], &mut last_bottom)))
        .collect();
    let targets = target_rows(s, c);
    assemble(s, targets, periods, run)
}

/// The results from their parts.
pub(super) fn assemble(
    s: &Scenario,
    targets: Vec<Shared<TargetRow>>,
    periods: Vec<Shared<PeriodResult>>,
    run: CycleRun,
) -> Results {
    Results {
        scenario: s.name.clone(),
        targets,
        periods,
        cycles: run.cycles,
        standing: s
            .branches
            .iter()
            .enumerate()
            .map(|(b, br)| Standing { branch: br.id.clone(), grade: run.grade[b], held: run.held[b] })
            .collect(),
    }
}

/// §2–§6 and the warnings of §8, period by period, one [`RowScore`] per assessed branch.
pub(super) fn score_periods(s: &Scenario, c: &Compiled) -> Vec<Vec<RowScore>> {
    let mut scratch = PeriodScratch::default();
    c.periods
        .iter()
        .map(|p| {
            let mut out = Vec::with_capacity(p.rows.len());
            score_period(c, p, &s.settings, &mut out, &mut scratch);
            out
        })
        .collect()
}

/// What §8 leaves behind: the cycles' results, the grade in force in every period row, and each branch's
/// grade and h after the last complete cycle.
pub(super) struct CycleRun {
    pub(super) cycles: Vec<CycleResult>,
    /// `in_force[u][row]`: the grade in force during period u (the cycle's grade before).
    pub(super) in_force: Vec<Vec<u32>>,
    pub(super) grade: Vec<u32>,
    pub(super) held: Vec<u32>,
}

/// §8 cycle by cycle: cycle score, vetoed and warnings per branch with a cycle result, the cycle tiers (§6 on
/// cycle scores), and at the end of a complete cycle the rules; a trailing incomplete cycle changes nothing.
pub(super) fn run_cycles(s: &Scenario, c: &Compiled, scores: &[Vec<RowScore>]) -> CycleRun {
    let st = &s.settings;
    let mut grade = c.grades.clone();
    let mut held = vec![0u32; c.n_branches];
    let mut in_force: Vec<Vec<u32>> = c.periods.iter().map(|p| vec![0; p.rows.len()]).collect();
    let mut cycles = Vec::new();
    let mut tally = vec![CycleTally::default(); c.n_branches];
    let mut tier_scratch = TierScratch::default();
    for (number, (range, complete)) in grades::cycles(c.periods.len(), st.grades.cycle_periods).enumerate() {
        tally.iter_mut().for_each(|t| *t = CycleTally::default());
        for u in range.clone() {
            for ((row, r), g) in c.periods[u].rows.iter().zip(&scores[u]).zip(in_force[u].iter_mut()) {
                tally[row.branch].add(r.final_score, r.vetoed, r.warning);
                *g = grade[row.branch];
            }
        }
        // The branches with a cycle result, in the scenario's order; their cycle tiers and ranks.
        let members: Vec<usize> = (0..c.n_branches).filter(|&b| tally[b].periods > 0).collect();
        let cycle_scores: Vec<f64> = members.iter().map(|&b| tally[b].score().unwrap_or(0.0)).collect();
        let cycle_vetoed: Vec<bool> = members.iter().map(|&b| tally[b].vetoed).collect();
        let mut tiers = vec![Tier::Middle; members.len()];
        assign_into(&cycle_scores, &cycle_vetoed, &st.tiers, &mut tiers, &mut tier_scratch);
        let ranks = ranking::ranks(&cycle_scores);

        // The rules for every branch (those without a cycle result keep their grade, h grows), then the grade
        // quotas over the whole organisation.
        let mut ends: Vec<CycleEnd> = Vec::with_capacity(c.n_branches);
        let mut facts: Vec<CycleFacts> = Vec::with_capacity(members.len());
        let mut next = 0;
        for b in 0..c.n_branches {
            let (before, held_before) = (grade[b], held[b]);
            let step = if members.get(next) == Some(&b) {
                let i = next;
                next += 1;
                let f = CycleFacts {
                    score: cycle_scores[i],
                    tier: tiers[i],
                    vetoed: cycle_vetoed[i],
                    warnings: tally[b].warnings,
                };
                facts.push(f);
                if complete {
                    apply_rules(before, held_before, &f, &st.grades)
                } else {
                    Step { grade: before, held: held_before, reason: Reason::Held }
                }
            } else if complete {
                // Assessed in none of the cycle's periods: no row, grade kept, h still grows.
                let (grade, held) = absent_step(before, held_before);
                Step { grade, held, reason: Reason::Held }
            } else {
                Step { grade: before, held: held_before, reason: Reason::Held }
            };
            let score = tally[b].score().unwrap_or(f64::NAN);
            ends.push(CycleEnd { before, held_before, score, step });
        }
        let mut quota_checks = Vec::new();
        if let (true, Some(quotas)) = (complete, &st.grades.quotas) {
            apply_quotas(quotas, c.n_branches, &mut ends, &mut Vec::new(), |q| quota_checks.push(q));
        }
        for (b, e) in ends.iter().enumerate() {
            (grade[b], held[b]) = (e.step.grade, e.step.held);
        }
        let rows: Vec<CycleRow> = members
            .iter()
            .zip(&facts)
            .map(|(&b, f)| CycleRow {
                branch: s.branches[b].id.clone(),
                score: f.score,
                tier: f.tier,
                vetoed: f.vetoed,
                warnings: f.warnings,
                grade_before: ends[b].before,
                grade_after: ends[b].step.grade,
                reason: ends[b].step.reason,
            })
            .collect();
        let order =
            display_order(&ranks, |i| (s.branches[members[i]].name.as_str(), s.branches[members[i]].id.as_str()));
        cycles.push(CycleResult {
            cycle: number as u32 + 1,
            complete,
            periods: range.map(|u| s.periods[u].id.clone()).collect(),
            rows: reorder(rows, &order),
            quotas: quota_checks,
        });
    }
    CycleRun { cycles, in_force, grade, held }
}

/// §7 for period u (bonus pool, talk, eligibility) and its rows in display order. `last_bottom` holds each
/// branch's latest earlier period in the bottom tier and is brought up to date with period u.
pub(super) fn period_result(
    s: &Scenario,
    c: &Compiled,
    u: usize,
    scores: &[RowScore],
    in_force: &[u32],
    last_bottom: &mut [Option<usize>],
) -> PeriodResult {
    let st = &s.settings;
    let p = &c.periods[u];
    let claims: Vec<Claim> = p
        .rows
        .iter()
        .zip(scores)
        .zip(in_force)
        .map(|((row, r), &g)| {
            let b = &s.branches[row.branch];
            let weight = consequences::bonus_weight(b.members, r.tier, st.grades.coefficient(g), &st.consequences);
            Claim { weight, rank: r.rank, id: b.id.as_str() }
        })
        .collect();
    let amounts = consequences::allocate(st.consequences.bonus_pool, &claims);
    let eligible: Vec<bool> = p
        .rows
        .iter()
        .zip(scores)
        .map(|(row, r)| consequences::eligible(r.tier, u, last_bottom[row.branch], st.consequences.disqualify_periods))
        .collect();
    note_bottoms(c, u, scores, last_bottom);

    let ranks: Vec<u32> = scores.iter().map(|r| r.rank).collect();
    let branch = |i: usize| &s.branches[p.rows[i].branch];
    let order = display_order(&ranks, |i| (branch(i).name.as_str(), branch(i).id.as_str()));
    let rows = order
        .into_iter()
        .map(|i| {
            let r = &scores[i];
            PeriodRow {
                branch: branch(i).id.clone(),
                base: r.base,
                bonus: r.bonus,
                adjustments: r.adjustments,
                inspection: r.inspection,
                members: r.evaluation.members,
                peers: r.evaluation.peers,
                superiors: r.evaluation.superiors,
                evaluation: r.evaluation.evaluation,
                final_score: r.final_score,
                rank: r.rank,
                tier: r.tier,
                vetoed: r.vetoed,
                warning: r.warning,
                missing: missing(s, c, u, i, r),
                vetoes_failed: vetoes_failed(s, c, u, i),
                grade: in_force[i],
                bonus_amount: amounts[i],
                talk: consequences::talk(r.tier),
                eligible: eligible[i],
                indicators: indicator_scores(s, c, u, i),
            }
        })
        .collect();
    let plan = c.target_sets[p.target_set].plan.map(|i| s.target_plans[i].id.clone());
    PeriodResult { period: s.periods[u].id.clone(), plan, rows }
}

/// §7 brings `last_bottom` (each branch's latest period in the bottom tier) up to date with period u.
pub(super) fn note_bottoms(c: &Compiled, u: usize, scores: &[RowScore], last_bottom: &mut [Option<usize>]) {
    for (row, r) in c.periods[u].rows.iter().zip(scores) {
        if r.tier == Tier::Bottom {
            last_bottom[row.branch] = Some(u);
        }
    }
}

/// §2 every scored indicator's target, actual, ratio, fraction and points for row `row` of period u.
fn indicator_scores(s: &Scenario, c: &Compiled, u: usize, row: usize) -> Vec<IndicatorScore> {
    let p = &c.periods[u];
    let actuals = p.actuals_of(row, c.n_scored());
    let targets = c.targets_in(p, p.rows[row].branch);
    c.scored
        .iter()
        .enumerate()
        .map(|(j, si)| {
            let actual = decode(actuals[j], si.rule);
            let (ratio, fraction) =
                scoring::fraction(si.rule, targets[j], actual, &s.settings.scoring).unwrap_or((None, 0.0));
            IndicatorScore {
                indicator: si.index,
                weight: si.weight,
                target: (!targets[j].is_nan()).then_some(targets[j]),
                actual,
                ratio,
                fraction,
                points: si.weight * fraction,
            }
        })
        .collect()
}

/// §2 the ids of the scored indicators without an actual, in the scenario's indicator order.
fn missing(s: &Scenario, c: &Compiled, u: usize, row: usize, r: &RowScore) -> Vec<String> {
    if !r.missing {
        return Vec::new();
    }
    let actuals = c.periods[u].actuals_of(row, c.n_scored());
    c.scored.iter().zip(actuals).filter(|(_, a)| a.is_nan()).map(|(si, _)| s.indicators[si.index].id.clone()).collect()
}

/// §3 the ids of the veto indicators recorded as failed, in the scenario's order.
fn vetoes_failed(s: &Scenario, c: &Compiled, u: usize, row: usize) -> Vec<String> {
    let p = &c.periods[u];
    if !p.rows[row].vetoed {
        return Vec::new();
    }
    let Some(rec) = s.periods[u].records.get(&s.branches[p.rows[row].branch].id) else { return Vec::new() };
    c.veto
        .iter()
        .map(|&k| &s.indicators[k].id)
        .filter(|id| rec.vetoes.get(*id).copied().unwrap_or(false))
        .cloned()
        .collect()
}

/// §1 and §9 for every branch × quantitative indicator.
pub(super) fn target_rows(s: &Scenario, c: &Compiled) -> Vec<Shared<TargetRow>> {
    let t = TargetRows::new(s, c);
    let mut out = Vec::with_capacity(c.last_targets().breakdowns.iter().filter(|b| b.is_some()).count());
    for b in 0..s.branches.len() {
        t.branch(b, &mut out);
    }
    out
}

/// §1 and §9 branch by branch: what every branch's rows share.
pub(super) struct TargetRows<'a> {
    s: &'a Scenario,
    c: &'a Compiled,
    scored_ids: Vec<(&'a str, usize)>,
    higher: f64,
    lower: f64,
}

impl<'a> TargetRows<'a> {
    pub(super) fn new(s: &'a Scenario, c: &'a Compiled) -> TargetRows<'a> {
        let m = &s.settings.motivation;
        let quantile = |d: Direction| motivation::desired_quantile(d, m.desired);
        TargetRows {
            s,
            c,
            scored_ids: sorted_ids(c.scored.iter().map(|si| s.indicators[si.index].id.as_str())),
            higher: quantile(Direction::Higher),
            lower: quantile(Direction::Lower),
        }
    }

    /// Branch b's rows (one per quantitative indicator, in the scenario's order), pushed onto `out`.
    pub(super) fn branch(&self, b: usize, out: &mut Vec<Shared<TargetRow>>) {
        let (s, c) = (self.s, self.c);
        let n_scored = c.n_scored();
        let branch = &s.branches[b];
        let mut histories: Vec<&[f64]> = vec![&[]; n_scored];
        merge_join(&self.scored_ids, &branch.history, |j, h| histories[j] = h.as_slice());
        let last = c.last_targets();
        let m = &s.settings.motivation;
        let mut xs: Vec<f64> = Vec::new();
        for (j, si) in c.scored.iter().enumerate() {
            let Some(breakdown) = last.breakdowns[b * n_scored + j] else {
                continue;
            };
            let ind = &s.indicators[si.index];
            let Some(q) = ind.quantitative() else {
                continue;
            };
            // §9 history: the values before the first period, then the recorded actuals.
            xs.clear();
            xs.extend_from_slice(histories[j]);
            xs.extend(c.recorded(b, j));
            out.push(Shared::new(TargetRow {
                branch: branch.id.clone(),
                indicator: ind.id.clone(),
                breakdown,
                motivation: motivation::assess_at(
                    &xs,
                    breakdown.target,
                    q,
                    m,
                    match q.direction {
                        Direction::Higher => self.higher,
                        Direction::Lower => self.lower,
                    },
                ),
            }));
        }
    }
}

/// `items` in the order of `order` (a permutation of their positions).
fn reorder<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

// ---------------------------------------------------------------------------------------------------------
// The results file

#[derive(Serialize)]
struct FileResults<'a> {
    format: &'static str,
    version: u64,
    scenario: &'a str,
    targets: Vec<FileTarget<'a>>,
    periods: Vec<FilePeriod<'a>>,
    cycles: Vec<FileCycle<'a>>,
}

#[derive(Serialize)]
struct FileTarget<'a> {
    branch: &'a str,
    indicator: &'a str,
    target: f64,
    base: f64,
    coefficient: f64,
    factor: f64,
    overridden: bool,
    motivation: FileMotivation,
}

#[derive(Serialize)]
struct FileMotivation {
    class: &'static str,
    p: Option<f64>,
    mu: Option<f64>,
    sigma: Option<f64>,
    suggested: Option<f64>,
}

#[derive(Serialize)]
struct FilePeriod<'a> {
    period: &'a str,
    branches: Vec<FilePeriodRow<'a>>,
}

#[derive(Serialize)]
struct FilePeriodRow<'a> {
    branch: &'a str,
    base: f64,
    bonus: f64,
    adjustments: f64,
    inspection: f64,
    members: Option<f64>,
    peers: Option<f64>,
    superiors: Option<f64>,
    evaluation: Option<f64>,
    #[serde(rename = "final")]
    final_score: f64,
    rank: u32,
    tier: &'static str,
    vetoed: bool,
    warning: bool,
    missing: &'a [String],
    bonus_amount: i64,
    talk: bool,
    eligible_for_advanced: bool,
}

#[derive(Serialize)]
struct FileCycle<'a> {
    cycle: u32,
    complete: bool,
    periods: &'a [String],
    branches: Vec<FileCycleRow<'a>>,
}

#[derive(Serialize)]
struct FileCycleRow<'a> {
    branch: &'a str,
    score: f64,
    tier: &'static str,
    vetoed: bool,
    warnings: u32,
    grade_before: u32,
    grade_after: u32,
    reason: &'static str,
}

fn file(r: &Results) -> FileResults<'_> {
    FileResults {
        format: RESULTS_FORMAT,
        version: RESULTS_VERSION,
        scenario: &r.scenario,
        targets: r
            .targets
            .iter()
            .map(|t| {
                let t: &TargetRow = t;
                let m = &t.motivation;
                let known = m.class != motivation::MotivationClass::Unknown;
                FileTarget {
                    branch: &t.branch,
                    indicator: &t.indicator,
                    target: t.breakdown.target,
                    base: t.breakdown.base,
                    coefficient: t.breakdown.k,
                    factor: t.breakdown.f,
                    overridden: t.breakdown.overridden,
                    motivation: FileMotivation {
                        class: m.class.as_str(),
                        p: m.p.filter(|_| known),
                        mu: m.mu.filter(|_| known),
                        sigma: m.sigma.filter(|_| known),
                        suggested: m.suggested.filter(|_| known),
                    },
                }
            })
            .collect(),
        periods: r
            .periods
            .iter()
            .map(|p| FilePeriod {
                period: &p.period,
                branches: p
                    .rows
                    .iter()
                    .map(|b| FilePeriodRow {
                        branch: &b.branch,
                        base: b.base,
                        bonus: b.bonus,
                        adjustments: b.adjustments,
                        inspection: b.inspection,
                        members: b.members,
                        peers: b.peers,
                        superiors: b.superiors,
                        evaluation: b.evaluation,
                        final_score: b.final_score,
                        rank: b.rank,
                        tier: b.tier.as_str(),
                        vetoed: b.vetoed,
                        warning: b.warning,
                        missing: &b.missing,
                        bonus_amount: b.bonus_amount,
                        talk: b.talk,
                        eligible_for_advanced: b.eligible,
                    })
                    .collect(),
            })
            .collect(),
        cycles: r
            .cycles
            .iter()
            .map(|c| FileCycle {
                cycle: c.cycle,
                complete: c.complete,
                periods: &c.periods,
                branches: c
                    .rows
                    .iter()
                    .map(|b| FileCycleRow {
                        branch: &b.branch,
                        score: b.score,
                        tier: b.tier.as_str(),
                        vetoed: b.vetoed,
                        warnings: b.warnings,
                        grade_before: b.grade_before,
                        grade_after: b.grade_after,
                        reason: b.reason.as_str(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The results file of FORMAT.md as JSON: format `pbcalc-results`, version 1, the scenario's name, `targets`
/// (quantitative indicators only), `periods` and `cycles` with their rows in display order; absent sources and
/// the numbers of an `unknown` motivation class are `null`.
pub fn results_to_value(r: &Results) -> serde_json::Value {
    serde_json::to_value(file(r)).unwrap_or(serde_json::Value::Null)
}

/// The results file as pretty JSON text, fields in the order of FORMAT.md.
pub fn results_to_string(r: &Results) -> String {
    serde_json::to_string_pretty(&file(r)).unwrap_or_default()
}
