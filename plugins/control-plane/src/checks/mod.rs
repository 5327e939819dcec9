//! The plugin's checks, one per file, and the list the plugin runs: the
//! reference's checks first, then Pincer's own from the security baseline.

pub mod auth_no_rate_limit;
pub mod bind_beyond_loopback;
pub mod bind_no_auth;
pub mod control_ui_allowed_origins_required;
pub mod control_ui_allowed_origins_wildcard;
pub mod control_ui_host_header_origin_fallback;
mod credential_strength;
pub mod discovery_mdns_full_mode;
pub mod env_token_overrides_config;
pub mod http_no_auth;
pub mod http_session_key_override_enabled;
pub mod loopback_no_auth;
pub mod password_placeholder_value;
pub mod password_too_short;
pub mod port_policy;
pub mod probe_auth_secretref_unavailable;
pub mod probe_failed;
pub mod real_ip_fallback_enabled;
pub mod service_duplicate;
pub mod tailscale_funnel;
pub mod tailscale_serve;
pub mod token_age;
pub mod token_placeholder_value;
pub mod token_too_short;
pub mod tools_invoke_http_dangerous_allow;
pub mod trusted_proxies_broad;
pub mod trusted_proxies_missing;
pub mod trusted_proxy_allow_loopback;
pub mod trusted_proxy_auth;
pub mod trusted_proxy_no_allowlist;
pub mod trusted_proxy_no_proxies;
pub mod trusted_proxy_no_user_header;

use pincer_sdk::Check;

/// The ids of Pincer's own checks (the rest are the reference's).
pub const OWN_IDS: &[&str] = &[
    bind_beyond_loopback::META.id,
    port_policy::META.id,
    trusted_proxies_broad::META.id,
    service_duplicate::META.id,
    token_age::META.id,
];

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
    Check {
        meta: &tools_invoke_http_dangerous_allow::META,
        run: tools_invoke_http_dangerous_allow::run,
    },
    Check {
        meta: &control_ui_allowed_origins_wildcard::META,
        run: control_ui_allowed_origins_wildcard::run,
    },
    Check {
        meta: &control_ui_host_header_origin_fallback::META,
        run: control_ui_host_header_origin_fallback::run,
    },
    Check {
        meta: &real_ip_fallback_enabled::META,
        run: real_ip_fallback_enabled::run,
    },
    Check {
        meta: &discovery_mdns_full_mode::META,
        run: discovery_mdns_full_mode::run,
    },
    Check {
        meta: &trusted_proxy_auth::META,
        run: trusted_proxy_auth::run,
    },
    Check {
        meta: &trusted_proxy_no_proxies::META,
        run: trusted_proxy_no_proxies::run,
    },
    Check {
        meta: &trusted_proxy_no_user_header::META,
        run: trusted_proxy_no_user_header::run,
    },
    Check {
        meta: &trusted_proxy_allow_loopback::META,
        run: trusted_proxy_allow_loopback::run,
    },
    Check {
        meta: &trusted_proxy_no_allowlist::META,
        run: trusted_proxy_no_allowlist::run,
    },
    Check {
        meta: &http_no_auth::META,
        run: http_no_auth::run,
    },
    Check {
        meta: &http_session_key_override_enabled::META,
        run: http_session_key_override_enabled::run,
    },
    Check {
        meta: &probe_failed::META,
        run: probe_failed::run,
    },
    Check {
        meta: &probe_auth_secretref_unavailable::META,
        run: probe_auth_secretref_unavailable::run,
    },
    Check {
        meta: &env_token_overrides_config::META,
        run: env_token_overrides_config::run,
    },
    Check {
        meta: &bind_beyond_loopback::META,
        run: bind_beyond_loopback::run,
    },
    Check {
        meta: &port_policy::META,
        run: port_policy::run,
    },
    Check {
        meta: &trusted_proxies_broad::META,
        run: trusted_proxies_broad::run,
    },
    Check {
        meta: &service_duplicate::META,
        run: service_duplicate::run,
    },
    Check {
        meta: &token_age::META,
        run: token_age::run,
    },
];
