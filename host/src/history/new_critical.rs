//! `drift.new_critical_findings`: critical findings this audit reports
//! that the last recorded run did not have — by the finding's identity
//! (check id, config paths, detail with digits ignored, as `--baseline`
//! judges), so a second device or lane under a check that was already
//! critical is new too. Findings of a plugin that failed in that run are
//! not called new (it may have owed them), nor are findings a suppression
//! hides. Only the host sees both the whole report and the baseline, so
//! it reports this one itself, after the plugins' findings are aggregated
//! and before the pincer.toml suppressions (which may hide it).

use super::entry::Entry;
use crate::policy::suppress::rules::HOST_PLUGIN;
use crate::report::Report;
use crate::report::baseline::{RecordedFinding, identity, identity_of};
use crate::report::model::{DeclaredCheck, ReportFinding};
use crate::runtime::info::CheckInfo;
use pincer_sdk::Severity;
use serde::Deserialize;

/// The check id.
pub const ID: &str = "drift.new_critical_findings";

/// The check's metadata.
pub fn check_info() -> CheckInfo {
    CheckInfo {
        id: ID.to_owned(),
        default_severity: Severity::Warn,
        title: "Critical findings that the last audit did not have".to_owned(),
        description: "With --history, the critical findings of this audit that the last \
                      recorded audit did not have (the same check on another device, lane or \
                      path counts as new): something became critical since, and it is the \
                      first thing to look at."
            .to_owned(),
        remediation: "Fix the new critical findings, or find out what changed the installation \
                      since the last audit (pincer history shows when)."
            .to_owned(),
        category: "drift".to_owned(),
        references: Vec::new(),
    }
}

/// The critical findings `previous` recorded, suppressed ones included,
/// each read on its own (one it cannot read does not hide the others).
fn recorded_critical(previous: &Entry) -> Vec<RecordedFinding> {
    ["findings", "suppressedFindings"]
        .iter()
        .filter_map(|key| previous.report.get(*key))
        .filter_map(serde_json::Value::as_array)
        .flatten()
        .filter_map(|finding| RecordedFinding::deserialize(finding).ok())
        .filter(|finding| finding.severity == Severity::Critical)
        .collect()
}

/// Adds the finding to `report` when some critical finding is new since
/// `previous` and not `suppressed` (by a rule yet to be applied), and
/// recounts the summary.
pub fn apply(report: &mut Report, previous: &Entry, suppressed: &dyn Fn(&ReportFinding) -> bool) {
    let known: Vec<String> = recorded_critical(previous).iter().map(identity).collect();
    let mut new: Vec<&str> = report
        .findings
        .iter()
        .filter(|finding| finding.severity == Severity::Critical)
        .filter(|finding| !previous.failed_plugins.contains(&finding.plugin))
        .filter(|finding| !suppressed(finding))
        .filter(|finding| !known.contains(&identity_of(finding)))
        .map(|finding| finding.check_id.as_str())
        .collect();
    new.sort_unstable();
    new.dedup();
    if new.is_empty() {
        return;
    }
    let info = check_info();
    let finding = ReportFinding {
        check_id: ID.to_owned(),
        severity: info.default_severity,
        title: info.title.clone(),
        detail: format!("Critical now, not at the last audit: {}.", new.join(", ")),
        remediation: Some(info.remediation.clone()),
        plugin: HOST_PLUGIN.to_owned(),
        config_paths: Vec::new(),
        location: None,
        baseline: None,
        suppressed_by: None,
        severity_override: None,
    };
    report.findings.push(finding);
    if !report.checks.iter().any(|check| check.info.id == ID) {
        report.checks.push(DeclaredCheck {
            plugin: HOST_PLUGIN.to_owned(),
            info,
        });
    }
    crate::report::sort_findings(&mut report.findings);
    report.summary = crate::report::summarize(&report.findings);
}
