//! Edits of settings.
//!
//! Numeric settings go through [`NUMBERS`] (range, wholeness, get/set): nothing here repeats a range. What a
//! single number cannot say is checked after every edit: `factor_min ≤ factor_max`, and the grade lists have L
//! entries. Changing the number of grades L resizes the names, texts and bonus coefficients
//! ([`Grades::resize`]) and lowers branches above the new top grade to it, so the scenario stays valid.
//!
//! [`SECTIONS`] groups every setting by the section of METHOD.md that uses it, for the settings page and for
//! "reset section".

use super::super::problem::{index, Problem, ProblemKind};
use super::super::settings::{self, Allocation, Grades, NumberSetting, Settings, TierMethod, NUMBERS, SPECIAL};
use super::super::{validate, Scenario};

/// The sections of METHOD.md that have settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionId {
    /// §1 differentiated targets.
    Differentiation,
    /// §2–3 scoring.
    Scoring,
    /// §4 democratic evaluation.
    Evaluation,
    /// §5 final score.
    Final,
    /// §6 tiers.
    Tiers,
    /// §7 consequences.
    Consequences,
    /// §8 grades and promotion/demotion.
    Grades,
    /// §9 motivation check.
    Motivation,
    /// §10 simulation.
    Simulation,
}

/// One section: its numeric settings (paths of [`NUMBERS`]) and its other settings (paths of [`SPECIAL`]).
pub struct Section {
    pub id: SectionId,
    /// "§1", "§2–3", …
    pub mark: &'static str,
    pub numbers: &'static [&'static str],
    pub special: &'static [&'static str],
}

/// Every setting, once, in the order of METHOD.md.
pub static SECTIONS: &[Section] = &[
    Section {
        id: SectionId::Differentiation,
        mark: "§1",
        numbers: &["differentiation.condition_step", "differentiation.factor_min", "differentiation.factor_max"],
        special: &[],
    },
    Section {
        id: SectionId::Scoring,
        mark: "§2–3",
        numbers: &[
            "scoring.floor_ratio",
            "scoring.levels.A",
            "scoring.levels.B",
            "scoring.levels.C",
            "scoring.levels.D",
            "scoring.bonus_cap",
        ],
        special: &[],
    },
    Section {
        id: SectionId::Evaluation,
        mark: "§4",
        numbers: &[
            "evaluation.ballot_values.excellent",
            "evaluation.ballot_values.good",
            "evaluation.ballot_values.fair",
            "evaluation.ballot_values.poor",
            "evaluation.weights.members",
            "evaluation.weights.peers",
            "evaluation.weights.superiors",
        ],
        special: &[],
    },
    Section { id: SectionId::Final, mark: "§5", numbers: &["evaluation.inspection_share"], special: &[] },
    Section {
        id: SectionId::Tiers,
        mark: "§6",
        numbers: &["tiers.first_share", "tiers.bottom_share", "tiers.first_min_score", "tiers.bottom_below_score"],
        special: &["tiers.method"],
    },
    Section {
        id: SectionId::Consequences,
        mark: "§7",
        numbers: &[
            "consequences.bonus_coefficient.first",
            "consequences.bonus_coefficient.middle",
            "consequences.bonus_coefficient.bottom",
            "consequences.bonus_pool",
            "consequences.disqualify_periods",
        ],
        special: &["consequences.allocation"],
    },
    Section {
        id: SectionId::Grades,
        mark: "§8",
        numbers: &[
            "grades.levels",
            "grades.cycle_periods",
            "grades.warn_below",
            "grades.veto_drop",
            "grades.warnings_to_demote",
            "grades.top_keep_min_score",
            "grades.min_hold_cycles",
        ],
        special: &["grades.names", "grades.texts", "grades.bonus_coefficients", "grades.quotas"],
    },
    Section {
        id: SectionId::Motivation,
        mark: "§9",
        numbers: &["motivation.min_cv", "motivation.easy_above", "motivation.hard_below", "motivation.desired"],
        special: &[],
    },
    Section {
        id: SectionId::Simulation,
        mark: "§10",
        numbers: &[
            "simulation.trials",
            "simulation.cycles",
            "simulation.seed",
            "simulation.veto_probability",
            "simulation.evaluation_sd",
        ],
        special: &[],
    },
];

/// The section with id `id`.
pub fn section(id: SectionId) -> &'static Section {
    SECTIONS.iter().find(|s| s.id == id).expect("every section id is in SECTIONS")
}

