//! The scenario of FORMAT.md as Rust types.
//!
//! The types follow the file format but make its impossible states unrepresentable: a veto indicator has
//! neither measure nor weight, a qualitative indicator has no target, and an actual is either a number or a
//! level A–D. Which of the two an indicator takes is checked when a file is read ([`codec`]).
//!
//! * [`settings`] — every `settings.*` of METHOD.md with its default and its allowed range.
//! * [`codec`] — reading a scenario file (collecting every problem with its JSON path) and writing one.
//! * [`validate`] — the checks shared by import and the editors (ranges, ids, references).
//! * [`sample`] — the built-in sample organisation.

pub mod codec;
pub mod edit;
pub mod encoding;
pub mod limits;
pub mod number;
pub mod paste;
pub mod problem;
pub mod record;
pub mod sample;
pub mod settings;
pub mod shared;
pub mod strict_json;
pub mod validate;

use std::collections::BTreeMap;

pub use problem::{Problem, ProblemKind};
pub use settings::Settings;
pub use shared::Chunk;

/// The `format` value of a scenario file.
pub const SCENARIO_FORMAT: &str = "pbcalc-scenario";
/// The only scenario file version this build reads and writes.
pub const SCENARIO_VERSION: u64 = 1;
/// Ids are non-empty and at most this many characters.
pub const MAX_ID_CHARS: usize = 64;
/// Names are at most this many characters.
pub const MAX_NAME_CHARS: usize = 200;
/// A file over this many bytes is refused before it is parsed (5 MB).
pub const MAX_FILE_BYTES: usize = 5_000_000;

/// One assessment set-up: the committee's branches, indicators, settings and recorded periods.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub settings: Settings,
    pub categories: Vec<Category>,
    pub indicators: Vec<Indicator>,
    pub optional_actions: Vec<OptionalAction>,
    pub branches: Vec<Branch>,
    pub periods: Vec<Period>,
    /// 正式记录: the committee's official record, read-only in the app (every edit is refused; FORMAT.md
    /// `locked`). Changes no number.
    pub locked: bool,
    /// 年度目标计划 (METHOD.md §1, target plans): changes of targets from a period on, in the order given (not
    /// necessarily period order). `validate` keeps each `from` a period id and at most one plan per period.
    pub target_plans: Vec<TargetPlan>,
}

/// 年度目标计划 — a target plan (METHOD.md §1): from period `from` on, new base targets of some quantitative
/// indicators and changed overrides of some branch × indicator pairs. It lists only what it changes.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetPlan {
    pub id: String,
    pub name: String,
    /// The id of the period it starts in.
    pub from: String,
    /// Quantitative indicator id → its base target from `from` on (≥ 0).
    pub base_targets: BTreeMap<String, f64>,
    /// Branch id → quantitative indicator id → what happens to the branch's override from `from` on.
    pub target_overrides: BTreeMap<String, BTreeMap<String, OverrideChange>>,
}

/// What a target plan does to one branch's override of one indicator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OverrideChange {
    /// The override becomes this target (≥ 0), used as given.
    Set(f64),
    /// The branch has no override any more: the derived target applies (`null` in the file).
    Remove,
}

impl TargetPlan {
    /// A plan that changes nothing yet.
    pub fn new(id: &str, name: &str, from: &str) -> TargetPlan {
        TargetPlan {
            id: id.into(),
            name: name.into(),
            from: from.into(),
            base_targets: BTreeMap::new(),
            target_overrides: BTreeMap::new(),
        }
    }

    /// Whether the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.base_targets.is_empty() && self.target_overrides.values().all(|m| m.is_empty())
    }
}

/// 支部类别 — a kind of branch; its coefficients differentiate targets (METHOD.md §1).
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub id: String,
    pub name: String,
    /// Category coefficient `k` per indicator id; an indicator not listed has k = 1.0.
    pub coefficients: BTreeMap<String, f64>,
}

/// 考核指标 — an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    /// The "five goods" dimension it belongs to (free text, e.g. 业绩好).
    pub dimension: String,
    pub kind: IndicatorKind,
    /// The written plan: workload, measures, deadline, effect (工作量、措施、时间、效果).
    pub plan: Plan,
}

