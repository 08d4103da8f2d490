//! Two scenarios side by side (方案对比): what differs in their set-up ([`diff_scenarios`]) and in their results
//! ([`diff_results`]). Pure: both take what the engine already computed and compare; nothing is re-evaluated.
//!
//! Matching is by id: branches, indicators, categories and periods by their ids, cycles by their number, targets
//! by (branch, indicator). An item present in one side only is listed apart (`only_a` / `only_b`), never paired.
//!
//! The same diff drives the impact notice of an edit (A = the results before the edit, B = after):
//! [`ResultsDiff::impact`] counts the changes in the periods and cycles that are complete. Reading chosen for
//! "complete": every period of a complete cycle, and every period of the trailing unfinished cycle except its
//! last one (the period in progress); a cycle is complete when its grades changed at its end (`complete`).

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::grades::Reason;
use super::motivation::MotivationClass;
use super::results::{CycleRow, PeriodRow, Results};
use super::sensitivity::kendall_tau_b;
use super::tiers::Tier;
use crate::model::{codec, Scenario};

// ---------------------------------------------------------------------------------------------------------
// Set-up

/// One value that differs between the two scenarios' set-ups. `None` = absent on that side.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueChange {
    /// A readable path: `settings.tiers.first_share`, `indicators[output].weight`, `categories[c1].name`.
    pub path: String,
    pub a: Option<String>,
    pub b: Option<String>,
}

/// A list of items with ids (indicators, categories, …): fields that differ, ids in one side only.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListDiff {
    pub changes: Vec<ValueChange>,
    pub only_a: Vec<String>,
    pub only_b: Vec<String>,
}

impl ListDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.only_a.is_empty() && self.only_b.is_empty()
    }
}

/// How two scenarios' set-ups differ (the recorded data — branches and periods — is compared through its
/// results, [`diff_results`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScenarioDiff {
    /// `settings.*` that differ.
    pub settings: Vec<ValueChange>,
    pub indicators: ListDiff,
    pub categories: ListDiff,
    /// Everything else of the set-up that the scenario file carries besides branches and periods (optional
    /// actions, and any list added to the format later), by its top-level key.
    pub other: Vec<ValueChange>,
    /// Branch ids in one side only.
    pub branches_only_a: Vec<String>,
    pub branches_only_b: Vec<String>,
}

impl ScenarioDiff {
    pub fn is_empty(&self) -> bool {
        self.settings.is_empty()
            && self.indicators.is_empty()
            && self.categories.is_empty()
            && self.other.is_empty()
            && self.branches_only_a.is_empty()
            && self.branches_only_b.is_empty()
    }
}

/// Keys of the scenario file that are not part of the set-up compared by [`diff_scenarios`].
const NOT_SETUP: [&str; 7] = ["format", "version", "name", "locked", "branches", "periods", "settings"];

/// The set-up differences of two scenarios: settings by path, indicators and categories by id (field by field),
/// other set-up lists likewise, and the branches present in one side only. The scenario's name and its
/// `locked` flag are not differences of the set-up.
pub fn diff_scenarios(a: &Scenario, b: &Scenario) -> ScenarioDiff {
    let va = codec::scenario_to_value(&setup_only(a));
    let vb = codec::scenario_to_value(&setup_only(b));
    let mut settings = Vec::new();
    flatten_diff("settings", va.get("settings"), vb.get("settings"), &mut settings);
    let list = |key: &str| list_diff(key, va.get(key), vb.get(key));
    let mut other = Vec::new();
    let mut keys: Vec<&String> = va.as_object().map(|o| o.keys().collect()).unwrap_or_default();
    for k in vb.as_object().into_iter().flat_map(|o| o.keys()) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    for k in keys {
        if NOT_SETUP.contains(&k.as_str()) || k == "indicators" || k == "categories" {
            continue;
        }
        let d = list_diff(k, va.get(k), vb.get(k));
        other.extend(d.changes);
        other.extend(d.only_a.into_iter().map(|id| ValueChange { path: format!("{k}[{id}]"), a: Some(id), b: None }));
        other.extend(d.only_b.into_iter().map(|id| ValueChange { path: format!("{k}[{id}]"), a: None, b: Some(id) }));
    }
    let ids_b: HashSet<&str> = b.branches.iter().map(|x| x.id.as_str()).collect();
    let ids_a: HashSet<&str> = a.branches.iter().map(|x| x.id.as_str()).collect();
    ScenarioDiff {
        settings,
        indicators: list("indicators"),
        categories: list("categories"),
        other,
        branches_only_a: a.branches.iter().filter(|x| !ids_b.contains(x.id.as_str())).map(|x| x.id.clone()).collect(),
        branches_only_b: b.branches.iter().filter(|x| !ids_a.contains(x.id.as_str())).map(|x| x.id.clone()).collect(),
    }
}

