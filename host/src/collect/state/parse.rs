//! The JSON that OpenClaw keeps inside state columns and legacy files:
//! role/scope lists, device token maps, node surfaces and the exec
//! approvals document. Tokens become markers here; malformed JSON yields
//! empty facts rather than an error, since a column is not a user's file.

use pincer_sdk::{
    AgentApprovals, AllowlistEntry, ApprovalPolicy, DeviceToken, ExecApprovals, NodeSurface,
    SecretMarker, SecretSource,
};
use serde_json::{Map, Value};

/// A JSON array of strings (`roles_json`, `scopes_json`); anything else is
/// empty.
pub(super) fn json_list(text: Option<&str>) -> Vec<String> {
    text.and_then(|text| serde_json::from_str::<Value>(text).ok())
        .map(|value| strings(&value))
        .unwrap_or_default()
}

/// The strings of a JSON array value.
pub(super) fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn text(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn millis(object: &Map<String, Value>, key: &str) -> Option<i64> {
    object.get(key).and_then(Value::as_i64)
}

/// A secret string as a marker; absent when it is not a string.
pub(super) fn marker(value: Option<&Value>) -> SecretMarker {
    match value.and_then(Value::as_str) {
        Some(secret) => SecretMarker::describe(secret, SecretSource::Inline, None),
        None => SecretMarker::unavailable(SecretSource::Absent, None),
    }
}

/// `tokens_json`: `{ "<role>": { token, role, scopes, createdAtMs, ... } }`.
pub(super) fn tokens_from_json(json: Option<&str>) -> Vec<DeviceToken> {
    let Some(Value::Object(roles)) = json.and_then(|t| serde_json::from_str(t).ok()) else {
        return Vec::new();
    };
    roles
        .iter()
        .filter_map(|(role, entry)| {
            let entry = entry.as_object()?;
            Some(DeviceToken {
                role: text(entry, "role").unwrap_or_else(|| role.clone()),
                scopes: entry.get("scopes").map(strings).unwrap_or_default(),
                created_at_ms: millis(entry, "createdAtMs"),
                rotated_at_ms: millis(entry, "rotatedAtMs"),
                last_used_at_ms: millis(entry, "lastUsedAtMs"),
                revoked_at_ms: millis(entry, "revokedAtMs"),
                secret: marker(entry.get("token")),
            })
        })
        .collect()
}

/// `node_surface_json`: what a node offers; none when it is not an object.
pub(super) fn node_surface_from_json(text: &str) -> Option<NodeSurface> {
    let value: Value = serde_json::from_str(text).ok()?;
    node_surface(&value)
}

/// A node surface object (`{ version, caps, commands, bins, ... }`).
pub(super) fn node_surface(value: &Value) -> Option<NodeSurface> {
    let object = value.as_object()?;
    Some(NodeSurface {
        version: text(object, "version"),
        caps: object.get("caps").map(strings).unwrap_or_default(),
        commands: object.get("commands").map(strings).unwrap_or_default(),
        bins: object.get("bins").map(strings).unwrap_or_default(),
    })
}

fn policy(object: &Map<String, Value>) -> ApprovalPolicy {
    ApprovalPolicy {
        security: text(object, "security"),
        ask: text(object, "ask"),
        ask_fallback: text(object, "askFallback"),
        auto_allow_skills: object.get("autoAllowSkills").and_then(Value::as_bool),
    }
}

/// The exec approvals document (`exec_approvals_config.raw_json`, or the
/// legacy `exec-approvals.json`): socket, defaults, per-agent settings.
pub(super) fn approvals_from_json(text: &str) -> ExecApprovals {
    let Ok(Value::Object(root)) = serde_json::from_str::<Value>(text) else {
        return ExecApprovals::default();
    };
    approvals(&root)
}

/// [`approvals_from_json`] on a parsed object.
pub(super) fn approvals(root: &Map<String, Value>) -> ExecApprovals {
    let empty = Map::new();
    let socket = root
        .get("socket")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let defaults = root
        .get("defaults")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let agents = root
        .get("agents")
        .and_then(Value::as_object)
        .map(|agents| {
            agents
                .iter()
                .filter_map(|(agent_id, agent)| {
                    let agent = agent.as_object()?;
                    Some(AgentApprovals {
                        agent_id: agent_id.clone(),
                        policy: policy(agent),
                        allowlist: agent
                            .get("allowlist")
                            .and_then(Value::as_array)
                            .map(|items| items.iter().filter_map(allowlist_entry).collect())
                            .unwrap_or_default(),
                        mcp_tools: agent
                            .get("mcpTools")
                            .and_then(Value::as_array)
                            .map(|tools| tools.iter().filter_map(mcp_tool).collect())
                            .unwrap_or_default(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    ExecApprovals {
        socket_path: text(socket, "path"),
        socket_token: socket.get("token").map(|token| marker(Some(token))),
        defaults: policy(defaults),
        agents,
    }
}

/// An allowlist entry: `{ pattern, source, lastUsedAt }`, or a bare pattern
/// string as older files wrote it.
fn allowlist_entry(value: &Value) -> Option<AllowlistEntry> {
    if let Some(pattern) = value.as_str() {
        return Some(AllowlistEntry {
            pattern: pattern.to_owned(),
            ..AllowlistEntry::default()
        });
    }
    let object = value.as_object()?;
    Some(AllowlistEntry {
        pattern: text(object, "pattern")?,
        source: text(object, "source"),
        last_used_at_ms: millis(object, "lastUsedAt"),
    })
}

fn mcp_tool(value: &Value) -> Option<String> {
    let object = value.as_object()?;
    match (text(object, "server"), text(object, "tool")) {
        (Some(server), Some(tool)) => Some(format!("{server}/{tool}")),
        (None, Some(tool)) => Some(tool),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_become_markers() {
        let tokens = tokens_from_json(Some(
            r#"{"node":{"token":"planted-device-token-1","role":"node","scopes":[],"createdAtMs":5}}"#,
        ));
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokens[0].role, "node");
        assert_eq!(tokens[0].created_at_ms, Some(5));
        assert_eq!(tokens[0].secret.length, 22);
        let json = serde_json::to_string(&tokens).unwrap();
        assert!(!json.contains("planted-device-token-1"), "{json}");
    }

    #[test]
    fn approvals_keep_policy_and_hide_the_socket_token() {
        let approvals = approvals_from_json(
            r#"{"version":1,"socket":{"path":"/s.sock","token":"planted-socket-token-1"},
                "defaults":{"security":"allowlist","ask":"on-miss"},
                "agents":{"main":{"security":"full","autoAllowSkills":true,
                  "allowlist":[{"pattern":"/usr/bin/git","lastUsedAt":7},{"id":"no-pattern"}],
                  "mcpTools":[{"server":"docs","tool":"publish"}]}}}"#,
        );
        assert_eq!(approvals.defaults.security.as_deref(), Some("allowlist"));
        assert_eq!(approvals.agents[0].policy.security.as_deref(), Some("full"));
        assert_eq!(approvals.agents[0].allowlist.len(), 1);
        assert_eq!(approvals.agents[0].mcp_tools, vec!["docs/publish"]);
        assert!(approvals.socket_token.as_ref().is_some_and(|m| m.set));
        let json = serde_json::to_string(&approvals).unwrap();
        assert!(!json.contains("planted-socket-token-1"), "{json}");
    }

    #[test]
    fn malformed_columns_give_empty_facts() {
        assert!(json_list(Some("not json")).is_empty());
        assert!(tokens_from_json(Some("[1,2]")).is_empty());
        assert_eq!(approvals_from_json("[]"), ExecApprovals::default());
    }
}
