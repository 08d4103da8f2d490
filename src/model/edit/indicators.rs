//! Edits of indicators and optional actions.
//!
//! An indicator is referred to by category coefficients, branch overrides and history, and period actuals and
//! vetoes; an optional action by the records' `optional_done`. Deleting either removes every reference to it.
//! Changing an indicator's kind or measure drops the recorded data that no longer fits it (a number for a
//! qualitative indicator, a veto entry for a scored one, …); [`losses`] says beforehand what would go, and the
//! edit is undoable like any other.
//!
//! The editor's typed text is an [`IndicatorForm`] / [`ActionForm`]; `parse` turns it into the model type or
//! names the problem of each field, with the rules of [`validate`].

use std::collections::BTreeMap;

use super::super::problem::{index, join, Problem, ProblemKind};
use super::super::{
    validate, Direction, Flex, Indicator, IndicatorKind, Measure, OptionalAction, Plan, Quantitative, Scenario, Scored,
};
use super::remove_key;
use super::settings::parse_number;

/// The "five goods" (五个好) dimensions offered when typing one; any other text is allowed.
pub const DIMENSIONS: [&str; 5] = ["班子好", "队伍好", "机制好", "业绩好", "群众反映好"];

/// The default tolerance of FORMAT.md.
pub const DEFAULT_TOLERANCE: f64 = 0.1;

/// A fresh indicator id: `i01`, `i02`, … the first one not yet used.
pub fn next_indicator_id(s: &Scenario) -> String {
    (1..).map(|n| format!("i{n:02}")).find(|id| s.indicator(id).is_none()).expect("an unused id exists")
}

/// A fresh optional action id: `a01`, `a02`, …
pub fn next_action_id(s: &Scenario) -> String {
    (1..)
        .map(|n| format!("a{n:02}"))
        .find(|id| !s.optional_actions.iter().any(|a| &a.id == id))
        .expect("an unused id exists")
}

/// The position of the indicator with id `id` (edits from the UI find it again when they are applied).
pub fn indicator_index(s: &Scenario, id: &str) -> Result<usize, Vec<Problem>> {
    s.indicators.iter().position(|i| i.id == id).ok_or_else(|| {
        vec![Problem::new("indicators", ProblemKind::Dangling { id: id.to_string(), list: "indicators" })]
    })
}

/// The position of the optional action with id `id`.
pub fn action_index(s: &Scenario, id: &str) -> Result<usize, Vec<Problem>> {
    s.optional_actions.iter().position(|a| a.id == id).ok_or_else(|| {
        vec![Problem::new("optional_actions", ProblemKind::Dangling { id: id.to_string(), list: "optional_actions" })]
    })
}

/// The problems of indicator `ind` at position `index_in_list` (`None` for a new one): id and its uniqueness,
/// name, free texts, weight, base target, decimals, tolerance. Paths are `indicators[i].…`.
pub fn indicator_problems(ind: &Indicator, s: &Scenario, index_in_list: Option<usize>) -> Vec<Problem> {
    let path = index("indicators", index_in_list.unwrap_or(s.indicators.len()));
    let mut out = Vec::new();
    let mut push = |field: &str, r: Result<(), ProblemKind>| {
        if let Err(kind) = r {
            out.push(Problem::new(join(&path, field), kind));
        }
    };
    push("id", validate::id(&ind.id));
    if s.indicators.iter().enumerate().any(|(i, o)| Some(i) != index_in_list && o.id == ind.id) {
        push("id", Err(ProblemKind::Duplicate { id: ind.id.clone() }));
    }
    push("name", validate::name(&ind.name));
    push("dimension", validate::text(&ind.dimension));
    push("workload", validate::text(&ind.plan.workload));
    push("measures", validate::text(&ind.plan.measures));
    push("deadline", validate::text(&ind.plan.deadline));
    push("effect", validate::text(&ind.plan.effect));
    if let IndicatorKind::Scored(sc) = &ind.kind {
        push("weight", validate::weight(sc.weight).map(|_| ()));
        if let Measure::Quantitative(q) = &sc.measure {
            push("unit", validate::text(&q.unit));
            push("decimals", validate::decimals(q.decimals as f64).map(|_| ()));
            push("base_target", validate::non_negative(q.base_target).map(|_| ()));
            push("tolerance", validate::tolerance(q.tolerance).map(|_| ()));
        }
    }
    out
}

