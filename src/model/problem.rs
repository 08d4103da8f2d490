//! A problem found in a scenario: where (a JSON path such as `branches[2].conditions.personnel`) and what.
//! The words are produced by the translation layer ([`crate::i18n`]), so the same problem reads in either
//! language.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// JSON path of the field, e.g. `periods[0].records.b01.actuals.output`; empty for the whole file.
    pub path: String,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// The text is not JSON at all (message from the parser, with line and column).
    Syntax { message: String },
    /// The file is larger than the limit; it was not parsed.
    TooLarge { bytes: usize, max: usize },
    /// A field that the format does not have (a typo must not be silently ignored).
    UnknownField,
    /// A required field is absent.
    Missing,
    /// The value has the wrong JSON type; `expected` names the wanted one.
    WrongType { expected: Expected },
    /// A number outside its allowed range (inclusive bounds; `None` = unbounded).
    OutOfRange { min: Option<f64>, max: Option<f64> },
    /// A number that must be a whole number.
    NotInteger,
    /// A string that must be one of a few words.
    NotOneOf { allowed: Vec<&'static str> },
    /// A required text is empty.
    Empty,
    /// A text longer than allowed (in characters).
    TooLong { max: usize },
    /// An id used twice in the same list.
    Duplicate { id: String },
    /// A reference to an id that does not exist in `list`.
    Dangling { id: String, list: &'static str },
    /// A list whose length must equal `expected` (e.g. grade names vs. levels).
    WrongLength { expected: usize },
    /// An actual of the wrong sort: a number for a qualitative indicator, a level for a quantitative one,
    /// or a value for a veto indicator.
    ActualMismatch { expected: Expected },
    /// `format` is not `pbcalc-scenario`, or `version` not one this build reads.
    WrongFormat { expected: String },
    /// A setting that is valid alone but not with another one (e.g. factor_min > factor_max).
    Inconsistent { other: String },
    /// A typed or pasted number written in a way that is refused (see [`super::number`]).
    NumberText { issue: super::number::NumberIssue },
    /// A period cannot be deleted while the target plan named `plan` starts in it (METHOD.md §1).
    PlanStartsHere { plan: String },
    /// A list with more entries than FORMAT.md allows (`model::limits`).
    TooMany { count: usize, max: usize },
    /// A product of sizes beyond its limit (`model::limits`), e.g. branches × indicators.
    TooMuch { what: super::limits::Amount, count: usize, max: usize },
    /// A key written twice in the same JSON object (strict JSON: the reader never keeps one silently).
    DuplicateKey,
    /// A name without a single visible character (only spaces or invisible characters such as U+200B).
    NotVisible,
    /// A control or text-direction (bidi) character in a name or an id: its code point.
    BadCharacter { code: u32 },
    /// An id that begins or ends with a space.
    SurroundingSpace,
    /// The file's bytes are not text in an accepted encoding (UTF-8, or UTF-16 with a byte-order mark).
    Encoding { problem: super::encoding::EncodingProblem },
}

/// The sort of value a field wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Object,
    Array,
    String,
    Number,
    Integer,
    Bool,
    /// One of "A", "B", "C", "D".
    Level,
    /// Veto indicators take a `vetoes` entry, not an actual.
    VetoEntry,
    /// Only veto indicators take a `vetoes` entry.
    VetoIndicator,
    /// Only quantitative indicators take a target override or a history.
    QuantitativeIndicator,
}

impl Problem {
    pub fn new(path: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem { path: path.into(), kind }
    }
}

impl fmt::Display for Problem {
    /// English rendering, for logs and test failures; the UI uses [`crate::i18n::problem_message`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = crate::i18n::problem_message(self, crate::i18n::Lang::En);
        f.write_str(&text)
    }
}

/// Joins a path and a key: `join("branches[0]", "name")` → `branches[0].name`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Joins a path and an index: `index("branches", 2)` → `branches[2]`.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}
