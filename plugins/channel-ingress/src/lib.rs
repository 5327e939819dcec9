//! Built-in plugin `channel-ingress`: what reaches the agents from outside.
//! So far the webhook ingress (`hooks.*`): a short token or the gateway's
//! own credential as the hooks token, hooks mounted at `/`, no default
//! session key, no agent allowlist, caller-chosen session keys without a
//! prefix list — at parity with `openclaw security audit`. Channel DM and
//! group policies, the exposure matrix and the trust-model heuristics are
//! still to come (issue 5).

pub mod checks;
pub mod hooks;

use pincer_sdk::prelude::*;

/// The plugin.
pub struct ChannelIngress;

impl Plugin for ChannelIngress {
    const META: PluginMeta = PluginMeta {
        name: "channel-ingress",
        version: env!("CARGO_PKG_VERSION"),
        description: "What reaches the agents from outside: webhook tokens, path, session keys \
                      and agent routing.",
        category: "channel-ingress",
        checks: checks::ALL,
        params: &[],
    };
}

pincer_sdk::export_plugin!(ChannelIngress);

#[cfg(test)]
mod tests;
