//! The geometry of the app's charts, as plain functions (no web dependency, tested natively): linear scales and
//! round tick values, an indicator's scoring curve (METHOD.md §2, sampled through the engine's own functions so
//! the picture cannot drift from the numbers), each branch's grade path over the cycles and the flows between
//! consecutive cycles (§8), and the colour of a motivation probability p (§9). The drawing is in `ui::charts`.

use crate::engine::scoring::{quantitative_fraction, ratio};
use crate::engine::{Reason, Results};
use crate::model::{Direction, Scenario};

/// A linear map of the domain `d0..d1` onto the range `r0..r1` (an empty domain maps to the range's middle).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Scale {
    pub fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Scale {
        Scale { d0, d1, r0, r1 }
    }

    pub fn at(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span.abs() < 1e-12 || !span.is_finite() {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (self.r1 - self.r0) * (v - self.d0) / span
    }
}

/// Round tick values from `lo` to `hi` (both included when they fall on a step): steps of 1, 2 or 5 × 10^k,
/// at most about `max` of them. An empty or invalid range gives `[lo]`.
pub fn ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) || max < 2 {
        return vec![lo];
    }
    let raw = span / (max - 1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw - 1e-12).unwrap_or(10.0 * mag);
    let first = (lo / step - 1e-9).ceil();
    let scale = 10f64.powi((-step.log10().floor()).max(0.0) as i32 + 1);
    let mut out = Vec::new();
    let mut k = first;
    while k * step <= hi + step * 1e-9 {
        // Snap to the step's decimals so 0.6000000000000001 is 0.6 (a division by a power of ten is exact).
        let v = (k * step * scale).round() / scale;
        out.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        k += 1.0;
    }
    out
}

/// The actuals where a quantitative indicator's score fraction starts to rise above 0 (`zero`) and where it
/// reaches 1 (`full`), for target T, divisor `1 − tol` (1 for a controllable indicator) and the floor ratio.
/// Higher is better: `zero = floor × d × T`, `full = d × T`; lower is better: `full = T / d`, `zero = T / (d ×
/// floor)` (infinite when the floor is 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurveMarks {
    pub zero: f64,
    pub full: f64,
}

pub fn curve_marks(direction: Direction, target: f64, divisor: f64, floor: f64) -> CurveMarks {
    match direction {
        Direction::Higher => CurveMarks { zero: floor * divisor * target, full: divisor * target },
        Direction::Lower => CurveMarks {
            zero: if floor > 0.0 { target / (divisor * floor) } else { f64::INFINITY },
            full: target / divisor,
        },
    }
}

/// The right end of a scoring curve's actual axis: past the target, the point where the score reaches 0 (lower is
/// better) and every actual shown, with a margin. At least 1.
pub fn curve_extent(direction: Direction, target: f64, floor: f64, actuals: &[f64]) -> f64 {
    let far = match direction {
        Direction::Higher => target * 1.25,
        // Lower is better: the controllable curve (divisor 1) reaches 0 at T / floor, the farthest of the two.
        Direction::Lower => curve_marks(direction, target, 1.0, floor).zero.min(target * 4.0) * 1.1,
    };
    actuals.iter().copied().filter(|a| a.is_finite()).fold(far, |m, a| m.max(a * 1.05)).max(1.0)
}

/// The score fraction s (§2) over actuals `0..=x_max`: `n` even samples plus the curve's corners, in order.
pub fn curve_points(
    direction: Direction,
    target: f64,
    divisor: f64,
    floor: f64,
    x_max: f64,
    n: usize,
) -> Vec<(f64, f64)> {
    let s = |a: f64| quantitative_fraction(ratio(direction, target, a), divisor, floor);
    let m = curve_marks(direction, target, divisor, floor);
    let mut xs: Vec<f64> = (0..=n).map(|i| x_max * i as f64 / n.max(1) as f64).collect();
    xs.extend([m.zero, m.full, target].into_iter().filter(|x| x.is_finite() && *x >= 0.0 && *x <= x_max));
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
    xs.into_iter().map(|a| (a, s(a))).collect()
}

/// One point of a branch's grade path: the grade at the start (`reason` None) or after a cycle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathPoint {
    pub grade: u32,
    /// The rule that decided at this cycle's end (`None` at the start and where the branch had no row).
    pub reason: Option<Reason>,
    /// Whether the cycle is complete (true at the start).
    pub complete: bool,
}

