//! Edits of categories and their coefficients.
//!
//! A category is referred to by branches (`branch.category`) and refers to indicators (its coefficients), so
//! deleting one makes its branches uncategorised, and a coefficient can only be set for an indicator that has a
//! target (a quantitative one). A coefficient of 1 is the default and is not stored.

use super::super::problem::{index, join, Expected, Problem, ProblemKind};
use super::super::{validate, Category, Scenario};
use super::{remove_key, retain_entries};

/// A fresh category id: `c01`, `c02`, … the first one not yet used.
pub fn next_category_id(s: &Scenario) -> String {
    (1..).map(|n| format!("c{n:02}")).find(|id| s.category(id).is_none()).expect("an unused id exists")
}

/// The position of the category with id `id` (edits from the UI find it again when they are applied).
pub fn category_index(s: &Scenario, id: &str) -> Result<usize, Vec<Problem>> {
    s.categories.iter().position(|c| c.id == id).ok_or_else(|| {
        vec![Problem::new("categories", ProblemKind::Dangling { id: id.to_string(), list: "categories" })]
    })
}

/// The problems of category `c` in scenario `s` at position `index_in_list` (`None` for a new one): id, unique
/// id, name, and every coefficient (≥ 0, of an existing quantitative indicator). Paths are `categories[i].…`.
pub fn category_problems(c: &Category, s: &Scenario, index_in_list: Option<usize>) -> Vec<Problem> {
    let path = index("categories", index_in_list.unwrap_or(s.categories.len()));
    let mut out = Vec::new();
    let mut push = |field: &str, r: Result<(), ProblemKind>| {
        if let Err(kind) = r {
            out.push(Problem::new(join(&path, field), kind));
        }
    };
    push("id", validate::id(&c.id));
    if s.categories.iter().enumerate().any(|(i, o)| Some(i) != index_in_list && o.id == c.id) {
        push("id", Err(ProblemKind::Duplicate { id: c.id.clone() }));
    }
    push("name", validate::name(&c.name));
    for (ind, k) in &c.coefficients {
        push(&format!("coefficients.{ind}"), coefficient_rule(s, ind, *k));
    }
    out
}

/// A coefficient `k` of indicator `ind`: a number ≥ 0, for an indicator that exists and has a target.
fn coefficient_rule(s: &Scenario, ind: &str, k: f64) -> Result<(), ProblemKind> {
    match s.indicator(ind) {
        None => Err(ProblemKind::Dangling { id: ind.to_string(), list: "indicators" }),
        Some(i) if i.quantitative().is_none() => {
            Err(ProblemKind::WrongType { expected: Expected::QuantitativeIndicator })
        }
        Some(_) => validate::coefficient(k).map(|_| ()),
    }
}

/// Reads a typed coefficient: empty → the default (`None`), a number ≥ 0 → that number, where 1 is the default
/// too (`None`). Full-width digits (typed with a Chinese input method) are accepted.
pub fn parse_coefficient(text: &str) -> Result<Option<f64>, ProblemKind> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let v = super::settings::parse_number(text)?;
    let v = validate::coefficient(v)?;
    Ok((v != 1.0).then_some(v))
}

/// Adds a category at the end of the list.
pub fn add_category(s: &mut Scenario, mut c: Category) -> Result<(), Vec<Problem>> {
    c.name = c.name.trim().to_string();
    c.id = c.id.trim().to_string();
    retain_entries(&mut c.coefficients, &mut |_, k| *k != 1.0);
    let problems = category_problems(&c, s, None);
    if !problems.is_empty() {
        return Err(problems);
    }
    crate::model::limits::room(s, |z| z.categories += 1)?;
    s.categories.push(c);
    Ok(())
}

/// Renames the category at `index` (its id stays: branches refer to it).
pub fn rename_category(s: &mut Scenario, index_in_list: usize, name: &str) -> Result<(), Vec<Problem>> {
    let Some(c) = s.categories.get(index_in_list) else {
        return Err(vec![Problem::new(index("categories", index_in_list), ProblemKind::Missing)]);
    };
    let mut next = c.clone();
    next.name = name.trim().to_string();
    let problems = category_problems(&next, s, Some(index_in_list));
    if !problems.is_empty() {
        return Err(problems);
    }
    s.categories[index_in_list] = next;
    Ok(())
}

/// Removes the category at `index`; its branches become uncategorised (all their coefficients 1.0).
pub fn delete_category(s: &mut Scenario, index_in_list: usize) -> Option<Category> {
    if index_in_list >= s.categories.len() {
        return None;
    }
    let c = s.categories.remove(index_in_list);
    for b in &mut s.branches {
        if b.category.as_deref() == Some(c.id.as_str()) {
            b.category = None;
        }
    }
    Some(c)
}

