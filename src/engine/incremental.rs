//! The whole run kept between edits: an edit recomputes only what it can change.
//!
//! [`Evaluation::start`] evaluates a scenario like [`evaluate`](super::evaluate) and keeps what it computed on the
//! way: the compiled scenario ([`Compiled`]), every period's scores, the grades in force and each branch's last
//! bottom tier before every period, and the parts of the results. [`Evaluation::apply`] then takes the scenario
//! after an edit and a [`Change`] saying what the edit touched:
//!
//! * [`Change::Records`] (some branches' records in one period u): reads those records again (only their rows,
//!   unless a branch became assessed or not), scores period u again (§2–§6, its ranking and tiers), runs the
//!   cycles of §8 again (cheap: sums over the rows), and rebuilds the rows of period u and of every later period
//!   whose grades in force or eligibility window (§7) moved; §1 targets are untouched, and §9 motivation is
//!   recomputed for the edited branches only (their recorded actuals are their history). Every other part of the
//!   results is shared ([`Shared`]) with the previous results, so nothing is copied.
//! * [`Change::Other`]: anything else; evaluated from scratch.
//!
//! The results are always equal to a full evaluation of the same scenario (`tests/incremental.rs` checks this on
//! random edit sequences). The caller promises that `Change` names everything the edit touched.

use super::dense::{compile, score_period, Compiled, PeriodScratch, RowScore};
use super::results::{assemble, note_bottoms, period_result, run_cycles, score_periods, target_rows, TargetRows};
use super::results::{PeriodResult, Results, TargetRow};
use super::shared::Shared;
use crate::model::Scenario;

/// What an edit of the scenario touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Only the records (values, assessed or not) of these branches (ids) in this period (id) changed.
    Records { period: String, branches: Vec<String> },
    /// Anything else (or not known): everything is computed again.
    Other,
}

impl Change {
    /// Both changes one after the other, as one change: the records of one period, the branches of both; `None`
    /// when they are not records of one period (then only a full evaluation covers both).
    pub fn joined(&self, next: &Change) -> Option<Change> {
        match (self, next) {
            (Change::Records { period: p, branches: a }, Change::Records { period: q, branches: b }) if p == q => {
                let mut branches = a.clone();
                branches.extend(b.iter().filter(|id| !a.contains(id)).cloned());
                Some(Change::Records { period: p.clone(), branches })
            }
            _ => None,
        }
    }
}

/// A scenario's results and what they were computed from, ready for the next edit.
#[derive(Debug, Clone)]
pub struct Evaluation {
    c: Compiled,
    /// §2–§6 per period, one per dense row.
    scores: Vec<Vec<RowScore>>,
    /// §8 the grade in force in every row of every period.
    in_force: Vec<Vec<u32>>,
    /// `bottoms[u][b]`: branch b's latest period in the bottom tier before period u (§7 eligibility).
    bottoms: Vec<Vec<Option<usize>>>,
    targets: Vec<Shared<TargetRow>>,
    periods: Vec<Shared<PeriodResult>>,
    /// Full evaluations and incremental ones since the start (for benchmarks and tests).
    pub counts: (u64, u64),
}

impl Evaluation {
    /// Evaluates `s` from scratch: its results (equal to [`evaluate`](super::evaluate)) and the evaluation kept.
    pub fn start(s: &Scenario) -> (Evaluation, Results) {
        let c = compile(s);
        let scores = score_periods(s, &c);
        let mut run = run_cycles(s, &c, &scores);
        let mut last_bottom = vec![None; c.n_branches];
        let mut bottoms = Vec::with_capacity(c.periods.len());
        let periods: Vec<Shared<PeriodResult>> = (0..c.periods.len())
            .map(|u| {
                bottoms.push(last_bottom.clone());
                Shared::new(period_result(s, &c, u, &scores[u], &run.in_force[u], &mut last_bottom))
            })
            .collect();
        let targets = target_rows(s, &c);
        let in_force = std::mem::take(&mut run.in_force);
        let results = assemble(s, targets.clone(), periods.clone(), run);
        (Evaluation { c, scores, in_force, bottoms, targets, periods, counts: (1, 0) }, results)
    }

    /// The results of `s`, the scenario this evaluation was last given after an edit that touched `change`.
    pub fn apply(&mut self, s: &Scenario, change: &Change) -> Results {
        if let Change::Records { period, branches } = change {
            if let Some(r) = self.records(s, period, branches) {
                self.counts.1 += 1;
                return r;
            }
        }
        let counts = self.counts;
        let (next, results) = Evaluation::start(s);
        *self = next;
        self.counts = (counts.0 + 1, counts.1);
        results
    }

    /// [`Change::Records`]; `None` when the change does not fit what was evaluated (then the caller starts over).
    fn records(&mut self, s: &Scenario, period: &str, branches: &[String]) -> Option<Results> {
        let u = s.period_index(period)?;
        if s.periods.len() != self.c.periods.len() || s.branches.len() != self.c.n_branches {
            return None;
        }
        let bs: Vec<usize> =
            branches.iter().map(|id| s.branches.iter().position(|b| &b.id == id)).collect::<Option<_>>()?;
        let nq = s.indicators.iter().filter(|i| i.quantitative().is_some()).count();
        if self.targets.len() != nq * s.branches.len() {
            return None;
        }

        // §2–§6 of period u.
        self.c.reread_period(s, u, &bs);
        let mut out = Vec::with_capacity(self.c.periods[u].rows.len());
        score_period(&self.c, &self.c.periods[u], &s.settings, &mut out, &mut PeriodScratch::default());
        self.scores[u] = out;

        // §8 cycles, then §7 for period u and every later period whose inputs moved.
        let mut run = run_cycles(s, &self.c, &self.scores);
        let mut last_bottom = self.bottoms[u].clone();
        for v in u..self.c.periods.len() {
            let before = last_bottom.clone();
            if v > u && run.in_force[v] == self.in_force[v] && before == self.bottoms[v] {
                note_bottoms(&self.c, v, &self.scores[v], &mut last_bottom);
            } else {
                self.periods[v] =
                    Shared::new(period_result(s, &self.c, v, &self.scores[v], &run.in_force[v], &mut last_bottom));
            }
            self.bottoms[v] = before;
        }
        self.in_force = std::mem::take(&mut run.in_force);

        // §9 of the edited branches: their recorded actuals changed.
        let rows = TargetRows::new(s, &self.c);
        let mut fresh = Vec::with_capacity(nq);
        for &b in &bs {
            fresh.clear();
            rows.branch(b, &mut fresh);
            for (slot, row) in self.targets[b * nq..(b + 1) * nq].iter_mut().zip(fresh.drain(..)) {
                if **slot != *row {
                    *slot = row;
                }
            }
        }
        Some(assemble(s, self.targets.clone(), self.periods.clone(), run))
    }
}