/// Veto, or a scored indicator with its rigidity, weight and measure.
#[derive(Debug, Clone, PartialEq)]
pub enum IndicatorKind {
    /// 否定指标: pass/fail; failing forces the bottom tier. No weight, no measure.
    Veto,
    /// A controllable (rigid) or elastic indicator that earns `weight × s` points.
    Scored(Scored),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub flex: Flex,
    /// 权重（分值）, ≥ 0.
    pub weight: f64,
    pub measure: Measure,
}

/// 可控指标 (rigid) or 弹性指标 (with a tolerance band).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flex {
    Controllable,
    Elastic,
}

/// 定量 (with a numeric target) or 定性 (graded A–D; target is A).
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    Quantitative(Quantitative),
    Qualitative,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quantitative {
    pub direction: Direction,
    pub unit: String,
    /// Decimals the derived target is rounded to.
    pub decimals: u32,
    /// 基准目标值.
    pub base_target: f64,
    /// 容差 in 0..0.9; used by elastic indicators only (kept for the others so a kind change loses nothing).
    pub tolerance: f64,
}

/// 越高越好 / 越低越好.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Higher,
    Lower,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub workload: String,
    pub measures: String,
    pub deadline: String,
    pub effect: String,
}

/// 自选动作 — self-chosen extra work that earns bonus points.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionalAction {
    pub id: String,
    pub name: String,
    pub points: f64,
}

/// 党支部 — the unit that is assessed.
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    pub id: String,
    pub name: String,
    pub category: Option<String>,
    pub members: u32,
    pub conditions: Conditions,
    /// Grade 1..L at the start of the first period.
    pub grade: u32,
    /// Indicator id → target used as given (no rounding). Shared between scenario versions ([`Chunk`]).
    pub target_overrides: Chunk<BTreeMap<String, f64>>,
    /// Indicator id → values before the first period, oldest first. Shared between scenario versions.
    pub history: Chunk<BTreeMap<String, Vec<f64>>>,
}

/// The three condition ratings, integers 1..5, 3 = typical.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conditions {
    pub infrastructure: u8,
    pub personnel: u8,
    pub circumstances: u8,
}

impl Default for Conditions {
    fn default() -> Self {
        Conditions { infrastructure: 3, personnel: 3, circumstances: 3 }
    }
}

impl Conditions {
    /// c = mean of the three ratings (METHOD.md §1).
    pub fn mean(&self) -> f64 {
        (self.infrastructure as f64 + self.personnel as f64 + self.circumstances as f64) / 3.0
    }
}

/// One assessment period (a quarter, say) with a record per assessed branch.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub id: String,
    pub name: String,
    /// Branch id → record. A branch is assessed in the period when it has a record. Shared between scenario
    /// versions ([`Chunk`]): an edit of one period's records copies that period's map only (the other periods'
    /// are shared with the version before).
    pub records: Chunk<BTreeMap<String, Record>>,
}

/// What was recorded for one branch in one period. Every part may be absent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    /// Indicator id → actual. An absent key is missing data. Shared between scenario versions ([`Chunk`]): a
    /// version made by an edit copies a pointer, and only the edited record's map is copied.
    pub actuals: Chunk<BTreeMap<String, Actual>>,
    /// Veto indicator id → triggered (failed). Absent means passed. Shared between scenario versions.
    pub vetoes: Chunk<BTreeMap<String, bool>>,
    /// Optional action ids done (a repeated id counts once).
    pub optional_done: Vec<String>,
    pub adjustments: Vec<Adjustment>,
    pub evaluation: Evaluation,
}

/// An actual value: a number for a quantitative indicator, a level for a qualitative one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Actual {
    Number(f64),
    Level(Level),
}

/// Qualitative levels A (best) .. D.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    A,
    B,
    C,
    D,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::A, Level::B, Level::C, Level::D];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::A => "A",
            Level::B => "B",
            Level::C => "C",
            Level::D => "D",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s.trim() {
            "A" | "a" => Some(Level::A),
            "B" | "b" => Some(Level::B),
            "C" | "c" => Some(Level::C),
            "D" | "d" => Some(Level::D),
            _ => None,
        }
    }
}

/// 加减分 — points added or deducted with a reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Adjustment {
    pub points: f64,
    pub reason: String,
}

/// 考核评议 inputs; each source may be absent.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Evaluation {
    pub ballots: Option<Ballots>,
    /// 其他支部书记评价, 0..100.
    pub peers: Option<f64>,
    /// 上级机关评价, 0..100.
    pub superiors: Option<f64>,
}

