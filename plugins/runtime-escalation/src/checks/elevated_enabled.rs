//! `tools.elevated.enabled` (Pincer's own, from the security baseline):
//! elevated tools — commands on the host, outside the sandbox, on a
//! sender's request — stay switched off. They are on unless
//! `tools.elevated.enabled` is false.

use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.elevated.enabled",
    severity: Severity::Warn,
    title: "Elevated tools are enabled",
    description: "Elevated mode lets an allowed sender move an agent's commands out of the \
                  sandbox onto the host. It is on by default; the baseline turns it off, so \
                  that no message, however trusted its sender looks, can lift the sandbox.",
    remediation: "Set tools.elevated.enabled to false; run host maintenance from an operator \
                  shell instead.",
    references: &["https://docs.openclaw.ai/tools/elevated"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    match view.bool("tools.elevated.enabled") {
        Some(false) => {}
        Some(true) => out.push(
            META.finding("tools.elevated.enabled is true.")
                .at("tools.elevated.enabled"),
        ),
        None => out.push(
            META.finding("tools.elevated.enabled is unset, and elevated tools are on by default.")
                .at("tools.elevated"),
        ),
    }
}
