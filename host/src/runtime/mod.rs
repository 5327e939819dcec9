//! The plugin runtime: one wasmtime engine and linker per process, one
//! `Store` per plugin call, WASI linked with no file, socket, environment or
//! argument granted. Every plugin is hostile: its shape is bounded before it
//! compiles, it compiles in a bounded child process, each call into it is
//! bounded in wall clock (host calls included), memory (all its memories
//! together), fuel and output, and everything it says is read within fixed
//! bounds and sanitized; no plugin can speak for a built-in or the host.

pub(crate) mod accept;
mod bindings;
mod budget;
pub(crate) mod cache;
mod classify;
pub(crate) mod compile;
pub(crate) mod contract;
mod deadline;
mod failure;
pub(crate) mod ids;
pub(crate) mod info;
pub(crate) mod limits;
mod load;
pub(crate) mod ownership;
mod precheck;
mod run;
mod sandbox;
mod serve;
mod stamp;
pub(crate) mod state;
pub(crate) mod ticker;

pub(crate) use cache::{CompileSource, CompiledCache};
pub(crate) use contract::CURRENT_API;
pub(crate) use failure::Failure;
pub use limits::Limits;
pub(crate) use load::LoadedPlugin;
pub use load::PluginSource;
pub(crate) use precheck::MAX_COMPONENT_BYTES;
pub(crate) use run::PluginRun;
pub use run::{Parallelism, run_all};

use crate::error::{Error, Result};
use state::PluginState;
use wasmtime::component::{HasSelf, Linker};
use wasmtime::{Config, Engine};

/// The engine and linker shared by every plugin of a process.
pub struct Runtime {
    pub(crate) engine: Engine,
    pub(crate) linker: Linker<PluginState>,
    pub(crate) limits: Limits,
    /// Each plugin's parameters, as the JSON object its `params.get`
    /// returns, by plugin name.
    pub(crate) params: std::collections::BTreeMap<String, String>,
    pub(crate) cache: CompiledCache,
    /// The running epoch ticker, shared by every run in progress.
    ticker: std::sync::Mutex<std::sync::Weak<ticker::Ticker>>,
}

/// Frames kept of a trapped plugin's wasm backtrace (its names come from
/// the plugin, so they are sanitized like everything else it says).
const BACKTRACE_FRAMES: usize = 16;

/// The engine's settings, the same in the host and in the child process
/// that compiles untrusted plugins (compiled code is only valid for an
/// engine of the settings it was made with).
pub(crate) fn engine_config() -> Config {
    let mut config = Config::new();
    config.wasm_component_model(true);
    config.consume_fuel(true);
    config.epoch_interruption(true);
    config.wasm_backtrace_max_frames(std::num::NonZeroUsize::new(BACKTRACE_FRAMES));
    config
}

impl Runtime {
    /// Sets up the engine (component model, fuel, epochs) and links the
    /// host's interfaces and WASI, asynchronously: a call that blocks in the
    /// host yields, so the deadline can end it.
    pub fn new(limits: Limits) -> Result<Runtime> {
        let engine = Engine::new(&engine_config()).map_err(|e| Error::Engine(e.to_string()))?;
        let mut linker = Linker::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker)
            .map_err(|e| Error::Engine(format!("linking WASI: {e}")))?;
        bindings::current::CheckPlugin::add_to_linker::<_, HasSelf<_>>(&mut linker, |state| state)
            .map_err(|e| Error::Engine(format!("linking pincer:audit: {e}")))?;
        bindings::v0_1::CheckPlugin::add_to_linker::<_, HasSelf<_>>(&mut linker, |state| state)
            .map_err(|e| Error::Engine(format!("linking pincer:audit 0.1: {e}")))?;
        Ok(Runtime {
            engine,
            linker,
            limits,
            params: std::collections::BTreeMap::new(),
            cache: CompiledCache::disabled(),
            ticker: std::sync::Mutex::new(std::sync::Weak::new()),
        })
    }

    /// The epoch ticker, started if none is running: plugins' wall-clock
    /// deadlines advance while any holder keeps it. A fleet holds one for
    /// all its targets, so no audit waits for a ticker thread to stop.
    pub fn ticking(&self) -> std::sync::Arc<ticker::Ticker> {
        let mut shared = self
            .ticker
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(ticker) = shared.upgrade() {
            return ticker;
        }
        let ticker = std::sync::Arc::new(ticker::Ticker::start(&self.engine));
        *shared = std::sync::Arc::downgrade(&ticker);
        ticker
    }

    /// Loads and stores compiled plugins through this cache.
    #[must_use]
    pub fn with_cache(mut self, cache: CompiledCache) -> Runtime {
        self.cache = cache;
        self
    }

    /// Gives each plugin its parameters (`[params.<plugin-name>]`).
    #[must_use]
    pub fn with_params(mut self, params: std::collections::BTreeMap<String, String>) -> Runtime {
        self.params = params;
        self
    }
}
