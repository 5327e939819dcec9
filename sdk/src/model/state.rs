//! The installation's state as checks see it: paired devices and pending
//! pairings (the `nodes` interface), and the gateway's own records — exec
//! approvals, boot and restart history, channel allow entries, event
//! counts (the `gateway` interface). The host reads them read-only from
//! `state/openclaw.sqlite`, or from the JSON files of installations that
//! predate it, and fills these types; every token in them is a
//! [`SecretMarker`]. The same types travel as JSON through the WIT
//! contract, so a field added later never breaks an older plugin.

use crate::secret::SecretMarker;
use serde::{Deserialize, Serialize};

/// Where the state facts were read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum StateSource {
    /// `state/openclaw.sqlite`.
    Database,
    /// The JSON files of installations from before the database.
    LegacyFiles,
    /// Neither exists: a fresh installation, or the wrong state dir.
    #[default]
    None,
}

/// How much a note matters for the audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum NoteLevel {
    /// Worth knowing (no database yet, an older schema read as far as it goes).
    Info,
    /// Some facts could not be read: the audit is incomplete.
    Error,
}

/// Something the host noticed while reading the state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StateNote {
    /// How much it matters.
    pub level: NoteLevel,
    /// What happened, naming the file.
    pub message: String,
}

/// Where the state came from and how well it could be read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct StateInfo {
    /// Database, legacy files or none.
    pub source: StateSource,
    /// The database file or the legacy files' directory, when any.
    pub path: Option<String>,
    /// The database's `PRAGMA user_version` (OpenClaw 2026.9.6 writes 18).
    pub schema_version: Option<i64>,
    /// Anything unusual: no database, an older schema, a locked or corrupt
    /// file. An `error` note means some facts below are missing.
    pub notes: Vec<StateNote>,
}

impl StateInfo {
    /// Whether every state fact could be read.
    pub fn complete(&self) -> bool {
        self.notes.iter().all(|note| note.level != NoteLevel::Error)
    }
}

/// One credential a paired device holds, without its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeviceToken {
    /// The role the token is for (`node`, `operator`).
    pub role: String,
    /// Scopes granted with it.
    pub scopes: Vec<String>,
    /// Issued at (ms since the epoch).
    pub created_at_ms: Option<i64>,
    /// Last rotated at.
    pub rotated_at_ms: Option<i64>,
    /// Last used at.
    pub last_used_at_ms: Option<i64>,
    /// Revoked at; a revoked token no longer works.
    pub revoked_at_ms: Option<i64>,
    /// The token itself, as a marker.
    pub secret: SecretMarker,
}

/// What a paired node offers the gateway (its "node surface").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct NodeSurface {
    /// The node software's version.
    pub version: Option<String>,
    /// Capability groups (`system`, `camera`, `canvas`, ...).
    pub caps: Vec<String>,
    /// Commands the node accepts (`system.run`, `system.which`, ...).
    pub commands: Vec<String>,
    /// Binaries the node reported on its path.
    pub bins: Vec<String>,
}

/// A device paired with the gateway: an operator client or a node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PairedDevice {
    /// Stable device id (hash of its public key).
    pub device_id: String,
    /// Name the device gave itself.
    pub display_name: Option<String>,
    /// Name the operator gave it.
    pub operator_label: Option<String>,
    /// `linux`, `macos`, `ios`, `android`, ...
    pub platform: Option<String>,
    /// Hardware family the device reports (`Mac`, `iPhone`, `Pixel`, ...);
    /// OpenClaw grants desktop-host commands only with a matching family.
    #[serde(default)]
    pub device_family: Option<String>,
    /// Client software id (`node-host`, `openclaw-macos`, ...).
    pub client_id: Option<String>,
    /// Client mode (`node`, `ui`, `cli`, ...).
    pub client_mode: Option<String>,
    /// Primary role (`node`, `operator`).
    pub role: Option<String>,
    /// Every role it holds.
    pub roles: Vec<String>,
    /// Scopes it holds now.
    pub scopes: Vec<String>,
    /// Scopes an operator approved; more in `scopes` is overreach.
    pub approved_scopes: Vec<String>,
    /// How the pairing was approved (`owner`, `trusted-cidr`, ...).
    pub approved_via: Option<String>,
    /// Paired at (ms since the epoch).
    pub created_at_ms: Option<i64>,
    /// Approved at.
    pub approved_at_ms: Option<i64>,
    /// Last seen at.
    pub last_seen_at_ms: Option<i64>,
    /// The address it last connected from.
    pub remote_ip: Option<String>,
    /// Its credentials, as markers.
    pub tokens: Vec<DeviceToken>,
    /// What it offers as a node, when it is one.
    pub node: Option<NodeSurface>,
    /// A node surface change awaits approval.
    pub pending_node_surface: bool,
}

