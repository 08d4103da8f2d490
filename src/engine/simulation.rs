//! METHOD.md §10 — the Monte Carlo simulation of promotion and demotion (模拟).
//!
//! From the current grades (each branch's grade and h after the last complete recorded cycle, see
//! [`Results::standing`](super::results::Results::standing)) the simulation projects `cycles × cycle_periods`
//! future periods, `trials` times. In every trial, period and branch:
//! * each quantitative actual is drawn from Normal(μ, σ) of §9 (the branch's history of the indicator, recorded
//!   actuals included) and cut at 0; without a §9 estimate (fewer than two numbers) μ = T and σ = min_cv × |T|;
//! * each qualitative indicator takes the branch's last recorded level (B when none);
//! * the branch is vetoed with probability `veto_probability` (one draw per branch and period; never when the
//!   scenario has no veto indicator);
//! * E is drawn from Normal(last recorded E, `evaluation_sd`) and cut to 0..100 (80 when none);
//! * there is no bonus and there are no adjustments, and every branch is assessed.
//!
//! The scores, warnings, cycle tiers and grades then follow §2–§8 through the engine's own functions
//! ([`dense::points`] for the fixed qualitative points, [`scoring::base_score`], [`scoring::inspection`],
//! [`super::ranking::final_score`], [`grades::warning`], [`grades::CycleTally`], [`super::tiers::assign_into`],
//! [`grades::apply_rules`], and [`grades::apply_quotas`] for the grade quotas, with N = every branch). The one piece written for speed is §2's score fraction of a drawn quantitative
//! actual: `ramp(ratio(a) / divisor)` is folded, per branch and indicator, into one clamp (see `Cell`), exact
//! where §2 gives full or no credit and equal to [`scoring::ratio`] and [`scoring::quantitative_fraction`] to
//! rounding in between (the tests compare them).
//!
//! # Random numbers and reproducibility
//! Trial t (0-based) has its own generator: Xoshiro256++ seeded as `rand_xoshiro`'s
//! `Xoshiro256PlusPlus::seed_from_u64(key)`, with key the (t + 1)-th output of SplitMix64 started at
//! `settings.simulation.seed`. Within a trial the draws come cycle by cycle, period by period, branch by branch
//! in the scenario's order; for each branch first one standard normal per quantitative indicator — those with
//! direction `higher` and a positive target, then those with `lower` and a positive target, then the rest, each
//! group in the scenario's order — then one uniform in [0, 1) for the veto (only when the scenario has a veto
//! indicator; vetoed when it is below `veto_probability`), then one standard normal for E. Normal numbers come
//! from the Ziggurat method as in `rand_distr`'s `StandardNormal`; a draw is μ + σ·z. The generator and the
//! sampler are written out in this module (see `mod random` for why) and checked number for number against
//! those crates in the tests.
//!
//! Because every trial starts its own generator, the result does not depend on how the trials are split into
//! [`Simulation::run_trials`] calls, and the same seed gives the same result. All the arithmetic is integer or
//! plain f64 (no fused multiply-add, no hash-map order, `libm` for the few transcendental functions), so native
//! and WebAssembly builds give the same numbers.
//!
//! # Speed
//! Everything that stays fixed during the trials — targets, μ and σ, qualitative points, E, the starting grades
//! — is computed once in [`Simulation::new`]; the trial loop works on dense arrays and reused buffers, allocates
//! nothing, and has no unpredictable branch per indicator.

use serde::Serialize;

use super::dense::{self, compile};
use super::evaluation;
use super::grades::{self, apply_quotas, apply_rules, CycleEnd, CycleFacts, CycleTally, Reason, Step};
use super::motivation;
use super::ranking::final_score;
use super::results::evaluate_compiled;
use super::scoring::{self, ScoreRule};
use super::tiers::{assign_into, Tier, TierScratch};
use crate::model::settings::{Settings, Simulation as SimulationSettings};
use crate::model::{Direction, Scenario};
use random::{TrialRng, Ziggurat};

/// E of a branch with no recorded evaluation (§10).
pub const DEFAULT_EVALUATION: f64 = 80.0;
/// Level index of B, the level of a qualitative indicator with no recorded level (§10).
const LEVEL_B: f64 = 1.0;

/// The outcome of a Monte Carlo run (or of the trials done so far).
///
/// Probabilities and shares are counts divided by the trials counted (`trials`); with no trial counted they are
/// all 0, and so is every expected grade. Grade-indexed arrays have L entries: index 0 is grade 1.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulationResult {
    /// Trials counted.
    pub trials: u32,
    /// Trials asked for (`settings.simulation.trials`).
    pub trials_planned: u32,
    pub seed: u64,
    /// Simulated cycles, each of `cycle_periods` periods.
    pub cycles: u32,
    pub cycle_periods: u32,
    /// L.
    pub levels: u32,
    /// Complete cycles recorded before the projection: simulated cycle k is the scenario's cycle
    /// `recorded_cycles + k`.
    pub recorded_cycles: u32,
    pub veto_probability: f64,
    pub evaluation_sd: f64,
    /// One per branch, in the scenario's order.
    pub branches: Vec<BranchOutlook>,
    /// One per simulated cycle.
    pub organisation: Vec<CycleShares>,
    pub transitions: Transitions,
    /// `quota_held_back[g − 1]`: share of trials in which grade g's quota held at least one promotion back (at any
    /// simulated cycle's end); all 0 without quotas.
    pub quota_held_back: Vec<f64>,
}

/// One branch's simulated future.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchOutlook {
    /// The branch's id.
    pub branch: String,
    /// Where the projection starts: the grade and h after the last complete recorded cycle.
    pub grade: u32,
    pub held: u32,
    /// `grades[k][g − 1]`: probability of grade g after simulated cycle k + 1.
    pub grades: Vec<Vec<f64>>,
    /// P(promoted at least once): the grade rose at some simulated cycle's end.
    pub promoted: f64,
    /// P(demoted at least once): the grade fell at some simulated cycle's end.
    pub demoted: f64,
    /// Mean grade after the last simulated cycle (the starting grade when `cycles` is 0).
    pub expected_final_grade: f64,
}

/// The organisation at one simulated cycle's end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CycleShares {
    /// 1-based simulated cycle.
    pub cycle: u32,
    /// Share of branch-trials whose grade rose at this cycle's end.
    pub promoted: f64,
    /// Share of branch-trials whose grade fell at this cycle's end.
    pub demoted: f64,
}

/// Grade before → grade after, over all trials, simulated cycles and branches.
#[derive(Debug, Clone, PartialEq)]
pub struct Transitions {
    /// `counts[before − 1][after − 1]`.
    pub counts: Vec<Vec<u64>>,
    /// `counts` with each row divided by its sum (a row without counts is all 0).
    pub probabilities: Vec<Vec<f64>>,
}

/// A Monte Carlo run that can be advanced in slices (so that a browser page stays responsive):
/// create it with [`Simulation::new`], call [`run_trials`](Simulation::run_trials) until it returns `true`,
/// and read [`result`](Simulation::result) at any time. The result does not depend on the slicing.
#[derive(Debug, Clone)]
pub struct Simulation {
    settings: Settings,
    sim: SimulationSettings,
    n_branches: usize,
    levels: usize,
    cycles: usize,
    cycle_periods: usize,
    /// What the scenario fixes for every trial (also what a worker's kernel carries).
    fixed: Fixed,
    /// `settings.grades.quotas` when some grade has one (empty otherwise: the trials skip the step).
    quotas: Vec<Option<f64>>,

