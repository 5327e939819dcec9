//! `fs.config.perms_writable`: the config's group or other users can write
//! to it (through a symlink: its target's mode). Shadows the readable
//! checks.

use crate::perms::Rule;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.config.perms_writable",
    severity: Severity::Critical,
    title: "Config file is writable by other users",
    description: "The config decides who may reach the gateway, which tools run and where \
                  secrets come from. Anyone who can write it can turn authentication off or \
                  run commands as the gateway's user.",
    remediation: "Make the config private to its owner: `chmod 600` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "config",
    what: "The config",
    at: None,
    exposed: |file| file.writable(),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
