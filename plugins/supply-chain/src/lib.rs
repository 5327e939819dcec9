//! Built-in plugin `supply-chain`: what is installed beside the gateway and
//! whether the config vouches for it. So far: plugins installed in the
//! state dir without a `plugins.allow` list, at parity with `openclaw
//! security audit` (critical when Telegram would publish their skills as
//! bot commands), allowlist entries that name no installed or bundled
//! plugin, and npm install records of plugins and hooks (unpinned specs,
//! missing integrity, version drift), and workspace skills that resolve
//! outside their workspace or are too many to walk; with `--deep`, what
//! the code-safety scan found in installed plugins and workspace skills.

pub mod bundled;
pub mod checks;

use pincer_sdk::prelude::*;

/// The plugin.
pub struct SupplyChain;

impl Plugin for SupplyChain {
    const META: PluginMeta = PluginMeta {
        name: "supply-chain",
        version: env!("CARGO_PKG_VERSION"),
        description: "What is installed beside the gateway: plugins in the state dir loaded \
                      without an allowlist, allowlist entries that name no plugin, npm installs \
                      of plugins and hooks with unpinned specs, no integrity hash or drifted \
                      versions, workspace skills that escape their workspace; with --deep, \
                      unsafe patterns in plugin and skill code.",
        category: "supply-chain",
        checks: checks::ALL,
        params: &[],
    };
}

pincer_sdk::export_plugin!(SupplyChain);

#[cfg(test)]
mod tests;
