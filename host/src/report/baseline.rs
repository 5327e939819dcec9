//! Baselines: which findings of a report an earlier report already had.
//! `pincer audit --baseline OLD.json` fails only on what is new (or got
//! more severe); `pincer diff OLD.json NEW.json` lists what is new, what
//! was resolved and what changed severity.
//!
//! A finding is the same finding when its check id, config paths and
//! detail match, with every run of digits in the detail ignored: details
//! carry ages and counts ("last seen 45 days ago") that change from run to
//! run without the finding being new. Severity is not part of identity: the
//! same finding at another severity is "changed".

use super::model::ReportFinding;
pub(crate) use super::model::{BaselineState, BaselineSummary};
use crate::error::{Error, Result};
use pincer_sdk::Severity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// A finding as an earlier JSON report recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RecordedFinding {
    /// Check id.
    pub check_id: String,
    /// Severity.
    pub severity: Severity,
    /// Title.
    pub title: String,
    /// Detail.
    pub detail: String,
    /// Config paths.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub config_paths: Vec<String>,
}

impl From<&ReportFinding> for RecordedFinding {
    fn from(reported: &ReportFinding) -> Self {
        let finding = &reported.finding;
        RecordedFinding {
            check_id: finding.check_id.clone(),
            severity: finding.severity,
            title: finding.title.clone(),
            detail: finding.detail.clone(),
            config_paths: finding.config_paths.clone(),
        }
    }
}

/// The part of a JSON report a baseline needs.
#[derive(Debug, Deserialize)]
struct RecordedReport {
    findings: Vec<RecordedFinding>,
}

/// Reads the findings of a single-audit JSON report.
pub(crate) fn load(path: &Path) -> Result<Vec<RecordedFinding>> {
    // A regular file only (a FIFO cannot hang the run), size-capped.
    let text = crate::input_file::read_text(path, crate::input_file::Within::Anywhere, 256 << 20)
        .map_err(|error| Error::input(path, error))?;
    let report: RecordedReport = serde_json::from_str(&text).map_err(|error| Error::Invalid {
        path: path.to_path_buf(),
        line: error.line(),
        column: error.column(),
        message: format!(
            "not a pincer JSON report of one installation: {}",
            crate::value_free::without_values(&error.to_string())
        ),
    })?;
    Ok(report.findings)
}

/// A finding's identity across runs (see the module doc).
pub(crate) fn identity(finding: &RecordedFinding) -> String {
    identity_parts(&finding.check_id, &finding.config_paths, &finding.detail)
}

/// The identity of a finding of this run, as [`identity`] computes it.
pub(crate) fn identity_of(reported: &ReportFinding) -> String {
    let finding = &reported.finding;
    identity_parts(&finding.check_id, &finding.config_paths, &finding.detail)
}

fn identity_parts(check_id: &str, config_paths: &[String], detail: &str) -> String {
    let mut masked = String::with_capacity(detail.len());
    let mut in_digits = false;
    for ch in detail.chars() {
        if ch.is_ascii_digit() {
            if !in_digits {
                masked.push('#');
            }
            in_digits = true;
        } else {
            masked.push(ch);
            in_digits = false;
        }
    }
    format!("{check_id}\u{0}{}\u{0}{masked}", config_paths.join("\u{1}"))
}

/// The earlier findings by identity; matching pops one, so a finding
/// repeated N times matches at most N later ones.
pub(crate) fn by_identity(findings: &[RecordedFinding]) -> BTreeMap<String, Vec<&RecordedFinding>> {
    let mut index: BTreeMap<String, Vec<&RecordedFinding>> = BTreeMap::new();
    for finding in findings {
        index.entry(identity(finding)).or_default().push(finding);
    }
    index
}

/// One finding whose severity differs between the two reports.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Changed {
    /// The finding now.
    pub finding: RecordedFinding,
    /// Its severity before.
    pub was: Severity,
}

/// What changed between two reports.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Diff {
    /// In the new report only.
    pub new: Vec<RecordedFinding>,
    /// In the old report only.
    pub resolved: Vec<RecordedFinding>,
    /// In both, at another severity.
    pub changed: Vec<Changed>,
    /// In both, at the same severity.
    pub unchanged: usize,
}

/// Compares two lists of findings.
pub(crate) fn diff(old: &[RecordedFinding], new: &[RecordedFinding]) -> Diff {
    let mut before = by_identity(old);
    let mut result = Diff::default();
    for finding in new {
        match before.get_mut(&identity(finding)).and_then(Vec::pop) {
            None => result.new.push(finding.clone()),
            Some(was) if was.severity == finding.severity => result.unchanged += 1,
            Some(was) => result.changed.push(Changed {
                finding: finding.clone(),
                was: was.severity,
            }),
        }
    }
    result.resolved = before.into_values().flatten().cloned().collect();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(id: &str, severity: Severity, detail: &str) -> RecordedFinding {
        RecordedFinding {
            check_id: id.into(),
            severity,
            title: "t".into(),
            detail: detail.into(),
            config_paths: Vec::new(),
        }
    }

    #[test]
    fn ages_do_not_make_a_finding_new_and_severity_changes_are_seen() {
        let old = vec![
            finding(
                "nodes.stale_device_token",
                Severity::Warn,
                "seen 45 days ago",
            ),
            finding("gateway.bind_no_auth", Severity::Warn, "bind lan"),
            finding("fs.config.perms_writable", Severity::Critical, "mode 0666"),
        ];
        let new = vec![
            finding(
                "nodes.stale_device_token",
                Severity::Warn,
                "seen 46 days ago",
            ),
            finding("gateway.bind_no_auth", Severity::Critical, "bind lan"),
            finding("gateway.token_too_short", Severity::Warn, "12 characters"),
        ];
        let diff = diff(&old, &new);
        assert_eq!(diff.unchanged, 1);
        assert_eq!(diff.changed.len(), 1);
        assert_eq!(diff.changed[0].was, Severity::Warn);
        assert_eq!(diff.new.len(), 1);
        assert_eq!(diff.new[0].check_id, "gateway.token_too_short");
        assert_eq!(diff.resolved.len(), 1);
        assert_eq!(diff.resolved[0].check_id, "fs.config.perms_writable");
    }
}
