//! Built-in plugin `channel-ingress`: what reaches the agents from outside.
//! The webhook ingress (`hooks.*`: token strength and reuse, path, session
//! keys, agent routing), the exposure matrix (`security.exposure.*`: open
//! DMs or groups against elevated, runtime, file and control-plane tools),
//! the trust-model heuristics (`security.trust_model.*`) and the
//! attack-surface summary — at parity with `openclaw security audit` — and
//! Pincer's own channel policy checks (`channels.*`: open DMs, wildcard
//! allowlists, open groups, name matching) for every provider and account.

pub mod checks;
pub mod hooks;
pub mod inbound;
pub mod lanes;

use pincer_sdk::prelude::*;

/// The plugin.
pub struct ChannelIngress;

impl Plugin for ChannelIngress {
    const META: PluginMeta = PluginMeta {
        name: "channel-ingress",
        version: env!("CARGO_PKG_VERSION"),
        description: "What reaches the agents from outside: webhooks, channel DM and group \
                      policies, and what open conversations can reach.",
        category: "channel-ingress",
        checks: checks::ALL,
        params: &[],
    };
}

pincer_sdk::export_plugin!(ChannelIngress);

#[cfg(test)]
mod tests;
