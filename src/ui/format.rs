//! How numbers are shown: fixed decimals per column, yuan with thousands separators, percentages.

/// `v` with exactly `decimals` decimals.
pub fn fixed(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}")
}

/// An optional score, "—" when absent.
pub fn opt(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "—".to_string(), |v| fixed(v, decimals))
}

/// Whole yuan with thousands separators: 1234567 → "1,234,567".
pub fn yuan(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A probability as a percentage with no decimals: 0.8827 → "88%".
pub fn percent(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

/// A number as people write it (no trailing zeros).
pub fn plain(v: f64) -> String {
    crate::i18n::number(v)
}
