//! The plugin's checks, one per file, and the list the plugin runs, in the
//! reference's order: the synced-folder and stored-secret checks, then the
//! filesystem: state dir, config, includes, credentials dir, per agent the
//! auth-profile store and session store, then the log file; then Pincer's
//! own checks from the security baseline.

pub mod auth_profiles_perms_readable;
pub mod auth_profiles_perms_writable;
pub mod config_include_perms_group_readable;
pub mod config_include_perms_world_readable;
pub mod config_include_perms_writable;
pub mod config_perms_group_readable;
pub mod config_perms_world_readable;
pub mod config_perms_writable;
pub mod config_symlink;
pub mod credentials_dir_perms_readable;
pub mod credentials_dir_perms_writable;
pub mod gateway_password_in_config;
pub mod hooks_token_in_config;
pub mod include_escape;
pub mod inline_credential;
pub mod log_file_perms_readable;
pub mod secret_file_perms;
pub mod sessions_store_perms_readable;
pub mod state_dir_perms_group_writable;
pub mod state_dir_perms_readable;
pub mod state_dir_perms_world_writable;
pub mod state_dir_symlink;
pub mod synced_dir;
pub mod workspace_credential_file;

use pincer_sdk::Check;

/// The ids of Pincer's own checks (the rest are the reference's).
pub const OWN_IDS: &[&str] = &[
    inline_credential::META.id,
    workspace_credential_file::META.id,
    secret_file_perms::META.id,
];

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = &[
    Check {
        meta: &synced_dir::META,
        run: synced_dir::run,
    },
    Check {
        meta: &gateway_password_in_config::META,
        run: gateway_password_in_config::run,
    },
    Check {
        meta: &hooks_token_in_config::META,
        run: hooks_token_in_config::run,
    },
    Check {
        meta: &state_dir_symlink::META,
        run: state_dir_symlink::run,
    },
    Check {
        meta: &state_dir_perms_world_writable::META,
        run: state_dir_perms_world_writable::run,
    },
    Check {
        meta: &state_dir_perms_group_writable::META,
        run: state_dir_perms_group_writable::run,
    },
    Check {
        meta: &state_dir_perms_readable::META,
        run: state_dir_perms_readable::run,
    },
    Check {
        meta: &config_symlink::META,
        run: config_symlink::run,
    },
    Check {
        meta: &config_perms_writable::META,
        run: config_perms_writable::run,
    },
    Check {
        meta: &config_perms_world_readable::META,
        run: config_perms_world_readable::run,
    },
    Check {
        meta: &config_perms_group_readable::META,
        run: config_perms_group_readable::run,
    },
    Check {
        meta: &include_escape::META,
        run: include_escape::run,
    },
    Check {
        meta: &config_include_perms_writable::META,
        run: config_include_perms_writable::run,
    },
    Check {
        meta: &config_include_perms_world_readable::META,
        run: config_include_perms_world_readable::run,
    },
    Check {
        meta: &config_include_perms_group_readable::META,
        run: config_include_perms_group_readable::run,
    },
    Check {
        meta: &credentials_dir_perms_writable::META,
        run: credentials_dir_perms_writable::run,
    },
    Check {
        meta: &credentials_dir_perms_readable::META,
        run: credentials_dir_perms_readable::run,
    },
    Check {
        meta: &auth_profiles_perms_writable::META,
        run: auth_profiles_perms_writable::run,
    },
    Check {
        meta: &auth_profiles_perms_readable::META,
        run: auth_profiles_perms_readable::run,
    },
    Check {
        meta: &sessions_store_perms_readable::META,
        run: sessions_store_perms_readable::run,
    },
    Check {
        meta: &log_file_perms_readable::META,
        run: log_file_perms_readable::run,
    },
    Check {
        meta: &inline_credential::META,
        run: inline_credential::run,
    },
    Check {
        meta: &workspace_credential_file::META,
        run: workspace_credential_file::run,
    },
    Check {
        meta: &secret_file_perms::META,
        run: secret_file_perms::run,
    },
];
