//! One module per user task.

pub mod branches;
pub mod placeholder;
