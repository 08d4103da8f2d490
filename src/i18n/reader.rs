//! Messages of the file reader's stricter checks (limits, strict JSON, characters, encodings) and the JSON
//! parser's own errors in the UI language ("EOF while parsing a value at line 1 column 59" →
//! "文件在第 1 行第 59 列意外结束").

use super::Lang;
use crate::model::encoding::EncodingProblem;
use crate::model::limits::Amount;
use crate::model::problem::ProblemKind;

/// A count as people write it: 5,000 / 5,000.
fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The message of one of the reader's stricter problems; `None` for the other kinds.
pub fn message(kind: &ProblemKind, lang: Lang) -> Option<String> {
    Some(match (kind, lang) {
        (ProblemKind::TooMany { count: n, max }, Lang::Zh) => {
            format!("条目过多：{} 项，上限 {} 项", count(*n), count(*max))
        }
        (ProblemKind::TooMany { count: n, max }, Lang::En) => {
            format!("too many entries: {}; the limit is {}", count(*n), count(*max))
        }
        (ProblemKind::TooMuch { what, count: n, max }, Lang::Zh) => {
            let what = match what {
                Amount::TargetCells => "党支部数 × 指标数",
                Amount::Assessments => "各考核期的考核记录（支部 × 期）共",
                Amount::DataCells => "考核记录数 × 指标数",
                Amount::PlanOverrides => "此目标计划调整的（支部 × 指标）目标共",
                Amount::TargetSets => "（目标计划数 + 1）× 党支部数 × 指标数",
            };
            format!("规模超出上限：{what} {}，上限 {}", count(*n), count(*max))
        }
        (ProblemKind::TooMuch { what, count: n, max }, Lang::En) => {
            let what = match what {
                Amount::TargetCells => "branches × indicators is",
                Amount::Assessments => "the branch records of all periods number",
                Amount::DataCells => "branch records × indicators is",
                Amount::PlanOverrides => "the targets this plan changes (branch × indicator) number",
                Amount::TargetSets => "(target plans + 1) × branches × indicators is",
            };
            format!("too large: {what} {}; the limit is {}", count(*n), count(*max))
        }
        (ProblemKind::DuplicateKey, _) => lang
            .pick(
                "同一对象中此键出现了两次（无法确定应取哪一个值）",
                "this key appears twice in the same object (which value was meant cannot be told)",
            )
            .to_string(),
        (ProblemKind::NotVisible, _) => lang
            .pick(
                "没有可见字符（只有空白或不可见字符）",
                "has no visible character (only spaces or invisible characters)",
            )
            .to_string(),
        (ProblemKind::BadCharacter { code }, Lang::Zh) => {
            format!("含有不允许的字符 U+{code:04X}（控制字符、不可见字符或文字方向控制符）")
        }
        (ProblemKind::BadCharacter { code }, Lang::En) => {
            format!("contains a character that is not allowed: U+{code:04X} (a control, invisible or text-direction character)")
        }
        (ProblemKind::SurroundingSpace, _) => {
            lang.pick("首尾不能有空白", "must not begin or end with a space").to_string()
        }
        (ProblemKind::Encoding { problem }, _) => encoding(*problem, lang),
        _ => return None,
    })
}

fn encoding(p: EncodingProblem, lang: Lang) -> String {
    let fix = lang.pick(
        "请在编辑器中将文件另存为 UTF-8 编码后再导入。",
        "Save the file as UTF-8 in an editor and import it again.",
    );
    let what = match (p, lang) {
        (EncodingProblem::InvalidUtf8 { offset, line, byte }, Lang::Zh) => format!(
            "文件不是 UTF-8 编码：第 {line} 行（第 {offset} 字节）的字节 0x{byte:02X} 无效，文件可能是 GBK/GB18030 或其他编码。"
        ),
        (EncodingProblem::InvalidUtf8 { offset, line, byte }, Lang::En) => format!(
            "the file is not UTF-8: byte 0x{byte:02X} on line {line} (byte {offset}) is invalid; it may be GBK/GB18030, Latin-1 or another encoding."
        ),
        (EncodingProblem::Utf16WithoutBom, _) => lang
            .pick(
                "文件似乎是没有字节顺序标记（BOM）的 UTF-16 编码，无法可靠读取。",
                "the file looks like UTF-16 without a byte-order mark, which cannot be read reliably.",
            )
            .to_string(),
        (EncodingProblem::Utf16OddLength, _) => lang
            .pick(
                "文件标明为 UTF-16 编码，但字节数为奇数（文件不完整）。",
                "the file is marked as UTF-16 but has an odd number of bytes (it is incomplete).",
            )
            .to_string(),
        (EncodingProblem::Utf16Unpaired { offset }, Lang::Zh) => {
            format!("文件标明为 UTF-16 编码，但第 {offset} 字节处有不成对的代理项（文件已损坏）。")
        }
        (EncodingProblem::Utf16Unpaired { offset }, Lang::En) => {
            format!("the file is marked as UTF-16 but has an unpaired surrogate at byte {offset} (it is damaged).")
        }
    };
    format!("{what}{}{fix}", lang.pick("", " "))
}

