//! Suppressions: accepted risks that move matching findings out of the
//! counted ones into `suppressedFindings`, each marked with what matched
//! it. Two sources: the audited config's own `security.audit.suppressions`
//! (as OpenClaw accepts them) and the `[[suppress]]` rules of
//! `pincer.toml` (glob, path, reason, expiry).

mod config;
pub mod rules;

pub use config::{Suppression, apply, from_config};
use serde::Serialize;

/// What suppressed a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SuppressedBy {
    /// `security.audit.suppressions` or `FILE:LINE` of a `pincer.toml` rule.
    pub source: String,
    /// Why the risk is accepted (mandatory in `pincer.toml`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The last day the suppression holds (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

impl SuppressedBy {
    /// `SOURCE (until DATE): REASON`, as far as known; plain text for the
    /// renderers to escape.
    pub fn describe(&self) -> String {
        let until = self
            .expires
            .as_deref()
            .map_or_else(String::new, |date| format!(" (until {date})"));
        let reason = self
            .reason
            .as_deref()
            .map_or_else(String::new, |reason| format!(": {reason}"));
        format!("{}{until}{reason}", self.source)
    }

    /// A suppression in the audited config.
    pub fn config() -> SuppressedBy {
        SuppressedBy {
            source: "security.audit.suppressions".to_owned(),
            reason: None,
            expires: None,
        }
    }
}
