//! Edits of categories and their coefficients.
