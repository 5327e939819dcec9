//! Built-in plugin `control-plane`: who can reach the gateway and how they
//! authenticate — bind, auth mode and credentials, Tailscale exposure, the
//! Control UI. Check ids and severity rules match `openclaw security audit`.

pub mod checks;
pub mod gateway_auth;

use pincer_sdk::prelude::*;

/// The plugin.
pub struct ControlPlane;

impl Plugin for ControlPlane {
    const META: PluginMeta = PluginMeta {
        name: "control-plane",
        version: env!("CARGO_PKG_VERSION"),
        description: "Gateway exposure and authentication: bind, auth mode, tokens and passwords, \
                      Tailscale, the Control UI.",
        category: "control-plane",
        checks: checks::ALL,
    };
}

pincer_sdk::export_plugin!(ControlPlane);

#[cfg(test)]
mod tests;
