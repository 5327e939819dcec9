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
pub const ALL: &[Check] = &[
    Check {
        meta: &hooks::TOKEN_TOO_SHORT,
        run: hooks::run_token_too_short,
    },
    Check {
        meta: &hooks::TOKEN_REUSE,
        run: hooks::run_token_reuse,
    },
    Check {
        meta: &hooks::PATH_ROOT,
        run: hooks::run_path_root,
    },
    Check {
        meta: &hooks::DEFAULT_SESSION_KEY_UNSET,
        run: hooks::run_default_session_key_unset,
    },
    Check {
        meta: &hooks::AGENTS_UNRESTRICTED,
        run: hooks::run_agents_unrestricted,
    },
    Check {
        meta: &hooks::REQUEST_SESSION_KEY,
        run: hooks::run_request_session_key,
    },
    Check {
        meta: &hooks::PREFIXES_MISSING,
        run: hooks::run_prefixes_missing,
    },
    Check {
        meta: &exposure::OPEN_WITH_ELEVATED,
        run: exposure::run_open_with_elevated,
    },
    Check {
        meta: &exposure::OPEN_WITH_RUNTIME_OR_FS,
        run: exposure::run_open_with_runtime_or_fs,
    },
    Check {
        meta: &exposure::OPEN_WITH_CONTROL_PLANE,
        run: exposure::run_open_with_control_plane,
    },
    Check {
        meta: &trust_model::GROUP_SCOPE_MAIN,
        run: trust_model::run_group_scope_main,
    },
    Check {
        meta: &trust_model::MULTI_USER,
        run: trust_model::run_multi_user,
    },
    Check {
        meta: &trust_model::CROSS_AGENT_SESSIONS,
        run: trust_model::run_cross_agent_sessions,
    },
    Check {
        meta: &channel_policy::DM_POLICY_OPEN,
        run: channel_policy::run_dm_policy_open,
    },
    Check {
        meta: &channel_policy::ALLOW_FROM_WILDCARD,
        run: channel_policy::run_allow_from_wildcard,
    },
    Check {
        meta: &channel_policy::GROUP_POLICY_OPEN,
        run: channel_policy::run_group_policy_open,
    },
    Check {
        meta: &channel_policy::NAME_MATCHING,
        run: channel_policy::run_name_matching,
    },
    Check {
        meta: &attack_surface::SUMMARY,
        run: attack_surface::run,
    },
];
