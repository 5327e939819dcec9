//! `nodes.run_commands_unrestricted`: a paired node offers node-run
//! commands (`system.run` and kin) or privacy-heavy ones, and the
//! gateway's command policy would invoke them on it.
//!
//! "No allowlist restricts them" is meant as the gateway decides it: the
//! node's approved surface lists the command, and the gateway's allowlist
//! for that node admits it (see [`crate::policy::Lists::admits`]). On a
//! macOS, Linux or Windows node the pairing approval alone admits the
//! node-run commands; `gateway.nodes.commands.allow` only ever adds
//! commands, so the one config control left is an exact
//! `gateway.nodes.commands.deny` entry. Privacy-heavy commands count only
//! when `allow` enables them.

use crate::devices::device_label;
use crate::policy::{ALLOW_PATH, DANGEROUS, DENY_PATH, Lists, RUN, is_desktop};
use pincer_sdk::prelude::*;
use pincer_sdk::secret::js_trim;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "nodes.run_commands_unrestricted",
    severity: Severity::Critical,
    title: "Paired node runs commands on request, with no allowlist in the way",
    description: "A paired node's approved command surface includes system.run or another \
                  node-run command (system.run.prepare, system.execApprovals.set, \
                  agent.cli.claude.run.v1, mcp.tools.call.v1) and the gateway would invoke it: \
                  on a desktop node the pairing approval alone admits these commands, \
                  gateway.nodes.commands.allow can only add commands, and nothing in \
                  gateway.nodes.commands.deny withholds them. Whoever drives the gateway — an \
                  agent steered by a message, an operator client, a stolen token — can run \
                  programs on that machine, so this is critical. Warn when the node offers only \
                  privacy-heavy commands (camera, screen recording, SMS, contacts, health) that \
                  gateway.nodes.commands.allow enables.",
    remediation: "Add each node-run command the node does not need to \
                  gateway.nodes.commands.deny by its exact name, and remove privacy-heavy \
                  commands from gateway.nodes.commands.allow. For a node that must run \
                  commands, keep its exec approvals in allowlist mode so only listed binaries \
                  run, and remove nodes you no longer use (openclaw devices remove).",
    references: &[
        "https://docs.openclaw.ai/nodes/command-policy",
        "https://docs.openclaw.ai/nodes/node-host",
    ],
};

/// Evaluates the check, one finding per node.
pub fn run(view: &View, out: &mut Findings) {
    let lists = Lists::read(view);
    for device in view.paired_devices() {
        let Some(surface) = &device.node else {
            continue;
        };
        let offered: Vec<&str> = surface
            .commands
            .iter()
            .map(|command| js_trim(command))
            .filter(|command| !command.is_empty())
            .collect();
        let desktop = is_desktop(device.platform.as_deref());
        let invocable = |family: &[&'static str]| -> Vec<&'static str> {
            family
                .iter()
                .copied()
                .filter(|command| offered.contains(command) && lists.admits(command, desktop))
                .collect()
        };
        let runs = invocable(RUN);
        let privacy = invocable(DANGEROUS);
        if runs.is_empty() && privacy.is_empty() {
            continue;
        }
        let platform = device
            .platform
            .as_deref()
            .map(js_trim)
            .filter(|p| !p.is_empty())
            .unwrap_or("unknown platform");
        let mut parts = Vec::new();
        if !runs.is_empty() {
            let why = if desktop {
                "its pairing approved them and gateway.nodes.commands.deny does not name them"
            } else {
                "gateway.nodes.commands.allow names them and gateway.nodes.commands.deny does not"
            };
            parts.push(format!("runs {} on request ({why})", runs.join(", ")));
        }
        if !privacy.is_empty() {
            parts.push(format!(
                "answers {} (enabled by gateway.nodes.commands.allow)",
                privacy.join(", ")
            ));
        }
        let detail = format!(
            "Paired node {} on {platform} {}.",
            device_label(device),
            parts.join("; it also ")
        );
        let severity = if runs.is_empty() {
            Severity::Warn
        } else {
            Severity::Critical
        };
        out.push(
            META.finding(detail)
                .with_severity(severity)
                .at(DENY_PATH)
                .at(ALLOW_PATH),
        );
    }
}
