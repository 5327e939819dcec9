//! `fs.log_file.perms_readable`: the group or other users can read the log
//! file named by `logging.file` (through a symlink: its target). Nothing is
//! inspected when `logging.file` is unset, and a `~user/...` path is
//! skipped, as in the reference. Write bits are not judged here.

use crate::perms::inspect;
use pincer_sdk::prelude::*;
use pincer_sdk::secret::js_trim;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.log_file.perms_readable",
    severity: Severity::Warn,
    title: "Log file is readable by other users",
    description: "The gateway's log records senders, commands, tool calls and errors that can \
                  quote message content; other accounts can read it.",
    remediation: "Make the log file private to its owner: `chmod 600` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Whether `logging.file` is a `~user/...` path, which the reference
/// skips: it expands `~` only alone or before a slash or backslash (against
/// `HOME`). The host states the file only when `logging.file` is set and
/// not blank.
fn skipped(view: &View) -> bool {
    view.str("logging.file")
        .map(js_trim)
        .and_then(|file| file.strip_prefix('~'))
        .is_some_and(|rest| !(rest.is_empty() || rest.starts_with('/') || rest.starts_with('\\')))
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if skipped(view) {
        return;
    }
    for log in inspect(view, "log-file") {
        if log.readable() {
            let detail = format!("The log file {}: {}.", log.subject(), log.who());
            out.push(
                META.finding(detail)
                    .with_remediation(log.fix())
                    .at("logging.file"),
            );
        }
    }
}
