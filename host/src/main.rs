//! The `pincer` command: parses arguments, runs the command and maps its
//! outcome to an exit code (see `pincer --help`).

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // The bounded child process that compiles an untrusted plugin: not a
    // command for people, so not in the help.
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() == Some(pincer::CHILD_COMMAND.as_ref()) {
        let memory = args
            .next()
            .and_then(|arg| arg.into_string().ok())
            .unwrap_or_default();
        return pincer::child_main(&memory);
    }
    match pincer::main() {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`pincer audit | head`): nothing to say.
        Err(error) if pincer::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Errors quote paths and plugin text: printed inert.
            let message = pincer::inert_text(&error.to_string(), usize::MAX);
            #[allow(clippy::disallowed_methods, reason = "the error line of the process")]
            let _ = writeln!(std::io::stderr(), "pincer: error: {message}");
            ExitCode::from(error.exit_code())
        }
    }
}
