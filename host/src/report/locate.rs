//! Points findings at the config: the file (the main config or the included
//! file) and line where their first locatable config path was written.

use super::model::{FindingLocation, Report, ReportFinding};
use crate::config::SourceNode;

/// Sets the location of every finding (suppressed ones too) that names a
/// config path.
pub fn apply(report: &mut Report, sources: &SourceNode) {
    for finding in report
        .findings
        .iter_mut()
        .chain(report.suppressed_findings.iter_mut())
    {
        if finding.location.is_none() {
            finding.location = locate(finding, sources);
        }
    }
}

fn locate(finding: &ReportFinding, sources: &SourceNode) -> Option<FindingLocation> {
    finding.config_paths.iter().find_map(|path| {
        sources.locate(path).map(|location| FindingLocation {
            file: location.file.display().to_string(),
            line: location.line,
            config_path: path.clone(),
        })
    })
}