    /// The trials this run covers: `first..end` (all of them, `0..trials`, unless [`Simulation::with_range`]).
    first: u32,
    end: u32,
    /// Trials counted: run here (the next one is `first + done`) or added by [`Simulation::merge_counts`].
    done: u32,
    counts: Counts,
    scratch: Scratch,
}

/// What the trials so far have counted.
#[derive(Debug, Clone, Default)]
struct Counts {
    /// `grades[(b × cycles + k) × L + g − 1]`.
    grades: Vec<u32>,
    promoted_any: Vec<u32>,
    demoted_any: Vec<u32>,
    final_grade_sum: Vec<u64>,
    /// Per simulated cycle.
    promoted: Vec<u64>,
    demoted: Vec<u64>,
    /// `transitions[(before − 1) × L + after − 1]`.
    transitions: Vec<u64>,
    /// Per grade: trials in which its quota held a promotion back.
    quota_held_back: Vec<u32>,
}

impl Counts {
    /// The number of counts (their flat layout in [`Simulation::counts`] after the number of trials).
    fn len(&self) -> usize {
        self.grades.len()
            + self.promoted_any.len()
            + self.demoted_any.len()
            + self.final_grade_sum.len()
            + self.promoted.len()
            + self.demoted.len()
            + self.transitions.len()
            + self.quota_held_back.len()
    }

    /// Every count back to 0.
    fn clear(&mut self) {
        self.grades.fill(0);
        self.promoted_any.fill(0);
        self.demoted_any.fill(0);
        self.final_grade_sum.fill(0);
        self.promoted.fill(0);
        self.demoted.fill(0);
        self.transitions.fill(0);
        self.quota_held_back.fill(0);
    }
}

/// Why [`Simulation::merge_counts`] refused a list of counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeError {
    /// Not the layout of this scenario's counts (another scenario or other settings).
    Shape { expected: usize, found: usize },
    /// More trials than the run plans in all.
    TooManyTrials,
}

/// What [`Simulation::new`] computes from the scenario for the trials (what a [`Simulation::kernel`] carries,
/// with the branch ids).
#[derive(Debug, Clone)]
struct Fixed {
    recorded_cycles: u32,
    branch_ids: Vec<String>,
    start_grade: Vec<u32>,
    start_held: Vec<u32>,
    /// Σ of the scored indicators' weights (§3).
    weight_sum: f64,
    /// How each branch scores its indicators in a simulated period.
    cells: Cells,
    /// The centre of E per branch.
    evaluation: Vec<f64>,
    has_veto: bool,
}

/// Buffers of one trial, reused by every trial.
#[derive(Debug, Clone, Default)]
struct Scratch {
    grade: Vec<u32>,
    held: Vec<u32>,
    rose: Vec<bool>,
    fell: Vec<bool>,
    tally: Vec<CycleTally>,
    cycle_scores: Vec<f64>,
    cycle_vetoed: Vec<bool>,
    tiers: Vec<Tier>,
    tier: TierScratch,
    /// Every branch at the cycle end, between the rules and the quotas.
    ends: Vec<CycleEnd>,
    /// The grade quotas' buffer of scores (capacity: every branch).
    quota_scores: Vec<f64>,
    /// Per grade: whether its quota held a promotion back in this trial.
    held_back: Vec<bool>,
}

/// The generator of trial `trial`: Xoshiro256++ seeded from the (trial + 1)-th output of SplitMix64 started at
/// `seed`.
#[inline(always)]
fn trial_rng(seed: u64, trial: u32) -> TrialRng {
    let key = random::splitmix64_at(seed, trial as u64 + 1);
    TrialRng::seed_from_u64(key)
}

/// §10 μ and σ of a quantitative actual from the branch's history `xs` (recorded numbers, oldest first) and
/// its target T: §9's trend and σ = max(sd, min_cv·|μ|, 1e-9) when there are at least two numbers, else μ = T
/// and σ = min_cv·|T|.
pub fn normal_of(xs: &[f64], target: f64, min_cv: f64) -> (f64, f64) {
    match motivation::trend(xs) {
        Some((mu, sd)) => (mu, motivation::sigma(sd, mu, min_cv)),
        None => (target, min_cv * target.abs()),
    }
}

/// One quantitative actual of a simulated period: `a = max(0, μ + σ·z)`, z standard normal, worth
/// `weight × s(a)` points.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Draw {
    mu: f64,
    sigma: f64,
    weight: f64,
}

impl Draw {
    /// The actual for the standard normal z, cut at 0.
    #[inline(always)]
    fn actual(&self, z: f64) -> f64 {
        at_least_zero(self.mu + self.sigma * z)
    }
}

// `max(x, 0)` and `clamp(x, 0, 1)` without a branch, which random draws would make unpredictable. Both forms give
// +0 for every x ≤ 0 (−0 included) and exactly 1 for x ≥ 1, and are equal for every number that is not NaN (the
// tests check it). Natively a select of two floats compiles to minsd/maxsd. WebAssembly engines turn it into a
// branch and f64::max is a library call there, so the WebAssembly build works on the bit patterns instead: those
// of f64 numbers order like signed integers from the sign bit on, and an integer select is a conditional move.

/// `max(x, 0)` on floats.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
#[inline(always)]
fn at_least_zero_float(x: f64) -> f64 {
    if x > 0.0 {
        x
    } else {
        0.0
    }
}

/// `clamp(x, 0, 1)` on floats.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
#[inline(always)]
fn unit_clamp_float(x: f64) -> f64 {
    let x = at_least_zero_float(x);
    if x < 1.0 {
        x
    } else {
        1.0
    }
}

/// `max(x, 0)` on the bit pattern.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[inline(always)]
fn at_least_zero_bits(x: f64) -> f64 {
    f64::from_bits((x.to_bits() as i64).max(0) as u64)
}

/// `clamp(x, 0, 1)` on the bit pattern. (max then min, not `i64::clamp`, whose two comparisons may stay
/// branches.)
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[allow(clippy::manual_clamp)]
#[inline(always)]
fn unit_clamp_bits(x: f64) -> f64 {
    const ONE: i64 = 0x3ff0_0000_0000_0000;
    f64::from_bits((x.to_bits() as i64).max(0).min(ONE) as u64)
}

#[cfg(target_arch = "wasm32")]
use {at_least_zero_bits as at_least_zero, unit_clamp_bits as unit_clamp};
#[cfg(not(target_arch = "wasm32"))]
use {at_least_zero_float as at_least_zero, unit_clamp_float as unit_clamp};

/// How one branch scores one scored indicator in every simulated period (§2), fixed before the trials.
/// (The module's one piece of §2 written for speed.)
///
/// §2's `ramp(ratio(a) / divisor)` is, for a positive target, a clamp of one simple expression in the actual a;
/// [`Cell::quantitative`] sets its constants up so that every draw costs a multiplication (or, for a `lower`
/// indicator, one division) instead of three divisions and unpredictable branches. Where §2 gives full credit
/// (a ≥ T for `higher`, a ≤ T for `lower`) and where it gives none below the floor, the clamp gives exactly 1
/// and 0; in between it agrees with [`scoring::ratio`] and [`scoring::quantitative_fraction`] to rounding
/// (checked in this module's tests). Targets ≤ 0 and anything unusual use those two functions on every draw.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell {
    /// Qualitative: the points of the last recorded level, the same in every period.
    Fixed(f64),
    /// `higher`, T > 0: `s = clamp((a − a0) × inv, 0, 1)`, a0 = floor·T·(1 − tol), inv ≈ 1 / ((1 − tol)·T − a0).
    Rising { draw: Draw, a0: f64, inv: f64 },
    /// `lower`, T > 0: `s = clamp(k / a − c, 0, 1)`, k ≈ T / ((1 − tol)(1 − floor)), c = floor / (1 − floor).
    Falling { draw: Draw, k: f64, c: f64 },
    /// Any other: §2's own functions on every draw.
    Exact { draw: Draw, direction: Direction, divisor: f64, target: f64 },
}

