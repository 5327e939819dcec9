//! The plugin's checks, one per file, and the list the plugin runs.

pub mod auth_no_rate_limit;
pub mod bind_no_auth;
pub mod control_ui_allowed_origins_required;
mod credential_strength;
pub mod loopback_no_auth;
pub mod password_placeholder_value;
pub mod password_too_short;
pub mod tailscale_funnel;
pub mod tailscale_serve;
pub mod token_placeholder_value;
pub mod token_too_short;
pub mod trusted_proxies_missing;

use pincer_sdk::Check;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = &[
    Check {
        meta: &bind_no_auth::META,
        run: bind_no_auth::run,
    },
    Check {
        meta: &loopback_no_auth::META,
        run: loopback_no_auth::run,
    },
    Check {
        meta: &trusted_proxies_missing::META,
        run: trusted_proxies_missing::run,
    },
    Check {
        meta: &control_ui_allowed_origins_required::META,
        run: control_ui_allowed_origins_required::run,
    },
    Check {
        meta: &token_placeholder_value::META,
        run: token_placeholder_value::run,
    },
    Check {
        meta: &token_too_short::META,
        run: token_too_short::run,
    },
    Check {
        meta: &password_placeholder_value::META,
        run: password_placeholder_value::run,
    },
    Check {
        meta: &password_too_short::META,
        run: password_too_short::run,
    },
    Check {
        meta: &auth_no_rate_limit::META,
        run: auth_no_rate_limit::run,
    },
    Check {
        meta: &tailscale_funnel::META,
        run: tailscale_funnel::run,
    },
    Check {
        meta: &tailscale_serve::META,
        run: tailscale_serve::run,
    },
];
