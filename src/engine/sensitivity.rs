//! Sensitivity of the results to one parameter (稳定性分析): sweep a source weight, the inspection share, a
//! tier share, an indicator's weight or a grade's quota over a range and see which branches change tier or grade and how far the
//! ranking moves (Kendall's τ-b against the current setting).
//!
//! Each step sets the parameter in a copy of the scenario and runs the engine's own
//! [`evaluate_compiled`] on the recorded periods; nothing of the method is
//! written again here. A [`Sweep`] computes one step per [`Sweep::step`] call, so a page can run it in slices.

use super::dense::{compile, Compiled};
use super::results::{evaluate_compiled, Results};
use super::tiers::Tier;
use crate::model::settings::Settings;
use crate::model::{IndicatorKind, Scenario};

/// A source of the democratic evaluation (§4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// w_m, members & masses (党员群众).
    Members,
    /// w_q, peer secretaries (其他支部书记).
    Peers,
    /// w_h, superiors (上级机关).
    Superiors,
}

/// A quota share of §6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Share {
    /// `tiers.first_share`.
    First,
    /// `tiers.bottom_share`.
    Bottom,
}

/// The parameter a sweep varies.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Parameter {
    /// `settings.evaluation.weights.members` / `peers` / `superiors`.
    SourceWeight(Source),
    /// `settings.evaluation.inspection_share`.
    InspectionShare,
    /// `settings.tiers.first_share` / `bottom_share`.
    TierShare(Share),
    /// The `weight` of the scored indicator with this id.
    IndicatorWeight(String),
    /// `settings.grades.quotas[g − 1]` of grade g (METHOD.md §8 grade quotas): which branches' grades change as
    /// the cap moves. A grade without a quota reads as 1 (a cap of every branch, which never holds anyone back).
    GradeQuota(u32),
}

impl Parameter {
    /// Where the parameter sits in the scenario file: `settings.evaluation.inspection_share`,
    /// `indicators[id].weight`, ….
    pub fn path(&self) -> String {
        match self {
            Parameter::SourceWeight(Source::Members) => "settings.evaluation.weights.members".into(),
            Parameter::SourceWeight(Source::Peers) => "settings.evaluation.weights.peers".into(),
            Parameter::SourceWeight(Source::Superiors) => "settings.evaluation.weights.superiors".into(),
            Parameter::InspectionShare => "settings.evaluation.inspection_share".into(),
            Parameter::TierShare(Share::First) => "settings.tiers.first_share".into(),
            Parameter::TierShare(Share::Bottom) => "settings.tiers.bottom_share".into(),
            Parameter::IndicatorWeight(id) => format!("indicators[{id}].weight"),
            Parameter::GradeQuota(g) => format!("settings.grades.quotas[{}]", g.saturating_sub(1)),
        }
    }

