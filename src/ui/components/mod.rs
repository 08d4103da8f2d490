//! Small pieces shared by the pages.

pub mod ed_input;
pub mod ed_undo;
pub mod exports;
pub mod field;
pub mod files;
pub mod matrix;
pub mod notice;
pub mod paging;
pub mod print_report;
pub mod record;
pub mod sync;
pub mod unsaved;
pub mod welcome;
