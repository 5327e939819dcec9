//! Compiling a plugin without letting it take the host down. A plugin file
//! is untrusted input to the compiler, whose time and memory it can drive
//! up; so after its shape passed the bounds of `precheck`, it is
//! compiled in a child process (this same binary, `pincer
//! __compile-plugin`) with a data-size limit of its own and a wall-clock
//! limit the parent enforces by killing it. A compile that runs out of
//! either fails that plugin, never the audit. The built-in plugins, whose
//! bytes are part of this binary, compile in process.

pub(crate) use super::failure::CompileError;
use std::io::{Read, Write};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};
use wasmtime::Engine;

/// The argument that runs this binary as a compiler.
pub const CHILD_COMMAND: &str = "__compile-plugin";

/// How long and how much memory one compile of an untrusted plugin may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CompileLimits {
    /// Wall clock.
    pub timeout: Duration,
    /// Data size of the compiling process (heap and anonymous mappings).
    pub memory: u64,
}

/// Compiles `bytes` to native code for `engine`: in a bounded child process
/// when `isolated`, else here.
pub(crate) fn compile(
    engine: &Engine,
    bytes: &[u8],
    isolated: Option<CompileLimits>,
) -> Result<Vec<u8>, CompileError> {
    match isolated {
        None => engine
            .precompile_component(bytes)
            .map_err(|e| CompileError::Invalid(crate::text::line(&format!("{e:#}"), 2_000))),
        Some(limits) => in_child(bytes, limits),
    }
}

/// The longest compiled code accepted back from a child, for `input` bytes.
fn max_output(input: usize) -> usize {
    input.saturating_mul(16).saturating_add(64 << 20)
}

fn in_child(bytes: &[u8], limits: CompileLimits) -> Result<Vec<u8>, CompileError> {
    let unable = |message: String| CompileError::Limit(message);
    let exe = std::env::current_exe()
        .map_err(|e| unable(format!("cannot find the pincer binary to compile in: {e}")))?;
    let mut child = Command::new(exe)
        .arg(CHILD_COMMAND)
        .arg(limits.memory.to_string())
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| unable(format!("cannot start the compiler process: {e}")))?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        return Err(unable("cannot talk to the compiler process".to_owned()));
    };
    let limit = max_output(bytes.len());
    let outcome = std::thread::scope(|scope| {
        let writer = scope.spawn(move || stdin.write_all(bytes));
        let code = scope.spawn(move || read_capped(stdout, limit));
        let message = scope.spawn(move || read_capped(stderr, 16 << 10));
        let status = wait(&mut child, limits.timeout);
        let _ = writer.join();
        let code = code.join().unwrap_or(Err(()));
        let message = message.join().unwrap_or(Err(())).unwrap_or_default();
        (status, code, message)
    });
    let (status, code, message) = outcome;
    let message = crate::text::line(String::from_utf8_lossy(&message).trim(), 2_000);
    match status {
        Waited::TimedOut => Err(unable(format!(
            "compiling took longer than {} (the compile limit); the compiler was stopped",
            humantime::format_duration(limits.timeout)
        ))),
        Waited::Failed(error) => Err(unable(format!("the compiler process failed: {error}"))),
        Waited::Exited(status) if status.success() => code.map_err(|()| {
            unable(format!(
                "the compiler's output was larger than {limit} bytes"
            ))
        }),
        Waited::Exited(status) => Err(exit_reason(status, limits.memory, &message)),
    }
}

fn exit_reason(status: std::process::ExitStatus, memory: u64, message: &str) -> CompileError {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return CompileError::Limit(format!(
                "compiling needed more than {} of memory (the compile limit) or crashed \
                 (signal {signal})",
                bytesize::ByteSize(memory)
            ));
        }
    }
    let _ = memory;
    if let Some(invalid) = message.strip_prefix(INVALID) {
        CompileError::Invalid(format!("is not a valid component: {}", invalid.trim()))
    } else if message.is_empty() {
        CompileError::Limit(format!("the compiler exited with {status}"))
    } else {
        CompileError::Limit(message.to_owned())
    }
}

/// How the child says the bytes are not a valid component.
const INVALID: &str = "invalid component: ";

/// How waiting for the child ended.
enum Waited {
    Exited(std::process::ExitStatus),
    TimedOut,
    Failed(std::io::Error),
}

fn wait(child: &mut std::process::Child, timeout: Duration) -> Waited {
    let started = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Waited::Exited(status),
            Ok(None) if started.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Waited::TimedOut;
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            Err(error) => {
                let _ = child.kill();
                return Waited::Failed(error);
            }
        }
    }
}

/// Everything `from` yields, unless it is more than `limit` bytes.
fn read_capped(from: impl Read, limit: usize) -> Result<Vec<u8>, ()> {
    let mut out = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    from.take(cap).read_to_end(&mut out).map_err(|_| ())?;
    if out.len() > limit { Err(()) } else { Ok(out) }
}

/// The child's side: limits its own data size to `memory` bytes, reads a
/// component from stdin, writes its native code to stdout.
#[allow(
    clippy::disallowed_methods,
    reason = "the compiler child's protocol: the component on stdin, its code on stdout, why it failed on stderr"
)]
pub fn child_main(memory: &str) -> ExitCode {
    let fail = |message: &str| {
        let _ = writeln!(std::io::stderr(), "{message}");
        ExitCode::from(1)
    };
    let Ok(memory) = memory.parse::<u64>() else {
        return fail("usage: pincer __compile-plugin MEMORY_BYTES < component.wasm");
    };
    limit_data(memory);
    let mut bytes = Vec::new();
    let cap = u64::try_from(super::precheck::MAX_COMPONENT_BYTES).unwrap_or(u64::MAX) + 1;
    if std::io::stdin()
        .lock()
        .take(cap)
        .read_to_end(&mut bytes)
        .is_err()
        || bytes.len() > super::precheck::MAX_COMPONENT_BYTES
    {
        return fail("the component could not be read, or is too large");
    }
    let engine = match Engine::new(&super::engine_config()) {
        Ok(engine) => engine,
        Err(e) => return fail(&format!("cannot start the compiler: {e}")),
    };
    match engine.precompile_component(&bytes) {
        Ok(code) => match std::io::stdout().lock().write_all(&code) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("cannot hand back the compiled code: {e}")),
        },
        Err(e) => fail(&format!("{INVALID}{e:#}")),
    }
}

#[cfg(unix)]
fn limit_data(memory: u64) {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    // Never above a limit the process already has (raising it needs
    // privilege); if even lowering fails, the parent's wall clock still
    // bounds the compile.
    let lower = |resource: Resource, to: u64| {
        let to = getrlimit(resource).maximum.map_or(to, |hard| hard.min(to));
        let _ = setrlimit(
            resource,
            Rlimit {
                current: Some(to),
                maximum: Some(to),
            },
        );
    };
    lower(Resource::Data, memory);
    lower(Resource::Core, 0);
}

#[cfg(not(unix))]
fn limit_data(_memory: u64) {}
