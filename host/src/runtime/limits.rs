//! The limits one plugin runs under.

/// Per-plugin resource limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Linear memory cap in bytes.
    pub memory_bytes: usize,
    /// Fuel: a deterministic instruction budget for `info` and `run` together.
    pub fuel: u64,
    /// Maximum number of findings.
    pub max_findings: usize,
    /// Maximum total bytes of the findings' text fields.
    pub max_finding_bytes: usize,
    /// Captured stdout and stderr bytes each.
    pub max_output_bytes: usize,
    /// Maximum number of log messages kept.
    pub max_log_messages: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory_bytes: 64 << 20,
            fuel: 4_000_000_000,
            max_findings: 10_000,
            max_finding_bytes: 4 << 20,
            max_output_bytes: 64 << 10,
            max_log_messages: 1_000,
        }
    }
}
