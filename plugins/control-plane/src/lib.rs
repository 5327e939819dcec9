//! Built-in plugin `control-plane`: who can reach the gateway and how they
//! authenticate — bind, auth mode and credentials, trusted proxies,
//! Tailscale exposure, the Control UI, the HTTP APIs and mDNS discovery.
//! Check ids and severity rules match `openclaw security audit`; Pincer's
//! own checks from the security baseline add loopback-only binding, a
//! required port, precise trusted proxies, one gateway service and token
//! age. Parameters: `gatewayPort`, `tokenMaxAgeDays`.

pub mod checks;
pub mod gateway_auth;
pub mod js;

use pincer_sdk::prelude::*;

/// The parameters a rule pack may set.
pub const PARAMS: &[ParamMeta] = &[
    ParamMeta {
        name: "gatewayPort",
        kind: ParamKind::Integer { min: 1, max: 65535 },
        default: "no port policy: gateway.port_policy stays silent",
        description: "The port every gateway must listen on (the seed baseline uses 19001).",
    },
    ParamMeta {
        name: "tokenMaxAgeDays",
        kind: ParamKind::Integer { min: 1, max: 3650 },
        default: "90",
        description: "The oldest a gateway token written in the config may be.",
    },
];

/// The plugin.
pub struct ControlPlane;

impl Plugin for ControlPlane {
    const META: PluginMeta = PluginMeta {
        name: "control-plane",
        version: env!("CARGO_PKG_VERSION"),
        description: "Gateway exposure and authentication: bind, auth mode, tokens and passwords, \
                      trusted proxies, Tailscale, the Control UI and its origins, the HTTP APIs, \
                      mDNS discovery; the baseline's loopback bind, port, precise trusted \
                      proxies, single gateway service and token age.",
        category: "control-plane",
        checks: checks::ALL,
        params: PARAMS,
    };
}

pincer_sdk::export_plugin!(ControlPlane);

#[cfg(test)]
mod tests;
