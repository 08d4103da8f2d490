//! The limits of FORMAT.md ("Limits", "Strict text", "Encoding") as properties:
//!
//! * any scenario inside the limits, however extreme its numbers (±10¹², coefficients 1000, a pool of 10¹³),
//!   gives results in which every number is finite and the bonus amounts add up to the pool exactly;
//! * the reader, fed hostile files (random bytes, broken text, extreme or wrong values anywhere, duplicate
//!   keys, huge lists), never panics, and every refusal names a path (or, for a file it cannot read as JSON at
//!   all, says what and where);
//! * what the limits refuse, the reader refuses with the path and the limit, quickly.

use proptest::prelude::*;
use serde_json::{json, Value};

use pbcalc::engine::{evaluate, results_to_value};
use pbcalc::model::codec::{parse_scenario, parse_scenario_bytes, scenario_to_string, scenario_to_value};
use pbcalc::model::limits::{self, MAX_BRANCHES, MAX_COEFFICIENT, MAX_MAGNITUDE};
use pbcalc::model::sample::sample;
use pbcalc::model::settings::NUMBERS;
use pbcalc::model::{validate, Actual, Adjustment, Problem, ProblemKind, Scenario};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// Every number of the results is finite: a non-finite f64 is written as `null`, so every `null` must be one the
/// format allows (an absent evaluation source; μ, σ, p and the suggestion of an unknown motivation class).
fn assert_finite(v: &Value, key: &str, parent: Option<&Value>, path: &str) -> Result<(), TestCaseError> {
    match v {
        Value::Null => {
            let absent_source = matches!(key, "members" | "peers" | "superiors" | "evaluation");
            let unknown = matches!(key, "p" | "mu" | "sigma" | "suggested")
                && parent.and_then(|p| p.get("class")).and_then(Value::as_str) == Some("unknown");
            prop_assert!(absent_source || unknown, "null (a non-finite number) at {}", path);
        }
        Value::Number(n) => prop_assert!(n.as_f64().is_some_and(f64::is_finite), "{} at {}", n, path),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                assert_finite(item, key, parent, &format!("{path}[{i}]"))?;
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                assert_finite(item, k, Some(v), &format!("{path}.{k}"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The results of `s` are finite everywhere and every period's bonus amounts add up to the pool (or are all 0,
/// when no assessed branch has any weight).
fn check_results(s: &Scenario) -> Result<(), TestCaseError> {
    let r = evaluate(s);
    let v = results_to_value(&r);
    assert_finite(&v, "", None, "results")?;
    let pool = s.settings.consequences.bonus_pool.round() as i64;
    for p in &r.periods {
        let amounts: Vec<i64> = p.rows.iter().map(|row| row.bonus_amount).collect();
        prop_assert!(amounts.iter().all(|&a| a >= 0), "negative amount in {}", p.period);
        let sum: i64 = amounts.iter().sum();
        prop_assert!(sum == pool || sum == 0, "{}: amounts add up to {} for a pool of {}", p.period, sum, pool);
        let weight = |row: &pbcalc::engine::PeriodRow| {
            let members = s.branch(&row.branch).map_or(0, |b| b.members);
            let g = s.settings.grades.coefficient(row.grade);
            pbcalc::engine::consequences::bonus_weight(members, row.tier, g, &s.settings.consequences)
        };
        if pool > 0 && p.rows.iter().any(|row| weight(row) > 0.0) {
            prop_assert_eq!(sum, pool);
        }
    }
    Ok(())
}

/// A number at the edges: 0, tiny, ordinary, the largest allowed, in either sign.
fn extreme(max: f64, signed: bool) -> impl Strategy<Value = f64> {
    let v = prop_oneof![
        Just(0.0),
        Just(max),
        Just(1e-300),
        Just(5e-324),
        0.0..10.0f64,
        0.0..max,
        Just(max * 0.999_999_999),
    ];
    (v, any::<bool>()).prop_map(move |(x, neg)| if signed && neg { -x } else { x })
}

/// The sample with its numbers replaced by extremes inside the limits.
fn extreme_scenario() -> impl Strategy<Value = Scenario> {
    let m = MAX_MAGNITUDE;
    (
        prop::collection::vec(extreme(m, true), 64),
        prop::collection::vec(extreme(MAX_COEFFICIENT, false), 16),
        prop::collection::vec(prop::sample::select(vec![0.0, 1.0, 1e6]), 16),
        prop::collection::vec(0.0..1.0f64, NUMBERS.len()),
        prop::sample::select(vec![0.0, 1.0, 7.0, 1e12, 1e13]),
        any::<u64>(),
    )
        .prop_map(|(nums, coefs, members, settings, pool, seed)| {
            let mut s = sample();
            let mut k = seed as usize;
            let mut num = || {
                k = k.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                nums[(k >> 33) % nums.len()]
            };
            for ind in &mut s.indicators {
                if let pbcalc::model::IndicatorKind::Scored(sc) = &mut ind.kind {
                    if let pbcalc::model::Measure::Quantitative(q) = &mut sc.measure {
                        q.base_target = num().abs();
                    }
                    sc.weight = num().abs().min(1e6);
                }
            }
            for (i, c) in s.categories.iter_mut().enumerate() {
                for (j, v) in c.coefficients.values_mut().enumerate() {
                    *v = coefs[(i * 3 + j) % coefs.len()];
                }
            }
            for a in &mut s.optional_actions {
                a.points = num().abs();
            }
            for (i, b) in s.branches.iter_mut().enumerate() {
                b.members = members[i % members.len()] as u32;
                for v in b.target_overrides.values_mut() {
                    *v = num();
                }
                for h in b.history.values_mut() {
                    h.iter_mut().for_each(|x| *x = num());
                }
            }
            for p in &mut s.periods {
                for r in p.records.values_mut() {
                    for a in r.actuals.values_mut() {
                        if let Actual::Number(x) = a {
                            *x = num();
                        }
                    }
                    r.adjustments.push(Adjustment { points: num(), reason: "极端".into() });
                }
            }
            // Every numeric setting somewhere in its range, at its ends now and then.
            for (n, &u) in NUMBERS.iter().zip(&settings) {
                let v = if u < 0.1 {
                    n.min
                } else if u > 0.9 {
                    n.max
                } else {
                    n.min + (n.max - n.min) * u
                };
                let v = if n.integer { v.round() } else { v };
                if n.accepts(v) && !n.path.starts_with("grades.levels") && !n.path.starts_with("simulation") {
                    (n.set)(&mut s.settings, v);
                }
            }
            if s.settings.differentiation.factor_min > s.settings.differentiation.factor_max {
                s.settings.differentiation.factor_min = s.settings.differentiation.factor_max;
            }
            let l = s.settings.grades.levels as usize;
            s.settings.grades.bonus_coefficients = (0..l).map(|g| coefs[g % coefs.len()]).collect();
            s.settings.consequences.bonus_pool = pool;
            s
        })
}

/// Every path of a JSON value, as a list of steps.
fn paths(v: &Value, here: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, item) in m {
                here.push(json!(k));
                paths(item, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                here.push(json!(i));
                paths(item, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at<'v>(v: &'v mut Value, path: &[Value]) -> &'v mut Value {
    path.iter().fold(v, |v, step| match step {
        Value::String(k) => &mut v[k.as_str()],
        Value::Number(i) => &mut v[i.as_u64().unwrap() as usize],
        _ => v,
    })
}

/// Values a hostile file puts anywhere.
fn hostile() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(1e308)),
        Just(json!(-1e308)),
        Just(json!(1.000001e12)),
        Just(json!(-1.000001e12)),
        Just(json!(1e13)),
        Just(json!(1e300)),
        Just(json!(5e-324)),
        Just(json!(u64::MAX)),
        Just(json!(i64::MIN)),
        Just(json!(-1)),
        Just(json!(0.5)),
        Just(json!(1001)),
        Just(json!("")),
        Just(json!(" ")),
        Just(json!("\u{200B}")),
        Just(json!("\u{FEFF}")),
        Just(json!("a\u{202E}b")),
        Just(json!("\0")),
        Just(json!("\n")),
        Just(json!(" b01")),
        Just(json!("x".repeat(100_000))),
        Just(json!([])),
        Just(json!({})),
        Just(Value::Null),
        Just(json!(true)),
        Just(json!({"unknown": 1})),
        Just(Value::Array(vec![json!(1); MAX_BRANCHES + 1])),
        Just(Value::Array(vec![json!({"id": "x", "name": "x"}); 20])),
    ]
}

/// A refusal says where: a path, or for a file that is not JSON text at all, what and where in words.
fn names_a_place(p: &Problem) -> bool {
    !p.path.is_empty()
        || matches!(
            p.kind,
            ProblemKind::Syntax { .. }
                | ProblemKind::TooLarge { .. }
                | ProblemKind::Encoding { .. }
                | ProblemKind::WrongType { .. }
        )
}

fn read_hostile(bytes: &[u8]) -> Result<(), TestCaseError> {
    match parse_scenario_bytes(bytes) {
        Ok(s) => {
            prop_assert!(validate::scenario(&s).is_empty());
            check_results(&s)?;
        }
        Err(problems) => {
            prop_assert!(!problems.is_empty());
            for p in &problems {
                prop_assert!(names_a_place(p), "no place: {:?}", p);
                // Every message reads in both languages.
                for lang in pbcalc::i18n::Lang::ALL {
                    prop_assert!(!pbcalc::i18n::problem_message(p, lang).is_empty());
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    /// Inside the limits every result is finite and the bonus adds up, however extreme the numbers.
    #[test]
    fn extreme_numbers_inside_the_limits_give_finite_results(s in extreme_scenario()) {
        prop_assert!(validate::scenario(&s).is_empty(), "{:?}", validate::scenario(&s));
        check_results(&s)?;
        // And the file of such a scenario reads back as it was.
        let back = parse_scenario(&scenario_to_string(&s));
        prop_assert!(back.is_ok(), "{:?}", back.err());
    }

    /// A hostile value anywhere in a real file: read or refused with a path, never a panic.
    #[test]
    fn hostile_values_anywhere(pick in any::<prop::sample::Index>(), bad in hostile(), also in any::<prop::sample::Index>(), bad2 in hostile()) {
        let mut v = scenario_to_value(&sample());
        let mut all = Vec::new();
        paths(&v, &mut Vec::new(), &mut all);
        let p = pick.get(&all).clone();
        *at(&mut v, &p) = bad;
        let mut all = Vec::new();
        paths(&v, &mut Vec::new(), &mut all);
        let p = also.get(&all).clone();
        *at(&mut v, &p) = bad2;
        read_hostile(serde_json::to_string(&v).unwrap().as_bytes())?;
    }

    /// Broken bytes: random edits of a real file's text, including bytes that are not UTF-8.
    #[test]
    fn hostile_bytes(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)) {
        let mut bytes = scenario_to_string(&sample()).into_bytes();
        for (i, b, op) in edits {
            let k = i.index(bytes.len().max(1));
            match op {
                0 => bytes[k] = b,
                1 => bytes.insert(k, b),
                _ => {
                    bytes.remove(k);
                }
            }
        }
        read_hostile(&bytes)?;
    }

    /// A key written twice anywhere is refused at its path.
    #[test]
    fn duplicate_keys_are_refused_at_their_path(pick in any::<prop::sample::Index>()) {
        let text = serde_json::to_string(&scenario_to_value(&sample())).unwrap();
        // Every `"key":` of an object; repeat one of them with the same value right after itself.
        let keys: Vec<usize> = text.match_indices("\":").map(|(i, _)| i).collect();
        let end = pick.get(&keys) + 2;
        let start = text[..end - 2].rfind('"').unwrap();
        let value_end = next_value_end(&text, end);
        let entry = &text[start..value_end];
        let doubled = format!("{},{}{}", &text[..value_end], entry, &text[value_end..]);
        let problems = parse_scenario(&doubled).unwrap_err();
        prop_assert!(problems.iter().any(|p| p.kind == ProblemKind::DuplicateKey && !p.path.is_empty()), "{:?}", problems);
    }
}

/// Where the JSON value starting at `from` ends (the text is compact JSON).
fn next_value_end(text: &str, from: usize) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut in_str, mut esc) = (0i32, false, false);
    for (i, &c) in b.iter().enumerate().skip(from) {
        if in_str {
            match c {
                _ if esc => esc = false,
                b'\\' => esc = true,
                b'"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            b'"' => in_str = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth == 0 => return i,
            b'}' | b']' => depth -= 1,
            b',' if depth == 0 => return i,
            _ => {}
        }
    }
    b.len()
}

#[test]
fn the_numbers_of_the_issue_are_refused_with_their_path_and_limit() {
    let mut v = scenario_to_value(&sample());
    v["settings"]["grades"]["bonus_coefficients"][0] = json!(1e300);
    v["settings"]["consequences"]["bonus_pool"] = json!(1e13);
    v["branches"][0]["history"] = json!({ v["indicators"][0]["id"].as_str().unwrap(): [1e308, 1] });
    let problems = parse_scenario(&v.to_string()).unwrap_err();
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        text.iter().any(|t| t == "settings.grades.bonus_coefficients[0]: out of range: allowed 0 … 1000"),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t.starts_with("branches[0].history.") && t.ends_with("1000000000000")), "{text:?}");
}

#[test]
fn too_many_branches_are_refused_at_once_with_the_limit() {
    let mut v = scenario_to_value(&sample());
    let branches: Vec<Value> =
        (0..100_000).map(|i| json!({ "id": format!("x{i}"), "name": format!("支部{i}") })).collect();
    v["branches"] = Value::Array(branches);
    let text = v.to_string();
    let problems = parse_scenario(&text).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].to_string(), "branches: too many entries: 100,000; the limit is 1,000");
    let zh = pbcalc::i18n::problem_message(&problems[0], pbcalc::i18n::Lang::Zh);
    assert_eq!(zh, "branches: 条目过多：100,000 项，上限 1,000 项");
}

