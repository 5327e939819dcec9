//! Where output goes: stdout (coloured on a terminal unless `NO_COLOR`)
//! or a file replaced whole or not at all.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes through `render` to `--output` (colourless) or stdout (a
/// `styled` format coloured on a TTY unless `NO_COLOR`). An existing file
/// is replaced whole or not at all: a temporary file beside it, with its
/// mode, renamed into place (a link is followed; a device or FIFO is
/// written as it is).
pub(crate) fn write_with(
    output: Option<&Path>,
    styled: bool,
    render: &dyn Fn(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let target = output.map_or_else(|| "stdout".to_owned(), |p| p.display().to_string());
    let write_error = |source| Error::Write {
        target: target.clone(),
        source,
    };
    let Some(path) = output else {
        // Buffered: a large report is a few writes, not one per line.
        #[allow(clippy::disallowed_methods, reason = "stdout as a sink of its own")]
        let stdout = std::io::stdout().lock();
        return if styled {
            let mut stream = std::io::BufWriter::new(anstream::AutoStream::auto(stdout));
            render(&mut stream).and_then(|()| stream.flush())
        } else {
            let mut stream = std::io::BufWriter::new(stdout);
            render(&mut stream).and_then(|()| stream.flush())
        }
        .map_err(write_error);
    };
    let into = |file: &std::fs::File| -> std::io::Result<()> {
        // Formats without styles go straight out, not through a stripper.
        if styled {
            let mut stream = std::io::BufWriter::new(anstream::AutoStream::new(
                file.try_clone()?,
                anstream::ColorChoice::Never,
            ));
            render(&mut stream).and_then(|()| stream.flush())
        } else {
            let mut stream = std::io::BufWriter::new(file);
            render(&mut stream).and_then(|()| stream.flush())
        }
    };
    // Through a link to where it points, as writing to it always did.
    let path = &std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let existing = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file);
    match existing {
        // A new file is created as before (the umask decides its mode); a
        // device or FIFO is written as it is.
        None => {
            let file = std::fs::File::create(path).map_err(write_error)?;
            into(&file).map_err(write_error)
        }
        // An existing file is replaced whole, keeping its mode: a reader
        // (a web server, the next run) never sees half a report.
        Some(metadata) => {
            let dir = match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            let temp = tempfile::Builder::new()
                .prefix(".pincer-output-")
                .tempfile_in(dir)
                .map_err(write_error)?;
            temp.as_file()
                .set_permissions(metadata.permissions())
                .map_err(write_error)?;
            into(temp.as_file()).map_err(write_error)?;
            temp.persist(path).map_err(|e| write_error(e.error))?;
            Ok(())
        }
    }
}

/// Prints `value` to stdout as pretty JSON, or as the table `render` draws.
pub(crate) fn print_json_or_table<T: serde::Serialize>(
    as_json: bool,
    value: &T,
    render: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    let mut out = std::io::BufWriter::new(super::terminal::stdout());
    let written = if as_json {
        serde_json::to_writer_pretty(&mut out, value)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        render(&mut out)
    };
    written
        .and_then(|()| out.flush())
        .map_err(|source| Error::Write {
            target: "stdout".into(),
            source,
        })
}