/// The set-up of a scenario without its branches and periods (the recorded data, by far the biggest part, is
/// compared through the results), so that writing it as JSON costs little. A set-up list added to the scenario
/// later belongs here too.
fn setup_only(s: &Scenario) -> Scenario {
    let mut out = Scenario::blank(&s.name);
    out.settings = s.settings.clone();
    out.categories = s.categories.clone();
    out.indicators = s.indicators.clone();
    out.optional_actions = s.optional_actions.clone();
    out
}

/// A list of objects keyed by their `id` (any other JSON is compared as one value).
fn list_diff(key: &str, a: Option<&Value>, b: Option<&Value>) -> ListDiff {
    let by_id = |v: Option<&Value>| -> Option<Vec<(String, Value)>> {
        v?.as_array()?.iter().map(|item| Some((item.get("id")?.as_str()?.to_string(), item.clone()))).collect()
    };
    let (Some(la), Some(lb)) = (by_id(a), by_id(b)) else {
        let mut changes = Vec::new();
        flatten_diff(key, a, b, &mut changes);
        return ListDiff { changes, ..ListDiff::default() };
    };
    let mb: HashMap<&str, &Value> = lb.iter().map(|(id, v)| (id.as_str(), v)).collect();
    let ma: HashMap<&str, &Value> = la.iter().map(|(id, v)| (id.as_str(), v)).collect();
    let mut out = ListDiff::default();
    for (id, va) in &la {
        match mb.get(id.as_str()) {
            Some(vb) => flatten_diff(&format!("{key}[{id}]"), Some(va), Some(vb), &mut out.changes),
            None => out.only_a.push(id.clone()),
        }
    }
    out.only_b = lb.iter().filter(|(id, _)| !ma.contains_key(id.as_str())).map(|(id, _)| id.clone()).collect();
    out
}

/// Object fields recursively by path; anything else (numbers, text, lists) compared as one value.
fn flatten_diff(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<ValueChange>) {
    if let (Some(Value::Object(oa)), Some(Value::Object(ob))) = (a, b) {
        for (k, va) in oa {
            flatten_diff(&format!("{path}.{k}"), Some(va), ob.get(k), out);
        }
        for (k, vb) in ob.iter().filter(|(k, _)| !oa.contains_key(*k)) {
            flatten_diff(&format!("{path}.{k}"), None, Some(vb), out);
        }
        return;
    }
    let same = match (a, b) {
        (Some(x), Some(y)) => values_equal(x, y),
        (None, None) => true,
        _ => false,
    };
    if !same {
        out.push(ValueChange { path: path.to_string(), a: a.map(show), b: b.map(show) });
    }
}

/// JSON equality with numbers compared as numbers (`1` equals `1.0`).
fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| values_equal(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| values_equal(v, w)))
        }
        _ => a == b,
    }
}

/// A value as shown in a cell: text without quotes, anything else as compact JSON.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Results

/// One branch's target of one indicator on both sides (`None` = not in that side).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetChange {
    pub branch: String,
    pub indicator: String,
    pub a: Option<(f64, MotivationClass)>,
    pub b: Option<(f64, MotivationClass)>,
}

/// What a period row shows of a branch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowFacts {
    pub rank: u32,
    pub final_score: f64,
    pub tier: Tier,
    pub bonus_amount: i64,
    pub talk: bool,
    pub eligible: bool,
    pub warning: bool,
}

impl RowFacts {
    fn of(r: &PeriodRow) -> RowFacts {
        RowFacts {
            rank: r.rank,
            final_score: r.final_score,
            tier: r.tier,
            bonus_amount: r.bonus_amount,
            talk: r.talk,
            eligible: r.eligible,
            warning: r.warning,
        }
    }
}

/// A kind of change in a period row or a cycle row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    Rank,
    /// F differs by more than the score tolerance of METHOD.md (1e-9).
    Final,
    Tier,
    Bonus,
    Talk,
    Eligible,
    /// 黄牌.
    Warning,
    /// A cycle's grade before or after.
    Grade,
    /// The rule that decided a cycle's grade.
    Reason,
}

