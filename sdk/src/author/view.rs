//! The typed view a check reads: the redacted config, environment markers,
//! platform and file facts. Built from the host's imports inside a plugin,
//! or from JSON in native tests.

use crate::baseline::Baseline;
use crate::secret::SecretMarker;
use crate::state::{GatewayState, PairedDevice, PendingPairing, StateFacts};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// What kind of filesystem object a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// Nothing is there.
    Missing,
    /// A regular file.
    File,
    /// A directory.
    Directory,
    /// A symbolic link.
    Symlink,
    /// A socket, device or fifo.
    Other,
}

/// Facts about one path the audit cares about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileFact {
    /// What the path is for: `state-dir`, `config`, `config-include`, ...
    pub role: String,
    /// The path as the host found it.
    pub path: String,
    /// What is there.
    pub kind: FileKind,
    /// Unix permission bits, when the platform has them.
    pub mode: Option<u32>,
    /// Last modification (ms since the epoch), when it exists. (Since
    /// `pincer:audit@0.1.2`.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_ms: Option<u64>,
    /// Whether the audit's user owns it.
    pub owned_by_current_user: Option<bool>,
}

/// What became of one `$include` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IncludeStatus {
    /// Read and merged into the config.
    Included,
    /// Leaves the config directory by its path: not followed.
    EscapesConfigDir,
    /// A symlink leads out of the config directory: not followed.
    EscapesViaSymlink,
}

/// One `$include` entry of the config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IncludeFact {
    /// The path as written.
    pub written: String,
    /// The file holding the `$include`.
    pub from_file: String,
    /// Where it resolves to.
    pub resolved: String,
    /// Followed or not.
    pub status: IncludeStatus,
}

/// An audited path inside a folder a sync client copies to the cloud.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncedPath {
    /// The path's role, as in [`FileFact`].
    pub role: String,
    /// The path.
    pub path: String,
    /// `icloud`, `dropbox`, `google-drive` or `onedrive`.
    pub provider: String,
}

/// Where environment markers come from.
enum EnvSource {
    /// Asked from the host, one variable at a time.
    Host,
    /// Given up front (native tests).
    Fixed(BTreeMap<String, SecretMarker>),
}

/// Everything a check can read.
pub struct View {
    config: Value,
    platform: String,
    env: EnvSource,
    file_facts: Vec<FileFact>,
    includes: Vec<IncludeFact>,
    synced: Vec<SyncedPath>,
    state: StateFacts,
    audit_time_ms: u64,
    params: serde_json::Map<String, Value>,
    baseline: Option<Baseline>,
}

impl View {
    /// A view over an already redacted config, for native tests. Prefer
    /// [`crate::testing::Scenario`], which redacts as the host does.
    pub fn new(
        config: Value,
        platform: impl Into<String>,
        env: BTreeMap<String, SecretMarker>,
        file_facts: Vec<FileFact>,
    ) -> Self {
        View {
            config,
            platform: platform.into(),
            env: EnvSource::Fixed(env),
            file_facts,
            includes: Vec::new(),
            synced: Vec::new(),
            state: StateFacts::default(),
            audit_time_ms: 0,
            params: serde_json::Map::new(),
            baseline: None,
        }
    }

    /// The same view with this previous run as its baseline (native tests).
    #[must_use]
    pub fn with_baseline(mut self, baseline: Option<Baseline>) -> Self {
        self.baseline = baseline;
        self
    }

    /// The previous audit of this installation (`pincer audit --history`),
    /// when there is one.
    pub fn baseline(&self) -> Option<&Baseline> {
        self.baseline.as_ref()
    }

    /// The same view with these plugin parameters (native tests).
    #[must_use]
    pub fn with_params(mut self, params: serde_json::Map<String, Value>) -> Self {
        self.params = params;
        self
    }

    /// The same view with these include facts (native tests).
    #[must_use]
    pub fn with_includes(mut self, includes: Vec<IncludeFact>) -> Self {
        self.includes = includes;
        self
    }

    /// The same view with these synced-folder facts (native tests).
    #[must_use]
    pub fn with_synced(mut self, synced: Vec<SyncedPath>) -> Self {
        self.synced = synced;
        self
    }

    /// The same view with this installation state, as of `audit_time_ms`
    /// (native tests).
    #[must_use]
    pub fn with_state(mut self, state: StateFacts, audit_time_ms: u64) -> Self {
        self.state = state;
        self.audit_time_ms = audit_time_ms;
        self
    }

