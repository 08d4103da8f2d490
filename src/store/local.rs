//! localStorage as a [`KeyValue`] (browser build only), through gloo-storage. Every failure becomes an
//! error value: a full or disabled storage never panics the app.

use gloo_storage::{LocalStorage, Storage};

use super::KeyValue;

/// The browser's localStorage.
pub struct Local;

/// Whether localStorage can be used at all (it may be disabled by the browser's privacy settings).
/// Checked first because gloo-storage's `raw()` throws when there is none.
fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}

impl KeyValue for Local {
    fn get(&self, key: &str) -> Option<String> {
        if !available() {
            return None;
        }
        LocalStorage::raw().get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        if !available() {
            return Err("localStorage is not available".into());
        }
        LocalStorage::raw().set_item(key, value).map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
    }
}
