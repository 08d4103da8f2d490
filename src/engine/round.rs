//! Rounding and equality of scores, as the preamble of METHOD.md defines them.

/// Two scores are equal when they differ by at most this much (METHOD.md preamble: ranks, ties, display
/// order, equal remainders of §7). Also the nudge in [`round`] and in the integer part of §7.
pub const EPS: f64 = 1e-9;

/// `round(x, d)` of METHOD.md: round half away from zero to `d` decimals, as
/// `sign(x) × floor(|x| × 10^d + 0.5 + 1e-9) / 10^d`.
///
/// The 1e-9 keeps 10 × 1.1 × 0.95 = 10.449999… at 10.5. A result of zero is always +0 (so −0.3 rounds to
/// 0, not −0, and a file never shows `-0.0`).
pub fn round(x: f64, decimals: u32) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    let magnitude = (x.abs() * scale + 0.5 + EPS).floor() / scale;
    let signed = if x < 0.0 { -magnitude } else { magnitude };
    signed + 0.0
}

/// Equal in the sense of METHOD.md: `|a − b| ≤ 1e-9`.
#[inline]
pub fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= EPS
}

/// Strictly higher in the sense of METHOD.md: higher by more than 1e-9.
#[inline]
pub fn higher(a: f64, b: f64) -> bool {
    a > b + EPS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round(2.5, 0), 3.0);
        assert_eq!(round(-2.5, 0), -3.0);
        assert_eq!(round(2.4999, 0), 2.0);
        assert_eq!(round(10.0 * 1.1 * 0.95, 1), 10.5);
        assert_eq!(round(20.88, 1), 20.9);
        assert_eq!(round(0.0, 3), 0.0);
    }

    #[test]
    fn negative_zero_becomes_zero() {
        let r = round(-0.3, 0);
        assert_eq!(r, 0.0);
        assert!(r.is_sign_positive());
    }

    #[test]
    fn equality_within_eps() {
        assert!(same(1.0, 1.0 + 0.9e-9));
        assert!(!same(1.0, 1.0 + 2e-9));
        assert!(higher(1.0 + 2e-9, 1.0));
        assert!(!higher(1.0 + 0.5e-9, 1.0));
    }
}
