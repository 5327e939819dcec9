//! The plugin's checks, one per file.

pub mod extensions_no_allowlist;

use pincer_sdk::Check;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = &[Check {
    meta: &extensions_no_allowlist::META,
    run: extensions_no_allowlist::run,
}];
