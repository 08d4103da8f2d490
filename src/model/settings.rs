//! `settings.*` of METHOD.md: every parameter a committee can change, with its default and allowed range.
//!
//! The numeric settings are described once, in [`NUMBERS`]: their JSON path, range, whether they must be whole,
//! and how to read and write them. The file reader, the file writer and the settings page all use that table,
//! so a new setting is added in one place.

/// All settings of a scenario. `Default` gives the values a new scenario starts with (FORMAT.md).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub differentiation: Differentiation,
    pub scoring: Scoring,
    pub evaluation: EvaluationSettings,
    pub tiers: Tiers,
    pub consequences: Consequences,
    pub grades: Grades,
    pub motivation: Motivation,
    pub simulation: Simulation,
}

/// §1 condition factor `f = clamp(1 + step × (c − 3), min, max)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Differentiation {
    pub condition_step: f64,
    pub factor_min: f64,
    pub factor_max: f64,
}

/// §2–3 scoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    pub floor_ratio: f64,
    /// s for qualitative levels A, B, C, D.
    pub levels: [f64; 4],
    pub bonus_cap: f64,
}

/// §4–5 democratic evaluation and the final score.
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluationSettings {
    /// Values of excellent, good, fair, poor ballots.
    pub ballot_values: [f64; 4],
    pub weight_members: f64,
    pub weight_peers: f64,
    pub weight_superiors: f64,
    pub inspection_share: f64,
}

/// §6 tiering.
#[derive(Debug, Clone, PartialEq)]
pub struct Tiers {
    pub method: TierMethod,
    pub first_share: f64,
    pub bottom_share: f64,
    pub first_min_score: f64,
    pub bottom_below_score: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TierMethod {
    Quota,
    Threshold,
    Hybrid,
}

impl TierMethod {
    pub const ALL: [TierMethod; 3] = [TierMethod::Quota, TierMethod::Threshold, TierMethod::Hybrid];
    pub fn as_str(self) -> &'static str {
        match self {
            TierMethod::Quota => "quota",
            TierMethod::Threshold => "threshold",
            TierMethod::Hybrid => "hybrid",
        }
    }
    pub fn parse(s: &str) -> Option<TierMethod> {
        TierMethod::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// §7 consequences.
#[derive(Debug, Clone, PartialEq)]
pub struct Consequences {
    /// Bonus coefficient of the first, middle and bottom tier.
    pub tier_coefficients: [f64; 3],
    /// Whole yuan; 0 = no allocation.
    pub bonus_pool: f64,
    pub allocation: Allocation,
    pub disqualify_periods: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Allocation {
    Members,
    Equal,
}

impl Allocation {
    pub const ALL: [Allocation; 2] = [Allocation::Members, Allocation::Equal];
    pub fn as_str(self) -> &'static str {
        match self {
            Allocation::Members => "members",
            Allocation::Equal => "equal",
        }
    }
    pub fn parse(s: &str) -> Option<Allocation> {
        Allocation::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// §8 grades, cycles and the promotion/demotion rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Grades {
    /// L, the number of grades; 1 is the lowest.
    pub levels: u32,
    /// L names, L texts (rewards and measures), L bonus coefficients.
    pub names: Vec<String>,
    pub texts: Vec<String>,
    pub bonus_coefficients: Vec<f64>,
    pub cycle_periods: u32,
    pub warn_below: f64,
    pub veto_drop: u32,
    pub warnings_to_demote: u32,
    pub top_keep_min_score: f64,
    pub min_hold_cycles: u32,
    /// Grade quotas (等级比例控制, METHOD.md §8): `None` for none (the file's `null`), else L entries, the
    /// largest share (0..1) of the branches that may hold each grade after a cycle end, `None` for no limit.
    pub quotas: Option<Vec<Option<f64>>>,
}

/// §9 motivation check.
#[derive(Debug, Clone, PartialEq)]
pub struct Motivation {
    pub min_cv: f64,
    pub easy_above: f64,
    pub hard_below: f64,
    pub desired: f64,
}

/// §10 Monte Carlo.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub trials: u32,
    pub cycles: u32,
    pub seed: u64,
    pub veto_probability: f64,
    pub evaluation_sd: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            differentiation: Differentiation { condition_step: 0.05, factor_min: 0.7, factor_max: 1.3 },
            scoring: Scoring { floor_ratio: 0.6, levels: [1.0, 0.8, 0.6, 0.0], bonus_cap: 5.0 },
            evaluation: EvaluationSettings {
                ballot_values: [100.0, 80.0, 60.0, 0.0],
                weight_members: 0.5,
                weight_peers: 0.2,
                weight_superiors: 0.3,
                inspection_share: 0.6,
            },
            tiers: Tiers {
                method: TierMethod::Quota,
                first_share: 0.2,
                bottom_share: 0.1,
                first_min_score: 90.0,
                bottom_below_score: 70.0,
            },
            consequences: Consequences {
                tier_coefficients: [1.2, 1.0, 0.8],
                bonus_pool: 0.0,
                allocation: Allocation::Members,
                disqualify_periods: 4,
            },
            grades: Grades::with_levels(5),
            motivation: Motivation { min_cv: 0.1, easy_above: 0.9, hard_below: 0.2, desired: 0.6 },
            simulation: Simulation { trials: 1000, cycles: 3, seed: 42, veto_probability: 0.02, evaluation_sd: 5.0 },
        }
    }
}

