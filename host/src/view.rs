//! What plugins see: exactly what the WIT serves, redacted, built whole by
//! its constructor and shared read-only by every store of one audit
//! (`Arc<PluginView>`). What only the host may keep (the config's source
//! map, its suppressions, the credential's fingerprint) is another type,
//! `collect::HostFacts`, which never reaches a store.

use crate::env::Env;
use pincer_sdk::redact::{SecretResolver, redact_config};
use pincer_sdk::{FileFact, SecretMarker, SecretSource, StateFacts, SyncedPath};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The plugins' view of one installation; `pincer view` prints it.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PluginView {
    /// The redacted config.
    pub config: Value,
    /// The redacted config as JSON text, serialised once for all plugins.
    #[serde(skip)]
    pub config_json: String,
    /// The operating system family.
    pub platform: String,
    /// Markers of the environment variables the gateway would see.
    pub env: BTreeMap<String, SecretMarker>,
    /// Every `$include` of the config.
    pub includes: Vec<IncludeFact>,
    /// Facts about the config, its includes and the state directory.
    pub file_facts: Vec<FileFact>,
    /// The audited paths that sit in a cloud-synced folder.
    pub synced_paths: Vec<SyncedPath>,
    /// When the audit began (ms since the epoch).
    pub audit_time_ms: u64,
    /// Paired devices, approvals and gateway history from the state dir.
    pub state: StateFacts,
    /// `state` as the JSON texts the `gateway` and `nodes` interfaces
    /// return, serialised once for all plugins.
    #[serde(skip)]
    pub state_json: StateJson,
    /// The previous run's posture from `--history` as the JSON text of the
    /// `baseline` interface (`{"recordedAtMs", "posture"}`), if any.
    #[serde(skip)]
    pub baseline_json: Option<String>,
}

/// A config whose secrets are markers: the only form a view takes.
#[derive(Debug, Default)]
pub struct RedactedConfig(Value);

impl RedactedConfig {
    /// Redacts `config`, describing its secrets through `secrets`.
    pub fn new(mut config: Value, secrets: &dyn SecretResolver) -> Self {
        redact_config(&mut config, secrets);
        RedactedConfig(config)
    }
}

/// The parts of a view, as collected.
#[derive(Debug, Default)]
pub struct ViewParts {
    /// The config, redacted.
    pub config: RedactedConfig,
    /// Every `$include` of the config.
    pub includes: Vec<IncludeFact>,
    /// Facts about the stated paths.
    pub file_facts: Vec<FileFact>,
    /// The stated paths in a cloud-synced folder.
    pub synced_paths: Vec<SyncedPath>,
    /// When the audit began (ms since the epoch).
    pub audit_time_ms: u64,
    /// The state facts, their free text already redacted.
    pub state: StateFacts,
    /// The `baseline` interface's JSON text.
    pub baseline_json: Option<String>,
}

/// The state facts as the JSON texts of the WIT interfaces.
#[derive(Debug, Clone, Default)]
pub struct StateJson {
    /// `gateway.state()`.
    pub gateway: String,
    /// `nodes.paired()`.
    pub paired: String,
    /// `nodes.pending()`.
    pub pending: String,
}

impl StateJson {
    fn of(state: &StateFacts) -> StateJson {
        StateJson {
            gateway: to_json(&state.gateway),
            paired: to_json(&state.paired),
            pending: to_json(&state.pending),
        }
    }
}

/// JSON text of a state value (plain data, which always serialises).
fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

impl PluginView {
    /// The view of `parts`, with `env`'s variables as markers and every
    /// JSON text serialised once.
    pub fn new(parts: ViewParts, env: &Env) -> PluginView {
        let ViewParts {
            config: RedactedConfig(config),
            includes,
            file_facts,
            synced_paths,
            audit_time_ms,
            state,
            baseline_json,
        } = parts;
        let env = env
            .utf8()
            .map(|(name, value)| {
                let marker =
                    SecretMarker::describe(value, SecretSource::Env, Some(name.to_owned()));
                (name.to_owned(), marker)
            })
            .collect();
        PluginView {
            config_json: config.to_string(),
            config,
            platform: std::env::consts::OS.to_owned(),
            env,
            includes,
            file_facts,
            synced_paths,
            audit_time_ms,
            state_json: StateJson::of(&state),
            state,
            baseline_json,
        }
    }

    /// A view of an empty config, no environment and no facts, for calls
    /// that must not see the target (`info()`, a pack's admission).
    pub fn empty() -> PluginView {
        PluginView::new(
            ViewParts {
                config: RedactedConfig(Value::Object(serde_json::Map::new())),
                ..ViewParts::default()
            },
            &Env::default(),
        )
    }

    /// The value at a dotted path of the redacted config, as a plugin's
    /// `View::get` answers.
    pub fn get(&self, path: &str) -> Option<&Value> {
        pincer_sdk::value_at(&self.config, path)
    }
}

/// What became of one `$include` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IncludeStatus {
    /// Read and merged.
    Included,
    /// Its path leaves the config directory (`..` or absolute): not followed.
    EscapesConfigDir,
    /// It is inside lexically but a symlink leads out: not followed.
    EscapesViaSymlink,
}

/// One `$include` entry and what became of it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IncludeFact {
    /// The path as written.
    pub written: String,
    /// The file that holds the `$include`.
    pub from: PathBuf,
    /// The path it resolves to (lexically normalised).
    pub resolved: PathBuf,
    /// Followed or not.
    pub status: IncludeStatus,
}
