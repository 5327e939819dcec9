//! One plugin call's store: no preopened directories, no environment, no
//! arguments, no sockets, no name lookup; stdout and stderr captured into
//! bounded pipes; memory, tables and instances within one budget; fuel, an
//! epoch deadline and a bound on the bytes the plugin may hand the host in
//! one call (wasmtime's hostcall fuel, charged before anything is copied). A plugin describing itself sees an empty installation and a
//! stopped clock with fixed randomness, so its answer is the same on every
//! call, whatever the audited installation or the time.

use super::Runtime;
use super::budget::MemoryBudget;
use super::failure::Failure;
use super::state::PluginState;
use super::ticker::ticks;
use crate::view::PluginView;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use wasmtime::Store;
use wasmtime::component::ResourceTable;
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{HostMonotonicClock, HostWallClock, WasiCtxBuilder};

/// Resources (pollables, streams) a plugin may hold in the host at once.
const MAX_RESOURCES: usize = 1_000;
/// Bytes a plugin may ask of `wasi:random` in one call.
const MAX_RANDOM_BYTES: u64 = 64 << 10;

/// What a store is for.
pub(crate) enum Purpose {
    /// `info()`: no installation, no time, no randomness.
    Describe,
    /// `run()` on the plugin view, with the plugin's parameters and baseline.
    Run {
        view: Arc<PluginView>,
        params: String,
        baseline: Option<String>,
    },
}

/// One plugin's store with its captured output pipes.
pub(crate) struct Sandbox {
    pub store: Store<PluginState>,
    pub stdout: MemoryOutputPipe,
    pub stderr: MemoryOutputPipe,
}

/// A clock that stands still at the epoch.
struct Stopped;

impl HostWallClock for Stopped {
    fn resolution(&self) -> Duration {
        Duration::from_secs(1)
    }

    fn now(&self) -> Duration {
        Duration::ZERO
    }
}

impl HostMonotonicClock for Stopped {
    fn resolution(&self) -> u64 {
        1_000_000_000
    }

    fn now(&self) -> u64 {
        0
    }
}

/// The empty installation a describing plugin sees.
fn nothing() -> Arc<PluginView> {
    static EMPTY: OnceLock<Arc<PluginView>> = OnceLock::new();
    Arc::clone(EMPTY.get_or_init(|| Arc::new(PluginView::empty())))
}

fn to_usize(value: u64) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

impl Runtime {
    /// A fresh store for one call, its epoch deadline `timeout` from now.
    pub(crate) fn sandbox(&self, purpose: Purpose, timeout: Duration) -> Result<Sandbox, Failure> {
        let limits = self.limits;
        let stdout = MemoryOutputPipe::new(to_usize(limits.max_output_bytes));
        let stderr = MemoryOutputPipe::new(to_usize(limits.max_output_bytes));
        let mut wasi = WasiCtxBuilder::new();
        wasi.stdout(stdout.clone())
            .stderr(stderr.clone())
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false)
            .max_random_size(MAX_RANDOM_BYTES);
        let (view, params, baseline, hostcall_bytes) = match purpose {
            Purpose::Describe => {
                wasi.wall_clock(Stopped)
                    .monotonic_clock(Stopped)
                    .secure_random(wasmtime_wasi::Deterministic::new(vec![0x5a; 32]))
                    .insecure_random(wasmtime_wasi::Deterministic::new(vec![0xa5; 32]))
                    .insecure_random_seed(0);
                (nothing(), "{}".to_owned(), None, super::info::lift_bytes())
            }
            Purpose::Run {
                view,
                params,
                baseline,
            } => (view, params, baseline, super::accept::lift_bytes(&limits)),
        };
        let mut table = ResourceTable::new();
        table.set_max_capacity(MAX_RESOURCES);
        let state = PluginState {
            wasi: wasi.build(),
            table,
            budget: MemoryBudget::new(
                to_usize(limits.memory_bytes),
                limits.max_table_elements,
                limits.max_instances,
                limits.max_memories,
                limits.max_tables,
            ),
            view,
            logs: Vec::new(),
            logs_dropped: 0,
            log_bytes: 0,
            max_log_messages: limits.max_log_messages,
            params,
            baseline,
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|state| &mut state.budget);
        store
            .set_fuel(limits.fuel)
            .map_err(|e| Failure::Instantiate(format!("cannot set the fuel budget: {e}")))?;
        store.set_epoch_deadline(ticks(timeout));
        store.epoch_deadline_trap();
        // The bytes the plugin may hand the host in one call: its answer
        // (findings or declarations) or one argument of a host call.
        store.set_hostcall_fuel(hostcall_bytes);
        Ok(Sandbox {
            store,
            stdout,
            stderr,
        })
    }
}
