//! `fs.config.perms_group_readable`: the config's group can read it (and
//! neither others can read it nor anyone but the owner write it, which
//! other checks report). Not reported for a symlinked config.

use crate::perms::{Exposure, inspect};
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

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    for config in inspect(view, "config") {
        if !config.is_symlink && config.exposure() == Some(Exposure::GroupReadable) {
            let detail = format!("The config {}: {}.", config.subject(), config.who());
            out.push(META.finding(detail).with_remediation(config.fix()));
        }
    }
}
