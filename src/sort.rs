//! One stable sort for the whole crate's orderings.
//!
//! Every `sort_by` with its own closure is its own copy of the standard library's sort in the WebAssembly
//! build (a few KB each). The orderings that are not on a hot path sort positions through [`indices`] instead:
//! one copy, with the comparison behind a `&dyn Fn`. Stable, like `sort_by`: positions that compare equal
//! keep their order, so sorting positions and then reading the items in that order gives exactly what sorting
//! the items would.

use std::cmp::Ordering;

/// Sorts the positions in `order` by `cmp` (stable).
#[inline(never)]
pub fn indices(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// The positions `0..n` in the order of `cmp` (stable).
pub fn permutation(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    indices(&mut order, cmp);
    order
}

/// `items` sorted by `cmp` (stable), as [`slice::sort_by`] would leave them.
pub fn sorted<T>(items: Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) -> Vec<T> {
    let order = permutation(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().map(|i| slots[i].take().expect("each position once")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_like_sort_by() {
        let items: Vec<(u8, u32)> = (0..200u32).map(|i| ((i * 7919 % 13) as u8, i)).collect();
        let mut expected = items.clone();
        expected.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(sorted(items.clone(), &|a, b| a.0.cmp(&b.0)), expected);
        let order = permutation(items.len(), &|a, b| items[b].0.cmp(&items[a].0));
        let mut desc = items.clone();
        desc.sort_by(|a, b| b.0.cmp(&a.0));
        assert_eq!(order.iter().map(|&i| items[i]).collect::<Vec<_>>(), desc);
    }
}
