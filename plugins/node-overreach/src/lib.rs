//! Built-in plugin `node-overreach`: what paired nodes and devices may do
//! through the gateway — the node command allow and deny lists (checks at
//! parity with `openclaw security audit`), and Pincer's own checks over the
//! paired-device state: node-run commands the gateway would invoke, scopes
//! beyond what was approved, stale devices that keep live tokens,
//! pairing requests left waiting, and devices outside the approved
//! inventory. Parameters: `inventory`, `staleDeviceDays`,
//! `stalePendingHours`.

pub mod checks;
pub mod devices;
pub mod policy;

use pincer_sdk::prelude::*;

/// `inventory`.
pub const INVENTORY: ParamMeta = ParamMeta::string_list(
    "inventory",
    "no inventory: nodes.not_in_inventory stays silent",
    "The devices allowed to pair: device ids, id prefixes of at least 12 \
                  characters, or operator labels.",
);

/// `staleDeviceDays`.
pub const STALE_DEVICE_DAYS: ParamMeta = ParamMeta::integer_in(
    "staleDeviceDays",
    1..=3650,
    30,
    "Days a paired device may go unseen while it holds a live token.",
);

/// `stalePendingHours`.
pub const STALE_PENDING_HOURS: ParamMeta = ParamMeta::integer_in(
    "stalePendingHours",
    1..=87600,
    24,
    "Hours a pairing request may wait for an answer.",
);

/// The parameters a rule pack may set.
pub const PARAMS: &[ParamMeta] = &[INVENTORY, STALE_DEVICE_DAYS, STALE_PENDING_HOURS];

/// The plugin.
pub struct NodeOverreach;

impl Plugin for NodeOverreach {
    const META: PluginMeta = PluginMeta {
        name: "node-overreach",
        version: env!("CARGO_PKG_VERSION"),
        description: "Paired nodes and devices: dangerous node commands enabled, deny entries that \
                      match nothing, node-run commands the gateway would invoke, scopes beyond \
                      the approved ones, stale devices with live tokens, stale pairing requests, devices outside \
                      the approved inventory.",
        category: "node-overreach",
        checks: checks::ALL,
        params: PARAMS,
    };
}

pincer_sdk::export_plugin!(NodeOverreach);

#[cfg(test)]
mod tests;
