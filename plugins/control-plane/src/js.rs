//! Small helpers that reproduce how the gateway (a JavaScript program)
//! reads loosely typed config values: truthiness, trimming, lower-casing.

use pincer_sdk::secret::js_trim;
use serde_json::Value;

/// Whether a JSON value is truthy as JavaScript judges it (not `null`,
/// `false`, `0` or `""`).
pub fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Number(number) => number.as_f64().is_some_and(|n| n != 0.0),
        Value::String(text) => !text.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// A string entry trimmed (JavaScript `trim`), `None` when it is not a
/// string or nothing is left.
pub fn trimmed(value: &Value) -> Option<&str> {
    value.as_str().map(js_trim).filter(|text| !text.is_empty())
}

/// A string entry trimmed and lower-cased, `None` when it is not a string
/// or nothing is left.
pub fn trimmed_lower(value: &Value) -> Option<String> {
    trimmed(value).map(str::to_lowercase)
}
