//! Findings: what a check reports, and the collector checks push them into.

use crate::severity::Severity;
use serde::{Deserialize, Serialize};

/// One problem a check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The dotted id of the check that found it.
    pub check_id: String,
    /// How serious this instance is.
    pub severity: Severity,
    /// One line that names the problem.
    pub title: String,
    /// What was found, with the values involved (never secrets).
    pub detail: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remediation: Option<String>,
    /// Dotted config paths involved, most specific first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub config_paths: Vec<String>,
}

impl Finding {
    /// The same finding with another severity (for escalation rules).
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The same finding pointing at one more config path.
    #[must_use]
    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.config_paths.push(path.into());
        self
    }

    /// The same finding with another remediation text.
    #[must_use]
    pub fn with_remediation(mut self, remediation: impl Into<String>) -> Self {
        self.remediation = Some(remediation.into());
        self
    }
}

/// The findings a plugin run collects, in the order checks push them.
#[derive(Debug, Default)]
pub struct Findings {
    items: Vec<Finding>,
}

impl Findings {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one finding.
    pub fn push(&mut self, finding: Finding) {
        self.items.push(finding);
    }

    /// The findings pushed so far.
    pub fn as_slice(&self) -> &[Finding] {
        &self.items
    }

    /// All findings, consuming the collector.
    pub fn into_vec(self) -> Vec<Finding> {
        self.items
    }
}
