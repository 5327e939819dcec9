//! `fs.auth_profiles.perms_writable`: a file of an agent's auth-profile
//! store (`agents/<id>/agent/auth-profiles.json` and the
//! `openclaw-agent.sqlite` database with its `-wal`, `-shm` and `-journal`
//! files), for `main` and every configured agent, can be written by its
//! group or other users. Each file is judged on its own.

use crate::perms::Rule;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.auth_profiles.perms_writable",
    severity: Severity::Critical,
    title: "Agent auth-profile store is writable by other users",
    description: "The auth-profile store holds the model providers' API keys and OAuth tokens \
                  an agent uses. Anyone who can write it can swap in their own provider or \
                  key and read what the agent sends.",
    remediation: "Make every file of the store private to its owner: `chmod 600` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "agent-auth-store",
    what: "The auth-profile store file",
    at: None,
    exposed: |file| file.writable(),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
