//! `fs.auth_profiles.perms_readable`: the group or other users can read a
//! file of an agent's auth-profile store (and no one but the owner can
//! write it, which `fs.auth_profiles.perms_writable` reports instead).

use crate::perms::Rule;
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

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "agent-auth-store",
    what: "The auth-profile store file",
    at: None,
    exposed: |file| !file.writable() && file.readable(),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
