//! Whether OpenClaw would accept the config, decided as it decides: the
//! merged config, `${VAR}`s resolved, prepared as every load prepares it
//! ([`prepare`]), validated against OpenClaw's own JSON Schema
//! ([`schema`]) and the rules its schema cannot express ([`rules`]).
//! Each issue keeps the reference's path and gets the file, line and
//! column it was written at.

mod issue;
mod prepare;
mod rules;
mod schema;

pub use issue::ConfigIssue;
pub(crate) use rules::Place;

use super::source_map::SourceNode;
use pincer_sdk::envsubst::substitute;
use serde_json::Value;

/// Every reason OpenClaw would refuse `config` (the merged config, as
/// written), located by `sources`; `lookup` reads the environment the
/// gateway sees. In the order they appear in the files.
///
/// # Errors
///
/// When the vendored schema cannot be compiled (a build defect).
pub(crate) fn check(
    config: &Value,
    sources: &SourceNode,
    lookup: &dyn Fn(&str) -> Option<String>,
    place: &Place<'_>,
) -> Result<Vec<ConfigIssue>, String> {
    let resolved = resolved(config, lookup);
    let prepared = prepare::prepare(&resolved);
    let mut found = schema::issues(&prepared.value)?;
    // A SecretRef where a plain string belongs is said once, by its rule.
    let surfaces = rules::plain_string_surfaces(&prepared.value);
    found.retain(|issue| !surfaces.contains(&issue.path));
    // Channels and plugin configs are their plugins' schemas, which
    // OpenClaw applies only to a config its core accepts.
    let (plugin_stage, core): (Vec<_>, Vec<_>) = found
        .into_iter()
        .partition(|issue| is_plugin_config(&issue.path));
    let semantic = rules::issues(&prepared, &core, place);
    let reported = if core.is_empty() && semantic.is_empty() {
        plugin_stage
    } else {
        core.into_iter().chain(semantic).collect()
    };
    let mut issues: Vec<ConfigIssue> = reported
        .into_iter()
        .map(|issue| {
            let written = prepared.written_at(&issue.path);
            let at = match &issue.key {
                Some(key) => sources.locate(&written.key(key).dotted()),
                None => sources.locate(&written.dotted()),
            };
            ConfigIssue::new(&issue.path, issue.message, at)
        })
        .collect();
    issues.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.path, &a.message)
            .cmp(&(&b.file, b.line, b.column, &b.path, &b.message))
    });
    issues.dedup();
    Ok(issues)
}

/// Whether `path` lies in a channel's config or a plugin's own config,
/// which their plugins' schemas judge.
fn is_plugin_config(path: &issue::ValuePath) -> bool {
    use issue::Step;
    let key = |index: usize, name: &str| path.0.get(index) == Some(&Step::Key(name.to_owned()));
    (key(0, "channels") && path.0.len() >= 2)
        || (key(0, "plugins") && key(1, "entries") && key(3, "config"))
}

/// `config` with every string's `${VAR}`s substituted, as OpenClaw
/// validates it (a missing variable stays as written).
fn resolved(config: &Value, lookup: &dyn Fn(&str) -> Option<String>) -> Value {
    match config {
        Value::String(text) if text.contains("${") => Value::String(substitute(text, lookup).text),
        Value::Array(items) => {
            Value::Array(items.iter().map(|item| resolved(item, lookup)).collect())
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| (key.clone(), resolved(value, lookup)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn place() -> Place<'static> {
        Place {
            state_dir: Path::new("/state"),
            home: None,
        }
    }

    fn issues(text: &str) -> Vec<ConfigIssue> {
        let located = super::super::reader::read(Path::new("openclaw.json"), text).expect("JSON5");
        let (value, sources) = located.into_parts();
        check(&value, &sources, &|_| None, &place()).expect("the schema compiles")
    }

    #[test]
    fn the_issue_example_is_refused_with_files_lines_and_columns() {
        let found = issues(
            "{\n  gatway: { bind: 'lan' },\n  agents: { defaults: { sandbox: {\n    mdoe: 'all' } } },\n}",
        );
        let lines: Vec<String> = found
            .iter()
            .map(|issue| issue.line_text(Path::new("openclaw.json")))
            .collect();
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert!(
            lines[0].starts_with("openclaw.json:2:3: <root>: unknown key \"gatway\""),
            "{lines:#?}"
        );
        assert!(
            lines[1]
                .starts_with("openclaw.json:4:5: agents.defaults.sandbox: unknown key \"mdoe\""),
            "{lines:#?}"
        );
    }

    #[test]
    fn a_moved_list_is_located_at_the_list_element() {
        let found = issues(
            "{\n  agents: { list: [\n    { id: 'ops', sandbox: { mdoe: 'all' } },\n  ] },\n}",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].path, "agents.entries.ops.sandbox");
        assert_eq!((found[0].line, found[0].column), (Some(3), Some(29)));
    }

    #[test]
    fn a_variable_is_resolved_before_validating() {
        let located =
            super::super::reader::read(Path::new("c.json"), "{ gateway: { bind: '${BIND}' } }")
                .expect("JSON5");
        let (value, sources) = located.into_parts();
        let lan = |name: &str| (name == "BIND").then(|| "lan".to_owned());
        assert_eq!(
            check(&value, &sources, &lan, &place()).expect("compiles"),
            Vec::new()
        );
        let refused = check(&value, &sources, &|_| None, &place()).expect("compiles");
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].path, "gateway.bind");
    }

    #[test]
    fn the_example_configs_are_valid() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
        for name in [
            "configs/exposed.json",
            "configs/hardened.json",
            "openclaw-home/openclaw.json",
        ] {
            let text = std::fs::read_to_string(root.join(name)).expect("example");
            assert_eq!(issues(&text), Vec::new(), "{name}");
        }
    }
}