/// Recorded data that an edit of an indicator would drop because it no longer fits the indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Losses {
    /// Actuals (numbers or levels) in period records.
    pub actuals: usize,
    /// Veto entries in period records.
    pub vetoes: usize,
    /// Branch target overrides.
    pub overrides: usize,
    /// Branches' history lists.
    pub history: usize,
}

impl Losses {
    pub fn is_empty(&self) -> bool {
        *self == Losses::default()
    }
}

/// Whether an actual of this sort fits the indicator.
fn fits(ind: &Indicator, a: &super::super::Actual) -> bool {
    use super::super::Actual;
    matches!(
        (&ind.kind, a),
        (IndicatorKind::Scored(Scored { measure: Measure::Quantitative(_), .. }), Actual::Number(_))
            | (IndicatorKind::Scored(Scored { measure: Measure::Qualitative, .. }), Actual::Level(_))
    )
}

/// What replacing the indicator at `index_in_list` by `next` would drop (see [`update_indicator`]).
pub fn losses(s: &Scenario, index_in_list: usize, next: &Indicator) -> Losses {
    let Some(old) = s.indicators.get(index_in_list) else { return Losses::default() };
    let id = old.id.as_str();
    let mut l = Losses::default();
    for p in &s.periods {
        for r in p.records.values() {
            l.actuals += r.actuals.get(id).is_some_and(|a| !fits(next, a)) as usize;
            l.vetoes += (r.vetoes.contains_key(id) && !next.is_veto()) as usize;
        }
    }
    if next.quantitative().is_none() {
        l.overrides = s.branches.iter().filter(|b| b.target_overrides.contains_key(id)).count();
        l.history = s.branches.iter().filter(|b| b.history.contains_key(id)).count();
    }
    l
}

/// Adds an indicator at the end of the list.
pub fn add_indicator(s: &mut Scenario, ind: Indicator) -> Result<(), Vec<Problem>> {
    let problems = indicator_problems(&ind, s, None);
    if !problems.is_empty() {
        return Err(problems);
    }
    crate::model::limits::room(s, |z| z.indicators += 1)?;
    s.indicators.push(ind);
    Ok(())
}

/// Replaces the indicator at `index_in_list`; its id stays as it was. Recorded data that no longer fits (see
/// [`losses`]) is dropped so the scenario stays valid; category coefficients are kept.
pub fn update_indicator(s: &mut Scenario, index_in_list: usize, mut ind: Indicator) -> Result<(), Vec<Problem>> {
    let Some(old) = s.indicators.get(index_in_list) else {
        return Err(vec![Problem::new(index("indicators", index_in_list), ProblemKind::Missing)]);
    };
    ind.id = old.id.clone();
    let problems = indicator_problems(&ind, s, Some(index_in_list));
    if !problems.is_empty() {
        return Err(problems);
    }
    let id = ind.id.clone();
    for p in &mut s.periods {
        for r in p.records.values_mut() {
            if r.actuals.get(&id).is_some_and(|a| !fits(&ind, a)) {
                remove_key(&mut r.actuals, &id);
            }
            if !ind.is_veto() {
                remove_key(&mut r.vetoes, &id);
            }
        }
    }
    if ind.quantitative().is_none() {
        for b in &mut s.branches {
            remove_key(&mut b.target_overrides, &id);
            remove_key(&mut b.history, &id);
        }
        super::plans::forget_indicator(s, &id);
    }
    s.indicators[index_in_list] = ind;
    Ok(())
}

/// Removes the indicator at `index_in_list` and everything that refers to it: category coefficients, branch
/// overrides and history, period actuals and vetoes.
pub fn delete_indicator(s: &mut Scenario, index_in_list: usize) -> Option<Indicator> {
    if index_in_list >= s.indicators.len() {
        return None;
    }
    let ind = s.indicators.remove(index_in_list);
    let id = ind.id.as_str();
    for c in &mut s.categories {
        remove_key(&mut c.coefficients, id);
    }
    for b in &mut s.branches {
        remove_key(&mut b.target_overrides, id);
        remove_key(&mut b.history, id);
    }
    for p in &mut s.periods {
        for r in p.records.values_mut() {
            remove_key(&mut r.actuals, id);
            remove_key(&mut r.vetoes, id);
        }
    }
    super::plans::forget_indicator(s, id);
    Some(ind)
}

