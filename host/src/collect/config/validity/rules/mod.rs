//! The rules OpenClaw enforces beyond its JSON Schema, in its stages: the
//! refinements of its zod schema, reported with the schema's issues but
//! skipped on an object whose own shape did not parse (a wrong type or
//! value inside it; unknown keys and failed checks do not stop them); then,
//! only on a config the schema accepts, the checks after parsing, where the
//! first that finds anything hides the rest.

mod mcp;
mod roster;
mod sandbox;
mod secret_surfaces;
mod tailscale;
mod tools;

pub(crate) use secret_surfaces::plain_string_surfaces;

use super::issue::{Step, ValuePath};
use super::prepare::Prepared;
use super::schema::SchemaIssue;
use serde_json::Value;

/// Where the installation is, for the rules that resolve paths.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    /// Its state directory.
    pub state_dir: &'a std::path::Path,
    /// The home `~` stands for.
    pub home: Option<&'a std::path::Path>,
}

/// What every rule reads: the prepared config and the schema's issues.
pub(crate) struct Context<'a> {
    /// The config as OpenClaw validates it.
    pub config: &'a Value,
    /// What the schema found.
    pub found: &'a [SchemaIssue],
    /// One legacy default marker named the default agent.
    pub legacy_default: bool,
}

impl Context<'_> {
    /// Whether a refinement on the object at `owner` is skipped: the schema
    /// found a wrong type or value at or inside it.
    pub(crate) fn skipped(&self, owner: &ValuePath) -> bool {
        self.found
            .iter()
            .any(|issue| issue.aborts && issue.path.starts_with(owner))
    }

    /// The value at `path`.
    pub(crate) fn at(&self, path: &ValuePath) -> Option<&Value> {
        value_at(self.config, path)
    }
}

/// The value at `path` inside `value`.
pub(crate) fn value_at<'v>(value: &'v Value, path: &ValuePath) -> Option<&'v Value> {
    path.0.iter().try_fold(value, |value, step| match step {
        Step::Key(key) => value.get(key),
        Step::Index(index) => value.get(index),
    })
}

/// `a.b.c` as a path (keys only).
pub(crate) fn path(dotted: &[&str]) -> ValuePath {
    ValuePath(
        dotted
            .iter()
            .map(|key| Step::Key((*key).to_owned()))
            .collect(),
    )
}

/// An issue of a rule at `path`; rules never stop a union or a refinement.
pub(crate) fn issue(path: ValuePath, message: impl Into<String>) -> SchemaIssue {
    SchemaIssue {
        path,
        key: None,
        message: message.into(),
        aborts: false,
    }
}

/// The keys of the object at `path`, with their paths.
pub(crate) fn entries_of<'v>(config: &'v Value, at: &ValuePath) -> Vec<(ValuePath, &'v Value)> {
    value_at(config, at)
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .map(|(key, value)| (at.key(key), value))
                .collect()
        })
        .unwrap_or_default()
}

/// Every issue of OpenClaw's rules on `prepared`, given the schema's
/// `found` issues (those of the core schema, not of channel plugins).
pub(crate) fn issues(
    prepared: &Prepared,
    found: &[SchemaIssue],
    place: &Place<'_>,
) -> Vec<SchemaIssue> {
    let context = Context {
        config: &prepared.value,
        found,
        legacy_default: prepared.legacy_default,
    };
    let mut out = Vec::new();
    roster::check(&context, &mut out);
    roster::acp_peers(&context, &mut out);
    sandbox::check(&context, &mut out);
    tools::check(&context, &mut out);
    mcp::check(&context, &mut out);
    secret_surfaces::check(&context, &mut out);
    // After the schema, each step only when the ones before found nothing.
    if found.is_empty() && out.is_empty() {
        roster::shared_agent_dirs(&context, place, &mut out);
    }
    if found.is_empty() && out.is_empty() {
        tailscale::check(&context, &mut out);
    }
    out
}
