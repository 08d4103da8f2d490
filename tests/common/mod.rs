//! Shared by the worked-example tests: the field-by-field comparison of a results file against the expected
//! one (rows in order, numbers to 1e-6, targets to float noise, integers, strings, booleans and nulls exactly).

use serde_json::Value;

/// Fields whose numbers are whole in the file format: compared as integers.
const INTEGERS: &[&str] = &["version", "rank", "bonus_amount", "cycle", "warnings", "grade_before", "grade_after"];

fn compare_at(path: &str, key: &str, expected: &Value, actual: &Value, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for k in e.keys() {
                if !a.contains_key(k) {
                    errors.push(format!("{path}.{k}: missing"));
                }
            }
            for k in a.keys() {
                if !e.contains_key(k) {
                    errors.push(format!("{path}.{k}: not in the expected file"));
                }
            }
            for (k, ev) in e {
                if let Some(av) = a.get(k) {
                    compare_at(&format!("{path}.{k}"), k, ev, av, errors);
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                errors.push(format!("{path}: {} items expected, {} found", e.len(), a.len()));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                compare_at(&format!("{path}[{i}]"), key, ev, av, errors);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let (ef, af) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            if INTEGERS.contains(&key) {
                if !(a.is_u64() || a.is_i64()) || e.as_i64() != a.as_i64() {
                    errors.push(format!("{path}: expected integer {e}, found {a}"));
                }
            } else if key == "target" {
                // Targets are rounded to their decimals (or overrides as given): equal to float noise.
                if (ef - af).abs() > 1e-9 {
                    errors.push(format!("{path}: expected {e}, found {a}"));
                }
            } else if (ef - af).abs() > 1e-6 {
                errors.push(format!("{path}: expected {e}, found {a} (difference {:e})", af - ef));
            }
        }
        (e, a) => {
            if e != a {
                errors.push(format!("{path}: expected {e}, found {a}"));
            }
        }
    }
}

/// Every difference between `expected` and `actual`, each with its JSON path; empty when they agree.
pub fn compare(expected: &Value, actual: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    compare_at("$", "", expected, actual, &mut errors);
    errors
}
