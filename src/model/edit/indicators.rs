//! Edits of indicators and optional actions.
