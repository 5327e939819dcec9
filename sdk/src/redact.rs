//! Redaction: replaces every secret-bearing value of a config tree with a
//! [`SecretMarker`]. The host runs this before any plugin sees the config;
//! the native test harness runs the same code, so tests see what plugins see.

use crate::envsubst::substitute;
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

/// The marker of one secret value found in the config.
pub fn marker_for(value: &Value, resolver: &dyn SecretResolver) -> SecretMarker {
    match value {
        Value::String(text) => string_marker(text, resolver),
        Value::Object(object) => {
            let source = object.get("source").and_then(Value::as_str);
            let id = object.get("id").and_then(Value::as_str).map(str::to_owned);
            let mut marker = match (source, id) {
                (Some("env"), Some(name)) => match resolver.env(&name).filter(|v| !v.is_empty()) {
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

/// The marker of a secret string, after `${VAR}` substitution: `env` when
/// it references variables (unresolved when one is missing), else `inline`.
fn string_marker(text: &str, resolver: &dyn SecretResolver) -> SecretMarker {
    if let Some(name) = env_shorthand(text) {
        let mut marker = SecretMarker::unavailable(SecretSource::Env, Some(name.to_owned()));
        marker.placeholder = Some("unresolved".to_owned());
        return marker;
    }
    let substituted = substitute(text, &|name| resolver.env(name));
    match (substituted.names.first(), substituted.missing.first()) {
        (_, Some(missing)) => {
            let mut marker = SecretMarker::unavailable(SecretSource::Env, Some(missing.clone()));
            marker.placeholder = Some("unresolved".to_owned());
            marker
        }
        (Some(name), None) => literal_escapes(SecretMarker::describe(
            &substituted.text,
            SecretSource::Env,
            Some(name.clone()),
        )),
        (None, None) => literal_escapes(SecretMarker::describe(
            &substituted.text,
            SecretSource::Inline,
            None,
        )),
    }
}

/// After substitution every reference is resolved: a `${…}` still in the
/// text came from a `$${…}` escape and is literal, not an unresolved
/// reference (the gateway uses it as written).
fn literal_escapes(mut marker: SecretMarker) -> SecretMarker {
    if marker.placeholder.as_deref() == Some("unresolved") {
        marker.placeholder = None;
    }
    marker
}

/// The variable of a whole-string `$NAME` secret (no braces). OpenClaw's
/// loader takes it for a pending env reference and never substitutes it, so
/// the gateway cannot use it even when the variable is set.
fn env_shorthand(text: &str) -> Option<&str> {
    let name = text.strip_prefix('$')?;
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && name.len() <= 128
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    valid.then_some(name)
}

/// Substitutes `${VAR}` in a string that is not under a secret key. A string
/// that references a secret-named variable (`..._TOKEN`, `..._API_KEY`, ...)
/// would carry that secret into the view, so it becomes a marker instead.
fn substitute_plain(value: &mut Value, resolver: &dyn SecretResolver) {
    let Value::String(text) = value else { return };
    if !text.contains("${") {
        return;
    }
    let substituted = substitute(text, &|name| resolver.env(name));
    if substituted.names.iter().any(|name| is_secret_key(name)) {
        *value = string_marker(text, resolver).to_json();
    } else {
        *text = substituted.text;
    }
}

/// Replaces, in place, every value under a secret-bearing key (and every
/// string under the top-level `secrets` section) with its marker, and
/// substitutes `${VAR}` in every other string.
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
        Value::String(_) => substitute_plain(value, resolver),
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

    #[test]
    fn an_escaped_reference_is_a_literal_value() {
        let marker = marker_for(&json!("$${GW_PASSWORD}"), &Fixed(BTreeMap::new()));
        assert_eq!(
            (marker.set, marker.length, marker.placeholder),
            (true, 14, None),
            "`${{GW_PASSWORD}}` as written"
        );
    }

    #[test]
    fn a_dollar_shorthand_is_pending_even_when_the_variable_is_set() {
        let resolver = Fixed(BTreeMap::from([(
            "GW_TOKEN",
            "a-long-enough-token-value-123",
        )]));
        for text in ["$GW_TOKEN", "$MISSING_ONE"] {
            let marker = marker_for(&json!(text), &resolver);
            assert_eq!(
                (marker.set, marker.placeholder.as_deref()),
                (false, Some("unresolved")),
                "{text}"
            );
        }
        let literal = marker_for(&json!("$lower-case-is-literal"), &resolver);
        assert!(literal.set && literal.placeholder.is_none());
    }

    #[test]
    fn plain_strings_are_substituted_unless_they_embed_a_secret_variable() {
        let resolver = Fixed(BTreeMap::from([
            ("GW_HOST", "gw.example"),
            ("API_TOKEN", "planted-url-secret"),
        ]));
        let mut config = json!({
            "gateway": {"remote": {"url": "wss://${GW_HOST}/x"}},
            "hooks": {"url": "https://h.example/?k=${API_TOKEN}"},
            "note": "$${GW_HOST} stays literal"
        });
        redact_config(&mut config, &resolver);
        assert_eq!(config["gateway"]["remote"]["url"], "wss://gw.example/x");
        assert_eq!(config["note"], "${GW_HOST} stays literal");
        let text = config.to_string();
        assert!(!text.contains("planted-url-secret"), "{text}");
        let marker = SecretMarker::from_json(&config["hooks"]["url"]);
        assert_eq!(
            marker.map(|m| (m.source, m.reference)),
            Some((SecretSource::Env, Some("API_TOKEN".into())))
        );
    }
}