/// The dimensions in order of first appearance, each with the positions of its indicators.
pub fn by_dimension(s: &Scenario) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, ind) in s.indicators.iter().enumerate() {
        let d = ind.dimension.trim();
        match out.iter_mut().find(|(name, _)| name == d) {
            Some((_, list)) => list.push(i),
            None => out.push((d.to_string(), vec![i])),
        }
    }
    out
}

/// Moves the indicator at `index_in_list` before the previous (`up`) or after the next indicator of the same
/// dimension. Nothing to pass: a problem, nothing changes.
pub fn move_indicator(s: &mut Scenario, index_in_list: usize, up: bool) -> Result<(), Vec<Problem>> {
    let refuse = || vec![Problem::new(index("indicators", index_in_list), ProblemKind::Missing)];
    let dim = s.indicators.get(index_in_list).ok_or_else(refuse)?.dimension.trim().to_string();
    let same = |i: &usize| s.indicators[*i].dimension.trim() == dim;
    let other =
        if up { (0..index_in_list).rev().find(same) } else { (index_in_list + 1..s.indicators.len()).find(same) };
    let other = other.ok_or_else(refuse)?;
    let ind = s.indicators.remove(index_in_list);
    s.indicators.insert(other, ind);
    Ok(())
}

/// Σ weight of the scored (non-veto) indicators.
pub fn total_weight(s: &Scenario) -> f64 {
    s.indicators.iter().filter_map(|i| i.scored()).map(|sc| sc.weight).sum()
}

/// The indicator's share of the total weight, 0..1 (0 when the total is 0); `None` for a veto indicator.
pub fn weight_share(s: &Scenario, ind: &Indicator) -> Option<f64> {
    let w = ind.scored()?.weight;
    let total = total_weight(s);
    Some(if total > 0.0 { w / total } else { 0.0 })
}

/// The editor's fields as typed. Field keys are the JSON names of FORMAT.md.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorForm {
    pub id: String,
    pub name: String,
    pub dimension: String,
    /// `veto` | `controllable` | `elastic`.
    pub kind: String,
    /// `quantitative` | `qualitative`.
    pub measure: String,
    /// `higher` | `lower`.
    pub direction: String,
    pub unit: String,
    pub decimals: String,
    pub base_target: String,
    pub weight: String,
    pub tolerance: String,
    pub workload: String,
    pub measures: String,
    pub deadline: String,
    pub effect: String,
}

/// The field keys of [`IndicatorForm`], in the editor's order.
pub const FIELDS: [&str; 15] = [
    "id",
    "name",
    "dimension",
    "kind",
    "measure",
    "direction",
    "unit",
    "decimals",
    "base_target",
    "weight",
    "tolerance",
    "workload",
    "measures",
    "deadline",
    "effect",
];

impl IndicatorForm {
    /// The form of an existing indicator. Fields it does not use get the defaults, so switching the kind in the
    /// editor starts from sensible values.
    pub fn of(ind: &Indicator) -> IndicatorForm {
        let mut f = IndicatorForm::blank(&ind.id);
        f.name = ind.name.clone();
        f.dimension = ind.dimension.clone();
        f.workload = ind.plan.workload.clone();
        f.measures = ind.plan.measures.clone();
        f.deadline = ind.plan.deadline.clone();
        f.effect = ind.plan.effect.clone();
        match &ind.kind {
            IndicatorKind::Veto => f.kind = "veto".into(),
            IndicatorKind::Scored(sc) => {
                f.kind = match sc.flex {
                    Flex::Controllable => "controllable",
                    Flex::Elastic => "elastic",
                }
                .into();
                f.weight = crate::i18n::number(sc.weight);
                match &sc.measure {
                    Measure::Qualitative => f.measure = "qualitative".into(),
                    Measure::Quantitative(q) => {
                        f.measure = "quantitative".into();
                        f.direction = match q.direction {
                            Direction::Higher => "higher",
                            Direction::Lower => "lower",
                        }
                        .into();
                        f.unit = q.unit.clone();
                        f.decimals = q.decimals.to_string();
                        f.base_target = crate::i18n::number(q.base_target);
                        f.tolerance = crate::i18n::number(q.tolerance);
                    }
                }
            }
        }
        f
    }

