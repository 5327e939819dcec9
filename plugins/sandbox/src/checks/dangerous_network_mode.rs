//! `sandbox.dangerous_network_mode`: the sandbox shares the host's network
//! stack, or joins another container's, instead of a network of its own.

use pincer_sdk::prelude::*;

use crate::docker::blocks;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "sandbox.dangerous_network_mode",
    severity: Severity::Critical,
    title: "Sandbox shares the host's or another container's network",
    description: "With network \"host\" sandboxed code reaches every service bound to the host's \
                  loopback — the gateway itself, databases, cloud metadata — as if it ran \
                  outside the sandbox. \"container:<name>\" joins another container's namespace \
                  and inherits everything it can reach.",
    remediation: "Use network \"none\" (the default) or a dedicated bridge network with only the \
                  egress the lane needs.",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    for block in blocks(view) {
        let Some(network) = block.normalized("network") else {
            continue;
        };
        if network == "host" || network.starts_with("container:") {
            out.push(
                META.finding(format!("{}.network is `{network}`.", block.path))
                    .at(format!("{}.network", block.path)),
            );
        }
    }
}
