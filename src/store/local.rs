//! localStorage as a [`KeyValue`] (browser build only), through gloo-storage. Every failure becomes an
//! error value: a full or disabled storage never panics the app.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

use super::{KeyValue, StoreError};

/// The browser's localStorage.
pub struct Local;

/// Whether localStorage can be used at all (it may be disabled by the browser's privacy settings).
/// Checked first because gloo-storage's `raw()` throws when there is none.
fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}

/// The value under `key` as a JavaScript string (not converted).
fn item(key: &str) -> Option<js_sys::JsString> {
    if !available() {
        return None;
    }
    let storage: wasm_bindgen::JsValue = LocalStorage::raw().into();
    let get = js_sys::Reflect::get(&storage, &"getItem".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    get.call1(&storage, &key.into()).ok()?.dyn_into::<js_sys::JsString>().ok()
}

impl KeyValue for Local {
    fn get(&self, key: &str) -> Option<String> {
        if !available() {
            return None;
        }
        LocalStorage::raw().get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if !available() {
            return Err(StoreError::Unavailable);
        }
        LocalStorage::raw().set_item(key, value).map_err(|e| match e.dyn_ref::<web_sys::DomException>() {
            // Chromium and Firefox name it QuotaExceededError (Firefox once used NS_ERROR_DOM_QUOTA_REACHED).
            Some(d) if d.name() == "QuotaExceededError" || d.name() == "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::Full,
            Some(d) => StoreError::Other(format!("{}: {}", d.name(), d.message())),
            None => StoreError::Other(e.as_string().unwrap_or_default()),
        })
    }

    fn remove(&mut self, key: &str) {
        if available() {
            let _ = LocalStorage::raw().remove_item(key);
        }
    }

    /// `localStorage.getItem(key).length`, the value staying in the browser (a document of megabytes is not
    /// copied into the app to be measured).
    fn len_utf16(&self, key: &str) -> Option<usize> {
        item(key).map(|v| v.length() as usize)
    }

    fn head(&self, key: &str, chars: usize) -> Option<String> {
        // Code units, not characters: a prefix of at most `chars` characters (a split surrogate pair is
        // replaced, which no stored document starts with).
        item(key).map(|v| String::from(v.slice(0, chars as u32)))
    }

    fn keys(&self) -> Vec<String> {
        if !available() {
            return Vec::new();
        }
        let raw = LocalStorage::raw();
        let n = raw.length().unwrap_or(0);
        (0..n).filter_map(|i| raw.key(i).ok().flatten()).collect()
    }
}