impl Cell {
    /// The cell of a quantitative indicator with target `target`, direction, divisor (1 − tol for an elastic
    /// indicator, 1 for a controllable one) and `floor_ratio`.
    fn quantitative(draw: Draw, direction: Direction, divisor: f64, target: f64, floor: f64) -> Cell {
        let exact = Cell::Exact { draw, direction, divisor, target };
        if !(target > 0.0 && target.is_finite() && divisor > 0.0 && divisor <= 1.0 && (0.0..1.0).contains(&floor)) {
            return exact;
        }
        match direction {
            Direction::Higher => {
                // Full credit from a1 = (1 − tol)·T up (a ≥ T is above it), none up to a0 = floor·a1.
                let a1 = target * divisor;
                let a0 = floor * a1;
                let mut inv = 1.0 / (a1 - a0);
                // Make sure a1 itself (and so every a ≥ a1, by monotone rounding) lands on exactly 1.
                for _ in 0..8 {
                    if (a1 - a0) * inv >= 1.0 {
                        return if inv.is_finite() { Cell::Rising { draw, a0, inv } } else { exact };
                    }
                    inv = inv.next_up();
                }
                exact
            }
            Direction::Lower => {
                // Full credit up to a1 = T / (1 − tol) (a ≤ T is below it); s = T/(a(1 − tol)(1 − floor)) − c.
                let a1 = target / divisor;
                let c = floor / (1.0 - floor);
                let mut k = target / (divisor * (1.0 - floor));
                // Make sure a1 itself (and so every a ≤ a1, down to a = 0 where k/0 = ∞) lands on exactly 1.
                for _ in 0..8 {
                    if k / a1 - c >= 1.0 {
                        return if k.is_finite() && c.is_finite() { Cell::Falling { draw, k, c } } else { exact };
                    }
                    k = k.next_up();
                }
                exact
            }
        }
    }

    /// The points `weight × s` of one simulated period; z is the standard normal of a quantitative indicator.
    #[inline(always)]
    fn points(&self, z: f64, floor: f64) -> f64 {
        match *self {
            Cell::Fixed(points) => points,
            Cell::Rising { draw, a0, inv } => {
                // The cut at 0 changes nothing here: below a0 ≥ 0 the clamp gives 0 anyway.
                let a = draw.mu + draw.sigma * z;
                draw.weight * unit_clamp((a - a0) * inv)
            }
            Cell::Falling { draw, k, c } => {
                let a = draw.actual(z);
                draw.weight * unit_clamp(k / a - c)
            }
            Cell::Exact { draw, direction, divisor, target } => {
                let a = draw.actual(z);
                draw.weight * scoring::quantitative_fraction(scoring::ratio(direction, target, a), divisor, floor)
            }
        }
    }
}

/// Every branch's [`Cell`]s, grouped by kind so that the trial loop needs no dispatch: branch b's rising cells are
/// `rising[at[b].0..at[b + 1].0]`, and so on; the qualitative ones are summed up once into `fixed[b]`.
#[derive(Debug, Clone, Default)]
struct Cells {
    fixed: Vec<f64>,
    rising: Vec<(Draw, f64, f64)>,
    falling: Vec<(Draw, f64, f64)>,
    exact: Vec<(Draw, Direction, f64, f64)>,
    /// Start of each branch's cells in `rising`, `falling` and `exact`; one more entry than branches.
    at: Vec<(u32, u32, u32)>,
}

impl Cells {
    /// Adds the next branch's cells, in the scenario's order of its indicators.
    fn push_branch(&mut self, cells: impl Iterator<Item = Cell>) {
        if self.at.is_empty() {
            self.at.push((0, 0, 0));
        }
        let mut fixed = 0.0;
        for cell in cells {
            match cell {
                Cell::Fixed(points) => fixed += points,
                Cell::Rising { draw, a0, inv } => self.rising.push((draw, a0, inv)),
                Cell::Falling { draw, k, c } => self.falling.push((draw, k, c)),
                Cell::Exact { draw, direction, divisor, target } => self.exact.push((draw, direction, divisor, target)),
            }
        }
        self.fixed.push(fixed);
        self.at.push((self.rising.len() as u32, self.falling.len() as u32, self.exact.len() as u32));
    }

    /// §2 Σp of branch b in one simulated period, drawing one standard normal per quantitative indicator: the
    /// fixed points of its qualitative indicators, then its quantitative indicators — rising, falling, the rest,
    /// each in the scenario's order (which is also the order of the draws).
    #[inline(always)]
    fn points(&self, b: usize, rng: &mut TrialRng, zig: &Ziggurat, floor: f64) -> f64 {
        let (r0, f0, e0) = self.at[b];
        let (r1, f1, e1) = self.at[b + 1];
        let mut sum = self.fixed[b];
        for &(draw, a0, inv) in &self.rising[r0 as usize..r1 as usize] {
            sum += Cell::Rising { draw, a0, inv }.points(rng.normal(zig), floor);
        }
        for &(draw, k, c) in &self.falling[f0 as usize..f1 as usize] {
            sum += Cell::Falling { draw, k, c }.points(rng.normal(zig), floor);
        }
        for &(draw, direction, divisor, target) in &self.exact[e0 as usize..e1 as usize] {
            sum += Cell::Exact { draw, direction, divisor, target }.points(rng.normal(zig), floor);
        }
        sum
    }
}

impl Simulation {
    /// Prepares a run of `sim` (usually `s.settings.simulation`) on scenario `s`: evaluates the recorded periods
    /// for the starting grades and computes every fixed number of the trials.
    pub fn new(s: &Scenario, sim: &SimulationSettings) -> Simulation {
        let c = compile(s);
        let results = evaluate_compiled(s, &c);
        let st = &s.settings;
        let n_branches = c.n_branches;
        let n_scored = c.n_scored();
        let recorded_cycles =
            grades::cycles(c.periods.len(), st.grades.cycle_periods).filter(|(_, complete)| *complete).count() as u32;

        let sc = &st.scoring;
        let mut cells = Cells::default();
        let mut evaluation = vec![DEFAULT_EVALUATION; n_branches];
        let mut xs: Vec<f64> = Vec::new();
        for (b, branch) in s.branches.iter().enumerate() {
            // Last recorded E (absent values skipped).
            for p in &c.periods {
                let Some(row) = p.row(b) else { continue };
                if let Some(e) = evaluation::evaluate(&p.rows[row].evaluation, &st.evaluation).evaluation {
                    evaluation[b] = e;
                }
            }
            cells.push_branch(c.scored.iter().enumerate().map(|(j, si)| {
                let target = c.last_targets().targets[b * n_scored + j];
                match si.rule {
                    ScoreRule::Qualitative => {
                        // The last recorded level (B when none), scored once by §2.
                        let level = c.recorded(b, j).last().unwrap_or(LEVEL_B);
                        let (points, _) = dense::points(
                            std::slice::from_ref(si),
                            std::slice::from_ref(&target),
                            std::slice::from_ref(&level),
                            sc,
                        );
                        Cell::Fixed(points)
                    }
                    ScoreRule::Quantitative { direction, divisor } => {
                        // §9 history: the values before the first period, then the recorded actuals.
                        xs.clear();
                        if let Some(h) = branch.history.get(&s.indicators[si.index].id) {
                            xs.extend_from_slice(h);
                        }
                        xs.extend(c.recorded(b, j));
                        let (mu, sigma) = normal_of(&xs, target, st.motivation.min_cv);
                        let draw = Draw { mu, sigma, weight: si.weight };
                        Cell::quantitative(draw, direction, divisor, target, sc.floor_ratio)
                    }
                }
            }));
        }

        let fixed = Fixed {
            recorded_cycles,
            branch_ids: s.branches.iter().map(|b| b.id.clone()).collect(),
            start_grade: results.standing.iter().map(|st| st.grade).collect(),
            start_held: results.standing.iter().map(|st| st.held).collect(),
            weight_sum: c.weight_sum,
            cells,
            evaluation,
            has_veto: !c.veto.is_empty(),
        };
        Simulation::assemble(st, sim, fixed)
    }

