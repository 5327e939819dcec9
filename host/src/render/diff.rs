//! `pincer diff` as text: one line a changed finding, then the counts.

use crate::report::baseline::{Diff, RecordedFinding};
use std::io::Write;

fn line(out: &mut dyn Write, mark: &str, finding: &RecordedFinding) -> std::io::Result<()> {
    writeln!(
        out,
        "{mark} {:<8} {}  {}",
        finding.severity.as_str(),
        finding.check_id,
        finding.title
    )
}

/// Writes the changes one line a finding (`+` new, `-` resolved, `~`
/// changed severity), then the counts.
pub(crate) fn render(changes: &Diff, out: &mut dyn Write) -> std::io::Result<()> {
    for finding in &changes.new {
        line(out, "+", finding)?;
    }
    for finding in &changes.resolved {
        line(out, "-", finding)?;
    }
    for changed in &changes.changed {
        line(
            out,
            &format!("~ ({} ->)", changed.was.as_str()),
            &changed.finding,
        )?;
    }
    writeln!(
        out,
        "{} new, {} resolved, {} changed severity, {} unchanged",
        changes.new.len(),
        changes.resolved.len(),
        changes.changed.len(),
        changes.unchanged
    )
}
