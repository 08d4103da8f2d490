//! The charts' geometry on the built-in sample: the scoring curve passes through every branch's (actual, s) of
//! the engine, the floor, tolerance and target marks sit where §2 puts them, and the grade ladder's flows add up
//! to the cycle tables (§8).

use pbcalc::charts_geom::{curve_marks, curve_points, flows, grade_counts, grade_paths, p_colour, ticks};
use pbcalc::engine::evaluate;
use pbcalc::engine::scoring::ScoreRule;
use pbcalc::model::sample::sample;
use pbcalc::model::{Actual, Direction};

/// Linear interpolation of the sampled curve at `a` (the curve is piecewise linear for "higher is better"; for
/// "lower is better" it is sampled finely enough).
fn at(points: &[(f64, f64)], a: f64) -> f64 {
    let i = points.iter().position(|p| p.0 >= a).expect("inside the curve");
    if i == 0 || (points[i].0 - a).abs() < 1e-12 {
        return points[i].1;
    }
    let (p, q) = (points[i - 1], points[i]);
    p.1 + (q.1 - p.1) * (a - p.0) / (q.0 - p.0)
}

#[test]
fn the_scoring_curve_passes_through_every_engine_score() {
    let s = sample();
    let r = evaluate(&s);
    let floor = s.settings.scoring.floor_ratio;
    let mut checked = 0;
    for period in &r.periods {
        for row in &period.rows {
            for sc in &row.indicators {
                let ind = &s.indicators[sc.indicator];
                let (Some(ScoreRule::Quantitative { direction, divisor }), Some(t), Some(Actual::Number(a))) =
                    (ScoreRule::of(ind), sc.target, sc.actual)
                else {
                    continue;
                };
                let x_max = a.max(t) * 2.0 + 1.0;
                let pts = curve_points(direction, t, divisor, floor, x_max, 400);
                assert!(pts.windows(2).all(|w| w[0].0 < w[1].0), "sorted actuals");
                let tol = if direction == Direction::Higher { 1e-9 } else { 2e-2 };
                assert!(
                    (at(&pts, a) - sc.fraction).abs() <= tol,
                    "{} at {a}: {} vs {}",
                    ind.id,
                    at(&pts, a),
                    sc.fraction
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "the sample has quantitative scores ({checked})");
}

#[test]
fn the_marks_are_the_floor_the_tolerance_and_the_target() {
    // Higher is better, T = 100, tolerance 0.2, floor 0.6: 0 below 48, full from 80.
    let m = curve_marks(Direction::Higher, 100.0, 0.8, 0.6);
    assert!((m.zero - 48.0).abs() < 1e-9 && (m.full - 80.0).abs() < 1e-9);
    let pts = curve_points(Direction::Higher, 100.0, 0.8, 0.6, 130.0, 13);
    assert!(pts.iter().any(|p| (p.0 - 48.0).abs() < 1e-9 && p.1 == 0.0));
    assert!(pts.iter().any(|p| (p.0 - 80.0).abs() < 1e-9 && p.1 == 1.0));
    // Controllable: full only at the target.
    assert!((curve_marks(Direction::Higher, 100.0, 1.0, 0.6).full - 100.0).abs() < 1e-9);
    // Lower is better, T = 10, tolerance 0.5: full up to 20, 0 from 10 / (0.5 × 0.6).
    let m = curve_marks(Direction::Lower, 10.0, 0.5, 0.6);
    assert!((m.full - 20.0).abs() < 1e-9 && (m.zero - 10.0 / 0.3).abs() < 1e-9);
    assert_eq!(ticks(0.0, 130.0, 6), vec![0.0, 50.0, 100.0]);
}

#[test]
fn the_ladder_flows_add_up_to_the_cycle_tables() {
    let s = sample();
    let r = evaluate(&s);
    assert!(!r.cycles.is_empty());
    let paths = grade_paths(&s, &r);
    let f = flows(&paths);
    let counts = grade_counts(&paths, s.settings.grades.levels);
    assert_eq!(counts.len(), r.cycles.len() + 1);
    for (k, c) in r.cycles.iter().enumerate() {
        // Every branch flows once per cycle.
        let total: usize = f.iter().filter(|x| x.step == k).map(|x| x.count).sum();
        assert_eq!(total, s.branches.len());
        // The movers are exactly the cycle table's rows that changed grade.
        for row in c.rows.iter().filter(|row| row.grade_before != row.grade_after) {
            let n = c
                .rows
                .iter()
                .filter(|x| x.grade_before == row.grade_before && x.grade_after == row.grade_after)
                .count();
            let flow = f.iter().find(|x| x.step == k && x.from == row.grade_before && x.to == row.grade_after);
            assert_eq!(flow.map(|x| x.count), Some(n), "cycle {} {}→{}", c.cycle, row.grade_before, row.grade_after);
        }
        // Counts per column agree with the flows arriving in it.
        for g in 1..=s.settings.grades.levels {
            let arriving: usize = f.iter().filter(|x| x.step == k && x.to == g).map(|x| x.count).sum();
            assert_eq!(arriving, counts[k + 1][g as usize - 1]);
        }
    }
}

#[test]
fn the_p_colour_turns_at_the_class_limits() {
    let (hard, easy) = (0.2, 0.9);
    let hue = |p: f64| p_colour(p, hard, easy).0;
    assert_eq!(hue(0.0), hue(0.199));
    assert_ne!(hue(0.199), hue(0.2), "out of reach and motivating differ");
    assert_eq!(hue(0.2), hue(0.9), "the limits are motivating (strict limits, §9)");
    assert_ne!(hue(0.9), hue(0.901), "motivating and too easy differ");
    // Within a class the shade follows p.
    assert!(p_colour(0.0, hard, easy).1 < p_colour(0.15, hard, easy).1);
    assert!(p_colour(0.55, hard, easy).1 < p_colour(0.3, hard, easy).1);
    assert!(p_colour(1.0, hard, easy).1 < p_colour(0.95, hard, easy).1);
}
