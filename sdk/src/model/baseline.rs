//! The baseline: the previous audit of the same installation, as the host
//! records it in its history (`pincer audit --history DIR`) and gives
//! plugins through the `baseline` interface (since `pincer:audit@0.1.3`).
//! A posture snapshot holds a digest of the redacted config, the
//! security-relevant settings, what each agent lane may do (its sandbox
//! mode, the watched tools it admits, its effective exec policy, whether
//! elevated tools are on for it), the paired nodes, the gateway's latest
//! boots, the critical findings' ids and what the history knows of the
//! gateway credential — built from the redacted view, so never a secret.

use crate::View;
use crate::agents::{Agent, default_sandbox_mode, roster};
use crate::exec::exec_policy;
use crate::tools::LanePolicy;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Tools whose enablement drift checks follow: runtime, file writes, web
/// and browser, node and control-plane tools.
pub const WATCHED_TOOLS: &[&str] = &[
    "exec",
    "process",
    "write",
    "apply_patch",
    "browser",
    "web_search",
    "web_fetch",
    "nodes",
    "gateway",
    "automations",
    "plugins",
];

/// One agent lane: the defaults or one agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct LanePosture {
    /// `agents.defaults` or `agents.entries.<id>`.
    pub lane: String,
    /// The sandbox mode it runs with.
    pub sandbox_mode: String,
    /// The watched tools its policy admits, in [`WATCHED_TOOLS`] order.
    pub tools: Vec<String>,
    /// Its effective exec policy (none in entries recorded before it was).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec: Option<LaneExec>,
    /// Whether elevated tools are on for it: on unless the global or the
    /// agent's own `tools.elevated.enabled` is false (none in entries
    /// recorded before it was).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elevated: Option<bool>,
}

/// A lane's effective exec policy, as [`crate::exec::ExecPolicy`] spells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct LaneExec {
    /// Commands run in the sandbox rather than on the host.
    pub in_sandbox: bool,
    /// `deny`, `allowlist` or `full`.
    pub security: String,
    /// `off`, `on-miss` or `always`.
    pub ask: String,
}

/// What the history knows of the gateway credential in use (the token or
/// the password the gateway accepts), so that its age and its exposures
/// can be followed from run to run without its value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CredentialPosture {
    /// `token` or `password`.
    pub kind: String,
    /// It was written in the config file itself.
    #[serde(default)]
    pub written_in_config: bool,
    /// A keyed, truncated HMAC of the credential (the key is OpenClaw's
    /// config-journal fingerprint key, which stays in the audited state
    /// directory): equal fingerprints mean the same credential. Only the
    /// host compares it; the `baseline` interface never carries it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub fingerprint: Option<String>,
    /// The earliest time the credential is known to have been in place
    /// (ms since the epoch), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_place_since_ms: Option<u64>,
    /// The first recorded audit that found the credential exposed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposed_at_ms: Option<u64>,
    /// The exposure checks that audit (and any later one) reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exposed_by: Vec<String>,
}

/// Checks whose findings mean the gateway credential may have been read
/// or replaced by someone else: config files others may read or write,
/// a state directory others may read, a config in a cloud-synced folder,
/// readable logs, the hooks token reusing it. The seed baseline rotates
/// the credential after any of these. Those about config files count only
/// for a credential written in the config.
pub const EXPOSURE_CHECKS: &[&str] = &[
    "fs.config.perms_world_readable",
    "fs.config.perms_group_readable",
    "fs.config.perms_writable",
    "fs.config_include.perms_world_readable",
    "fs.config_include.perms_group_readable",
    "fs.config_include.perms_writable",
    "fs.synced_dir",
    "fs.state_dir.perms_world_writable",
    "fs.state_dir.perms_group_writable",
    "fs.state_dir.perms_readable",
    "fs.log_file.perms_readable",
    "hooks.token_reuse_gateway_token",
];

/// Whether an exposure check concerns the config files only.
pub fn exposes_config_files_only(check_id: &str) -> bool {
    check_id.starts_with("fs.config.") || check_id.starts_with("fs.config_include.")
}

/// One paired node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct NodePosture {
    /// The device id.
    pub device_id: String,
    /// Its platform, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Its roles.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Its scopes.
    #[serde(default)]
    pub scopes: Vec<String>,
}

/// One gateway start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BootPosture {
    /// The boot id.
    pub boot_id: String,
    /// When it started (ms since the epoch).
    pub started_at_ms: i64,
    /// How it ended, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

