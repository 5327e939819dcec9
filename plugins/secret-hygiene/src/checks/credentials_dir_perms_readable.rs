//! `fs.credentials_dir.perms_readable`: the credentials (OAuth) directory's
//! group or other users can read it (and no one but the owner can write to
//! it, which `fs.credentials_dir.perms_writable` reports instead).

use crate::perms::Rule;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.credentials_dir.perms_readable",
    severity: Severity::Warn,
    title: "Credentials directory is readable by other users",
    description: "The credentials directory keeps OAuth tokens and channel logins; other \
                  accounts can list it and read any file inside that is not private itself.",
    remediation: "Make the credentials directory private to its owner: `chmod 700` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "credentials-dir",
    what: "The credentials directory",
    at: None,
    exposed: |file| file.is_dir && !file.writable() && file.readable(),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
