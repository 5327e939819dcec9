//! Built-in plugin `model-web`: which models run the agents, and whether the
//! weak ones can read the web. Legacy families, weak tiers and small models
//! (with the web exposure of the lane that runs them), at parity with
//! `openclaw security audit`; and Pincer's own lane-by-lane check that
//! small or local models have no web search, fetch or browser.

pub mod checks;
pub mod exposure;
pub mod local;
pub mod refs;
pub mod tiers;

use pincer_sdk::prelude::*;

/// The plugin.
pub struct ModelWeb;

impl Plugin for ModelWeb {
    const META: PluginMeta = PluginMeta {
        name: "model-web",
        version: env!("CARGO_PKG_VERSION"),
        description: "Models and the web: legacy model families, weak tiers, small models and \
                      whether their lanes reach web search, fetch or the browser; small or local \
                      models in lanes with web tools, agent by agent.",
        category: "model-web",
        checks: checks::ALL,
        params: &[],
    };
}

pincer_sdk::export_plugin!(ModelWeb);

#[cfg(test)]
mod tests;
