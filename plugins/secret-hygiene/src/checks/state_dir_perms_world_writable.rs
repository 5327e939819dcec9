//! `fs.state_dir.perms_world_writable`: every local user can write to the
//! state directory (mode `o+w`).

use crate::perms::{Exposure, Rule};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.state_dir.perms_world_writable",
    severity: Severity::Critical,
    title: "State directory is writable by every local user",
    description: "Any account on the machine can replace the config, credentials, auth \
                  profiles and session stores the gateway trusts, or plant files it will load.",
    remediation: "Make the state directory private to its owner: `chmod 700` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "state-dir",
    what: "The state directory",
    at: None,
    exposed: |file| file.exposure() == Some(Exposure::WorldWritable),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