    /// The parameter's place in `s`; `None` when it names no scored indicator.
    fn slot<'a>(&self, s: &'a mut Scenario) -> Option<&'a mut f64> {
        let st: &mut Settings = &mut s.settings;
        Some(match self {
            Parameter::SourceWeight(Source::Members) => &mut st.evaluation.weight_members,
            Parameter::SourceWeight(Source::Peers) => &mut st.evaluation.weight_peers,
            Parameter::SourceWeight(Source::Superiors) => &mut st.evaluation.weight_superiors,
            Parameter::InspectionShare => &mut st.evaluation.inspection_share,
            Parameter::TierShare(Share::First) => &mut st.tiers.first_share,
            Parameter::TierShare(Share::Bottom) => &mut st.tiers.bottom_share,
            Parameter::IndicatorWeight(id) => match &mut s.indicators.iter_mut().find(|i| &i.id == id)?.kind {
                IndicatorKind::Scored(sc) => &mut sc.weight,
                IndicatorKind::Veto => return None,
            },
            // An `Option` in the settings: set by `set`.
            Parameter::GradeQuota(_) => return None,
        })
    }

    /// The parameter's value in `s`; `None` when it names no scored indicator.
    pub fn value(&self, s: &Scenario) -> Option<f64> {
        let st = &s.settings;
        Some(match self {
            Parameter::SourceWeight(Source::Members) => st.evaluation.weight_members,
            Parameter::SourceWeight(Source::Peers) => st.evaluation.weight_peers,
            Parameter::SourceWeight(Source::Superiors) => st.evaluation.weight_superiors,
            Parameter::InspectionShare => st.evaluation.inspection_share,
            Parameter::TierShare(Share::First) => st.tiers.first_share,
            Parameter::TierShare(Share::Bottom) => st.tiers.bottom_share,
            Parameter::IndicatorWeight(id) => s.indicator(id)?.scored()?.weight,
            Parameter::GradeQuota(g) => {
                if !(1..=st.grades.levels).contains(g) {
                    return None;
                }
                st.grades.quota(*g).unwrap_or(1.0)
            }
        })
    }

    /// Sets the parameter in `s` to `v`; `false` when it names no scored indicator.
    pub fn set(&self, s: &mut Scenario, v: f64) -> bool {
        if let Parameter::GradeQuota(g) = *self {
            let levels = s.settings.grades.levels as usize;
            if g == 0 || g as usize > levels {
                return false;
            }
            let q = s.settings.grades.quotas.get_or_insert_with(|| vec![None; levels]);
            q.resize(levels, None);
            q[g as usize - 1] = Some(v);
            return true;
        }
        match self.slot(s) {
            Some(slot) => {
                *slot = v;
                true
            }
            None => false,
        }
    }

    /// Whether changing the parameter changes the compiled scenario (only an indicator's weight does).
    fn needs_compile(&self) -> bool {
        matches!(self, Parameter::IndicatorWeight(_))
    }
}

/// What to sweep: `parameter` from `from` to `to` in `steps` evenly spaced values (both ends included; one step
/// is `from` alone), with tiers and ranking read in period `period` (an index into `scenario.periods`; `None`
/// is the last period).
#[derive(Debug, Clone, PartialEq)]
pub struct SweepSpec {
    pub parameter: Parameter,
    pub from: f64,
    pub to: f64,
    pub steps: u32,
    pub period: Option<usize>,
}

impl SweepSpec {
    /// The values of the steps: `from + (to − from) × i / (steps − 1)`, the last one exactly `to`.
    pub fn values(&self) -> Vec<f64> {
        let n = self.steps as usize;
        (0..n)
            .map(|i| {
                if n == 1 || i == 0 {
                    self.from
                } else if i == n - 1 {
                    self.to
                } else {
                    self.from + (self.to - self.from) * i as f64 / (n - 1) as f64
                }
            })
            .collect()
    }
}

/// Why a sweep cannot be set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SweepError {
    /// The indicator id names no scored (non-veto) indicator.
    UnknownIndicator(String),
    /// `steps` is 0.
    NoSteps,
    /// `from` or `to` is not a finite number.
    NotFinite,
    /// `period` is past the scenario's last period.
    UnknownPeriod(usize),
    /// A grade quota of a grade outside 1..L.
    UnknownGrade(u32),
}

/// The scenario's results at one value of the parameter, per branch in the scenario's order.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepPoint {
    /// Tier in the sweep's period (`None`: not assessed in it, or the scenario has no period).
    pub tiers: Vec<Option<Tier>>,
    /// Final score F in the sweep's period.
    pub scores: Vec<Option<f64>>,
    /// Rank in the sweep's period.
    pub ranks: Vec<Option<u32>>,
    /// Grade after the recorded complete cycles (the starting grade when there is none).
    pub grades: Vec<u32>,
}

