//! How the config sets exec security as the reference audit reads it: the
//! scopes it is set in (the global `tools.exec` and each agent's own) and
//! the inbound paths (`dmPolicy` / `groupPolicy` "open" anywhere under
//! `channels`) that make unrestricted exec reachable by strangers. The
//! levels and the effective policy live in [`pincer_sdk::exec`].

use pincer_sdk::View;
use pincer_sdk::agents::{reference_default_agent_id, roster};
use pincer_sdk::exec::{Security, layered_security};
use serde_json::Value;

/// `(scope, security)` as the reference lists them: the global scope named
/// after the default agent (or `global`), then each agent, a later scope
/// replacing an earlier one of the same name.
pub fn configured_security(view: &View) -> Vec<(String, Security)> {
    let agents = roster(view);
    let global_exec = view.get("tools.exec");
    let global = layered_security(global_exec, Security::Deny);
    let mut scopes: Vec<(String, Security)> = vec![(
        reference_default_agent_id(view, &agents)
            .unwrap_or("global")
            .to_owned(),
        global,
    )];
    for agent in &agents {
        let security = layered_security(agent.get("tools.exec"), global);
        match scopes.iter_mut().find(|(name, _)| name == agent.id) {
            Some(scope) => scope.1 = security,
            None => scopes.push((agent.id.to_owned(), security)),
        }
    }
    scopes
}

/// The config paths under `channels` where a DM or group policy is
/// `open`, at any depth (accounts, groups, ...).
pub fn open_inbound_paths(view: &View) -> Vec<String> {
    let mut found = Vec::new();
    if let Some(channels) = view.get("channels").and_then(Value::as_object) {
        for (name, channel) in channels {
            walk(channel, &format!("channels.{name}"), &mut found);
        }
    }
    found
}

fn walk(value: &Value, path: &str, found: &mut Vec<String>) {
    let Some(object) = value.as_object() else {
        return;
    };
    for key in ["dmPolicy", "groupPolicy"] {
        if object.get(key).and_then(Value::as_str) == Some("open") {
            found.push(format!("{path}.{key}"));
        }
    }
    for (key, child) in object {
        walk(child, &format!("{path}.{key}"), found);
    }
}
