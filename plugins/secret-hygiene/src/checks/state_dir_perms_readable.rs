//! `fs.state_dir.perms_readable`: the state directory's group or other
//! users can read it (and no one but the owner can write to it, which the
//! writable checks report instead).

use crate::perms::{Exposure, inspect};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.state_dir.perms_readable",
    severity: Severity::Warn,
    title: "State directory is readable by other users",
    description: "A readable state directory lets other accounts list it and read whatever \
                  inside is not locked down on its own: session stores, transcripts, logs.",
    remediation: "Make the state directory private to its owner: `chmod 700` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    for dir in inspect(view, "state-dir") {
        if matches!(
            dir.exposure(),
            Some(Exposure::WorldReadable | Exposure::GroupReadable)
        ) {
            let detail = format!("The state directory {}: {}.", dir.subject(), dir.who());
            out.push(META.finding(detail).with_remediation(dir.fix()));
        }
    }
}