/// Sets the coefficient k of indicator `indicator` in the category at `index`; `None` or 1 removes the entry
/// (k is then the default 1.0).
pub fn set_coefficient(
    s: &mut Scenario,
    index_in_list: usize,
    indicator: &str,
    k: Option<f64>,
) -> Result<(), Vec<Problem>> {
    let path = join(&index("categories", index_in_list), &format!("coefficients.{indicator}"));
    if index_in_list >= s.categories.len() {
        return Err(vec![Problem::new(index("categories", index_in_list), ProblemKind::Missing)]);
    }
    match k.filter(|k| *k != 1.0) {
        None => {
            remove_key(&mut s.categories[index_in_list].coefficients, indicator);
        }
        Some(k) => {
            coefficient_rule(s, indicator, k).map_err(|kind| vec![Problem::new(path, kind)])?;
            s.categories[index_in_list].coefficients.insert(indicator.to_string(), k);
        }
    }
    Ok(())
}

/// How many branches are in the category with id `id`.
pub fn branch_count(s: &Scenario, id: &str) -> usize {
    s.branches.iter().filter(|b| b.category.as_deref() == Some(id)).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::sample;
    use std::collections::BTreeMap;

    fn category(id: &str, name: &str) -> Category {
        Category { id: id.into(), name: name.into(), coefficients: BTreeMap::new() }
    }

    #[test]
    fn add_rename_and_refuse_bad_ones() {
        let mut s = sample();
        let id = next_category_id(&s);
        assert_eq!(id, "c01");
        add_category(&mut s, category(&id, "  新类别 ")).unwrap();
        assert_eq!(s.categories.last().unwrap().name, "新类别");
        assert!(validate::scenario(&s).is_empty());

        let before = s.clone();
        let err = add_category(&mut s, category("prod", "")).unwrap_err();
        let paths: Vec<&str> = err.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, vec!["categories[5].id", "categories[5].name"]);
        assert!(matches!(err[0].kind, ProblemKind::Duplicate { .. }));
        assert_eq!(s, before, "a refused edit changes nothing");

        rename_category(&mut s, 0, "一线生产").unwrap();
        assert_eq!(s.categories[0].name, "一线生产");
        assert_eq!(s.categories[0].id, "prod");
        assert!(rename_category(&mut s, 0, " ").is_err());
        assert!(rename_category(&mut s, 99, "x").is_err());
        assert!(validate::scenario(&s).is_empty());
    }

    #[test]
    fn deleting_a_category_uncategorises_its_branches() {
        let mut s = sample();
        let n = branch_count(&s, "prod");
        assert!(n > 0);
        let c = delete_category(&mut s, 0).unwrap();
        assert_eq!(c.id, "prod");
        assert!(s.branches.iter().all(|b| b.category.as_deref() != Some("prod")));
        assert_eq!(s.branches.iter().filter(|b| b.category.is_none()).count(), n);
        assert!(validate::scenario(&s).is_empty());
        assert!(delete_category(&mut s, 99).is_none());
    }

    #[test]
    fn coefficients_set_remove_and_refuse() {
        let mut s = sample();
        set_coefficient(&mut s, 0, "tasks", Some(1.5)).unwrap();
        assert_eq!(s.categories[0].coefficients["tasks"], 1.5);
        set_coefficient(&mut s, 0, "tasks", Some(1.0)).unwrap();
        assert!(!s.categories[0].coefficients.contains_key("tasks"), "1 is the default and is not stored");
        set_coefficient(&mut s, 0, "recruits", Some(0.0)).unwrap();
        assert_eq!(s.categories[0].coefficients["recruits"], 0.0);
        set_coefficient(&mut s, 0, "recruits", None).unwrap();
        assert!(!s.categories[0].coefficients.contains_key("recruits"));

        let before = s.clone();
        let err = set_coefficient(&mut s, 0, "tasks", Some(-1.0)).unwrap_err();
        assert_eq!(err[0].path, "categories[0].coefficients.tasks");
        assert!(matches!(err[0].kind, ProblemKind::OutOfRange { .. }));
        assert!(set_coefficient(&mut s, 0, "tasks", Some(f64::NAN)).is_err());
        assert!(set_coefficient(&mut s, 0, "nope", Some(2.0)).is_err());
        assert!(set_coefficient(&mut s, 0, "meetings", Some(2.0)).is_err(), "qualitative: no target");
        assert!(set_coefficient(&mut s, 9, "tasks", Some(2.0)).is_err());
        assert_eq!(s, before);
        assert!(validate::scenario(&s).is_empty());
    }

    #[test]
    fn found_by_id() {
        let s = sample();
        assert_eq!(category_index(&s, "research"), Ok(1));
        assert!(category_index(&s, "nope").is_err());
    }

    #[test]
    fn typed_coefficients() {
        assert_eq!(parse_coefficient(""), Ok(None));
        assert_eq!(parse_coefficient("  "), Ok(None));
        assert_eq!(parse_coefficient("1"), Ok(None));
        assert_eq!(parse_coefficient("1.00"), Ok(None));
        assert_eq!(parse_coefficient("1.25"), Ok(Some(1.25)));
        assert_eq!(parse_coefficient("０．８"), Ok(Some(0.8)));
        assert_eq!(parse_coefficient("0"), Ok(Some(0.0)));
        assert!(matches!(parse_coefficient("-0.5"), Err(ProblemKind::OutOfRange { .. })));
        assert!(matches!(parse_coefficient("abc"), Err(ProblemKind::WrongType { .. })));
        assert!(parse_coefficient("inf").is_err());
    }
}