/// The largest list of branches passes the check (which is linear now: it was quadratic, 100,000 branches took
/// 94 s; `cargo bench --bench limits` prints the time).
#[test]
fn validation_of_the_largest_lists_is_quick() {
    let mut s = sample();
    let template = s.branches[0].clone();
    s.branches = (0..MAX_BRANCHES)
        .map(|i| {
            let mut b = template.clone();
            b.id = format!("x{i:05}");
            b
        })
        .collect();
    s.periods.truncate(1);
    s.periods[0].records.clear();
    // (the sample's target plan starts in a later period)
    s.target_plans.clear();
    let problems = validate::scenario(&s);
    assert!(problems.is_empty(), "{:?}", &problems[..problems.len().min(3)]);
}

#[test]
fn products_beyond_their_limits_are_refused() {
    let mut s = sample();
    let template = s.branches[0].clone();
    // Branches × indicators beyond their limit.
    let n = limits::MAX_TARGET_CELLS / s.indicators.len() + 1;
    s.branches = (0..n.min(MAX_BRANCHES))
        .map(|i| {
            let mut b = template.clone();
            b.id = format!("x{i:05}");
            b
        })
        .collect();
    s.periods.clear();
    let problems = limits::check(&s);
    if n <= MAX_BRANCHES {
        assert!(
            problems.iter().any(|p| p.path == "branches" && matches!(p.kind, ProblemKind::TooMuch { .. })),
            "{problems:?}"
        );
    }
    // Editors: adding a branch beyond the limit is refused with the path and the limit.
    let mut s = sample();
    let b = s.branches[0].clone();
    while s.branches.len() < MAX_BRANCHES {
        let mut nb = b.clone();
        nb.id = format!("y{}", s.branches.len());
        s.branches.push(nb);
    }
    let mut extra = b.clone();
    extra.id = "one-too-many".into();
    let err = pbcalc::model::edit::add_branch(&mut s, extra).unwrap_err();
    assert_eq!(err[0].path, "branches");
    assert_eq!(err[0].kind, ProblemKind::TooMany { count: MAX_BRANCHES + 1, max: MAX_BRANCHES });
    assert_eq!(s.branches.len(), MAX_BRANCHES, "a refused edit changes nothing");
}

