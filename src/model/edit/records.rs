//! Edits of periods and their records: add, rename and delete a period; mark a branch assessed or not; and the
//! fields of a record one cell at a time (actuals, vetoes, optional actions done, ballots, peer and superior
//! scores) or all of a branch's adjustments at once.
//!
//! The data-entry matrix names a cell by [`RecordField`]; [`parse_field`] turns what was typed into a
//! [`FieldValue`] or says what is wrong (the same rules as an import), [`field_text`] gives the text a cell
//! starts from, and [`set_fields`] applies many cells as one edit. Every edit checks everything it would change
//! first and then applies all of it, or returns the problems and changes nothing.
//!
//! Entering data for a branch that has no record in the period creates its record (the branch becomes
//! assessed); clearing a field of an absent record changes nothing.

use super::super::problem::{index, Expected, Problem, ProblemKind};
use super::super::{
    number, validate, Actual, Adjustment, Ballots, IndicatorKind, Level, Measure, Period, Record, Scenario,
};
use super::remove_key;

/// One of the four ballot grades: 优秀 / 较好 / 一般 / 较差.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BallotGrade {
    Excellent,
    Good,
    Fair,
    Poor,
}

impl BallotGrade {
    pub const ALL: [BallotGrade; 4] = [BallotGrade::Excellent, BallotGrade::Good, BallotGrade::Fair, BallotGrade::Poor];

    /// The key in the scenario file.
    pub fn key(self) -> &'static str {
        match self {
            BallotGrade::Excellent => "excellent",
            BallotGrade::Good => "good",
            BallotGrade::Fair => "fair",
            BallotGrade::Poor => "poor",
        }
    }

    fn get(self, b: &Ballots) -> u32 {
        match self {
            BallotGrade::Excellent => b.excellent,
            BallotGrade::Good => b.good,
            BallotGrade::Fair => b.fair,
            BallotGrade::Poor => b.poor,
        }
    }

    fn slot(self, b: &mut Ballots) -> &mut u32 {
        match self {
            BallotGrade::Excellent => &mut b.excellent,
            BallotGrade::Good => &mut b.good,
            BallotGrade::Fair => &mut b.fair,
            BallotGrade::Poor => &mut b.poor,
        }
    }
}

/// One cell of a branch's record in a period.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RecordField {
    /// Whether the branch has a record (is assessed) in the period.
    Assessed,
    /// The actual of a scored indicator (id): a number or a level; empty is missing data.
    Actual(String),
    /// Whether a veto indicator (id) was triggered (failed).
    Veto(String),
    /// Whether an optional action (id) was done.
    Optional(String),
    /// A ballot count.
    Ballot(BallotGrade),
    /// 其他支部书记评价, 0..100; empty is absent.
    Peers,
    /// 上级机关评价, 0..100; empty is absent.
    Superiors,
}

/// A parsed value for a [`RecordField`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldValue {
    /// Assessed, veto triggered, optional action done.
    Flag(bool),
    /// An actual; `None` is missing data.
    Actual(Option<Actual>),
    /// A ballot count (empty is 0).
    Count(u32),
    /// A score; `None` is absent.
    Score(Option<f64>),
}

impl FieldValue {
    /// Whether the value says "nothing here" (so an absent record need not be created for it).
    fn is_blank(&self) -> bool {
        matches!(
            self,
            FieldValue::Flag(false) | FieldValue::Actual(None) | FieldValue::Count(0) | FieldValue::Score(None)
        )
    }
}

/// Words accepted for yes (assessed, failed, done) and no, in either language, case-insensitive.
const YES: &[&str] = &[
    "1", "y", "yes", "true", "x", "✓", "✔", "√", "✖", "✗", "是", "有", "fail", "failed", "否决", "触发", "done", "完成",
];
const NO: &[&str] = &["", "0", "n", "no", "false", "-", "—", "否", "无", "pass", "passed", "通过", "未完成"];
/// What the message about a wrong yes/no entry lists.
const FLAG_WORDS: &[&str] = &["1", "0", "✓", "✖", "是", "否"];

/// A yes/no cell.
pub fn parse_flag(text: &str) -> Result<bool, ProblemKind> {
    let t = text.trim().to_ascii_lowercase();
    if YES.contains(&t.as_str()) {
        Ok(true)
    } else if NO.contains(&t.as_str()) {
        Ok(false)
    } else {
        Err(ProblemKind::NotOneOf { allowed: FLAG_WORDS.to_vec() })
    }
}

