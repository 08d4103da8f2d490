//! Two tabs, one storage: what "keep this one" does when another tab saved the document meanwhile.
//!
//! Keeping this tab's version never overwrites the other's: the result is the other tab's document with this
//! tab's scenarios added as copies (only those that differ from every scenario of the other tab), so both
//! versions of every edit survive and the user can compare and delete. Pure, tested natively.

use std::rc::Rc;

use super::Document;
use crate::model::MAX_NAME_CHARS;

/// The other tab's document `theirs` plus every scenario of `ours` that is not in it, renamed with `suffix`
/// (e.g. "（本标签页）"). This tab's current scenario (or the same one of theirs) becomes current; this tab's
/// language is kept.
pub fn keep_both(theirs: &Document, ours: &Document, suffix: &str) -> Document {
    let mut scenarios = theirs.scenarios.clone();
    let mut current = None;
    for (i, sc) in ours.scenarios.iter().enumerate() {
        let at = match scenarios.iter().position(|t| t == sc) {
            Some(at) => at,
            None => {
                let mut copy = (**sc).clone();
                let keep = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
                copy.name = format!("{}{suffix}", copy.name.chars().take(keep).collect::<String>());
                scenarios.push(Rc::new(copy));
                scenarios.len() - 1
            }
        };
        if i == ours.current {
            current = Some(at);
        }
    }
    Document { lang: ours.lang, current: current.unwrap_or(theirs.current), scenarios }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::Scenario;

    fn doc(names: &[&str], current: usize) -> Document {
        Document { lang: Lang::Zh, current, scenarios: names.iter().map(|n| Rc::new(Scenario::blank(n))).collect() }
    }

    #[test]
    fn both_versions_survive() {
        // Both tabs started from [A, B]; the other tab renamed B to B2, this one renamed A to A1 and added C.
        let theirs = doc(&["A", "B2"], 1);
        let mut ours = doc(&["A1", "B", "C"], 0);
        ours.lang = Lang::En;
        let kept = keep_both(&theirs, &ours, " (this tab)");
        let names: Vec<&str> = kept.scenarios.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["A", "B2", "A1 (this tab)", "B (this tab)", "C (this tab)"]);
        assert_eq!(kept.current, 2);
        assert_eq!(kept.lang, Lang::En);
    }

    #[test]
    fn scenarios_both_tabs_share_are_not_copied() {
        let theirs = doc(&["A", "B"], 0);
        let ours = doc(&["A", "B"], 1);
        let kept = keep_both(&theirs, &ours, "（本标签页）");
        assert_eq!(kept.scenarios, theirs.scenarios);
        assert_eq!(kept.current, 1);
    }

    #[test]
    fn a_long_name_stays_within_the_limit() {
        let long = "长".repeat(MAX_NAME_CHARS);
        let kept = keep_both(&doc(&["A"], 0), &doc(&[&long], 0), "（本标签页）");
        assert_eq!(kept.scenarios[1].name.chars().count(), MAX_NAME_CHARS);
        assert!(kept.scenarios[1].name.ends_with("（本标签页）"));
        assert!(crate::model::validate::name(&kept.scenarios[1].name).is_ok());
    }
}