/// One branch in one period on both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct RowPair {
    pub branch: String,
    pub a: RowFacts,
    pub b: RowFacts,
    /// What differs, in [`Change`] order; empty when the row is the same.
    pub changes: Vec<Change>,
}

/// One period (matched by id) on both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodDiff {
    pub period: String,
    /// Decided (see the module's note); only these count in [`ResultsDiff::impact`]. A period is complete when
    /// it is complete in A (the record).
    pub complete: bool,
    /// The branches assessed in both: changed rows first, each group in A's display order.
    pub rows: Vec<RowPair>,
    /// Branches assessed in this period on one side only.
    pub only_a: Vec<String>,
    pub only_b: Vec<String>,
    /// Kendall's τ-b between the two rankings (ranks of the branches in both); `None` when undefined.
    pub tau: Option<f64>,
    /// Branches whose tier differs.
    pub tier_changes: usize,
    /// Yuan that changed hands: the sum of the increases of the branches in both (equal to the sum of the
    /// decreases when the pool and the assessed branches are the same).
    pub bonus_moved: i64,
}

/// What a cycle row shows of a branch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CycleFacts {
    pub score: f64,
    pub tier: Tier,
    pub grade_before: u32,
    pub grade_after: u32,
    pub reason: Reason,
}

impl CycleFacts {
    fn of(r: &CycleRow) -> CycleFacts {
        CycleFacts {
            score: r.score,
            tier: r.tier,
            grade_before: r.grade_before,
            grade_after: r.grade_after,
            reason: r.reason,
        }
    }
}

/// One branch at one cycle's end on both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct CyclePair {
    pub branch: String,
    pub a: CycleFacts,
    pub b: CycleFacts,
    pub changes: Vec<Change>,
}

/// One cycle (matched by number) on both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct CycleDiff {
    pub cycle: u32,
    /// Complete on both sides (an unfinished cycle decides nothing).
    pub complete: bool,
    /// Changed rows first, each group in A's display order.
    pub rows: Vec<CyclePair>,
    pub only_a: Vec<String>,
    pub only_b: Vec<String>,
}

/// How two results differ.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResultsDiff {
    /// Targets (value or motivation class) that differ, or exist on one side only.
    pub targets: Vec<TargetChange>,
    /// The periods of both, in A's order.
    pub periods: Vec<PeriodDiff>,
    pub periods_only_a: Vec<String>,
    pub periods_only_b: Vec<String>,
    /// The cycles of both.
    pub cycles: Vec<CycleDiff>,
    /// Cycle numbers on one side only.
    pub cycles_only_a: Vec<u32>,
    pub cycles_only_b: Vec<u32>,
}

/// Counts of the changes in complete periods and cycles (what the impact notice says).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Impact {
    pub tiers: usize,
    pub ranks: usize,
    pub bonuses: usize,
    pub talks: usize,
    pub eligibility: usize,
    pub warnings: usize,
    /// (cycle, branch) pairs whose grade after the cycle differs.
    pub grades: usize,
    /// (cycle, branch) pairs whose deciding rule differs.
    pub reasons: usize,
    /// Rows of complete periods or cycles present on one side only.
    pub rows_added_or_removed: usize,
}

impl Impact {
    pub fn is_empty(&self) -> bool {
        *self == Impact::default()
    }
}

impl ResultsDiff {
    /// Nothing differs.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
            && self.periods_only_a.is_empty()
            && self.periods_only_b.is_empty()
            && self.cycles_only_a.is_empty()
            && self.cycles_only_b.is_empty()
            && self.periods.iter().all(|p| p.only_a.is_empty() && p.only_b.is_empty() && p.tier_changes == 0)
            && self.periods.iter().all(|p| p.rows.iter().all(|r| r.changes.is_empty()))
            && self.cycles.iter().all(|c| c.only_a.is_empty() && c.only_b.is_empty())
            && self.cycles.iter().all(|c| c.rows.iter().all(|r| r.changes.is_empty()))
    }

    /// (period, branch) pairs whose tier differs, over every period.
    pub fn tier_changes(&self) -> usize {
        self.periods.iter().map(|p| p.tier_changes).sum()
    }

    /// The changes in complete periods and cycles (a period or cycle present on one side only is not counted:
    /// an edit never adds or removes one without the user meaning it).
    pub fn impact(&self) -> Impact {
        let mut n = Impact::default();
        for p in self.periods.iter().filter(|p| p.complete) {
            n.rows_added_or_removed += p.only_a.len() + p.only_b.len();
            for c in p.rows.iter().flat_map(|r| &r.changes) {
                match c {
                    Change::Tier => n.tiers += 1,
                    Change::Rank => n.ranks += 1,
                    Change::Bonus => n.bonuses += 1,
                    Change::Talk => n.talks += 1,
                    Change::Eligible => n.eligibility += 1,
                    Change::Warning => n.warnings += 1,
                    _ => {}
                }
            }
        }
        for c in self.cycles.iter().filter(|c| c.complete) {
            n.rows_added_or_removed += c.only_a.len() + c.only_b.len();
            for r in &c.rows {
                n.grades += (r.a.grade_after != r.b.grade_after) as usize;
                n.reasons += r.changes.contains(&Change::Reason) as usize;
            }
        }
        n
    }

    /// Branch ids whose grade after some complete cycle differs, in the order met (for the notice to name).
    pub fn grade_changed_branches(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in self.cycles.iter().filter(|c| c.complete) {
            for r in c.rows.iter().filter(|r| r.a.grade_after != r.b.grade_after) {
                if !out.contains(&r.branch) {
                    out.push(r.branch.clone());
                }
            }
        }
        out
    }
}

