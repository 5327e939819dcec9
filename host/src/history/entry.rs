//! One history entry: when an audit ran, what it audited, its counts,
//! its posture snapshot and its whole JSON report. Entries are files named
//! `audit-<UTC time>.json` (`-2`, `-3`, ... for more in one millisecond).

use super::posture::Posture;
use crate::report::Report;
use crate::report::baseline::RecordedFinding;
use crate::report::passes::new_critical::PreviousRun;
use pincer_sdk::Severity;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The version of the entry format.
pub(crate) const FORMAT: u32 = 1;

/// Counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Counts {
    /// Critical findings.
    pub critical: usize,
    /// Warnings.
    pub warn: usize,
    /// Informational findings.
    pub info: usize,
}

/// One recorded audit.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Entry {
    /// [`FORMAT`].
    pub pincer_history: u32,
    /// When the audit ran (ms since the epoch).
    pub recorded_at_ms: u64,
    /// The audited config file.
    pub config: String,
    /// The audited state directory (none in entries from before it was
    /// recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_dir: Option<String>,
    /// Counts by severity of the counted findings.
    pub summary: Counts,
    /// Whether every plugin ran and every fact could be read.
    pub complete: bool,
    /// Whether every state fact could be read, so that the posture is
    /// whole (none in entries from before it was recorded: see
    /// [`Entry::posture_complete`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_complete: Option<bool>,
    /// The plugins that failed: their critical findings may be missing
    /// from the posture.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed_plugins: Vec<String>,
    /// How many `drift.*` findings the audit reported.
    #[serde(default)]
    pub drift_findings: usize,
    /// The posture snapshot.
    pub posture: Posture,
    /// The JSON report, as `--format json` writes it.
    pub report: Value,
}

impl Entry {
    /// What the `baseline` interface gives plugins of this run: its time
    /// and posture (never its report, nor the credential's fingerprint).
    pub(crate) fn baseline_json(&self) -> String {
        let mut posture = self.posture.clone();
        if let Some(credential) = &mut posture.credential {
            credential.fingerprint = None;
        }
        serde_json::json!({
            "recordedAtMs": self.recorded_at_ms,
            "posture": posture,
        })
        .to_string()
    }

    /// What the report's new-critical pass needs of this run: its critical
    /// findings, suppressed ones included, each read on its own (one it
    /// cannot read does not hide the others), and its failed plugins.
    pub(crate) fn previous_run(&self) -> PreviousRun {
        let critical = ["findings", "suppressedFindings"]
            .iter()
            .filter_map(|key| self.report.get(*key))
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(|finding| RecordedFinding::deserialize(finding).ok())
            .filter(|finding| finding.severity == Severity::Critical)
            .collect();
        PreviousRun {
            critical,
            failed_plugins: self.failed_plugins.clone(),
        }
    }

    /// The `drift.*` check ids the audit reported, sorted, each once.
    pub(crate) fn drift_checks(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .report
            .get("findings")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|finding| finding.get("checkId").and_then(Value::as_str))
            .filter(|id| id.starts_with("drift."))
            .map(str::to_owned)
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// Whether the posture is whole: every state fact was read.
    pub(crate) fn posture_complete(&self) -> bool {
        self.state_complete.unwrap_or(self.complete)
    }

    /// Whether the entry is of the installation with this config file and
    /// state directory (an entry from before state directories were
    /// recorded matches by its config file).
    pub(crate) fn is_of(&self, config: &str, state_dir: &str) -> bool {
        self.config == config && self.state_dir.as_deref().is_none_or(|dir| dir == state_dir)
    }

    /// Whether two entries are of the same installation, as [`Entry::is_of`]
    /// judges.
    pub(crate) fn same_installation(&self, other: &Entry) -> bool {
        match &other.state_dir {
            Some(dir) => self.is_of(&other.config, dir),
            None => self.config == other.config,
        }
    }

    /// The entry of an audit.
    pub(crate) fn of(report: &Report, posture: Posture) -> Entry {
        let drift_findings = report
            .findings
            .iter()
            .filter(|finding| finding.finding.check_id.starts_with("drift."))
            .count();
        Entry {
            pincer_history: FORMAT,
            recorded_at_ms: u64::try_from(report.ts).unwrap_or(u64::MAX),
            config: report.target.config.clone(),
            state_dir: Some(report.target.state_dir.clone()),
            summary: Counts {
                critical: report.summary.critical,
                warn: report.summary.warn,
                info: report.summary.info,
            },
            complete: report.complete,
            state_complete: Some(
                report
                    .notes
                    .iter()
                    .all(|note| note.level != pincer_sdk::NoteLevel::Error),
            ),
            failed_plugins: report
                .plugins
                .iter()
                .filter(|plugin| plugin.status == crate::report::model::PluginState::Failed)
                .map(|plugin| plugin.name.clone())
                .collect(),
            drift_findings,
            posture,
            report: serde_json::to_value(report).unwrap_or(Value::Null),
        }
    }
}
