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
pub const ALL: &[Check] = &[
    Check {
        meta: &deny_commands_ineffective::META,
        run: deny_commands_ineffective::run,
    },
    Check {
        meta: &allow_commands_dangerous::META,
        run: allow_commands_dangerous::run,
    },
    Check {
        meta: &run_commands_unrestricted::META,
        run: run_commands_unrestricted::run,
    },
    Check {
        meta: &scopes_exceed_approved::META,
        run: scopes_exceed_approved::run,
    },
    Check {
        meta: &not_in_inventory::META,
        run: not_in_inventory::run,
    },
    Check {
        meta: &stale_device_token::META,
        run: stale_device_token::run,
    },
    Check {
        meta: &stale_pending_pairing::META,
        run: stale_pending_pairing::run,
    },
];