/// A number as typed or pasted (the shared reader [`crate::model::number`]): blanks, a sign, thousands
/// separators (`1,234.5`) and full-width digits are allowed; `inf`, `NaN`, the Chinese comma and anything else
/// that is not a finite number are not. `None` for an empty text.
pub fn parse_number(text: &str) -> Result<Option<f64>, ProblemKind> {
    number::parse(text, number::Kind::Decimal)
}

/// Turns what was typed into a cell into its value, with the rules of an import (FORMAT.md): a number for a
/// quantitative indicator, A–D for a qualitative one, yes/no for vetoes and optional actions, whole counts ≥ 0 for
/// ballots, 0..100 for peer and superior scores. An unknown indicator or action is a dangling reference.
pub fn parse_field(s: &Scenario, field: &RecordField, text: &str) -> Result<FieldValue, ProblemKind> {
    match field {
        RecordField::Assessed => parse_flag(text).map(FieldValue::Flag),
        RecordField::Actual(id) => {
            let ind = s.indicator(id).ok_or_else(|| ProblemKind::Dangling { id: id.clone(), list: "indicators" })?;
            match &ind.kind {
                IndicatorKind::Veto => Err(ProblemKind::ActualMismatch { expected: Expected::VetoEntry }),
                IndicatorKind::Scored(sc) => match sc.measure {
                    Measure::Quantitative(_) => Ok(FieldValue::Actual(parse_number(text)?.map(Actual::Number))),
                    Measure::Qualitative => {
                        if text.trim().is_empty() {
                            Ok(FieldValue::Actual(None))
                        } else {
                            Level::parse(text)
                                .map(|l| FieldValue::Actual(Some(Actual::Level(l))))
                                .ok_or(ProblemKind::WrongType { expected: Expected::Level })
                        }
                    }
                },
            }
        }
        RecordField::Veto(id) => match s.indicator(id) {
            None => Err(ProblemKind::Dangling { id: id.clone(), list: "indicators" }),
            Some(i) if !i.is_veto() => Err(ProblemKind::WrongType { expected: Expected::VetoIndicator }),
            Some(_) => parse_flag(text).map(FieldValue::Flag),
        },
        RecordField::Optional(id) => {
            if !s.optional_actions.iter().any(|a| &a.id == id) {
                return Err(ProblemKind::Dangling { id: id.clone(), list: "optional_actions" });
            }
            parse_flag(text).map(FieldValue::Flag)
        }
        RecordField::Ballot(_) => match number::parse(text, number::Kind::Whole)? {
            None => Ok(FieldValue::Count(0)),
            Some(v) => validate::count(v).map(FieldValue::Count),
        },
        RecordField::Peers | RecordField::Superiors => match parse_number(text)? {
            None => Ok(FieldValue::Score(None)),
            Some(v) => validate::score(v).map(|v| FieldValue::Score(Some(v))),
        },
    }
}

/// The text a cell shows and starts editing from; parsing it gives the value back. Flags are `✓` (assessed,
/// done), `✖` (veto triggered) or empty; an absent record gives empty texts (and `Assessed` empty).
pub fn field_text(record: Option<&Record>, field: &RecordField) -> String {
    let flag = |on: bool, mark: &str| if on { mark.to_string() } else { String::new() };
    let Some(r) = record else {
        return String::new();
    };
    match field {
        RecordField::Assessed => "✓".to_string(),
        RecordField::Actual(id) => match r.actuals.get(id) {
            None => String::new(),
            Some(Actual::Number(v)) => number_text(*v),
            Some(Actual::Level(l)) => l.as_str().to_string(),
        },
        RecordField::Veto(id) => flag(r.vetoes.get(id).copied().unwrap_or(false), "✖"),
        RecordField::Optional(id) => flag(r.optional_done.iter().any(|a| a == id), "✓"),
        RecordField::Ballot(g) => r.evaluation.ballots.map(|b| g.get(&b).to_string()).unwrap_or_default(),
        RecordField::Peers => r.evaluation.peers.map(number_text).unwrap_or_default(),
        RecordField::Superiors => r.evaluation.superiors.map(number_text).unwrap_or_default(),
    }
}