/// A JSON parser error in the UI language. The parser writes "<what> at line L column C"; the English UI keeps
/// an English sentence, the Chinese one gets the same facts in Chinese. An unknown message is kept as it is.
pub fn syntax(message: &str, lang: Lang) -> String {
    let (what, place) = split_place(message);
    if lang == Lang::En {
        return format!("not valid JSON: {message}");
    }
    let at = place.map(|(l, c)| format!("第 {l} 行第 {c} 列")).unwrap_or_default();
    let eof = |thing: &str| match place {
        Some(_) => format!("文件在{at}意外结束（{thing}尚未结束，文件可能不完整）"),
        None => format!("文件意外结束（{thing}尚未结束，文件可能不完整）"),
    };
    let problem = |text: &str| {
        if at.is_empty() {
            format!("不是有效的 JSON：{text}")
        } else {
            format!("不是有效的 JSON：{at}{text}")
        }
    };
    match what {
        "EOF while parsing a value" => match place {
            Some(_) => format!("文件在{at}意外结束"),
            None => "文件意外结束".to_string(),
        },
        "EOF while parsing a list" => eof("列表 […]"),
        "EOF while parsing an object" => eof("对象 {…}"),
        "EOF while parsing a string" => eof("文字"),
        "expected `:`" => problem("应为冒号“:”"),
        "expected `,` or `]`" => problem("应为逗号“,”或“]”"),
        "expected `,` or `}`" => problem("应为逗号“,”或“}”"),
        "expected ident" => problem("无法识别的词（应为 true、false 或 null）"),
        "expected value" => problem("应为一个值"),
        "expected `\"`" => problem("应为双引号“\"”"),
        "invalid escape" => problem("无效的转义序列"),
        "invalid number" => problem("无效的数字"),
        "number out of range" => problem("数值超出范围"),
        "invalid unicode code point" => problem("无效的 Unicode 码位"),
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            problem("文字中有控制字符（U+0000–U+001F），应写成转义形式")
        }
        "key must be a string" => problem("键必须是文字"),
        "lone leading surrogate in hex escape" => problem("转义序列中有不成对的代理项"),
        "trailing comma" => problem("多余的逗号"),
        "trailing characters" => problem("JSON 结束后还有多余的内容"),
        "unexpected end of hex escape" => problem("转义序列不完整"),
        "recursion limit exceeded" => problem("嵌套层数过多"),
        _ => format!("不是有效的 JSON：{message}"),
    }
}

/// "<what> at line L column C" → (what, Some((L, C))).
fn split_place(message: &str) -> (&str, Option<(usize, usize)>) {
    let Some(i) = message.rfind(" at line ") else {
        return (message, None);
    };
    let rest = &message[i + " at line ".len()..];
    let mut parts = rest.split(" column ");
    match (parts.next().and_then(|l| l.parse().ok()), parts.next().and_then(|c| c.parse().ok())) {
        (Some(l), Some(c)) => (&message[..i], Some((l, c))),
        _ => (message, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_errors_read_in_chinese_and_stay_english_in_english() {
        let m = "EOF while parsing a value at line 1 column 59";
        assert_eq!(syntax(m, Lang::Zh), "文件在第 1 行第 59 列意外结束");
        assert_eq!(syntax(m, Lang::En), "not valid JSON: EOF while parsing a value at line 1 column 59");
        assert_eq!(syntax("expected `:` at line 3 column 7", Lang::Zh), "不是有效的 JSON：第 3 行第 7 列应为冒号“:”");
        assert!(syntax("something new at line 2 column 1", Lang::Zh).contains("something new"));
    }

    #[test]
    fn every_parser_message_is_translated() {
        // Real errors from the parser, so a changed wording in a new serde_json shows up here.
        for text in [
            "{\"a\": 1",
            "{\"a\" 1}",
            "[1 2]",
            "{\"a\": 1 \"b\": 2}",
            "{\"a\": tru}",
            "{\"a\": }",
            "{\"a\": \"\\q\"}",
            "{\"a\": 1e999}",
            "{\"a\": [1,]}",
            "{} x",
            "{1: 2}",
            "[\"abc",
            "{\"a\": \"\u{1}\"}",
            "{\"a\": \"\\ud800\\u0041\"}",
        ] {
            let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err().to_string();
            let zh = syntax(&e, Lang::Zh);
            assert!(!zh.contains(" at line "), "{text}: {e} → {zh}");
        }
    }

    #[test]
    fn counts_have_separators() {
        assert_eq!(count(5000), "5,000");
        assert_eq!(count(250_000), "250,000");
        assert_eq!(count(12), "12");
    }
}
