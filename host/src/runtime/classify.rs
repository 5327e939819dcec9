//! Tells plugin failures apart: by trap kind first, then by what the store
//! saw (a denied memory growth, full output pipes, a panic message).

use super::failure::Failure;
use wasmtime::Trap;

/// A first classification from the error itself.
pub fn classify(error: &wasmtime::Error, during: &str) -> Failure {
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
        None => Failure::Trap(format!("{error:#} during {during}")),
    }
}

/// What the store observed while the plugin ran.
pub struct Observed<'a> {
    /// A memory growth was denied by the cap.
    pub memory_denied: bool,
    /// Stdout or stderr reached its cap.
    pub output_full: bool,
    /// Captured stderr (for a panic message).
    pub stderr: &'a str,
}

/// Sharpens a generic trap with what the store observed.
pub fn refine(failure: Failure, observed: &Observed<'_>) -> Failure {
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
        Failure::Trap(format!("plugin panicked: {}", panic.join(" ").trim()))
    }
}
