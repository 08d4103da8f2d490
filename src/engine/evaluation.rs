//! METHOD.md §4 — democratic evaluation (考核评议): members & masses m, peers q, superiors h, and E.

use crate::model::settings::EvaluationSettings;
use crate::model::{Ballots, Evaluation};

/// The three sources and their combination E; every part may be absent.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct EvaluationScores {
    /// m, members & masses (党员群众).
    pub members: Option<f64>,
    /// q, peer secretaries (其他支部书记).
    pub peers: Option<f64>,
    /// h, superiors (上级机关).
    pub superiors: Option<f64>,
    /// E.
    pub evaluation: Option<f64>,
}

/// §4 members & masses `m = Σ count × value / Σ count` over the four ballot grades (excellent, good, fair,
/// poor; values `settings.evaluation.ballot_values`). Absent when there are no ballots or all four counts are 0.
pub fn members_score(ballots: Option<&Ballots>, values: &[f64; 4]) -> Option<f64> {
    let b = ballots?;
    let total = b.total();
    if total == 0 {
        return None;
    }
    let sum = b.excellent as f64 * values[0]
        + b.good as f64 * values[1]
        + b.fair as f64 * values[2]
        + b.poor as f64 * values[3];
    Some(sum / total as f64)
}

/// §4 `E = (w_m·m + w_q·q + w_h·h) / (sum of the weights of the present sources)`. Absent when no source is
/// present, or when the present sources' weights sum to 0.
pub fn combined(m: Option<f64>, q: Option<f64>, h: Option<f64>, s: &EvaluationSettings) -> Option<f64> {
    let mut sum = 0.0;
    let mut weights = 0.0;
    for (x, w) in [(m, s.weight_members), (q, s.weight_peers), (h, s.weight_superiors)] {
        if let Some(x) = x {
            sum += w * x;
            weights += w;
        }
    }
    (weights > 0.0).then(|| sum / weights)
}

/// §4 all of m, q, h and E for one record's evaluation.
pub fn evaluate(e: &Evaluation, s: &EvaluationSettings) -> EvaluationScores {
    let members = members_score(e.ballots.as_ref(), &s.ballot_values);
    EvaluationScores {
        members,
        peers: e.peers,
        superiors: e.superiors,
        evaluation: combined(members, e.peers, e.superiors, s),
    }
}

/// §4 the UI's warning: the members' and masses' weight must be strictly the largest.
pub fn members_weight_not_largest(s: &EvaluationSettings) -> bool {
    !(s.weight_members > s.weight_peers && s.weight_members > s.weight_superiors)
}
