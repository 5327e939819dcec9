//! The per-plugin store state and the host side of the WIT imports: config,
//! host facts, gateway, nodes, params, baseline and log. Every answer comes
//! from the shared, redacted plugin view (an empty one while a plugin
//! describes itself); what a plugin logs is sanitized and bounded.

use super::bindings::pincer::audit::{
    baseline, config, gateway, host_facts, log, nodes, params, types,
};
use crate::view::PluginView;
use pincer_sdk::{CharClass, FileKind, SecretMarker, SecretSource};
use std::sync::Arc;
use wasmtime::component::ResourceTable;
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};

/// One log line a plugin wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LogLine {
    /// `debug`, `info` or `warn`.
    pub level: &'static str,
    /// The message.
    pub message: String,
}

/// Everything one plugin's `Store` holds.
pub(crate) struct PluginState {
    pub(crate) wasi: WasiCtx,
    pub(crate) table: ResourceTable,
    pub(crate) budget: super::budget::MemoryBudget,
    pub(crate) view: Arc<PluginView>,
    pub(crate) logs: Vec<LogLine>,
    pub(crate) logs_dropped: usize,
    pub(crate) log_bytes: usize,
    pub(crate) max_log_messages: usize,
    /// This plugin's parameters (JSON).
    pub(crate) params: String,
    /// What `baseline.previous()` answers this plugin.
    pub(crate) baseline: Option<String>,
}

/// Bytes kept of one log line.
pub(crate) const MAX_LOG_LINE: usize = 1 << 10;
/// Bytes of log lines kept of one plugin, all lines together.
pub(crate) const MAX_LOG_BYTES: usize = 64 << 10;

impl WasiView for PluginState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl types::Host for PluginState {}

impl config::Host for PluginState {
    fn document(&mut self) -> String {
        self.view.config_json.clone()
    }

    fn get(&mut self, path: String) -> Option<String> {
        self.view.get(&path).map(ToString::to_string)
    }
}

fn marker_to_wit(marker: &SecretMarker) -> types::SecretMarker {
    let mut classes = types::CharClasses::empty();
    for class in &marker.classes {
        classes |= match class {
            CharClass::Lower => types::CharClasses::LOWER,
            CharClass::Upper => types::CharClasses::UPPER,
            CharClass::Digit => types::CharClasses::DIGIT,
            CharClass::Symbol => types::CharClasses::SYMBOL,
            CharClass::Whitespace => types::CharClasses::WHITESPACE,
            CharClass::NonAscii => types::CharClasses::NON_ASCII,
        };
    }
    types::SecretMarker {
        source: match marker.source {
            SecretSource::Absent => types::SecretSource::Absent,
            SecretSource::Inline => types::SecretSource::Inline,
            SecretSource::Env => types::SecretSource::Env,
            SecretSource::File => types::SecretSource::File,
            SecretSource::Exec => types::SecretSource::Exec,
        },
        set: marker.set,
        length: marker.length,
        placeholder: marker.placeholder.clone(),
        classes,
        reference: marker.reference.clone(),
        secret_ref: marker.secret_ref,
    }
}

impl host_facts::Host for PluginState {
    fn platform(&mut self) -> String {
        self.view.platform.clone()
    }

    fn env_var(&mut self, name: String) -> Option<types::SecretMarker> {
        self.view.env.get(&name).map(marker_to_wit)
    }

    fn file_facts(&mut self) -> Vec<host_facts::FileFact> {
        self.view
            .file_facts
            .iter()
            .map(|fact| host_facts::FileFact {
                role: fact.role.clone(),
                path: fact.path.clone(),
                kind: match fact.kind {
                    FileKind::Missing => host_facts::FileKind::Missing,
                    FileKind::File => host_facts::FileKind::File,
                    FileKind::Directory => host_facts::FileKind::Directory,
                    FileKind::Symlink => host_facts::FileKind::Symlink,
                    FileKind::Other => host_facts::FileKind::Other,
                },
                mode: fact.mode,
                owned_by_current_user: fact.owned_by_current_user,
            })
            .collect()
    }

    fn includes(&mut self) -> Vec<host_facts::IncludeFact> {
        self.view
            .includes
            .iter()
            .map(Self::include_to_wit)
            .collect()
    }

    fn synced_paths(&mut self) -> Vec<host_facts::SyncedPath> {
        self.view
            .synced_paths
            .iter()
            .map(|synced| host_facts::SyncedPath {
                role: synced.role.clone(),
                path: synced.path.clone(),
                provider: synced.provider.clone(),
            })
            .collect()
    }

    fn audit_time_ms(&mut self) -> u64 {
        self.view.audit_time_ms
    }

    fn file_times(&mut self) -> Vec<host_facts::FileTime> {
        self.view
            .file_facts
            .iter()
            .filter_map(|fact| {
                Some(host_facts::FileTime {
                    role: fact.role.clone(),
                    path: fact.path.clone(),
                    modified_ms: fact.modified_ms?,
                })
            })
            .collect()
    }
}

impl gateway::Host for PluginState {
    fn state(&mut self) -> String {
        self.view.state_json.gateway.clone()
    }
}

impl nodes::Host for PluginState {
    fn paired(&mut self) -> String {
        self.view.state_json.paired.clone()
    }

    fn pending(&mut self) -> String {
        self.view.state_json.pending.clone()
    }
}

impl params::Host for PluginState {
    fn get(&mut self) -> String {
        self.params.clone()
    }
}

impl baseline::Host for PluginState {
    fn previous(&mut self) -> Option<String> {
        self.baseline.clone()
    }
}

impl PluginState {
    fn include_to_wit(fact: &crate::collect::config::IncludeFact) -> host_facts::IncludeFact {
        use crate::collect::config::IncludeStatus;
        host_facts::IncludeFact {
            written: fact.written.clone(),
            from_file: fact.from.display().to_string(),
            resolved: fact.resolved.display().to_string(),
            status: match fact.status {
                IncludeStatus::Included => host_facts::IncludeStatus::Included,
                IncludeStatus::EscapesConfigDir => host_facts::IncludeStatus::EscapesConfigDir,
                IncludeStatus::EscapesViaSymlink => host_facts::IncludeStatus::EscapesViaSymlink,
            },
        }
    }
}

impl log::Host for PluginState {
    fn write(&mut self, level: log::Level, message: String) {
        let message = crate::text::line(&message, MAX_LOG_LINE);
        if self.logs.len() >= self.max_log_messages
            || self.log_bytes.saturating_add(message.len()) > MAX_LOG_BYTES
        {
            self.logs_dropped += 1;
            return;
        }
        self.log_bytes += message.len();
        let level = match level {
            log::Level::Debug => "debug",
            log::Level::Info => "info",
            log::Level::Warn => "warn",
        };
        self.logs.push(LogLine { level, message });
    }
}
