//! The plugin's checks, declared by family: the webhook checks
//! (`hooks.rs`), the exposure matrix (`exposure.rs`), the trust-model
//! heuristics (`trust_model.rs`), the attack-surface summary
//! (`attack_surface.rs`) and Pincer's own channel policy checks
//! (`channel_policy.rs`).

pub mod attack_surface;
pub mod channel_policy;
pub mod exposure;
pub mod hooks;
pub mod trust_model;

use pincer_sdk::Check;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = pincer_sdk::checks![
    hooks::TOKEN_TOO_SHORT => hooks::run_token_too_short,
    hooks::TOKEN_REUSE => hooks::run_token_reuse,
    hooks::PATH_ROOT => hooks::run_path_root,
    hooks::DEFAULT_SESSION_KEY_UNSET => hooks::run_default_session_key_unset,
    hooks::AGENTS_UNRESTRICTED => hooks::run_agents_unrestricted,
    hooks::REQUEST_SESSION_KEY => hooks::run_request_session_key,
    hooks::PREFIXES_MISSING => hooks::run_prefixes_missing,
    exposure::OPEN_WITH_ELEVATED => exposure::run_open_with_elevated,
    exposure::OPEN_WITH_RUNTIME_OR_FS => exposure::run_open_with_runtime_or_fs,
    exposure::OPEN_WITH_CONTROL_PLANE => exposure::run_open_with_control_plane,
    trust_model::GROUP_SCOPE_MAIN => trust_model::run_group_scope_main,
    trust_model::MULTI_USER => trust_model::run_multi_user,
    trust_model::CROSS_AGENT_SESSIONS => trust_model::run_cross_agent_sessions,
    channel_policy::DM_POLICY_OPEN => channel_policy::run_dm_policy_open,
    channel_policy::ALLOW_FROM_WILDCARD => channel_policy::run_allow_from_wildcard,
    channel_policy::GROUP_POLICY_OPEN => channel_policy::run_group_policy_open,
    channel_policy::NAME_MATCHING => channel_policy::run_name_matching,
    attack_surface::SUMMARY => attack_surface::run,
];
