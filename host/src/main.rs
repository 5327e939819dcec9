//! The `pincer` command: parses arguments, runs the command and maps its
//! outcome to an exit code (see `pincer --help`).

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match pincer::cli::main() {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "pincer: error: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}
