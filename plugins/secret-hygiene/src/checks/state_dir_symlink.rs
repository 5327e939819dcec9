//! `fs.state_dir.symlink`: the state directory is a symlink. Reported on
//! its own; the permission checks still judge the directory it points to.

use crate::perms::{inspect, shell_quote};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.state_dir.symlink",
    severity: Severity::Warn,
    title: "State directory is a symlink",
    description: "Whoever can change the link, or the directories on its way, can swap the \
                  gateway's whole state (credentials, sessions, transcripts) for another \
                  directory. The audit reports the link by name and judges its target's mode.",
    remediation: "Point OPENCLAW_STATE_DIR at the real directory instead of a link, or replace \
                  the link with the directory itself.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    for dir in inspect(view, "state-dir")
        .into_iter()
        .filter(|d| d.is_symlink)
    {
        let target = if dir.dangling {
            "a target that does not exist".to_owned()
        } else {
            format!("a target of mode {}", dir.mode())
        };
        let detail = format!("The state directory {} is a symlink to {target}.", dir.path);
        let fix = format!(
            "Set OPENCLAW_STATE_DIR to the real directory (`readlink -f {}` prints it), or \
             replace the link with the directory itself.",
            shell_quote(&dir.path)
        );
        out.push(META.finding(detail).with_remediation(fix));
    }
}