/// One step of a sweep, compared with the current setting.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepStep {
    pub value: f64,
    pub point: SweepPoint,
    /// Ids of the branches whose tier in the period differs from the current setting's, in the scenario's order.
    pub tier_changed: Vec<String>,
    /// Ids of the branches whose grade differs from the current setting's, in the scenario's order.
    pub grade_changed: Vec<String>,
    /// Kendall's τ-b between this step's ranking and the current setting's, over the branches assessed in the
    /// period; `None` when fewer than two are assessed or either ranking is one tie.
    pub tau: Option<f64>,
}

/// The outcome of a sweep (or of the steps done so far).
#[derive(Debug, Clone, PartialEq)]
pub struct SweepResult {
    pub parameter: Parameter,
    /// The parameter's value in the scenario.
    pub current: f64,
    /// Id of the period the tiers and the ranking come from (`None` when the scenario has no period).
    pub period: Option<String>,
    /// Branch ids, the order of every per-branch list.
    pub branches: Vec<String>,
    /// At the current value.
    pub baseline: SweepPoint,
    /// The steps done, in order.
    pub steps: Vec<SweepStep>,
    pub steps_planned: u32,
}

/// A sweep that runs one step per [`step`](Sweep::step) call.
#[derive(Debug, Clone)]
pub struct Sweep {
    scenario: Scenario,
    compiled: Compiled,
    parameter: Parameter,
    values: Vec<f64>,
    period: Option<usize>,
    /// Branch id → position, sorted by id (a branch id given twice maps to its last position, as a map
    /// filled in order would).
    index: Vec<(String, usize)>,
    current: f64,
    baseline: SweepPoint,
    steps: Vec<SweepStep>,
}

