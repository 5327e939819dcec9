//! The plugin's checks, one per file.

pub mod allow_phantom_entries;
pub mod extensions_no_allowlist;

use pincer_sdk::Check;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = &[
    Check {
        meta: &extensions_no_allowlist::META,
        run: extensions_no_allowlist::run,
    },
    Check {
        meta: &allow_phantom_entries::META,
        run: allow_phantom_entries::run,
    },
];
