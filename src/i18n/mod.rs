//! Every visible string, in Chinese (default) and English.
//!
//! Texts are keys of the enum [`T`], each defined with both languages in one line of [`texts!`]; a key
//! without its English or Chinese side does not compile, so both languages are always complete. Terms follow
//! the project glossary. Messages with numbers or names are functions below ([`problem_message`], …).

pub mod pages;
pub mod reader;
mod texts;
pub mod why;

pub use texts::T;

use crate::model::problem::{Expected, Problem, ProblemKind};

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 中文 — the default.
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The code stored in the saved document and used for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh-CN" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's own name, for the switch.
    pub fn label(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

    /// The colon between a label and its value: "：" in Chinese, ": " in English.
    pub fn colon(self) -> &'static str {
        self.pick("：", ": ")
    }

    /// Picks the text of this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Defines a text enum: `define_texts! { T; Key => "中文", "English"; … }` gives `T::Key.get(lang)` and
/// `T::ALL` (for the completeness test). The shell's texts are [`T`]; a page with many texts of its own keeps
/// them in its own enum in `i18n/pages/` so that pages can be worked on side by side.
macro_rules! define_texts {
    ($name:ident; $($key:ident => $zh:literal, $en:literal;)*) => {
        /// Visible texts of the UI. `X.get(lang)` gives one in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($key),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            pub fn get(self, lang: crate::i18n::Lang) -> &'static str {
                match self {
                    $($name::$key => lang.pick($zh, $en)),*
                }
            }
        }
    };
}
pub(crate) use define_texts;

fn expected_word(e: Expected, lang: Lang) -> &'static str {
    match e {
        Expected::Object => lang.pick("对象 {…}", "an object {…}"),
        Expected::Array => lang.pick("列表 […]", "a list […]"),
        Expected::String => lang.pick("文字", "a text"),
        Expected::Number => lang.pick("数值", "a number"),
        Expected::Integer => lang.pick("整数", "a whole number"),
        Expected::Bool => lang.pick("true 或 false", "true or false"),
        Expected::Level => lang.pick("等次 A、B、C 或 D", "a level A, B, C or D"),
        Expected::VetoEntry => lang
            .pick("否定指标只在 vetoes 中记录是否触发", "a veto indicator is recorded under vetoes, not as an actual"),
        Expected::VetoIndicator => {
            lang.pick("否定指标（只有否定指标可记入 vetoes）", "a veto indicator (only they go under vetoes)")
        }
        Expected::QuantitativeIndicator => lang.pick(
            "定量指标（只有定量指标有目标值和历史数据）",
            "a quantitative indicator (only they have targets and history)",
        ),
    }
}

fn bound(v: f64) -> String {
    crate::i18n::number(v)
}

