//! `fs.workspace.credential_file` (Pincer's own, from the security
//! baseline): a credential-looking file (`.env`, a private key, a
//! certificate bundle, an auth-profile or credentials file) lies inside an
//! agent workspace, where the agent's file tools, its git history and
//! anything that syncs or publishes the workspace can reach it.

use pincer_sdk::FileKind;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.workspace.credential_file",
    severity: Severity::Warn,
    title: "Credential file inside an agent workspace",
    description: "A file that looks like it holds credentials (.env, *.pem, *.key, *.p12, an \
                  SSH private key, auth-profiles.json, credentials.json, .netrc) sits in an \
                  agent workspace. The agent reads and writes the workspace with its file \
                  tools, so a prompt-injected agent can quote it into a chat; workspaces are \
                  also committed, synced and shared. The baseline keeps credentials outside \
                  workspace repos. The host walks each workspace six levels deep, skipping \
                  .git and dependency folders, and reads names only.",
    remediation: "Move the file out of the workspace (for example into ~/.openclaw/credentials \
                  with `chmod 600`) and point the tool at it through an environment variable or \
                  a secret reference; if it was ever committed, rotate what it holds.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check, one finding per file.
pub fn run(view: &View, out: &mut Findings) {
    for fact in view.file_facts() {
        if fact.role == "workspace-credential" && fact.kind == FileKind::File {
            let detail = format!("{} lies inside an agent workspace.", fact.path);
            out.push(META.finding(detail));
        }
    }
}
