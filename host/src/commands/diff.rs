//! `pincer diff OLD.json NEW.json`: what changed between two audits of one
//! installation: new findings, resolved ones, and those whose severity
//! changed (see `report::baseline` for when two findings are the same).

use crate::cli::DiffArgs;
use crate::error::{Result, exit};
use crate::render::diff::render;
use crate::report::baseline::{diff, load};

/// Prints the difference; exit code 0 (a report of change, not a verdict).
pub(crate) fn run(args: &DiffArgs) -> Result<u8> {
    let old = load(&args.old)?;
    let new = load(&args.new)?;
    let changes = diff(&old, &new);
    crate::output::print_json_or_table(
        args.format == crate::cli::Format::Json,
        &changes,
        &|out| render(&changes, out),
    )?;
    Ok(exit::CLEAN)
}
