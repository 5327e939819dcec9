//! One history entry: when an audit ran, what it audited, its counts,
//! its posture snapshot and its whole JSON report. Entries are files named
//! `audit-<UTC time>.json`, so their names sort by time.

use super::posture::Posture;
use crate::report::Report;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The version of the entry format.
pub const FORMAT: u32 = 1;

/// Counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
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
pub struct Entry {
    /// [`FORMAT`].
    pub pincer_history: u32,
    /// When the audit ran (ms since the epoch).
    pub recorded_at_ms: u64,
    /// The audited config file.
    pub config: String,
    /// Counts by severity of the counted findings.
    pub summary: Counts,
    /// Whether every plugin ran and every fact could be read.
    pub complete: bool,
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
    /// and posture (never its report).
    pub fn baseline_json(&self) -> String {
        serde_json::json!({
            "recordedAtMs": self.recorded_at_ms,
            "posture": self.posture,
        })
        .to_string()
    }

    /// The entry of an audit.
    pub fn of(report: &Report, posture: Posture) -> Entry {
        let drift_findings = report
            .findings
            .iter()
            .filter(|finding| finding.check_id.starts_with("drift."))
            .count();
        Entry {
            pincer_history: FORMAT,
            recorded_at_ms: u64::try_from(report.ts).unwrap_or(u64::MAX),
            config: report.target.config.clone(),
            summary: Counts {
                critical: report.summary.critical,
                warn: report.summary.warn,
                info: report.summary.info,
            },
            complete: report.complete,
            drift_findings,
            posture,
            report: serde_json::to_value(report).unwrap_or(Value::Null),
        }
    }
}
