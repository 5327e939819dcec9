//! Parses one OpenClaw config file as the gateway does: JSON5 (comments,
//! trailing commas, unquoted keys), whose top level must be an object.
//! Parse errors name the file, line and column.

use crate::error::{Error, Result};
use serde_json::Value;
use std::path::Path;

/// Parses JSON5 text from `path` into a JSON value; the main config must be
/// an object (`require_object`), an included file may be any value.
pub fn parse(path: &Path, text: &str, require_object: bool) -> Result<Value> {
    let value: Value = json5::from_str(text).map_err(|error| {
        let position = error.position();
        Error::Invalid {
            path: path.to_path_buf(),
            line: position.map_or(1, |p| p.line + 1),
            column: position.map_or(1, |p| p.column + 1),
            message: error.code().map_or_else(
                || crate::value_free::without_values(&error.to_string()),
                |code| format!("invalid JSON5: {code}"),
            ),
        }
    })?;
    if require_object && !value.is_object() {
        return Err(Error::Invalid {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "the config must be a JSON5 object (`{ ... }`)".to_owned(),
        });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_json5() {
        let value = parse(
            Path::new("c.json"),
            "{ // note\n gateway: { bind: 'loopback', },\n}",
            true,
        );
        assert_eq!(
            value
                .ok()
                .and_then(|v| v["gateway"]["bind"].as_str().map(str::to_owned)),
            Some("loopback".into())
        );
    }

    #[test]
    fn names_the_line_of_a_syntax_error() {
        let error = parse(
            Path::new("c.json"),
            "{\n  \"gateway\": {\n    \"bind\": loopback\n  }\n}",
            true,
        );
        match error {
            Err(Error::Invalid { line, .. }) => assert_eq!(line, 3),
            other => panic!("expected an invalid-input error, got {other:?}"),
        }
    }

    #[test]
    fn refuses_a_non_object() {
        assert!(matches!(
            parse(Path::new("c.json"), "[1]", true),
            Err(Error::Invalid { .. })
        ));
    }
}
