//! Runs plugins: one fresh store per call, on scoped threads, each call
//! driven under the plugin's deadline (its wasm by the epoch, its blocking
//! host calls by the driver), within its memory budget, fuel and output
//! caps. A failure is classified and never hides another plugin's results;
//! results keep the plugins' order. A plugin describes itself once, when it
//! is loaded, in a store that sees nothing; `run()` gets the real view.

use super::Runtime;
use super::accept::accept;
use super::bindings::current::pincer::audit::types as wit;
use super::classify::{Observed, classify, refine};
use super::contract::Contract;
use super::deadline::{Deadline, Stopped, drive};
use super::failure::Failure;
use super::info::PluginInfo;
use super::load::Linked;
use super::load::LoadedPlugin;
use super::sandbox::{Purpose, Sandbox};
use super::state::{LogLine, PluginState};
use crate::text;
use crate::view::PluginView;
use pincer_sdk::Finding;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wasmtime::Store;
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;

/// The outcome of one plugin's run.
#[derive(Debug)]
pub struct PluginRun {
    /// Where the plugin came from (`builtin:NAME` or a path).
    pub source: String,
    /// The built-in plugin it is, if it is one.
    pub builtin: Option<&'static str>,
    /// SHA-256 of the component bytes that were compiled.
    pub sha256: String,
    /// Compiled now, or loaded from the compiled-plugin cache.
    pub compiled: super::CompileSource,
    /// Its metadata, when `info()` succeeded and the plugin was admitted.
    pub info: Option<PluginInfo>,
    /// Its accepted findings.
    pub findings: Vec<Finding>,
    /// Why it failed, if it did.
    pub failure: Option<Failure>,
    /// Wall time of instantiate + run + reading its findings.
    pub duration: Duration,
    /// Fuel consumed.
    pub fuel_used: u64,
    /// Log lines it wrote (bounded).
    pub logs: Vec<LogLine>,
    /// Log lines dropped past the cap.
    pub logs_dropped: usize,
    /// Captured stdout (bounded, sanitized).
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
            builtin: plugin.builtin,
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

/// Runs every plugin on the view of one installation. Results keep the plugins' order.
pub fn run_all(
    runtime: &Runtime,
    plugins: &[LoadedPlugin],
    view: &Arc<PluginView>,
    parallelism: Parallelism,
) -> Vec<PluginRun> {
    let _ticker = runtime.ticking();
    match parallelism {
        Parallelism::InTurn => plugins
            .iter()
            .map(|plugin| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    runtime.run_one(plugin, Arc::clone(view))
                }))
                .unwrap_or_else(|_| host_panicked(plugin))
            })
            .collect(),
        Parallelism::PerPlugin => std::thread::scope(|scope| {
            let handles: Vec<_> = plugins
                .iter()
                .map(|plugin| scope.spawn(|| runtime.run_one(plugin, Arc::clone(view))))
                .collect();
            handles
                .into_iter()
                .zip(plugins)
                .map(|(handle, plugin)| handle.join().unwrap_or_else(|_| host_panicked(plugin)))
                .collect()
        }),
    }
}

fn host_panicked(plugin: &LoadedPlugin) -> PluginRun {
    PluginRun::failed(
        plugin,
        Failure::Trap("the host thread running this plugin panicked".into()),
    )
}

/// Bytes kept of a plugin's `err(...)` message.
const MAX_ERROR_MESSAGE: usize = 2 << 10;

impl Runtime {
    /// Asks the plugin what it is: `info()` in a store that sees no
    /// installation, under the same limits as `run()`.
    pub(crate) fn describe(&self, pre: &Linked) -> Result<PluginInfo, Failure> {
        let _ticker = self.ticking();
        let deadline = Deadline::after(self.limits.timeout);
        let mut sandbox = self.sandbox(Purpose::Describe, self.limits.timeout)?;
        let outcome = call_info(&mut sandbox.store, pre, &deadline);
        outcome.map_err(|failure| sharpen(failure, &sandbox, self.limits.max_output_bytes))
    }

