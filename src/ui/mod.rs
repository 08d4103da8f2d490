//! The Yew app (browser build only): a thin layer over the model and the engine.
//!
//! * [`app`] — the shell: top bar, navigation, status line, notices; loads and saves through [`crate::store`].
//! * [`route`] — one route per page.
//! * [`state`] — the one `Reducible` with its `Action`s and undo/redo.
//! * [`hooks`] — `use_app`, `use_lang`.
//! * [`pages`] — one module per user task.
//! * [`components`] — small shared pieces (fields, notices, toasts).

pub mod app;
pub mod charts;
pub mod components;
pub mod demo;
pub mod download;
pub mod format;
pub mod hooks;
pub mod live;
pub mod mc_workers;
pub mod pages;
pub mod route;
pub mod state;
pub mod view;

pub use app::App;
