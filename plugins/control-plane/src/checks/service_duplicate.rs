//! `gateway.service_duplicate` (Pincer's own, from the security baseline):
//! more than one service definition on this machine starts an OpenClaw
//! gateway (systemd units, launchd agents or daemons, current or legacy).

use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.service_duplicate",
    severity: Severity::Warn,
    title: "More than one gateway service is installed",
    description: "Several systemd units or launchd jobs start an OpenClaw gateway (for example \
                  a user unit beside a system unit, or a leftover legacy clawdbot unit). Two \
                  gateways fight over the port and the state database, restart each other in \
                  loops, and the one you hardened may not be the one that answers. The \
                  baseline runs one gateway instance only.",
    remediation: "Keep one definition: inspect each with `systemctl --user cat UNIT` (or \
                  `launchctl print`), then disable and remove the extra ones (systemctl \
                  --user disable --now UNIT; rm the file), or run `openclaw doctor` to clean up \
                  legacy services.",
    references: &["https://docs.openclaw.ai/gateway/troubleshooting"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let services: Vec<&str> = view
        .file_facts()
        .iter()
        .filter(|fact| fact.role == "gateway-service")
        .map(|fact| fact.path.as_str())
        .collect();
    if services.len() < 2 {
        return;
    }
    let detail = format!(
        "{} gateway service definitions are installed: {}.",
        services.len(),
        services.join(", ")
    );
    out.push(META.finding(detail));
}
