//! `--baseline OLD.json`: each finding marked new, escalated or known
//! against an earlier report, and what was resolved counted. Runs after
//! the pipeline's finish: it reads the final order and changes no count.

use crate::report::Report;
use crate::report::baseline::{
    BaselineState, BaselineSummary, RecordedFinding, by_identity, identity,
};
use std::path::Path;

/// Marks every finding of `report` against the baseline's findings.
pub(crate) fn apply(report: &mut Report, file: &Path, baseline: &[RecordedFinding]) {
    let mut before = by_identity(baseline);
    let mut summary = BaselineSummary {
        file: file.display().to_string(),
        new: 0,
        escalated: 0,
        known: 0,
        resolved: 0,
    };
    for finding in &mut report.findings {
        let recorded = RecordedFinding::from(&*finding);
        let state = match before.get_mut(&identity(&recorded)).and_then(Vec::pop) {
            None => {
                summary.new += 1;
                BaselineState::New
            }
            Some(was) if was.severity < finding.finding.severity => {
                summary.escalated += 1;
                BaselineState::Escalated
            }
            Some(_) => {
                summary.known += 1;
                BaselineState::Known
            }
        };
        finding.annotations.baseline = Some(state);
    }
    summary.resolved = before.values().map(Vec::len).sum();
    report.baseline = Some(summary);
}
