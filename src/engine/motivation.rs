//! METHOD.md §9 — motivation check (激发性): the trend μ, the spread σ, the probability p of reaching the target,
//! the class, and the suggested target; with the normal distribution Φ and its inverse.

use super::round::round;
use crate::model::settings::Motivation as MotivationSettings;
use crate::model::{Actual, Direction, Quantitative, Scenario};

/// The class of a target by its probability of being reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MotivationClass {
    /// 唾手可得: p > `easy_above`.
    TooEasy,
    /// 有激发性.
    Motivating,
    /// 高不可攀: p < `hard_below`.
    OutOfReach,
    /// Fewer than two numbers in the history.
    Unknown,
}

impl MotivationClass {
    /// The results file's word: `too_easy` | `motivating` | `out_of_reach` | `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            MotivationClass::TooEasy => "too_easy",
            MotivationClass::Motivating => "motivating",
            MotivationClass::OutOfReach => "out_of_reach",
            MotivationClass::Unknown => "unknown",
        }
    }
}

/// The motivation check of one target. For class `Unknown` every number is `None`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Motivation {
    pub class: MotivationClass,
    /// p = P(reaching T) under Normal(μ, σ).
    pub p: Option<f64>,
    pub mu: Option<f64>,
    pub sigma: Option<f64>,
    /// The target reached with the desired probability p*, rounded to the indicator's decimals.
    pub suggested: Option<f64>,
}

impl Motivation {
    /// The check of a history with fewer than two numbers.
    pub const UNKNOWN: Motivation =
        Motivation { class: MotivationClass::Unknown, p: None, mu: None, sigma: None, suggested: None };
}

/// Φ, the standard normal distribution function: `Φ(z) = erfc(−z/√2) / 2`.
#[inline]
pub fn phi(z: f64) -> f64 {
    0.5 * libm::erfc(-z * std::f64::consts::FRAC_1_SQRT_2)
}

/// Φ⁻¹, the standard normal quantile: ±∞ at 1 and 0, NaN outside 0..1.
///
/// P. J. Acklam's rational approximation (relative error below 1.2e-9) refined by one Halley step on
/// [`phi`], which brings it to about machine precision.
pub fn phi_inv(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e1,
        2.209460984245205e2,
        -2.759285104469687e2,
        1.38357751867269e2,
        -3.066479806614716e1,
        2.506628277459239,
    ];
    const B: [f64; 5] =
        [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
    const C: [f64; 6] = [
        -7.784894002430293e-3,
        -3.223964580411365e-1,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    ];
    const D: [f64; 4] = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
    const LOW: f64 = 0.02425;

    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    let x = if p < LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p <= 1.0 - LOW {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    };
    // One Halley step: e = Φ(x) − p, u = e·√(2π)·exp(x²/2).
    let e = phi(x) - p;
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * (x * x / 2.0).exp();
    x - u / (1.0 + x * u / 2.0)
}

/// §9 the trend of a history x_1..x_k (k ≥ 2): μ = the least-squares line through (t, x_t), t = 1..k,
/// evaluated at t = k + 1; and the sample standard deviation of x (dividing by k − 1). `None` when k < 2.
pub fn trend(xs: &[f64]) -> Option<(f64, f64)> {
    let k = xs.len();
    if k < 2 {
        return None;
    }
    let kf = k as f64;
    let t_mean = (kf + 1.0) / 2.0;
    let x_mean = xs.iter().sum::<f64>() / kf;
    let mut sxy = 0.0;
    let mut stt = 0.0;
    let mut sxx = 0.0;
    for (i, &x) in xs.iter().enumerate() {
        let dt = (i + 1) as f64 - t_mean;
        let dx = x - x_mean;
        sxy += dt * dx;
        stt += dt * dt;
        sxx += dx * dx;
    }
    let slope = sxy / stt;
    let mu = x_mean + slope * (kf + 1.0 - t_mean);
    Some((mu, (sxx / (kf - 1.0)).sqrt()))
}

/// §9 σ = max(sample standard deviation, `min_cv` × |μ|, 1e-9).
#[inline]
pub fn sigma(sd: f64, mu: f64, min_cv: f64) -> f64 {
    sd.max(min_cv * mu.abs()).max(1e-9)
}

/// §9 p = P(reaching T) under Normal(μ, σ): higher `p = 1 − Φ((T − μ)/σ)`, lower `p = Φ((T − μ)/σ)`.
///
/// Reading: 1 − Φ(z) is computed as Φ(−z), the same number without the cancellation in the upper tail.
#[inline]
pub fn probability(direction: Direction, target: f64, mu: f64, sigma: f64) -> f64 {
    let z = (target - mu) / sigma;
    match direction {
        Direction::Higher => phi(-z),
        Direction::Lower => phi(z),
    }
}

/// §9 class: p > `easy_above` → too easy; p < `hard_below` → out of reach; else motivating. The limits are
/// strict.
#[inline]
pub fn classify(p: f64, m: &MotivationSettings) -> MotivationClass {
    if p > m.easy_above {
        MotivationClass::TooEasy
    } else if p < m.hard_below {
        MotivationClass::OutOfReach
    } else {
        MotivationClass::Motivating
    }
}

/// §9 the standard normal quantile the suggested target sits at: higher `Φ⁻¹(1 − p*)`, lower `Φ⁻¹(p*)`,
/// p* = `desired`.
pub fn desired_quantile(direction: Direction, desired: f64) -> f64 {
    match direction {
        Direction::Higher => phi_inv(1.0 - desired),
        Direction::Lower => phi_inv(desired),
    }
}

