//! `pincer history`: the audits recorded in a history directory, as a
//! table, JSON or an HTML page with a trend chart.

use crate::cli::{HistoryArgs, HistoryFormat};
use crate::error::{Error, Result, exit};
use crate::history::HistoryDir;
use crate::render::history as render;

/// Shows the history; exit 2 when the directory cannot be read or holds
/// a file that is not an entry.
pub fn run(args: &HistoryArgs) -> Result<u8> {
    let history = HistoryDir::new(&args.dir);
    if !args.dir.is_dir() {
        return Err(Error::Read {
            path: args.dir.clone(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no history directory here (record one with pincer audit --history DIR)",
            ),
        });
    }
    let entries = history.entries()?;
    super::audit::write_with(args.output.as_deref(), false, &|out| match args.format {
        HistoryFormat::Table => render::table(&entries, out),
        HistoryFormat::Json => render::json(&entries, out),
        HistoryFormat::Html => render::html(&entries, out),
    })?;
    Ok(exit::CLEAN)
}
