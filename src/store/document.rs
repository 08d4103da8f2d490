//! The stored document: what is kept between visits, and its versioned JSON form.
//!
//! ```json
//! { "format": "pbcalc-store", "version": 1, "lang": "zh-CN", "current": 0,
//!   "scenarios": [ { …a scenario file (FORMAT.md)… } ] }
//! ```
//! A later version adds a migration step in [`decode`]; an unknown (newer) version is unreadable, never
//! guessed at.

use std::fmt;
use std::rc::Rc;

use serde_json::{json, Value};

use crate::i18n::Lang;
use crate::model::{codec, sample, Problem, Scenario};

pub const FORMAT: &str = "pbcalc-store";
pub const VERSION: u64 = 1;

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

/// The document as stored text.
pub fn encode(doc: &Document) -> String {
    let v = json!({
        "format": FORMAT,
        "version": VERSION,
        "lang": doc.lang.code(),
        "current": doc.current,
        "scenarios": doc.scenarios.iter().map(|s| codec::scenario_to_value(s)).collect::<Vec<_>>(),
    });
    v.to_string()
}

/// Reads stored text back; any problem makes the whole text unreadable (the caller backs it up).
pub fn decode(text: &str) -> Result<Document, DecodeError> {
    let v: Value = serde_json::from_str(text).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    if v.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(DecodeError::NotADocument);
    }
    match v.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        Some(other) => return Err(DecodeError::UnknownVersion(other)),
        None => return Err(DecodeError::NotADocument),
    }
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
    Ok(Document { lang, current, scenarios })
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
        let text = encode(&Document::first_visit()).replace("\"version\":1", "\"version\":2");
        assert_eq!(decode(&text), Err(DecodeError::UnknownVersion(2)));
    }

    #[test]
    fn a_broken_scenario_makes_the_text_unreadable() {
        let text = encode(&Document::first_visit()).replacen("\"grade\":", "\"grade\":99,\"x\":", 1);
        assert!(matches!(decode(&text), Err(DecodeError::BadScenario { index: 0, .. })));
        assert!(matches!(decode("{}"), Err(DecodeError::NotADocument)));
        assert!(matches!(decode("nope"), Err(DecodeError::NotJson(_))));
    }
}
