//! `tools.exec.host_sandbox_no_sandbox_agents`: an agent routes its own
//! exec to the sandbox while its sandbox mode resolves to off.

use pincer_sdk::agents::roster;
use pincer_sdk::prelude::*;
use serde_json::Value;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.exec.host_sandbox_no_sandbox_agents",
    severity: Severity::Warn,
    title: "Agent routes exec to a sandbox that is off",
    description: "An agent's tools.exec.host = \"sandbox\" promises sandboxed commands, but the \
                  agent's sandbox mode (its own, else the defaults') is off, so nothing \
                  contains them.",
    remediation: "Give the agent sandbox.mode \"all\", or drop its host = \"sandbox\" setting so \
                  that the config does not claim containment it lacks.",
    references: &["https://docs.openclaw.ai/tools/exec"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let agents: Vec<String> = roster(view)
        .into_iter()
        .filter(|agent| {
            agent.get("tools.exec.host").and_then(Value::as_str) == Some("sandbox")
                && agent.sandbox_mode(view) == "off"
        })
        .map(|agent| agent.path())
        .collect();
    if let Some(first) = agents.first() {
        let at = format!("{first}.tools.exec.host");
        out.push(
            META.finding(format!(
                "Exec host \"sandbox\" with the sandbox off: {}.",
                agents.join(", ")
            ))
            .at(at),
        );
    }
}