    /// A new indicator's form: controllable, quantitative, higher is better, 1 decimal, tolerance 0.1; name,
    /// base target and weight to be filled in.
    pub fn blank(id: &str) -> IndicatorForm {
        IndicatorForm {
            id: id.to_string(),
            name: String::new(),
            dimension: String::new(),
            kind: "controllable".into(),
            measure: "quantitative".into(),
            direction: "higher".into(),
            unit: String::new(),
            decimals: "1".into(),
            base_target: String::new(),
            weight: String::new(),
            tolerance: crate::i18n::number(DEFAULT_TOLERANCE),
            workload: String::new(),
            measures: String::new(),
            deadline: String::new(),
            effect: String::new(),
        }
    }

    pub fn field(&self, key: &str) -> &str {
        match key {
            "id" => &self.id,
            "name" => &self.name,
            "dimension" => &self.dimension,
            "kind" => &self.kind,
            "measure" => &self.measure,
            "direction" => &self.direction,
            "unit" => &self.unit,
            "decimals" => &self.decimals,
            "base_target" => &self.base_target,
            "weight" => &self.weight,
            "tolerance" => &self.tolerance,
            "workload" => &self.workload,
            "measures" => &self.measures,
            "deadline" => &self.deadline,
            _ => &self.effect,
        }
    }

    pub fn field_mut(&mut self, key: &str) -> &mut String {
        match key {
            "id" => &mut self.id,
            "name" => &mut self.name,
            "dimension" => &mut self.dimension,
            "kind" => &mut self.kind,
            "measure" => &mut self.measure,
            "direction" => &mut self.direction,
            "unit" => &mut self.unit,
            "decimals" => &mut self.decimals,
            "base_target" => &mut self.base_target,
            "weight" => &mut self.weight,
            "tolerance" => &mut self.tolerance,
            "workload" => &mut self.workload,
            "measures" => &mut self.measures,
            "deadline" => &mut self.deadline,
            _ => &mut self.effect,
        }
    }

    pub fn is_veto(&self) -> bool {
        self.kind == "veto"
    }

    pub fn is_quantitative(&self) -> bool {
        !self.is_veto() && self.measure != "qualitative"
    }

    /// Whether the editor shows (and checks) the field `key` for the kind and measure chosen: a veto indicator
    /// has no measure, weight or target; a qualitative one no target; only an elastic quantitative one a tolerance.
    pub fn shows(&self, key: &str) -> bool {
        match key {
            "measure" | "weight" => !self.is_veto(),
            "direction" | "unit" | "decimals" | "base_target" => self.is_quantitative(),
            "tolerance" => self.is_quantitative() && self.kind == "elastic",
            _ => true,
        }
    }

    /// The sort of indicator chosen (veto; scored with its measure), whatever the numbers typed: enough for
    /// [`losses`] to say what a change of kind or measure would drop before the rest of the form is valid.
    pub fn kind_shape(&self) -> IndicatorKind {
        if self.is_veto() {
            return IndicatorKind::Veto;
        }
        let flex = if self.kind == "elastic" { Flex::Elastic } else { Flex::Controllable };
        let measure = if self.is_quantitative() {
            Measure::Quantitative(Quantitative {
                direction: Direction::Higher,
                unit: String::new(),
                decimals: 1,
                base_target: 0.0,
                tolerance: DEFAULT_TOLERANCE,
            })
        } else {
            Measure::Qualitative
        };
        IndicatorKind::Scored(Scored { flex, weight: 0.0, measure })
    }