    /// The view the host gives this plugin (inside a component).
    pub fn from_host() -> Result<Self, String> {
        use crate::bindings::pincer::audit::{
            baseline, config, gateway, host_facts, nodes, params,
        };
        fn parse<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, String> {
            serde_json::from_str(text)
                .map_err(|error| format!("host sent {what} that does not parse: {error}"))
        }
        let config: Value = parse("a config", &config::document())?;
        let state = StateFacts {
            gateway: parse("a gateway state", &gateway::state())?,
            paired: parse("paired devices", &nodes::paired())?,
            pending: parse("pending pairings", &nodes::pending())?,
        };
        let times = host_facts::file_times();
        let file_facts = host_facts::file_facts()
            .into_iter()
            .map(|fact| crate::guest::file_fact_from_wit(fact, &times))
            .collect();
        let includes = host_facts::includes()
            .into_iter()
            .map(crate::guest::include_from_wit)
            .collect();
        let synced = host_facts::synced_paths()
            .into_iter()
            .map(|p| SyncedPath {
                role: p.role,
                path: p.path,
                provider: p.provider,
            })
            .collect();
        Ok(View {
            config,
            platform: host_facts::platform(),
            env: EnvSource::Host,
            file_facts,
            includes,
            synced,
            state,
            audit_time_ms: host_facts::audit_time_ms(),
            params: parse("parameters", &params::get())?,
            baseline: baseline::previous()
                .map(|text| parse("a baseline", &text))
                .transpose()?,
        })
    }

    /// The plugin's parameters, as set (validated against the plugin's
    /// declared [`ParamMeta`](crate::ParamMeta)s before any check runs).
    pub fn params(&self) -> &serde_json::Map<String, Value> {
        &self.params
    }

    /// A parameter's value, when it is set and has type `T`.
    pub fn param<T: serde::de::DeserializeOwned>(&self, name: &str) -> Option<T> {
        self.params
            .get(name)
            .and_then(|value| T::deserialize(value).ok())
    }

    /// The whole redacted config.
    pub fn config(&self) -> &Value {
        &self.config
    }

    /// The value at a dotted path (`gateway.auth.mode`, `agents.list.0.id`).
    pub fn get(&self, path: &str) -> Option<&Value> {
        value_at(&self.config, path)
    }

    /// The string at a dotted path, if it is a string.
    pub fn str(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(Value::as_str)
    }

    /// The boolean at a dotted path, if it is a boolean.
    pub fn bool(&self, path: &str) -> Option<bool> {
        self.get(path).and_then(Value::as_bool)
    }

    /// The array at a dotted path, if it is an array.
    pub fn array(&self, path: &str) -> Option<&Vec<Value>> {
        self.get(path).and_then(Value::as_array)
    }

    /// Whether something (not `null`) is at a dotted path.
    pub fn is_set(&self, path: &str) -> bool {
        self.get(path).is_some_and(|value| !value.is_null())
    }

    /// The secret marker at a dotted path; none when the key is absent.
    pub fn secret(&self, path: &str) -> Option<SecretMarker> {
        self.get(path).and_then(SecretMarker::from_json)
    }

    /// The marker of an environment variable the gateway would see; none
    /// when it is not set.
    pub fn env_var(&self, name: &str) -> Option<SecretMarker> {
        match &self.env {
            EnvSource::Fixed(map) => map.get(name).cloned(),
            EnvSource::Host => crate::bindings::pincer::audit::host_facts::env_var(name)
                .map(crate::guest::marker_from_wit),
        }
    }

    /// The operating system family (`linux`, `macos`, ...).
    pub fn platform(&self) -> &str {
        &self.platform
    }

    /// Facts about the config file, includes and state directory.
    pub fn file_facts(&self) -> &[FileFact] {
        &self.file_facts
    }

    /// The fact about what a symlink fact points at (the host states it
    /// under the role `<role>-target`), when the host stated one.
    pub fn symlink_target(&self, link: &FileFact) -> Option<&FileFact> {
        let role = format!("{}-target", link.role);
        self.file_facts
            .iter()
            .find(|fact| fact.role == role && fact.path == link.path)
    }

    /// Every `$include` of the config, followed or not.
    pub fn includes(&self) -> &[IncludeFact] {
        &self.includes
    }

    /// The audited paths that sit in a cloud-synced folder.
    pub fn synced_paths(&self) -> &[SyncedPath] {
        &self.synced
    }

    /// Devices paired with the gateway, oldest approval first.
    pub fn paired_devices(&self) -> &[PairedDevice] {
        &self.state.paired
    }

    /// Pairing requests nobody has answered, oldest first.
    pub fn pending_pairings(&self) -> &[PendingPairing] {
        &self.state.pending
    }

    /// The gateway's recorded state: approvals, boots, restarts, channel
    /// allow entries, event counts, and where they were read from.
    pub fn gateway_state(&self) -> &GatewayState {
        &self.state.gateway
    }

    /// When the snapshot was taken (ms since the epoch): "now" for ages.
    pub fn audit_time_ms(&self) -> u64 {
        self.audit_time_ms
    }
}

/// The value at a dotted path of `root`: object keys, and array indexes as
/// numbers (`agents.list.0.id`). The host's view answers the same way.
pub fn value_at<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(root, |value, segment| match value {
            Value::Object(object) => object.get(segment),
            Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        })
}