impl Sweep {
    /// Sets up the sweep and evaluates the current setting.
    pub fn new(s: &Scenario, spec: &SweepSpec) -> Result<Sweep, SweepError> {
        let current = spec.parameter.value(s).ok_or_else(|| match &spec.parameter {
            Parameter::IndicatorWeight(id) => SweepError::UnknownIndicator(id.clone()),
            Parameter::GradeQuota(g) => SweepError::UnknownGrade(*g),
            _ => SweepError::UnknownIndicator(String::new()),
        })?;
        if spec.steps == 0 {
            return Err(SweepError::NoSteps);
        }
        if !spec.from.is_finite() || !spec.to.is_finite() {
            return Err(SweepError::NotFinite);
        }
        let period = match spec.period {
            Some(u) if u >= s.periods.len() => return Err(SweepError::UnknownPeriod(u)),
            Some(u) => Some(u),
            None => s.periods.len().checked_sub(1),
        };
        let compiled = compile(s);
        let pairs: Vec<(String, usize)> = s.branches.iter().enumerate().map(|(b, br)| (br.id.clone(), b)).collect();
        let mut index = crate::sort::sorted(pairs, &|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        index.dedup_by(|later, kept| later.0 == kept.0);
        let mut sweep = Sweep {
            scenario: s.clone(),
            compiled,
            parameter: spec.parameter.clone(),
            values: spec.values(),
            period,
            index,
            current,
            baseline: SweepPoint { tiers: Vec::new(), scores: Vec::new(), ranks: Vec::new(), grades: Vec::new() },
            steps: Vec::new(),
        };
        let r = evaluate_compiled(&sweep.scenario, &sweep.compiled);
        sweep.baseline = sweep.point(&r);
        Ok(sweep)
    }

    /// Computes the next step; returns whether every step is done.
    pub fn step(&mut self) -> bool {
        let Some(&value) = self.values.get(self.steps.len()) else {
            return true;
        };
        self.parameter.set(&mut self.scenario, value);
        if self.parameter.needs_compile() {
            self.compiled = compile(&self.scenario);
        }
        let r = evaluate_compiled(&self.scenario, &self.compiled);
        let point = self.point(&r);
        let ids = &self.scenario.branches;
        let changed = |differs: &dyn Fn(usize) -> bool| -> Vec<String> {
            (0..ids.len()).filter(|&b| differs(b)).map(|b| ids[b].id.clone()).collect()
        };
        let tier_changed = changed(&|b| point.tiers[b] != self.baseline.tiers[b]);
        let grade_changed = changed(&|b| point.grades[b] != self.baseline.grades[b]);
        let (x, y): (Vec<f64>, Vec<f64>) = self
            .baseline
            .ranks
            .iter()
            .zip(&point.ranks)
            .filter_map(|(a, b)| Some(((*a)? as f64, (*b)? as f64)))
            .unzip();
        let tau = kendall_tau_b(&x, &y);
        self.steps.push(SweepStep { value, point, tier_changed, grade_changed, tau });
        self.is_done()
    }

    /// (steps done, steps planned).
    pub fn progress(&self) -> (u32, u32) {
        (self.steps.len() as u32, self.values.len() as u32)
    }

    /// Whether every step is done.
    pub fn is_done(&self) -> bool {
        self.steps.len() >= self.values.len()
    }

    /// The steps done so far.
    pub fn result(&self) -> SweepResult {
        SweepResult {
            parameter: self.parameter.clone(),
            current: self.current,
            period: self.period.map(|u| self.scenario.periods[u].id.clone()),
            branches: self.scenario.branches.iter().map(|b| b.id.clone()).collect(),
            baseline: self.baseline.clone(),
            steps: self.steps.clone(),
            steps_planned: self.values.len() as u32,
        }
    }

    fn point(&self, r: &Results) -> SweepPoint {
        let n = self.scenario.branches.len();
        let mut p = SweepPoint {
            tiers: vec![None; n],
            scores: vec![None; n],
            ranks: vec![None; n],
            grades: r.standing.iter().map(|s| s.grade).collect(),
        };
        if let Some(period) = self.period.and_then(|u| r.periods.get(u)) {
            for row in &period.rows {
                let found = self.index.binary_search_by(|(id, _)| id.as_str().cmp(row.branch.as_str()));
                if let Some(&(_, b)) = found.ok().map(|i| &self.index[i]) {
                    p.tiers[b] = Some(row.tier);
                    p.scores[b] = Some(row.final_score);
                    p.ranks[b] = Some(row.rank);
                }
            }
        }
        p
    }
}

/// The whole sweep at once.
pub fn sweep(s: &Scenario, spec: &SweepSpec) -> Result<SweepResult, SweepError> {
    let mut sw = Sweep::new(s, spec)?;
    while !sw.step() {}
    Ok(sw.result())
}

/// Kendall's τ-b of two paired samples: `(n_c − n_d) / √((n₀ − n₁)(n₀ − n₂))`, n_c and n_d the concordant and
/// discordant pairs, n₀ = n(n − 1)/2, n₁ and n₂ the pairs tied in x and in y (exact equality; a pair tied in
/// both counts in both). `None` when the samples have different lengths, fewer than two pairs, or either is one
/// tie (the denominator is 0). O(n²).
pub fn kendall_tau_b(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len();
    if n != y.len() || n < 2 {
        return None;
    }
    let (mut concordant, mut discordant, mut tied_x, mut tied_y) = (0u64, 0u64, 0u64, 0u64);
    for i in 0..n {
        for j in i + 1..n {
            let dx = x[i].partial_cmp(&x[j]);
            let dy = y[i].partial_cmp(&y[j]);
            use std::cmp::Ordering::Equal;
            let tx = dx.is_none_or(|o| o == Equal);
            let ty = dy.is_none_or(|o| o == Equal);
            tied_x += tx as u64;
            tied_y += ty as u64;
            if !tx && !ty {
                if dx == dy {
                    concordant += 1;
                } else {
                    discordant += 1;
                }
            }
        }
    }
    let n0 = (n * (n - 1) / 2) as u64;
    let denominator = ((n0 - tied_x) as f64 * (n0 - tied_y) as f64).sqrt();
    (denominator > 0.0).then(|| (concordant as f64 - discordant as f64) / denominator)
}