/// Which periods of a results are decided: all but the last one of a trailing unfinished cycle.
fn complete_periods(r: &Results) -> HashSet<&str> {
    let mut out = HashSet::new();
    for c in &r.cycles {
        let keep = if c.complete { c.periods.len() } else { c.periods.len().saturating_sub(1) };
        out.extend(c.periods.iter().take(keep).map(|p| p.as_str()));
    }
    out
}

/// The differences between two results (A = the record, or the results before an edit; B = the other).
pub fn diff_results(a: &Results, b: &Results) -> ResultsDiff {
    diff_results_with(a, b, true)
}

/// [`diff_results`] without Kendall's τ-b (every `tau` is `None`) and without the targets (`targets` empty): what
/// the impact notice of an edit needs ([`ResultsDiff::impact`]), linear in the rows (τ-b is quadratic in the
/// branches of a period).
pub fn diff_impact(a: &Results, b: &Results) -> ResultsDiff {
    diff_results_with(a, b, false)
}

/// `full`: also τ-b and the targets.
fn diff_results_with(a: &Results, b: &Results, with_tau: bool) -> ResultsDiff {
    let targets = if with_tau { diff_targets(a, b) } else { Vec::new() };
    let mut out = ResultsDiff { targets, ..ResultsDiff::default() };
    let complete = complete_periods(a);
    let pb: HashMap<&str, usize> = b.periods.iter().enumerate().map(|(i, p)| (p.period.as_str(), i)).collect();
    let pa: HashSet<&str> = a.periods.iter().map(|p| p.period.as_str()).collect();
    for p in &a.periods {
        let Some(&j) = pb.get(p.period.as_str()) else {
            out.periods_only_a.push(p.period.clone());
            continue;
        };
        let done = complete.contains(p.period.as_str());
        out.periods.push(diff_period(&p.period, done, &p.rows, &b.periods[j].rows, with_tau));
    }
    out.periods_only_b =
        b.periods.iter().filter(|p| !pa.contains(p.period.as_str())).map(|p| p.period.clone()).collect();

    let cb: HashMap<u32, usize> = b.cycles.iter().enumerate().map(|(i, c)| (c.cycle, i)).collect();
    for c in &a.cycles {
        let Some(&j) = cb.get(&c.cycle) else {
            out.cycles_only_a.push(c.cycle);
            continue;
        };
        let other = &b.cycles[j];
        let (rows, only_a, only_b) = pair_rows(
            &c.rows,
            &other.rows,
            |r| &r.branch,
            |x, y| {
                let (x, y) = (CycleFacts::of(x), CycleFacts::of(y));
                let mut ch = Vec::new();
                if x.grade_before != y.grade_before || x.grade_after != y.grade_after {
                    ch.push(Change::Grade);
                }
                if x.reason != y.reason {
                    ch.push(Change::Reason);
                }
                (x, y, ch)
            },
        );
        let rows = rows.into_iter().map(|(branch, a, b, changes)| CyclePair { branch, a, b, changes }).collect();
        out.cycles.push(CycleDiff { cycle: c.cycle, complete: c.complete && other.complete, rows, only_a, only_b });
    }
    let ca: HashSet<u32> = a.cycles.iter().map(|c| c.cycle).collect();
    out.cycles_only_b = b.cycles.iter().filter(|c| !ca.contains(&c.cycle)).map(|c| c.cycle).collect();
    out
}

