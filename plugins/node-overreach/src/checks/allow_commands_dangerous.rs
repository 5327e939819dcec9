//! `gateway.nodes.allow_commands_dangerous`: `gateway.nodes.commands.allow`
//! opts paired nodes into commands the gateway otherwise withholds —
//! camera and screen capture, contact, calendar and reminder writes, SMS,
//! health data.

use crate::policy::{ALLOW_PATH, DANGEROUS, Lists, remotely_exposed};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.nodes.allow_commands_dangerous",
    severity: Severity::Warn,
    title: "Privacy-heavy node commands enabled for every paired node",
    description: "The gateway never invokes camera, screen-recording, contact, calendar, \
                  reminder, SMS or health commands on a node unless gateway.nodes.commands.allow \
                  names them. Once named, anyone holding gateway access can capture pictures and \
                  recordings or read and send personal data through any paired phone or desktop \
                  that offers them. Critical when the gateway binds beyond loopback or is \
                  shared through Tailscale Serve or Funnel, since more people can then reach it.",
    remediation: "Take these commands out of gateway.nodes.commands.allow, or name them in \
                  gateway.nodes.commands.deny. If a workflow needs one, keep the gateway on \
                  loopback or the tailnet and treat its credentials as full operator access.",
    references: &["https://docs.openclaw.ai/nodes/command-policy"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let lists = Lists::read(view);
    if lists.allow.is_empty() {
        return;
    }
    let enabled: Vec<&str> = DANGEROUS
        .iter()
        .copied()
        .filter(|command| lists.allows(command) && !lists.denies(command))
        .collect();
    if enabled.is_empty() {
        return;
    }
    let exposed = remotely_exposed(view);
    let severity = if exposed {
        Severity::Critical
    } else {
        Severity::Warn
    };
    let reach = if exposed {
        "the gateway is reachable beyond this host"
    } else {
        "the gateway stays on loopback"
    };
    let detail = format!(
        "gateway.nodes.commands.allow enables {} on paired nodes that offer them; {reach}.",
        enabled.join(", ")
    );
    out.push(META.finding(detail).with_severity(severity).at(ALLOW_PATH));
}
