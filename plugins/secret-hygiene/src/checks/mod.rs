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
pub const ALL: &[Check] = pincer_sdk::checks![
    synced_dir,
    gateway_password_in_config,
    hooks_token_in_config,
    state_dir_symlink,
    state_dir_perms_world_writable,
    state_dir_perms_group_writable,
    state_dir_perms_readable,
    config_symlink,
    config_perms_writable,
    config_perms_world_readable,
    config_perms_group_readable,
    include_escape,
    config_include_perms_writable,
    config_include_perms_world_readable,
    config_include_perms_group_readable,
    credentials_dir_perms_writable,
    credentials_dir_perms_readable,
    auth_profiles_perms_writable,
    auth_profiles_perms_readable,
    sessions_store_perms_readable,
    log_file_perms_readable,
    inline_credential,
    workspace_credential_file,
    secret_file_perms,
];
