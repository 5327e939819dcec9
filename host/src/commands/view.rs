//! `pincer view`: the exact snapshot plugins receive, as JSON, so that a
//! check author can see what a check can use.

use crate::cli::ViewArgs;
use crate::collect::locate::locate;
use crate::collect::snapshot::Snapshot;
use crate::error::{Error, Result, exit};
use std::io::Write;

/// Prints the snapshot of the target.
pub fn run(args: ViewArgs) -> Result<u8> {
    let target = locate(args.config, args.state_dir)?;
    let snapshot = Snapshot::collect(
        &target,
        args.deep,
        &crate::collect::snapshot::MachineFacts::gather(),
        None,
    )?;
    let write_error = |source| Error::Write {
        target: "stdout".into(),
        source,
    };
    let mut out = crate::output::stdout();
    serde_json::to_writer_pretty(&mut out, &snapshot)
        .map_err(|e| write_error(std::io::Error::other(e)))?;
    writeln!(out).map_err(write_error)?;
    Ok(exit::CLEAN)
}
