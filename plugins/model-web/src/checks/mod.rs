//! The plugin's checks, one per file: the reference's three model checks,
//! then Pincer's own lane-by-lane check.

pub mod legacy;
pub mod local_model_web_lane;
pub mod small_params;
pub mod weak_tier;

use pincer_sdk::Check;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] =
    pincer_sdk::checks![legacy, weak_tier, small_params, local_model_web_lane,];
