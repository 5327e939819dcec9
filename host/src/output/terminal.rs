//! The terminal: stdout for a command's own text (coloured on a terminal
//! unless `NO_COLOR`, plain into a pipe or file) and stderr for warnings
//! and the watcher's log. The only place besides `main.rs` that reaches
//! either stream.

use std::io::{IsTerminal, Write};

/// Stdout, locked, with styles kept on a terminal and stripped elsewhere.
#[allow(clippy::disallowed_methods, reason = "the one place stdout is opened")]
pub(crate) fn stdout() -> anstream::AutoStream<std::io::StdoutLock<'static>> {
    anstream::AutoStream::auto(std::io::stdout().lock())
}

/// One line on stderr: a warning, or a log line of `pincer watch`. Text
/// from plugins or inputs must be sanitized by the caller.
#[allow(clippy::disallowed_methods, reason = "the one place stderr is written")]
pub(crate) fn warn(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether stderr is a terminal (progress bars are drawn only there).
#[allow(clippy::disallowed_methods, reason = "the one place stderr is asked")]
pub(crate) fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// Whether `error` is a write to a reader that went away (`pincer audit |
/// head`): not a failure of the audit, so `main` exits quietly.
pub fn is_broken_pipe(error: &crate::error::Error) -> bool {
    matches!(error, crate::error::Error::Write { source, .. }
        if source.kind() == std::io::ErrorKind::BrokenPipe)
}
