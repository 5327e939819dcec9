//! Redaction: replaces every secret-bearing value of a config tree with a
//! [`SecretMarker`]. The host runs this before any plugin sees the config;
//! the native test harness runs the same code, so tests see what plugins see.

use crate::secret::{SecretMarker, SecretSource};
use serde_json::Value;

/// Where the values behind secret references are read from. The host reads
/// the real environment and files read-only; tests pass fixed maps.
pub trait SecretResolver {
    /// The value of an environment variable, if set.
    fn env(&self, name: &str) -> Option<String>;
    /// The contents of a secret file, if readable.
    fn file(&self, path: &str) -> Option<String>;
}

/// Whether a config key holds a secret, judged by its name: `token`,
/// `botToken`, `password`, `apiKey`, `appSecret`, `privateKey`, ...
pub fn is_secret_key(key: &str) -> bool {
    let normalized: String = key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    const SUFFIXES: &[&str] = &[
        "token",
        "password",
        "passwd",
        "secret",
        "apikey",
        "privatekey",
        "passphrase",
        "credential",
        "cookie",
    ];
    SUFFIXES.iter().any(|suffix| normalized.ends_with(suffix))
}

/// Substitutes `${NAME}` references (upper-case names, as OpenClaw does)
/// from the resolver. Returns the text and the first variable name, or the
/// name of the first variable that is not set.
pub fn substitute_env(text: &str, resolver: &dyn SecretResolver) -> (String, Option<String>, bool) {
    let mut out = String::with_capacity(text.len());
    let mut first = None;
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let name = after.find('}').map(|end| &after[..end]).filter(|name| {
            name.chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase() || c == '_')
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        });
        match name {
            Some(name) => {
                first.get_or_insert_with(|| name.to_owned());
                match resolver.env(name) {
                    Some(value) => out.push_str(&value),
                    None => return (String::new(), Some(name.to_owned()), false),
                }
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push_str("${");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, first, true)
}

/// The marker of one secret value found in the config.
pub fn marker_for(value: &Value, resolver: &dyn SecretResolver) -> SecretMarker {
    match value {
        Value::String(text) => match substitute_env(text, resolver) {
            (_, Some(name), false) => {
                let mut marker = SecretMarker::unavailable(SecretSource::Env, Some(name));
                marker.placeholder = Some("unresolved".to_owned());
                marker
            }
            (resolved, Some(name), true) => {
                SecretMarker::describe(&resolved, SecretSource::Env, Some(name))
            }
            (literal, None, _) => SecretMarker::describe(&literal, SecretSource::Inline, None),
        },
        Value::Object(object) => {
            let source = object.get("source").and_then(Value::as_str);
            let id = object.get("id").and_then(Value::as_str).map(str::to_owned);
            let mut marker = match (source, id) {
                (Some("env"), Some(name)) => match resolver.env(&name) {
                    Some(resolved) => {
                        SecretMarker::describe(&resolved, SecretSource::Env, Some(name))
                    }
                    None => SecretMarker::unavailable(SecretSource::Env, Some(name)),
                },
                (Some("file"), Some(path)) => match resolver.file(&path) {
                    Some(contents) => {
                        SecretMarker::describe(&contents, SecretSource::File, Some(path))
                    }
                    None => SecretMarker::unavailable(SecretSource::File, Some(path)),
                },
                (Some("exec"), id) => SecretMarker::unavailable(SecretSource::Exec, id),
                _ => return SecretMarker::describe(&value.to_string(), SecretSource::Inline, None),
            };
            marker.secret_ref = true;
            marker
        }
        Value::Null => SecretMarker::unavailable(SecretSource::Absent, None),
        other => SecretMarker::describe(&other.to_string(), SecretSource::Inline, None),
    }
}

/// Replaces, in place, every value under a secret-bearing key (and every
/// string under the top-level `secrets` section) with its marker.
pub fn redact_config(config: &mut Value, resolver: &dyn SecretResolver) {
    if let Value::Object(root) = config {
        for (key, value) in root.iter_mut() {
            if key == "secrets" {
                redact_all_strings(value, resolver);
            } else {
                redact_value(key, value, resolver);
            }
        }
    }
}

fn redact_value(key: &str, value: &mut Value, resolver: &dyn SecretResolver) {
    if is_secret_key(key) && !value.is_boolean() && !is_marker(value) {
        *value = marker_for(value, resolver).to_json();
        return;
    }
    match value {
        Value::Object(object) => {
            for (child_key, child) in object.iter_mut() {
                redact_value(child_key, child, resolver);
            }
        }
        Value::Array(items) => {
            for item in items.iter_mut() {
                redact_value(key, item, resolver);
            }
        }
        _ => {}
    }
}

fn redact_all_strings(value: &mut Value, resolver: &dyn SecretResolver) {
    match value {
        Value::String(_) => *value = marker_for(value, resolver).to_json(),
        Value::Object(object) => object
            .values_mut()
            .for_each(|child| redact_all_strings(child, resolver)),
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| redact_all_strings(item, resolver)),
        _ => {}
    }
}

fn is_marker(value: &Value) -> bool {
    SecretMarker::from_json(value).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    struct Fixed(BTreeMap<&'static str, &'static str>);

    impl SecretResolver for Fixed {
        fn env(&self, name: &str) -> Option<String> {
            self.0.get(name).map(|v| (*v).to_owned())
        }
        fn file(&self, _path: &str) -> Option<String> {
            None
        }
    }

    #[test]
    fn secret_keys_are_recognised_by_name() {
        for key in [
            "token",
            "botToken",
            "api_key",
            "apiKey",
            "appSecret",
            "password",
            "privateKey",
        ] {
            assert!(is_secret_key(key), "{key}");
        }
        for key in [
            "maxTokens",
            "mode",
            "allowSessionKeyOverride",
            "defaultSessionKey",
            "tokens",
        ] {
            assert!(!is_secret_key(key), "{key}");
        }
    }

    #[test]
    fn redacts_inline_env_and_reference_secrets() {
        let resolver = Fixed(BTreeMap::from([("GW_TOKEN", "s3cr3t-from-env-value")]));
        let mut config = json!({
            "gateway": {"auth": {"mode": "token", "token": "inline-planted-secret"}},
            "channels": {"telegram": {"botToken": "${GW_TOKEN}"}},
            "models": {"providers": {"x": {"apiKey": {"source": "env", "id": "MISSING"}}}},
            "secrets": {"providers": {"vault": {"path": "/etc/planted-path"}}}
        });
        redact_config(&mut config, &resolver);
        let text = config.to_string();
        assert!(!text.contains("inline-planted-secret"), "{text}");
        assert!(!text.contains("s3cr3t-from-env-value"), "{text}");
        assert!(!text.contains("/etc/planted-path"), "{text}");
        let token = SecretMarker::from_json(&config["gateway"]["auth"]["token"]);
        assert_eq!(token.map(|m| m.length), Some(21));
        let bot = SecretMarker::from_json(&config["channels"]["telegram"]["botToken"]);
        assert_eq!(
            bot.map(|m| (m.source, m.length)),
            Some((SecretSource::Env, 21))
        );
        let api = SecretMarker::from_json(&config["models"]["providers"]["x"]["apiKey"]);
        assert_eq!(api.map(|m| m.set), Some(false));
        assert_eq!(config["gateway"]["auth"]["mode"], "token");
    }
}
