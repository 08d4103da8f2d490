//! One module per user task.

pub mod branches;
pub mod placeholder;
pub mod results;
pub mod scenarios;
pub mod targets;