/// Ballot counts per grade: 优秀 / 较好 / 一般 / 较差.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ballots {
    pub excellent: u32,
    pub good: u32,
    pub fair: u32,
    pub poor: u32,
}

impl Ballots {
    pub fn total(&self) -> u64 {
        self.excellent as u64 + self.good as u64 + self.fair as u64 + self.poor as u64
    }
}

impl Indicator {
    /// A veto indicator (否定指标).
    pub fn new_veto(id: &str, name: &str) -> Indicator {
        Indicator {
            id: id.into(),
            name: name.into(),
            dimension: String::new(),
            kind: IndicatorKind::Veto,
            plan: Plan::default(),
        }
    }

    /// A qualitative indicator (定性, graded A–D) of the given rigidity and weight.
    pub fn new_qualitative(id: &str, name: &str, flex: Flex, weight: f64) -> Indicator {
        let kind = IndicatorKind::Scored(Scored { flex, weight, measure: Measure::Qualitative });
        Indicator { id: id.into(), name: name.into(), dimension: String::new(), kind, plan: Plan::default() }
    }

    /// A quantitative indicator (定量) with the format's defaults: no unit, 1 decimal, tolerance 0.1.
    pub fn new_quantitative(
        id: &str,
        name: &str,
        flex: Flex,
        direction: Direction,
        base_target: f64,
        weight: f64,
    ) -> Indicator {
        let q = Quantitative { direction, unit: String::new(), decimals: 1, base_target, tolerance: 0.1 };
        let kind = IndicatorKind::Scored(Scored { flex, weight, measure: Measure::Quantitative(q) });
        Indicator { id: id.into(), name: name.into(), dimension: String::new(), kind, plan: Plan::default() }
    }

    /// This indicator with `decimals` (quantitative indicators only; others are returned unchanged).
    pub fn with_decimals(mut self, decimals: u32) -> Indicator {
        if let IndicatorKind::Scored(Scored { measure: Measure::Quantitative(q), .. }) = &mut self.kind {
            q.decimals = decimals;
        }
        self
    }

    /// This indicator with `tolerance` (quantitative indicators only; others are returned unchanged).
    pub fn with_tolerance(mut self, tolerance: f64) -> Indicator {
        if let IndicatorKind::Scored(Scored { measure: Measure::Quantitative(q), .. }) = &mut self.kind {
            q.tolerance = tolerance;
        }
        self
    }

    /// The scored part, or `None` for a veto indicator.
    pub fn scored(&self) -> Option<&Scored> {
        match &self.kind {
            IndicatorKind::Scored(s) => Some(s),
            IndicatorKind::Veto => None,
        }
    }

    /// The quantitative part, or `None` for veto and qualitative indicators.
    pub fn quantitative(&self) -> Option<&Quantitative> {
        match &self.kind {
            IndicatorKind::Scored(Scored { measure: Measure::Quantitative(q), .. }) => Some(q),
            _ => None,
        }
    }

    pub fn is_veto(&self) -> bool {
        matches!(self.kind, IndicatorKind::Veto)
    }

    pub fn is_qualitative(&self) -> bool {
        matches!(self.kind, IndicatorKind::Scored(Scored { measure: Measure::Qualitative, .. }))
    }
}

impl Scenario {
    /// A scenario with nothing in it but default settings.
    pub fn blank(name: &str) -> Scenario {
        Scenario {
            name: name.to_string(),
            settings: Settings::default(),
            categories: Vec::new(),
            indicators: Vec::new(),
            optional_actions: Vec::new(),
            branches: Vec::new(),
            periods: Vec::new(),
            locked: false,
            target_plans: Vec::new(),
        }
    }

    pub fn branch(&self, id: &str) -> Option<&Branch> {
        self.branches.iter().find(|b| b.id == id)
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn target_plan(&self, id: &str) -> Option<&TargetPlan> {
        self.target_plans.iter().find(|p| p.id == id)
    }

    /// The position of the period with id `id`.
    pub fn period_index(&self, id: &str) -> Option<usize> {
        self.periods.iter().position(|p| p.id == id)
    }
}

impl Branch {
    /// A new branch with the format's defaults.
    pub fn new(id: &str, name: &str) -> Branch {
        Branch {
            id: id.to_string(),
            name: name.to_string(),
            category: None,
            members: 0,
            conditions: Conditions::default(),
            grade: 1,
            target_overrides: Chunk::default(),
            history: Chunk::default(),
        }
    }
}
