//! Every number of METHOD.md, as pure functions with no I/O, one module per section.
