//! `drift.new_critical_findings`: critical findings this audit reports
//! that the last recorded run did not have — by the finding's identity
//! (check id, config paths, detail with digits ignored, as `--baseline`
//! judges), so a second device or lane under a check that was already
//! critical is new too. Findings of a plugin that failed in that run are
//! not called new (it may have owed them), nor are findings a suppression
//! hides. Only the host sees both the whole report and the history, so
//! it reports this one itself, before the pincer.toml suppressions (which
//! may hide it).

use crate::report::Report;
use crate::report::baseline::{RecordedFinding, identity, identity_of};
use crate::report::host_checks::NEW_CRITICAL_FINDINGS;
use crate::report::model::ReportFinding;
use pincer_sdk::Severity;

/// What this pass needs of the last recorded run.
#[derive(Debug, Clone, Default)]
pub(crate) struct PreviousRun {
    /// Its critical findings, suppressed ones included.
    pub critical: Vec<RecordedFinding>,
    /// The plugins that failed in it.
    pub failed_plugins: Vec<String>,
}

/// Adds the finding to `report` when some critical finding is new since
/// `previous` and not `suppressed` (by a rule yet to be applied).
pub(crate) fn apply(
    report: &mut Report,
    previous: &PreviousRun,
    suppressed: &dyn Fn(&ReportFinding) -> bool,
) {
    let known: Vec<String> = previous.critical.iter().map(identity).collect();
    let mut new: Vec<&str> = report
        .findings
        .iter()
        .filter(|reported| reported.finding.severity == Severity::Critical)
        .filter(|reported| !previous.failed_plugins.contains(&reported.plugin))
        .filter(|reported| !suppressed(reported))
        .filter(|reported| !known.contains(&identity_of(reported)))
        .map(|reported| reported.finding.check_id.as_str())
        .collect();
    new.sort_unstable();
    new.dedup();
    if new.is_empty() {
        return;
    }
    let detail = format!("Critical now, not at the last audit: {}.", new.join(", "));
    NEW_CRITICAL_FINDINGS.report_into(report, NEW_CRITICAL_FINDINGS.finding(detail));
}