/// A number as people write it: no trailing zeros, no exponent for ordinary sizes.
pub fn number(v: f64) -> String {
    if v.is_finite() && v == v.trunc() && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A problem in words, naming the field by its JSON path.
pub fn problem_message(p: &Problem, lang: Lang) -> String {
    let what = kind_message(&p.kind, lang);
    if p.path.is_empty() {
        what
    } else {
        format!("{}: {what}", p.path)
    }
}

/// What is wrong, without the path (the editors show it beside the field's label).
pub fn kind_message(kind: &ProblemKind, lang: Lang) -> String {
    match kind {
        ProblemKind::Syntax { message } => reader::syntax(message, lang),
        ProblemKind::TooLarge { bytes, max } => match lang {
            Lang::Zh => format!("文件过大（{} 字节），上限 {} 字节，未读取", bytes, max),
            Lang::En => format!("the file is too large ({bytes} bytes; the limit is {max}); it was not read"),
        },
        ProblemKind::UnknownField => lang
            .pick(
                "未知字段（格式中没有此字段，请检查拼写）",
                "unknown field (the format has no such field; check its spelling)",
            )
            .into(),
        ProblemKind::Missing => lang.pick("缺少必填项", "required but missing").into(),
        ProblemKind::WrongType { expected } => {
            format!("{}{}", lang.pick("类型错误，应为", "wrong type: expected "), expected_word(*expected, lang))
        }
        ProblemKind::OutOfRange { min, max } => {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!("{} … {}", bound(*a), bound(*b)),
                (Some(a), None) => format!("≥ {}", bound(*a)),
                (None, Some(b)) => format!("≤ {}", bound(*b)),
                (None, None) => lang.pick("有限数值", "a finite number").to_string(),
            };
            format!("{}{range}", lang.pick("超出允许范围，应为 ", "out of range: allowed "))
        }
        ProblemKind::NotInteger => lang.pick("应为整数", "must be a whole number").into(),
        ProblemKind::NotOneOf { allowed } => {
            format!("{}{}", lang.pick("应为以下之一：", "must be one of: "), allowed.join(", "))
        }
        ProblemKind::Empty => lang.pick("不能为空", "must not be empty").into(),
        ProblemKind::TooLong { max } => match lang {
            Lang::Zh => format!("过长，最多 {max} 个字符"),
            Lang::En => format!("too long: at most {max} characters"),
        },
        ProblemKind::Duplicate { id } => match lang {
            Lang::Zh => format!("编号“{id}”重复"),
            Lang::En => format!("the id “{id}” is used twice"),
        },
        ProblemKind::Dangling { id, list } => match lang {
            Lang::Zh => format!("引用的编号“{id}”在 {list} 中不存在"),
            Lang::En => format!("refers to “{id}”, which is not in {list}"),
        },
        ProblemKind::WrongLength { expected } => match lang {
            Lang::Zh => format!("应有 {expected} 项（与等级数一致）"),
            Lang::En => format!("must have {expected} entries (one per grade)"),
        },
        ProblemKind::ActualMismatch { expected } => {
            format!(
                "{}{}",
                lang.pick("实际值类型不符，应为", "the actual does not fit its indicator: expected "),
                expected_word(*expected, lang)
            )
        }
        ProblemKind::WrongFormat { expected } => {
            format!("{}{expected}", lang.pick("不是 pbcalc 方案文件，应为 ", "not a pbcalc scenario file: expected "))
        }
        ProblemKind::Inconsistent { other } => {
            format!("{}{other}", lang.pick("与此项矛盾：", "contradicts "))
        }
        ProblemKind::NumberText { issue } => pages::number::issue_message(*issue, lang).into(),
        ProblemKind::PlanStartsHere { plan } => match lang {
            Lang::Zh => format!("年度目标计划“{plan}”从此考核期开始，请先删除该计划"),
            Lang::En => format!("the target plan “{plan}” starts in this period: delete the plan first"),
        },
        ProblemKind::TooMany { .. }
        | ProblemKind::TooMuch { .. }
        | ProblemKind::DuplicateKey
        | ProblemKind::NotVisible
        | ProblemKind::BadCharacter { .. }
        | ProblemKind::SurroundingSpace
        | ProblemKind::Encoding { .. } => reader::message(kind, lang).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of every enum: (debug name, Chinese, English).
    fn all_texts() -> Vec<(String, &'static str, &'static str)> {
        let mut out: Vec<_> = T::ALL.iter().map(|t| (format!("{t:?}"), t.get(Lang::Zh), t.get(Lang::En))).collect();
        out.extend(pages::all());
        out
    }

    #[test]
    fn every_text_has_both_languages_and_they_differ() {
        for (t, zh, en) in all_texts() {
            assert!(!zh.is_empty() && !en.is_empty(), "{t:?}");
            // A Chinese text must contain Chinese (catches a key copied without translation),
            // unless it is a symbol or a name such as "pbcalc".
            let symbolic = !en.chars().any(|c| c.is_ascii_alphabetic()) || en == zh;
            if !symbolic {
                assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{t:?}: {zh}");
            }
        }
    }

    #[test]
    fn problem_names_the_path() {
        let p = Problem::new(
            "branches[2].conditions.personnel",
            ProblemKind::OutOfRange { min: Some(1.0), max: Some(5.0) },
        );
        assert_eq!(problem_message(&p, Lang::En), "branches[2].conditions.personnel: out of range: allowed 1 … 5");
        assert!(problem_message(&p, Lang::Zh).starts_with("branches[2].conditions.personnel: 超出允许范围"));
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(number(5.0), "5");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(-1.5), "-1.5");
    }
}
