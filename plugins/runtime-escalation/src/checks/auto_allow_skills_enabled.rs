//! `tools.exec.auto_allow_skills_enabled`: the exec approvals let every
//! installed skill's binaries run without asking.

use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.exec.auto_allow_skills_enabled",
    severity: Severity::Warn,
    title: "Exec approvals auto-allow skill binaries",
    description: "With autoAllowSkills the binaries that installed skills declare run without an \
                  approval prompt. Installing (or tampering with) a skill then silently widens \
                  what agents may execute.",
    remediation: "Set autoAllowSkills to false in the exec approvals (openclaw approvals) and \
                  allow-list the few skill binaries you rely on explicitly.",
    references: &["https://docs.openclaw.ai/tools/exec-approvals"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let Some(approvals) = &view.gateway_state().exec_approvals else {
        return;
    };
    let mut scopes = Vec::new();
    if approvals.defaults.auto_allow_skills == Some(true) {
        scopes.push("defaults".to_owned());
    }
    for agent in &approvals.agents {
        if agent.policy.auto_allow_skills == Some(true) {
            let id = if agent.agent_id == "default" {
                "main"
            } else {
                &agent.agent_id
            };
            scopes.push(format!("agents.{id}"));
        }
    }
    if !scopes.is_empty() {
        out.push(META.finding(format!(
            "autoAllowSkills is on in the exec approvals for: {}.",
            scopes.join(", ")
        )));
    }
}