    /// The indicator this form describes, or the problem of each shown field that stops it. `index_in_list` is
    /// the indicator's position (`None` for a new one); `original` its current version, whose tolerance is kept
    /// when the tolerance is not shown and not valid.
    pub fn parse(
        &self,
        s: &Scenario,
        index_in_list: Option<usize>,
        original: Option<&Indicator>,
    ) -> Result<Indicator, BTreeMap<String, ProblemKind>> {
        let mut errors = BTreeMap::new();
        let mut num = |key: &str, rule: &dyn Fn(f64) -> Result<f64, ProblemKind>| -> f64 {
            if !self.shows(key) {
                return 0.0;
            }
            match parse_number(self.field(key)).and_then(rule) {
                Ok(v) => v,
                Err(kind) => {
                    errors.insert(key.to_string(), kind);
                    0.0
                }
            }
        };
        let weight = num("weight", &validate::weight);
        let decimals = num("decimals", &|v| validate::decimals(v).map(f64::from));
        let base_target = num("base_target", &validate::non_negative);
        let tolerance = if self.shows("tolerance") {
            num("tolerance", &validate::tolerance)
        } else {
            parse_number(&self.tolerance)
                .and_then(validate::tolerance)
                .ok()
                .or_else(|| original.and_then(|o| o.quantitative()).map(|q| q.tolerance))
                .unwrap_or(DEFAULT_TOLERANCE)
        };
        let mut choose = |key: &str, allowed: &[&'static str]| {
            if self.shows(key) && !allowed.contains(&self.field(key)) {
                errors.insert(key.to_string(), ProblemKind::NotOneOf { allowed: allowed.to_vec() });
            }
        };
        choose("kind", &["veto", "controllable", "elastic"]);
        choose("measure", &["quantitative", "qualitative"]);
        choose("direction", &["higher", "lower"]);

        let kind = if self.is_veto() {
            IndicatorKind::Veto
        } else {
            let flex = if self.kind == "elastic" { Flex::Elastic } else { Flex::Controllable };
            let measure = if self.is_quantitative() {
                Measure::Quantitative(Quantitative {
                    direction: if self.direction == "lower" { Direction::Lower } else { Direction::Higher },
                    unit: self.unit.trim().to_string(),
                    decimals: decimals as u32,
                    base_target,
                    tolerance,
                })
            } else {
                Measure::Qualitative
            };
            IndicatorKind::Scored(Scored { flex, weight, measure })
        };
        let ind = Indicator {
            id: self.id.trim().to_string(),
            name: self.name.trim().to_string(),
            dimension: self.dimension.trim().to_string(),
            kind,
            plan: Plan {
                workload: self.workload.clone(),
                measures: self.measures.clone(),
                deadline: self.deadline.clone(),
                effect: self.effect.clone(),
            },
        };
        let prefix = format!("{}.", index("indicators", index_in_list.unwrap_or(s.indicators.len())));
        for p in indicator_problems(&ind, s, index_in_list) {
            let key = p.path.strip_prefix(&prefix).unwrap_or(&p.path).to_string();
            // An existing indicator keeps its id: problems of the id matter for new ones only.
            if key == "id" && index_in_list.is_some() {
                continue;
            }
            errors.entry(key).or_insert(p.kind);
        }
        if errors.is_empty() {
            Ok(ind)
        } else {
            Err(errors)
        }
    }
}

/// The problems of optional action `a` at position `index_in_list` (`None` for a new one).
pub fn action_problems(a: &OptionalAction, s: &Scenario, index_in_list: Option<usize>) -> Vec<Problem> {
    let path = index("optional_actions", index_in_list.unwrap_or(s.optional_actions.len()));
    let mut out = Vec::new();
    let mut push = |field: &str, r: Result<(), ProblemKind>| {
        if let Err(kind) = r {
            out.push(Problem::new(join(&path, field), kind));
        }
    };
    push("id", validate::id(&a.id));
    if s.optional_actions.iter().enumerate().any(|(i, o)| Some(i) != index_in_list && o.id == a.id) {
        push("id", Err(ProblemKind::Duplicate { id: a.id.clone() }));
    }
    push("name", validate::name(&a.name));
    push("points", validate::non_negative(a.points).map(|_| ()));
    out
}

/// An optional action's fields as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionForm {
    pub id: String,
    pub name: String,
    pub points: String,
}

impl ActionForm {
    pub fn of(a: &OptionalAction) -> ActionForm {
        ActionForm { id: a.id.clone(), name: a.name.clone(), points: crate::i18n::number(a.points) }
    }

    pub fn blank(id: &str) -> ActionForm {
        ActionForm { id: id.to_string(), name: String::new(), points: String::new() }
    }