#[test]
fn editors_refuse_what_the_reader_refuses() {
    use pbcalc::model::edit::{categories, records, settings as eds, targets};
    let mut s = sample();
    let before = s.clone();
    let q = s.indicators.iter().find(|i| i.quantitative().is_some()).unwrap().id.clone();
    let b = s.branches[0].id.clone();
    assert!(targets::set_override(&mut s, &b, &q, Some(1e300)).is_err());
    assert!(targets::set_override(&mut s, &b, &q, Some(2e12)).is_err());
    assert!(eds::set_grade_coefficient(&mut s, 0, 1e300).is_err());
    assert!(eds::set_grade_coefficient(&mut s, 0, 1001.0).is_err());
    assert!(eds::set_number(&mut s, "consequences.bonus_pool", f64::INFINITY).is_err());
    assert!(categories::parse_coefficient("1e300").is_err());
    assert!(categories::parse_coefficient("1000").is_ok());
    let cell = vec![(
        b.clone(),
        records::RecordField::Actual(q.clone()),
        records::FieldValue::Actual(Some(Actual::Number(1e308))),
    )];
    assert!(records::set_fields(&mut s, 0, &cell).is_err());
    let adj = vec![Adjustment { points: 1e13, reason: "x".into() }];
    assert!(records::set_adjustments(&mut s, 0, &b, adj).is_err());
    let many = vec![Adjustment { points: 1.0, reason: "x".into() }; limits::MAX_ADJUSTMENTS + 1];
    let err = records::set_adjustments(&mut s, 0, &b, many).unwrap_err();
    assert!(err[0].path.ends_with(".adjustments"), "{err:?}");
    // Names and ids: the same rules as the reader.
    let mut nb = s.branches[0].clone();
    nb.id = "new".into();
    nb.name = "\u{200B}\u{FEFF}".into();
    let err = pbcalc::model::edit::add_branch(&mut s, nb.clone()).unwrap_err();
    assert_eq!(err[0].kind, ProblemKind::NotVisible);
    nb.name = "支部\u{202E}部支".into();
    assert!(pbcalc::model::edit::add_branch(&mut s, nb.clone()).is_err());
    nb.name = "新支部".into();
    nb.id = " new".into();
    assert!(pbcalc::model::edit::add_branch(&mut s, nb.clone()).is_err());
    assert!(records::add_period(&mut s, "p\0", "期").is_err());
    assert_eq!(s, before, "refused edits change nothing");
}