fn diff_period(period: &str, complete: bool, a: &[PeriodRow], b: &[PeriodRow], with_tau: bool) -> PeriodDiff {
    let (rows, only_a, only_b) = pair_rows(
        a,
        b,
        |r| &r.branch,
        |x, y| {
            let (x, y) = (RowFacts::of(x), RowFacts::of(y));
            let mut ch = Vec::new();
            let checks = [
                (x.rank != y.rank, Change::Rank),
                (!super::round::same(x.final_score, y.final_score), Change::Final),
                (x.tier != y.tier, Change::Tier),
                (x.bonus_amount != y.bonus_amount, Change::Bonus),
                (x.talk != y.talk, Change::Talk),
                (x.eligible != y.eligible, Change::Eligible),
                (x.warning != y.warning, Change::Warning),
            ];
            ch.extend(checks.iter().filter(|(d, _)| *d).map(|(_, c)| *c));
            (x, y, ch)
        },
    );
    let rows: Vec<RowPair> =
        rows.into_iter().map(|(branch, a, b, changes)| RowPair { branch, a, b, changes }).collect();
    let tau = with_tau
        .then(|| {
            let (x, y): (Vec<f64>, Vec<f64>) = rows.iter().map(|r| (r.a.rank as f64, r.b.rank as f64)).unzip();
            kendall_tau_b(&x, &y)
        })
        .flatten();
    PeriodDiff {
        period: period.to_string(),
        complete,
        tau,
        tier_changes: rows.iter().filter(|r| r.changes.contains(&Change::Tier)).count(),
        bonus_moved: rows.iter().map(|r| (r.b.bonus_amount - r.a.bonus_amount).max(0)).sum(),
        rows,
        only_a,
        only_b,
    }
}

/// Rows paired by branch id: (branch, facts A, facts B, changes) with the changed ones first, each group in A's
/// order; and the branch ids on one side only (A's order, B's order).
#[allow(clippy::type_complexity)]
fn pair_rows<R, F>(
    a: &[R],
    b: &[R],
    id: impl Fn(&R) -> &String,
    compare: impl Fn(&R, &R) -> (F, F, Vec<Change>),
) -> (Vec<(String, F, F, Vec<Change>)>, Vec<String>, Vec<String>) {
    let ib: HashMap<&str, usize> = b.iter().enumerate().map(|(i, r)| (id(r).as_str(), i)).collect();
    let ia: HashSet<&str> = a.iter().map(|r| id(r).as_str()).collect();
    let mut changed = Vec::new();
    let mut same = Vec::new();
    let mut only_a = Vec::new();
    for r in a {
        match ib.get(id(r).as_str()) {
            Some(&j) => {
                let (x, y, ch) = compare(r, &b[j]);
                let row = (id(r).clone(), x, y, ch);
                if row.3.is_empty() {
                    same.push(row)
                } else {
                    changed.push(row)
                }
            }
            None => only_a.push(id(r).clone()),
        }
    }
    let only_b = b.iter().filter(|r| !ia.contains(id(r).as_str())).map(|r| id(r).clone()).collect();
    changed.extend(same);
    (changed, only_a, only_b)
}

fn diff_targets(a: &Results, b: &Results) -> Vec<TargetChange> {
    fn key(t: &super::results::TargetRow) -> (&str, &str) {
        (t.branch.as_str(), t.indicator.as_str())
    }
    let mb: HashMap<(&str, &str), (f64, MotivationClass)> =
        b.targets.iter().map(|t| (key(t), (t.breakdown.target, t.motivation.class))).collect();
    let ka: HashSet<(&str, &str)> = a.targets.iter().map(|t| key(t)).collect();
    let mut out = Vec::new();
    for t in &a.targets {
        let va = (t.breakdown.target, t.motivation.class);
        let vb = mb.get(&key(t)).copied();
        let same = vb.is_some_and(|(v, c)| (v - va.0).abs() <= 1e-9 && c == va.1);
        if !same {
            out.push(TargetChange { branch: t.branch.clone(), indicator: t.indicator.clone(), a: Some(va), b: vb });
        }
    }
    for t in b.targets.iter().filter(|t| !ka.contains(&key(t))) {
        out.push(TargetChange {
            branch: t.branch.clone(),
            indicator: t.indicator.clone(),
            a: None,
            b: Some((t.breakdown.target, t.motivation.class)),
        });
    }
    out
}
