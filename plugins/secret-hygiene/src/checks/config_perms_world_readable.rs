//! `fs.config.perms_world_readable`: every local user can read the config
//! (and no one but the owner can write it, which `fs.config.perms_writable`
//! reports instead). Not reported for a symlinked config.

use crate::perms::{Exposure, Rule};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.config.perms_world_readable",
    severity: Severity::Critical,
    title: "Config file is readable by every local user",
    description: "The config can hold the gateway token or password, hook tokens and channel \
                  credentials; every account on the machine can read them.",
    remediation: "Make the config private to its owner: `chmod 600` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "config",
    what: "The config",
    at: None,
    exposed: |file| !file.is_symlink && file.exposure() == Some(Exposure::WorldReadable),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
