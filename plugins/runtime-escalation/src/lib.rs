//! Built-in plugin `runtime-escalation`: how far an agent's commands can
//! reach. Exec security and host routing, exec approvals (auto-allowed
//! skill binaries, allow-listed interpreters), safe bins and their trusted
//! directories, who may use elevated tools, tool profiles and the reach of
//! plugin tools, skills next to MCP servers, open channels reaching exec —
//! at parity with `openclaw
//! security audit`; and Pincer's own baseline checks: elevated tools
//! enabled at all, and host exec with full security and no approval.

pub mod bins;
pub mod checks;
pub mod exec_policy;
pub mod safe_bins;

use pincer_sdk::prelude::*;

/// The plugin.
pub struct RuntimeEscalation;

impl Plugin for RuntimeEscalation {
    const META: PluginMeta = PluginMeta {
        name: "runtime-escalation",
        version: env!("CARGO_PKG_VERSION"),
        description: "How far an agent's commands reach: exec security and host routing, exec \
                      approvals, safe bins and trusted directories, elevated tools and who may \
                      use them, tool profiles, plugin tool reach, skills beside MCP servers; \
                      elevated tools enabled, host exec with full security and no approval.",
        category: "runtime-escalation",
        checks: checks::ALL,
        params: &[],
    };
}

pincer_sdk::export_plugin!(RuntimeEscalation);

#[cfg(test)]
mod tests;