/// Default grade names: 一级..五级 for the default five grades, "1级".."L级" for another L.
pub fn default_grade_names(levels: u32) -> Vec<String> {
    if levels == 5 {
        ["一级", "二级", "三级", "四级", "五级"].iter().map(|s| s.to_string()).collect()
    } else {
        (1..=levels).map(|g| format!("{g}级")).collect()
    }
}

impl Grades {
    /// The default grade settings for L grades.
    pub fn with_levels(levels: u32) -> Grades {
        Grades {
            levels,
            names: default_grade_names(levels),
            texts: vec![String::new(); levels as usize],
            bonus_coefficients: vec![1.0; levels as usize],
            cycle_periods: 4,
            warn_below: 75.0,
            veto_drop: 2,
            warnings_to_demote: 2,
            top_keep_min_score: 90.0,
            min_hold_cycles: 1,
            quotas: None,
        }
    }

    /// Changes L, keeping the names, texts and coefficients of the grades that remain and giving new grades
    /// their defaults.
    pub fn resize(&mut self, levels: u32) {
        let names = default_grade_names(levels);
        let n = levels as usize;
        let keep_names = self.names == default_grade_names(self.levels);
        self.names.resize(n, String::new());
        for (i, name) in self.names.iter_mut().enumerate() {
            if keep_names || name.is_empty() {
                *name = names[i].clone();
            }
        }
        self.texts.resize(n, String::new());
        self.bonus_coefficients.resize(n, 1.0);
        if let Some(q) = &mut self.quotas {
            // The grades that remain keep their quotas, new grades have none.
            q.resize(n, None);
        }
        self.levels = levels;
    }

    /// The quota of grade g (1-based): the largest share of the branches that may hold it, `None` for no limit.
    pub fn quota(&self, grade: u32) -> Option<f64> {
        let i = grade.checked_sub(1)? as usize;
        self.quotas.as_ref()?.get(i).copied().flatten()
    }

    /// Whether any grade has a quota.
    pub fn has_quotas(&self) -> bool {
        self.quotas.as_ref().is_some_and(|q| q.iter().any(Option::is_some))
    }

    /// Bonus coefficient of grade g (1-based); 1.0 outside 1..L.
    pub fn coefficient(&self, grade: u32) -> f64 {
        grade.checked_sub(1).and_then(|i| self.bonus_coefficients.get(i as usize)).copied().unwrap_or(1.0)
    }

    /// Name of grade g (1-based).
    pub fn name(&self, grade: u32) -> String {
        grade.checked_sub(1).and_then(|i| self.names.get(i as usize)).cloned().unwrap_or_else(|| format!("{grade}"))
    }
}

/// One numeric setting: where it sits in the JSON, its range, and how to get and set it.
pub struct NumberSetting {
    /// Dotted path under `settings`, e.g. `scoring.floor_ratio`.
    pub path: &'static str,
    /// Inclusive bounds.
    pub min: f64,
    pub max: f64,
    /// Strict bounds where the method needs them (e.g. `desired` in the open interval 0..1).
    pub min_exclusive: bool,
    pub max_exclusive: bool,
    pub integer: bool,
    pub get: fn(&Settings) -> f64,
    pub set: fn(&mut Settings, f64),
}

