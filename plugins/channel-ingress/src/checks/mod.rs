//! The plugin's checks: the webhook checks, declared together in
//! `hooks.rs` (one small rule each).

pub mod hooks;

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
];
