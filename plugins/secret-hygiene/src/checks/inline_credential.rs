//! `config.secrets.inline_credential` (Pincer's own, from the security
//! baseline): a provider API key, channel token or other credential is
//! written literally in the config instead of coming from the environment
//! (`${VAR}`) or a secret reference. The gateway's own credentials
//! (`gateway.*`) and the hooks token are left to the control-plane checks
//! and to `config.secrets.hooks_token_in_config`.

use pincer_sdk::prelude::*;
use pincer_sdk::secret::MARKER_KEY;
use serde_json::Value;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "config.secrets.inline_credential",
    severity: Severity::Warn,
    title: "Credential written literally in the config",
    description: "A provider API key, channel bot token, webhook secret or other credential \
                  is stored as plain text in openclaw.json (or an included file). Every \
                  backup, copy, paste and diff of the config then carries it, and rotating it \
                  means editing the file. The baseline takes provider keys and channel tokens \
                  from the environment or from secret references.",
    remediation: "Replace the value with a `${VAR}` template or a secret reference \
                  ({\"source\": \"env\", \"provider\": \"default\", \"id\": \"VAR\"}) and put the \
                  value in the gateway's environment or secret store; rotate it if the config \
                  was ever shared.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Paths whose secrets other checks judge, and the `secrets` section,
/// whose every string the host redacts (provider sources, paths, commands)
/// without any of them being a credential written in the config.
fn judged_elsewhere(path: &str) -> bool {
    path.starts_with("gateway.") || path == "hooks.token" || path.starts_with("secrets.")
}

/// Collects `(path, length)` of every literal secret in the config.
fn literals(value: &Value, path: &str, out: &mut Vec<(String, u32)>) {
    match value {
        Value::Object(object) => {
            if object.contains_key(MARKER_KEY) {
                let marker: Option<SecretMarker> =
                    serde_json::from_value(object[MARKER_KEY].clone()).ok();
                if let Some(marker) = marker {
                    let literal = marker.source == SecretSource::Inline
                        && marker.set
                        && !marker.secret_ref
                        && marker.placeholder.is_none();
                    if literal {
                        out.push((path.to_owned(), marker.length));
                    }
                }
                return;
            }
            for (key, child) in object {
                let child_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                literals(child, &child_path, out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                literals(child, &format!("{path}[{index}]"), out);
            }
        }
        _ => {}
    }
}

/// Evaluates the check, one finding per credential.
pub fn run(view: &View, out: &mut Findings) {
    let mut found = Vec::new();
    literals(view.config(), "", &mut found);
    for (path, length) in found {
        if judged_elsewhere(&path) {
            continue;
        }
        let detail =
            format!("{path} holds a credential of {length} characters written in the config.");
        out.push(META.finding(detail).at(path));
    }
}
