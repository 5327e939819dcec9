//! `pincer diff OLD.json NEW.json`: what changed between two audits of one
//! installation: new findings, resolved ones, and those whose severity
//! changed (see `report::baseline` for when two findings are the same).

use crate::cli::DiffArgs;
use crate::error::{Result, exit};
use crate::report::baseline::{Diff, RecordedFinding, diff, load};
use std::io::Write;

/// Prints the difference; exit code 0 (a report of change, not a verdict).
pub fn run(args: &DiffArgs) -> Result<u8> {
    let old = load(&args.old)?;
    let new = load(&args.new)?;
    let changes = diff(&old, &new);
    super::print_json_or_table(args.format, &changes, &|out| render(&changes, out))?;
    Ok(exit::CLEAN)
}

fn line(out: &mut dyn Write, mark: &str, finding: &RecordedFinding) -> std::io::Result<()> {
    writeln!(
        out,
        "{mark} {:<8} {}  {}",
        finding.severity.as_str(),
        finding.check_id,
        finding.title
    )
}

fn render(changes: &Diff, out: &mut dyn Write) -> std::io::Result<()> {
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
