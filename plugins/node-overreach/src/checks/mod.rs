//! The plugin's checks, one per file, and the list the plugin runs: the
//! two reference checks over the node command lists first, then Pincer's
//! own checks over the paired-device state.

pub mod allow_commands_dangerous;
pub mod deny_commands_ineffective;
pub mod not_in_inventory;
pub mod run_commands_unrestricted;
pub mod scopes_exceed_approved;
pub mod stale_device_token;
pub mod stale_pending_pairing;

use pincer_sdk::Check;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = pincer_sdk::checks![
    deny_commands_ineffective,
    allow_commands_dangerous,
    run_commands_unrestricted,
    scopes_exceed_approved,
    not_in_inventory,
    stale_device_token,
    stale_pending_pairing,
];
