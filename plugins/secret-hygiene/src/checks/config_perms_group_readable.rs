//! `fs.config.perms_group_readable`: the config's group can read it (and
//! neither others can read it nor anyone but the owner write it, which
//! other checks report). Not reported for a symlinked config.

use crate::perms::{Exposure, Rule};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.config.perms_group_readable",
    severity: Severity::Warn,
    title: "Config file is readable by its group",
    description: "The config can hold the gateway token or password and channel credentials; \
                  every member of the file's group can read them.",
    remediation: "Make the config private to its owner: `chmod 600` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "config",
    what: "The config",
    at: None,
    exposed: |file| !file.is_symlink && file.exposure() == Some(Exposure::GroupReadable),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
