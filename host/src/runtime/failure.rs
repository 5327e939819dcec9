//! Why a plugin failed, told apart by trap kind and by which limit was hit.

use serde::Serialize;
use std::fmt;

/// The reason a plugin run did not produce a trustworthy result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", content = "message", rename_all = "kebab-case")]
pub enum Failure {
    /// The plugin returned `err(message)`.
    PluginError(String),
    /// The plugin refused the parameters set for it
    /// (`err(invalid-params(message))`).
    InvalidParams(String),
    /// The plugin trapped (a panic, `unreachable`, an invalid access).
    Trap(String),
    /// The deterministic CPU budget (fuel) ran out.
    CpuLimit(String),
    /// The wall-clock budget ran out.
    Timeout(String),
    /// The plugin tried to grow memory past its cap.
    MemoryLimit(String),
    /// The call stack overflowed.
    StackOverflow(String),
    /// Stdout or stderr went past the capture cap.
    OutputLimit(String),
    /// Too many findings, or too many bytes of them.
    FindingsLimit(String),
    /// Findings broke the contract (undeclared or empty check id, ...).
    InvalidOutput(String),
    /// The plugin could not be instantiated (missing import, bad world).
    Instantiate(String),
    /// Compiling it went past a bound: its shape (size, nesting), the
    /// compiler's time or memory.
    CompileLimit(String),
    /// It may not run: its name or check ids belong to a built-in plugin,
    /// the host or another loaded plugin.
    Refused(String),
}

impl Failure {
    /// The message, without the reason.
    pub fn message(&self) -> &str {
        match self {
            Failure::PluginError(m)
            | Failure::InvalidParams(m)
            | Failure::Trap(m)
            | Failure::CpuLimit(m)
            | Failure::Timeout(m)
            | Failure::MemoryLimit(m)
            | Failure::StackOverflow(m)
            | Failure::OutputLimit(m)
            | Failure::FindingsLimit(m)
            | Failure::InvalidOutput(m)
            | Failure::Instantiate(m)
            | Failure::CompileLimit(m)
            | Failure::Refused(m) => m,
        }
    }

    /// The short kebab-case reason used in reports.
    pub fn reason(&self) -> &'static str {
        match self {
            Failure::PluginError(_) => "plugin-error",
            Failure::InvalidParams(_) => "invalid-params",
            Failure::Trap(_) => "trap",
            Failure::CpuLimit(_) => "cpu-limit",
            Failure::Timeout(_) => "timeout",
            Failure::MemoryLimit(_) => "memory-limit",
            Failure::StackOverflow(_) => "stack-overflow",
            Failure::OutputLimit(_) => "output-limit",
            Failure::FindingsLimit(_) => "findings-limit",
            Failure::InvalidOutput(_) => "invalid-output",
            Failure::Instantiate(_) => "instantiate",
            Failure::CompileLimit(_) => "compile-limit",
            Failure::Refused(_) => "refused",
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason(), self.message())
    }
}

/// Why a plugin did not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompileError {
    /// The bytes are not a valid component: bad input.
    Invalid(String),
    /// Compiling went past a bound (its shape, time or memory): that
    /// plugin's failure.
    Limit(String),
}
