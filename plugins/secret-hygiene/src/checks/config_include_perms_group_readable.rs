//! `fs.config_include.perms_group_readable`: the group of a file the config
//! pulls in with `$include` can read it (only the group, and no one but the
//! owner can write it).

use crate::perms::{Exposure, inspect};
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

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    for include in inspect(view, "config-include") {
        if include.exposure() == Some(Exposure::GroupReadable) {
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
