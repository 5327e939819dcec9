//! A plugin's self-description as the host keeps it, checked for sense.

use super::bindings::pincer::audit::types as wit;
use super::failure::Failure;
use pincer_sdk::Severity;
use serde::Serialize;
use std::collections::BTreeSet;

/// One declared check.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckInfo {
    /// Dotted id (may contain `*` segments).
    pub id: String,
    /// Default severity.
    pub default_severity: Severity,
    /// One-line title.
    pub title: String,
    /// What it looks at.
    pub description: String,
    /// What to do.
    pub remediation: String,
    /// Threat category.
    pub category: String,
    /// Further reading.
    pub references: Vec<String>,
}

/// A plugin's metadata.
#[derive(Debug, Clone, Serialize)]
pub struct PluginInfo {
    /// Unique kebab-case name.
    pub name: String,
    /// Its own version.
    pub version: String,
    /// What it covers.
    pub description: String,
    /// Its checks.
    pub checks: Vec<CheckInfo>,
}

pub(crate) fn severity_from_wit(severity: wit::Severity) -> Severity {
    match severity {
        wit::Severity::Info => Severity::Info,
        wit::Severity::Warn => Severity::Warn,
        wit::Severity::Critical => Severity::Critical,
    }
}

fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl PluginInfo {
    /// Converts and validates the plugin's `info()` answer.
    pub(crate) fn from_wit(info: wit::PluginInfo) -> Result<PluginInfo, Failure> {
        if !is_kebab(&info.name) {
            return Err(Failure::InvalidOutput(format!(
                "plugin name `{}` is not kebab-case",
                info.name
            )));
        }
        let mut ids = BTreeSet::new();
        for check in &info.checks {
            let valid = !check.id.is_empty()
                && check.id.split('.').all(|segment| !segment.is_empty())
                && !check.id.chars().any(char::is_whitespace);
            if !valid {
                return Err(Failure::InvalidOutput(format!(
                    "invalid check id `{}`",
                    check.id
                )));
            }
            if !ids.insert(check.id.clone()) {
                return Err(Failure::InvalidOutput(format!(
                    "check id `{}` declared twice",
                    check.id
                )));
            }
        }
        Ok(PluginInfo {
            name: info.name,
            version: info.version,
            description: info.description,
            checks: info
                .checks
                .into_iter()
                .map(|check| CheckInfo {
                    id: check.id,
                    default_severity: severity_from_wit(check.default_severity),
                    title: check.title,
                    description: check.description,
                    remediation: check.remediation,
                    category: check.category,
                    references: check.references,
                })
                .collect(),
        })
    }

    /// Whether a concrete id is declared by this plugin.
    pub fn declares(&self, id: &str) -> bool {
        self.checks
            .iter()
            .any(|c| pincer_sdk::id_matches(&c.id, id))
    }
}
