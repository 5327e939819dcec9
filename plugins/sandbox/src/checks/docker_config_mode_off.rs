//! `sandbox.docker_config_mode_off`: Docker sandbox settings are written
//! down but no lane they belong to runs sandboxed, so they do nothing — the
//! operator believes in a sandbox that is not there.

use pincer_sdk::agents::{default_sandbox_mode, roster};
use pincer_sdk::prelude::*;

use crate::docker::blocks;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "sandbox.docker_config_mode_off",
    severity: Severity::Warn,
    title: "Docker sandbox settings configured while the sandbox is off",
    description: "A sandbox.docker block only applies to sessions that run sandboxed. Where the \
                  sandbox mode that governs it resolves to off (the default), its image, network, \
                  mounts and limits are never used and every tool runs on the host.",
    remediation: "Set the governing sandbox.mode to \"all\" (or at least \"non-main\"), or delete \
                  the unused docker block so that the config says what really happens.",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let agents = roster(view);
    let any_agent_sandboxed = agents.iter().any(|a| a.sandbox_mode(view) != "off");
    let mut idle = Vec::new();
    for block in blocks(view).iter().filter(|block| block.is_configured()) {
        let governed_off = match &block.agent {
            None => default_sandbox_mode(view) == "off" && !any_agent_sandboxed,
            Some(agent) => agent.sandbox_mode(view) == "off",
        };
        if governed_off {
            idle.push(block.path.clone());
        }
    }
    let Some(first) = idle.first().cloned() else {
        return;
    };
    out.push(
        META.finding(format!(
            "Docker settings with the sandbox off: {}.",
            idle.join(", ")
        ))
        .at(first),
    );
}
