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

/// §5 scores sorted from best to worst, for counting "strictly higher" by binary search ([`count_higher`]).
pub fn sorted_descending(scores: &[f64], out: &mut Vec<f64>) {
    out.clear();
    out.extend_from_slice(scores);
    out.sort_unstable_by(|a, b| b.total_cmp(a));
}

/// §5 how many of `sorted` (descending) are strictly higher than `score`, i.e. higher by more than 1e-9.
#[inline]
pub fn count_higher(sorted: &[f64], score: f64) -> usize {
    sorted.partition_point(|&v| v > score + EPS)
}

/// §5 rank = 1 + number of branches with a strictly higher F (ties share a rank; two scores within 1e-9 are
/// equal). `scratch` is reused between calls.
pub fn ranks_into(scores: &[f64], out: &mut [u32], scratch: &mut Vec<f64>) {
    sorted_descending(scores, scratch);
    for (r, &s) in out.iter_mut().zip(scores) {
        *r = 1 + count_higher(scratch, s) as u32;
    }
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
    let mut order: Vec<usize> = (0..ranks.len()).collect();
    order.sort_by(|&a, &b| ranks[a].cmp(&ranks[b]).then_with(|| key(a).cmp(&key(b))));
    order
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