/// Reads a typed number through the shared reader ([`crate::model::number`]): full-width digits and signs
/// (typed with a Chinese input method) are accepted; the Chinese comma, "inf", "NaN" and anything not a finite
/// number are not; an empty text is [`ProblemKind::Empty`].
pub fn parse_number(text: &str) -> Result<f64, ProblemKind> {
    crate::model::number::parse_required(text, crate::model::number::Kind::Decimal)
}

/// Reads a typed value for the setting `spec`: a whole-number setting refuses an exponent (`1e2`), then the
/// value must suit the setting ([`check_number`]).
pub fn parse_for(spec: &NumberSetting, text: &str) -> Result<f64, ProblemKind> {
    use crate::model::number::{parse_required, Kind};
    parse_required(text, if spec.integer { Kind::Whole } else { Kind::Decimal }).and_then(|v| check_number(spec, v))
}

/// Whether `v` suits `spec`, as a problem when not: a fraction where a whole number is wanted, or out of range.
pub fn check_number(spec: &NumberSetting, v: f64) -> Result<f64, ProblemKind> {
    if spec.accepts(v) {
        Ok(v)
    } else if spec.integer && v.is_finite() && v.fract() != 0.0 {
        Err(ProblemKind::NotInteger)
    } else {
        Err(ProblemKind::OutOfRange { min: Some(spec.min), max: Some(spec.max) })
    }
}

fn spec_of(path: &str) -> Result<&'static NumberSetting, Vec<Problem>> {
    settings::number(path).ok_or_else(|| vec![Problem::new(format!("settings.{path}"), ProblemKind::UnknownField)])
}

/// What a settings edit must leave true, beyond single numbers: factor_min ≤ factor_max and L entries in each
/// grade list.
fn consistency(st: &Settings) -> Vec<Problem> {
    let mut out = Vec::new();
    let d = &st.differentiation;
    if d.factor_min > d.factor_max {
        out.push(Problem::new(
            "settings.differentiation.factor_min",
            ProblemKind::Inconsistent { other: "settings.differentiation.factor_max".into() },
        ));
    }
    let g = &st.grades;
    let l = g.levels as usize;
    for (key, len) in
        [("names", g.names.len()), ("texts", g.texts.len()), ("bonus_coefficients", g.bonus_coefficients.len())]
    {
        if len != l {
            out.push(Problem::new(format!("settings.grades.{key}"), ProblemKind::WrongLength { expected: l }));
        }
    }
    out.extend(validate::quotas(g));
    out
}

/// Applies `change` to a copy of the settings and keeps it when it is consistent; branches above the (new)
/// top grade are lowered to it.
fn apply(s: &mut Scenario, change: impl FnOnce(&mut Settings) -> Result<(), Vec<Problem>>) -> Result<(), Vec<Problem>> {
    let mut next = s.settings.clone();
    change(&mut next)?;
    let problems = consistency(&next);
    if !problems.is_empty() {
        return Err(problems);
    }
    s.settings = next;
    let top = s.settings.grades.levels;
    for b in &mut s.branches {
        b.grade = b.grade.clamp(1, top);
    }
    Ok(())
}

/// Sets the numeric setting at `path` (a path of [`NUMBERS`], e.g. `scoring.floor_ratio`). `grades.levels`
/// resizes the grade lists.
pub fn set_number(s: &mut Scenario, path: &str, v: f64) -> Result<(), Vec<Problem>> {
    let spec = spec_of(path)?;
    let v = check_number(spec, v).map_err(|kind| vec![Problem::new(format!("settings.{path}"), kind)])?;
    apply(s, |st| {
        if path == "grades.levels" {
            st.grades.resize(v as u32);
        } else {
            (spec.set)(st, v);
        }
        Ok(())
    })
}

/// How many branches a change of L to `levels` would lower (their grade is above it).
pub fn branches_above(s: &Scenario, levels: u32) -> usize {
    s.branches.iter().filter(|b| b.grade > levels).count()
}

pub fn set_method(s: &mut Scenario, m: TierMethod) -> Result<(), Vec<Problem>> {
    apply(s, |st| {
        st.tiers.method = m;
        Ok(())
    })
}

pub fn set_allocation(s: &mut Scenario, a: Allocation) -> Result<(), Vec<Problem>> {
    apply(s, |st| {
        st.consequences.allocation = a;
        Ok(())
    })
}

