//! Reading and writing the scenario file of FORMAT.md.
//!
//! Reading never stops at the first problem: it walks the whole document, collects every problem with its
//! JSON path (unknown fields, wrong types, out-of-range values, then dangling or duplicate ids from
//! [`validate::scenario`]) and returns a scenario only when there is none. Writing produces every field
//! explicitly, so an exported file documents the settings it was computed with.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::limits::{self, MAX_HISTORY};
use super::problem::{index, join, Expected, Problem, ProblemKind};
use super::settings::{self, Allocation, Grades, Settings, TierMethod, NUMBERS};
use super::*;
use super::{encoding, strict_json, validate};

/// Reads a scenario file's text. Files over [`MAX_FILE_BYTES`] are refused before parsing. Strict JSON: a key
/// written twice in one object is a problem at its path ([`strict_json`]).
pub fn parse_scenario(text: &str) -> Result<Scenario, Vec<Problem>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![Problem::new("", ProblemKind::TooLarge { bytes: text.len(), max: MAX_FILE_BYTES })]);
    }
    let (value, mut problems) = strict_json::parse(text.trim_start_matches('\u{feff}'))
        .map_err(|e| vec![Problem::new("", ProblemKind::Syntax { message: e.to_string() })])?;
    match scenario_from_value(&value) {
        Ok(s) if problems.is_empty() => Ok(s),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}

/// Reads a scenario file from its bytes, as both the browser import and `pbcalc check|results` do: over
/// [`MAX_FILE_BYTES`] refused unread; then decoded by the one rule of [`encoding::decode`] (UTF-8 with or
/// without a byte-order mark, or UTF-16 with one), anything else refused naming the encoding problem.
pub fn parse_scenario_bytes(bytes: &[u8]) -> Result<Scenario, Vec<Problem>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![Problem::new("", ProblemKind::TooLarge { bytes: bytes.len(), max: MAX_FILE_BYTES })]);
    }
    let text = encoding::decode(bytes).map_err(|problem| vec![Problem::new("", ProblemKind::Encoding { problem })])?;
    parse_scenario(&text)
}

/// Reads a scenario from parsed JSON, collecting every problem.
pub fn scenario_from_value(value: &Value) -> Result<Scenario, Vec<Problem>> {
    let mut r = Reader::default();
    let scenario = r.scenario(value);
    if r.problems.is_empty() {
        if let Some(s) = scenario {
            let problems = validate::scenario(&s);
            return if problems.is_empty() { Ok(s) } else { Err(problems) };
        }
    }
    Err(r.problems)
}

