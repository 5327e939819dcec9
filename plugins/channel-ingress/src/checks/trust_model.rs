//! `security.trust_model.*`: OpenClaw's security model is one trusted
//! operator per gateway. These checks notice configs that stretch it:
//! group rooms folded into an agent's main session, signs that several
//! people can write to the gateway, and agents that can read each other's
//! sessions by default.

use pincer_sdk::agents::roster;
use pincer_sdk::prelude::*;
use pincer_sdk::tools::LanePolicy;
use serde_json::Value;

use crate::inbound::multi_user_signals;
use crate::lanes::risky_lanes;

/// The session tools that reach other sessions' transcripts.
const SESSION_TOOLS: &[&str] = &[
    "sessions_list",
    "sessions_history",
    "sessions_search",
    "sessions_send",
    "session_status",
];

/// Declaration.
pub static GROUP_SCOPE_MAIN: CheckMeta = CheckMeta {
    id: "security.trust_model.group_scope_main",
    severity: Severity::Warn,
    title: "Group rooms share the agent's main session",
    description: "session.groupScope \"main\" (or a binding's session.groupScope \"main\" on a \
                  group route) puts every member of those rooms into the main session: each \
                  of them reads and steers the operator's own context.",
    remediation: "Use session.groupScope \"per-group\" and drop the bindings' \"main\" \
                  overrides, unless every member of those rooms is trusted like the operator.",
    references: &["https://docs.openclaw.ai/channels/groups#session-keys"],
};

/// Declaration.
pub static MULTI_USER: CheckMeta = CheckMeta {
    id: "security.trust_model.multi_user_heuristic",
    severity: Severity::Warn,
    title: "Several people can likely reach this gateway",
    description: "Open DM or group policies, group allowlists with targets or wildcard sender \
                  lists suggest more than one person writes to this gateway. OpenClaw isolates \
                  one trusted operator per gateway, not mutually untrusted users.",
    remediation: "Run one gateway (with its own credentials, ideally its own OS user or host) \
                  per trust boundary. If sharing is intended: sandbox mode \"all\", \
                  tools.fs.workspaceOnly true, runtime, file and web tools denied unless needed, \
                  and no personal credentials on that gateway.",
    references: &["https://docs.openclaw.ai/gateway/multi-tenant-hosting"],
};

/// Declaration.
pub static CROSS_AGENT_SESSIONS: CheckMeta = CheckMeta {
    id: "security.trust_model.cross_agent_session_access_default",
    severity: Severity::Info,
    title: "Agents can read each other's sessions",
    description: "With several agents, tools.sessions.visibility \"all\" (the default) and \
                  agent-to-agent messaging on without an allow list, an agent's session tools \
                  reach every other agent's transcripts. A warning when sandboxing, per-agent \
                  tool limits or shared channels suggest the agents serve different trust \
                  levels.",
    remediation: "Set tools.sessions.visibility to \"agent\", \"tree\" or \"self\", list the \
                  agents that may talk in tools.agentToAgent.allow, or turn \
                  tools.agentToAgent.enabled off.",
    references: &["https://docs.openclaw.ai/gateway/config-tools#tools-agenttoagent"],
};

/// The identity of a binding's match, to find the first binding of each.
fn match_key(binding: &Value) -> String {
    let field = |key: &str| binding.get("match").and_then(|m| m.get(key));
    serde_json::json!([
        field("channel"),
        field("accountId"),
        field("peer"),
        field("guildId"),
        field("teamId"),
        field("roles"),
    ])
    .to_string()
}

/// The bindings that route group or channel rooms (not direct chats) into
/// the main session; of bindings with the same match, only the first is
/// ever chosen.
fn main_scope_bindings(view: &View) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (index, binding) in view.array("bindings").into_iter().flatten().enumerate() {
        let Some(channel) = binding
            .get("match")
            .and_then(|m| m.get("channel"))
            .and_then(Value::as_str)
        else {
            continue;
        };
        let key = match_key(binding);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let peer_kind = binding
            .get("match")
            .and_then(|m| m.get("peer"))
            .and_then(|p| p.get("kind"))
            .and_then(Value::as_str);
        if matches!(peer_kind, Some("direct" | "dm")) {
            continue;
        }
        let scope = binding
            .get("session")
            .and_then(|s| s.get("groupScope"))
            .and_then(Value::as_str);
        if scope == Some("main") {
            out.push(format!("bindings[{index}] (channel {channel})"));
        }
    }
    out
}