/// Each branch's grade (in the scenario's order): its initial grade, then after each cycle (unchanged where the
/// branch had no row in a cycle).
pub fn grade_paths(s: &Scenario, r: &Results) -> Vec<Vec<PathPoint>> {
    // Each cycle's rows by branch id, so that the paths take O(branches × cycles), not its square.
    let by_branch: Vec<std::collections::HashMap<&str, &crate::engine::CycleRow>> = r
        .cycles
        .iter()
        .map(|c| {
            let mut m = std::collections::HashMap::with_capacity(c.rows.len());
            for row in &c.rows {
                m.entry(row.branch.as_str()).or_insert(row);
            }
            m
        })
        .collect();
    s.branches
        .iter()
        .map(|b| {
            let mut grade = b.grade;
            let mut points = vec![PathPoint { grade, reason: None, complete: true }];
            for (c, rows) in r.cycles.iter().zip(&by_branch) {
                let row = rows.get(b.id.as_str()).copied();
                if let Some(row) = row {
                    grade = row.grade_after;
                }
                points.push(PathPoint { grade, reason: row.map(|r| r.reason), complete: c.complete });
            }
            points
        })
        .collect()
}

/// How many branches went from grade `from` at column `step` to grade `to` at column `step + 1` (column 0 is
/// the start, column k the end of cycle k).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flow {
    pub step: usize,
    pub from: u32,
    pub to: u32,
    pub count: usize,
}

/// The flows between consecutive columns of the paths, by step, then `from` and `to` descending (top grade first);
/// only the pairs that at least one branch took.
pub fn flows(paths: &[Vec<PathPoint>]) -> Vec<Flow> {
    let mut out: Vec<Flow> = Vec::new();
    let steps = paths.iter().map(|p| p.len()).max().unwrap_or(0).saturating_sub(1);
    for step in 0..steps {
        for p in paths {
            let (Some(a), Some(b)) = (p.get(step), p.get(step + 1)) else { continue };
            match out.iter_mut().find(|f| f.step == step && f.from == a.grade && f.to == b.grade) {
                Some(f) => f.count += 1,
                None => out.push(Flow { step, from: a.grade, to: b.grade, count: 1 }),
            }
        }
    }
    out.sort_by(|x, y| x.step.cmp(&y.step).then(y.from.cmp(&x.from)).then(y.to.cmp(&x.to)));
    out
}

/// How many branches hold each grade in each column: `[column][grade − 1]` (grades above `levels` are counted
/// at the top grade).
pub fn grade_counts(paths: &[Vec<PathPoint>], levels: u32) -> Vec<Vec<usize>> {
    let cols = paths.iter().map(|p| p.len()).max().unwrap_or(0);
    let levels = levels.max(1) as usize;
    let mut out = vec![vec![0usize; levels]; cols];
    for p in paths {
        for (c, pt) in p.iter().enumerate() {
            out[c][(pt.grade.max(1) as usize).min(levels) - 1] += 1;
        }
    }
    out
}

/// The colour of a motivation probability p as (hue in degrees, lightness in %): one hue per class (red out of
/// reach below `hard_below`, green motivating, blue too easy above `easy_above`), and within a class the
/// lightness follows p (deepest at p = 0, in the middle of the motivating band, and at p = 1).
pub fn p_colour(p: f64, hard_below: f64, easy_above: f64) -> (f64, f64) {
    let p = p.clamp(0.0, 1.0);
    let frac = |x: f64, a: f64, b: f64| if b - a < 1e-12 { 0.0 } else { ((x - a) / (b - a)).clamp(0.0, 1.0) };
    if p < hard_below {
        (4.0, 70.0 + 14.0 * frac(p, 0.0, hard_below))
    } else if p > easy_above {
        (212.0, 84.0 - 14.0 * frac(p, easy_above, 1.0))
    } else {
        let mid = (hard_below + easy_above) / 2.0;
        (128.0, 70.0 + 14.0 * frac((p - mid).abs(), 0.0, (easy_above - hard_below) / 2.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 1.0, 6), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(ticks(-1.0, 1.0, 5), vec![-1.0, -0.5, 0.0, 0.5, 1.0]);
        assert_eq!(ticks(0.0, 137.0, 6), vec![0.0, 50.0, 100.0]);
        assert_eq!(ticks(3.0, 3.0, 5), vec![3.0]);
        let s = Scale::new(0.0, 10.0, 100.0, 0.0);
        assert_eq!(s.at(2.5), 75.0);
        assert_eq!(Scale::new(1.0, 1.0, 0.0, 10.0).at(7.0), 5.0);
    }
}
