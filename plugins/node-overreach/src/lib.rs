//! Built-in plugin `node-overreach`: what paired nodes and devices may do
//! through the gateway — the node command allow and deny lists (checks at
//! parity with `openclaw security audit`), and Pincer's own checks over the
//! paired-device state: node-run commands the gateway would invoke, scopes
//! beyond what was approved, stale devices that keep live tokens, and
//! pairing requests left waiting.

pub mod checks;
pub mod devices;
pub mod policy;

use pincer_sdk::prelude::*;

/// The plugin.
pub struct NodeOverreach;

impl Plugin for NodeOverreach {
    const META: PluginMeta = PluginMeta {
        name: "node-overreach",
        version: env!("CARGO_PKG_VERSION"),
        description: "Paired nodes and devices: dangerous node commands enabled, deny entries that \
                      match nothing, node-run commands the gateway would invoke, scopes beyond \
                      the approved ones, stale devices with live tokens, stale pairing requests.",
        category: "node-overreach",
        checks: checks::ALL,
    };
}

pincer_sdk::export_plugin!(NodeOverreach);

#[cfg(test)]
mod tests;