fn grade_index(st: &Settings, key: &str, grade: usize) -> Result<usize, Vec<Problem>> {
    if grade < st.grades.levels as usize {
        Ok(grade)
    } else {
        Err(vec![Problem::new(index(&format!("settings.grades.{key}"), grade), ProblemKind::Missing)])
    }
}

/// Sets the name of grade `grade` (0-based: grade 1 is 0).
pub fn set_grade_name(s: &mut Scenario, grade: usize, name: &str) -> Result<(), Vec<Problem>> {
    let name = name.trim().to_string();
    apply(s, |st| {
        let i = grade_index(st, "names", grade)?;
        validate::name(&name).map_err(|k| vec![Problem::new(index("settings.grades.names", i), k)])?;
        st.grades.names[i] = name;
        Ok(())
    })
}

/// Sets the text (rewards and measures) of grade `grade` (0-based).
pub fn set_grade_text(s: &mut Scenario, grade: usize, text: &str) -> Result<(), Vec<Problem>> {
    apply(s, |st| {
        let i = grade_index(st, "texts", grade)?;
        validate::text(text).map_err(|k| vec![Problem::new(index("settings.grades.texts", i), k)])?;
        st.grades.texts[i] = text.to_string();
        Ok(())
    })
}

/// Sets the bonus coefficient of grade `grade` (0-based); a number ≥ 0.
pub fn set_grade_coefficient(s: &mut Scenario, grade: usize, v: f64) -> Result<(), Vec<Problem>> {
    apply(s, |st| {
        let i = grade_index(st, "bonus_coefficients", grade)?;
        validate::coefficient(v).map_err(|k| vec![Problem::new(index("settings.grades.bonus_coefficients", i), k)])?;
        st.grades.bonus_coefficients[i] = v;
        Ok(())
    })
}

/// Sets the quota of grade `grade` (0-based; METHOD.md §8 grade quotas): a share 0..1, or `None` for no limit.
/// The first quota set turns the setting's `null` into a list of L entries; when the last one is removed it is
/// `null` again.
pub fn set_grade_quota(s: &mut Scenario, grade: usize, v: Option<f64>) -> Result<(), Vec<Problem>> {
    apply(s, |st| {
        let i = grade_index(st, "quotas", grade)?;
        if let Some(v) = v {
            validate::share(v).map_err(|k| vec![Problem::new(index("settings.grades.quotas", i), k)])?;
        }
        let levels = st.grades.levels as usize;
        let q = st.grades.quotas.get_or_insert_with(|| vec![None; levels]);
        q.resize(levels, None);
        q[i] = v;
        if !st.grades.has_quotas() {
            st.grades.quotas = None;
        }
        Ok(())
    })
}

/// Reads a typed grade quota: empty (or blank) for no limit, else a share 0..1; "20%" (or "２０％") is read as
/// 0.2, since committees often say quotas in percent.
pub fn parse_quota(text: &str) -> Result<Option<f64>, ProblemKind> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let (number, scale) = match t.strip_suffix('%').or_else(|| t.strip_suffix('％')) {
        Some(rest) => (rest, 100.0),
        None => (t, 1.0),
    };
    let v = parse_number(number)? / scale;
    validate::share(v).map(Some)
}

/// Whether the setting at `path` (numeric or special) has its default value. For the grade lists: the default
/// lists for the current L.
pub fn is_default(st: &Settings, path: &str) -> bool {
    let d = Settings::default();
    let dl = Grades::with_levels(st.grades.levels);
    match path {
        "tiers.method" => st.tiers.method == d.tiers.method,
        "consequences.allocation" => st.consequences.allocation == d.consequences.allocation,
        "grades.names" => st.grades.names == dl.names,
        "grades.texts" => st.grades.texts == dl.texts,
        "grades.bonus_coefficients" => st.grades.bonus_coefficients == dl.bonus_coefficients,
        "grades.quotas" => !st.grades.has_quotas(),
        _ => settings::number(path).is_none_or(|n| (n.get)(st) == n.default_value()),
    }
}

