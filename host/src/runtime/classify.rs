//! Tells plugin failures apart: by trap kind first, then by what the store
//! saw (a denied memory growth, full output pipes, a panic message). The
//! engine's messages quote the plugin (function names of its backtrace),
//! so they are sanitized and bounded like anything else it says.

use super::failure::Failure;
use crate::text;
use wasmtime::Trap;

/// Bytes kept of an engine error's message.
const MAX_MESSAGE: usize = 4 << 10;

/// A first classification from the error itself.
pub(super) fn classify(error: &wasmtime::Error, during: &str) -> Failure {
    if let Some(exit) = error.downcast_ref::<wasmtime_wasi::I32Exit>() {
        return Failure::PluginError(format!(
            "called exit({}) during {during} instead of returning",
            exit.0
        ));
    }
    match error.downcast_ref::<Trap>() {
        Some(Trap::OutOfFuel) => {
            Failure::CpuLimit(format!("fuel budget exhausted during {during}"))
        }
        Some(Trap::Interrupt) => {
            Failure::Timeout(format!("wall-clock budget exhausted during {during}"))
        }
        Some(Trap::StackOverflow) => {
            Failure::StackOverflow(format!("call stack overflowed during {during}"))
        }
        Some(trap) => Failure::Trap(format!("{trap} during {during}")),
        None if over_hostcall_fuel(error) => Failure::OutputLimit(format!(
            "handed the host more data in one call than it takes (findings, a log line or \
             output) during {during}"
        )),
        None => Failure::Trap(text::block(
            &format!("{error:#} during {during}"),
            MAX_MESSAGE,
        )),
    }
}

/// Whether wasmtime refused to copy more out of the plugin than the
/// hostcall fuel allowed (an answer or a host call's argument too large).
fn over_hostcall_fuel(error: &wasmtime::Error) -> bool {
    format!("{error:#}").contains("fuel allocated for hostcalls")
}

/// What the store observed while the plugin ran.
pub(super) struct Observed<'a> {
    /// A memory growth was denied by the cap.
    pub memory_denied: bool,
    /// Stdout or stderr reached its cap.
    pub output_full: bool,
    /// Captured stderr (for a panic message).
    pub stderr: &'a str,
}

/// Sharpens a generic trap with what the store observed.
pub(super) fn refine(failure: Failure, observed: &Observed<'_>) -> Failure {
    let Failure::Trap(message) = failure else {
        return failure;
    };
    if observed.memory_denied {
        return Failure::MemoryLimit(format!("memory cap reached ({message})"));
    }
    if observed.output_full {
        return Failure::OutputLimit(format!("stdout/stderr cap reached ({message})"));
    }
    let panic: Vec<&str> = observed
        .stderr
        .lines()
        .skip_while(|line| !line.contains("panicked at"))
        .take(2)
        .collect();
    if panic.is_empty() {
        Failure::Trap(message)
    } else {
        Failure::Trap(text::line(
            &format!("plugin panicked: {}", panic.join(" ").trim()),
            MAX_MESSAGE,
        ))
    }
}
