//! `config.insecure_or_dangerous_flags`: one finding for each setting
//! whose name says it trades safety for convenience, or that lifts a
//! workspace confinement (see `crate::flags`).

use pincer_sdk::prelude::*;

use crate::flags::enabled;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "config.insecure_or_dangerous_flags",
    severity: Severity::Warn,
    title: "Insecure or dangerous setting enabled",
    description: "Settings named dangerously*, allowUnsafe*, the request session-key override, \
                  private-network access for the browser, workspaceOnly=false for file tools or \
                  apply_patch, audit suppressions, and the risky switches of bundled plugins \
                  each remove a safeguard. Each may be deliberate; each should be.",
    remediation: "Turn the setting back to its safe value, or keep it and record why (a \
                  pincer.toml suppression with a reason and an expiry).",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    for flag in enabled(view) {
        out.push(
            META.finding(format!("{} is {}.", flag.path, flag.value))
                .at(flag.path),
        );
    }
}