/// §9 the suggested target for the desired probability p* (`desired`), rounded to the indicator's decimals:
/// higher `μ + σ·Φ⁻¹(1 − p*)`, lower `μ + σ·Φ⁻¹(p*)`. Not clamped (a lower indicator may get a negative
/// suggestion). `None` only when p* is 0 or 1 (refused by the settings), where no finite target exists.
pub fn suggested(direction: Direction, decimals: u32, mu: f64, sigma: f64, desired: f64) -> Option<f64> {
    suggested_at(desired_quantile(direction, desired), decimals, mu, sigma)
}

/// [`suggested`] with the quantile already known (it depends only on the direction and p*).
#[inline]
pub fn suggested_at(quantile: f64, decimals: u32, mu: f64, sigma: f64) -> Option<f64> {
    let t = mu + sigma * quantile;
    t.is_finite().then(|| round(t, decimals))
}

/// §9 the whole check of target `target` of a quantitative indicator, given the history `xs`, oldest first.
/// Fewer than two numbers → class unknown.
pub fn assess(xs: &[f64], target: f64, q: &Quantitative, m: &MotivationSettings) -> Motivation {
    assess_at(xs, target, q, m, desired_quantile(q.direction, m.desired))
}

/// [`assess`] with the quantile of the suggested target already known ([`desired_quantile`]).
pub fn assess_at(xs: &[f64], target: f64, q: &Quantitative, m: &MotivationSettings, quantile: f64) -> Motivation {
    let Some((mu, sd)) = trend(xs) else {
        return Motivation::UNKNOWN;
    };
    let sigma = sigma(sd, mu, m.min_cv);
    let p = probability(q.direction, target, mu, sigma);
    Motivation {
        class: classify(p, m),
        p: Some(p),
        mu: Some(mu),
        sigma: Some(sigma),
        suggested: suggested_at(quantile, q.decimals, mu, sigma),
    }
}

/// What one click can do about a flagged target (beyond METHOD.md §9, which defines only `suggested`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Remedy {
    /// A motivating target at the indicator's decimals: the suggested one when it is motivating itself, else the
    /// nearest to the ideal (unrounded) target within [`REMEDY_STEPS`] steps of the suggested one.
    Target(f64),
    /// No target at the indicator's decimals within reach is motivating (coarse decimals, a narrow band): the
    /// two values either side of the ideal target, each with its p, lower value first.
    None { below: (f64, f64), above: (f64, f64) },
}

/// How many steps of the indicator's decimals [`remedy`] looks on either side of the suggested target.
pub const REMEDY_STEPS: i32 = 5;

/// The target a one-click fix may offer for a branch with trend `mu` and spread `sigma`: the §9 suggested
/// target when it is motivating; else, searching outward from it up to ±[`REMEDY_STEPS`] steps of
/// 10^−decimals, the value nearest to the ideal target `μ + σ·q` whose class is motivating (on equal distance
/// the lower value); else [`Remedy::None`] with the two neighbours of the ideal target. `None` only when p* is
/// 0 or 1 (no suggestion exists).
///
/// Reading: "nearest" is measured to the ideal target, not to the rounded suggestion, so the fix changes the
/// committee's number as little as the history allows.
pub fn remedy(direction: Direction, decimals: u32, mu: f64, sigma: f64, m: &MotivationSettings) -> Option<Remedy> {
    let ideal = mu + sigma * desired_quantile(direction, m.desired);
    let suggested = suggested(direction, decimals, mu, sigma, m.desired)?;
    let motivating = |t: f64| classify(probability(direction, t, mu, sigma), m) == MotivationClass::Motivating;
    if motivating(suggested) {
        return Some(Remedy::Target(suggested));
    }
    let step = 10f64.powi(-(decimals.min(12) as i32));
    let candidates: Vec<f64> = (1..=REMEDY_STEPS)
        .flat_map(|k| [suggested - k as f64 * step, suggested + k as f64 * step])
        .map(|t| round(t, decimals))
        .collect();
    let candidates =
        crate::sort::sorted(candidates, &|a, b| (a - ideal).abs().total_cmp(&(b - ideal).abs()).then(a.total_cmp(b)));
    if let Some(t) = candidates.into_iter().find(|t| motivating(*t)) {
        return Some(Remedy::Target(t));
    }
    let below = round((ideal / step).floor() * step, decimals);
    let above = round(below + step, decimals);
    let p = |t: f64| probability(direction, t, mu, sigma);
    Some(Remedy::None { below: (below, p(below)), above: (above, p(above)) })
}

/// §9 a branch's history of an indicator: `branch.history[indicator]` followed by its recorded actuals of that
/// indicator in the scenario's periods, oldest first. Recorded numbers only: absent actuals and periods without
/// a record are skipped.
pub fn history(s: &Scenario, branch: &str, indicator: &str) -> Vec<f64> {
    let mut xs: Vec<f64> = s.branch(branch).and_then(|b| b.history.get(indicator)).cloned().unwrap_or_default();
    for p in &s.periods {
        if let Some(Actual::Number(x)) = p.records.get(branch).and_then(|r| r.actuals.get(indicator)) {
            xs.push(*x);
        }
    }
    xs
}

/// §9 the motivation check of one cell (branch × quantitative indicator, both ids), against the branch's
/// effective target (its override when there is one). `None` when either is unknown or the indicator is not
/// quantitative.
pub fn check(s: &Scenario, branch: &str, indicator: &str) -> Option<Motivation> {
    let q = s.indicator(indicator)?.quantitative()?;
    let t = super::targets::breakdown(s, branch, indicator)?;
    Some(assess(&history(s, branch, indicator), t.target, q, &s.settings.motivation))
}
