//! The config's insecure or dangerous switches: settings whose names say
//! they trade safety for convenience, and the workspace confinements turned
//! off. Each set one is a `(path, shown value)` pair.

use crate::docker::blocks;
use pincer_sdk::View;
use serde_json::Value;

/// Boolean switches that are dangerous when `true`, at fixed paths.
const TRUE_FLAGS: &[&str] = &[
    "gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback",
    "hooks.gmail.allowUnsafeExternalContent",
];

/// The Docker sandbox switches, dangerous when `true` in any Docker block.
const DOCKER_FLAGS: &[&str] = &[
    "dangerouslyAllowReservedContainerTargets",
    "dangerouslyAllowExternalBindSources",
    "dangerouslyAllowContainerNamespaceJoin",
];

/// A dangerous value of a bundled plugin's setting: plugin id, path under
/// its `config` (`*` is any key or index), the value.
const PLUGIN_FLAGS: &[(&str, &str, PluginValue)] = &[
    (
        "imap",
        "accounts.*.senderAuth.acceptTrustedAuthservId",
        PluginValue::Bool(true),
    ),
    (
        "imap",
        "accounts.*.senderAuth.min",
        PluginValue::Str("unverified"),
    ),
    (
        "imap",
        "accounts.*.senderAuth.min",
        PluginValue::Str("mutable"),
    ),
];

#[derive(Clone, Copy)]
enum PluginValue {
    Bool(bool),
    Str(&'static str),
}

impl PluginValue {
    fn equals(self, value: &Value) -> bool {
        match self {
            PluginValue::Bool(b) => value.as_bool() == Some(b),
            PluginValue::Str(s) => value.as_str() == Some(s),
        }
    }
}

/// One dangerous setting that is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// Where it is set.
    pub path: String,
    /// What it is set to, as shown to the reader.
    pub value: String,
}

impl Flag {
    fn new(path: impl Into<String>, value: impl Into<String>) -> Self {
        Flag {
            path: path.into(),
            value: value.into(),
        }
    }
}

/// Every dangerous setting of the config, in a stable order.
pub fn enabled(view: &View) -> Vec<Flag> {
    let is_true = |path: &str| view.bool(path) == Some(true);
    let is_false = |path: &str| view.bool(path) == Some(false);
    let mut flags = Vec::new();
    flags.extend(
        TRUE_FLAGS
            .iter()
            .filter(|path| is_true(path))
            .map(|path| Flag::new(*path, "true")),
    );
    for (index, mapping) in view
        .array("hooks.mappings")
        .into_iter()
        .flatten()
        .enumerate()
    {
        if mapping
            .get("allowUnsafeExternalContent")
            .and_then(Value::as_bool)
            == Some(true)
        {
            flags.push(Flag::new(
                format!("hooks.mappings.{index}.allowUnsafeExternalContent"),
                "true",
            ));
        }
    }
    if is_false("tools.exec.applyPatch.workspaceOnly") {
        flags.push(Flag::new("tools.exec.applyPatch.workspaceOnly", "false"));
    }
    if let Some(count) = view
        .array("security.audit.suppressions")
        .map(Vec::len)
        .filter(|count| *count > 0)
    {
        flags.push(Flag::new(
            "security.audit.suppressions",
            format!("{count} configured"),
        ));
    }
    for path in [
        "hooks.allowRequestSessionKey",
        "browser.ssrfPolicy.dangerouslyAllowPrivateNetwork",
    ] {
        if is_true(path) {
            flags.push(Flag::new(path, "true"));
        }
    }
    if is_false("tools.fs.workspaceOnly") {
        flags.push(Flag::new("tools.fs.workspaceOnly", "false"));
    }
    for block in blocks(view) {
        for key in DOCKER_FLAGS {
            if block.settings.get(*key).and_then(Value::as_bool) == Some(true) {
                flags.push(Flag::new(format!("{}.{key}", block.path), "true"));
            }
        }
    }
    for (plugin, path, value) in PLUGIN_FLAGS {
        let Some(config) = view.get(&format!("plugins.entries.{plugin}.config")) else {
            continue;
        };
        let mut found = Vec::new();
        collect(config, path, &mut String::new(), &mut found);
        for (at, _) in found.into_iter().filter(|(_, found)| value.equals(found)) {
            let flag = Flag::new(
                format!("plugins.entries.{plugin}.config.{at}"),
                match value {
                    PluginValue::Bool(b) => b.to_string(),
                    PluginValue::Str(s) => format!("\"{s}\""),
                },
            );
            if !flags.contains(&flag) {
                flags.push(flag);
            }
        }
    }
    flags
}

/// The values under `value` at `path` (`*` matches any key or index), with
/// the concrete path of each.
fn collect<'a>(value: &'a Value, path: &str, at: &mut String, out: &mut Vec<(String, &'a Value)>) {
    let (head, rest) = match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    };
    let children: Vec<(String, &Value)> = match (head, value) {
        ("*", Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        ("*", Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        (key, Value::Object(map)) => map
            .get(key)
            .map(|v| vec![(key.to_owned(), v)])
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    for (key, child) in children {
        let mark = at.len();
        if !at.is_empty() {
            at.push('.');
        }
        at.push_str(&key);
        match rest {
            Some(rest) => collect(child, rest, at, out),
            None => out.push((at.clone(), child)),
        }
        at.truncate(mark);
    }
}
