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

/// `gatewayPort`.
pub const GATEWAY_PORT: ParamMeta = ParamMeta::optional_integer_in(
    "gatewayPort",
    1..=65535,
    "no port policy: gateway.port_policy stays silent",
    "The port every gateway must listen on (the seed baseline uses 19001).",
);

/// `tokenMaxAgeDays`.
pub const TOKEN_MAX_AGE_DAYS: ParamMeta = ParamMeta::integer_in(
    "tokenMaxAgeDays",
    1..=3650,
    90,
    "The oldest a gateway token written in the config may be.",
);

/// The parameters a rule pack may set.
pub const PARAMS: &[ParamMeta] = &[GATEWAY_PORT, TOKEN_MAX_AGE_DAYS];

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