/// A pairing request nobody has approved or rejected yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PendingPairing {
    /// Request id.
    pub request_id: String,
    /// The requesting device.
    pub device_id: String,
    /// Name the device gave itself.
    pub display_name: Option<String>,
    /// Its platform.
    pub platform: Option<String>,
    /// Client software id.
    pub client_id: Option<String>,
    /// Client mode.
    pub client_mode: Option<String>,
    /// Role asked for.
    pub role: Option<String>,
    /// Roles asked for.
    pub roles: Vec<String>,
    /// Scopes asked for.
    pub scopes: Vec<String>,
    /// Address the request came from.
    pub remote_ip: Option<String>,
    /// A re-pairing of a known device.
    pub is_repair: bool,
    /// Requested at (ms since the epoch).
    pub requested_at_ms: Option<i64>,
}

/// An exec approval policy (`security`, `ask`, ...), as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApprovalPolicy {
    /// `deny`, `allowlist` or `full`.
    pub security: Option<String>,
    /// `off`, `on-miss` or `always`.
    pub ask: Option<String>,
    /// What happens when nobody answers.
    pub ask_fallback: Option<String>,
    /// Skills' binaries are allowed without asking.
    pub auto_allow_skills: Option<bool>,
}

/// One allow-listed command pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AllowlistEntry {
    /// Path or glob (`/usr/bin/git`, `~/bin/**`).
    pub pattern: String,
    /// How it was added (`allow-always`, ...).
    pub source: Option<String>,
    /// Last used at (ms since the epoch).
    pub last_used_at_ms: Option<i64>,
}

/// One agent's exec approvals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AgentApprovals {
    /// The agent id (`main`, `*`).
    pub agent_id: String,
    /// Its policy (unset fields fall back to the defaults).
    pub policy: ApprovalPolicy,
    /// Allow-listed commands.
    pub allowlist: Vec<AllowlistEntry>,
    /// MCP tools approved for good.
    pub mcp_tools: Vec<String>,
}

/// The exec approvals configuration (`exec_approvals_config`, or the file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ExecApprovals {
    /// The approval socket's path.
    pub socket_path: Option<String>,
    /// The approval socket's token, as a marker.
    pub socket_token: Option<SecretMarker>,
    /// The defaults every agent inherits.
    pub defaults: ApprovalPolicy,
    /// Per-agent settings.
    pub agents: Vec<AgentApprovals>,
}

/// One gateway start, from `gateway_boot_lifecycle`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BootRecord {
    /// Boot id.
    pub boot_id: String,
    /// Process id.
    pub pid: i64,
    /// Started at (ms since the epoch).
    pub started_at_ms: i64,
    /// Ended at; none while running or after a crash.
    pub completed_at_ms: Option<i64>,
    /// `clean_stop`, `planned_restart`, `startup_failed`, ... or none.
    pub outcome: Option<String>,
    /// Why it started, when known.
    pub startup_reason: Option<String>,
    /// Why it ended, when known.
    pub reason: Option<String>,
}

/// A restart the gateway recorded (sentinel, intent or handoff).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RestartRecord {
    /// `sentinel`, `intent` or `handoff`.
    pub record: String,
    /// Its kind, as OpenClaw names it.
    pub kind: String,
    /// Status, for sentinels.
    pub status: Option<String>,
    /// When (ms since the epoch).
    pub at_ms: i64,
    /// Why, when recorded.
    pub reason: Option<String>,
}

