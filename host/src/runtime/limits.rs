//! The limits one plugin runs under: defaults, and overrides from
//! `pincer.toml` (`[limits]`) and command-line flags, applied in that order.

use bytesize::ByteSize;
use serde::{Deserialize, Deserializer};
use std::time::Duration;

/// Per-plugin resource limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Memory cap in bytes: all linear memories of the plugin together.
    pub memory_bytes: u64,
    /// Wall-clock budget for instantiate, `info` and `run` together.
    pub timeout: Duration,
    /// Fuel: a deterministic instruction budget, the same on every machine.
    pub fuel: u64,
    /// Maximum number of findings.
    pub max_findings: usize,
    /// Maximum total bytes of the findings' text fields.
    pub max_finding_bytes: u64,
    /// Bytes of stdout and of stderr kept; writing past it stops the plugin.
    pub max_output_bytes: u64,
    /// Log messages kept; later ones are dropped and counted.
    pub max_log_messages: usize,
    /// Maximum elements of all tables together.
    pub max_table_elements: usize,
    /// Maximum core instances a plugin may create.
    pub max_instances: usize,
    /// Maximum linear memories a plugin may create.
    pub max_memories: usize,
    /// Maximum tables a plugin may create.
    pub max_tables: usize,
    /// Wall clock for compiling one plugin file.
    pub compile_timeout: Duration,
    /// Data size (heap) of the process compiling one plugin file.
    pub compile_memory: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory_bytes: 64 << 20,
            timeout: Duration::from_secs(2),
            fuel: 20_000_000_000,
            max_findings: 10_000,
            max_finding_bytes: 4 << 20,
            max_output_bytes: 64 << 10,
            max_log_messages: 1_000,
            max_table_elements: 100_000,
            max_instances: 64,
            max_memories: 8,
            max_tables: 32,
            compile_timeout: Duration::from_mins(1),
            compile_memory: 2 << 30,
        }
    }
}

/// Some limits to change; absent fields keep their current value.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LimitOverrides {
    /// e.g. `"64 MiB"`.
    #[serde(default, deserialize_with = "size")]
    pub memory: Option<u64>,
    /// e.g. `"2s"`, `"500ms"`.
    #[serde(default, deserialize_with = "duration")]
    pub timeout: Option<Duration>,
    /// Fuel units.
    pub fuel: Option<u64>,
    /// Findings per plugin.
    pub max_findings: Option<usize>,
    /// e.g. `"4 MiB"`.
    #[serde(default, deserialize_with = "size")]
    pub max_finding_bytes: Option<u64>,
    /// e.g. `"64 KiB"`.
    #[serde(default, deserialize_with = "size")]
    pub max_output: Option<u64>,
    /// Log messages per plugin.
    pub max_log_messages: Option<usize>,
    /// e.g. `"60s"`.
    #[serde(default, deserialize_with = "duration")]
    pub compile_timeout: Option<Duration>,
    /// e.g. `"2 GiB"`.
    #[serde(default, deserialize_with = "size")]
    pub compile_memory: Option<u64>,
}

impl Limits {
    /// These limits with the given overrides applied.
    #[must_use]
    pub fn with(mut self, overrides: &LimitOverrides) -> Limits {
        let o = overrides;
        self.memory_bytes = o.memory.unwrap_or(self.memory_bytes);
        self.timeout = o.timeout.unwrap_or(self.timeout);
        self.fuel = o.fuel.unwrap_or(self.fuel);
        self.max_findings = o.max_findings.unwrap_or(self.max_findings);
        self.max_finding_bytes = o.max_finding_bytes.unwrap_or(self.max_finding_bytes);
        self.max_output_bytes = o.max_output.unwrap_or(self.max_output_bytes);
        self.max_log_messages = o.max_log_messages.unwrap_or(self.max_log_messages);
        self.compile_timeout = o.compile_timeout.unwrap_or(self.compile_timeout);
        self.compile_memory = o.compile_memory.unwrap_or(self.compile_memory);
        self
    }
}

/// Parses a size such as `64MiB`, `4 MB` or `1024`.
pub(crate) fn parse_size(text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<ByteSize>()
        .map(|size| size.as_u64())
        .map_err(|e| format!("`{text}` is not a size (like 64MiB): {e}"))
}

/// Parses a duration such as `2s`, `500ms` or `1m`.
pub(crate) fn parse_duration(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text.trim())
        .map_err(|e| format!("`{text}` is not a duration (like 2s): {e}"))
}

fn size<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Size {
        Bytes(u64),
        Text(String),
    }
    match Size::deserialize(deserializer)? {
        Size::Bytes(bytes) => Ok(Some(bytes)),
        Size::Text(text) => parse_size(&text)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

fn duration<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Duration>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_duration(&text)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_apply_field_by_field() {
        let overrides: LimitOverrides =
            toml::from_str("memory = \"16 MiB\"\ntimeout = \"250ms\"\nmax-findings = 5").unwrap();
        let limits = Limits::default().with(&overrides);
        assert_eq!(limits.memory_bytes, 16 << 20);
        assert_eq!(limits.timeout, Duration::from_millis(250));
        assert_eq!(limits.max_findings, 5);
        assert_eq!(limits.fuel, Limits::default().fuel);
    }

    #[test]
    fn sizes_and_durations_parse() {
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1024"), Ok(1024));
        assert!(parse_size("lots").is_err());
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert!(parse_duration("soon").is_err());
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(toml::from_str::<LimitOverrides>("memroy = \"1 MiB\"").is_err());
    }
}
