//! Edits of target overrides and suggested targets.