/// Evaluates `security.trust_model.group_scope_main`.
pub fn run_group_scope_main(view: &View, out: &mut Findings) {
    let mut scopes = Vec::new();
    if view.str("session.groupScope") == Some("main") {
        scopes.push("session.groupScope (every room without a binding of its own)".to_owned());
    }
    scopes.extend(main_scope_bindings(view));
    if scopes.is_empty() {
        return;
    }
    out.push(
        GROUP_SCOPE_MAIN
            .finding(format!(
                "Rooms routed into the main session by: {}.",
                scopes.join("; ")
            ))
            .at("session.groupScope"),
    );
}

/// Evaluates `security.trust_model.multi_user_heuristic`.
pub fn run_multi_user(view: &View, out: &mut Findings) {
    let signals = multi_user_signals(view);
    if signals.is_empty() {
        return;
    }
    let risky = risky_lanes(view);
    let exposure = if risky.is_empty() {
        "No lane leaves runtime or file tools unguarded.".to_owned()
    } else {
        let lanes: Vec<String> = risky.into_iter().map(|lane| lane.description).collect();
        format!(
            "Lanes with unguarded runtime or file tools: {}.",
            lanes.join("; ")
        )
    };
    out.push(
        MULTI_USER
            .finding(format!("Signals: {}. {exposure}", signals.join("; ")))
            .at("channels"),
    );
}

/// Evaluates `security.trust_model.cross_agent_session_access_default`.
pub fn run_cross_agent_sessions(view: &View, out: &mut Findings) {
    let agents = roster(view);
    let mut ids: Vec<String> = Vec::new();
    for agent in &agents {
        let id = agent.id.to_lowercase();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let visibility = view
        .str("tools.sessions.visibility")
        .map(str::to_lowercase)
        .filter(|v| matches!(v.as_str(), "self" | "tree" | "agent" | "all"))
        .unwrap_or_else(|| "all".to_owned());
    let a2a_enabled = view.bool("tools.agentToAgent.enabled") != Some(false);
    let a2a_allow = view
        .array("tools.agentToAgent.allow")
        .is_some_and(|allow| !allow.is_empty());
    if ids.len() < 2 || visibility != "all" || !a2a_enabled || a2a_allow {
        return;
    }
    let clamp = view
        .str("agents.defaults.sandbox.sessionToolsVisibility")
        .unwrap_or("spawned");
    let mut reachers = Vec::new();
    let mut signals = Vec::new();
    for agent in &agents {
        let mode = agent.sandbox_mode(view);
        if mode != "off" {
            signals.push(format!("{} runs sandboxed ({mode})", agent.path()));
        }
        let policy = LanePolicy::new(view, Some(agent), None, true);
        let tools: Vec<&str> = SESSION_TOOLS
            .iter()
            .copied()
            .filter(|tool| policy.allows(tool))
            .collect();
        if (mode != "all" || clamp == "all") && !tools.is_empty() {
            reachers.push(format!("{} ({})", agent.path(), tools.join(", ")));
        }
        let limits: Vec<&str> = ["profile", "allow", "deny"]
            .into_iter()
            .filter(|key| agent.get(&format!("tools.{key}")).is_some())
            .collect();
        if !limits.is_empty() {
            signals.push(format!(
                "{} has its own tool limits ({})",
                agent.path(),
                limits.join(", ")
            ));
        }
    }
    if reachers.is_empty() {
        return;
    }
    signals.extend(multi_user_signals(view));
    let (severity, trust) = if signals.is_empty() {
        (Severity::Info, String::new())
    } else {
        (
            Severity::Warn,
            format!(
                " Different trust levels suggested by: {}.",
                signals.join("; ")
            ),
        )
    };
    out.push(
        CROSS_AGENT_SESSIONS
            .finding(format!(
                "Agents that can reach other agents' sessions: {}.{trust}",
                reachers.join("; ")
            ))
            .with_severity(severity)
            .at("tools.sessions.visibility"),
    );
}