impl NumberSetting {
    /// Whether `v` is allowed for this setting (range and wholeness).
    pub fn accepts(&self, v: f64) -> bool {
        v.is_finite()
            && (if self.min_exclusive { v > self.min } else { v >= self.min })
            && (if self.max_exclusive { v < self.max } else { v <= self.max })
            && (!self.integer || v.fract() == 0.0)
    }

    /// The default value of this setting.
    pub fn default_value(&self) -> f64 {
        (self.get)(&Settings::default())
    }
}

macro_rules! num {
    ($path:literal, $min:expr, $max:expr, $int:expr, |$s:ident| $field:expr) => {
        num!($path, $min, false, $max, false, $int, |$s| $field)
    };
    ($path:literal, $min:expr, $minx:expr, $max:expr, $maxx:expr, $int:expr, |$s:ident| $field:expr) => {
        NumberSetting {
            path: $path,
            min: $min,
            max: $max,
            min_exclusive: $minx,
            max_exclusive: $maxx,
            integer: $int,
            get: |$s: &Settings| $field as f64,
            set: |$s: &mut Settings, v: f64| {
                $field = v as _;
            },
        }
    };
}

const BIG: f64 = 1e12;

/// Every numeric setting of METHOD.md, in the order of FORMAT.md.
pub static NUMBERS: &[NumberSetting] = &[
    num!("differentiation.condition_step", 0.0, 1.0, false, |s| s.differentiation.condition_step),
    num!("differentiation.factor_min", 0.0, true, 10.0, false, false, |s| s.differentiation.factor_min),
    num!("differentiation.factor_max", 0.0, true, 10.0, false, false, |s| s.differentiation.factor_max),
    num!("scoring.floor_ratio", 0.0, 0.99, false, |s| s.scoring.floor_ratio),
    num!("scoring.levels.A", 0.0, 1.0, false, |s| s.scoring.levels[0]),
    num!("scoring.levels.B", 0.0, 1.0, false, |s| s.scoring.levels[1]),
    num!("scoring.levels.C", 0.0, 1.0, false, |s| s.scoring.levels[2]),
    num!("scoring.levels.D", 0.0, 1.0, false, |s| s.scoring.levels[3]),
    num!("scoring.bonus_cap", 0.0, 1000.0, false, |s| s.scoring.bonus_cap),
    num!("evaluation.ballot_values.excellent", 0.0, 100.0, false, |s| s.evaluation.ballot_values[0]),
    num!("evaluation.ballot_values.good", 0.0, 100.0, false, |s| s.evaluation.ballot_values[1]),
    num!("evaluation.ballot_values.fair", 0.0, 100.0, false, |s| s.evaluation.ballot_values[2]),
    num!("evaluation.ballot_values.poor", 0.0, 100.0, false, |s| s.evaluation.ballot_values[3]),
    num!("evaluation.weights.members", 0.0, 1000.0, false, |s| s.evaluation.weight_members),
    num!("evaluation.weights.peers", 0.0, 1000.0, false, |s| s.evaluation.weight_peers),
    num!("evaluation.weights.superiors", 0.0, 1000.0, false, |s| s.evaluation.weight_superiors),
    num!("evaluation.inspection_share", 0.0, 1.0, false, |s| s.evaluation.inspection_share),
    num!("tiers.first_share", 0.0, 1.0, false, |s| s.tiers.first_share),
    num!("tiers.bottom_share", 0.0, 1.0, false, |s| s.tiers.bottom_share),
    num!("tiers.first_min_score", -BIG, BIG, false, |s| s.tiers.first_min_score),
    num!("tiers.bottom_below_score", -BIG, BIG, false, |s| s.tiers.bottom_below_score),
    num!("consequences.bonus_coefficient.first", 0.0, 100.0, false, |s| s.consequences.tier_coefficients[0]),
    num!("consequences.bonus_coefficient.middle", 0.0, 100.0, false, |s| s.consequences.tier_coefficients[1]),
    num!("consequences.bonus_coefficient.bottom", 0.0, 100.0, false, |s| s.consequences.tier_coefficients[2]),
    num!("consequences.bonus_pool", 0.0, 1e13, true, |s| s.consequences.bonus_pool),
    num!("consequences.disqualify_periods", 0.0, 1000.0, true, |s| s.consequences.disqualify_periods),
    num!("grades.levels", 1.0, 20.0, true, |s| s.grades.levels),
    num!("grades.cycle_periods", 1.0, 100.0, true, |s| s.grades.cycle_periods),
    num!("grades.warn_below", -BIG, BIG, false, |s| s.grades.warn_below),
    num!("grades.veto_drop", 0.0, 20.0, true, |s| s.grades.veto_drop),
    num!("grades.warnings_to_demote", 1.0, 1000.0, true, |s| s.grades.warnings_to_demote),
    num!("grades.top_keep_min_score", -BIG, BIG, false, |s| s.grades.top_keep_min_score),
    num!("grades.min_hold_cycles", 0.0, 1000.0, true, |s| s.grades.min_hold_cycles),
    num!("motivation.min_cv", 0.0, 10.0, false, |s| s.motivation.min_cv),
    num!("motivation.easy_above", 0.0, 1.0, false, |s| s.motivation.easy_above),
    num!("motivation.hard_below", 0.0, 1.0, false, |s| s.motivation.hard_below),
    num!("motivation.desired", 0.0, true, 1.0, true, false, |s| s.motivation.desired),
    num!("simulation.trials", 1.0, 1_000_000.0, true, |s| s.simulation.trials),
    num!("simulation.cycles", 1.0, 100.0, true, |s| s.simulation.cycles),
    num!("simulation.seed", 0.0, 9_007_199_254_740_991.0, true, |s| s.simulation.seed),
    num!("simulation.veto_probability", 0.0, 1.0, false, |s| s.simulation.veto_probability),
    num!("simulation.evaluation_sd", 0.0, 1000.0, false, |s| s.simulation.evaluation_sd),
];