/// A sender approved through channel pairing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChannelAllowEntry {
    /// The channel (`telegram`, `whatsapp`, ...).
    pub channel: String,
    /// The channel account.
    pub account_id: String,
    /// The sender id allowed.
    pub entry: String,
}

/// How many events of one status a ledger holds, recent and overall.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct EventCount {
    /// `audit` (`audit_events`) or `ingress` (`channel_ingress_events`).
    pub ledger: String,
    /// The status (`succeeded`, `failed`, `blocked`, `pending`, ...).
    pub status: String,
    /// The event kind (`tool_action`, `agent_run`, `message`, ...) for the
    /// audit ledger, the channel for the ingress ledger; none in counts
    /// of hosts from before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// When the newest of these events happened (ms since the epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_at_ms: Option<i64>,
    /// In the 24 hours before the audit.
    pub last_day: u64,
    /// In the 7 days before the audit.
    pub last_week: u64,
    /// In all.
    pub total: u64,
}

/// What `--deep` found when it dialled the live gateway on loopback.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct GatewayProbe {
    /// The address dialled (`ws://127.0.0.1:18789`).
    pub url: String,
    /// The gateway answered the handshake, accepted the credentials and
    /// reported its health.
    pub ok: bool,
    /// Why not, when not `ok` (connection refused, timeout, the gateway's
    /// own refusal); secrets are masked.
    pub error: Option<String>,
    /// The credential kind offered: `token`, `password` or `none`.
    pub auth_offered: String,
    /// The gateway accepted the connection with that credential.
    pub auth_accepted: bool,
    /// The gateway's version, from its hello.
    pub server_version: Option<String>,
    /// The credential is a secret reference the host could not resolve
    /// (exec or file provider, unset variable): the probe went without it.
    pub secret_ref_unavailable: Option<String>,
    /// How long the probe took.
    pub duration_ms: u64,
}

/// One npm install record of a plugin or hook.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct InstallRecord {
    /// `plugin` or `hook`.
    pub kind: String,
    /// The plugin or hook id.
    pub id: String,
    /// The npm spec it was installed from (`pkg@1.2.3`).
    pub spec: Option<String>,
    /// Whether an integrity hash was recorded (the hash itself never
    /// crosses).
    pub has_integrity: bool,
    /// The version recorded at install (`resolvedVersion`, else `version`).
    pub recorded_version: Option<String>,
    /// The version in the installed `package.json`.
    pub installed_version: Option<String>,
}

/// An agent workspace whose skills need a look.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct WorkspaceSkills {
    /// The workspace.
    pub workspace: String,
    /// The walk of its `skills/` stopped at its limit (2000 skill files or
    /// 40000 directories) with directories left.
    pub truncated: bool,
    /// Its `SKILL.md` files that resolve (through symlinks) outside it.
    pub escaping: Vec<String>,
}

/// One match of a code-safety rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CodeFinding {
    /// The file.
    pub file: String,
    /// The line (from 1).
    pub line: u32,
    /// The rule (`dangerous-exec`, `shell-pipe-to-shell`, ...).
    pub rule: String,
    /// The rule's severity.
    pub severity: crate::Severity,
}

/// The code-safety scan of one installed plugin or skill folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct ScannedPackage {
    /// The plugin's directory name, or the skill folder's name.
    pub id: String,
    /// Its directory.
    pub path: String,
    /// Why its package.json could not be read.
    pub manifest_error: Option<String>,
    /// `openclaw.extensions` entries that resolve outside the plugin dir.
    pub escaping_entries: Vec<String>,
    /// Entries inside `node_modules` or a dot-folder.
    pub hidden_entries: Vec<String>,
    /// Why the scan failed part way.
    pub scan_error: Option<String>,
    /// What the rules found.
    pub findings: Vec<CodeFinding>,
}