/// Puts one setting back to its default. The grade lists get the defaults for the current L.
pub fn reset(s: &mut Scenario, path: &str) -> Result<(), Vec<Problem>> {
    if let Some(n) = settings::number(path) {
        return set_number(s, path, n.default_value());
    }
    let d = Settings::default();
    apply(s, |st| {
        let dl = Grades::with_levels(st.grades.levels);
        match path {
            "tiers.method" => st.tiers.method = d.tiers.method,
            "consequences.allocation" => st.consequences.allocation = d.consequences.allocation,
            "grades.names" => st.grades.names = dl.names,
            "grades.texts" => st.grades.texts = dl.texts,
            "grades.bonus_coefficients" => st.grades.bonus_coefficients = dl.bonus_coefficients,
            "grades.quotas" => st.grades.quotas = None,
            _ => return Err(vec![Problem::new(format!("settings.{path}"), ProblemKind::UnknownField)]),
        }
        Ok(())
    })
}

/// Whether every setting of the section has its default value.
pub fn section_is_default(st: &Settings, id: SectionId) -> bool {
    let sec = section(id);
    if id == SectionId::Grades && st.grades.levels != Settings::default().grades.levels {
        return false;
    }
    sec.numbers.iter().chain(sec.special).all(|p| is_default(st, p))
}

/// Puts every setting of a section back to its default (for §8: five grades with their default names,
/// texts and coefficients).
pub fn reset_section(s: &mut Scenario, id: SectionId) -> Result<(), Vec<Problem>> {
    let sec = section(id);
    let d = Settings::default();
    apply(s, |st| {
        if id == SectionId::Grades {
            st.grades = d.grades.clone();
        }
        for p in sec.numbers {
            let n = settings::number(p).expect("section paths are settings");
            (n.set)(st, n.default_value());
        }
        for p in sec.special {
            match *p {
                "tiers.method" => st.tiers.method = d.tiers.method,
                "consequences.allocation" => st.consequences.allocation = d.consequences.allocation,
                _ => {}
            }
        }
        Ok(())
    })
}

