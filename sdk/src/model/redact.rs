//! Redaction: replaces every secret-bearing value of a config tree with a
//! [`SecretMarker`], and every credential inside other text with
//! [`REDACTED`]. The host runs this before any plugin sees the config (and
//! [`redact_strings`] on the state it passes them); the native test harness
//! runs the same code, so tests see what plugins see.
//!
//! A value is a secret, and becomes a marker, when OpenClaw's own
//! redaction hides it (its schema's sensitive paths and path patterns,
//! [`crate::sensitive`]), when its key names a secret ([`is_secret_key`]),
//! when it sits in an HTTP header map (`headers`) or an environment map
//! (`env`), under `secrets`, or when it follows a secret-naming flag in an
//! argument list (`["--token", VALUE]`). Below such a path every string and
//! number is a secret too (booleans stay: one bit is no secret), except a
//! string that is a member of the schema's enum at its path. Every other
//! string is free text: each credential in it — a URL's userinfo or
//! credential parameter ([`crate::url_secrets`]), or anything the
//! credential detector finds ([`crate::credentials`]) — is replaced in
//! place by [`REDACTED`]. An object written in the config with the marker
//! key `$secret` is no marker: it becomes an inline marker of its own.

use crate::credentials::{credential_spans, credential_spans_by_rule, merge};
use crate::envsubst::substitute;
use crate::secret::{MARKER_KEY, SecretMarker, SecretSource};
use crate::sensitive::{Rules, Segment, rules};
use crate::url_secrets::url_credential_spans;
use serde_json::Value;
use std::borrow::Cow;

/// What replaces a credential found inside a longer text.
pub const REDACTED: &str = "[redacted]";

/// Environment variables whose values are paths or identities, never
/// secrets, and reach the view substituted (`${HOME}/.ssh`); so does every
/// `XDG_*_HOME`.
pub const IDENTITY_VARIABLES: &[&str] = &[
    "HOME",
    "USER",
    "LOGNAME",
    "TMPDIR",
    "XDG_RUNTIME_DIR",
    "OPENCLAW_HOME",
    "OPENCLAW_STATE_DIR",
    "OPENCLAW_CONFIG_PATH",
];

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
    let normalized: String = key
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
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

/// `text` with every credential in it (URL userinfo and credential
/// parameters, anything the credential detector finds) replaced by
/// [`REDACTED`].
pub fn redact_text(text: &str) -> Cow<'_, str> {
    let mut spans = url_credential_spans(text);
    spans.extend(credential_spans(text));
    replace_spans(text, spans)
}

/// `text` with each of `spans` replaced by [`REDACTED`].
fn replace_spans(text: &str, spans: Vec<std::ops::Range<usize>>) -> Cow<'_, str> {
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in merge(spans, text) {
        out.push_str(&text[at..span.start]);
        out.push_str(REDACTED);
        at = span.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Whether `text` holds anything [`redact_text`] would replace.
pub fn holds_credential(text: &str) -> bool {
    !url_credential_spans(text).is_empty() || !credential_spans(text).is_empty()
}

/// The keys of the state whose values are identifiers the gateway derives
/// (a device id is the SHA-256 of its public key, a config hash a digest):
/// random-looking by nature, so the entropy rules do not apply to them;
/// every other rule does.
const IDENTIFIER_KEYS: &[&str] = &["deviceId", "requestId", "bootId", "configHash"];

/// Runs every string of a JSON tree (not its keys) through
/// [`redact_text`]: for free text the host passes to plugins besides the
/// config (the state database's names, labels and reasons, install specs,
/// probe results).
pub fn redact_strings(value: &mut Value) {
    redact_tree(value, false);
}

fn redact_tree(value: &mut Value, identifier: bool) {
    match value {
        Value::String(text) => {
            let redacted = if identifier {
                redact_identifier(text)
            } else {
                redact_text(text)
            };
            if let Cow::Owned(redacted) = redacted {
                *text = redacted;
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| redact_tree(item, identifier)),
        Value::Object(object) => {
            for (key, child) in object.iter_mut() {
                redact_tree(child, IDENTIFIER_KEYS.contains(&key.as_str()));
            }
        }
        _ => {}
    }
}

/// [`redact_text`] without the entropy rules, for an identifier.
fn redact_identifier(text: &str) -> Cow<'_, str> {
    let mut spans = url_credential_spans(text);
    spans.extend(credential_spans_by_rule(text));
    replace_spans(text, spans)
}

/// Redacts a config tree in place (see the module documentation).
pub fn redact_config(config: &mut Value, resolver: &dyn SecretResolver) {
    let mut walk = Walk {
        resolver,
        rules: rules(),
        path: Vec::new(),
    };
    walk.node(config, false);
}

/// One step of the path being walked.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Item,
}

