//! Long lists shown in pages of rows, so that no page of the app builds thousands of rows at once (the limits
//! of FORMAT.md allow 5,000 branches). A list of at most [`PAGED_ABOVE`] rows is shown whole, as before (the
//! sample organisation and every ordinary committee stay on one page); a longer one in pages of [`PAGE_ROWS`].
//! Pure (no web dependency): the page components in `ui::components::paging` ask this which rows to draw.

use std::ops::Range;

/// Rows per page of a paged list.
pub const PAGE_ROWS: usize = 100;
/// Lists longer than this are paged.
pub const PAGED_ABOVE: usize = 200;

/// Which page of a list of `total` rows is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub total: usize,
    /// 0-based, always a page that exists (0 for an empty list).
    pub page: usize,
}

impl Paging {
    /// Page `page` of a list of `total` rows; a page past the end shows the last one (the list may have shrunk).
    pub fn new(total: usize, page: usize) -> Paging {
        let mut p = Paging { total, page: 0 };
        p.page = page.min(p.pages() - 1);
        p
    }

    /// Whether the list is shown in pages at all.
    pub fn paged(&self) -> bool {
        self.total > PAGED_ABOVE
    }

    /// How many pages (at least one).
    pub fn pages(&self) -> usize {
        if self.paged() {
            self.total.div_ceil(PAGE_ROWS)
        } else {
            1
        }
    }

    /// The rows of the page shown (all of them when the list is not paged).
    pub fn rows(&self) -> Range<usize> {
        if !self.paged() {
            return 0..self.total;
        }
        let start = self.page * PAGE_ROWS;
        start..(start + PAGE_ROWS).min(self.total)
    }

    /// The page that holds row `row`.
    pub fn page_of(&self, row: usize) -> usize {
        if self.paged() {
            (row / PAGE_ROWS).min(self.pages() - 1)
        } else {
            0
        }
    }
}

/// A count with thousands separators: 5000 → "5,000".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lists_are_whole_and_long_ones_in_pages() {
        let p = Paging::new(PAGED_ABOVE, 3);
        assert!(!p.paged());
        assert_eq!((p.pages(), p.page, p.rows()), (1, 0, 0..PAGED_ABOVE));
        let p = Paging::new(1001, 0);
        assert!(p.paged());
        assert_eq!((p.pages(), p.rows()), (11, 0..100));
        assert_eq!(Paging::new(1001, 10).rows(), 1000..1001);
        // A page past the end (the list shrank) shows the last one.
        assert_eq!(Paging::new(1001, 99).page, 10);
        assert_eq!(Paging::new(0, 5).rows(), 0..0);
        // Every row is on exactly one page, in order.
        let p = Paging::new(4321, 0);
        let all: Vec<usize> = (0..p.pages()).flat_map(|k| Paging::new(4321, k).rows()).collect();
        assert_eq!(all, (0..4321).collect::<Vec<_>>());
        assert_eq!(p.page_of(4320), 43);
        assert_eq!(p.page_of(199), 1);
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(250000), "250,000");
        assert_eq!(grouped(1234567), "1,234,567");
    }
}
