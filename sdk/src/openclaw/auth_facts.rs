//! Facts about the gateway's credentials that need secret values, computed
//! in the host so that no value reaches a plugin: each becomes one bit of
//! the gateway state. The native test harness computes them with the same
//! code, so tests see what plugins see.

use crate::envsubst::substitute;
use crate::secret::js_trim;
use serde_json::Value;

/// Whether `OPENCLAW_GATEWAY_TOKEN` holds the same token as a
/// `gateway.auth.token` written as a string (after `${VAR}` substitution,
/// both trimmed as the gateway trims them). `None` unless both are
/// non-blank strings: a secret reference object is never compared.
pub fn env_token_matches_config(
    config: &Value,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<bool> {
    let from_env = env("OPENCLAW_GATEWAY_TOKEN")?;
    let from_env = js_trim(&from_env);
    let written = config.pointer("/gateway/auth/token")?.as_str()?;
    let substituted = substitute(written, env).text;
    let from_config = js_trim(&substituted);
    if from_env.is_empty() || from_config.is_empty() {
        return None;
    }
    Some(from_env == from_config)
}

/// Whether the audit runs in a gateway service's environment
/// (`OPENCLAW_SERVICE_KIND` is `gateway`).
pub fn in_gateway_service(env: &dyn Fn(&str) -> Option<String>) -> bool {
    env("OPENCLAW_SERVICE_KIND").is_some_and(|kind| kind.trim() == "gateway")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn env(name: &str) -> Option<String> {
        match name {
            "OPENCLAW_GATEWAY_TOKEN" => Some(" same-token ".to_owned()),
            "OTHER" => Some("same-token".to_owned()),
            _ => None,
        }
    }

    #[test]
    fn compares_written_and_substituted_tokens_only() {
        let token = |value: Value| json!({"gateway": {"auth": {"token": value}}});
        assert_eq!(
            env_token_matches_config(&token(json!("same-token")), &env),
            Some(true)
        );
        assert_eq!(
            env_token_matches_config(&token(json!("${OTHER}")), &env),
            Some(true)
        );
        assert_eq!(
            env_token_matches_config(&token(json!("different")), &env),
            Some(false)
        );
        let reference = json!({"source": "env", "provider": "default", "id": "OTHER"});
        assert_eq!(env_token_matches_config(&token(reference), &env), None);
        assert_eq!(env_token_matches_config(&json!({}), &env), None);
        assert_eq!(
            env_token_matches_config(&token(json!("x")), &|_| None),
            None
        );
    }
}