struct Walk<'r> {
    resolver: &'r dyn SecretResolver,
    rules: &'static Rules,
    path: Vec<Step>,
}

/// Whether `key` holds a map of HTTP headers or environment variables,
/// whose every value is a secret.
fn is_secret_map(key: &str) -> bool {
    key.eq_ignore_ascii_case("headers") || key.eq_ignore_ascii_case("env")
}

/// Whether an argument names a secret that the next argument holds:
/// `--token`, `--api-key`, `-password`, `--auth` (no `=` in it).
fn is_secret_flag(arg: &str) -> bool {
    let Some(name) = arg.strip_prefix('-') else {
        return false;
    };
    let name = name.trim_start_matches('-');
    if name.is_empty() || name.contains('=') || name.len() > 64 {
        return false;
    }
    let normalized: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    is_secret_key(name)
        || [
            "auth",
            "key",
            "pass",
            "pat",
            "pw",
            "bearer",
            "authorization",
        ]
        .iter()
        .any(|word| normalized == *word || normalized.ends_with(word))
}

/// Whether `item`, the argument after `before`, is the value of a secret
/// flag: after `--token` and its kind always; after the short `-p` (a
/// password in mysql, redis-cli and the like) unless it is a port number.
fn holds_flag_value(before: &str, item: &Value) -> bool {
    if is_secret_flag(before) {
        return true;
    }
    before == "-p"
        && item
            .as_str()
            .is_some_and(|value| !value.bytes().all(|byte| byte.is_ascii_digit()))
}

/// Whether an object is a secret reference (`{source, id}`).
fn is_secret_ref(object: &serde_json::Map<String, Value>) -> bool {
    object.get("source").is_some_and(Value::is_string)
        && object.get("id").is_some_and(Value::is_string)
}

