//! The saved document: the only module that knows how pbcalc's data sits in storage.
//!
//! Everything is one versioned JSON document under [`KEY`]: the scenarios (each in the FORMAT.md file
//! format, read by the same validating reader as an import), which one is current, and the UI language.
//! It is written after every change. When what is stored cannot be read, it is never overwritten
//! blindly: the text is first copied under a backup key, the user is told, and the sample loads beside it.
//! If even the backup cannot be written, saving stays off for the session so the original survives.
//!
//! [`document`] is pure (encode/decode, tested natively); [`load`] and [`save`] work on any
//! [`KeyValue`]; `local` (browser only) is the localStorage implementation.

pub mod document;
#[cfg(target_arch = "wasm32")]
pub mod local;
pub mod welcome;

pub use document::{DecodeError, Document};

/// The localStorage key of the document.
pub const KEY: &str = "pbcalc.document";
/// Backups of unreadable documents are kept under this prefix followed by a number.
pub const BACKUP_PREFIX: &str = "pbcalc.backup.";

/// A string key–value storage (localStorage in the browser, a map in tests).
pub trait KeyValue {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), String>;
}

/// What loading found, besides the document itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// The stored text could not be read; it was kept under `backup_key`. `reason` says why.
    Unreadable { backup_key: String, reason: String },
    /// The stored text could not be read and could not be backed up either; saving is off so it survives.
    UnreadableNotBackedUp { reason: String },
}

/// The outcome of [`load`].
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub document: Document,
    pub notice: Option<Notice>,
    /// False when saving would destroy data that could not be backed up.
    pub may_save: bool,
}

/// Loads the document; a first visit gets the sample. Never overwrites what it cannot read.
pub fn load(kv: &mut dyn KeyValue) -> Loaded {
    let Some(text) = kv.get(KEY) else {
        return Loaded { document: Document::first_visit(), notice: None, may_save: true };
    };
    match document::decode(&text) {
        Ok(document) => Loaded { document, notice: None, may_save: true },
        Err(err) => {
            let reason = err.to_string();
            let backup_key = (1..)
                .map(|n| format!("{BACKUP_PREFIX}{n}"))
                .find(|k| kv.get(k).is_none())
                .unwrap_or_else(|| format!("{BACKUP_PREFIX}x"));
            match kv.set(&backup_key, &text) {
                Ok(()) => Loaded {
                    document: Document::first_visit(),
                    notice: Some(Notice::Unreadable { backup_key, reason }),
                    may_save: true,
                },
                Err(_) => Loaded {
                    document: Document::first_visit(),
                    notice: Some(Notice::UnreadableNotBackedUp { reason }),
                    may_save: false,
                },
            }
        }
    }
}

/// Saves the document. An error means nothing was written (the caller keeps the data and says so).
pub fn save(kv: &mut dyn KeyValue, doc: &Document) -> Result<(), String> {
    kv.set(KEY, &document::encode(doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Mem {
        map: HashMap<String, String>,
        full: bool,
    }

    impl KeyValue for Mem {
        fn get(&self, key: &str) -> Option<String> {
            self.map.get(key).cloned()
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
            if self.full {
                return Err("quota".into());
            }
            self.map.insert(key.into(), value.into());
            Ok(())
        }
    }

    #[test]
    fn first_visit_gets_the_sample_and_saves_round_trip() {
        let mut kv = Mem::default();
        let loaded = load(&mut kv);
        assert!(loaded.notice.is_none());
        assert_eq!(loaded.document.scenarios.len(), 1);
        assert_eq!(*loaded.document.scenarios[0], crate::model::sample::sample());
        save(&mut kv, &loaded.document).unwrap();
        let again = load(&mut kv);
        assert_eq!(again.document, loaded.document);
    }

    #[test]
    fn unreadable_text_is_backed_up_not_overwritten() {
        let mut kv = Mem::default();
        kv.map.insert(KEY.into(), "{not json".into());
        kv.map.insert(format!("{BACKUP_PREFIX}1"), "older backup".into());
        let loaded = load(&mut kv);
        let Some(Notice::Unreadable { backup_key, .. }) = &loaded.notice else { panic!("{:?}", loaded.notice) };
        assert_eq!(backup_key, "pbcalc.backup.2");
        assert_eq!(kv.map[backup_key], "{not json");
        assert_eq!(kv.map["pbcalc.backup.1"], "older backup");
        assert!(loaded.may_save);
    }

    #[test]
    fn unreadable_and_storage_full_turns_saving_off() {
        let mut kv = Mem { full: true, ..Mem::default() };
        kv.map.insert(KEY.into(), "[]".into());
        let loaded = load(&mut kv);
        assert!(matches!(loaded.notice, Some(Notice::UnreadableNotBackedUp { .. })));
        assert!(!loaded.may_save);
        assert_eq!(kv.map[KEY], "[]");
    }
}
