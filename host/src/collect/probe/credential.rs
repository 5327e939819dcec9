//! The credential the probe offers the gateway, resolved from the raw
//! (unredacted) config and environment as the gateway itself would: the
//! configured mode picks token or password; the config value wins over
//! `OPENCLAW_GATEWAY_TOKEN` / `OPENCLAW_GATEWAY_PASSWORD`. `${VAR}` and env
//! secret references are resolved; file and exec references are not (the
//! host never runs anything), which the probe reports.

use pincer_sdk::envsubst::substitute;
use serde_json::Value;

/// A credential to offer. Its value stays in the host.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Credential {
    /// `{ token }`.
    Token(String),
    /// `{ password }`.
    Password(String),
    /// Nothing configured.
    None,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.kind())
    }
}

impl Credential {
    /// `token`, `password` or `none`.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Credential::Token(_) => "token",
            Credential::Password(_) => "password",
            Credential::None => "none",
        }
    }

    /// The secret, if any (to mask it in error texts).
    pub(crate) fn secret(&self) -> Option<&str> {
        match self {
            Credential::Token(value) | Credential::Password(value) => Some(value),
            Credential::None => None,
        }
    }
}

/// One configured secret: its value, or why there is none.
enum Resolved {
    Value(String),
    Unavailable(String),
    Absent,
}

fn resolve(value: Option<&Value>, path: &str, env: &dyn Fn(&str) -> Option<String>) -> Resolved {
    match value {
        Some(Value::String(text)) => {
            let substituted = substitute(text, env);
            let trimmed = substituted.text.trim();
            if !substituted.missing.is_empty() || substituted.over_limit || trimmed.is_empty() {
                Resolved::Absent
            } else {
                Resolved::Value(trimmed.to_owned())
            }
        }
        Some(Value::Object(reference)) => {
            let source = reference
                .get("source")
                .and_then(Value::as_str)
                .unwrap_or("?");
            let id = reference
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default();
            match (source, env(id).filter(|v| !v.trim().is_empty())) {
                ("env", Some(value)) => Resolved::Value(value.trim().to_owned()),
                _ => Resolved::Unavailable(format!(
                    "{path} is a `{source}` secret reference that pincer cannot resolve \
                     (it never runs exec providers or reads provider files); the probe went \
                     without it"
                )),
            }
        }
        _ => Resolved::Absent,
    }
}

/// The credential for `config` (the gateway's own, local mode), and a
/// warning when a secret reference could not be resolved.
pub(crate) fn credential(
    config: &Value,
    env: &dyn Fn(&str) -> Option<String>,
) -> (Credential, Option<String>) {
    let auth = config.get("gateway").and_then(|g| g.get("auth"));
    let field = |key: &str| auth.and_then(|a| a.get(key));
    let mode = field("mode").and_then(Value::as_str);
    let mut warning = None;
    let mut pick = |key: &str, env_name: &str| match resolve(
        field(key),
        &format!("gateway.auth.{key}"),
        env,
    ) {
        Resolved::Value(value) => Some(value),
        Resolved::Unavailable(why) => {
            warning = Some(why);
            None
        }
        Resolved::Absent => env(env_name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty()),
    };
    let credential = match mode {
        Some("none" | "trusted-proxy") => Credential::None,
        Some("password") => pick("password", "OPENCLAW_GATEWAY_PASSWORD")
            .map_or(Credential::None, Credential::Password),
        Some("token") => {
            pick("token", "OPENCLAW_GATEWAY_TOKEN").map_or(Credential::None, Credential::Token)
        }
        _ => match pick("password", "OPENCLAW_GATEWAY_PASSWORD") {
            Some(password) => Credential::Password(password),
            None => {
                pick("token", "OPENCLAW_GATEWAY_TOKEN").map_or(Credential::None, Credential::Token)
            }
        },
    };
    (credential, warning)
}

/// Whether enabled hooks use the gateway's own credential (its token, or
/// its password) as their token; none unless hooks are on with a token.
/// Compared here so that neither value reaches a plugin.
pub(crate) fn hooks_token_matches_gateway_auth(
    config: &Value,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<bool> {
    let hooks = config.get("hooks")?;
    if hooks.get("enabled").and_then(Value::as_bool) != Some(true) {
        return None;
    }
    let raw = hooks.get("token")?.as_str()?;
    let substituted = substitute(raw, env);
    let token = substituted.text.trim();
    if token.is_empty() || !substituted.missing.is_empty() || substituted.over_limit {
        return None;
    }
    let (gateway, _) = credential(config, env);
    Some(gateway.secret() == Some(token))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn env(name: &str) -> Option<String> {
        match name {
            "GW_TOKEN" => Some("from-env-var".to_owned()),
            "OPENCLAW_GATEWAY_TOKEN" => Some("from-gateway-env".to_owned()),
            _ => None,
        }
    }

    #[test]
    fn config_wins_then_env_and_refs_resolve_from_env_only() {
        let token = |config: Value| credential(&config, &env);
        assert_eq!(
            token(json!({"gateway": {"auth": {"mode": "token", "token": "literal"}}})).0,
            Credential::Token("literal".into())
        );
        assert_eq!(
            token(json!({"gateway": {"auth": {"token": "${GW_TOKEN}"}}})).0,
            Credential::Token("from-env-var".into())
        );
        assert_eq!(
            token(json!({"gateway": {"auth": {"mode": "token"}}})).0,
            Credential::Token("from-gateway-env".into())
        );
        let (offered, warning) = token(json!({"gateway": {"auth": {"mode": "token",
            "token": {"source": "exec", "provider": "vault", "id": "gw"}}}}));
        assert_eq!(offered, Credential::None);
        assert!(warning.is_some_and(|w| w.contains("exec")));
        assert_eq!(
            token(json!({"gateway": {"auth": {"mode": "none", "token": "x"}}})).0,
            Credential::None
        );
    }

    #[test]
    fn debug_never_shows_the_value() {
        let text = format!("{:?}", Credential::Token("planted-secret".into()));
        assert_eq!(text, "token");
    }
}