/// The settings that are not plain numbers, by path (handled by hand in the codec and the settings page).
pub const SPECIAL: &[&str] = &[
    "tiers.method",
    "consequences.allocation",
    "grades.names",
    "grades.texts",
    "grades.bonus_coefficients",
    "grades.quotas",
];

/// The numeric setting at `path`, if there is one.
pub fn number(path: &str) -> Option<&'static NumberSetting> {
    NUMBERS.iter().find(|n| n.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_in_its_own_range() {
        let s = Settings::default();
        for n in NUMBERS {
            assert!(n.accepts((n.get)(&s)), "{} default out of range", n.path);
        }
    }

    #[test]
    fn set_then_get_round_trips() {
        let mut s = Settings::default();
        for (i, n) in NUMBERS.iter().enumerate() {
            let v = if n.integer { 1.0 + i as f64 % 3.0 } else { 0.5 };
            (n.set)(&mut s, v);
            assert_eq!((n.get)(&s), v, "{}", n.path);
        }
    }

    #[test]
    fn resize_keeps_custom_names_and_defaults_new_ones() {
        let mut g = Grades::with_levels(5);
        g.resize(3);
        assert_eq!(g.names, vec!["1级", "2级", "3级"]);
        g.names[0] = "基础".into();
        g.resize(4);
        assert_eq!(g.names, vec!["基础", "2级", "3级", "4级"]);
        assert_eq!(g.bonus_coefficients.len(), 4);
    }

    #[test]
    fn resize_keeps_the_quotas_of_the_grades_that_remain() {
        let mut g = Grades::with_levels(5);
        g.resize(3);
        assert_eq!(g.quotas, None, "no quotas stay none");
        g.quotas = Some(vec![None, Some(0.3), Some(0.1)]);
        g.resize(5);
        assert_eq!(g.quotas, Some(vec![None, Some(0.3), Some(0.1), None, None]));
        assert_eq!((g.quota(3), g.quota(4), g.quota(0), g.quota(9)), (Some(0.1), None, None, None));
        g.resize(2);
        assert_eq!(g.quotas, Some(vec![None, Some(0.3)]));
        assert!(g.has_quotas());
        g.resize(1);
        assert!(!g.has_quotas());
    }
}
