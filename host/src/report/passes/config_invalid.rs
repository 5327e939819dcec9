//! With `--allow-invalid`: each reason OpenClaw would refuse the config is
//! a critical `config.invalid` finding at the file and line it was written
//! at. Added after the packs and the config's own suppressions, so neither
//! can hide it.

use crate::collect::config::validity::ConfigIssue;
use crate::report::Report;
use crate::report::host_checks::CONFIG_INVALID;
use crate::report::model::FindingLocation;

/// Adds one `config.invalid` finding per issue.
pub(crate) fn apply(report: &mut Report, issues: &[ConfigIssue]) {
    for issue in issues {
        let mut reported = CONFIG_INVALID.finding(format!("{}: {}", issue.path, issue.message));
        reported.finding.config_paths = vec![issue.path.clone()];
        reported.annotations.location = issue.file.as_ref().zip(issue.line).map(|(file, line)| {
            FindingLocation {
                // File names come from the config's includes.
                file: crate::text::shown(file),
                line,
                config_path: issue.path.clone(),
            }
        });
        CONFIG_INVALID.report_into(report, reported);
    }
}
