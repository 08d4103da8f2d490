//! METHOD.md §5 — final score F, rank, and display order.

use super::round::EPS;

/// §5 final score `F = a·I + (1 − a)·E`, a = `settings.evaluation.inspection_share`; `F = I` when E is absent.
#[inline]
pub fn final_score(inspection: f64, evaluation: Option<f64>, inspection_share: f64) -> f64 {
    match evaluation {
        Some(e) => inspection_share * inspection + (1.0 - inspection_share) * e,
        None => inspection,
    }
}

/// §5 the positions of `scores` from best to worst (ties in position order), into `order`. Ranks and the quota
/// tiers are counted along it, so one sort serves both.
pub fn order_best_first(scores: &[f64], order: &mut Vec<usize>) {
    order.clear();
    order.extend(0..scores.len());
    order.sort_unstable_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
}

/// §5 ranks along a best-first `order` ([`order_best_first`]): rank = 1 + number of branches with a strictly
/// higher F, i.e. higher by more than 1e-9 (ties share a rank).
pub fn ranks_along(scores: &[f64], order: &[usize], out: &mut [u32]) {
    // Walking down the order the scores fall, so the strictly-higher prefix only grows.
    let mut higher = 0;
    for &i in order {
        while higher < order.len() && scores[order[higher]] > scores[i] + EPS {
            higher += 1;
        }
        out[i] = 1 + higher as u32;
    }
}

/// §5 rank = 1 + number of branches with a strictly higher F (ties share a rank; two scores within 1e-9 are
/// equal). `scratch` is reused between calls.
pub fn ranks_into(scores: &[f64], out: &mut [u32], scratch: &mut Vec<usize>) {
    order_best_first(scores, scratch);
    ranks_along(scores, scratch, out);
}

/// §5 ranks of `scores` (see [`ranks_into`]).
pub fn ranks(scores: &[f64]) -> Vec<u32> {
    let mut out = vec![0; scores.len()];
    ranks_into(scores, &mut out, &mut Vec::new());
    out
}

/// §5 display order: F descending, then branch name.
///
/// Reading: "F descending" uses the equality of METHOD.md, so the order is by rank (which is F descending with
/// scores within 1e-9 equal), then by name, then by id — names and ids by Unicode code point. Returns the
/// positions of `ranks` in display order; `key(i)` gives position i's (name, id).
pub fn display_order<'a>(ranks: &[u32], key: impl Fn(usize) -> (&'a str, &'a str)) -> Vec<usize> {
    crate::sort::permutation(ranks.len(), &|a, b| ranks[a].cmp(&ranks[b]).then_with(|| key(a).cmp(&key(b))))
}

/// §6, §7 splits a sorted run of values into tie groups: consecutive values that differ by at most 1e-9 belong to
/// one group (chains of near-equal scores form one group). Calls `group(start, end)` for each group in order.
///
/// Reading: where near-equal scores chain (a ≈ b ≈ c but a ≉ c), the whole chain is one tie group; this only
/// ever keeps branches together, which is the branch's favour in §6 and changes nothing else.
pub fn tie_groups(sorted: impl Fn(usize) -> f64, len: usize, mut group: impl FnMut(usize, usize)) {
    let mut start = 0;
    while start < len {
        let mut end = start + 1;
        while end < len && (sorted(end) - sorted(end - 1)).abs() <= EPS {
            end += 1;
        }
        group(start, end);
        start = end;
    }
}
