//! `drift.new_critical_findings`: critical findings this audit reports
//! whose check was not critical at the last recorded run. Only the host
//! sees both the whole report and the baseline, so it reports this one
//! itself, after the plugins' findings are aggregated.

use super::entry::Entry;
use crate::report::Report;
use crate::report::model::{DeclaredCheck, ReportFinding};
use crate::report::suppress::rules::HOST_PLUGIN;
use crate::runtime::info::CheckInfo;
use pincer_sdk::Severity;

/// The check id.
pub const ID: &str = "drift.new_critical_findings";

/// The check's metadata.
pub fn check_info() -> CheckInfo {
    CheckInfo {
        id: ID.to_owned(),
        default_severity: Severity::Warn,
        title: "Critical findings that the last audit did not have".to_owned(),
        description: "With --history, the checks that report a critical finding now but did \
                      not at the last recorded audit: something became critical since, and \
                      it is the first thing to look at."
            .to_owned(),
        remediation: "Fix the new critical findings, or find out what changed the installation \
                      since the last audit (pincer history shows when)."
            .to_owned(),
        category: "drift".to_owned(),
        references: Vec::new(),
    }
}

/// Adds the finding to `report` when some critical check is new since
/// `previous`, and recounts the summary.
pub fn apply(report: &mut Report, previous: &Entry) {
    let mut new: Vec<&str> = report
        .findings
        .iter()
        .filter(|finding| finding.severity == Severity::Critical)
        .map(|finding| finding.check_id.as_str())
        .filter(|id| !previous.posture.critical_checks.iter().any(|old| old == id))
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
