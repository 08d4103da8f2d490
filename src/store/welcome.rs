//! Whether the welcome panel is still due: a key of its own beside the document, so the stored document and
//! its format are untouched by it.

use super::KeyValue;

/// Set once the welcome has been dismissed.
pub const KEY: &str = "pbcalc.welcome";

/// The welcome shows on a first visit: nothing stored yet and never dismissed. (Once the user has changed
/// something, the document is stored and the visit is no longer a first one; the help button still shows it.)
pub fn due(kv: &dyn KeyValue) -> bool {
    kv.get(KEY).is_none() && kv.get(super::KEY).is_none()
}

/// Remembers that the welcome was dismissed. A storage that refuses only means it may show again.
pub fn dismiss(kv: &mut dyn KeyValue) {
    let _ = kv.set(KEY, "dismissed");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Mem(HashMap<String, String>);

    impl KeyValue for Mem {
        fn get(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), crate::store::StoreError> {
            self.0.insert(key.into(), value.into());
            Ok(())
        }
        fn remove(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn keys(&self) -> Vec<String> {
            self.0.keys().cloned().collect()
        }
    }

    #[test]
    fn due_on_a_first_visit_until_dismissed() {
        let mut kv = Mem(HashMap::new());
        assert!(due(&kv));
        dismiss(&mut kv);
        assert!(!due(&kv));
        let mut used = Mem(HashMap::new());
        used.0.insert(crate::store::KEY.into(), "{}".into());
        assert!(!due(&used), "a browser that already holds a document is not a first visit");
    }
}
