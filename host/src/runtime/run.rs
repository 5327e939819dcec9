//! Runs plugins: one fresh `Store` each, in parallel, with fuel, memory and
//! output caps; a failure is classified and never hides other plugins' results.

use super::Runtime;
use super::bindings::pincer::audit::types as wit;
use super::failure::Failure;
use super::info::{PluginInfo, severity_from_wit};
use super::load::LoadedPlugin;
use super::state::{LogLine, PluginState};
use crate::snapshot::Snapshot;
use pincer_sdk::Finding;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wasmtime::component::ResourceTable;
use wasmtime::{Store, StoreLimitsBuilder, Trap};
use wasmtime_wasi::WasiCtxBuilder;
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;

/// The outcome of one plugin's run.
#[derive(Debug)]
pub struct PluginRun {
    /// Where the plugin came from (`builtin:NAME` or a path).
    pub source: String,
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
    /// Captured stdout (bounded, lossy UTF-8).
    pub stdout: String,
    /// Captured stderr (bounded, lossy UTF-8).
    pub stderr: String,
}

/// Runs every plugin on the snapshot; results keep the plugins' order.
pub fn run_all(
    runtime: &Runtime,
    plugins: &[LoadedPlugin],
    snapshot: &Arc<Snapshot>,
) -> Vec<PluginRun> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = plugins
            .iter()
            .map(|plugin| scope.spawn(|| runtime.run_one(plugin, Arc::clone(snapshot))))
            .collect();
        handles
            .into_iter()
            .zip(plugins)
            .map(|(handle, plugin)| {
                handle.join().unwrap_or_else(|_| {
                    let failure =
                        Failure::Trap("the host thread running this plugin panicked".into());
                    PluginRun::failed(plugin, failure)
                })
            })
            .collect()
    })
}

/// One plugin's store with its captured output pipes.
struct Sandbox {
    store: Store<PluginState>,
    stdout: MemoryOutputPipe,
    stderr: MemoryOutputPipe,
}

impl Runtime {
    /// A fresh store: no preopened directories, no environment, no
    /// arguments, no sockets, no name lookup; output captured and bounded.
    fn sandbox(&self, snapshot: Arc<Snapshot>) -> Result<Sandbox, Failure> {
        let limits = self.limits;
        let stdout = MemoryOutputPipe::new(limits.max_output_bytes);
        let stderr = MemoryOutputPipe::new(limits.max_output_bytes);
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
                .memory_size(limits.memory_bytes)
                .instances(16)
                .tables(64)
                .memories(8)
                .table_elements(100_000)
                .build(),
            memory_denied: false,
            snapshot,
            logs: Vec::new(),
            logs_dropped: 0,
            max_log_messages: limits.max_log_messages,
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|state| state);
        store
            .set_fuel(limits.fuel)
            .map_err(|e| Failure::Instantiate(format!("cannot set the CPU budget: {e}")))?;
        Ok(Sandbox {
            store,
            stdout,
            stderr,
        })
    }

    /// Calls only `info()`, on an empty view, for `pincer checks`.
    pub fn describe(&self, plugin: &LoadedPlugin) -> Result<PluginInfo, Failure> {
        let mut sandbox = self.sandbox(Arc::new(Snapshot::empty()))?;
        let store = &mut sandbox.store;
        let instance = plugin
            .pre
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
        let (info, findings, failure) = call_plugin(plugin, &mut sandbox.store, &limits);
        let duration = started.elapsed();
        let Sandbox {
            store,
            stdout,
            stderr,
        } = sandbox;
        let fuel_used = limits.fuel.saturating_sub(store.get_fuel().unwrap_or(0));
        let stdout_bytes = stdout.contents();
        let stderr_bytes = stderr.contents();
        let output_full = stdout_bytes.len() >= limits.max_output_bytes
            || stderr_bytes.len() >= limits.max_output_bytes;
        let stderr_text = String::from_utf8_lossy(&stderr_bytes).into_owned();
        let failure =
            failure.map(|f| refine(f, store.data().memory_denied, output_full, &stderr_text));
        let state = store.into_data();
        PluginRun {
            source: plugin.source.to_string(),
            info,
            findings,
            failure,
            duration,
            fuel_used,
            logs: state.logs,
            logs_dropped: state.logs_dropped,
            stdout: String::from_utf8_lossy(&stdout_bytes).into_owned(),
            stderr: stderr_text,
        }
    }
}

