//! The saved document: the only module that knows how pbcalc's data sits in storage.
//!
//! Everything is one versioned JSON document under [`KEY`]: the scenarios (each in the FORMAT.md file
//! format, read by the same validating reader as an import), which one is current, and the UI language.
//! It is written after every change. When what is stored cannot be read, it is never overwritten
//! blindly: the text is first copied under a backup key, the user is told, and the sample loads beside it.
//! If even the backup cannot be written, saving stays off for the session so the original survives.
//!
//! Two tabs: every save writes the next `revision` of the document, and only over the revision this tab last
//! read or wrote ([`save`] refuses otherwise with [`SaveError::OtherTab`]), so a tab never overwrites another
//! tab's save without the user choosing to (see [`sync`]). A save is read back to check it was written.
//!
//! [`document`] is pure (encode/decode, tested natively); [`load`] and [`save`] work on any
//! [`KeyValue`]; `local` (browser only) is the localStorage implementation. The storage page lists, downloads
//! and deletes every `pbcalc.*` key through [`entries`], [`read`] and [`remove`].

pub mod document;
#[cfg(target_arch = "wasm32")]
pub mod local;
pub mod sync;
pub mod welcome;

pub use document::{DecodeError, Document};

/// The localStorage key of the document.
pub const KEY: &str = "pbcalc.document";
/// Backups of unreadable documents are kept under this prefix followed by a number.
pub const BACKUP_PREFIX: &str = "pbcalc.backup.";

/// Every key of pbcalc starts with this.
pub const PREFIX: &str = "pbcalc.";

/// Why the storage refused a write.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// The browser's storage quota is used up (`QuotaExceededError`).
    Full,
    /// There is no storage at all (disabled by the browser's settings).
    Unavailable,
    /// Anything else, with the browser's own words.
    Other(String),
}

/// A string key–value storage (localStorage in the browser, a map in tests).
pub trait KeyValue {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str);
    /// Every key, in any order.
    fn keys(&self) -> Vec<String>;
    /// The length of the value under `key` in UTF-16 code units (what the storage quota counts), without
    /// handing the value over (the browser's storage answers this without copying megabytes).
    fn len_utf16(&self, key: &str) -> Option<usize> {
        self.get(key).map(|v| v.encode_utf16().count())
    }
    /// The first `chars` characters of the value under `key` (enough to read a document's revision).
    fn head(&self, key: &str, chars: usize) -> Option<String> {
        self.get(key).map(|v| v.chars().take(chars).collect())
    }
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
    /// The revision of the stored document (0 when nothing readable was stored): the next save writes the
    /// one after it.
    pub revision: u64,
}

/// Loads the document; a first visit gets the sample. Never overwrites what it cannot read.
pub fn load(kv: &mut dyn KeyValue) -> Loaded {
    let Some(text) = kv.get(KEY) else {
        return Loaded { document: Document::first_visit(), notice: None, may_save: true, revision: 0 };
    };
    match document::decode_with_revision(&text) {
        Ok((document, revision)) => Loaded { document, notice: None, may_save: true, revision },
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
                    // The unreadable text is kept in its backup: saving over it is allowed.
                    revision: document::peek_revision(&text).unwrap_or(0),
                },
                Err(_) => Loaded {
                    document: Document::first_visit(),
                    notice: Some(Notice::UnreadableNotBackedUp { reason }),
                    may_save: false,
                    revision: 0,
                },
            }
        }
    }
}

/// Why a save did not happen. In every case the data stays in memory and nothing stored was overwritten.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// Another tab saved revision `theirs` since this tab read or wrote `base`: nothing was written.
    OtherTab { theirs: u64 },
    /// The storage refused the write.
    Storage(StoreError),
    /// The write seemed to work but reading it back gave something else.
    ReadBack,
}

/// Saves `doc` as the revision after `base` (the revision this tab last read or wrote) and returns the new
/// revision. Refuses when the stored document is at another revision (another tab saved it); an unreadable
/// stored text never blocks (it was backed up when loaded). After writing, the text is read back.
pub fn save(kv: &mut dyn KeyValue, doc: &Document, base: u64) -> Result<u64, SaveError> {
    save_encoded(kv, &Encoded::new(doc, base))
}

/// A document encoded once for saving as the revision after `base`: while the storage refuses it (full), the
/// same text is written again on each retry instead of encoding the document again.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    /// The revision this tab last read or wrote; the text holds the one after it.
    pub base: u64,
    pub text: String,
}

impl Encoded {
    pub fn new(doc: &Document, base: u64) -> Encoded {
        Encoded { base, text: document::encode_at(doc, base + 1) }
    }
}

/// The revision of the stored document, read from its first characters (the whole text only when it was not
/// written by this version).
fn stored_revision(kv: &dyn KeyValue) -> Option<u64> {
    let head = kv.head(KEY, document::HEAD_CHARS)?;
    document::peek_head(&head).or_else(|| kv.get(KEY).as_deref().and_then(document::peek_revision))
}