    /// The action, or the problem of each field.
    pub fn parse(
        &self,
        s: &Scenario,
        index_in_list: Option<usize>,
    ) -> Result<OptionalAction, BTreeMap<String, ProblemKind>> {
        let mut errors = BTreeMap::new();
        let points = parse_number(&self.points).unwrap_or_else(|k| {
            errors.insert("points".to_string(), k);
            0.0
        });
        let a = OptionalAction { id: self.id.trim().to_string(), name: self.name.trim().to_string(), points };
        let prefix = format!("{}.", index("optional_actions", index_in_list.unwrap_or(s.optional_actions.len())));
        for p in action_problems(&a, s, index_in_list) {
            let key = p.path.strip_prefix(&prefix).unwrap_or(&p.path).to_string();
            if key == "id" && index_in_list.is_some() {
                continue;
            }
            errors.entry(key).or_insert(p.kind);
        }
        if errors.is_empty() {
            Ok(a)
        } else {
            Err(errors)
        }
    }
}

pub fn add_action(s: &mut Scenario, a: OptionalAction) -> Result<(), Vec<Problem>> {
    let problems = action_problems(&a, s, None);
    if !problems.is_empty() {
        return Err(problems);
    }
    crate::model::limits::room(s, |z| z.optional_actions += 1)?;
    s.optional_actions.push(a);
    Ok(())
}

/// Replaces the optional action at `index_in_list`; its id stays (records refer to it).
pub fn update_action(s: &mut Scenario, index_in_list: usize, mut a: OptionalAction) -> Result<(), Vec<Problem>> {
    let Some(old) = s.optional_actions.get(index_in_list) else {
        return Err(vec![Problem::new(index("optional_actions", index_in_list), ProblemKind::Missing)]);
    };
    a.id = old.id.clone();
    let problems = action_problems(&a, s, Some(index_in_list));
    if !problems.is_empty() {
        return Err(problems);
    }
    s.optional_actions[index_in_list] = a;
    Ok(())
}

/// Removes the optional action at `index_in_list` and its mentions in every record.
pub fn delete_action(s: &mut Scenario, index_in_list: usize) -> Option<OptionalAction> {
    if index_in_list >= s.optional_actions.len() {
        return None;
    }
    let a = s.optional_actions.remove(index_in_list);
    for p in &mut s.periods {
        for r in p.records.values_mut() {
            r.optional_done.retain(|d| d != &a.id);
        }
    }
    Some(a)
}