/// A number as the shortest text that reads back as exactly the same number (no exponent, no trailing zeros).
pub fn number_text(v: f64) -> String {
    if v == 0.0 {
        "0".to_string()
    } else {
        format!("{v}")
    }
}

/// The JSON path of a field, for problems: `periods[0].records.b01.actuals.output`.
pub fn field_path(period: usize, branch: &str, field: &RecordField) -> String {
    let rp = format!("{}.records.{branch}", index("periods", period));
    match field {
        RecordField::Assessed => rp,
        RecordField::Actual(id) => format!("{rp}.actuals.{id}"),
        RecordField::Veto(id) => format!("{rp}.vetoes.{id}"),
        RecordField::Optional(id) => format!("{rp}.optional_done.{id}"),
        RecordField::Ballot(g) => format!("{rp}.evaluation.ballots.{}", g.key()),
        RecordField::Peers => format!("{rp}.evaluation.peers"),
        RecordField::Superiors => format!("{rp}.evaluation.superiors"),
    }
}

/// Why a value does not fit its field (a value of another sort, or out of its range), if it does not.
fn check_value(s: &Scenario, field: &RecordField, value: &FieldValue) -> Result<(), ProblemKind> {
    let wrong = |e: Expected| Err(ProblemKind::WrongType { expected: e });
    match (field, value) {
        (RecordField::Assessed, FieldValue::Flag(_)) => Ok(()),
        (RecordField::Actual(id), FieldValue::Actual(a)) => {
            let ind = s.indicator(id).ok_or_else(|| ProblemKind::Dangling { id: id.clone(), list: "indicators" })?;
            let expected = match (&ind.kind, a) {
                (IndicatorKind::Veto, _) => Some(Expected::VetoEntry),
                (_, None) => None,
                (IndicatorKind::Scored(sc), Some(a)) => match (&sc.measure, a) {
                    (Measure::Quantitative(_), Actual::Number(v)) => return validate::finite(*v).map(|_| ()),
                    (Measure::Qualitative, Actual::Level(_)) => None,
                    (Measure::Quantitative(_), Actual::Level(_)) => Some(Expected::Number),
                    (Measure::Qualitative, Actual::Number(_)) => Some(Expected::Level),
                },
            };
            expected.map_or(Ok(()), |expected| Err(ProblemKind::ActualMismatch { expected }))
        }
        (RecordField::Veto(id), FieldValue::Flag(_)) => match s.indicator(id) {
            None => Err(ProblemKind::Dangling { id: id.clone(), list: "indicators" }),
            Some(i) if !i.is_veto() => wrong(Expected::VetoIndicator),
            Some(_) => Ok(()),
        },
        (RecordField::Optional(id), FieldValue::Flag(_)) => {
            if s.optional_actions.iter().any(|a| &a.id == id) {
                Ok(())
            } else {
                Err(ProblemKind::Dangling { id: id.clone(), list: "optional_actions" })
            }
        }
        (RecordField::Ballot(_), FieldValue::Count(n)) => validate::count(*n as f64).map(|_| ()),
        (RecordField::Peers | RecordField::Superiors, FieldValue::Score(v)) => {
            v.map_or(Ok(()), |v| validate::score(v).map(|_| ()))
        }
        (RecordField::Assessed | RecordField::Veto(_) | RecordField::Optional(_), _) => wrong(Expected::Bool),
        (RecordField::Actual(_), _) => wrong(Expected::Number),
        (RecordField::Ballot(_), _) => wrong(Expected::Integer),
        (RecordField::Peers | RecordField::Superiors, _) => wrong(Expected::Number),
    }
}

