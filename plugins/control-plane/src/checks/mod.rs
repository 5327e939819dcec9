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
pub const ALL: &[Check] = pincer_sdk::checks![
    bind_no_auth,
    loopback_no_auth,
    trusted_proxies_missing,
    control_ui_allowed_origins_required,
    token_placeholder_value,
    token_too_short,
    password_placeholder_value,
    password_too_short,
    auth_no_rate_limit,
    tailscale_funnel,
    tailscale_serve,
    tools_invoke_http_dangerous_allow,
    control_ui_allowed_origins_wildcard,
    control_ui_host_header_origin_fallback,
    real_ip_fallback_enabled,
    discovery_mdns_full_mode,
    trusted_proxy_auth,
    trusted_proxy_no_proxies,
    trusted_proxy_no_user_header,
    trusted_proxy_allow_loopback,
    trusted_proxy_no_allowlist,
    http_no_auth,
    http_session_key_override_enabled,
    probe_failed,
    probe_auth_secretref_unavailable,
    env_token_overrides_config,
    bind_beyond_loopback,
    port_policy,
    trusted_proxies_broad,
    service_duplicate,
    token_age,
];