/// How many records list the optional action with id `id`.
pub fn action_uses(s: &Scenario, id: &str) -> usize {
    s.periods.iter().flat_map(|p| p.records.values()).filter(|r| r.optional_done.iter().any(|d| d == id)).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::sample;
    use crate::model::Actual;

    fn refs(s: &Scenario, id: &str) -> usize {
        let c = s.categories.iter().filter(|c| c.coefficients.contains_key(id)).count();
        let b = s.branches.iter().filter(|b| b.target_overrides.contains_key(id) || b.history.contains_key(id)).count();
        let r = s
            .periods
            .iter()
            .flat_map(|p| p.records.values())
            .filter(|r| r.actuals.contains_key(id) || r.vetoes.contains_key(id))
            .count();
        c + b + r
    }

    #[test]
    fn a_new_indicator_from_the_form() {
        let mut s = sample();
        let mut f = IndicatorForm::blank(&next_indicator_id(&s));
        assert_eq!(f.id, "i01");
        let err = f.parse(&s, None, None).unwrap_err();
        assert!(err.contains_key("name") && err.contains_key("weight") && err.contains_key("base_target"));
        f.name = "志愿服务时长".into();
        f.dimension = "群众反映好".into();
        f.weight = "５".into();
        f.base_target = "40".into();
        f.unit = "小时".into();
        f.tolerance = "2".into();
        assert!(f.parse(&s, None, None).is_ok(), "the tolerance of a controllable indicator is not checked");
        f.kind = "elastic".into();
        assert!(matches!(f.parse(&s, None, None).unwrap_err()["tolerance"], ProblemKind::OutOfRange { .. }));
        f.tolerance = "0.2".into();
        let ind = f.parse(&s, None, None).unwrap();
        assert_eq!(ind.quantitative().unwrap().tolerance, 0.2);
        assert_eq!(ind.scored().unwrap().weight, 5.0);
        add_indicator(&mut s, ind.clone()).unwrap();
        assert!(validate::scenario(&s).is_empty());
        assert_eq!(IndicatorForm::of(&ind).parse(&s, Some(s.indicators.len() - 1), Some(&ind)), Ok(ind));

        f.id = "tasks".into();
        let err = f.parse(&s, None, None).unwrap_err();
        assert!(matches!(err["id"], ProblemKind::Duplicate { .. }));
        f.id = String::new();
        assert_eq!(f.parse(&s, None, None).unwrap_err()["id"], ProblemKind::Empty);
        f.id = "x".into();
        f.decimals = "1.5".into();
        assert_eq!(f.parse(&s, None, None).unwrap_err()["decimals"], ProblemKind::NotInteger);
        f.kind = "veto".into();
        let veto = f.parse(&s, None, None).unwrap();
        assert!(veto.is_veto(), "a veto indicator ignores the scored fields");
        f.kind = "elastic".into();
        f.measure = "qualitative".into();
        assert!(f.parse(&s, None, None).unwrap().is_qualitative());
        f.weight = "-1".into();
        assert!(f.parse(&s, None, None).unwrap_err().contains_key("weight"));
    }

    #[test]
    fn the_tolerance_is_kept_when_the_kind_changes() {
        let s = sample();
        let i = s.indicators.iter().position(|i| i.id == "innovation").unwrap();
        let orig = s.indicators[i].clone();
        let mut f = IndicatorForm::of(&orig);
        assert_eq!(f.tolerance, "0.2");
        f.kind = "controllable".into();
        let c = f.parse(&s, Some(i), Some(&orig)).unwrap();
        assert_eq!(c.quantitative().unwrap().tolerance, 0.2);
        f.tolerance = "bad".into();
        assert_eq!(f.parse(&s, Some(i), Some(&orig)).unwrap().quantitative().unwrap().tolerance, 0.2);
    }

    #[test]
    fn deleting_an_indicator_removes_every_reference() {
        let mut s = sample();
        for id in ["tasks", "safety", "meetings"] {
            assert!(refs(&s, id) > 0, "{id} is used in the sample");
            let i = s.indicators.iter().position(|x| x.id == id).unwrap();
            let gone = delete_indicator(&mut s, i).unwrap();
            assert_eq!(gone.id, id);
            assert_eq!(refs(&s, id), 0);
            assert!(s.indicator(id).is_none());
            assert!(validate::scenario(&s).is_empty(), "{:?}", validate::scenario(&s));
        }
        assert!(delete_indicator(&mut s, 99).is_none());
    }

    #[test]
    fn changing_the_measure_drops_what_no_longer_fits() {
        let mut s = sample();
        let i = s.indicators.iter().position(|x| x.id == "tasks").unwrap();
        let mut f = IndicatorForm::of(&s.indicators[i]);
        f.name = "攻坚任务".into();
        let same = f.parse(&s, Some(i), Some(&s.indicators[i])).unwrap();
        assert!(losses(&s, i, &same).is_empty());

        f.measure = "qualitative".into();
        let q = f.parse(&s, Some(i), Some(&s.indicators[i])).unwrap();
        let l = losses(&s, i, &q);
        let shape = Indicator { kind: f.kind_shape(), ..s.indicators[i].clone() };
        assert_eq!(losses(&s, i, &shape), l, "the kind alone decides what goes");
        assert!(l.actuals > 0 && l.overrides > 0, "{l:?}");
        update_indicator(&mut s, i, q).unwrap();
        assert!(validate::scenario(&s).is_empty(), "{:?}", validate::scenario(&s));
        assert!(s.branches.iter().all(|b| !b.target_overrides.contains_key("tasks")));
        assert!(s.categories[0].coefficients.contains_key("tasks"), "coefficients are kept");

        let v = s.indicators.iter().position(|x| x.id == "safety").unwrap();
        let mut f = IndicatorForm::of(&s.indicators[v]);
        f.kind = "controllable".into();
        f.weight = "5".into();
        f.base_target = "0".into();
        f.direction = "lower".into();
        let scored = f.parse(&s, Some(v), None).unwrap();
        assert!(losses(&s, v, &scored).vetoes > 0);
        update_indicator(&mut s, v, scored).unwrap();
        assert!(validate::scenario(&s).is_empty());
        let rec = s.periods[0].records.values().next().unwrap();
        assert!(!rec.vetoes.contains_key("safety"));
        assert!(!matches!(rec.actuals.get("safety"), Some(Actual::Level(_))));
    }

    #[test]
    fn update_keeps_the_id_and_refuses_bad_input() {
        let mut s = sample();
        let mut ind = s.indicators[0].clone();
        ind.id = "renamed".into();
        ind.name = "新名称".into();
        update_indicator(&mut s, 0, ind).unwrap();
        assert_eq!(s.indicators[0].id, "tasks");
        assert_eq!(s.indicators[0].name, "新名称");
        let before = s.clone();
        let mut bad = s.indicators[0].clone();
        bad.name = " ".into();
        assert_eq!(update_indicator(&mut s, 0, bad).unwrap_err()[0].path, "indicators[0].name");
        assert_eq!(s, before);
        let first = s.indicators[0].clone();
        assert!(update_indicator(&mut s, 99, first).is_err());
    }

    #[test]
    fn groups_moves_and_shares() {
        let mut s = sample();
        let groups = by_dimension(&s);
        assert_eq!(groups[0].0, "业绩好");
        assert_eq!(groups.iter().map(|g| g.1.len()).sum::<usize>(), s.indicators.len());
        let first = groups[0].1.clone();
        let (a, b) = (s.indicators[first[0]].id.clone(), s.indicators[first[1]].id.clone());
        move_indicator(&mut s, first[1], true).unwrap();
        assert_eq!(s.indicators[first[0]].id, b);
        assert_eq!(s.indicators[first[1]].id, a);
        assert!(move_indicator(&mut s, first[0], true).is_err(), "already the first of its dimension");
        // "safety" (业绩好) is after indicators of other dimensions: down finds none, up jumps over them.
        let safety = s.indicators.iter().position(|i| i.id == "safety").unwrap();
        assert!(move_indicator(&mut s, safety, false).is_err());
        move_indicator(&mut s, safety, true).unwrap();
        assert_eq!(by_dimension(&s)[0].1.len(), first.len());
        assert!(validate::scenario(&s).is_empty());

        let total = total_weight(&s);
        assert_eq!(total, 100.0);
        let tasks = s.indicator("tasks").unwrap();
        assert_eq!(weight_share(&s, tasks), Some(0.15));
        assert_eq!(weight_share(&s, s.indicator("safety").unwrap()), None);
        let sum: f64 = s.indicators.iter().filter_map(|i| weight_share(&s, i)).sum();
        assert!((sum - 1.0).abs() < 1e-12);
    }

    #[test]
    fn found_by_id() {
        let s = sample();
        assert_eq!(indicator_index(&s, "cost"), Ok(1));
        assert!(indicator_index(&s, "nope").is_err());
        assert_eq!(action_index(&s, "idea"), Ok(1));
        assert!(action_index(&s, "nope").is_err());
    }

    #[test]
    fn optional_actions() {
        let mut s = sample();
        let id = next_action_id(&s);
        let mut f = ActionForm::blank(&id);
        assert!(f.parse(&s, None).is_err());
        f.name = "结对共建".into();
        f.points = "1.5".into();
        let a = f.parse(&s, None).unwrap();
        add_action(&mut s, a).unwrap();
        assert!(validate::scenario(&s).is_empty());
        f.points = "-1".into();
        assert!(f.parse(&s, None).unwrap_err().contains_key("points"));
        f.points = "x".into();
        assert!(f.parse(&s, None).unwrap_err().contains_key("points"));
        f.id = "demo".into();
        f.points = "1".into();
        assert!(matches!(f.parse(&s, None).unwrap_err()["id"], ProblemKind::Duplicate { .. }));

        let mut edited = ActionForm::of(&s.optional_actions[0]);
        edited.points = "4".into();
        let e = edited.parse(&s, Some(0)).unwrap();
        update_action(&mut s, 0, e).unwrap();
        assert_eq!(s.optional_actions[0].points, 4.0);

        let used = s.optional_actions.iter().position(|a| action_uses(&s, &a.id) > 0).expect("the sample uses one");
        let gone = delete_action(&mut s, used).unwrap();
        assert_eq!(action_uses(&s, &gone.id), 0);
        assert!(validate::scenario(&s).is_empty());
        assert!(delete_action(&mut s, 99).is_none());
    }
}