impl PluginRun {
    fn failed(plugin: &LoadedPlugin, failure: Failure) -> PluginRun {
        PluginRun {
            source: plugin.source.to_string(),
            info: None,
            findings: Vec::new(),
            failure: Some(failure),
            duration: Duration::ZERO,
            fuel_used: 0,
            logs: Vec::new(),
            logs_dropped: 0,
            stdout: String::new(),
            stderr: String::new(),
        }
    }
}

type Outcome = (Option<PluginInfo>, Vec<Finding>, Option<Failure>);

fn call_plugin(
    plugin: &LoadedPlugin,
    store: &mut Store<PluginState>,
    limits: &super::Limits,
) -> Outcome {
    let instance = match plugin.pre.instantiate(&mut *store) {
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
    match instance.call_run(&mut *store) {
        Err(e) => (Some(info), Vec::new(), Some(classify(&e, "run()"))),
        Ok(Err(message)) => (Some(info), Vec::new(), Some(Failure::PluginError(message))),
        Ok(Ok(findings)) => {
            let (findings, failure) = accept_findings(&info, findings, limits);
            (Some(info), findings, failure)
        }
    }
}

/// A first classification from the error itself.
fn classify(error: &wasmtime::Error, during: &str) -> Failure {
    match error.downcast_ref::<Trap>() {
        Some(Trap::OutOfFuel) => Failure::CpuLimit(format!("CPU budget exhausted during {during}")),
        Some(Trap::StackOverflow) => {
            Failure::StackOverflow(format!("call stack overflowed during {during}"))
        }
        Some(trap) => Failure::Trap(format!("{trap} during {during}")),
        None => Failure::Trap(format!("{error:#} during {during}")),
    }
}

/// Sharpens a trap with what the store saw: a denied memory growth, full
/// output pipes, or a panic message on stderr.
fn refine(failure: Failure, memory_denied: bool, output_full: bool, stderr: &str) -> Failure {
    let Failure::Trap(message) = failure else {
        return failure;
    };
    if memory_denied {
        return Failure::MemoryLimit(format!("memory cap reached ({message})"));
    }
    if output_full {
        return Failure::OutputLimit(format!("stdout/stderr cap reached ({message})"));
    }
    let panic: Vec<&str> = stderr
        .lines()
        .skip_while(|line| !line.contains("panicked at"))
        .take(2)
        .collect();
    if panic.is_empty() {
        Failure::Trap(message)
    } else {
        Failure::Trap(format!("plugin panicked: {}", panic.join(" ").trim()))
    }
}

/// Replaces terminal control characters so that no finding can rewrite the
/// screen it is shown on.
fn sanitize(text: String) -> String {
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\n' && c != '\t' {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect()
    } else {
        text
    }
}

/// Keeps the findings that respect the contract and limits; the first
/// violation fails the plugin.
fn accept_findings(
    info: &PluginInfo,
    findings: Vec<wit::Finding>,
    limits: &super::Limits,
) -> (Vec<Finding>, Option<Failure>) {
    if findings.len() > limits.max_findings {
        let message = format!(
            "{} findings, over the cap of {}",
            findings.len(),
            limits.max_findings
        );
        return (Vec::new(), Some(Failure::FindingsLimit(message)));
    }
    let mut accepted = Vec::with_capacity(findings.len());
    let mut failure = None;
    let mut bytes = 0usize;
    for finding in findings {
        bytes += finding.check_id.len()
            + finding.title.len()
            + finding.detail.len()
            + finding.remediation.as_ref().map_or(0, String::len)
            + finding.config_paths.iter().map(String::len).sum::<usize>();
        if bytes > limits.max_finding_bytes {
            let message = format!("findings exceed {} bytes", limits.max_finding_bytes);
            return (Vec::new(), Some(Failure::FindingsLimit(message)));
        }
        if !info.declares(&finding.check_id) {
            failure.get_or_insert_with(|| {
                Failure::InvalidOutput(format!(
                    "reported undeclared check id `{}`",
                    finding.check_id
                ))
            });
            continue;
        }
        if finding.title.trim().is_empty() {
            failure.get_or_insert_with(|| {
                Failure::InvalidOutput(format!("reported `{}` without a title", finding.check_id))
            });
            continue;
        }
        accepted.push(Finding {
            check_id: finding.check_id,
            severity: severity_from_wit(finding.severity),
            title: sanitize(finding.title),
            detail: sanitize(finding.detail),
            remediation: finding.remediation.map(sanitize),
            config_paths: finding.config_paths.into_iter().map(sanitize).collect(),
        });
    }
    (accepted, failure)
}
