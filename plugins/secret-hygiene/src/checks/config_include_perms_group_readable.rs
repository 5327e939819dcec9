//! `fs.config_include.perms_group_readable`: the group of a file the config
//! pulls in with `$include` can read it (only the group, and no one but the
//! owner can write it).

use crate::perms::{Exposure, Rule};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.config_include.perms_group_readable",
    severity: Severity::Warn,
    title: "Included config file is readable by its group",
    description: "An `$include`d file is part of the config and can hold the same secrets; \
                  every member of its group can read this one.",
    remediation: "Make every included file private to its owner: `chmod 600` on it.",
    references: &["https://docs.openclaw.ai/gateway/configuration"],
};

/// The paths it looks at and when one is open.
const RULE: Rule = Rule {
    role: "config-include",
    what: "The included file",
    at: Some("$include"),
    exposed: |file| file.exposure() == Some(Exposure::GroupReadable),
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    RULE.report(&META, view, out);
}