/// What `--deep` found in installed code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct CodeScan {
    /// The installed plugins, by directory.
    pub plugins: Vec<ScannedPackage>,
    /// The workspace skill folders.
    pub skills: Vec<ScannedPackage>,
}

/// One sandbox browser container, as `--deep` found it in Docker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct BrowserContainer {
    /// The container's name.
    pub name: String,
    /// Its `openclaw.configHash` label; none when missing.
    pub config_hash: Option<String>,
    /// Its `openclaw.browserConfigEpoch` label; none when missing.
    pub config_epoch: Option<String>,
    /// The host addresses its ports are published on (`127.0.0.1`,
    /// `0.0.0.0`, `::`), one per published port.
    pub published_on: Vec<String>,
}

/// What `--deep` asked Docker about the sandbox browser containers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct DockerProbe {
    /// Docker answered (the CLI exists and reached a daemon).
    pub available: bool,
    /// Why it did not, or what failed part way.
    pub error: Option<String>,
    /// A Docker command ran out of time; the containers after it are missing.
    pub timed_out: bool,
    /// The containers labelled `openclaw.sandboxBrowser=1`.
    pub containers: Vec<BrowserContainer>,
}

/// The gateway's recorded state (the `gateway` interface's `state()`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct GatewayState {
    /// Where it was read from, and how well.
    pub info: StateInfo,
    /// Exec approvals, when configured.
    pub exec_approvals: Option<ExecApprovals>,
    /// Gateway starts, oldest first.
    pub boots: Vec<BootRecord>,
    /// Restart records, oldest first.
    pub restarts: Vec<RestartRecord>,
    /// Senders approved through channel pairing.
    pub channel_allow: Vec<ChannelAllowEntry>,
    /// Event counts by ledger and status.
    pub events: Vec<EventCount>,
    /// The live probe, only with `--deep`.
    pub probe: Option<GatewayProbe>,
    /// Whether `OPENCLAW_GATEWAY_TOKEN` in the audit's environment holds
    /// the same token as a `gateway.auth.token` written as a string (after
    /// `${VAR}` substitution); null unless both are set. Compared in the
    /// host, so neither value reaches a plugin. (Since 0.1.2.)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env_token_matches_config: Option<bool>,
    /// The audit runs in a gateway service's environment
    /// (`OPENCLAW_SERVICE_KIND=gateway`), where the gateway's own token
    /// variables are expected. (Since 0.1.2.)
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_gateway_service: bool,
    /// Whether enabled hooks use the gateway's own token or password as
    /// their token; null unless hooks are on with a token. Compared in the
    /// host, so neither value reaches a plugin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hooks_token_matches_gateway_auth: Option<bool>,
    /// The plugin directories under the state dir's `extensions/` (hidden
    /// ones, `node_modules`, backups and `.disabled` copies left out), by
    /// name, sorted. Plugins built before this
    /// field existed simply do not see it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub installed_extensions: Vec<String>,
    /// The ids installed plugins declare in their `openclaw.plugin.json`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub installed_plugin_ids: Vec<String>,
    /// The enabled MCP servers of the skills' registry
    /// (`skills/config/mcporter.json`), by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mcporter_servers: Vec<String>,
    /// npm install records of plugins and hooks (plugins first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub install_records: Vec<InstallRecord>,
    /// Workspaces whose skills escape them or were too many to walk.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub workspace_skills: Vec<WorkspaceSkills>,
    /// The code-safety scan of plugins and skills; only with `--deep`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_scan: Option<CodeScan>,
    /// The sandbox browser containers Docker runs; only with `--deep`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docker: Option<DockerProbe>,
    /// How long the gateway credential has been in place and whether an
    /// earlier audit found it exposed, from OpenClaw's config journal and
    /// Pincer's own history; none when the gateway has no credential.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_age: Option<CredentialAge>,
}