    /// A simulation ready to run from what [`Simulation::new`] computed.
    fn assemble(st: &Settings, sim: &SimulationSettings, fixed: Fixed) -> Simulation {
        let n_branches = fixed.start_grade.len();
        let levels = st.grades.levels.max(1) as usize;
        let cycles = sim.cycles as usize;
        let cycle_periods = st.grades.cycle_periods.max(1) as usize;
        let counts = Counts {
            grades: vec![0; n_branches * cycles * levels],
            promoted_any: vec![0; n_branches],
            demoted_any: vec![0; n_branches],
            final_grade_sum: vec![0; n_branches],
            promoted: vec![0; cycles],
            demoted: vec![0; cycles],
            transitions: vec![0; levels * levels],
            quota_held_back: vec![0; levels],
        };
        let scratch = Scratch {
            grade: vec![0; n_branches],
            held: vec![0; n_branches],
            rose: vec![false; n_branches],
            fell: vec![false; n_branches],
            tally: vec![CycleTally::default(); n_branches],
            cycle_scores: vec![0.0; n_branches],
            cycle_vetoed: vec![false; n_branches],
            tiers: vec![Tier::Middle; n_branches],
            tier: TierScratch::default(),
            ends: vec![
                CycleEnd {
                    before: 1,
                    held_before: 0,
                    score: 0.0,
                    step: Step { grade: 1, held: 0, reason: Reason::Held }
                };
                n_branches
            ],
            quota_scores: Vec::with_capacity(n_branches),
            held_back: vec![false; levels],
        };
        Simulation {
            settings: st.clone(),
            sim: sim.clone(),
            n_branches,
            levels,
            cycles,
            cycle_periods,
            fixed,
            quotas: match &st.grades.quotas {
                Some(q) if st.grades.has_quotas() => q.clone(),
                _ => Vec::new(),
            },
            first: 0,
            end: sim.trials,
            done: 0,
            counts,
            scratch,
        }
    }

    /// Everything the trials need that [`Simulation::new`] computes from the scenario, as one flat list of
    /// numbers (exact: each is an f64 of the simulation or a small count): what the page posts to its workers, so
    /// that a worker neither reads the scenario file nor evaluates the recorded periods again.
    /// [`Simulation::from_kernel`] with the same settings gives a simulation whose counts are this one's, number
    /// for number (the branch ids are left out: a worker only posts counts).
    ///
    /// Layout: branches, recorded cycles, Σweight, has veto (0/1); then per branch its starting grade and h, the
    /// centre of E, the fixed points, the numbers of rising, falling and other cells, and those cells (μ, σ,
    /// weight and their two constants; the others μ, σ, weight, direction (0 higher, 1 lower), divisor, T).
    pub fn kernel(&self) -> Vec<f64> {
        let c = &self.fixed.cells;
        let mut out = vec![
            self.n_branches as f64,
            self.fixed.recorded_cycles as f64,
            self.fixed.weight_sum,
            self.fixed.has_veto as u8 as f64,
        ];
        for b in 0..self.n_branches {
            let (r0, f0, e0) = c.at[b];
            let (r1, f1, e1) = c.at[b + 1];
            out.extend([
                self.fixed.start_grade[b] as f64,
                self.fixed.start_held[b] as f64,
                self.fixed.evaluation[b],
                c.fixed[b],
                (r1 - r0) as f64,
                (f1 - f0) as f64,
                (e1 - e0) as f64,
            ]);
            for &(d, a0, inv) in &c.rising[r0 as usize..r1 as usize] {
                out.extend([d.mu, d.sigma, d.weight, a0, inv]);
            }
            for &(d, k, cc) in &c.falling[f0 as usize..f1 as usize] {
                out.extend([d.mu, d.sigma, d.weight, k, cc]);
            }
            for &(d, direction, divisor, target) in &c.exact[e0 as usize..e1 as usize] {
                let dir = match direction {
                    Direction::Higher => 0.0,
                    Direction::Lower => 1.0,
                };
                out.extend([d.mu, d.sigma, d.weight, dir, divisor, target]);
            }
        }
        out
    }

    /// The simulation of a [`kernel`](Simulation::kernel) made with settings `st` (and `st.simulation`), all its
    /// trials planned; `None` when the list is not such a kernel (cut short, too long, a count that is not a whole
    /// number, a starting grade outside 1..L).
    pub fn from_kernel(st: &Settings, kernel: &[f64]) -> Option<Simulation> {
        let levels = st.grades.levels.max(1);
        let whole = |x: f64, max: u32| (x >= 0.0 && x <= max as f64 && x.fract() == 0.0).then_some(x as u32);
        let head = kernel.get(..4)?;
        let n_branches = whole(head[0], u32::MAX)? as usize;
        let recorded_cycles = whole(head[1], u32::MAX)?;
        let weight_sum = head[2];
        let has_veto = whole(head[3], 1)? == 1;
        // The rest, read by one cursor.
        let rest = &kernel[4..];
        let mut at = 0usize;
        let mut take = |n: usize| -> Option<&[f64]> {
            let s = rest.get(at..at.checked_add(n)?)?;
            at += n;
            Some(s)
        };
        let mut cells = Cells::default();
        let (mut start_grade, mut start_held, mut evaluation) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..n_branches {
            let head = take(7)?;
            let grade = whole(head[0], levels).filter(|&g| g >= 1)?;
            start_grade.push(grade);
            start_held.push(whole(head[1], u32::MAX)?);
            evaluation.push(head[2]);
            let (nr, nf, ne) = (whole(head[4], u32::MAX)?, whole(head[5], u32::MAX)?, whole(head[6], u32::MAX)?);
            let mut list = Vec::new();
            for _ in 0..nr {
                let x = take(5)?;
                list.push(Cell::Rising { draw: Draw { mu: x[0], sigma: x[1], weight: x[2] }, a0: x[3], inv: x[4] });
            }
            for _ in 0..nf {
                let x = take(5)?;
                list.push(Cell::Falling { draw: Draw { mu: x[0], sigma: x[1], weight: x[2] }, k: x[3], c: x[4] });
            }
            for _ in 0..ne {
                let x = take(6)?;
                let direction = match whole(x[3], 1)? {
                    0 => Direction::Higher,
                    _ => Direction::Lower,
                };
                let draw = Draw { mu: x[0], sigma: x[1], weight: x[2] };
                list.push(Cell::Exact { draw, direction, divisor: x[4], target: x[5] });
            }
            // The fixed points as they were summed (one cell, so the sum is the number itself).
            list.push(Cell::Fixed(head[3]));
            cells.push_branch(list.into_iter());
        }
        if at != rest.len() {
            return None;
        }
        let fixed = Fixed {
            recorded_cycles,
            branch_ids: vec![String::new(); n_branches],
            start_grade,
            start_held,
            weight_sum,
            cells,
            evaluation,
            has_veto,
        };
        Some(Simulation::assemble(st, &st.simulation, fixed))
    }

