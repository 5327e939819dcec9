//! The plugin's checks, one per file, and the list the plugin runs.

pub mod include_escape;

use pincer_sdk::Check;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = &[Check {
    meta: &include_escape::META,
    run: include_escape::run,
}];