    fn run_one(&self, plugin: &LoadedPlugin, view: Arc<PluginView>) -> PluginRun {
        let (pre, info) = match (&plugin.pre, &plugin.info) {
            (Ok(pre), Ok(info)) => (pre, info),
            (Err(failure), _) | (_, Err(failure)) => {
                return PluginRun::failed(plugin, failure.clone());
            }
        };
        let started = Instant::now();
        let deadline = Deadline::after(self.limits.timeout);
        let purpose = Purpose::Run {
            params: self
                .params
                .get(&info.name)
                .cloned()
                .unwrap_or_else(|| "{}".to_owned()),
            baseline: view
                .baseline_json
                .as_deref()
                .map(|baseline| baseline_for(plugin.builtin.is_some(), info, baseline)),
            view,
        };
        let mut sandbox = match self.sandbox(purpose, self.limits.timeout) {
            Ok(sandbox) => sandbox,
            Err(failure) => return PluginRun::failed(plugin, failure),
        };
        let (findings, failure) = call_run(&mut sandbox.store, pre, info, &deadline, &self.limits);
        let failure =
            failure.map(|failure| sharpen(failure, &sandbox, self.limits.max_output_bytes));
        let duration = started.elapsed();
        let Sandbox {
            store,
            stdout,
            stderr,
        } = sandbox;
        let fuel_used = self
            .limits
            .fuel
            .saturating_sub(store.get_fuel().unwrap_or(0));
        let (stdout, stdout_full) = captured(&stdout, self.limits.max_output_bytes);
        let (stderr, stderr_full) = captured(&stderr, self.limits.max_output_bytes);
        let state = store.into_data();
        PluginRun {
            source: plugin.source.to_string(),
            builtin: plugin.builtin,
            sha256: plugin.sha256.clone(),
            compiled: plugin.compiled,
            info: Some(info.clone()),
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

/// A failure sharpened by what the store saw (a denied growth, full pipes,
/// a panic message on stderr).
fn sharpen(failure: Failure, sandbox: &Sandbox, max_output: u64) -> Failure {
    let (stderr, stderr_full) = captured(&sandbox.stderr, max_output);
    let (_, stdout_full) = captured(&sandbox.stdout, max_output);
    refine(
        failure,
        &Observed {
            memory_denied: sandbox.store.data().budget.denied,
            output_full: stdout_full || stderr_full,
            stderr: &stderr,
        },
    )
}

/// What a third-party plugin's baseline shows: the previous run's posture
/// with only its own critical findings (the built-ins see them all).
fn baseline_for(builtin: bool, info: &PluginInfo, baseline: &str) -> String {
    if builtin {
        return baseline.to_owned();
    }
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(baseline) else {
        return "{}".to_owned();
    };
    if let Some(ids) = value
        .pointer_mut("/posture/criticalChecks")
        .and_then(serde_json::Value::as_array_mut)
    {
        ids.retain(|id| id.as_str().is_some_and(|id| info.declares(id)));
    }
    value.to_string()
}

/// The captured text of a pipe and whether it reached its cap.
fn captured(pipe: &MemoryOutputPipe, cap: u64) -> (String, bool) {
    let bytes = pipe.contents();
    let full = u64::try_from(bytes.len()).unwrap_or(u64::MAX) >= cap;
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    (text::block(&String::from_utf8_lossy(&bytes), cap), full)
}

/// The failure of a call stopped by `stopped` while it was `during`.
fn stopped(stopped: Stopped, during: &str) -> Failure {
    match stopped {
        Stopped::Deadline => Failure::Timeout(format!(
            "wall-clock budget exhausted during {during}, while the plugin waited in a host call"
        )),
        Stopped::NoTimer(message) => Failure::Instantiate(message),
    }
}

fn call_info(
    store: &mut Store<PluginState>,
    pre: &Linked,
    deadline: &Deadline,
) -> Result<PluginInfo, Failure> {
    let raw = drive(deadline, async {
        let instance = pre
            .instance
            .instantiate_async(&mut *store)
            .await
            .map_err(|e| classify(&e, "instantiating"))?;
        let info = instance
            .get_typed_func::<(), (wit::PluginInfo,)>(&mut *store, "info")
            .map_err(|e| {
                Failure::Instantiate(text::block(
                    &format!("its `info` export does not fit: {e:#}"),
                    4_000,
                ))
            })?;
        let (raw,) = info.call_async(&mut *store, ()).await.map_err(|e| {
            over_bound(
                classify(&e, "info()"),
                "its declarations",
                super::info::lift_bytes(),
                Failure::InvalidOutput,
            )
        })?;
        Ok(raw)
    })
    .map_err(|s| stopped(s, "info()"))??;
    let info = PluginInfo::from_wit(raw)?;
    if deadline.passed() {
        return Err(Failure::Timeout(
            "wall-clock budget exhausted while the host read its declarations".to_owned(),
        ));
    }
    Ok(info)
}

/// A failure to lift an answer over the bytes the host takes, named for
/// what was being lifted.
fn over_bound(failure: Failure, what: &str, bound: usize, kind: fn(String) -> Failure) -> Failure {
    match failure {
        Failure::OutputLimit(message) if message.starts_with("handed the host") => kind(format!(
            "{what} (or one host call) held more than the {bound} bytes the host takes \
                 from a plugin in one call"
        )),
        other => other,
    }
}

/// What `run()` answered, in the current contract's terms.
type RunResult = Result<Vec<wit::Finding>, wit::RunError>;

fn call_run(
    store: &mut Store<PluginState>,
    pre: &Linked,
    info: &PluginInfo,
    deadline: &Deadline,
    limits: &super::Limits,
) -> (Vec<Finding>, Option<Failure>) {
    let called = drive(deadline, async {
        let instance = pre
            .instance
            .instantiate_async(&mut *store)
            .await
            .map_err(|e| classify(&e, "instantiating"))?;
        let does_not_fit = |e: wasmtime::Error| {
            Failure::Instantiate(text::block(
                &format!("its `run` export does not fit: {e:#}"),
                4_000,
            ))
        };
        let over = |e: wasmtime::Error| {
            over_bound(
                classify(&e, "run()"),
                "its findings",
                super::accept::lift_bytes(limits),
                Failure::FindingsLimit,
            )
        };
        let result: RunResult = match pre.contract {
            Contract::Current => {
                let run = instance
                    .get_typed_func::<(), (RunResult,)>(&mut *store, "run")
                    .map_err(does_not_fit)?;
                run.call_async(&mut *store, ()).await.map_err(over)?.0
            }
            Contract::V0_1 => {
                let run = instance
                    .get_typed_func::<(), (Result<Vec<wit::Finding>, String>,)>(&mut *store, "run")
                    .map_err(does_not_fit)?;
                let (result,) = run.call_async(&mut *store, ()).await.map_err(over)?;
                result.map_err(super::contract::run_error_of_0_1)
            }
        };
        Ok(result)
    });
    let error = |message: &str| text::block(message, MAX_ERROR_MESSAGE);
    match called {
        Err(s) => (Vec::new(), Some(stopped(s, "run()"))),
        Ok(Err(failure)) => (Vec::new(), Some(failure)),
        Ok(Ok(Err(wit::RunError::InvalidParams(message)))) => {
            (Vec::new(), Some(Failure::InvalidParams(error(&message))))
        }
        Ok(Ok(Err(wit::RunError::Failed(message)))) => {
            (Vec::new(), Some(Failure::PluginError(error(&message))))
        }
        Ok(Ok(Ok(findings))) => accept(info, findings, limits, deadline),
    }
}