    /// The same run restricted to trials `start..end` (cut to the planned trials): what one worker of a
    /// parallel run does. Every trial has its own generator, so the counts of contiguous ranges covering
    /// `0..trials`, added up with [`merge_counts`](Simulation::merge_counts), are exactly those of the whole run.
    /// [`progress`](Simulation::progress) then counts within the range.
    pub fn with_range(mut self, start: u32, end: u32) -> Simulation {
        self.set_range(start, end);
        self
    }

    /// [`with_range`](Simulation::with_range) in place: forgets every count and prepares trials `start..end`,
    /// keeping everything computed for the scenario. A worker handed one range after another runs each this way
    /// and posts each range's [`counts`](Simulation::counts) alone; the page adds them up in any order.
    pub fn set_range(&mut self, start: u32, end: u32) {
        let end = end.min(self.sim.trials);
        self.first = start.min(end);
        self.end = end;
        self.done = 0;
        self.counts.clear();
    }

    /// What the trials so far have counted, as one flat list: the number of trials first, then every count
    /// (its layout is fixed by the scenario's shape — branches, simulated cycles, levels — so it can only be
    /// merged into a simulation of the same scenario and settings).
    pub fn counts(&self) -> Vec<u64> {
        let c = &self.counts;
        let mut out = Vec::with_capacity(1 + c.len());
        out.push(self.done as u64);
        out.extend(c.grades.iter().map(|&x| x as u64));
        out.extend(c.promoted_any.iter().map(|&x| x as u64));
        out.extend(c.demoted_any.iter().map(|&x| x as u64));
        out.extend_from_slice(&c.final_grade_sum);
        out.extend_from_slice(&c.promoted);
        out.extend_from_slice(&c.demoted);
        out.extend_from_slice(&c.transitions);
        out.extend(c.quota_held_back.iter().map(|&x| x as u64));
        out
    }

    /// Adds the [`counts`](Simulation::counts) of another run of the same scenario and settings (another
    /// range of its trials) to this one's: a simulation either runs its trials or gathers the counts of runs over
    /// disjoint ranges, and once the ranges cover every planned trial its [`result`](Simulation::result) is the
    /// whole run's, number for number. A list of the wrong length, or one that would count more trials than
    /// planned, is refused and changes nothing.
    pub fn merge_counts(&mut self, flat: &[u64]) -> Result<(), MergeError> {
        let c = &mut self.counts;
        if flat.len() != 1 + c.len() {
            return Err(MergeError::Shape { expected: 1 + c.len(), found: flat.len() });
        }
        let trials = u32::try_from(flat[0]).ok().and_then(|t| t.checked_add(self.done));
        let Some(total) = trials.filter(|&t| t <= self.end - self.first) else {
            return Err(MergeError::TooManyTrials);
        };
        // Each list takes its length off the front of the rest.
        fn add32(xs: &mut [u32], rest: &mut &[u64]) {
            let (head, tail) = rest.split_at(xs.len());
            for (x, &y) in xs.iter_mut().zip(head) {
                *x = x.saturating_add(u32::try_from(y).unwrap_or(u32::MAX));
            }
            *rest = tail;
        }
        fn add64(xs: &mut [u64], rest: &mut &[u64]) {
            let (head, tail) = rest.split_at(xs.len());
            for (x, &y) in xs.iter_mut().zip(head) {
                *x = x.saturating_add(y);
            }
            *rest = tail;
        }
        let rest = &mut &flat[1..];
        add32(&mut c.grades, rest);
        add32(&mut c.promoted_any, rest);
        add32(&mut c.demoted_any, rest);
        add64(&mut c.final_grade_sum, rest);
        add64(&mut c.promoted, rest);
        add64(&mut c.demoted, rest);
        add64(&mut c.transitions, rest);
        add32(&mut c.quota_held_back, rest);
        self.done = total;
        Ok(())
    }

    /// Runs up to `n` more trials; returns whether all of them are done.
    pub fn run_trials(&mut self, n: u32) -> bool {
        self.run_trials_observed(n, |_, _, _| {})
    }

    /// [`run_trials`](Simulation::run_trials), showing `observe` every simulated cycle's end after the rules and
    /// the grade quotas: (trial, simulated cycle from 0, every branch's [`CycleEnd`] in the scenario's order).
    /// For tests of what happens inside the trials; it changes nothing.
    pub fn run_trials_observed(&mut self, n: u32, mut observe: impl FnMut(u32, usize, &[CycleEnd])) -> bool {
        let next = self.first.saturating_add(self.done);
        let end = next.saturating_add(n).min(self.end);
        for t in next..end {
            self.trial(t, &mut observe);
        }
        self.done = self.done.max(end - self.first);
        self.is_done()
    }

    /// (trials done, trials planned) — within the range of [`with_range`](Simulation::with_range) if any.
    pub fn progress(&self) -> (u32, u32) {
        (self.done, self.end - self.first)
    }

    /// Whether every planned trial (of the range) is done.
    pub fn is_done(&self) -> bool {
        self.done >= self.end - self.first
    }

    /// One trial: its own generator, the starting grades, `cycles` cycles of `cycle_periods` periods.
    #[inline(always)]
    fn trial(&mut self, t: u32, observe: &mut impl FnMut(u32, usize, &[CycleEnd])) {
        let mut rng = trial_rng(self.sim.seed, t);
        let zig = Ziggurat::get();
        let st = &self.settings;
        let n = self.n_branches;
        let levels = self.levels;
        let veto_probability = self.sim.veto_probability;
        let evaluation_sd = self.sim.evaluation_sd;
        let share = st.evaluation.inspection_share;
        let bonus = scoring::bonus(0.0, st.scoring.bonus_cap);
        let floor = st.scoring.floor_ratio;
        let sc = &mut self.scratch;
        let counts = &mut self.counts;

        sc.grade.copy_from_slice(&self.fixed.start_grade);
        sc.held.copy_from_slice(&self.fixed.start_held);
        sc.rose.fill(false);
        sc.fell.fill(false);
        sc.held_back.fill(false);
        for k in 0..self.cycles {
            sc.tally.fill(CycleTally::default());
            for _ in 0..self.cycle_periods {
                for b in 0..n {
                    let sum = self.fixed.cells.points(b, &mut rng, zig, floor);
                    let vetoed = self.fixed.has_veto && rng.uniform() < veto_probability;
                    let z = rng.normal(zig);
                    let e = (self.fixed.evaluation[b] + evaluation_sd * z).clamp(0.0, 100.0);

                    let base = scoring::base_score(sum, self.fixed.weight_sum);
                    let inspection = scoring::inspection(base, bonus, 0.0);
                    let f = final_score(inspection, Some(e), share);
                    sc.tally[b].add(f, vetoed, grades::warning(f, vetoed, &st.grades));
                }
            }
            for b in 0..n {
                sc.cycle_scores[b] = sc.tally[b].score().unwrap_or(0.0);
                sc.cycle_vetoed[b] = sc.tally[b].vetoed;
            }
            assign_into(&sc.cycle_scores, &sc.cycle_vetoed, &st.tiers, &mut sc.tiers, &mut sc.tier);
            for b in 0..n {
                let facts = CycleFacts {
                    score: sc.cycle_scores[b],
                    tier: sc.tiers[b],
                    vetoed: sc.cycle_vetoed[b],
                    warnings: sc.tally[b].warnings,
                };
                let (before, held_before) = (sc.grade[b], sc.held[b]);
                let step = apply_rules(before, held_before, &facts, &st.grades);
                sc.ends[b] = CycleEnd { before, held_before, score: facts.score, step };
            }
            if !self.quotas.is_empty() {
                let held_back = &mut sc.held_back;
                apply_quotas(&self.quotas, n, &mut sc.ends, &mut sc.quota_scores, |q| {
                    if q.kept < q.promoted {
                        held_back[q.grade as usize - 1] = true;
                    }
                });
            }
            observe(t, k, &sc.ends);
            for b in 0..n {
                let CycleEnd { before, step, .. } = sc.ends[b];
                let after = step.grade;
                counts.transitions[(before as usize - 1) * levels + after as usize - 1] += 1;
                if after > before {
                    counts.promoted[k] += 1;
                    sc.rose[b] = true;
                } else if after < before {
                    counts.demoted[k] += 1;
                    sc.fell[b] = true;
                }
                counts.grades[(b * self.cycles + k) * levels + after as usize - 1] += 1;
                sc.grade[b] = after;
                sc.held[b] = step.held;
            }
        }
        for b in 0..n {
            counts.promoted_any[b] += sc.rose[b] as u32;
            counts.demoted_any[b] += sc.fell[b] as u32;
            counts.final_grade_sum[b] += sc.grade[b] as u64;
        }
        for (n, &h) in counts.quota_held_back.iter_mut().zip(&sc.held_back) {
            *n += h as u32;
        }
    }

