//! Texts for keyboard use and screen readers (accessible names composed of several parts), Chinese then English.

use crate::i18n::{define_texts, Lang};

define_texts! {
    TKey;
    GradeN => "等级 {}", "Grade {}";
    LineN => "第 {} 条", "Line {}";
}

/// The accessible name of a field of a form that may be open beside the same field elsewhere on the page
/// (e.g. "新增考核期 · 考核期名称" next to the chosen period's "考核期名称").
pub fn in_form(form: &str, field: &str) -> String {
    format!("{form} · {field}")
}

/// The accessible name of a field of the `n`-th line (1-based) of a list editor, e.g. "第 2 条 原因".
pub fn line_field(n: usize, field: &str, lang: Lang) -> String {
    format!("{} {field}", TKey::LineN.get(lang).replace("{}", &n.to_string()))
}

/// The accessible name of a field of one grade's row, e.g. "五级 名称" / "Grade 5 name": the grade's name when
/// it has one that no other grade has, else "等级 5"; then the field's column name.
pub fn grade_field(names: &[String], level: usize, field: &str, lang: Lang) -> String {
    let name = names.get(level - 1).map(|n| n.trim()).unwrap_or_default();
    let unique = !name.is_empty() && names.iter().filter(|n| n.trim() == name).count() == 1;
    let grade = if unique { name.to_string() } else { TKey::GradeN.get(lang).replace("{}", &level.to_string()) };
    format!("{grade} {field}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_fields_are_named_by_the_grade() {
        let names: Vec<String> = ["一级", "二级", "", "二级"].iter().map(|s| s.to_string()).collect();
        assert_eq!(grade_field(&names, 1, "名称", Lang::Zh), "一级 名称");
        assert_eq!(grade_field(&names, 2, "名称", Lang::Zh), "等级 2 名称");
        assert_eq!(grade_field(&names, 3, "Name", Lang::En), "Grade 3 Name");
        assert_eq!(grade_field(&names, 5, "Name", Lang::En), "Grade 5 Name");
    }
}
