//! `plugins.tools_reachable_permissive_policy`: installed plugins register
//! tools, and some agent's tool policy lets any tool through (no profile,
//! no allowlist) or names plugin tools outright — so whatever a plugin
//! adds is callable by the model.

use pincer_sdk::agents::{Agent, roster};
use pincer_sdk::prelude::*;
use pincer_sdk::tools::{LanePolicy, profile_tools};
use serde_json::Value;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "plugins.tools_reachable_permissive_policy",
    severity: Severity::Warn,
    title: "Plugin tools reachable under a permissive tool policy",
    description: "Plugins installed in the state directory can register tools. Where an agent \
                  runs without a tool profile or allowlist (or allow-lists group:plugins or a \
                  plugin by name), every tool a plugin registers — now or after an update — is \
                  offered to the model.",
    remediation: "Give agents a tool profile (tools.profile \"coding\" or narrower) or an \
                  explicit tools.allow list, and allow plugin tools one by one.",
    references: &["https://docs.openclaw.ai/plugins/security"],
};

/// A tool name no profile or allowlist names: only a policy that admits
/// everything lets it through.
const PROBE: &str = "__pincer_plugin_probe__";

/// The installed plugins the config leaves enabled, lower-cased.
pub fn enabled_plugins(view: &View) -> Vec<String> {
    if view.bool("plugins.enabled") == Some(false) {
        return Vec::new();
    }
    let list = |path: &str| -> Vec<String> {
        view.array(path)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|id| id.trim().to_ascii_lowercase())
            .collect()
    };
    let deny = list("plugins.deny");
    let allow = list("plugins.allow");
    let disabled: Vec<String> = view
        .get("plugins.entries")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, entry)| entry.get("enabled").and_then(Value::as_bool) == Some(false))
        .map(|(id, _)| id.trim().to_ascii_lowercase())
        .collect();
    view.gateway_state()
        .installed_extensions
        .iter()
        .map(|name| name.to_ascii_lowercase())
        .filter(|id| !deny.contains(id))
        .filter(|id| allow.is_empty() || allow.contains(id))
        .filter(|id| !disabled.contains(id))
        .collect()
}

/// Every allow and alsoAllow entry that applies to a context, lower-cased.
fn allow_entries(view: &View, agent: Option<&Agent<'_>>) -> Vec<String> {
    let mut tools_objects: Vec<&Value> = view.get("tools").into_iter().collect();
    tools_objects.extend(agent.and_then(|a| a.get("tools")));
    let mut entries = Vec::new();
    for tools in tools_objects {
        let mut lists: Vec<&Value> = ["allow", "alsoAllow"]
            .iter()
            .filter_map(|key| tools.get(*key))
            .collect();
        for (_, entry) in tools
            .get("byProvider")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            lists.extend(
                ["allow", "alsoAllow"]
                    .iter()
                    .filter_map(|key| entry.get(*key)),
            );
        }
        for list in lists {
            entries.extend(
                list.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(|e| e.trim().to_ascii_lowercase()),
            );
        }
    }
    entries
}

fn permissive(view: &View, agent: Option<&Agent<'_>>, plugins: &[String]) -> bool {
    if LanePolicy::new(view, agent, None, false).allows(PROBE) {
        return true;
    }
    let profile = agent
        .and_then(|a| a.get("tools.profile"))
        .and_then(Value::as_str)
        .or_else(|| view.str("tools.profile"));
    let known_profile = profile.is_some_and(|p| profile_tools(p).is_some());
    !known_profile
        && allow_entries(view, agent)
            .iter()
            .any(|entry| entry == "group:plugins" || plugins.contains(entry))
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let plugins = enabled_plugins(view);
    if plugins.is_empty() {
        return;
    }
    let mut contexts = Vec::new();
    if permissive(view, None, &plugins) {
        contexts.push("tools".to_owned());
    }
    for agent in roster(view) {
        if permissive(view, Some(&agent), &plugins) {
            contexts.push(format!("{}.tools", agent.path()));
        }
    }
    if let Some(first) = contexts.first().cloned() {
        out.push(
            META.finding(format!(
                "Tools of {} can reach the model through: {}.",
                plugins.join(", "),
                contexts.join(", ")
            ))
            .at(first),
        );
    }
}
