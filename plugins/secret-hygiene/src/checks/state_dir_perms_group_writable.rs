//! `fs.state_dir.perms_group_writable`: the state directory's group can
//! write to it (mode `g+w`, not `o+w`).

use crate::perms::{Exposure, inspect};
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

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    for dir in inspect(view, "state-dir") {
        if dir.exposure() == Some(Exposure::GroupWritable) {
            let detail = format!("The state directory {}: {}.", dir.subject(), dir.who());
            out.push(META.finding(detail).with_remediation(dir.fix()));
        }
    }
}
