//! The exec policy a lane really runs with: where commands execute (the
//! sandbox or the host) and with what security and ask, after the exec
//! approvals' defaults (full and off on the host when nothing is set), the
//! global and the agent's `tools.exec`, and the approvals' per-agent
//! values (the stricter of config and approvals wins).

use pincer_sdk::View;
use pincer_sdk::agents::{Agent, default_sandbox_mode};
use pincer_sdk::{AgentApprovals, ApprovalPolicy};
use serde_json::Value;

use crate::exec_policy::{Ask, Security, layered_ask, layered_security};

/// A lane's effective exec policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExecPolicy {
    /// Commands run in the sandbox rather than on a host.
    pub in_sandbox: bool,
    /// Effective security.
    pub security: Security,
    /// Effective ask.
    pub ask: Ask,
}

fn approvals_agent<'a>(view: &'a View, id: Option<&str>) -> Option<&'a AgentApprovals> {
    let approvals = view.gateway_state().exec_approvals.as_ref()?;
    let by_id = |wanted: &str| {
        approvals.agents.iter().find(|agent| {
            agent.agent_id == wanted || (wanted == "main" && agent.agent_id == "default")
        })
    };
    id.and_then(by_id).or_else(|| by_id("*"))
}

fn approval_defaults(view: &View) -> ApprovalPolicy {
    view.gateway_state()
        .exec_approvals
        .as_ref()
        .map(|approvals| approvals.defaults.clone())
        .unwrap_or_default()
}

/// The effective exec policy of `agent`'s lane (none: the defaults).
pub fn exec_policy(view: &View, agent: Option<&Agent<'_>>) -> ExecPolicy {
    let own_exec = agent.and_then(|a| a.get("tools.exec"));
    let global_exec = view.get("tools.exec");
    let host = own_exec
        .and_then(|e| e.get("host"))
        .and_then(Value::as_str)
        .or_else(|| view.str("tools.exec.host"))
        .unwrap_or("auto");
    let mode = agent.map_or_else(|| default_sandbox_mode(view), |a| a.sandbox_mode(view));
    let in_sandbox = match host {
        "auto" => mode != "off",
        other => other == "sandbox",
    };
    let defaults = approval_defaults(view);
    let base_security = defaults
        .security
        .as_deref()
        .and_then(Security::parse)
        .unwrap_or(Security::Full);
    let base_ask = defaults
        .ask
        .as_deref()
        .and_then(Ask::parse)
        .unwrap_or(Ask::Off);
    let mut security = layered_security(own_exec, layered_security(global_exec, base_security));
    let mut ask = layered_ask(own_exec, layered_ask(global_exec, base_ask));
    if let Some(approved) = approvals_agent(view, Some(agent.map_or("main", |a| a.id))) {
        if let Some(s) = approved
            .policy
            .security
            .as_deref()
            .and_then(Security::parse)
        {
            security = security.min(s);
        }
        if let Some(a) = approved.policy.ask.as_deref().and_then(Ask::parse) {
            ask = ask.max(a);
        }
    }
    ExecPolicy {
        in_sandbox,
        security,
        ask,
    }
}
