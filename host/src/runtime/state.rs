//! The per-plugin store state: the shared, redacted plugin view (an empty
//! one while a plugin describes itself), its parameters and baseline, the
//! memory budget and what it logged. `serve.rs` answers the WIT imports
//! from it.

use crate::view::PluginView;
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