/// Every path of a section is a setting and every setting is in exactly one section.
pub fn sections_cover_every_setting() -> bool {
    let listed: Vec<&str> = SECTIONS.iter().flat_map(|s| s.numbers.iter().chain(s.special)).copied().collect();
    let all: Vec<&str> = NUMBERS.iter().map(|n| n.path).chain(SPECIAL.iter().copied()).collect();
    listed.len() == all.len() && all.iter().all(|p| listed.iter().filter(|l| *l == p).count() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::sample;

    #[test]
    fn sections_hold_every_setting_once() {
        assert!(sections_cover_every_setting());
    }

    #[test]
    fn typed_quotas() {
        assert_eq!(parse_quota(""), Ok(None));
        assert_eq!(parse_quota("  "), Ok(None));
        assert_eq!(parse_quota("0.2"), Ok(Some(0.2)));
        assert_eq!(parse_quota("20%"), Ok(Some(0.2)));
        assert_eq!(parse_quota("１０％"), Ok(Some(0.1)));
        assert_eq!(parse_quota("1"), Ok(Some(1.0)));
        assert!(matches!(parse_quota("1.5"), Err(ProblemKind::OutOfRange { .. })));
        assert!(matches!(parse_quota("-0.1"), Err(ProblemKind::OutOfRange { .. })));
        assert!(matches!(parse_quota("120%"), Err(ProblemKind::OutOfRange { .. })));
        assert!(matches!(parse_quota("x"), Err(ProblemKind::WrongType { .. })));
        assert!(matches!(parse_quota("%"), Err(ProblemKind::Empty)));
    }

    #[test]
    fn typed_numbers() {
        assert_eq!(parse_number(" 0.5 "), Ok(0.5));
        assert_eq!(parse_number("１２．５"), Ok(12.5));
        assert_eq!(parse_number("－３"), Ok(-3.0));
        assert_eq!(parse_number("1e3"), Ok(1000.0));
        assert_eq!(parse_number(""), Err(ProblemKind::Empty));
        for bad in ["abc", "inf", "NaN", "infinity", "1,5", "1e999"] {
            assert!(matches!(parse_number(bad), Err(ProblemKind::WrongType { .. })), "{bad}");
        }
    }

    #[test]
    fn every_number_can_be_set_within_its_range_and_is_refused_outside() {
        for n in NUMBERS {
            let mut s = sample();
            let v = n.default_value();
            set_number(&mut s, n.path, v).unwrap_or_else(|e| panic!("{}: {e:?}", n.path));
            assert!(validate::scenario(&s).is_empty(), "{}", n.path);
            let before = s.clone();
            let too_big = if n.max_exclusive { n.max } else { n.max + 1.0 };
            let err = set_number(&mut s, n.path, too_big).unwrap_err();
            assert_eq!(err[0].path, format!("settings.{}", n.path));
            assert_eq!(s, before, "{}: a refused edit changes nothing", n.path);
            if n.integer {
                assert_eq!(set_number(&mut s, n.path, n.min + 0.5).unwrap_err()[0].kind, ProblemKind::NotInteger);
            }
        }
    }

    #[test]
    fn factor_min_above_max_is_refused() {
        let mut s = sample();
        let err = set_number(&mut s, "differentiation.factor_min", 1.5).unwrap_err();
        assert!(matches!(err[0].kind, ProblemKind::Inconsistent { .. }));
        assert_eq!(s.settings.differentiation.factor_min, 0.7);
        set_number(&mut s, "differentiation.factor_max", 2.0).unwrap();
        set_number(&mut s, "differentiation.factor_min", 1.5).unwrap();
        assert!(validate::scenario(&s).is_empty());
        // Resetting the maximum alone would put it under the minimum: refused; the section reset works.
        assert!(reset(&mut s, "differentiation.factor_max").is_err());
        reset_section(&mut s, SectionId::Differentiation).unwrap();
        assert_eq!(s.settings.differentiation, Settings::default().differentiation);
    }

    #[test]
    fn fewer_grades_resize_the_lists_and_lower_branches() {
        let mut s = sample();
        assert!(s.branches.iter().any(|b| b.grade > 3));
        let n = branches_above(&s, 3);
        assert!(n > 0);
        set_number(&mut s, "grades.levels", 3.0).unwrap();
        let g = &s.settings.grades;
        assert_eq!((g.levels, g.names.len(), g.texts.len(), g.bonus_coefficients.len()), (3, 3, 3, 3));
        assert!(s.branches.iter().all(|b| b.grade <= 3));
        assert!(validate::scenario(&s).is_empty());
        set_number(&mut s, "grades.levels", 6.0).unwrap();
        assert_eq!(s.settings.grades.names.len(), 6);
        assert!(validate::scenario(&s).is_empty());
    }

    #[test]
    fn grade_lists_are_checked() {
        let mut s = sample();
        set_grade_name(&mut s, 0, " 起步 ").unwrap();
        assert_eq!(s.settings.grades.names[0], "起步");
        assert!(set_grade_name(&mut s, 0, "  ").is_err());
        assert!(set_grade_name(&mut s, 5, "x").is_err());
        set_grade_text(&mut s, 1, "帮扶").unwrap();
        assert!(set_grade_text(&mut s, 1, &"字".repeat(2001)).is_err());
        set_grade_coefficient(&mut s, 4, 1.3).unwrap();
        assert!(set_grade_coefficient(&mut s, 4, -0.1).is_err());
        assert!(set_grade_coefficient(&mut s, 4, f64::INFINITY).is_err());
        assert_eq!(s.settings.grades.bonus_coefficients[4], 1.3);
        assert!(validate::scenario(&s).is_empty());

        assert!(!is_default(&s.settings, "grades.names"));
        reset(&mut s, "grades.names").unwrap();
        assert_eq!(s.settings.grades.names, settings::default_grade_names(5));
        reset_section(&mut s, SectionId::Grades).unwrap();
        assert_eq!(s.settings.grades, Settings::default().grades);
        assert!(section_is_default(&s.settings, SectionId::Grades));
    }

    #[test]
    fn reset_one_and_all() {
        let mut s = sample();
        set_number(&mut s, "scoring.floor_ratio", 0.5).unwrap();
        set_method(&mut s, TierMethod::Hybrid).unwrap();
        set_allocation(&mut s, Allocation::Equal).unwrap();
        assert!(!is_default(&s.settings, "scoring.floor_ratio"));
        reset(&mut s, "scoring.floor_ratio").unwrap();
        assert!(is_default(&s.settings, "scoring.floor_ratio"));
        assert!(!section_is_default(&s.settings, SectionId::Tiers));
        reset(&mut s, "tiers.method").unwrap();
        assert_eq!(s.settings.tiers.method, TierMethod::Quota);
        reset_section(&mut s, SectionId::Consequences).unwrap();
        assert_eq!(s.settings.consequences, Settings::default().consequences);
        assert!(reset(&mut s, "no.such").is_err());
        for sec in SECTIONS {
            reset_section(&mut s, sec.id).unwrap();
        }
        assert_eq!(s.settings, Settings::default());
        assert!(validate::scenario(&s).is_empty());
    }
}
