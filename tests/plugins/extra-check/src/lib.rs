//! Test plugin loaded with `--plugin`: an organisation rule that the gateway
//! must listen on port 19001 (the seed's port).

use pincer_sdk::prelude::*;

/// The gateway port differs from the organisation's.
pub static PORT_POLICY: CheckMeta = CheckMeta {
    id: "acme.gateway_port",
    severity: Severity::Warn,
    title: "Gateway port differs from the organisation's",
    description: "Acme runs every gateway on port 19001.",
    remediation: "Set gateway.port to 19001.",
    references: &[],
};

fn port_policy(view: &View, out: &mut Findings) {
    let port = view.get("gateway.port").and_then(serde_json::Value::as_u64);
    if port != Some(19001) {
        let shown = port.map_or_else(|| "unset".to_owned(), |p| p.to_string());
        out.push(
            PORT_POLICY
                .finding(format!("gateway.port is {shown}"))
                .at("gateway.port"),
        );
    }
}

/// The plugin.
pub struct ExtraCheck;

impl Plugin for ExtraCheck {
    const META: PluginMeta = PluginMeta {
        name: "acme-extra",
        version: "1.0.0",
        description: "An organisation's extra gateway rule.",
        category: "control-plane",
        checks: pincer_sdk::checks![PORT_POLICY => port_policy],
        params: &[],
    };
}

pincer_sdk::export_plugin!(ExtraCheck);
