//! The one reader of numbers as a person types or pastes them: forms, grid cells and pasted blocks all go
//! through [`parse`], so the same text means the same number everywhere.
//!
//! Accepted: surrounding blanks (also the full-width space), a leading sign, a decimal point, ASCII thousands
//! separators in groups of three (`1,234.5`), and the full-width forms a Chinese input method types
//! (`１６５．５`, `－２`, `＋３`, `１，２３４` is *not* one of them, see below). In [`Kind::Decimal`] fields an
//! exponent (`1.5E+07`, as a spreadsheet may paste a big number) is read too.
//!
//! Refused, each with its own message:
//! * the Chinese comma `，` (and the enumeration comma `、`): in Chinese text it separates items, so `1，5`
//!   may mean "1 and 5" or "1.5" as much as "15"; guessing would store a number nobody typed
//!   ([`NumberIssue::ChineseComma`]);
//! * an exponent in a [`Kind::Whole`] field (counts, ratings, seeds): `1e2` is not how anyone writes a ballot
//!   count, and accepting it hides a pasting accident ([`NumberIssue::Exponent`]);
//! * `inf`, `NaN`, hexadecimal and anything else that is not a plain finite number (wrong type).

use super::problem::{Expected, ProblemKind};

/// What sort of field the number is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Any finite number; an exponent is allowed.
    Decimal,
    /// A count or rating: no exponent. Whether it is whole and in range is the field's own check.
    Whole,
}

/// Why a text that looks like a number was still refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberIssue {
    /// It contains the Chinese comma `，` or `、`.
    ChineseComma,
    /// An exponent (`1e2`) in a field that takes counts.
    Exponent,
}

/// The text with full-width digits, signs, point and space turned into their ASCII forms, trimmed.
pub fn to_ascii(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '−' | '﹣' => '-',
            '＋' | '﹢' => '+',
            'ｅ' | 'Ｅ' => 'e',
            '\u{3000}' | '\u{a0}' => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Reads `text` as a number for a field of `kind`; `Ok(None)` for an empty (or blank) text. A zero is `0.0`,
/// never `-0.0`.
pub fn parse(text: &str, kind: Kind) -> Result<Option<f64>, ProblemKind> {
    if text.contains(['，', '、']) {
        return Err(ProblemKind::NumberText { issue: NumberIssue::ChineseComma });
    }
    let t = to_ascii(text);
    if t.is_empty() {
        return Ok(None);
    }
    let plain = if t.contains(',') && thousands_ok(&t) { t.replace(',', "") } else { t };
    let looks_numeric = plain.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && plain.chars().any(|c| c.is_ascii_digit());
    match plain.parse::<f64>() {
        Ok(v) if looks_numeric && v.is_finite() => {
            if kind == Kind::Whole && plain.contains(['e', 'E']) {
                return Err(ProblemKind::NumberText { issue: NumberIssue::Exponent });
            }
            Ok(Some(if v == 0.0 { 0.0 } else { v }))
        }
        _ => Err(ProblemKind::WrongType { expected: Expected::Number }),
    }
}

/// Like [`parse`], but an empty text is [`ProblemKind::Empty`] (for fields that must hold a number).
pub fn parse_required(text: &str, kind: Kind) -> Result<f64, ProblemKind> {
    parse(text, kind)?.ok_or(ProblemKind::Empty)
}

/// Whether the commas of `t` are thousands separators: groups of three digits after the first.
fn thousands_ok(t: &str) -> bool {
    let body = t.trim_start_matches(['-', '+']);
    let int = body.split('.').next().unwrap_or("");
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(t: &str) -> Result<Option<f64>, ProblemKind> {
        parse(t, Kind::Decimal)
    }

    #[test]
    fn plain_and_full_width() {
        assert_eq!(dec(" 165.5 "), Ok(Some(165.5)));
        assert_eq!(dec("１６５．５"), Ok(Some(165.5)));
        assert_eq!(dec("－２"), Ok(Some(-2.0)));
        assert_eq!(dec("＋３"), Ok(Some(3.0)));
        assert_eq!(dec("\u{3000}７\u{3000}"), Ok(Some(7.0)));
        assert_eq!(dec("-0"), Ok(Some(0.0)));
        assert!(dec("-0").unwrap().unwrap().is_sign_positive());
        assert_eq!(dec(""), Ok(None));
        assert_eq!(dec("   "), Ok(None));
    }

    #[test]
    fn thousands() {
        assert_eq!(dec("1,234.5"), Ok(Some(1234.5)));
        assert_eq!(dec("-12,345,678"), Ok(Some(-12345678.0)));
        assert!(dec("1,23").is_err());
        assert!(dec("12,34,567").is_err());
        for t in ["1，234", "１，２３４", "1、5", "1，5"] {
            assert_eq!(dec(t), Err(ProblemKind::NumberText { issue: NumberIssue::ChineseComma }), "{t}");
        }
    }

    #[test]
    fn exponent_only_in_decimals() {
        assert_eq!(dec("1e2"), Ok(Some(100.0)));
        assert_eq!(dec("1.5E+07"), Ok(Some(15_000_000.0)));
        assert_eq!(parse("1e2", Kind::Whole), Err(ProblemKind::NumberText { issue: NumberIssue::Exponent }));
        assert_eq!(parse("１ｅ２", Kind::Whole), Err(ProblemKind::NumberText { issue: NumberIssue::Exponent }));
        assert_eq!(parse("12", Kind::Whole), Ok(Some(12.0)));
        assert_eq!(parse("2.5", Kind::Whole), Ok(Some(2.5)), "wholeness is the field's check");
    }

    #[test]
    fn not_numbers() {
        for t in ["inf", "NaN", "-inf", "0x10", "abc", "1.2.3", "+", "-", ".", "e", "1e999", "1 2"] {
            assert!(matches!(dec(t), Err(ProblemKind::WrongType { .. })), "{t}");
        }
        assert_eq!(parse_required("", Kind::Decimal), Err(ProblemKind::Empty));
    }
}
