//! Runs plugins: one fresh `Store` each, on scoped threads, under a memory
//! cap, fuel, an epoch deadline and output caps. A failure is classified and
//! never hides another plugin's results; results keep the plugins' order.

use super::Runtime;
use super::accept::{accept, sanitize};
use super::classify::{Observed, classify, refine};
use super::failure::Failure;
use super::info::PluginInfo;
use super::load::LoadedPlugin;
use super::ownership;
use super::state::{LogLine, PluginState};
use super::ticker::ticks;
use crate::params::PluginParams;
use crate::snapshot::Snapshot;
use pincer_sdk::Finding;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wasmtime::component::ResourceTable;
use wasmtime::{Store, StoreLimitsBuilder};
use wasmtime_wasi::WasiCtxBuilder;
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;

/// The outcome of one plugin's run.
#[derive(Debug)]
pub struct PluginRun {
    /// Where the plugin came from (`builtin:NAME` or a path).
    pub source: String,
    /// SHA-256 of the component bytes that were compiled.
    pub sha256: String,
    /// Compiled now, or loaded from the compiled-plugin cache.
    pub compiled: super::CompileSource,
    /// Its metadata, when `info()` succeeded.
    pub info: Option<PluginInfo>,
    /// Its accepted findings.
    pub findings: Vec<Finding>,
    /// Why it failed, if it did.
    pub failure: Option<Failure>,
    /// Wall time of instantiate + info + run.
    pub duration: Duration,
    /// Fuel consumed.
    pub fuel_used: u64,
    /// Log lines it wrote (bounded).
    pub logs: Vec<LogLine>,
    /// Log lines dropped past the cap.
    pub logs_dropped: usize,
    /// Captured stdout (bounded, lossy UTF-8, control characters replaced).
    pub stdout: String,
    /// Captured stderr (same).
    pub stderr: String,
    /// Stdout or stderr reached its cap and was cut there.
    pub output_truncated: bool,
}

impl PluginRun {
    fn failed(plugin: &LoadedPlugin, failure: Failure) -> PluginRun {
        PluginRun {
            source: plugin.source.to_string(),
            sha256: plugin.sha256.clone(),
            compiled: plugin.compiled,
            info: None,
            findings: Vec::new(),
            failure: Some(failure),
            duration: Duration::ZERO,
            fuel_used: 0,
            logs: Vec::new(),
            logs_dropped: 0,
            stdout: String::new(),
            stderr: String::new(),
            output_truncated: false,
        }
    }
}

/// How a target's plugins share the CPUs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parallelism {
    /// Each plugin on its own thread: one audit finishes soonest.
    PerPlugin,
    /// One after the other on the calling thread: a fleet, whose workers
    /// already keep the CPUs busy, spawns no threads per target.
    InTurn,
}

/// Runs every plugin on the snapshot; then enforces that no plugin claims
/// another's name or check ids. Results keep the plugins' order either way.
pub fn run_all(
    runtime: &Runtime,
    plugins: &[LoadedPlugin],
    snapshot: &Arc<Snapshot>,
    parallelism: Parallelism,
) -> Vec<PluginRun> {
    let _ticker = runtime.ticking();
    let mut runs: Vec<PluginRun> = match parallelism {
        Parallelism::InTurn => plugins
            .iter()
            .map(|plugin| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    runtime.run_one(plugin, Arc::clone(snapshot))
                }))
                .unwrap_or_else(|_| host_panicked(plugin))
            })
            .collect(),
        Parallelism::PerPlugin => std::thread::scope(|scope| {
            let handles: Vec<_> = plugins
                .iter()
                .map(|plugin| scope.spawn(|| runtime.run_one(plugin, Arc::clone(snapshot))))
                .collect();
            handles
                .into_iter()
                .zip(plugins)
                .map(|(handle, plugin)| handle.join().unwrap_or_else(|_| host_panicked(plugin)))
                .collect()
        }),
    };
    ownership::enforce(&mut runs);
    runs
}

fn host_panicked(plugin: &LoadedPlugin) -> PluginRun {
    PluginRun::failed(
        plugin,
        Failure::Trap("the host thread running this plugin panicked".into()),
    )
}

/// One plugin's store with its captured output pipes.
struct Sandbox {
    store: Store<PluginState>,
    stdout: MemoryOutputPipe,
    stderr: MemoryOutputPipe,
}

fn to_usize(value: u64) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

