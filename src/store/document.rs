//! The stored document: what is kept between visits, and its versioned JSON form.
//!
//! ```json
//! { "format": "pbcalc-store", "version": 2, "revision": 7, "lang": "zh-CN", "current": 0,
//!   "scenarios": [ { …a scenario file (FORMAT.md)… } ] }
//! ```
//! `revision` (version 2) counts the saves of the document: a tab that finds a revision other than the one
//! it last read or wrote knows another tab saved meanwhile (see `store::save`). It comes first in the text so
//! that it can be read without parsing the scenarios ([`peek_revision`]).
//!
//! Migrations: version 1 (no revision) reads as revision 0. An unknown (newer) version is unreadable, never
//! guessed at.

use std::fmt;
use std::rc::Rc;

use serde_json::{json, Value};

use crate::i18n::Lang;
use crate::model::{codec, sample, Problem, Scenario};

pub const FORMAT: &str = "pbcalc-store";
pub const VERSION: u64 = 2;

/// Everything pbcalc keeps in the browser.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub lang: Lang,
    /// Index into `scenarios` of the one being worked on.
    pub current: usize,
    /// Never empty. Shared, so that undo history and unchanged scenarios cost no copies.
    pub scenarios: Vec<Rc<Scenario>>,
}

impl Document {
    /// What a first visit starts with: the sample organisation, in Chinese.
    pub fn first_visit() -> Document {
        Document { lang: Lang::Zh, current: 0, scenarios: vec![Rc::new(sample::sample())] }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenarios[self.current.min(self.scenarios.len() - 1)]
    }
}

/// Why a stored text could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    NotJson(String),
    NotADocument,
    UnknownVersion(u64),
    BadScenario { index: usize, problems: Vec<Problem> },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotJson(e) => write!(f, "not JSON ({e})"),
            DecodeError::NotADocument => write!(f, "not a pbcalc document"),
            DecodeError::UnknownVersion(v) => {
                write!(f, "document version {v} is not known to this build")
            }
            DecodeError::BadScenario { index, problems } => {
                write!(f, "scenarios[{index}]: ")?;
                let shown: Vec<String> = problems.iter().take(3).map(|p| p.to_string()).collect();
                write!(f, "{}", shown.join("; "))?;
                if problems.len() > 3 {
                    write!(f, " (+{} more)", problems.len() - 3)?;
                }
                Ok(())
            }
        }
    }
}

/// The document as stored text (revision 0; see [`encode_at`]).
pub fn encode(doc: &Document) -> String {
    encode_at(doc, 0)
}

/// The document as stored text, as the `revision`-th save.
pub fn encode_at(doc: &Document, revision: u64) -> String {
    let v = json!({
        "format": FORMAT,
        "version": VERSION,
        "revision": revision,
        "lang": doc.lang.code(),
        "current": doc.current,
        "scenarios": doc.scenarios.iter().map(|s| codec::scenario_to_value(s)).collect::<Vec<_>>(),
    });
    v.to_string()
}

/// Reads stored text back; any problem makes the whole text unreadable (the caller backs it up).
pub fn decode(text: &str) -> Result<Document, DecodeError> {
    decode_with_revision(text).map(|(doc, _)| doc)
}

/// [`decode`], with the document's revision (0 for a version 1 document, which had none).
pub fn decode_with_revision(text: &str) -> Result<(Document, u64), DecodeError> {
    let v: Value = serde_json::from_str(text).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    if v.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(DecodeError::NotADocument);
    }
    let revision = match v.get("version").and_then(Value::as_u64) {
        // Migration 1 → 2: the revision counter starts at 0.
        Some(1) => 0,
        Some(VERSION) => v.get("revision").and_then(Value::as_u64).ok_or(DecodeError::NotADocument)?,
        Some(other) => return Err(DecodeError::UnknownVersion(other)),
        None => return Err(DecodeError::NotADocument),
    };
    let lang = v.get("lang").and_then(Value::as_str).and_then(Lang::from_code).unwrap_or_default();
    let list = v.get("scenarios").and_then(Value::as_array).ok_or(DecodeError::NotADocument)?;
    let mut scenarios = Vec::with_capacity(list.len());
    for (index, s) in list.iter().enumerate() {
        let scenario =
            codec::scenario_from_value(s).map_err(|problems| DecodeError::BadScenario { index, problems })?;
        scenarios.push(Rc::new(scenario));
    }
    if scenarios.is_empty() {
        return Err(DecodeError::NotADocument);
    }
    let current = v.get("current").and_then(Value::as_u64).unwrap_or(0) as usize;
    let current = current.min(scenarios.len() - 1);
    Ok((Document { lang, current, scenarios }, revision))
}

