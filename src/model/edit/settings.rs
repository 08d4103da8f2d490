//! Edits of settings.
