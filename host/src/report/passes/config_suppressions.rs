//! The audited config's own suppressions (`security.audit.suppressions`):
//! matching findings leave `findings` and the summary but stay visible in
//! `suppressedFindings`, and the host says that the list is in effect
//! (`security.audit.suppressions.active`), as the reference does.

use crate::policy::suppress::Suppression;
use crate::report::Report;
use crate::report::host_checks::CONFIG_SUPPRESSIONS_ACTIVE;
use crate::report::model::SuppressedBy;

/// Where these suppressions are written, as a suppressed finding names it.
const SOURCE: &str = "security.audit.suppressions";

/// Moves every finding some suppression matches into `suppressed_findings`
/// and adds the finding that says how many moved.
pub(crate) fn apply(report: &mut Report, suppressions: &[Suppression]) {
    if suppressions.is_empty() {
        return;
    }
    let (suppressed, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut report.findings)
        .into_iter()
        .partition(|reported| suppressions.iter().any(|s| s.matches(&reported.finding)));
    report.findings = kept;
    let moved = suppressed.len();
    report
        .suppressed_findings
        .extend(suppressed.into_iter().map(|mut reported| {
            reported.annotations.suppressed_by = Some(SuppressedBy {
                source: SOURCE.to_owned(),
                reason: None,
                expires: None,
            });
            reported
        }));
    let mut active = CONFIG_SUPPRESSIONS_ACTIVE.finding(format!(
        "security.audit.suppressions holds {} suppression(s); {moved} finding(s) \
         moved to suppressedFindings.",
        suppressions.len()
    ));
    active.finding.config_paths = vec![SOURCE.to_owned()];
    CONFIG_SUPPRESSIONS_ACTIVE.report_into(report, active);
}