/// Writes one checked value into a record.
fn write_value(r: &mut Record, field: &RecordField, value: FieldValue) {
    match (field, value) {
        (RecordField::Actual(id), FieldValue::Actual(a)) => match a {
            Some(a) => {
                r.actuals.insert(id.clone(), a);
            }
            None => {
                remove_key(&mut r.actuals, id);
            }
        },
        (RecordField::Veto(id), FieldValue::Flag(on)) => {
            if on {
                r.vetoes.insert(id.clone(), true);
            } else if let Some(v) = r.vetoes.get_mut(id) {
                // An explicit "passed" stays explicit, as it was written.
                *v = false;
            }
        }
        (RecordField::Optional(id), FieldValue::Flag(on)) => {
            if on {
                if !r.optional_done.contains(id) {
                    r.optional_done.push(id.clone());
                }
            } else {
                r.optional_done.retain(|a| a != id);
            }
        }
        (RecordField::Ballot(g), FieldValue::Count(n)) => {
            let mut b = r.evaluation.ballots.unwrap_or_default();
            *g.slot(&mut b) = n;
            r.evaluation.ballots = (b.total() > 0).then_some(b);
        }
        (RecordField::Peers, FieldValue::Score(v)) => r.evaluation.peers = v,
        (RecordField::Superiors, FieldValue::Score(v)) => r.evaluation.superiors = v,
        _ => {}
    }
}