/// Writes a scenario as pretty JSON text.
pub fn scenario_to_string(s: &Scenario) -> String {
    serde_json::to_string_pretty(&scenario_to_value(s)).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------------------
// Reading

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

/// Where a value sits in the document, as a chain of segments on the stack: written out as text (the JSON path
/// of [`Problem`], by the rules of [`join`] and [`index`]) only when a problem is found there, so reading a
/// file without problems formats no path at all.
#[derive(Clone, Copy)]
enum Path<'a> {
    /// The document itself (`""`).
    Root,
    /// A path already written out (the settings, read key by key).
    Text(&'a str),
    /// `parent.key` (`key` alone under the root).
    Key(&'a Path<'a>, &'a str),
    /// `parent[i]`.
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The path as text, e.g. `periods[0].records.b1.actuals.i2`.
    fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match *self {
            Path::Root => {}
            Path::Text(t) => out.push_str(t),
            Path::Key(parent, key) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Path::Index(parent, i) => {
                parent.write(out);
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
}

/// An object being read: remembers which keys were asked for so the rest can be reported as unknown.
struct Obj<'v, 'p> {
    map: &'v Map<String, Value>,
    path: Path<'p>,
    used: Vec<&'v str>,
}

impl<'v> Obj<'v, '_> {
    /// The path of `key` in this object, as text (for a problem).
    fn path(&self, key: &str) -> String {
        Path::Key(&self.path, key).render()
    }
}

impl Reader {
    fn problem(&mut self, path: impl Into<String>, kind: ProblemKind) {
        self.problems.push(Problem::new(path, kind));
    }

    /// A problem at a [`Path`], written out now.
    fn problem_at(&mut self, path: &Path<'_>, kind: ProblemKind) {
        self.problems.push(Problem::new(path.render(), kind));
    }

    fn object<'v, 'p>(&mut self, v: &'v Value, path: &Path<'p>) -> Option<Obj<'v, 'p>> {
        match v {
            Value::Object(map) => Some(Obj { map, path: *path, used: Vec::new() }),
            _ => {
                self.problem_at(path, ProblemKind::WrongType { expected: Expected::Object });
                None
            }
        }
    }

    /// Reports the keys nobody asked for.
    fn finish(&mut self, o: Obj<'_, '_>) {
        for key in o.map.keys() {
            if !o.used.contains(&key.as_str()) {
                self.problem(o.path(key), ProblemKind::UnknownField);
            }
        }
    }

    /// The value of `key`; `null` counts as absent. A required absent key is reported.
    fn field<'v>(&mut self, o: &mut Obj<'v, '_>, key: &str, required: bool) -> Option<&'v Value> {
        let (k, v) = match o.map.get_key_value(key) {
            Some((k, v)) => (k.as_str(), v),
            None => {
                if required {
                    self.problem(o.path(key), ProblemKind::Missing);
                }
                return None;
            }
        };
        o.used.push(k);
        if v.is_null() {
            if required {
                self.problem(o.path(key), ProblemKind::Missing);
            }
            return None;
        }
        Some(v)
    }

    /// An optional boolean `key` (absent or `null` = false).
    fn flag(&mut self, o: &mut Obj<'_, '_>, key: &str) -> Option<bool> {
        match self.field(o, key, false) {
            None => Some(false),
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                self.problem(o.path(key), ProblemKind::WrongType { expected: Expected::Bool });
                None
            }
        }
    }

    fn string(&mut self, v: &Value, path: &Path<'_>) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            _ => {
                self.problem_at(path, ProblemKind::WrongType { expected: Expected::String });
                None
            }
        }
    }

    fn number(&mut self, v: &Value, path: &Path<'_>) -> Option<f64> {
        match v.as_f64() {
            Some(n) if v.is_number() => Some(n),
            _ => {
                self.problem_at(path, ProblemKind::WrongType { expected: Expected::Number });
                None
            }
        }
    }

    /// A string field checked by `rule`.
    fn str_by(
        &mut self,
        o: &mut Obj<'_, '_>,
        key: &str,
        required: bool,
        rule: fn(&str) -> Result<(), ProblemKind>,
    ) -> Option<String> {
        let v = self.field(o, key, required)?;
        let path = Path::Key(&o.path, key);
        let s = self.string(v, &path)?;
        match rule(&s) {
            Ok(()) => Some(s),
            Err(kind) => {
                self.problem_at(&path, kind);
                None
            }
        }
    }

    /// A number field checked and converted by `rule`.
    fn num_by<T>(
        &mut self,
        o: &mut Obj<'_, '_>,
        key: &str,
        required: bool,
        rule: &dyn Fn(f64) -> Result<T, ProblemKind>,
    ) -> Option<T> {
        let v = self.field(o, key, required)?;
        let path = Path::Key(&o.path, key);
        let n = self.number(v, &path)?;
        self.check(&path, rule(n))
    }

    fn check<T>(&mut self, path: &Path<'_>, r: Result<T, ProblemKind>) -> Option<T> {
        match r {
            Ok(t) => Some(t),
            Err(kind) => {
                self.problem_at(path, kind);
                None
            }
        }
    }

    /// A word from a fixed list.
    fn word<T>(
        &mut self,
        o: &mut Obj<'_, '_>,
        key: &str,
        allowed: &[&'static str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let v = self.field(o, key, false)?;
        let path = Path::Key(&o.path, key);
        let s = self.string(v, &path)?;
        match parse(&s) {
            Some(t) => Some(t),
            None => {
                self.problem_at(&path, ProblemKind::NotOneOf { allowed: allowed.to_vec() });
                None
            }
        }
    }

    /// The array under `key` (its path is `Path::Key(&o.path, key)`).
    fn array<'v>(&mut self, o: &mut Obj<'v, '_>, key: &str, required: bool) -> Option<&'v Vec<Value>> {
        let v = self.field(o, key, required)?;
        match v {
            Value::Array(items) => Some(items),
            _ => {
                self.problem(o.path(key), ProblemKind::WrongType { expected: Expected::Array });
                None
            }
        }
    }

    /// An object used as a map from ids to values read by `each`.
    fn map<'v, T>(
        &mut self,
        o: &mut Obj<'v, '_>,
        key: &str,
        each: &mut dyn FnMut(&mut Reader, &'v Value, &Path<'_>) -> Option<T>,
    ) -> BTreeMap<String, T> {
        // A map is keyed by branch ids (`records`) or indicator ids (everything else).
        let max = if key == "records" { limits::MAX_BRANCHES } else { limits::MAX_INDICATORS };
        self.map_keyed(o, key, max, each)
    }

    /// [`Reader::map`] with at most `max` keys (a bigger map is refused before its entries are read).
    fn map_keyed<'v, T>(
        &mut self,
        o: &mut Obj<'v, '_>,
        key: &str,
        max: usize,
        each: &mut dyn FnMut(&mut Reader, &'v Value, &Path<'_>) -> Option<T>,
    ) -> BTreeMap<String, T> {
        let mut out = BTreeMap::new();
        let Some(v) = self.field(o, key, false) else {
            return out;
        };
        let path = Path::Key(&o.path, key);
        let Value::Object(map) = v else {
            self.problem_at(&path, ProblemKind::WrongType { expected: Expected::Object });
            return out;
        };
        if map.len() > max {
            self.problem_at(&path, ProblemKind::TooMany { count: map.len(), max });
            return out;
        }
        for (k, v) in map {
            let p = Path::Key(&path, k);
            if let Err(kind) = validate::id(k) {
                self.problem_at(&p, kind);
            }
            if let Some(t) = each(self, v, &p) {
                out.insert(k.clone(), t);
            }
        }
        out
    }

    fn scenario(&mut self, v: &Value) -> Option<Scenario> {
        let mut o = self.object(v, &Path::Root)?;
        if let Some(f) = self.field(&mut o, "format", true) {
            if f.as_str() != Some(SCENARIO_FORMAT) {
                self.problem("format", ProblemKind::WrongFormat { expected: SCENARIO_FORMAT.into() });
            }
        }
        if let Some(f) = self.field(&mut o, "version", true) {
            if f.as_u64() != Some(SCENARIO_VERSION) {
                self.problem("version", ProblemKind::WrongFormat { expected: SCENARIO_VERSION.to_string() });
            }
        }
        let name = self.str_by(&mut o, "name", true, validate::name);
        let settings = match self.field(&mut o, "settings", false) {
            Some(v) => self.settings(v),
            None => Some(Settings::default()),
        };
        let categories = self.list(&mut o, "categories", false, &mut Reader::category);
        let indicators = self.list(&mut o, "indicators", true, &mut Reader::indicator);
        let optional_actions = self.list(&mut o, "optional_actions", false, &mut Reader::optional_action);
        let levels = settings.as_ref().map_or(5, |s| s.grades.levels);
        let branches = self.list(&mut o, "branches", true, &mut |r, v, p| r.branch(v, p, levels));
        let periods = self.list(&mut o, "periods", false, &mut Reader::period);
        let locked = self.flag(&mut o, "locked");
        let target_plans = self.list(&mut o, "target_plans", false, &mut Reader::target_plan);
        self.finish(o);
        Some(Scenario {
            name: name?,
            settings: settings?,
            categories: categories?,
            indicators: indicators?,
            optional_actions: optional_actions?,
            branches: branches?,
            periods: periods?,
            locked: locked?,
            target_plans: target_plans?,
        })
    }

    /// A list of items; `None` when any item failed (its problems are recorded).
    fn list<T>(
        &mut self,
        o: &mut Obj<'_, '_>,
        key: &str,
        required: bool,
        each: &mut dyn FnMut(&mut Reader, &Value, &Path<'_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Some(items) = self.array(o, key, required) else {
            return if required { None } else { Some(Vec::new()) };
        };
        let path = Path::Key(&o.path, key);
        // Beyond its limit a list is refused before its items are read (model::limits).
        let max = list_limit(key);
        if items.len() > max {
            self.problem_at(&path, ProblemKind::TooMany { count: items.len(), max });
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match each(self, item, &Path::Index(&path, i)) {
                Some(t) => out.push(t),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn category(&mut self, v: &Value, path: &Path<'_>) -> Option<Category> {
        let mut o = self.object(v, path)?;
        let id = self.str_by(&mut o, "id", true, validate::id);
        let name = self.str_by(&mut o, "name", true, validate::name);
        let coefficients = self.map(&mut o, "coefficients", &mut |r, v, p| {
            let n = r.number(v, p)?;
            r.check(p, validate::coefficient(n))
        });
        self.finish(o);
        Some(Category { id: id?, name: name?, coefficients })
    }

    fn indicator(&mut self, v: &Value, path: &Path<'_>) -> Option<Indicator> {
        let mut o = self.object(v, path)?;
        let id = self.str_by(&mut o, "id", true, validate::id);
        let name = self.str_by(&mut o, "name", true, validate::name);
        let dimension = self.str_by(&mut o, "dimension", false, validate::text).unwrap_or_default();
        let kind_word = self.word(&mut o, "kind", &["veto", "controllable", "elastic"], |s| match s {
            "veto" | "controllable" | "elastic" => Some(s.to_string()),
            _ => None,
        });
        if !o.map.contains_key("kind") || o.map["kind"].is_null() {
            self.problem(o.path("kind"), ProblemKind::Missing);
        }
        let plan = Plan {
            workload: self.str_by(&mut o, "workload", false, validate::text).unwrap_or_default(),
            measures: self.str_by(&mut o, "measures", false, validate::text).unwrap_or_default(),
            deadline: self.str_by(&mut o, "deadline", false, validate::text).unwrap_or_default(),
            effect: self.str_by(&mut o, "effect", false, validate::text).unwrap_or_default(),
        };
        // Fields that only quantitative indicators use are accepted (with their defaults) on any indicator.
        let direction = self
            .word(&mut o, "direction", &["higher", "lower"], |s| match s {
                "higher" => Some(Direction::Higher),
                "lower" => Some(Direction::Lower),
                _ => None,
            })
            .unwrap_or(Direction::Higher);
        let unit = self.str_by(&mut o, "unit", false, validate::text).unwrap_or_default();
        let decimals = self.num_by(&mut o, "decimals", false, &validate::decimals).unwrap_or(1);
        let tolerance = self.num_by(&mut o, "tolerance", false, &validate::tolerance).unwrap_or(0.1);
        let kind = match kind_word.as_deref() {
            Some("veto") => {
                for key in ["measure", "weight", "base_target"] {
                    if o.map.contains_key(key) {
                        o.used.push(o.map.get_key_value(key).map(|(k, _)| k.as_str()).unwrap_or(""));
                        self.problem(o.path(key), ProblemKind::UnknownField);
                    }
                }
                Some(IndicatorKind::Veto)
            }
            Some(flex) => {
                let flex = if flex == "elastic" { Flex::Elastic } else { Flex::Controllable };
                let weight = self.num_by(&mut o, "weight", true, &validate::weight);
                let measure_word = self.word(&mut o, "measure", &["quantitative", "qualitative"], |s| match s {
                    "quantitative" | "qualitative" => Some(s.to_string()),
                    _ => None,
                });
                if !o.map.contains_key("measure") || o.map["measure"].is_null() {
                    self.problem(o.path("measure"), ProblemKind::Missing);
                }
                let measure = match measure_word.as_deref() {
                    Some("quantitative") => {
                        self.num_by(&mut o, "base_target", true, &validate::non_negative).map(|base_target| {
                            Measure::Quantitative(Quantitative { direction, unit, decimals, base_target, tolerance })
                        })
                    }
                    Some(_) => {
                        if o.map.contains_key("base_target") {
                            o.used.push("base_target");
                            self.problem(o.path("base_target"), ProblemKind::UnknownField);
                        }
                        Some(Measure::Qualitative)
                    }
                    None => None,
                };
                match (weight, measure) {
                    (Some(weight), Some(measure)) => Some(IndicatorKind::Scored(Scored { flex, weight, measure })),
                    _ => None,
                }
            }
            None => None,
        };
        self.finish(o);
        Some(Indicator { id: id?, name: name?, dimension, kind: kind?, plan })
    }

    fn optional_action(&mut self, v: &Value, path: &Path<'_>) -> Option<OptionalAction> {
        let mut o = self.object(v, path)?;
        let id = self.str_by(&mut o, "id", true, validate::id);
        let name = self.str_by(&mut o, "name", true, validate::name);
        let points = self.num_by(&mut o, "points", true, &validate::non_negative);
        self.finish(o);
        Some(OptionalAction { id: id?, name: name?, points: points? })
    }

    fn branch(&mut self, v: &Value, path: &Path<'_>, levels: u32) -> Option<Branch> {
        let mut o = self.object(v, path)?;
        let id = self.str_by(&mut o, "id", true, validate::id);
        let name = self.str_by(&mut o, "name", true, validate::name);
        let category = self.str_by(&mut o, "category", false, validate::id);
        let members = self.num_by(&mut o, "members", false, &validate::members).unwrap_or(0);
        let mut conditions = Conditions::default();
        if let Some(v) = self.field(&mut o, "conditions", false) {
            let cp = Path::Key(&o.path, "conditions");
            if let Some(mut c) = self.object(v, &cp) {
                conditions.infrastructure =
                    self.num_by(&mut c, "infrastructure", false, &validate::condition).unwrap_or(3);
                conditions.personnel = self.num_by(&mut c, "personnel", false, &validate::condition).unwrap_or(3);
                conditions.circumstances =
                    self.num_by(&mut c, "circumstances", false, &validate::condition).unwrap_or(3);
                self.finish(c);
            }
        }
        let grade = self.num_by(&mut o, "grade", false, &|v| validate::grade(v, levels)).unwrap_or(1);
        let target_overrides = self.map(&mut o, "target_overrides", &mut |r, v, p| {
            let n = r.number(v, p)?;
            r.check(p, validate::finite(n))
        });
        let history = self.map(&mut o, "history", &mut |r, v, p| {
            let Value::Array(items) = v else {
                r.problem_at(p, ProblemKind::WrongType { expected: Expected::Array });
                return None;
            };
            if items.len() > MAX_HISTORY {
                r.problem_at(p, ProblemKind::TooMany { count: items.len(), max: MAX_HISTORY });
                return None;
            }
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let ip = Path::Index(p, i);
                let n = r.number(item, &ip)?;
                out.push(r.check(&ip, validate::finite(n))?);
            }
            Some(out)
        });
        self.finish(o);
        let (target_overrides, history) = (target_overrides.into(), history.into());
        Some(Branch { id: id?, name: name?, category, members, conditions, grade, target_overrides, history })
    }

    fn period(&mut self, v: &Value, path: &Path<'_>) -> Option<Period> {
        let mut o = self.object(v, path)?;
        let id = self.str_by(&mut o, "id", true, validate::id);
        let name = self.str_by(&mut o, "name", true, validate::name);
        let records_present = o.map.get("records").is_some_and(|v| !v.is_null());
        let records = self.map(&mut o, "records", &mut |r, v, p| r.record(v, p));
        if !records_present {
            self.problem(o.path("records"), ProblemKind::Missing);
        }
        self.finish(o);
        Some(Period { id: id?, name: name?, records: records.into() })
    }

    /// A target plan (METHOD.md §1): `id`, `name`, `from` required; base targets and overrides numbers ≥ 0, an
    /// override also `null` (removed). Whether `from` is a period and the ids exist is checked by `validate`.
    fn target_plan(&mut self, v: &Value, path: &Path<'_>) -> Option<TargetPlan> {
        let mut o = self.object(v, path)?;
        let before = self.problems.len();
        let id = self.str_by(&mut o, "id", true, validate::id);
        let name = self.str_by(&mut o, "name", true, validate::name);
        let from = self.str_by(&mut o, "from", true, validate::id);
        let base_targets = self.map(&mut o, "base_targets", &mut |r, v, p| {
            let n = r.number(v, p)?;
            r.check(p, validate::non_negative(n))
        });
        // Keyed by branch ids, each an object keyed by indicator ids.
        let target_overrides = self.map_keyed(&mut o, "target_overrides", limits::MAX_BRANCHES, &mut |r, v, p| {
            let Value::Object(cells) = v else {
                r.problem_at(p, ProblemKind::WrongType { expected: Expected::Object });
                return None;
            };
            if cells.len() > limits::MAX_INDICATORS {
                r.problem_at(p, ProblemKind::TooMany { count: cells.len(), max: limits::MAX_INDICATORS });
                return None;
            }
            let mut out = BTreeMap::new();
            for (k, v) in cells {
                let cp = Path::Key(p, k);
                if let Err(kind) = validate::id(k) {
                    r.problem_at(&cp, kind);
                }
                let change = match v {
                    Value::Null => Some(OverrideChange::Remove),
                    _ => {
                        r.number(v, &cp).and_then(|n| r.check(&cp, validate::non_negative(n))).map(OverrideChange::Set)
                    }
                };
                if let Some(c) = change {
                    out.insert(k.clone(), c);
                }
            }
            Some(out)
        });
        self.finish(o);
        if self.problems.len() != before {
            return None;
        }
        Some(TargetPlan { id: id?, name: name?, from: from?, base_targets, target_overrides })
    }

    fn record(&mut self, v: &Value, path: &Path<'_>) -> Option<Record> {
        let mut o = self.object(v, path)?;
        let before = self.problems.len();
        let actuals = self.map(&mut o, "actuals", &mut |r, v, p| match v {
            Value::Number(_) => {
                let n = r.number(v, p)?;
                r.check(p, validate::finite(n)).map(Actual::Number)
            }
            Value::String(s) => {
                match Level::parse(s).filter(|_| s.len() == 1 && s.chars().all(|c| c.is_ascii_uppercase())) {
                    Some(l) => Some(Actual::Level(l)),
                    None => {
                        r.problem_at(p, ProblemKind::NotOneOf { allowed: vec!["A", "B", "C", "D"] });
                        None
                    }
                }
            }
            Value::Null => None,
            _ => {
                r.problem_at(p, ProblemKind::WrongType { expected: Expected::Number });
                None
            }
        });
        let vetoes = self.map(&mut o, "vetoes", &mut |r, v, p| match v {
            Value::Bool(b) => Some(*b),
            Value::Null => None,
            _ => {
                r.problem_at(p, ProblemKind::WrongType { expected: Expected::Bool });
                None
            }
        });
        let optional_done = match self.array(&mut o, "optional_done", false) {
            Some(items) if items.len() > limits::MAX_OPTIONAL_ACTIONS => {
                let max = limits::MAX_OPTIONAL_ACTIONS;
                self.problem(o.path("optional_done"), ProblemKind::TooMany { count: items.len(), max });
                Vec::new()
            }
            Some(items) => {
                let p = Path::Key(&o.path, "optional_done");
                items.iter().enumerate().filter_map(|(i, v)| self.string(v, &Path::Index(&p, i))).collect()
            }
            None => Vec::new(),
        };
        let adjustments = self
            .list(&mut o, "adjustments", false, &mut |r, v, p| {
                let mut a = r.object(v, p)?;
                let points = r.num_by(&mut a, "points", true, &validate::finite);
                let reason = r.str_by(&mut a, "reason", false, validate::text).unwrap_or_default();
                r.finish(a);
                Some(Adjustment { points: points?, reason })
            })
            .unwrap_or_default();
        let mut evaluation = Evaluation::default();
        if let Some(v) = self.field(&mut o, "evaluation", false) {
            let ep = Path::Key(&o.path, "evaluation");
            if let Some(mut e) = self.object(v, &ep) {
                if let Some(bv) = self.field(&mut e, "ballots", false) {
                    let bp = Path::Key(&e.path, "ballots");
                    if let Some(mut b) = self.object(bv, &bp) {
                        let excellent = self.num_by(&mut b, "excellent", false, &validate::count).unwrap_or(0);
                        let good = self.num_by(&mut b, "good", false, &validate::count).unwrap_or(0);
                        let fair = self.num_by(&mut b, "fair", false, &validate::count).unwrap_or(0);
                        let poor = self.num_by(&mut b, "poor", false, &validate::count).unwrap_or(0);
                        self.finish(b);
                        evaluation.ballots = Some(Ballots { excellent, good, fair, poor });
                    }
                }
                evaluation.peers = self.num_by(&mut e, "peers", false, &validate::score);
                evaluation.superiors = self.num_by(&mut e, "superiors", false, &validate::score);
                self.finish(e);
            }
        }
        self.finish(o);
        let (actuals, vetoes) = (actuals.into(), vetoes.into());
        (self.problems.len() == before).then_some(Record { actuals, vetoes, optional_done, adjustments, evaluation })
    }

    /// Settings: every numeric leaf through [`NUMBERS`], the others by hand; a missing key takes its default.
    fn settings(&mut self, v: &Value) -> Option<Settings> {
        let mut s = Settings::default();
        let before = self.problems.len();
        let Value::Object(_) = v else {
            self.problem("settings", ProblemKind::WrongType { expected: Expected::Object });
            return None;
        };
        // Levels first: the lists' defaults depend on it.
        let levels_given = v.pointer("/grades/levels").and_then(Value::as_f64);
        if let Some(l) = levels_given {
            let spec = settings::number("grades.levels").expect("grades.levels is a setting");
            if spec.accepts(l) {
                s.grades = Grades::with_levels(l as u32);
            }
        }
        self.settings_object(v, "", &mut s);
        (self.problems.len() == before).then_some(s)
    }

    fn settings_object(&mut self, v: &Value, prefix: &str, s: &mut Settings) {
        let path = join("settings", prefix).trim_end_matches('.').to_string();
        let Value::Object(map) = v else {
            self.problem(path, ProblemKind::WrongType { expected: Expected::Object });
            return;
        };
        for (key, value) in map {
            let full = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
            let field_path = format!("settings.{full}");
            // null is an absent key: it takes its default.
            let known =
                settings::number(&full).is_some() || settings::SPECIAL.contains(&full.as_str()) || is_group(&full);
            if value.is_null() && known {
                continue;
            }
            if let Some(spec) = settings::number(&full) {
                if let Some(n) = self.number(value, &Path::Text(&field_path)) {
                    if spec.accepts(n) {
                        (spec.set)(s, n);
                    } else if spec.integer && n.is_finite() && n.fract() != 0.0 {
                        self.problem(field_path, ProblemKind::NotInteger);
                    } else {
                        self.problem(field_path, ProblemKind::OutOfRange { min: Some(spec.min), max: Some(spec.max) });
                    }
                }
            } else if settings::SPECIAL.contains(&full.as_str()) {
                self.special_setting(&full, value, &field_path, s);
            } else if is_group(&full) {
                self.settings_object(value, &full, s);
            } else {
                self.problem(field_path, ProblemKind::UnknownField);
            }
        }
    }

    fn special_setting(&mut self, key: &str, v: &Value, path: &str, s: &mut Settings) {
        // The grade lists (names, texts, bonus coefficients, quotas) have one entry per grade level: a longer one
        // is refused before its entries are read (model::limits).
        if let (true, Value::Array(items)) = (key.starts_with("grades."), v) {
            if items.len() > limits::MAX_GRADE_LEVELS {
                let max = limits::MAX_GRADE_LEVELS;
                return self.problem(path, ProblemKind::TooMany { count: items.len(), max });
            }
        }
        match key {
            "tiers.method" => match v.as_str().and_then(TierMethod::parse) {
                Some(m) => s.tiers.method = m,
                None => self.problem(path, ProblemKind::NotOneOf { allowed: vec!["quota", "threshold", "hybrid"] }),
            },
            "consequences.allocation" => match v.as_str().and_then(Allocation::parse) {
                Some(a) => s.consequences.allocation = a,
                None => self.problem(path, ProblemKind::NotOneOf { allowed: vec!["members", "equal"] }),
            },
            "grades.names" | "grades.texts" => {
                let Value::Array(items) = v else {
                    return self.problem(path, ProblemKind::WrongType { expected: Expected::Array });
                };
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let ip = index(path, i);
                    let ip = Path::Text(&ip);
                    if let Some(t) = self.string(item, &ip) {
                        let rule = if key == "grades.names" { validate::name } else { validate::text };
                        if let Some(()) = self.check(&ip, rule(&t)) {
                            out.push(t);
                        }
                    }
                }
                if key == "grades.names" {
                    s.grades.names = out;
                } else {
                    s.grades.texts = out;
                }
            }
            "grades.bonus_coefficients" => {
                let Value::Array(items) = v else {
                    return self.problem(path, ProblemKind::WrongType { expected: Expected::Array });
                };
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let ip = index(path, i);
                    let ip = Path::Text(&ip);
                    if let Some(n) = self.number(item, &ip) {
                        if let Some(n) = self.check(&ip, validate::coefficient(n)) {
                            out.push(n);
                        }
                    }
                }
                s.grades.bonus_coefficients = out;
            }
            "grades.quotas" => {
                // METHOD.md §8 grade quotas: each entry null (no limit) or a share 0..1; the length is checked
                // with the other grade lists (validate::scenario).
                let Value::Array(items) = v else {
                    return self.problem(path, ProblemKind::WrongType { expected: Expected::Array });
                };
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let ip = index(path, i);
                    let ip = Path::Text(&ip);
                    if item.is_null() {
                        out.push(None);
                    } else if let Some(n) = self.number(item, &ip) {
                        if let Some(n) = self.check(&ip, validate::share(n)) {
                            out.push(Some(n));
                        }
                    }
                }
                s.grades.quotas = Some(out);
            }
            _ => {}
        }
    }
}