#[test]
fn strict_text_rules_on_import() {
    for (field, value, kind) in [
        ("name", json!("\u{200B}"), ProblemKind::NotVisible),
        ("name", json!("\u{FEFF}"), ProblemKind::NotVisible),
        ("name", json!("a\u{202E}b"), ProblemKind::BadCharacter { code: 0x202E }),
        ("name", json!("a\tb"), ProblemKind::BadCharacter { code: 9 }),
        ("id", json!(" "), ProblemKind::Empty),
        ("id", json!("\n"), ProblemKind::Empty),
        ("id", json!("\0"), ProblemKind::BadCharacter { code: 0 }),
        ("id", json!("b 1 "), ProblemKind::SurroundingSpace),
        ("id", json!("b\u{200B}1"), ProblemKind::BadCharacter { code: 0x200B }),
    ] {
        let mut v = scenario_to_value(&sample());
        v["categories"][0][field] = value.clone();
        let problems = parse_scenario(&v.to_string()).unwrap_err();
        assert!(
            problems.iter().any(|p| p.path == format!("categories[0].{field}") && p.kind == kind),
            "{field} {value}: {problems:?}"
        );
    }
}

#[test]
fn encodings_are_refused_alike_natively_and_in_the_browser() {
    let text = scenario_to_string(&sample());
    // UTF-16 with a byte-order mark reads; the same text in GB18030-like bytes does not.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(parse_scenario_bytes(&utf16).unwrap(), sample());
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.as_bytes());
    assert_eq!(parse_scenario_bytes(&bom).unwrap(), sample());
    let gb = text.replacen("\"name\": \"", "\"name\": \"\u{0}", 1).into_bytes();
    let gb: Vec<u8> = gb.into_iter().map(|b| if b == 0 { 0xB5 } else { b }).collect();
    let problems = parse_scenario_bytes(&gb).unwrap_err();
    assert!(matches!(problems[0].kind, ProblemKind::Encoding { .. }), "{problems:?}");
    let zh = pbcalc::i18n::problem_message(&problems[0], pbcalc::i18n::Lang::Zh);
    assert!(zh.starts_with("文件不是 UTF-8 编码：第 "), "{zh}");
}
