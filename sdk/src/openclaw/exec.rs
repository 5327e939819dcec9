//! Exec policy: the levels of `tools.exec` (security and ask, and
//! `mode` as shorthand for both), how one `tools.exec` object layers over
//! what it inherits, and the policy a lane really runs with — where its
//! commands execute (the sandbox or the host) and with what security and
//! ask, after the exec approvals' defaults (full and off on the host when
//! nothing is set), the global and the agent's `tools.exec`, and the
//! approvals' per-agent values (the stricter of config and approvals
//! wins). Shared by the runtime-escalation and drift plugins and the
//! host's history.

use crate::View;
use crate::agents::{Agent, default_sandbox_mode};
use crate::{AgentApprovals, ApprovalPolicy};
use serde_json::Value;

/// Exec security levels, weakest restriction last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Security {
    /// No exec.
    Deny,
    /// Only allow-listed commands.
    Allowlist,
    /// Anything.
    Full,
}

impl Security {
    /// The config spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Security::Deny => "deny",
            Security::Allowlist => "allowlist",
            Security::Full => "full",
        }
    }

    /// A `security` value; none for anything else.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "deny" => Some(Security::Deny),
            "allowlist" => Some(Security::Allowlist),
            "full" => Some(Security::Full),
            _ => None,
        }
    }

    /// The security a `mode` implies.
    pub fn of_mode(mode: &str) -> Option<Self> {
        match mode {
            "full" => Some(Security::Full),
            "deny" => Some(Security::Deny),
            "allowlist" | "ask" | "auto" => Some(Security::Allowlist),
            _ => None,
        }
    }
}

/// Ask levels, least asking first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ask {
    /// Never asks.
    Off,
    /// Asks for commands outside the allowlist.
    OnMiss,
    /// Asks every time.
    Always,
}

impl Ask {
    /// The config spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Ask::Off => "off",
            Ask::OnMiss => "on-miss",
            Ask::Always => "always",
        }
    }

    /// An `ask` value; none for anything else.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "off" => Some(Ask::Off),
            "on-miss" => Some(Ask::OnMiss),
            "always" => Some(Ask::Always),
            _ => None,
        }
    }

    /// The ask a `mode` implies.
    pub fn of_mode(mode: &str) -> Option<Self> {
        match mode {
            "full" | "deny" | "allowlist" => Some(Ask::Off),
            "ask" | "auto" => Some(Ask::OnMiss),
            _ => None,
        }
    }
}

/// A string setting of a `tools.exec` object.
pub fn exec_str<'a>(exec: Option<&'a Value>, key: &str) -> Option<&'a str> {
    exec?.get(key)?.as_str()
}

/// The security one `tools.exec` object sets over `inherited`: its mode
/// decides when given, else its own security, else the inherited one.
pub fn layered_security(exec: Option<&Value>, inherited: Security) -> Security {
    if let Some(mode) = exec_str(exec, "mode") {
        return Security::of_mode(mode).unwrap_or(inherited);
    }
    exec_str(exec, "security")
        .and_then(Security::parse)
        .unwrap_or(inherited)
}

/// The ask one `tools.exec` object sets over `inherited`.
pub fn layered_ask(exec: Option<&Value>, inherited: Ask) -> Ask {
    if let Some(mode) = exec_str(exec, "mode") {
        return Ask::of_mode(mode).unwrap_or(inherited);
    }
    exec_str(exec, "ask")
        .and_then(Ask::parse)
        .unwrap_or(inherited)
}

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