impl Walk<'_> {
    fn segments(&self) -> Vec<Segment<'_>> {
        self.path
            .iter()
            .map(|step| match step {
                Step::Key(key) => Segment::Key(key),
                Step::Item => Segment::Item,
            })
            .collect()
    }

    /// The path as OpenClaw writes it: `a.b[].c`.
    fn dotted(&self) -> String {
        let mut out = String::new();
        for step in &self.path {
            match step {
                Step::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Step::Item => out.push_str("[]"),
            }
        }
        out
    }

    fn last_key(&self) -> Option<&str> {
        self.path.iter().rev().find_map(|step| match step {
            Step::Key(key) => Some(key.as_str()),
            Step::Item => None,
        })
    }

    /// Whether the value here is a secret by its path.
    fn secret_here(&self, value: &Value) -> bool {
        if self.path.is_empty() {
            return false;
        }
        let segments = self.segments();
        let dotted = self.dotted();
        let scalar = !value.is_object() && !value.is_array();
        let schema = self.rules.sensitive.matches(&segments).next().is_some();
        let opted_out = self.rules.non_sensitive.matches(&segments).next().is_some();
        schema
            || (!opted_out && self.rules.path_looks_sensitive(&dotted))
            || self
                .last_key()
                .is_some_and(|key| is_secret_key(key) || (scalar && is_secret_map(key)))
            || matches!(self.path.first(), Some(Step::Key(top)) if top == "secrets")
    }

    fn node(&mut self, value: &mut Value, inherited: bool) {
        if let Value::Object(object) = value
            && object.contains_key(MARKER_KEY)
        {
            // Only the host makes markers: one written in the config is a
            // value like any other, and may hide a secret.
            *value =
                SecretMarker::describe(&value.to_string(), SecretSource::Inline, None).to_json();
            return;
        }
        if inherited || self.secret_here(value) {
            self.secret(value);
            return;
        }
        match value {
            Value::Object(object) => {
                let map = self.last_key().is_some_and(is_secret_map);
                for (key, child) in object.iter_mut() {
                    self.path.push(Step::Key(key.clone()));
                    self.node(child, map);
                    self.path.pop();
                }
            }
            Value::Array(items) => {
                self.path.push(Step::Item);
                let mut previous: Option<String> = None;
                for item in items.iter_mut() {
                    let flag = item.as_str().is_some_and(is_secret_flag);
                    let held = previous
                        .as_deref()
                        .is_some_and(|before| holds_flag_value(before, item));
                    self.node(item, held && !flag);
                    previous = item.as_str().map(str::to_owned);
                }
                self.path.pop();
            }
            Value::String(_) => self.free_text(value),
            _ => {}
        }
    }

    /// A value whose path makes it a secret.
    fn secret(&mut self, value: &mut Value) {
        match value {
            Value::Bool(_) => {}
            Value::String(text) => {
                if !self.rules.enum_member(&self.segments(), text) {
                    *value = marker_for(value, self.resolver).to_json();
                }
            }
            Value::Object(object) => {
                if is_secret_ref(object) || self.rules.whole_object(&self.dotted()) {
                    *value = marker_for(value, self.resolver).to_json();
                } else {
                    for (key, child) in object.iter_mut() {
                        self.path.push(Step::Key(key.clone()));
                        self.node(child, true);
                        self.path.pop();
                    }
                }
            }
            Value::Array(items) => {
                self.path.push(Step::Item);
                for item in items.iter_mut() {
                    self.node(item, true);
                }
                self.path.pop();
            }
            Value::Number(_) | Value::Null => *value = marker_for(value, self.resolver).to_json(),
        }
    }

    /// A string that is not a secret by its path: `${VAR}` substituted when
    /// every variable's value is known not to be secret (else the whole
    /// string becomes a marker), then every credential in it replaced.
    fn free_text(&mut self, value: &mut Value) {
        let Value::String(text) = value else { return };
        if text.contains("${") {
            let substituted = substitute(text, &|name| self.resolver.env(name));
            let whole = substituted.names.len() == 1
                && text.trim() == format!("${{{}}}", substituted.names[0]);
            let unsafe_name = substituted
                .names
                .iter()
                .filter(|name| !substituted.missing.contains(name))
                .find(|name| !self.known_safe(name, whole))
                .cloned();
            if let Some(name) = unsafe_name {
                let mut marker = string_marker(text, self.resolver);
                marker.reference = Some(name);
                *value = marker.to_json();
                return;
            }
            *text = substituted.text;
        }
        if let Cow::Owned(redacted) = redact_text(text) {
            *text = redacted;
        }
    }

    /// Whether variable `name`'s value may reach the view: an identity or
    /// path variable, or (when the string is that one reference) a member
    /// of the schema's enum or a number or boolean the schema wants here;
    /// in every case a value in which nothing looks like a credential.
    fn known_safe(&self, name: &str, whole: bool) -> bool {
        let Some(value) = self.resolver.env(name) else {
            return true;
        };
        let identity = IDENTITY_VARIABLES.contains(&name)
            || (name.starts_with("XDG_") && name.ends_with("_HOME"));
        let schema = whole && {
            let segments = self.segments();
            self.rules.enum_member(&segments, &value) || self.rules.scalar_field(&segments, &value)
        };
        (identity || schema) && !holds_credential(&value)
    }
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
    fn plain_strings_keep_a_marker_for_any_variable_not_known_to_be_safe() {
        let resolver = Fixed(BTreeMap::from([
            ("HOME", "/home/alice"),
            ("BIND", "lan"),
            ("PORT", "18789"),
            ("GW_HOST", "gw.example"),
            ("GH_PAT", "planted-gh-pat-3b9d01"),
            ("API_TOKEN", "planted-url-secret"),
        ]));
        let mut config = json!({
            "gateway": {"bind": "${BIND}", "port": "${PORT}", "remote": {"url": "wss://${GW_HOST}/x"}},
            "agents": {"defaults": {"sandbox": {"docker": {"binds": ["${HOME}/.ssh:/s:ro"]}}}},
            "mcp": {"servers": {"gh": {"args": ["serve", "${GH_PAT}", "x-${GH_PAT}-y"]}}},
            "hooks": {"url": "https://h.example/?k=${API_TOKEN}"},
            "note": "$${GW_HOST} stays literal"
        });
        redact_config(&mut config, &resolver);
        assert_eq!(
            config["gateway"]["bind"], "lan",
            "an enum member of gateway.bind"
        );
        assert_eq!(
            config["gateway"]["port"], "18789",
            "a number where one is wanted"
        );
        assert_eq!(
            config["agents"]["defaults"]["sandbox"]["docker"]["binds"][0],
            "/home/alice/.ssh:/s:ro"
        );
        assert_eq!(config["note"], "${GW_HOST} stays literal");
        let text = config.to_string();
        for secret in ["planted-gh-pat-3b9d01", "planted-url-secret", "gw.example"] {
            assert!(!text.contains(secret), "{secret}: {text}");
        }
        for (at, name) in [
            (&config["mcp"]["servers"]["gh"]["args"][1], "GH_PAT"),
            (&config["mcp"]["servers"]["gh"]["args"][2], "GH_PAT"),
            (&config["hooks"]["url"], "API_TOKEN"),
            (&config["gateway"]["remote"]["url"], "GW_HOST"),
        ] {
            let marker = SecretMarker::from_json(at);
            assert_eq!(
                marker.map(|m| (m.source, m.set, m.reference)),
                Some((SecretSource::Env, true, Some(name.into()))),
                "{at}"
            );
        }
    }

    #[test]
    fn an_enum_member_from_a_secret_variable_still_passes_the_detector() {
        let resolver = Fixed(BTreeMap::from([(
            "HOME",
            "/home/x/ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R",
        )]));
        let mut config = json!({"binds": ["${HOME}/.ssh"]});
        redact_config(&mut config, &resolver);
        assert!(
            SecretMarker::from_json(&config["binds"][0]).is_some(),
            "{config}"
        );
    }

    #[test]
    fn openclaws_sensitive_paths_header_and_env_maps_become_markers() {
        let resolver = Fixed(BTreeMap::new());
        let mut config = json!({
            "models": {"providers": {"p": {
                "headers": {"Authorization": "Bearer planted-h1"},
                "request": {"auth": {"mode": "header", "value": "planted-h2"}, "tls": {"key": "planted-h3"}},
                "apiKeys": ["planted-h4"],
                "baseUrl": "https://u:planted-h5@llm.example/v1?api_key=planted-h6&x=1"
            }}},
            "channels": {"feishu": {"encryptKey": "planted-h7"}, "googlechat": {"serviceAccount": {"private_key": "planted-h8"}}},
            "mcp": {"servers": {"gh": {"env": {"GH": "planted-h9"}, "args": ["--token", "planted-h10", "serve"]}}},
            "hooks": {"mappings": [{"sessionKey": "planted-h11", "match": {"path": "/x"}}]},
            "plugins": {"entries": {"onepassword": {"enabled": true, "config": {"opBin": "planted-h12"}}}},
            "x": {"enabled": true, "headers": {"Cookie": "planted-h13"}}
        });
        redact_config(&mut config, &resolver);
        let text = config.to_string();
        for n in 1..=13 {
            assert!(
                !text.contains(&format!("planted-h{n}\""))
                    && !text.contains(&format!("planted-h{n}&")),
                "h{n}: {text}"
            );
        }
        assert_eq!(
            config["models"]["providers"]["p"]["request"]["auth"]["mode"],
            "header"
        );
        assert_eq!(config["plugins"]["entries"]["onepassword"]["enabled"], true);
        assert_eq!(config["mcp"]["servers"]["gh"]["args"][2], "serve");
        assert_eq!(
            config["models"]["providers"]["p"]["baseUrl"],
            "https://[redacted]@llm.example/v1?api_key=[redacted]&x=1"
        );
    }

    #[test]
    fn a_short_password_flag_hides_its_value_but_not_a_port() {
        let mut config = json!({"mcp": {"servers": {"db": {"command": "mysql",
            "args": ["-u", "root", "-p", "planted-p1", "--port", "3306"]},
            "cache": {"command": "redis-cli", "args": ["-p", "6379"]}}}});
        redact_config(&mut config, &Fixed(BTreeMap::new()));
        assert!(!config.to_string().contains("planted-p1"), "{config}");
        assert_eq!(config["mcp"]["servers"]["db"]["args"][1], "root");
        assert_eq!(config["mcp"]["servers"]["db"]["args"][5], "3306");
        assert_eq!(config["mcp"]["servers"]["cache"]["args"][1], "6379");
    }

    #[test]
    fn state_identifiers_keep_their_digests_and_free_text_loses_hex_tokens() {
        let digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b4c3d2e1f0a9b8c7d6e5f4a3b";
        let token = "3f9a7c2e41b86d05e9f1a4c7b2d8e06f13a5c9b7e2d4f680";
        let mut state = json!({"paired": [{"deviceId": digest,
            "displayName": format!("ops laptop {token}")}]});
        redact_strings(&mut state);
        assert_eq!(state["paired"][0]["deviceId"], digest);
        assert_eq!(state["paired"][0]["displayName"], "ops laptop [redacted]");
    }

    #[test]
    fn a_marker_written_in_the_config_is_no_marker() {
        let mut config = json!({"gateway": {"auth": {"token": {"$secret": {
            "source": "absent", "set": false, "length": 0, "placeholder": null,
            "classes": [], "reference": "planted-forged-9c1e", "secretRef": false
        }}}, "note": {"$secret": {"source": "absent", "set": false, "length": 0, "placeholder": null, "classes": [], "reference": null}}}});
        redact_config(&mut config, &Fixed(BTreeMap::new()));
        let text = config.to_string();
        assert!(!text.contains("planted-forged-9c1e"), "{text}");
        for at in [
            &config["gateway"]["auth"]["token"],
            &config["gateway"]["note"],
        ] {
            let marker = SecretMarker::from_json(at).expect("a marker");
            assert_eq!(
                (marker.source, marker.set),
                (SecretSource::Inline, true),
                "{at}"
            );
        }
    }

    #[test]
    fn credentials_in_free_text_are_replaced_in_place() {
        let mut config = json!({"agents": {"defaults": {"systemPrompt":
            "Call with sk-ant-api03-9f86d081884c7d659a2feaa0c55ad015 and be brief."}}});
        redact_config(&mut config, &Fixed(BTreeMap::new()));
        assert_eq!(
            config["agents"]["defaults"]["systemPrompt"],
            "Call with [redacted] and be brief."
        );
    }
}
