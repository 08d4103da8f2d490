//! Edits of period records: actuals, vetoes, optional actions, adjustments, evaluation; periods.