/// What the change history shows of the gateway credential in use (the
/// token or the password the gateway accepts). The host works it out from
/// OpenClaw's config journal (`diagnostic_events`, scope `config-audit`:
/// which config writes changed which paths) and from the previous entry of
/// `--history`, where a keyed fingerprint tells one credential from
/// another; no value, hash or fingerprint reaches a plugin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct CredentialAge {
    /// `token` or `password`.
    pub kind: String,
    /// The config path of the credential (`gateway.auth.token`, ...).
    pub path: String,
    /// The credential is written in the config file itself (not taken
    /// from the environment or a secret reference).
    pub written_in_config: bool,
    /// The earliest time the change history proves the credential in
    /// place (ms since the epoch): its age is at least the audit time
    /// minus this. None when no history proves anything.
    pub in_place_since_ms: Option<u64>,
    /// The histories that proved it: `config-journal`, `audit-history`.
    pub evidence: Vec<String>,
    /// When the config journal shows the credential last written, when it
    /// does.
    pub changed_at_ms: Option<u64>,
    /// Pincer's history can tell this credential from another (OpenClaw's
    /// config-journal fingerprint key exists in the state directory).
    pub tracked: bool,
    /// Compared with the previous recorded audit: true when the credential
    /// changed since, false when it is the same one; none when unknown.
    pub rotated_since_baseline: Option<bool>,
    /// The first recorded audit that found this same credential exposed
    /// (see [`crate::baseline::EXPOSURE_CHECKS`]).
    pub exposed_at_ms: Option<u64>,
    /// The exposure checks those audits reported.
    pub exposed_by: Vec<String>,
}

/// Everything the host read from the state directory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct StateFacts {
    /// The gateway's records.
    pub gateway: GatewayState,
    /// Paired devices.
    pub paired: Vec<PairedDevice>,
    /// Pending pairing requests.
    pub pending: Vec<PendingPairing>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::SecretSource;
    use crate::testing::{DEFAULT_NOW_MS, Scenario};

    fn node() -> PairedDevice {
        PairedDevice {
            device_id: "b197".to_owned(),
            display_name: Some("build-server-01".to_owned()),
            roles: vec!["node".to_owned()],
            tokens: vec![DeviceToken {
                role: "node".to_owned(),
                scopes: Vec::new(),
                created_at_ms: Some(1),
                rotated_at_ms: None,
                last_used_at_ms: None,
                revoked_at_ms: None,
                secret: SecretMarker::describe("x".repeat(43).as_str(), SecretSource::Inline, None),
            }],
            node: Some(NodeSurface {
                commands: vec!["system.run".to_owned()],
                ..NodeSurface::default()
            }),
            ..PairedDevice::default()
        }
    }

    #[test]
    fn json_keeps_the_documented_camel_case_shape() {
        let json = serde_json::to_value(node()).unwrap();
        assert_eq!(json["deviceId"], "b197");
        assert_eq!(json["node"]["commands"][0], "system.run");
        assert_eq!(json["tokens"][0]["secret"]["length"], 43);
        assert_eq!(json["pendingNodeSurface"], false);
        let back: PairedDevice = serde_json::from_value(json).unwrap();
        assert_eq!(back, node());
    }

    #[test]
    fn unknown_fields_from_a_newer_host_are_ignored() {
        let text = r#"{"info":{"source":"database","path":null,"schemaVersion":19,"notes":[],
            "fromTheFuture":1},"boots":[],"somethingNew":[1,2]}"#;
        let state: GatewayState = serde_json::from_str(text).unwrap();
        assert_eq!(state.info.schema_version, Some(19));
        assert!(state.info.complete());
    }

    #[test]
    fn scenarios_carry_state_and_a_fixed_now() {
        let view = Scenario::config(serde_json::json!({}))
            .paired(node())
            .gateway_state(GatewayState {
                info: StateInfo {
                    notes: vec![StateNote {
                        level: NoteLevel::Error,
                        message: "locked".to_owned(),
                    }],
                    ..StateInfo::default()
                },
                ..GatewayState::default()
            })
            .view();
        assert_eq!(view.paired_devices().len(), 1);
        assert!(view.pending_pairings().is_empty());
        assert!(!view.gateway_state().info.complete());
        assert_eq!(view.audit_time_ms(), DEFAULT_NOW_MS);
    }
}