    /// The result of the trials done so far (final once [`is_done`](Simulation::is_done)).
    pub fn result(&self) -> SimulationResult {
        let trials = self.done;
        let per_trial = |x: f64| if trials > 0 { x / trials as f64 } else { 0.0 };
        let branch_trials = trials as f64 * self.n_branches as f64;
        let per_branch_trial = |x: u64| if branch_trials > 0.0 { x as f64 / branch_trials } else { 0.0 };
        let levels = self.levels;
        let cycles = self.cycles;
        let c = &self.counts;
        let branches = (0..self.n_branches)
            .map(|b| BranchOutlook {
                branch: self.fixed.branch_ids[b].clone(),
                grade: self.fixed.start_grade[b],
                held: self.fixed.start_held[b],
                grades: (0..cycles)
                    .map(|k| {
                        let row = &c.grades[(b * cycles + k) * levels..(b * cycles + k + 1) * levels];
                        row.iter().map(|&x| per_trial(x as f64)).collect()
                    })
                    .collect(),
                promoted: per_trial(c.promoted_any[b] as f64),
                demoted: per_trial(c.demoted_any[b] as f64),
                expected_final_grade: per_trial(c.final_grade_sum[b] as f64),
            })
            .collect();
        let organisation = (0..cycles)
            .map(|k| CycleShares {
                cycle: k as u32 + 1,
                promoted: per_branch_trial(c.promoted[k]),
                demoted: per_branch_trial(c.demoted[k]),
            })
            .collect();
        let counts: Vec<Vec<u64>> = c.transitions.chunks(levels).map(|r| r.to_vec()).collect();
        let probabilities = counts
            .iter()
            .map(|row| {
                let total: u64 = row.iter().sum();
                row.iter().map(|&x| if total > 0 { x as f64 / total as f64 } else { 0.0 }).collect()
            })
            .collect();
        SimulationResult {
            trials,
            trials_planned: self.sim.trials,
            seed: self.sim.seed,
            cycles: cycles as u32,
            cycle_periods: self.cycle_periods as u32,
            levels: levels as u32,
            recorded_cycles: self.fixed.recorded_cycles,
            veto_probability: self.sim.veto_probability,
            evaluation_sd: self.sim.evaluation_sd,
            branches,
            organisation,
            transitions: Transitions { counts, probabilities },
            quota_held_back: c.quota_held_back.iter().map(|&x| per_trial(x as f64)).collect(),
        }
    }
}

/// The largest range of trials handed to a worker at once (about 40 ms of work in the page at 50 branches × 30
/// indicators × 12 simulated periods).
pub const MAX_RANGE: u32 = 250;
/// The smallest range of trials handed out (but the last, which may be smaller).
pub const MIN_RANGE: u32 = 8;

/// The next range of trials to hand to one of `workers` workers of a parallel run (the page's
/// `ui::mc_workers`), the first `next` of `total` trials being handed out already: a quarter of what is left per
/// worker, between [`MIN_RANGE`] and [`MAX_RANGE`] trials and never past `total`; `None` when nothing is left.
/// The ranges shrink towards the end so that the workers finish close together; any ranges give the same counts.
pub fn next_range(next: u32, total: u32, workers: usize) -> Option<(u32, u32)> {
    let left = total.checked_sub(next).filter(|&l| l > 0)?;
    let per = 4u32.saturating_mul(u32::try_from(workers.max(1)).unwrap_or(u32::MAX));
    let size = (left / per).clamp(MIN_RANGE, MAX_RANGE).min(left);
    Some((next, next + size))
}

/// §10 the whole Monte Carlo run with the scenario's own `settings.simulation`.
pub fn simulate(s: &Scenario) -> SimulationResult {
    let mut sim = Simulation::new(s, &s.settings.simulation);
    sim.run_trials(u32::MAX);
    sim.result()
}

// ---------------------------------------------------------------------------------------------------------
// The `simulation` block of the results file

#[derive(Serialize)]
struct FileSimulation<'a> {
    trials: u32,
    trials_planned: u32,
    complete: bool,
    seed: u64,
    cycles: u32,
    cycle_periods: u32,
    levels: u32,
    recorded_cycles: u32,
    veto_probability: f64,
    evaluation_sd: f64,
    branches: Vec<FileBranch<'a>>,
    organisation: Vec<FileCycle>,
    transitions: FileTransitions<'a>,
    quota_held_back: &'a [f64],
}

#[derive(Serialize)]
struct FileBranch<'a> {
    branch: &'a str,
    grade: u32,
    held: u32,
    grades: &'a [Vec<f64>],
    promoted: f64,
    demoted: f64,
    expected_final_grade: f64,
}

#[derive(Serialize)]
struct FileCycle {
    cycle: u32,
    promoted: f64,
    demoted: f64,
}

#[derive(Serialize)]
struct FileTransitions<'a> {
    counts: &'a [Vec<u64>],
    probabilities: &'a [Vec<f64>],
}

/// The `simulation` block of the results file (FORMAT.md, "Results file — `simulation` block").
pub fn simulation_to_value(r: &SimulationResult) -> serde_json::Value {
    let file = FileSimulation {
        trials: r.trials,
        trials_planned: r.trials_planned,
        complete: r.trials >= r.trials_planned,
        seed: r.seed,
        cycles: r.cycles,
        cycle_periods: r.cycle_periods,
        levels: r.levels,
        recorded_cycles: r.recorded_cycles,
        veto_probability: r.veto_probability,
        evaluation_sd: r.evaluation_sd,
        branches: r
            .branches
            .iter()
            .map(|b| FileBranch {
                branch: &b.branch,
                grade: b.grade,
                held: b.held,
                grades: &b.grades,
                promoted: b.promoted,
                demoted: b.demoted,
                expected_final_grade: b.expected_final_grade,
            })
            .collect(),
        organisation: r
            .organisation
            .iter()
            .map(|c| FileCycle { cycle: c.cycle, promoted: c.promoted, demoted: c.demoted })
            .collect(),
        transitions: FileTransitions { counts: &r.transitions.counts, probabilities: &r.transitions.probabilities },
        quota_held_back: &r.quota_held_back,
    };
    serde_json::to_value(file).unwrap_or(serde_json::Value::Null)
}

// ---------------------------------------------------------------------------------------------------------
// Random numbers

