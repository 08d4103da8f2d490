//! pbcalc — 党支部考核目标与提档升级模拟器.
//!
//! * [`model`] — the scenario of FORMAT.md: types, settings, reading/writing files, validation.
//! * [`engine`] — every number of METHOD.md, pure functions, one module per section.
//! * [`store`] — the saved document (versioned, backed up when unreadable); the only code touching storage.
//! * [`i18n`] — every visible string, Chinese (default) and English.
//! * `ui` — the Yew app (browser build only): pages, components, state.

pub mod bench;
pub mod charts_geom;
pub mod compare_report;
pub mod csv_text;
pub mod demo;
pub mod engine;
pub mod i18n;
pub mod model;
pub mod paging;
pub mod report;
pub mod sort;
pub mod store;

#[cfg(target_arch = "wasm32")]
pub mod ui;
