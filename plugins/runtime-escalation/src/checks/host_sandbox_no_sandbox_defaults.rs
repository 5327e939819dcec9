//! `tools.exec.host_sandbox_no_sandbox_defaults`: exec is meant to run in
//! the sandbox (`tools.exec.host` = `sandbox`) but the default sandbox mode
//! is off, so there is no sandbox to run it in.

use pincer_sdk::agents::default_sandbox_mode;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.exec.host_sandbox_no_sandbox_defaults",
    severity: Severity::Warn,
    title: "Exec routed to a sandbox that is off",
    description: "tools.exec.host = \"sandbox\" states that commands run inside the sandbox, \
                  but with agents.defaults.sandbox.mode off (the default) no sandbox exists. \
                  The setting reads as containment that the gateway does not provide.",
    remediation: "Set agents.defaults.sandbox.mode to \"all\" (or \"non-main\"), or stop relying \
                  on tools.exec.host = \"sandbox\" for containment.",
    references: &["https://docs.openclaw.ai/tools/exec"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if view.str("tools.exec.host") == Some("sandbox") && default_sandbox_mode(view) == "off" {
        out.push(
            META.finding("tools.exec.host is \"sandbox\" while the default sandbox mode is off.")
                .at("tools.exec.host"),
        );
    }
}