/// The random numbers of the trials: the Xoshiro256++ generator and the Ziggurat normal sampler, written out so
/// that they inline into the trial loop.
///
/// They are the algorithms of `rand_xoshiro`'s `Xoshiro256PlusPlus` (seeded by `seed_from_u64`) and of
/// `rand_distr`'s `StandardNormal` and `StandardUniform`, number for number: this module's tests draw from both
/// and compare. The crates are not called in the loop because the release build optimises for size, and at that
/// setting no call into another crate is inlined: two calls per normal number made the Monte Carlo more than
/// twice too slow in WebAssembly. Everything is integer or plain f64 arithmetic; the tables and the rare edge
/// and tail cases use the pure-Rust `libm`, so the numbers are the same on every platform.
mod random {
    use std::sync::OnceLock;

    const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

    /// SplitMix64's output function (Steele, Lea & Flood), applied to its state after `n` steps from `seed`.
    #[inline(always)]
    pub fn splitmix64_at(seed: u64, n: u64) -> u64 {
        let mut z = seed.wrapping_add(GAMMA.wrapping_mul(n));
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Xoshiro256++ (Blackman & Vigna), the numbers of `rand_xoshiro::Xoshiro256PlusPlus`.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct TrialRng {
        s: [u64; 4],
    }

    impl TrialRng {
        /// Seeds the state with the first four outputs of SplitMix64 started at `key`, as
        /// `Xoshiro256PlusPlus::seed_from_u64(key)` does.
        #[inline(always)]
        pub fn seed_from_u64(key: u64) -> TrialRng {
            TrialRng { s: [1, 2, 3, 4].map(|n| splitmix64_at(key, n)) }
        }

        /// The next 64 random bits.
        #[inline(always)]
        pub fn next_u64(&mut self) -> u64 {
            let s = &mut self.s;
            let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
            let t = s[1] << 17;
            s[2] ^= s[0];
            s[3] ^= s[1];
            s[1] ^= s[2];
            s[0] ^= s[3];
            s[2] ^= t;
            s[3] = s[3].rotate_left(45);
            result
        }

        /// Uniform in [0, 1) from the top 53 bits (`rand`'s `StandardUniform` for f64).
        #[inline(always)]
        pub fn uniform(&mut self) -> f64 {
            (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
        }

        /// Uniform in (0, 1) from the top 52 bits (`rand`'s `Open01` for f64).
        #[inline]
        fn open01(&mut self) -> f64 {
            f64::from_bits((self.next_u64() >> 12) | (1023u64 << 52)) - (1.0 - f64::EPSILON / 2.0)
        }

        /// A standard normal number by the Ziggurat method (Marsaglia & Tsang, 256 layers; `rand_distr`'s
        /// `StandardNormal`): one 64-bit number gives the layer (low 8 bits) and a uniform in [−1, 1) (top 52
        /// bits); about 99 % of the numbers fall inside the layer's rectangle and need nothing else.
        #[inline(always)]
        pub fn normal(&mut self, z: &Ziggurat) -> f64 {
            let bits = self.next_u64();
            let i = (bits & 0xff) as usize;
            let u = f64::from_bits((bits >> 12) | (1024u64 << 52)) - 3.0;
            let x = u * z.x[i];
            if x.abs() < z.x[i + 1] {
                x
            } else {
                // The state goes by value, so that in the common case above it can stay in registers.
                let (x, s) = TrialRng::normal_edge(self.s, z, i, u, x);
                self.s = s;
                x
            }
        }

        /// The rest of the Ziggurat loop, from a number outside its layer's rectangle: the tail beyond R for the
        /// base layer, else the wedge test against the density; a rejected number starts over.
        #[cold]
        #[inline(never)]
        fn normal_edge(s: [u64; 4], z: &Ziggurat, i: usize, u: f64, x: f64) -> (f64, [u64; 4]) {
            let mut rng = TrialRng { s };
            let x = rng.normal_loop(z, i, u, x);
            (x, rng.s)
        }

        fn normal_loop(&mut self, z: &Ziggurat, mut i: usize, mut u: f64, mut x: f64) -> f64 {
            loop {
                if x.abs() < z.x[i + 1] {
                    return x;
                }
                if i == 0 {
                    // The tail (Marsaglia 1964).
                    let mut tx = 1.0f64;
                    let mut ty = 0.0f64;
                    while -2.0 * ty < tx * tx {
                        let x_ = self.open01();
                        let y_ = self.open01();
                        tx = libm::log(x_) / ZIG_NORM_R;
                        ty = libm::log(y_);
                    }
                    return if u < 0.0 { tx - ZIG_NORM_R } else { ZIG_NORM_R - tx };
                }
                if z.f[i + 1] + (z.f[i] - z.f[i + 1]) * self.uniform() < pdf(x) {
                    return x;
                }
                let bits = self.next_u64();
                i = (bits & 0xff) as usize;
                u = f64::from_bits((bits >> 12) | (1024u64 << 52)) - 3.0;
                x = u * z.x[i];
            }
        }
    }

    /// R, where the tail of the 256-layer Ziggurat begins.
    const ZIG_NORM_R: f64 = 3.654152885361009;
    /// V, the area of each layer.
    const ZIG_NORM_V: f64 = 0.00492867323399;

    /// The unnormalised normal density exp(−x²/2).
    #[inline]
    fn pdf(x: f64) -> f64 {
        libm::exp(-x * x / 2.0)
    }

    /// The Ziggurat's layer edges x₀ > x₁ = R > … > x₂₅₆ = 0 and the density at them.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Ziggurat {
        pub(super) x: [f64; 257],
        pub(super) f: [f64; 257],
    }

    impl Ziggurat {
        /// The tables, computed once: x₀ = V / f(R), x₁ = R, x_{i+1} = f⁻¹(V / x_i + f(x_i)), x₂₅₆ = 0;
        /// f_i = f(x_i) (Marsaglia & Tsang 2000; Doornik 2005).
        pub fn get() -> &'static Ziggurat {
            static TABLES: OnceLock<Ziggurat> = OnceLock::new();
            TABLES.get_or_init(|| {
                let mut x = [0.0; 257];
                x[0] = ZIG_NORM_V / pdf(ZIG_NORM_R);
                x[1] = ZIG_NORM_R;
                for i in 2..256 {
                    x[i] = libm::sqrt(-2.0 * libm::log(ZIG_NORM_V / x[i - 1] + pdf(x[i - 1])));
                }
                x[256] = 0.0;
                Ziggurat { x, f: x.map(pdf) }
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use rand_distr::{Distribution, StandardNormal, StandardUniform};
    use rand_xoshiro::rand_core::{Rng, SeedableRng};
    use rand_xoshiro::Xoshiro256PlusPlus;

    use super::random::{TrialRng, Ziggurat};
    use super::*;

    /// Some keys, including 0 and all ones.
    const KEYS: [u64; 5] = [0, 1, 42, 0x0123_4567_89ab_cdef, u64::MAX];

    #[test]
    fn generator_is_xoshiro256plusplus_seeded_like_rand_xoshiro() {
        for key in KEYS {
            let mut ours = TrialRng::seed_from_u64(key);
            let mut theirs = Xoshiro256PlusPlus::seed_from_u64(key);
            for _ in 0..1000 {
                assert_eq!(ours.next_u64(), theirs.next_u64(), "key {key}");
            }
        }
    }

    #[test]
    fn uniform_is_rands_standard_uniform() {
        let mut ours = TrialRng::seed_from_u64(7);
        let mut theirs = Xoshiro256PlusPlus::seed_from_u64(7);
        for _ in 0..10_000 {
            let u: f64 = StandardUniform.sample(&mut theirs);
            assert_eq!(ours.uniform(), u);
        }
    }

    #[test]
    #[allow(clippy::excessive_precision)]
    fn ziggurat_tables_are_rand_distrs() {
        // Entries of rand_distr 0.6's ZIG_NORM_X and ZIG_NORM_F (src/ziggurat_tables.rs), as printed there.
        let z = Ziggurat::get();
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-15 * b.abs().max(1.0);
        assert!(close(z.x[0], 3.910757959537090045));
        assert!(close(z.x[1], 3.654152885361008796));
        assert!(close(z.x[2], 3.449278298560964462));
        assert!(close(z.x[255], 0.215241895913273806));
        assert_eq!(z.x[256], 0.0);
        assert!(close(z.f[0], 0.000477467764586655));
        assert!(close(z.f[1], 0.001260285930498598));
        assert_eq!(z.f[256], 1.0);
        assert!(z.x.windows(2).all(|w| w[0] > w[1]), "layer edges decrease");
    }

    /// The same numbers as rand_distr's StandardNormal fed by rand_xoshiro, and the generators stay in step
    /// (the same number of 64-bit draws), so the edge and tail cases take the same paths. (Values are compared to
    /// 1e-12: the tail's logarithm may come from another library there.)
    #[test]
    fn normal_is_rand_distrs_standard_normal() {
        let z = Ziggurat::get();
        for key in KEYS {
            let mut ours = TrialRng::seed_from_u64(key);
            let mut theirs = Xoshiro256PlusPlus::seed_from_u64(key);
            let mut beyond_r = 0;
            for n in 0..200_000 {
                let a = ours.normal(z);
                let b: f64 = StandardNormal.sample(&mut theirs);
                assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "key {key}, draw {n}: {a} vs {b}");
                beyond_r += (a.abs() > 3.654152885361009) as u32;
            }
            assert_eq!(ours.next_u64(), theirs.next_u64(), "generators in step, key {key}");
            // P(|z| > R) = 2(1 − Φ(R)) ≈ 2.58e-4: about 52 in 200 000; the tail path did run.
            assert!(beyond_r > 10, "tail draws: {beyond_r}");
        }
    }

    /// 1 − Φ(3) and the mean and variance of 400 000 draws, within 5 standard errors.
    #[test]
    fn normal_has_the_moments_and_tail_of_n01() {
        let z = Ziggurat::get();
        let mut rng = trial_rng(42, 0);
        let n = 400_000;
        let (mut sum, mut sum2, mut above3) = (0.0, 0.0, 0u32);
        for _ in 0..n {
            let x = rng.normal(z);
            sum += x;
            sum2 += x * x;
            above3 += (x > 3.0) as u32;
        }
        let nf = n as f64;
        let mean = sum / nf;
        let var = sum2 / nf - mean * mean;
        assert!(mean.abs() < 5.0 / nf.sqrt(), "mean {mean}");
        // Var of x² is 2 for N(0, 1).
        assert!((var - 1.0).abs() < 5.0 * (2.0 / nf).sqrt(), "variance {var}");
        let p = 1.0 - motivation::phi(3.0);
        let share = above3 as f64 / nf;
        assert!((share - p).abs() < 5.0 * (p * (1.0 - p) / nf).sqrt(), "P(z > 3) {share} vs {p}");
    }

    #[test]
    fn branchless_forms_agree() {
        let mut rng = trial_rng(1, 2);
        let mut xs = vec![
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            1.0,
            1.0 - f64::EPSILON / 2.0,
            1.0 + f64::EPSILON,
            -1.0,
            0.5,
            1e300,
            -1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        xs.extend((0..10_000).map(|_| (rng.uniform() - 0.3) * 3.0));
        for x in xs {
            assert_eq!(at_least_zero_float(x).to_bits(), at_least_zero_bits(x).to_bits(), "max({x}, 0)");
            assert_eq!(unit_clamp_float(x).to_bits(), unit_clamp_bits(x).to_bits(), "clamp({x})");
            let expected = if x > 1.0 {
                1.0
            } else if x > 0.0 {
                x
            } else {
                0.0
            };
            assert_eq!(unit_clamp_float(x).to_bits(), expected.to_bits(), "clamp({x})");
        }
    }

    /// §2's score fraction of actual `a`, by the engine's functions.
    fn engine_fraction(direction: Direction, divisor: f64, target: f64, floor: f64, a: f64) -> f64 {
        scoring::quantitative_fraction(scoring::ratio(direction, target, a), divisor, floor)
    }

    /// The folded cells against §2's own functions: within 1e-12 everywhere, exactly 1 wherever the target is met
    /// and exactly 0 clearly below the floor.
    #[test]
    fn cells_agree_with_section_2() {
        let mut rng = trial_rng(3, 4);
        let mut kinds = [0usize; 3];
        for direction in [Direction::Higher, Direction::Lower] {
            for divisor in [1.0, 0.9, 0.75, 0.1] {
                for floor in [0.0, 0.6, 0.99] {
                    for target in [0.0, -3.0, 1e-3, 0.3, 1.0, 7.7, 10.0, 123.456, 1e6] {
                        let draw = Draw { mu: 0.0, sigma: 1.0, weight: 1.0 };
                        let cell = Cell::quantitative(draw, direction, divisor, target, floor);
                        kinds[match cell {
                            Cell::Rising { .. } => 0,
                            Cell::Falling { .. } => 1,
                            _ => 2,
                        }] += 1;
                        let scale = target.abs().max(1.0);
                        let mut actuals = vec![0.0, -1.0, target, target * divisor, target / divisor, target * 2.0];
                        actuals.extend((0..400).map(|_| rng.uniform() * 2.5 * scale));
                        for a in actuals {
                            // z = a with μ = 0, σ = 1: the cell sees the actual a (cut at 0).
                            let fast = cell.points(a, floor);
                            let cut = a.max(0.0);
                            let exact = engine_fraction(direction, divisor, target, floor, cut);
                            let what = format!("{direction:?} div {divisor} floor {floor} T {target} a {a}");
                            assert!((fast - exact).abs() <= 1e-12, "{what}: {fast} vs {exact}");
                            let met = match direction {
                                Direction::Higher => cut >= target,
                                Direction::Lower => cut <= target,
                            };
                            if met {
                                assert_eq!(fast, 1.0, "{what}");
                            }
                            let ratio = scoring::ratio(direction, target, cut) / divisor;
                            if ratio < floor - 1e-9 {
                                assert_eq!(fast, 0.0, "{what}");
                            }
                        }
                    }
                }
            }
        }
        assert!(kinds.iter().all(|&k| k > 0), "every kind of cell was tried: {kinds:?}");
    }

    #[test]
    fn normal_of_follows_section_9_and_10() {
        // Zero trend, sample sd √(16/3).
        let (mu, sigma) = normal_of(&[8.0, 12.0, 12.0, 8.0], 10.0, 0.1);
        assert_eq!(mu, 10.0);
        assert!((sigma - (16.0f64 / 3.0).sqrt()).abs() < 1e-12);
        // No spread: σ = max(0, min_cv·|μ|, 1e-9).
        assert_eq!(normal_of(&[5.0, 5.0, 5.0], 9.0, 0.0), (5.0, 1e-9));
        assert_eq!(normal_of(&[5.0, 5.0], 9.0, 0.1), (5.0, 0.5));
        // Fewer than two numbers: μ = T, σ = min_cv·|T|.
        assert_eq!(normal_of(&[5.0], 9.0, 0.1), (9.0, 0.1 * 9.0));
        assert_eq!(normal_of(&[], -4.0, 0.5), (-4.0, 2.0));
        assert_eq!(normal_of(&[], 4.0, 0.0), (4.0, 0.0));
    }
}
