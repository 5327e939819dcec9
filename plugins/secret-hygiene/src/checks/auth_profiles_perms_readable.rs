//! `fs.auth_profiles.perms_readable`: the group or other users can read a
//! file of an agent's auth-profile store (and no one but the owner can
//! write it, which `fs.auth_profiles.perms_writable` reports instead).

use crate::perms::inspect;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.auth_profiles.perms_readable",
    severity: Severity::Warn,
    title: "Agent auth-profile store is readable by other users",
    description: "The auth-profile store holds the model providers' API keys and OAuth tokens \
                  an agent uses; other accounts can read them from this file.",
    remediation: "Make every file of the store private to its owner: `chmod 600` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    for file in inspect(view, "agent-auth-store") {
        if !file.writable() && file.readable() {
            let detail = format!(
                "The auth-profile store file {}: {}.",
                file.subject(),
                file.who()
            );
            out.push(META.finding(detail).with_remediation(file.fix()));
        }
    }
}