/// The posture of one audit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Posture {
    /// SHA-256 of the redacted config (hex): changes whenever a setting
    /// does; secret values enter only as their markers.
    pub config_digest: String,
    /// The security-relevant settings present in the config, by path, and
    /// the derived [`EFFECTIVE_AUTH_MODE`] (see [`settings`]).
    #[serde(default)]
    pub settings: BTreeMap<String, Value>,
    /// The defaults and every agent.
    #[serde(default)]
    pub lanes: Vec<LanePosture>,
    /// Paired nodes.
    #[serde(default)]
    pub nodes: Vec<NodePosture>,
    /// The latest gateway boots, oldest first.
    #[serde(default)]
    pub boots: Vec<BootPosture>,
    /// The ids of the critical findings.
    #[serde(default)]
    pub critical_checks: Vec<String>,
    /// The gateway credential, when the gateway has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<CredentialPosture>,
}

/// The previous run, as the `baseline` interface gives it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Baseline {
    /// When it ran (ms since the epoch).
    pub recorded_at_ms: u64,
    /// Its posture.
    pub posture: Posture,
}

/// Config paths whose values say how exposed the gateway is and what its
/// agents may do (never a secret field).
const SETTINGS: &[&str] = &[
    "gateway.mode",
    "gateway.bind",
    "gateway.customBindHost",
    "gateway.port",
    "gateway.auth.mode",
    "gateway.auth.allowTailscale",
    "gateway.tailscale.mode",
    "gateway.controlUi.enabled",
    "gateway.trustedProxies",
    "gateway.nodes.commands.allow",
    "tools.profile",
    "tools.allow",
    "tools.deny",
    "tools.elevated.enabled",
    "tools.exec.mode",
    "tools.exec.security",
    "tools.exec.ask",
    "tools.exec.host",
    "tools.fs.workspaceOnly",
    "tools.exec.applyPatch.workspaceOnly",
    "tools.sandbox.tools.allow",
    "tools.sandbox.tools.deny",
    "agents.defaults.sandbox.mode",
    "hooks.enabled",
    "browser.enabled",
    "plugins.allow",
    "session.dmScope",
    "session.groupScope",
];

/// The per-channel settings recorded for every configured channel.
const CHANNEL_SETTINGS: &[&str] = &["enabled", "dmPolicy", "groupPolicy"];

/// The key of the derived setting [`settings`] adds: the auth mode the
/// gateway takes from its config, written or not.
pub const EFFECTIVE_AUTH_MODE: &str = "gateway.auth.effectiveMode";

/// The security-relevant settings of a config: each path of the list that
/// is set, every channel's `enabled`, `dmPolicy` and `groupPolicy`, and
/// [`EFFECTIVE_AUTH_MODE`]: `gateway.auth.mode`, else `password` when the
/// config names a password, else `token` (as the gateway decides; a
/// password from its environment is not seen here).
pub fn settings(view: &View) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for path in SETTINGS {
        if let Some(value) = view.get(path) {
            out.insert((*path).to_owned(), value.clone());
        }
    }
    let mode = view
        .str("gateway.auth.mode")
        .unwrap_or(if view.is_set("gateway.auth.password") {
            "password"
        } else {
            "token"
        });
    out.insert(EFFECTIVE_AUTH_MODE.to_owned(), Value::from(mode));
    let channels = view.get("channels").and_then(Value::as_object);
    for (name, channel) in channels.into_iter().flatten() {
        for key in CHANNEL_SETTINGS {
            if let Some(value) = channel.get(*key) {
                out.insert(format!("channels.{name}.{key}"), value.clone());
            }
        }
    }
    out
}

/// Whether elevated tools are on for a lane: the global switch and the
/// agent's own must both not be false, as the gateway decides.
pub fn elevated_enabled(view: &View, agent: Option<&Agent<'_>>) -> bool {
    let off = |value: Option<&Value>| value.and_then(Value::as_bool) == Some(false);
    !off(view.get("tools.elevated.enabled"))
        && !off(agent.and_then(|a| a.get("tools.elevated.enabled")))
}

fn lane(view: &View, label: String, agent: Option<&Agent<'_>>) -> LanePosture {
    let policy = LanePolicy::new(view, agent, None, true);
    let exec = exec_policy(view, agent);
    LanePosture {
        lane: label,
        sandbox_mode: agent
            .map_or_else(|| default_sandbox_mode(view), |a| a.sandbox_mode(view))
            .to_owned(),
        tools: WATCHED_TOOLS
            .iter()
            .filter(|tool| policy.allows(tool))
            .map(|tool| (*tool).to_owned())
            .collect(),
        exec: Some(LaneExec {
            in_sandbox: exec.in_sandbox,
            security: exec.security.as_str().to_owned(),
            ask: exec.ask.as_str().to_owned(),
        }),
        elevated: Some(elevated_enabled(view, agent)),
    }
}

/// The defaults and every agent, with their sandbox mode, the watched
/// tools their policy admits, their exec policy and elevated switch.
pub fn lanes(view: &View) -> Vec<LanePosture> {
    let mut out = vec![lane(view, "agents.defaults".to_owned(), None)];
    for agent in roster(view) {
        out.push(lane(view, agent.path(), Some(&agent)));
    }
    out
}
