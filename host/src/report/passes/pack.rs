//! What packs change in a report: severity overrides (the finding keeps
//! its original severity and the pack's reason in `severityOverride`) and
//! disabled checks (their findings move to `suppressedFindings`, marked
//! with the pack and reason).

use crate::policy::pack::policy::Policy;
use crate::report::Report;
use crate::report::model::{SeverityOverride, SuppressedBy};
use crate::text;

/// The longest pack reason a report carries.
const MAX_REASON: usize = 1_000;

/// Applies the overrides, then moves the findings of disabled checks.
pub(crate) fn apply(report: &mut Report, policy: &Policy) {
    for reported in &mut report.findings {
        let finding = &mut reported.finding;
        let Some((severity, ruling)) = policy.override_of(&finding.check_id) else {
            continue;
        };
        if severity != finding.severity {
            reported.annotations.severity_override = Some(SeverityOverride {
                from: finding.severity,
                source: ruling.source.to_owned(),
                reason: text::line(ruling.reason, MAX_REASON),
            });
            finding.severity = severity;
        }
    }
    let mut kept = Vec::with_capacity(report.findings.len());
    for mut reported in std::mem::take(&mut report.findings) {
        match policy.disabling(&reported.finding.check_id) {
            Some(ruling) => {
                reported.annotations.suppressed_by = Some(SuppressedBy {
                    source: ruling.source.to_owned(),
                    reason: Some(text::line(ruling.reason, MAX_REASON)),
                    expires: None,
                });
                report.suppressed_findings.push(reported);
            }
            None => kept.push(reported),
        }
    }
    report.findings = kept;
}
