//! `fs.config_include.perms_writable`: a file the config pulls in with
//! `$include` can be written by its group or other users (a symlinked
//! include is judged by its target).

use crate::perms::Rule;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.config_include.perms_writable",
    severity: Severity::Critical,
    title: "Included config file is writable by other users",
    description: "Settings in an `$include`d file are merged into the config. Anyone who can \
                  write one can change what the gateway does as surely as through openclaw.json.",
    remediation: "Make every included file private to its owner: `chmod 600` on it.",
    references: &["https://docs.openclaw.ai/gateway/configuration"],
};

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "config-include",
    what: "The included file",
    at: Some("$include"),
    exposed: |file| file.writable(),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
