//! `gateway.probe_failed`: under `--deep`, the live gateway did not answer
//! the handshake, refused its own configured credential, or was unhealthy.

use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.probe_failed",
    severity: Severity::Warn,
    title: "The live gateway did not pass the probe",
    description: "With --deep, Pincer dials the gateway on loopback at its configured port, \
                  offers the credential the config gives it and asks for its health. A gateway \
                  that is down, listening elsewhere, refusing that credential or unhealthy is \
                  not running the configuration this audit judged.",
    remediation: "Check that the gateway runs (`openclaw gateway status`), listens on the \
                  configured gateway.port, and accepts the configured token or password.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check (only when the probe ran).
pub fn run(view: &View, out: &mut Findings) {
    let Some(probe) = &view.gateway_state().probe else {
        return;
    };
    if !probe.ok {
        let why = probe.error.as_deref().unwrap_or("no answer");
        out.push(
            META.finding(format!("{}: {why}", probe.url))
                .at("gateway.port"),
        );
    }
}
