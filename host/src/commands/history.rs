//! `pincer history`: the audits recorded in a history directory, as a
//! table, JSON or an HTML page with a trend chart.

use crate::cli::{HistoryArgs, HistoryFormat};
use crate::error::{Error, Result, exit};
use crate::history::HistoryDir;
use crate::render::history as render;

/// Shows the history; exit 2 when the directory cannot be read or holds
/// a file that is not an entry.
pub(crate) fn run(args: &HistoryArgs, env: &crate::env::Env) -> Result<u8> {
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
    if let Some(output) = &args.output {
        crate::output::refuse_writing_into_installation(output, env)?;
        refuse_writing_into_history(output, &args.dir)?;
    }
    let entries = history.entries()?;
    crate::output::write_with(args.output.as_deref(), false, &|out| match args.format {
        HistoryFormat::Table => render::table(&entries, out),
        HistoryFormat::Json => render::json(&entries, out),
        HistoryFormat::Html => render::html(&entries, out),
    })?;
    Ok(exit::CLEAN)
}

/// A page written into the history directory would be read back as an
/// entry that is not one: refuse it.
fn refuse_writing_into_history(output: &std::path::Path, dir: &std::path::Path) -> Result<()> {
    let absolute = crate::input_file::absolute(output);
    let dir = crate::input_file::absolute(dir);
    let real = |path: &std::path::Path| path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let parent = absolute.parent().map(real);
    if absolute.starts_with(&dir) || parent.is_some_and(|parent| parent.starts_with(real(&dir))) {
        return Err(Error::Write {
            target: output.display().to_string(),
            source: std::io::Error::other(
                "refusing to write into the history directory: its files are its entries",
            ),
        });
    }
    Ok(())
}
