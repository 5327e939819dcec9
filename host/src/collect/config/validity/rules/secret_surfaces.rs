//! Credentials OpenClaw changes at run time or hands on as written, which
//! must be plain strings (a `${VAR}` template is fine): a SecretRef object
//! there is refused, in place of the schema's own issue at that path.

use super::{Context, entries_of, issue, path, value_at};
use crate::collect::config::validity::issue::{Step, ValuePath};
use crate::collect::config::validity::schema::SchemaIssue;
use serde_json::Value;

/// Every path of `config` that must hold a plain string and holds a
/// SecretRef object.
pub(crate) fn plain_string_surfaces(config: &Value) -> Vec<ValuePath> {
    let mut surfaces = vec![
        path(&["hooks", "token"]),
        path(&["hooks", "gmail", "pushToken"]),
    ];
    if let Some(Value::Array(mappings)) = value_at(config, &path(&["hooks", "mappings"])) {
        surfaces.extend((0..mappings.len()).map(|index| {
            path(&["hooks", "mappings"])
                .join(Step::Index(index))
                .key("sessionKey")
        }));
    }
    surfaces.push(path(&[
        "channels",
        "discord",
        "threadBindings",
        "webhookToken",
    ]));
    surfaces.extend(
        entries_of(config, &path(&["channels", "discord", "accounts"]))
            .into_iter()
            .map(|(account, _)| account.key("threadBindings").key("webhookToken")),
    );
    surfaces.push(path(&["channels", "whatsapp", "creds", "json"]));
    surfaces.extend(
        entries_of(config, &path(&["channels", "whatsapp", "accounts"]))
            .into_iter()
            .map(|(account, _)| account.key("creds").key("json")),
    );
    surfaces
        .into_iter()
        .filter(|surface| value_at(config, surface).is_some_and(is_secret_ref))
        .collect()
}

/// An object OpenClaw reads as a SecretRef: a known `source` and an `id`.
fn is_secret_ref(value: &Value) -> bool {
    let source = value.get("source").and_then(Value::as_str);
    matches!(source, Some("env" | "file" | "exec" | "store"))
        && value.get("id").and_then(Value::as_str).is_some()
}

/// Adds an issue per SecretRef on a plain-string surface.
pub(super) fn check(context: &Context<'_>, out: &mut Vec<SchemaIssue>) {
    for surface in plain_string_surfaces(context.config) {
        out.push(issue(
            surface,
            "takes a plain string (a `${VAR}` template is fine), not a SecretRef object",
        ));
    }
}
