//! `tools.exec.allowlist_interpreter_without_strict_inline_eval`: an exec
//! allowlist admits an interpreter (python, node, awk, xargs, ...) while
//! inline code (`python -c`, `node -e`) is not held to strict approval —
//! which admits every program.

use pincer_sdk::agents::roster;
use pincer_sdk::prelude::*;
use serde_json::Value;

use crate::bins::allowlist_pattern_is_interpreter;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.exec.allowlist_interpreter_without_strict_inline_eval",
    severity: Severity::Warn,
    title: "Allow-listed interpreter runs inline code unchecked",
    description: "An allowlist entry for an interpreter approves the binary, not what it runs: \
                  `python3 -c ...` or `node -e ...` executes any code given on the command \
                  line. Unless tools.exec.strictInlineEval is on for that agent, the allowlist \
                  no longer limits anything.",
    remediation: "Set tools.exec.strictInlineEval to true (globally or for the agent), or \
                  remove interpreters from the exec allowlist.",
    references: &["https://docs.openclaw.ai/tools/exec-approvals"],
};

fn strict_inline_eval(view: &View, approvals_agent: &str) -> bool {
    let global = view.bool("tools.exec.strictInlineEval");
    if approvals_agent == "*" || approvals_agent.is_empty() {
        return global == Some(true);
    }
    roster(view)
        .into_iter()
        .find(|agent| agent.id == approvals_agent)
        .and_then(|agent| {
            agent
                .get("tools.exec.strictInlineEval")
                .and_then(Value::as_bool)
        })
        .or(global)
        == Some(true)
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let Some(approvals) = &view.gateway_state().exec_approvals else {
        return;
    };
    let mut hits = Vec::new();
    for agent in &approvals.agents {
        if strict_inline_eval(view, &agent.agent_id) {
            continue;
        }
        for entry in &agent.allowlist {
            if allowlist_pattern_is_interpreter(&entry.pattern) {
                hits.push(format!("{} ({})", entry.pattern, agent.agent_id));
            }
        }
    }
    if !hits.is_empty() {
        out.push(
            META.finding(format!(
                "Interpreters allow-listed without strict inline eval: {}.",
                hits.join(", ")
            ))
            .at("tools.exec.strictInlineEval"),
        );
    }
}
