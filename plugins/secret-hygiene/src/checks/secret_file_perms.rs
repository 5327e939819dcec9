//! `fs.secret_file.perms_open` (Pincer's own, from the security baseline):
//! a secret-bearing file that the reference does not state is not
//! owner-only: a file in the credentials directory, the state directory's
//! `.env`, a file secret provider's file, or a credential-looking file in an
//! agent workspace. Through a symlink, its target's mode counts. A file
//! secret provider's path is itself redacted (every string under `secrets`
//! is), so its fact names the config key instead of the path.

use crate::perms::inspect;
use pincer_sdk::prelude::*;

/// The roles of the secret-bearing files the host states for this check,
/// with how a finding names each.
const ROLES: &[(&str, &str)] = &[
    ("credential-file", "Credentials file"),
    ("state-env-file", "The state directory's .env file"),
    ("secret-file", "File secret provider's file"),
    (
        "workspace-credential",
        "Credential file in an agent workspace",
    ),
];

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.secret_file.perms_open",
    severity: Severity::Warn,
    title: "Secret-bearing file is not owner-only",
    description: "A file that holds credentials (one in the credentials directory, the state \
                  directory's .env, the file behind a file secret provider, or a \
                  credential-looking file in an agent workspace) grants its group or other \
                  local users access. The baseline keeps every secret-bearing file at mode 600. \
                  Critical when every local user can read it or anyone but the owner can \
                  change it.",
    remediation: "Make the file private to its owner: `chmod 600` on it.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check, one finding per file.
pub fn run(view: &View, out: &mut Findings) {
    for (role, label) in ROLES {
        for file in inspect(view, role) {
            if file.is_dir || !(file.readable() || file.writable()) {
                continue;
            }
            let severity = if file.world_readable() || file.writable() {
                Severity::Critical
            } else {
                Severity::Warn
            };
            let detail = format!("{label} {}: {}.", file.subject(), file.who());
            let remediation = if *role == "secret-file" {
                format!(
                    "Run `chmod 600` on the file that {} names (chmod follows a symlink to \
                     its target).",
                    file.path
                )
            } else {
                file.fix()
            };
            out.push(
                META.finding(detail)
                    .with_severity(severity)
                    .with_remediation(remediation),
            );
        }
    }
}
