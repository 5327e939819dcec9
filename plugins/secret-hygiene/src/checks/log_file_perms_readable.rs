//! `fs.log_file.perms_readable`: the group or other users can read the log
//! file named by `logging.file` (through a symlink: its target). Nothing is
//! inspected when `logging.file` is unset, and a `~user/...` path is
//! skipped, as in the reference. Write bits are not judged here.

use crate::perms::Rule;
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

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "log-file",
    what: "The log file",
    at: Some("logging.file"),
    exposed: |file| file.readable(),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if skipped(view) {
        return;
    }
    RULE.report(&META, view, out);
}
