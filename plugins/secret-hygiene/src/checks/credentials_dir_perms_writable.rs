//! `fs.credentials_dir.perms_writable`: the credentials (OAuth) directory,
//! `$OPENCLAW_OAUTH_DIR` or `STATE/credentials`, can be written by its
//! group or other users. Only a directory is judged (through a symlink: its
//! target); the files inside are not.

use crate::perms::Rule;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.credentials_dir.perms_writable",
    severity: Severity::Critical,
    title: "Credentials directory is writable by other users",
    description: "The credentials directory keeps OAuth tokens and channel logins. Anyone who \
                  can write to it can replace them with their own, or delete them.",
    remediation: "Make the credentials directory private to its owner: `chmod 700` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "credentials-dir",
    what: "The credentials directory",
    at: None,
    exposed: |file| file.is_dir && file.writable(),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
