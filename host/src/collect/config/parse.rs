//! Parses one OpenClaw config file as the gateway does: JSON5 (comments,
//! trailing commas, unquoted keys), whose top level must be an object.
//! Parse errors name the file, line and column. The text is pre-scanned
//! (`prescan.rs`) before the recursive reader (`reader.rs`) sees it.

use super::located::Located;
use super::{prescan, reader};
use crate::error::{Error, Result};
use std::path::Path;

/// Where one file sits in the config, and what the config may still hold.
#[derive(Debug)]
pub(crate) struct Budget {
    /// How many containers deep the file's top level sits (0 for the main
    /// config, the including object's depth for an include).
    pub depth: usize,
    /// How many values the config may still hold.
    pub values_left: usize,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            depth: 0,
            values_left: prescan::MAX_VALUES,
        }
    }
}

/// Parses the JSON5 text of `path` into a value that knows where each
/// key was written; the main config must be an object
/// (`require_object`), an included file may be any value.
pub(crate) fn parse_file(
    path: &Path,
    text: &str,
    require_object: bool,
    budget: &mut Budget,
) -> Result<Located> {
    prescan::check(text, budget.depth, &mut budget.values_left).map_err(|problem| {
        Error::Invalid {
            path: path.to_path_buf(),
            line: problem.line,
            column: problem.column,
            message: problem.message,
        }
    })?;
    parse(path, text, require_object)
}

/// Reads JSON5 text from `path`; the main config must be an object
/// (`require_object`). The text must have passed [`prescan::check`] (as
/// [`parse_file`] does): the reader recurses once per level.
fn parse(path: &Path, text: &str, require_object: bool) -> Result<Located> {
    let value = reader::read(path, text).map_err(|error| Error::Invalid {
        path: path.to_path_buf(),
        line: error.line,
        column: error.column,
        message: error.message,
    })?;
    // As OpenClaw's schema refuses it: one issue at the top level.
    if require_object && !value.is_object() {
        return Err(Error::ConfigRefused {
            config: path.to_path_buf(),
            issues: vec![super::validity::ConfigIssue::at_top(
                path,
                "the config must be a JSON5 object (`{ ... }`)",
            )],
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
        let value = value.map(|located| located.into_parts().0);
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
    fn refuses_deep_nesting_before_parsing() {
        let text = format!("{{a: {}1{}}}", "[".repeat(10_000), "]".repeat(10_000));
        match parse_file(Path::new("c.json"), &text, true, &mut Budget::default()) {
            Err(Error::Invalid { line, message, .. }) => {
                assert_eq!(line, 1);
                assert!(message.contains("nested deeper"), "{message}");
            }
            other => panic!("expected an invalid-input error, got {other:?}"),
        }
    }

    #[test]
    fn refuses_a_non_object_at_the_top_level() {
        match parse(Path::new("c.json"), "[1]", true) {
            Err(Error::ConfigRefused { issues, .. }) => {
                assert_eq!(issues.len(), 1);
                assert_eq!(issues[0].path, "<root>");
                assert_eq!(issues[0].line, Some(1));
            }
            other => panic!("expected a refused config, got {other:?}"),
        }
    }
}
