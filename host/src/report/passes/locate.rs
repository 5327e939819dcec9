//! Points findings at the config: the file (the main config or the included
//! file) and line where their first existing config path was written, else
//! the deepest existing parent of their first path.

use crate::collect::config::SourceNode;
use crate::report::model::{FindingLocation, Report, ReportFinding};

/// Sets the location of every finding (suppressed ones too) that names a
/// config path.
pub(crate) fn apply(report: &mut Report, sources: &SourceNode) {
    for finding in report
        .findings
        .iter_mut()
        .chain(report.suppressed_findings.iter_mut())
    {
        if finding.annotations.location.is_none() {
            finding.annotations.location = locate(finding, sources);
        }
    }
}

/// The first config path that exists in the config; else where the first
/// path's deepest existing parent was written.
fn locate(finding: &ReportFinding, sources: &SourceNode) -> Option<FindingLocation> {
    let paths = finding
        .finding
        .config_paths
        .iter()
        .filter(|path| !path.is_empty());
    let resolved: Vec<_> = paths
        .filter_map(|path| sources.resolve(path).map(|found| (path, found)))
        .collect();
    let (path, (location, _)) = resolved
        .iter()
        .find(|(_, (_, exact))| *exact)
        .or_else(|| resolved.first())?;
    Some(FindingLocation {
        // File names come from the audited config's includes: no control
        // characters may reach a terminal.
        file: crate::text::shown(&location.file.display().to_string()),
        line: location.line,
        config_path: (*path).clone(),
    })
}
