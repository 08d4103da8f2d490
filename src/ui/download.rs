//! Saving a file to the user's computer: a Blob, an object URL and a temporary link. A failure is returned,
//! never thrown.

use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a download named `filename` with MIME type `mime` (UTF-8).
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let err = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(err)?.dyn_into().map_err(|_| "no anchor")?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_attribute("style", "display:none").map_err(err)?;
    let body = document.body().ok_or("no body")?;
    body.append_child(&a).map_err(err)?;
    a.click();
    let _ = body.remove_child(&a);
    Timeout::new(5_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// A file name made of the scenario's name: characters that file systems refuse become "_".
pub fn file_stem(name: &str) -> String {
    let stem: String =
        name.chars().map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() { '_' } else { c }).collect();
    let stem = stem.trim().trim_matches('.').to_string();
    if stem.is_empty() {
        "pbcalc".into()
    } else {
        stem
    }
}