/// Sets many cells of one period as one edit: `(branch id, field, value)`. Everything is checked first (the
/// period exists, every branch exists, every value fits its field); on any problem nothing changes. Setting
/// `Assessed` adds an empty record or removes the branch's record; a non-blank value for a branch without a
/// record creates its record. Cells are applied in order, so a later cell of the same field wins.
pub fn set_fields(
    s: &mut Scenario,
    period: usize,
    cells: &[(String, RecordField, FieldValue)],
) -> Result<(), Vec<Problem>> {
    if period >= s.periods.len() {
        return Err(vec![Problem::new(index("periods", period), ProblemKind::Missing)]);
    }
    let mut problems = Vec::new();
    for (branch, field, value) in cells {
        let path = field_path(period, branch, field);
        if s.branch(branch).is_none() {
            problems.push(Problem::new(path, ProblemKind::Dangling { id: branch.clone(), list: "branches" }));
        } else if let Err(kind) = check_value(s, field, value) {
            problems.push(Problem::new(path, kind));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // The records this edit creates count towards the limits on branch records (model::limits).
    let records = &s.periods[period].records;
    let created: std::collections::HashSet<&str> = cells
        .iter()
        .filter(|(b, f, v)| {
            !records.contains_key(b)
                && if matches!(f, RecordField::Assessed) { *v == FieldValue::Flag(true) } else { !v.is_blank() }
        })
        .map(|(b, _, _)| b.as_str())
        .collect();
    crate::model::limits::room(s, |z| z.assessments += created.len())?;
    let records = &mut s.periods[period].records;
    for (branch, field, value) in cells {
        match (field, value) {
            (RecordField::Assessed, FieldValue::Flag(true)) => {
                records.entry(branch.clone()).or_default();
            }
            (RecordField::Assessed, _) => {
                remove_key(records, branch);
            }
            _ => {
                if value.is_blank() && !records.contains_key(branch) {
                    continue;
                }
                write_value(records.entry(branch.clone()).or_default(), field, *value);
            }
        }
    }
    Ok(())
}

/// Sets one cell; see [`set_fields`].
pub fn set_field(
    s: &mut Scenario,
    period: usize,
    branch: &str,
    field: RecordField,
    value: FieldValue,
) -> Result<(), Vec<Problem>> {
    set_fields(s, period, &[(branch.to_string(), field, value)])
}

/// Marks a branch assessed (an empty record) or not assessed (its record removed) in a period.
pub fn set_assessed(s: &mut Scenario, period: usize, branch: &str, assessed: bool) -> Result<(), Vec<Problem>> {
    set_field(s, period, branch, RecordField::Assessed, FieldValue::Flag(assessed))
}

/// Checks one adjustment: finite points and a reason that says something, at most 2000 characters. Problems are
/// named `points` or `reason`.
pub fn check_adjustment(a: &Adjustment) -> Vec<(&'static str, ProblemKind)> {
    let mut out = Vec::new();
    if let Err(k) = validate::finite(a.points) {
        out.push(("points", k));
    }
    if a.reason.trim().is_empty() {
        out.push(("reason", ProblemKind::Empty));
    } else if let Err(k) = validate::text(&a.reason) {
        out.push(("reason", k));
    }
    out
}

/// Replaces a branch's adjustments in a period. Each needs finite points and a reason (METHOD.md: points added
/// or deducted *with a reason*). A list for a branch without a record creates its record; an empty list for it
/// changes nothing.
pub fn set_adjustments(
    s: &mut Scenario,
    period: usize,
    branch: &str,
    adjustments: Vec<Adjustment>,
) -> Result<(), Vec<Problem>> {
    if period >= s.periods.len() {
        return Err(vec![Problem::new(index("periods", period), ProblemKind::Missing)]);
    }
    let rp = format!("{}.records.{branch}", index("periods", period));
    if s.branch(branch).is_none() {
        return Err(vec![Problem::new(rp, ProblemKind::Dangling { id: branch.to_string(), list: "branches" })]);
    }
    let problems: Vec<Problem> = adjustments
        .iter()
        .enumerate()
        .flat_map(|(k, a)| {
            let rp = &rp;
            check_adjustment(a)
                .into_iter()
                .map(move |(f, kind)| Problem::new(format!("{rp}.adjustments[{k}].{f}"), kind))
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    if adjustments.len() > crate::model::limits::MAX_ADJUSTMENTS {
        let max = crate::model::limits::MAX_ADJUSTMENTS;
        return Err(vec![Problem::new(
            format!("{rp}.adjustments"),
            ProblemKind::TooMany { count: adjustments.len(), max },
        )]);
    }
    if !adjustments.is_empty() && !s.periods[period].records.contains_key(branch) {
        crate::model::limits::room(s, |z| z.assessments += 1)?;
    }
    let records = &mut s.periods[period].records;
    if adjustments.is_empty() && !records.contains_key(branch) {
        return Ok(());
    }
    let adjustments =
        adjustments.into_iter().map(|a| Adjustment { points: a.points, reason: a.reason.trim().to_string() }).collect();
    records.entry(branch.to_string()).or_default().adjustments = adjustments;
    Ok(())
}

/// A period id to propose for a new period: the quarter after the last period's when that id reads as a quarter
/// (`2026Q2` → `2026Q3`, `2026Q4` → `2027Q1`), else `p01`, `p02`, … the first one not used. With the year and
/// quarter when it is one, so the page can name it in the user's language.
pub fn next_period_id(s: &Scenario) -> (String, Option<(i32, u32)>) {
    let used = |id: &str| s.periods.iter().any(|p| p.id == id);
    if let Some((y, q)) = s.periods.last().and_then(|p| quarter(&p.id)) {
        let (y, q) = if q == 4 { (y + 1, 1) } else { (y, q + 1) };
        let id = format!("{y}Q{q}");
        if !used(&id) {
            return (id, Some((y, q)));
        }
    }
    let id = (1..).map(|n| format!("p{n:02}")).find(|id| !used(id)).expect("an unused id exists");
    (id, None)
}

/// `2026Q2` → (2026, 2).
fn quarter(id: &str) -> Option<(i32, u32)> {
    let (y, q) = id.split_once(['Q', 'q'])?;
    let y: i32 = y.parse().ok().filter(|_| y.len() == 4)?;
    let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
    Some((y, q))
}

/// Checks a new period's id and name against the scenario; problems are named `periods[n].id` / `.name`.
pub fn check_new_period(s: &Scenario, id: &str, name: &str) -> Vec<Problem> {
    let path = index("periods", s.periods.len());
    let mut out = Vec::new();
    if let Err(k) = validate::id(id.trim()) {
        out.push(Problem::new(format!("{path}.id"), k));
    } else if s.periods.iter().any(|p| p.id == id.trim()) {
        out.push(Problem::new(format!("{path}.id"), ProblemKind::Duplicate { id: id.trim().to_string() }));
    }
    if let Err(k) = validate::name(name) {
        out.push(Problem::new(format!("{path}.name"), k));
    }
    out
}

/// Adds an empty period after the others; returns its index.
pub fn add_period(s: &mut Scenario, id: &str, name: &str) -> Result<usize, Vec<Problem>> {
    let problems = check_new_period(s, id, name);
    if !problems.is_empty() {
        return Err(problems);
    }
    crate::model::limits::room(s, |z| z.periods += 1)?;
    s.periods.push(Period { id: id.trim().to_string(), name: name.trim().to_string(), records: Default::default() });
    Ok(s.periods.len() - 1)
}

/// Renames the period at `index` (its id stays: results refer to it).
pub fn rename_period(s: &mut Scenario, period: usize, name: &str) -> Result<(), Vec<Problem>> {
    let path = index("periods", period);
    let Some(p) = s.periods.get_mut(period) else {
        return Err(vec![Problem::new(path, ProblemKind::Missing)]);
    };
    validate::name(name).map_err(|k| vec![Problem::new(format!("{path}.name"), k)])?;
    p.name = name.trim().to_string();
    Ok(())
}

/// Removes the period at `index` with all its records. Refused while a target plan starts in it (the problem
/// names the plan, METHOD.md §1).
pub fn delete_period(s: &mut Scenario, period: usize) -> Result<Period, Vec<Problem>> {
    if period >= s.periods.len() {
        return Err(vec![Problem::new(index("periods", period), ProblemKind::Missing)]);
    }
    if let Some(p) = super::plans::period_deletion_problem(s, period) {
        return Err(vec![p]);
    }
    Ok(s.periods.remove(period))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::sample;

    use crate::model::edit::assert_valid as valid;

    fn actual(f: &str) -> RecordField {
        RecordField::Actual(f.to_string())
    }

    #[test]
    fn parse_by_indicator_kind() {
        let s = sample();
        let num = |t: &str| parse_field(&s, &actual("tasks"), t);
        assert_eq!(num(" 12.5 "), Ok(FieldValue::Actual(Some(Actual::Number(12.5)))));
        assert_eq!(num("1,234.5"), Ok(FieldValue::Actual(Some(Actual::Number(1234.5)))));
        assert_eq!(num("+3"), Ok(FieldValue::Actual(Some(Actual::Number(3.0)))));
        assert_eq!(num(""), Ok(FieldValue::Actual(None)), "empty is missing data");
        for bad in ["abc", "inf", "NaN", "1,2", "12,34.5", "B", "1e999"] {
            assert_eq!(num(bad), Err(ProblemKind::WrongType { expected: Expected::Number }), "{bad}");
        }
        let level = |t: &str| parse_field(&s, &actual("meetings"), t);
        assert_eq!(level("b"), Ok(FieldValue::Actual(Some(Actual::Level(Level::B)))));
        assert_eq!(level(" "), Ok(FieldValue::Actual(None)));
        assert_eq!(level("E"), Err(ProblemKind::WrongType { expected: Expected::Level }));
        assert_eq!(level("80"), Err(ProblemKind::WrongType { expected: Expected::Level }));
        assert!(matches!(parse_field(&s, &actual("nope"), "1"), Err(ProblemKind::Dangling { .. })));
        assert_eq!(
            parse_field(&s, &actual("safety"), "1"),
            Err(ProblemKind::ActualMismatch { expected: Expected::VetoEntry })
        );
    }

    #[test]
    fn parse_flags_counts_and_scores() {
        let s = sample();
        let veto = RecordField::Veto("safety".into());
        for yes in ["1", "✖", "是", "FAIL", "否决", "x"] {
            assert_eq!(parse_field(&s, &veto, yes), Ok(FieldValue::Flag(true)), "{yes}");
        }
        for no in ["", "0", "否", "pass", "通过"] {
            assert_eq!(parse_field(&s, &veto, no), Ok(FieldValue::Flag(false)), "{no}");
        }
        assert!(matches!(parse_field(&s, &veto, "maybe"), Err(ProblemKind::NotOneOf { .. })));
        assert_eq!(
            parse_field(&s, &RecordField::Veto("tasks".into()), "1"),
            Err(ProblemKind::WrongType { expected: Expected::VetoIndicator })
        );
        let opt = RecordField::Optional("demo".into());
        assert_eq!(parse_field(&s, &opt, "✓"), Ok(FieldValue::Flag(true)));
        assert!(parse_field(&s, &RecordField::Optional("zzz".into()), "1").is_err());

        let ballot = RecordField::Ballot(BallotGrade::Good);
        assert_eq!(parse_field(&s, &ballot, "12"), Ok(FieldValue::Count(12)));
        assert_eq!(parse_field(&s, &ballot, ""), Ok(FieldValue::Count(0)));
        assert_eq!(parse_field(&s, &ballot, "2.5"), Err(ProblemKind::NotInteger));
        assert!(matches!(parse_field(&s, &ballot, "-1"), Err(ProblemKind::OutOfRange { .. })));

        assert_eq!(parse_field(&s, &RecordField::Peers, "88.5"), Ok(FieldValue::Score(Some(88.5))));
        assert_eq!(parse_field(&s, &RecordField::Superiors, ""), Ok(FieldValue::Score(None)));
        assert_eq!(
            parse_field(&s, &RecordField::Peers, "101"),
            Err(ProblemKind::OutOfRange { min: Some(0.0), max: Some(100.0) })
        );
    }

    #[test]
    fn text_and_parse_round_trip() {
        let s = sample();
        let p = &s.periods[0];
        let (bid, r) = p.records.iter().next().unwrap();
        let mut fields = vec![RecordField::Assessed, RecordField::Peers, RecordField::Superiors];
        fields.extend(s.indicators.iter().map(|i| {
            if i.is_veto() {
                RecordField::Veto(i.id.clone())
            } else {
                RecordField::Actual(i.id.clone())
            }
        }));
        fields.extend(s.optional_actions.iter().map(|a| RecordField::Optional(a.id.clone())));
        fields.extend(BallotGrade::ALL.iter().map(|g| RecordField::Ballot(*g)));
        let mut copy = s.clone();
        for f in &fields {
            let text = field_text(Some(r), f);
            let v = parse_field(&s, f, &text).unwrap_or_else(|k| panic!("{f:?} {text:?}: {k:?}"));
            set_field(&mut copy, 0, bid, f.clone(), v).unwrap();
        }
        assert_eq!(copy, s, "writing back what each cell shows changes nothing");
        assert_eq!(field_text(None, &RecordField::Assessed), "");
        assert_eq!(field_text(None, &actual("tasks")), "");
    }

    #[test]
    fn set_fields_is_all_or_nothing_and_keeps_the_scenario_valid() {
        let mut s = sample();
        let b = s.branches[0].id.clone();
        let cells = vec![
            (b.clone(), actual("tasks"), FieldValue::Actual(Some(Actual::Number(99.0)))),
            (b.clone(), actual("meetings"), FieldValue::Actual(Some(Actual::Number(3.0)))),
            ("ghost".to_string(), RecordField::Peers, FieldValue::Score(Some(50.0))),
        ];
        let before = s.clone();
        let err = set_fields(&mut s, 0, &cells).unwrap_err();
        let paths: Vec<&str> = err.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                format!("periods[0].records.{b}.actuals.meetings"),
                "periods[0].records.ghost.evaluation.peers".to_string()
            ]
        );
        assert_eq!(s, before, "a refused edit changes nothing");
        assert!(set_fields(&mut s, 99, &cells[..1]).is_err());

        set_fields(&mut s, 0, &cells[..1]).unwrap();
        assert_eq!(s.periods[0].records[&b].actuals["tasks"], Actual::Number(99.0));
        set_field(&mut s, 0, &b, actual("tasks"), FieldValue::Actual(None)).unwrap();
        assert!(!s.periods[0].records[&b].actuals.contains_key("tasks"), "empty is missing");
        let bad = set_field(&mut s, 0, &b, RecordField::Peers, FieldValue::Score(Some(120.0)));
        assert!(bad.is_err());
        valid(&s);
    }

    #[test]
    fn vetoes_actions_ballots_and_scores() {
        let mut s = sample();
        let b = s.branches[1].id.clone();
        let veto = RecordField::Veto("safety".into());
        set_field(&mut s, 2, &b, veto.clone(), FieldValue::Flag(true)).unwrap();
        assert_eq!(s.periods[2].records[&b].vetoes.get("safety"), Some(&true));
        set_field(&mut s, 2, &b, veto, FieldValue::Flag(false)).unwrap();
        assert_ne!(s.periods[2].records[&b].vetoes.get("safety"), Some(&true));

        let opt = RecordField::Optional("demo".into());
        set_field(&mut s, 2, &b, opt.clone(), FieldValue::Flag(true)).unwrap();
        set_field(&mut s, 2, &b, opt.clone(), FieldValue::Flag(true)).unwrap();
        assert_eq!(s.periods[2].records[&b].optional_done.iter().filter(|a| *a == "demo").count(), 1);
        set_field(&mut s, 2, &b, opt, FieldValue::Flag(false)).unwrap();
        assert!(!s.periods[2].records[&b].optional_done.contains(&"demo".to_string()));

        s.periods[2].records.get_mut(&b).unwrap().evaluation.ballots = None;
        set_field(&mut s, 2, &b, RecordField::Ballot(BallotGrade::Fair), FieldValue::Count(4)).unwrap();
        assert_eq!(s.periods[2].records[&b].evaluation.ballots, Some(Ballots { fair: 4, ..Default::default() }));
        set_field(&mut s, 2, &b, RecordField::Ballot(BallotGrade::Fair), FieldValue::Count(0)).unwrap();
        assert_eq!(s.periods[2].records[&b].evaluation.ballots, None, "all four 0 is no ballots");

        set_field(&mut s, 2, &b, RecordField::Superiors, FieldValue::Score(None)).unwrap();
        assert_eq!(s.periods[2].records[&b].evaluation.superiors, None);
        valid(&s);
    }

    #[test]
    fn assessed_adds_and_removes_the_record_and_data_creates_it() {
        let mut s = sample();
        let b = s.branches[3].id.clone();
        set_assessed(&mut s, 0, &b, false).unwrap();
        assert!(!s.periods[0].records.contains_key(&b));
        // Clearing a field of an absent record does not create it.
        set_field(&mut s, 0, &b, actual("tasks"), FieldValue::Actual(None)).unwrap();
        assert!(!s.periods[0].records.contains_key(&b));
        set_field(&mut s, 0, &b, actual("tasks"), FieldValue::Actual(Some(Actual::Number(5.0)))).unwrap();
        assert_eq!(s.periods[0].records[&b].actuals.len(), 1, "entering data made the branch assessed");
        set_assessed(&mut s, 0, &b, false).unwrap();
        set_assessed(&mut s, 0, &b, true).unwrap();
        assert_eq!(s.periods[0].records[&b], Record::default());
        assert!(set_assessed(&mut s, 0, "ghost", true).is_err());
        valid(&s);
    }

    #[test]
    fn adjustments_need_a_reason() {
        let mut s = sample();
        let b = s.branches[0].id.clone();
        let adj = |points: f64, reason: &str| Adjustment { points, reason: reason.to_string() };
        let err = set_adjustments(&mut s, 1, &b, vec![adj(2.0, "表彰"), adj(f64::NAN, " ")]).unwrap_err();
        let paths: Vec<&str> = err.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                format!("periods[1].records.{b}.adjustments[1].points"),
                format!("periods[1].records.{b}.adjustments[1].reason")
            ]
        );
        set_adjustments(&mut s, 1, &b, vec![adj(-2.0, " 抽查发现台账缺失 "), adj(1.5, "表彰")]).unwrap();
        let r = &s.periods[1].records[&b];
        assert_eq!(r.adjustments, vec![adj(-2.0, "抽查发现台账缺失"), adj(1.5, "表彰")]);
        set_adjustments(&mut s, 1, &b, vec![]).unwrap();
        assert!(s.periods[1].records[&b].adjustments.is_empty());
        valid(&s);
    }

    #[test]
    fn periods_add_rename_delete() {
        let mut s = sample();
        assert_eq!(next_period_id(&s), ("2026Q3".to_string(), Some((2026, 3))));
        let n = s.periods.len();
        let i = add_period(&mut s, "2026Q3", "2026年第3季度").unwrap();
        assert_eq!(i, n);
        assert!(s.periods[i].records.is_empty());
        let err = add_period(&mut s, "2026Q3", " ").unwrap_err();
        let paths: Vec<&str> = err.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, vec![format!("periods[{}].id", n + 1), format!("periods[{}].name", n + 1)]);
        assert_eq!(next_period_id(&s).0, "2026Q4");
        add_period(&mut s, "2026Q4", "Q4").unwrap();
        assert_eq!(next_period_id(&s).0, "2027Q1");

        rename_period(&mut s, 0, " 第一季度 ").unwrap();
        assert_eq!(s.periods[0].name, "第一季度");
        assert!(rename_period(&mut s, 0, "").is_err());
        assert!(rename_period(&mut s, 99, "x").is_err());

        let removed = delete_period(&mut s, 0).unwrap();
        assert_eq!(removed.id, "2024Q1");
        assert!(delete_period(&mut s, 99).is_err());
        valid(&s);

        let mut blank = Scenario::blank("x");
        assert_eq!(next_period_id(&blank), ("p01".to_string(), None));
        add_period(&mut blank, "p01", "一").unwrap();
        assert_eq!(next_period_id(&blank).0, "p02");
    }
}
