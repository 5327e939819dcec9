//! Built-in plugin `control-plane`: who can reach the gateway and how they
//! authenticate — bind, auth mode and credentials, trusted proxies,
//! Tailscale exposure, the Control UI, the HTTP APIs and mDNS discovery.
//! Check ids and severity rules match `openclaw security audit`.

pub mod checks;
pub mod gateway_auth;
pub mod js;

use pincer_sdk::prelude::*;

/// The plugin.
pub struct ControlPlane;

impl Plugin for ControlPlane {
    const META: PluginMeta = PluginMeta {
        name: "control-plane",
        version: env!("CARGO_PKG_VERSION"),
        description: "Gateway exposure and authentication: bind, auth mode, tokens and passwords, \
                      trusted proxies, Tailscale, the Control UI and its origins, the HTTP APIs, \
                      mDNS discovery.",
        category: "control-plane",
        checks: checks::ALL,
    };
}

pincer_sdk::export_plugin!(ControlPlane);

#[cfg(test)]
mod tests;