/// [`save`] of an already encoded document (see [`Encoded`]); the same checks.
pub fn save_encoded(kv: &mut dyn KeyValue, e: &Encoded) -> Result<u64, SaveError> {
    if let Some(theirs) = stored_revision(kv) {
        if theirs != e.base {
            return Err(SaveError::OtherTab { theirs });
        }
    }
    kv.set(KEY, &e.text).map_err(SaveError::Storage)?;
    if kv.get(KEY).as_deref() != Some(e.text.as_str()) {
        return Err(SaveError::ReadBack);
    }
    Ok(e.base + 1)
}

/// The stored document with its revision, when it can be read (to take another tab's version).
pub fn load_stored(kv: &dyn KeyValue) -> Option<(Document, u64)> {
    document::decode_with_revision(&kv.get(KEY)?).ok()
}

/// One key of pbcalc in the storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    /// What it takes in the storage: key and value in UTF-16 code units, two bytes each (how browsers count
    /// the quota).
    pub bytes: usize,
}

impl Entry {
    /// A kept backup of an unreadable document.
    pub fn is_backup(&self) -> bool {
        self.key.starts_with(BACKUP_PREFIX)
    }

    /// The document being worked on (the storage page does not delete it).
    pub fn is_document(&self) -> bool {
        self.key == KEY
    }
}

/// Every `pbcalc.*` key with its size: the document first, then the others by name (backups by number).
pub fn entries(kv: &dyn KeyValue) -> Vec<Entry> {
    let out: Vec<Entry> = kv
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(PREFIX))
        .filter_map(|key| {
            let bytes = 2 * (key.encode_utf16().count() + kv.len_utf16(&key)?);
            Some(Entry { key, bytes })
        })
        .collect();
    let order = |k: &str| {
        let n = k.strip_prefix(BACKUP_PREFIX).and_then(|n| n.parse::<u64>().ok());
        (k != KEY, n.is_none(), n.unwrap_or(0), k.to_string())
    };
    let keyed: Vec<_> = out.into_iter().map(|e| (order(&e.key), e)).collect();
    crate::sort::sorted(keyed, &|a, b| a.0.cmp(&b.0)).into_iter().map(|(_, e)| e).collect()
}

/// The kept backups (`pbcalc.backup.N`), oldest first.
pub fn backups(kv: &dyn KeyValue) -> Vec<Entry> {
    entries(kv).into_iter().filter(Entry::is_backup).collect()
}

/// The text under a `pbcalc.*` key (for downloading it).
pub fn read(kv: &dyn KeyValue, key: &str) -> Option<String> {
    key.starts_with(PREFIX).then(|| kv.get(key)).flatten()
}

/// The file name a key is downloaded as: `pbcalc.backup.2` → `pbcalc-backup-2.json`.
pub fn file_name(key: &str) -> String {
    let stem: String = key.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect();
    format!("{stem}.json")
}

