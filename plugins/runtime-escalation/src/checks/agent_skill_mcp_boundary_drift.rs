//! `tools.exec.agent_skill_mcp_boundary_drift`: agents that load skills can
//! run commands on the host, and MCP servers are configured — skills may
//! then reach MCP servers through exec (an MCP client on the command
//! line) beyond the tool policy that governs MCP tools.

use pincer_sdk::agents::{Agent, roster};
use pincer_sdk::prelude::*;

use pincer_sdk::exec::{Security, exec_policy};

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.exec.agent_skill_mcp_boundary_drift",
    severity: Severity::Warn,
    title: "Skills with host exec can reach MCP servers around the tool policy",
    description: "An agent that loads skills and may run host commands can start an MCP client \
                  from the shell and talk to the configured MCP servers directly, so the \
                  allow and deny rules for MCP tools no longer bound what it can do.",
    remediation: "Sandbox skill-loading agents (sandbox.mode \"all\"), deny them exec, or keep \
                  MCP servers away from the hosts those agents run on.",
    references: &["https://docs.openclaw.ai/tools/skills"],
};

/// The configured MCP servers that are not disabled.
fn mcp_servers(view: &View) -> Vec<String> {
    let mut servers = pincer_sdk::mcp::enabled_servers(view.get("mcp.servers"));
    servers.extend(view.gateway_state().mcporter_servers.iter().cloned());
    servers
}

fn host_capable(view: &View, agent: Option<&Agent<'_>>) -> bool {
    let policy = exec_policy(view, agent);
    !policy.in_sandbox && policy.security != Security::Deny
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let defaults_have_skills = view.get("agents.defaults.skills").is_some();
    let mut scopes = Vec::new();
    if defaults_have_skills && host_capable(view, None) {
        scopes.push("agents.defaults".to_owned());
    }
    for agent in roster(view) {
        let has_skills = defaults_have_skills || agent.config.contains_key("skills");
        if has_skills && host_capable(view, Some(&agent)) {
            scopes.push(agent.path());
        }
    }
    if scopes.is_empty() {
        return;
    }
    let servers = mcp_servers(view);
    if servers.is_empty() {
        return;
    }
    out.push(META.finding(format!(
        "Skill-loading lanes with host exec: {}; MCP servers: {}.",
        scopes.join(", "),
        servers.join(", ")
    )));
}
