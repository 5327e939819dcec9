//! `sandbox.tool_policy_risky_tools` (Pincer's own, from the security
//! baseline): the sandbox tool policy keeps the browser, the web tools, the
//! gateway's control tools and the channel tools away from sandboxed
//! sessions — globally and for every agent with its own policy.

use pincer_sdk::agents::roster;
use pincer_sdk::prelude::*;

use pincer_sdk::tools::{CHANNEL_TOOLS, ToolLayer};

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "sandbox.tool_policy_risky_tools",
    severity: Severity::Warn,
    title: "Sandbox tool policy lets risky tools in",
    description: "A sandbox confines where code runs, not what the tools it may call can do. \
                  The browser and web tools bring untrusted content in and carry data out, \
                  the gateway, automations and plugins tools reconfigure the gateway from \
                  inside the sandbox, and channel tools send messages as the operator. The \
                  baseline keeps them out of sandboxed sessions. A configured \
                  tools.sandbox.tools.deny replaces the default deny list rather than adding \
                  to it, which is how they usually get in.",
    remediation: "Add the listed tools (or group:web, group:ui, group:automation and the \
                  channel ids) to tools.sandbox.tools.deny, and keep allow lists to the tools \
                  the lane needs.",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

/// Tools a sandboxed lane should never reach: the browser and canvas, web
/// search and fetch, the gateway's control tools, and the channels.
fn risky_tools() -> impl Iterator<Item = &'static str> {
    [
        "browser",
        "canvas",
        "web_search",
        "web_fetch",
        "x_search",
        "gateway",
        "automations",
        "plugins",
        "openclaw",
    ]
    .into_iter()
    .chain(CHANNEL_TOOLS.iter().copied())
}

fn report(out: &mut Findings, policy: &ToolLayer, at: String) {
    let let_in: Vec<&str> = risky_tools().filter(|tool| policy.allows(tool)).collect();
    if !let_in.is_empty() {
        out.push(
            META.finding(format!(
                "{at} lets sandboxed sessions call {}.",
                let_in.join(", ")
            ))
            .at(at),
        );
    }
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    report(
        out,
        &ToolLayer::sandbox(view, None),
        "tools.sandbox.tools".to_owned(),
    );
    for agent in roster(view) {
        if agent.get("tools.sandbox.tools").is_some() {
            report(
                out,
                &ToolLayer::sandbox(view, Some(&agent)),
                format!("{}.tools.sandbox.tools", agent.path()),
            );
        }
    }
}
