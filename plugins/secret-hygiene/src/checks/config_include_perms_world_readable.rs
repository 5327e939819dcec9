//! `fs.config_include.perms_world_readable`: every local user can read a
//! file the config pulls in with `$include` (and no one but the owner can
//! write it, which `fs.config_include.perms_writable` reports instead).

use crate::perms::{Exposure, Rule};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.config_include.perms_world_readable",
    severity: Severity::Critical,
    title: "Included config file is readable by every local user",
    description: "An `$include`d file is part of the config and can hold the same secrets; \
                  every account on the machine can read this one.",
    remediation: "Make every included file private to its owner: `chmod 600` on it.",
    references: &["https://docs.openclaw.ai/gateway/configuration"],
};

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "config-include",
    what: "The included file",
    at: Some("$include"),
    exposed: |file| file.exposure() == Some(Exposure::WorldReadable),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
