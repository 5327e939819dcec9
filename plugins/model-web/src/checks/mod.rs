//! The plugin's checks, one per file: the reference's three model checks,
//! then Pincer's own lane-by-lane check.

pub mod legacy;
pub mod local_model_web_lane;
pub mod small_params;
pub mod weak_tier;

use pincer_sdk::Check;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = &[
    Check {
        meta: &legacy::META,
        run: legacy::run,
    },
    Check {
        meta: &weak_tier::META,
        run: weak_tier::run,
    },
    Check {
        meta: &small_params::META,
        run: small_params::run,
    },
    Check {
        meta: &local_model_web_lane::META,
        run: local_model_web_lane::run,
    },
];