/// The most entries the list under `key` may have (model::limits).
fn list_limit(key: &str) -> usize {
    match key {
        "branches" => limits::MAX_BRANCHES,
        "indicators" => limits::MAX_INDICATORS,
        "categories" => limits::MAX_CATEGORIES,
        "optional_actions" => limits::MAX_OPTIONAL_ACTIONS,
        "periods" => limits::MAX_PERIODS,
        "adjustments" => limits::MAX_ADJUSTMENTS,
        "target_plans" => limits::MAX_TARGET_PLANS,
        _ => usize::MAX,
    }
}

/// Whether `path` is an object of settings (a prefix of some setting's path).
fn is_group(path: &str) -> bool {
    let prefix = format!("{path}.");
    NUMBERS.iter().any(|n| n.path.starts_with(&prefix)) || settings::SPECIAL.iter().any(|p| p.starts_with(&prefix))
}

// ---------------------------------------------------------------------------------------------------------
// Writing
//
// The values are built by a few plain helpers (one object builder, one per kind of leaf) rather than `json!`,
// which expands every field into its own serialiser call: the same JSON, key for key in the same order.

/// An object of the given fields, in this order.
fn obj(fields: Vec<(&str, Value)>) -> Value {
    let mut m = Map::with_capacity(fields.len());
    for (k, v) in fields {
        m.insert(k.to_string(), v);
    }
    Value::Object(m)
}

