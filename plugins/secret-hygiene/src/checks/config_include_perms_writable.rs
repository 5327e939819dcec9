//! `fs.config_include.perms_writable`: a file the config pulls in with
//! `$include` can be written by its group or other users (a symlinked
//! include is judged by its target).

use crate::perms::inspect;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.config_include.perms_writable",
    severity: Severity::Critical,
    title: "Included config file is writable by other users",
    description: "Settings in an `$include`d file are merged into the config. Anyone who can \
                  write one can change what the gateway does as surely as through openclaw.json.",
    remediation: "Make every included file private to its owner: `chmod 600` on it.",
    references: &["https://docs.openclaw.ai/gateway/configuration"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    for include in inspect(view, "config-include") {
        if include.writable() {
            let detail = format!(
                "The included file {}: {}.",
                include.subject(),
                include.who()
            );
            out.push(
                META.finding(detail)
                    .with_remediation(include.fix())
                    .at("$include"),
            );
        }
    }
}