impl Runtime {
    /// A fresh store: no preopened directories, no environment, no
    /// arguments, no sockets, no name lookup; output captured and bounded;
    /// memory, tables and instances capped; fuel and an epoch deadline set.
    fn sandbox(&self, snapshot: Arc<Snapshot>) -> Result<Sandbox, Failure> {
        let limits = self.limits;
        let stdout = MemoryOutputPipe::new(to_usize(limits.max_output_bytes));
        let stderr = MemoryOutputPipe::new(to_usize(limits.max_output_bytes));
        let wasi = WasiCtxBuilder::new()
            .stdout(stdout.clone())
            .stderr(stderr.clone())
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false)
            .build();
        let state = PluginState {
            wasi,
            table: ResourceTable::new(),
            limits: StoreLimitsBuilder::new()
                .memory_size(to_usize(limits.memory_bytes))
                .table_elements(limits.max_table_elements)
                .instances(limits.max_instances)
                .tables(limits.max_instances)
                .memories(limits.max_instances)
                .build(),
            memory_denied: false,
            snapshot,
            logs: Vec::new(),
            logs_dropped: 0,
            max_log_messages: limits.max_log_messages,
            params: "{}".to_owned(),
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|state| state);
        store
            .set_fuel(limits.fuel)
            .map_err(|e| Failure::Instantiate(format!("cannot set the fuel budget: {e}")))?;
        store.set_epoch_deadline(ticks(limits.timeout));
        store.epoch_deadline_trap();
        Ok(Sandbox {
            store,
            stdout,
            stderr,
        })
    }

    /// Calls only `info()`, on an empty view, for `pincer checks`.
    pub fn describe(&self, plugin: &LoadedPlugin) -> Result<PluginInfo, Failure> {
        let pre = plugin.pre.as_ref().map_err(Clone::clone)?;
        let _ticker = self.ticking();
        let mut sandbox = self.sandbox(Arc::new(Snapshot::empty()))?;
        let store = &mut sandbox.store;
        let instance = pre
            .instantiate(&mut *store)
            .map_err(|e| classify(&e, "instantiating"))?;
        let info = instance
            .call_info(&mut *store)
            .map_err(|e| classify(&e, "info()"))?;
        PluginInfo::from_wit(info)
    }

    fn run_one(&self, plugin: &LoadedPlugin, snapshot: Arc<Snapshot>) -> PluginRun {
        let limits = self.limits;
        let started = Instant::now();
        let mut sandbox = match self.sandbox(snapshot) {
            Ok(sandbox) => sandbox,
            Err(failure) => return PluginRun::failed(plugin, failure),
        };
        let (info, findings, failure) = match &plugin.pre {
            Ok(_) => call_plugin(plugin, &mut sandbox.store, &limits, &self.params),
            Err(failure) => (None, Vec::new(), Some(failure.clone())),
        };
        let duration = started.elapsed();
        let Sandbox {
            store,
            stdout,
            stderr,
        } = sandbox;
        let fuel_used = limits.fuel.saturating_sub(store.get_fuel().unwrap_or(0));
        let (stdout, stdout_full) = captured(&stdout, limits.max_output_bytes);
        let (stderr, stderr_full) = captured(&stderr, limits.max_output_bytes);
        let observed = Observed {
            memory_denied: store.data().memory_denied,
            output_full: stdout_full || stderr_full,
            stderr: &stderr,
        };
        let failure = failure.map(|f| refine(f, &observed));
        let state = store.into_data();
        PluginRun {
            source: plugin.source.to_string(),
            sha256: plugin.sha256.clone(),
            compiled: plugin.compiled,
            info,
            findings,
            failure,
            duration,
            fuel_used,
            logs: state.logs,
            logs_dropped: state.logs_dropped,
            stdout,
            stderr,
            output_truncated: stdout_full || stderr_full,
        }
    }
}

/// The captured text of a pipe and whether it reached its cap.
fn captured(pipe: &MemoryOutputPipe, cap: u64) -> (String, bool) {
    let bytes = pipe.contents();
    let full = u64::try_from(bytes.len()).unwrap_or(u64::MAX) >= cap;
    (sanitize(String::from_utf8_lossy(&bytes).into_owned()), full)
}

type Outcome = (Option<PluginInfo>, Vec<Finding>, Option<Failure>);

fn call_plugin(
    plugin: &LoadedPlugin,
    store: &mut Store<PluginState>,
    limits: &super::Limits,
    params: &PluginParams,
) -> Outcome {
    let Ok(pre) = &plugin.pre else {
        return (None, Vec::new(), None);
    };
    let instance = match pre.instantiate(&mut *store) {
        Ok(instance) => instance,
        Err(e) => return (None, Vec::new(), Some(classify(&e, "instantiating"))),
    };
    let info = match instance.call_info(&mut *store) {
        Ok(info) => info,
        Err(e) => return (None, Vec::new(), Some(classify(&e, "info()"))),
    };
    let info = match PluginInfo::from_wit(info) {
        Ok(info) => info,
        Err(failure) => return (None, Vec::new(), Some(failure)),
    };
    store.data_mut().params = params.json_for(&info.name);
    match instance.call_run(&mut *store) {
        Err(e) => (Some(info), Vec::new(), Some(classify(&e, "run()"))),
        Ok(Err(message)) => (
            Some(info),
            Vec::new(),
            Some(Failure::PluginError(sanitize(message))),
        ),
        Ok(Ok(findings)) => {
            let (findings, failure) = accept(&info, findings, limits);
            (Some(info), findings, failure)
        }
    }
}
