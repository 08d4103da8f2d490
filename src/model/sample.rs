//! The built-in sample organisation: a gas-field company's party committee with twelve branches in four
//! categories, eleven indicators of every kind and ten quarters of records (two complete cycles and one in
//! progress), and one target plan (年度目标计划) tightening two base targets from the start of its second year. It
//! loads on the first visit and whenever the user asks for it; trainers demonstrate with it.

use super::{codec, Scenario};

/// The sample as a scenario file (FORMAT.md); kept as data so it is read by the same code as any import.
pub const SAMPLE_JSON: &str = include_str!("sample.pbcalc.json");

/// The sample scenario. The file is part of the build and checked by the tests, so reading it cannot fail;
/// if it ever did, a blank scenario is returned rather than stopping the app.
pub fn sample() -> Scenario {
    codec::parse_scenario(SAMPLE_JSON).unwrap_or_else(|_| Scenario::blank("示例"))
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
    }
}