fn text(s: &str) -> Value {
    Value::String(s.to_string())
}

/// A double as `json!` writes it (`1.0`; a non-finite one as `null`).
fn double(n: f64) -> Value {
    Value::from(n)
}

fn whole(n: u64) -> Value {
    Value::from(n)
}

/// A map of doubles (`json!` of a `BTreeMap<String, f64>`).
fn doubles(m: &BTreeMap<String, f64>) -> Value {
    Value::Object(m.iter().map(|(k, v)| (k.clone(), double(*v))).collect())
}

fn texts(v: &[String]) -> Value {
    Value::Array(v.iter().map(|s| text(s)).collect())
}

/// The scenario as JSON, every field written out.
pub fn scenario_to_value(s: &Scenario) -> Value {
    obj(vec![
        ("format", text(SCENARIO_FORMAT)),
        ("version", whole(SCENARIO_VERSION)),
        ("name", text(&s.name)),
        ("settings", settings_to_value(&s.settings)),
        (
            "categories",
            Value::Array(
                s.categories
                    .iter()
                    .map(|c| {
                        obj(vec![
                            ("id", text(&c.id)),
                            ("name", text(&c.name)),
                            ("coefficients", doubles(&c.coefficients)),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("indicators", Value::Array(s.indicators.iter().map(indicator_to_value).collect())),
        (
            "optional_actions",
            Value::Array(
                s.optional_actions
                    .iter()
                    .map(|a| obj(vec![("id", text(&a.id)), ("name", text(&a.name)), ("points", double(a.points))]))
                    .collect(),
            ),
        ),
        ("branches", Value::Array(s.branches.iter().map(branch_to_value).collect())),
        (
            "periods",
            Value::Array(
                s.periods
                    .iter()
                    .map(|p| {
                        let records = p.records.iter().map(|(k, r)| (k.clone(), record_to_value(r))).collect();
                        obj(vec![("id", text(&p.id)), ("name", text(&p.name)), ("records", Value::Object(records))])
                    })
                    .collect(),
            ),
        ),
        ("locked", Value::Bool(s.locked)),
        ("target_plans", Value::Array(s.target_plans.iter().map(target_plan_to_value).collect())),
    ])
}

fn target_plan_to_value(p: &TargetPlan) -> Value {
    let overrides: Map<String, Value> = p
        .target_overrides
        .iter()
        .map(|(b, cells)| {
            let cells: Map<String, Value> = cells
                .iter()
                .map(|(i, c)| {
                    let v = match c {
                        OverrideChange::Set(n) => number(*n),
                        OverrideChange::Remove => Value::Null,
                    };
                    (i.clone(), v)
                })
                .collect();
            (b.clone(), Value::Object(cells))
        })
        .collect();
    obj(vec![
        ("id", text(&p.id)),
        ("name", text(&p.name)),
        ("from", text(&p.from)),
        ("base_targets", doubles(&p.base_targets)),
        ("target_overrides", Value::Object(overrides)),
    ])
}

fn indicator_to_value(i: &Indicator) -> Value {
    let mut m = vec![("id", text(&i.id)), ("name", text(&i.name)), ("dimension", text(&i.dimension))];
    match &i.kind {
        IndicatorKind::Veto => m.push(("kind", text("veto"))),
        IndicatorKind::Scored(sc) => {
            let kind = match sc.flex {
                Flex::Controllable => "controllable",
                Flex::Elastic => "elastic",
            };
            m.push(("kind", text(kind)));
            match &sc.measure {
                Measure::Quantitative(q) => {
                    let direction = match q.direction {
                        Direction::Higher => "higher",
                        Direction::Lower => "lower",
                    };
                    m.push(("measure", text("quantitative")));
                    m.push(("direction", text(direction)));
                    m.push(("unit", text(&q.unit)));
                    m.push(("decimals", whole(q.decimals as u64)));
                    m.push(("base_target", double(q.base_target)));
                    m.push(("tolerance", double(q.tolerance)));
                }
                Measure::Qualitative => m.push(("measure", text("qualitative"))),
            }
            m.push(("weight", double(sc.weight)));
        }
    }
    m.push(("workload", text(&i.plan.workload)));
    m.push(("measures", text(&i.plan.measures)));
    m.push(("deadline", text(&i.plan.deadline)));
    m.push(("effect", text(&i.plan.effect)));
    obj(m)
}

fn branch_to_value(b: &Branch) -> Value {
    let c = &b.conditions;
    let conditions = obj(vec![
        ("infrastructure", whole(c.infrastructure as u64)),
        ("personnel", whole(c.personnel as u64)),
        ("circumstances", whole(c.circumstances as u64)),
    ]);
    let history = b.history.iter().map(|(k, v)| (k.clone(), Value::Array(v.iter().map(|n| double(*n)).collect())));
    let mut m = vec![
        ("id", text(&b.id)),
        ("name", text(&b.name)),
        ("members", whole(b.members as u64)),
        ("conditions", conditions),
        ("grade", whole(b.grade as u64)),
        ("target_overrides", doubles(&b.target_overrides)),
        ("history", Value::Object(history.collect())),
    ];
    if let Some(c) = &b.category {
        m.push(("category", text(c)));
    }
    obj(m)
}

fn record_to_value(r: &Record) -> Value {
    let actuals: Map<String, Value> = r
        .actuals
        .iter()
        .map(|(k, a)| {
            let v = match a {
                Actual::Number(n) => number(*n),
                Actual::Level(l) => text(l.as_str()),
            };
            (k.clone(), v)
        })
        .collect();
    let mut e = Vec::new();
    if let Some(b) = r.evaluation.ballots {
        let ballots = obj(vec![
            ("excellent", whole(b.excellent as u64)),
            ("good", whole(b.good as u64)),
            ("fair", whole(b.fair as u64)),
            ("poor", whole(b.poor as u64)),
        ]);
        e.push(("ballots", ballots));
    }
    if let Some(p) = r.evaluation.peers {
        e.push(("peers", double(p)));
    }
    if let Some(h) = r.evaluation.superiors {
        e.push(("superiors", double(h)));
    }
    // Only what was recorded: an absent part reads as empty (FORMAT.md), and a large scenario's stored document
    // stays about a third smaller (20,000 records × `"vetoes":{},"optional_done":[],…`).
    let mut out = vec![("actuals", Value::Object(actuals))];
    if !r.vetoes.is_empty() {
        out.push(("vetoes", Value::Object(r.vetoes.iter().map(|(k, b)| (k.clone(), Value::Bool(*b))).collect())));
    }
    if !r.optional_done.is_empty() {
        out.push(("optional_done", texts(&r.optional_done)));
    }
    if !r.adjustments.is_empty() {
        let adjustments = r
            .adjustments
            .iter()
            .map(|a| obj(vec![("points", number(a.points)), ("reason", text(&a.reason))]))
            .collect();
        out.push(("adjustments", Value::Array(adjustments)));
    }
    if !e.is_empty() {
        out.push(("evaluation", obj(e)));
    }
    obj(out)
}

/// A number as JSON: a whole number below 2⁵³ without the `.0` a double would get (`12`, not `12.0`; the same
/// value when read back), anything else as the double it is.
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 && !(n == 0.0 && n.is_sign_negative()) {
        Value::from(n as i64)
    } else {
        double(n)
    }
}

/// Settings as JSON, every key written (numbers through [`NUMBERS`]).
pub fn settings_to_value(s: &Settings) -> Value {
    let mut root = Value::Object(Map::new());
    for n in NUMBERS {
        let v = (n.get)(s);
        let value = if n.integer { whole(v as u64) } else { double(v) };
        set_path(&mut root, n.path, value);
    }
    let g = &s.grades;
    let quotas = match &g.quotas {
        Some(q) => Value::Array(q.iter().map(|x| x.map_or(Value::Null, double)).collect()),
        None => Value::Null,
    };
    set_path(&mut root, "tiers.method", text(s.tiers.method.as_str()));
    set_path(&mut root, "consequences.allocation", text(s.consequences.allocation.as_str()));
    set_path(&mut root, "grades.names", texts(&g.names));
    set_path(&mut root, "grades.texts", texts(&g.texts));
    set_path(
        &mut root,
        "grades.bonus_coefficients",
        Value::Array(g.bonus_coefficients.iter().map(|n| double(*n)).collect()),
    );
    set_path(&mut root, "grades.quotas", quotas);
    root
}

fn set_path(root: &mut Value, path: &str, value: Value) {
    let mut cur = root;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let map = match cur {
            Value::Object(m) => m,
            _ => return,
        };
        if parts.peek().is_none() {
            map.insert(part.to_string(), value);
            return;
        }
        cur = map.entry(part.to_string()).or_insert_with(|| Value::Object(Map::new()));
    }
}

// serde: a scenario (de)serialises as its file format, through the validating reader above.
impl serde::Serialize for Scenario {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        scenario_to_value(self).serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Scenario {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(deserializer)?;
        scenario_from_value(&v).map_err(|problems| {
            let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            serde::de::Error::custom(text.join("; "))
        })
    }
}