/// How many characters of a stored text [`peek_head`] needs at most.
pub const HEAD_CHARS: usize = 96;

/// The revision from the first [`HEAD_CHARS`] characters of a text written by [`encode_at`]; `None` when the
/// text does not start that way (then [`peek_revision`] reads it all).
pub fn peek_head(text: &str) -> Option<u64> {
    let head = format!("{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"revision\":");
    let rest = text.strip_prefix(&head)?;
    let digits: &str = &rest[..rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len())];
    if !digits.is_empty() && rest[digits.len()..].starts_with(',') {
        return digits.parse().ok();
    }
    None
}

/// The revision of a stored text without reading its scenarios: cheap enough to run before every save.
/// Texts written by [`encode_at`] start with it; any other text is parsed in full. `None`: not a readable
/// document (or not one with a revision).
pub fn peek_revision(text: &str) -> Option<u64> {
    if let Some(r) = peek_head(text) {
        return Some(r);
    }
    let v: Value = serde_json::from_str(text).ok()?;
    if v.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return None;
    }
    match v.get("version").and_then(Value::as_u64)? {
        1 => Some(0),
        VERSION => v.get("revision").and_then(Value::as_u64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip() {
        let mut doc = Document::first_visit();
        doc.lang = Lang::En;
        doc.scenarios.push(Rc::new(Scenario::blank("空白方案")));
        doc.current = 1;
        assert_eq!(decode(&encode(&doc)), Ok(doc));
    }

    #[test]
    fn newer_versions_are_not_guessed_at() {
        let text = encode(&Document::first_visit()).replace("\"version\":2", "\"version\":3");
        assert_eq!(decode(&text), Err(DecodeError::UnknownVersion(3)));
    }

    #[test]
    fn the_revision_is_kept_and_peeked_without_parsing() {
        let doc = Document::first_visit();
        let text = encode_at(&doc, 41);
        assert!(text.starts_with("{\"format\":\"pbcalc-store\",\"version\":2,\"revision\":41,"), "{}", &text[..60]);
        assert_eq!(decode_with_revision(&text), Ok((doc, 41)));
        assert_eq!(peek_revision(&text), Some(41));
        // Another order of the fields (written by hand) is read in full.
        assert_eq!(peek_revision(r#"{"version":2,"format":"pbcalc-store","revision":5}"#), Some(5));
        assert_eq!(peek_revision("{not json"), None);
        assert_eq!(peek_revision(r#"{"format":"pbcalc-store","version":2}"#), None);
    }

    /// A document stored by the first version of pbcalc (kept as a fixture, never regenerated) still opens:
    /// same scenarios, language and current scenario, revision 0; saved again it is version 2.
    #[test]
    fn a_stored_version_1_document_migrates() {
        let text = include_str!("../../tests/fixtures/store-v1.json");
        assert!(text.contains("\"version\": 1"));
        let (doc, revision) = decode_with_revision(text).expect("v1 document reads");
        assert_eq!(revision, 0);
        assert_eq!(peek_revision(text), Some(0));
        assert_eq!(doc.lang, Lang::En);
        assert_eq!(doc.current, 1);
        assert_eq!(doc.scenarios.len(), 2);
        let small = codec::parse_scenario(include_str!("../../tests/fixtures/small.pbcalc.json")).unwrap();
        assert_eq!(*doc.scenarios[1], small);
        assert_eq!(doc.scenarios[0].name, "试点方案");
        let again = encode_at(&doc, revision + 1);
        assert_eq!(decode_with_revision(&again), Ok((doc, 1)));
    }

    #[test]
    fn a_broken_scenario_makes_the_text_unreadable() {
        let text = encode(&Document::first_visit()).replacen("\"grade\":", "\"grade\":99,\"x\":", 1);
        assert!(matches!(decode(&text), Err(DecodeError::BadScenario { index: 0, .. })));
        assert!(matches!(decode("{}"), Err(DecodeError::NotADocument)));
        assert!(matches!(decode("nope"), Err(DecodeError::NotJson(_))));
    }
}
