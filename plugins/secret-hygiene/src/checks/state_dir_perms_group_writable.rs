//! `fs.state_dir.perms_group_writable`: the state directory's group can
//! write to it (mode `g+w`, not `o+w`).

use crate::perms::{Exposure, Rule};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.state_dir.perms_group_writable",
    severity: Severity::Warn,
    title: "State directory is writable by its group",
    description: "Every member of the directory's group can replace the config, credentials \
                  and session stores the gateway trusts.",
    remediation: "Make the state directory private to its owner: `chmod 700` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "state-dir",
    what: "The state directory",
    at: None,
    exposed: |file| file.exposure() == Some(Exposure::GroupWritable),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
