//! The plugin runtime: one wasmtime engine and linker per process, one
//! `Store` per plugin run, WASI linked with nothing granted.

pub(crate) mod accept;
mod bindings;
pub mod cache;
mod classify;
mod failure;
pub mod info;
mod limiter;
pub mod limits;
mod load;
mod ownership;
mod run;
mod stamp;
pub mod state;
pub mod ticker;

pub use cache::{CompileSource, CompiledCache};
pub use failure::Failure;
pub use limits::Limits;
pub use load::{LoadedPlugin, PluginSource, SUPPORTED_API};
pub use run::{Parallelism, PluginRun, run_all};

use crate::error::{Error, Result};
use crate::params::PluginParams;
use bindings::CheckPlugin;
use state::PluginState;
use wasmtime::component::{HasSelf, Linker};
use wasmtime::{Config, Engine};

/// The engine and linker shared by every plugin of a process.
pub struct Runtime {
    pub(crate) engine: Engine,
    pub(crate) linker: Linker<PluginState>,
    pub(crate) limits: Limits,
    pub(crate) params: PluginParams,
    pub(crate) cache: CompiledCache,
    /// The running epoch ticker, shared by every run in progress.
    ticker: std::sync::Mutex<std::sync::Weak<ticker::Ticker>>,
}

impl Runtime {
    /// Sets up the engine (component model, fuel) and links the host's
    /// interfaces and WASI (no capabilities are granted in the stores).
    pub fn new(limits: Limits) -> Result<Runtime> {
        let mut config = Config::new();
        config.wasm_component_model(true);
        config.consume_fuel(true);
        config.epoch_interruption(true);
        let engine = Engine::new(&config).map_err(|e| Error::Engine(e.to_string()))?;
        let mut linker = Linker::new(&engine);
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker)
            .map_err(|e| Error::Engine(format!("linking WASI: {e}")))?;
        CheckPlugin::add_to_linker::<_, HasSelf<_>>(&mut linker, |state| state)
            .map_err(|e| Error::Engine(format!("linking pincer:audit: {e}")))?;
        Ok(Runtime {
            engine,
            linker,
            limits,
            params: PluginParams::default(),
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
    pub fn with_cache(mut self, cache: CompiledCache) -> Runtime {
        self.cache = cache;
        self
    }

    /// Gives each plugin its parameters (`[params.<plugin-name>]`).
    pub fn with_params(mut self, params: PluginParams) -> Runtime {
        self.params = params;
        self
    }
}
