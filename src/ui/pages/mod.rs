//! One module per user task.

pub mod branches;
pub mod categories;
pub mod compare;
pub mod grade_quotas;
pub mod grades;
pub mod indicators;
pub mod method;
pub mod periods;
pub mod results;
pub mod scenarios;
pub mod settings;
pub mod simulation;
pub mod storage;
pub mod target_plans;
pub mod targets;
