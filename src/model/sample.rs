//! The built-in sample organisation: a gas-field company's party committee with twelve branches in four
//! categories, eleven indicators of every kind and ten quarters of records (two complete cycles and one in
//! progress), and one target plan (年度目标计划) tightening two base targets from the start of its second year. It
//! loads on the first visit and whenever the user asks for it; trainers demonstrate with it.

use super::{codec, Scenario};

/// The sample as a scenario file (FORMAT.md); kept as data so it is read by the same code as any import.
pub const SAMPLE_JSON: &str = include_str!("sample.pbcalc.json");

/// The sample scenario. The file is part of the build and checked by the tests, so reading it cannot fail;
/// if it ever did, a blank scenario is returned rather than stopping the app.
///
/// It is read on the app's first screen, so by the short way: a plain JSON parse, then the same reader and
/// checks as any import (`codec::scenario_from_value`). The strict parse's one addition, finding keys written
/// twice, has nothing to find in this file: the test below reads it strictly and compares.
pub fn sample() -> Scenario {
    serde_json::from_str(SAMPLE_JSON)
        .ok()
        .and_then(|v| codec::scenario_from_value(&v).ok())
        .unwrap_or_else(|| Scenario::blank("示例"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_reads_without_problems() {
        let s = codec::parse_scenario(SAMPLE_JSON).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(s.branches.len(), 12);
        assert_eq!(s.categories.len(), 4);
        assert!(s.indicators.len() >= 10);
        assert!(s.periods.len() >= 8);
        assert_eq!(s.target_plans.len(), 1, "the target plan is part of the demonstration");
        // The short way of `sample()` reads the same scenario as the strict import.
        assert_eq!(sample(), s);
    }
}