/// Deletes a `pbcalc.*` key other than the document itself; true if it was there.
pub fn remove(kv: &mut dyn KeyValue, key: &str) -> bool {
    if !key.starts_with(PREFIX) || key == KEY || kv.get(key).is_none() {
        return false;
    }
    kv.remove(key);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Mem {
        map: HashMap<String, String>,
        full: bool,
        /// Writes only half of each value (a storage that loses data).
        garble: bool,
    }

    impl KeyValue for Mem {
        fn get(&self, key: &str) -> Option<String> {
            self.map.get(key).cloned()
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
            if self.full {
                return Err(StoreError::Full);
            }
            if self.garble {
                self.map.insert(key.into(), value[..value.len() / 2].into());
                return Ok(());
            }
            self.map.insert(key.into(), value.into());
            Ok(())
        }
        fn remove(&mut self, key: &str) {
            self.map.remove(key);
        }
        fn keys(&self) -> Vec<String> {
            self.map.keys().cloned().collect()
        }
    }

    #[test]
    fn a_refused_save_is_retried_with_the_text_encoded_once_and_written_when_there_is_room() {
        let mut kv = Mem::default();
        let doc = Document::first_visit();
        assert_eq!(save(&mut kv, &doc, 0), Ok(1));
        let mut changed = doc.clone();
        changed.lang = crate::i18n::Lang::En;
        let encoded = Encoded::new(&changed, 1);
        assert_eq!(encoded.text, document::encode_at(&changed, 2));
        kv.full = true;
        for _ in 0..3 {
            assert_eq!(save_encoded(&mut kv, &encoded), Err(SaveError::Storage(StoreError::Full)));
            assert_eq!(load_stored(&kv), Some((doc.clone(), 1)), "the stored document is untouched");
        }
        kv.full = false;
        assert_eq!(save_encoded(&mut kv, &encoded), Ok(2));
        assert_eq!(load_stored(&kv), Some((changed.clone(), 2)));
        // The kept text is of base 1: once another save made revision 2, it is refused, never written blindly.
        assert_eq!(save_encoded(&mut kv, &encoded), Err(SaveError::OtherTab { theirs: 2 }));
    }

    #[test]
    fn the_stored_revision_is_read_from_the_head_or_from_a_version_1_text() {
        let mut kv = Mem::default();
        assert_eq!(stored_revision(&kv), None);
        save(&mut kv, &Document::first_visit(), 0).unwrap();
        assert_eq!(kv.head(KEY, document::HEAD_CHARS).as_deref().and_then(document::peek_head), Some(1));
        assert_eq!(stored_revision(&kv), Some(1));
        let v1 = r#"{"format":"pbcalc-store","version":1,"lang":"zh-CN","current":0,"scenarios":[]}"#;
        kv.map.insert(KEY.into(), v1.into());
        assert_eq!(document::peek_head(v1), None);
        assert_eq!(stored_revision(&kv), document::peek_revision(v1));
        assert_eq!(kv.len_utf16(KEY), Some(v1.len()));
    }

    #[test]
    fn first_visit_gets_the_sample_and_saves_round_trip() {
        let mut kv = Mem::default();
        let loaded = load(&mut kv);
        assert!(loaded.notice.is_none());
        assert_eq!(loaded.document.scenarios.len(), 1);
        assert_eq!(*loaded.document.scenarios[0], crate::model::sample::sample());
        assert_eq!(loaded.revision, 0);
        assert_eq!(save(&mut kv, &loaded.document, loaded.revision), Ok(1));
        let again = load(&mut kv);
        assert_eq!(again.document, loaded.document);
        assert_eq!(again.revision, 1);
    }

    /// Tab A and tab B loaded revision 1. A saves (2); B's save is refused, nothing of A's is overwritten,
    /// and B can save only over revision 2 once it has taken A's version into account.
    #[test]
    fn a_save_over_another_tabs_save_is_refused() {
        let mut kv = Mem::default();
        save(&mut kv, &Document::first_visit(), 0).unwrap();
        let a = load(&mut kv);
        let b = load(&mut kv);
        let mut doc_a = a.document.clone();
        doc_a.lang = crate::i18n::Lang::En;
        assert_eq!(save(&mut kv, &doc_a, a.revision), Ok(2));
        let mut doc_b = b.document.clone();
        doc_b.scenarios.push(std::rc::Rc::new(crate::model::Scenario::blank("B")));
        assert_eq!(save(&mut kv, &doc_b, b.revision), Err(SaveError::OtherTab { theirs: 2 }));
        assert_eq!(load_stored(&kv), Some((doc_a.clone(), 2)));
        assert_eq!(save(&mut kv, &doc_b, 2), Ok(3));
        // A's next save is refused in turn.
        assert_eq!(save(&mut kv, &doc_a, 2), Err(SaveError::OtherTab { theirs: 3 }));
    }

    #[test]
    fn a_full_storage_and_a_bad_write_are_errors_and_leave_the_stored_text() {
        let mut kv = Mem::default();
        save(&mut kv, &Document::first_visit(), 0).unwrap();
        let before = kv.map[KEY].clone();
        kv.full = true;
        let mut doc = Document::first_visit();
        doc.lang = crate::i18n::Lang::En;
        assert_eq!(save(&mut kv, &doc, 1), Err(SaveError::Storage(StoreError::Full)));
        assert_eq!(kv.map[KEY], before);
        // Space returns: the same save (same base) now works.
        kv.full = false;
        assert_eq!(save(&mut kv, &doc, 1), Ok(2));
        kv.garble = true;
        assert_eq!(save(&mut kv, &doc, 2), Err(SaveError::ReadBack));
    }

    #[test]
    fn entries_list_only_pbcalc_keys_and_the_document_is_never_removed() {
        let mut kv = Mem::default();
        kv.map.insert(KEY.into(), "{}".into());
        kv.map.insert("pbcalc.backup.10".into(), "x".into());
        kv.map.insert("pbcalc.backup.2".into(), "早".into());
        kv.map.insert("other.app".into(), "y".into());
        let keys: Vec<String> = entries(&kv).into_iter().map(|e| e.key).collect();
        assert_eq!(keys, [KEY, "pbcalc.backup.2", "pbcalc.backup.10"]);
        assert_eq!(entries(&kv)[1].bytes, 2 * ("pbcalc.backup.2".len() + 1));
        assert_eq!(backups(&kv).len(), 2);
        assert_eq!(read(&kv, "other.app"), None);
        assert_eq!(read(&kv, "pbcalc.backup.2").as_deref(), Some("早"));
        assert_eq!(file_name("pbcalc.backup.2"), "pbcalc-backup-2.json");
        assert!(!remove(&mut kv, KEY));
        assert!(!remove(&mut kv, "other.app"));
        assert!(remove(&mut kv, "pbcalc.backup.2"));
        assert!(!kv.map.contains_key("pbcalc.backup.2"));
        assert!(kv.map.contains_key(KEY) && kv.map.contains_key("other.app"));
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
