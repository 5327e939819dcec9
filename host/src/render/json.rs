//! The JSON renderer: the report as pretty JSON, one trailing newline.

use crate::report::model::Report;
use std::io::{self, Write};

/// Writes the report as JSON.
pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    writeln!(out)
}
