//! `fs.state_dir.perms_readable`: the state directory's group or other
//! users can read it (and no one but the owner can write to it, which the
//! writable checks report instead).

use crate::perms::{Exposure, Rule};
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

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "state-dir",
    what: "The state directory",
    at: None,
    exposed: |file| {
        matches!(
            file.exposure(),
            Some(Exposure::WorldReadable | Exposure::GroupReadable)
        )
    },
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
