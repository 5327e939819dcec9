//! Built-in plugin `drift`: what changed since the last recorded audit
//! (`pincer audit --history DIR` gives the previous run as the baseline):
//! new paired nodes (critical when the inventory does not list them) and
//! grown node scopes, tools newly admitted to an agent lane, sandboxing
//! lowered, elevated tools or exec loosened, the gateway's bind, auth or
//! Tailscale exposure weakened, the gateway credential kept past its
//! policy age or after an exposure. And, from the state database whether
//! or not a history exists: gateway restart loops, repeated blocked
//! activity and failing channel ingress — the incident triggers of the
//! security architecture.

pub mod checks;
pub mod compare;

use pincer_sdk::prelude::*;

/// `inventory`.
pub const INVENTORY: ParamMeta = ParamMeta::string_list(
    "inventory",
    "no inventory: every new device is a warning",
    "The devices allowed to pair (device ids, id prefixes of at least 12 \
                  characters, or operator labels, as for node-overreach): a new device it \
                  lists is expected, one it does not list is critical.",
);

/// `tokenMaxAgeDays`.
pub const TOKEN_MAX_AGE_DAYS: ParamMeta = ParamMeta::integer_in(
    "tokenMaxAgeDays",
    1..=3650,
    90,
    "Days the gateway token or password may stay in place.",
);

/// `restartLoopBoots`.
pub const RESTART_LOOP_BOOTS: ParamMeta = ParamMeta::integer_in(
    "restartLoopBoots",
    2..=1000,
    3,
    "Gateway starts within restartLoopMinutes that make a restart loop.",
);

/// `restartLoopMinutes`.
pub const RESTART_LOOP_MINUTES: ParamMeta = ParamMeta::integer_in(
    "restartLoopMinutes",
    1..=1440,
    10,
    "The window of a restart loop, in minutes.",
);

/// `blockedEventsPerDay`.
pub const BLOCKED_EVENTS_PER_DAY: ParamMeta = ParamMeta::integer_in(
    "blockedEventsPerDay",
    1..=1_000_000,
    20,
    "Blocked audit events in the last 24 hours that count as repeated \
                  unauthorised activity.",
);

/// `ingressFailuresPerDay`.
pub const INGRESS_FAILURES_PER_DAY: ParamMeta = ParamMeta::integer_in(
    "ingressFailuresPerDay",
    1..=1_000_000,
    20,
    "Failed channel ingress events in the last 24 hours that count as a \
                  channel conflict or outage.",
);

/// The plugin's parameters.
pub const PARAMS: &[ParamMeta] = &[
    INVENTORY,
    TOKEN_MAX_AGE_DAYS,
    RESTART_LOOP_BOOTS,
    RESTART_LOOP_MINUTES,
    BLOCKED_EVENTS_PER_DAY,
    INGRESS_FAILURES_PER_DAY,
];

/// The plugin.
pub struct Drift;

impl Plugin for Drift {
    const META: PluginMeta = PluginMeta {
        name: "drift",
        version: env!("CARGO_PKG_VERSION"),
        description: "Changes since the last recorded audit (nodes, tools, sandboxing, exec, \
                      gateway exposure), the gateway credential's age and exposures, restart \
                      loops and repeated blocked or failing activity.",
        category: "drift",
        checks: checks::ALL,
        params: PARAMS,
    };
}

pincer_sdk::export_plugin!(Drift);

#[cfg(test)]
mod tests;
