//! Texts about typed numbers (the shared reader `model::number`) and the outputs that read them back.

use crate::i18n::Lang;
use crate::model::number::NumberIssue;

/// Why a typed number was refused.
pub fn issue_message(issue: NumberIssue, lang: Lang) -> &'static str {
    match issue {
        NumberIssue::ChineseComma => lang.pick(
            "含中文逗号“，”：千位分隔请用英文逗号“,”或不写，小数点用“.”",
            "contains the Chinese comma “，”: write thousands with “,” or without separators, and decimals with “.”",
        ),
        NumberIssue::Exponent => lang.pick(
            "此处应为整数，不能用科学计数法（如 1e2，请写 100）",
            "a whole number is wanted here, not scientific notation (write 100, not 1e2)",
        ),
    }
}
