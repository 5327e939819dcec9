//! `fs.sessions_store.perms_readable`: the group or other users can read an
//! agent's session store (`agents/<id>/sessions/sessions.json`), for `main`
//! and every configured agent. Read access alone decides: write bits are
//! not judged here, and whatever kind of file is there is judged.

use crate::perms::Rule;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.sessions_store.perms_readable",
    severity: Severity::Warn,
    title: "Session store is readable by other users",
    description: "The session store maps conversations to senders and channels and points at \
                  the transcripts; other accounts can read who talks to the agent.",
    remediation: "Make the session store private to its owner: `chmod 600` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "sessions-store",
    what: "The session store",
    at: None,
    exposed: |file| file.readable(),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
