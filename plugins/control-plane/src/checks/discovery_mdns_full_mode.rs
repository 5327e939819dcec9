//! `discovery.mdns_full_mode`: the gateway's mDNS announcement carries the
//! CLI path and SSH port.

use crate::gateway_auth::report_by_bind;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "discovery.mdns_full_mode",
    severity: Severity::Warn,
    title: "mDNS announces host details to the local network",
    description: "discovery.mdns.mode \"full\" puts the CLI path and SSH port in the gateway's \
                  Bonjour TXT records, telling everyone on the network the user name, directory \
                  layout and management port. Critical when the gateway binds beyond loopback.",
    remediation: "Set discovery.mdns.mode to \"minimal\" (the default) or \"off\".",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if view.str("discovery.mdns.mode") != Some("full") {
        return;
    }
    report_by_bind(
        view,
        out,
        &META,
        "discovery.mdns.mode is \"full\"",
        "discovery.mdns.mode",
    );
}
