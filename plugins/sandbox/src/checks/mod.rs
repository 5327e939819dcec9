//! The plugin's checks, one per file, and the list the plugin runs: the
//! reference's checks over the Docker sandbox settings and the dangerous
//! flags first, then Pincer's own baseline checks.

pub mod apply_patch_outside_workspace;
pub mod bind_mount_non_absolute;
pub mod browser_container;
pub mod dangerous_apparmor_profile;
pub mod dangerous_bind_mount;
pub mod dangerous_network_mode;
pub mod dangerous_seccomp_profile;
pub mod docker_config_mode_off;
pub mod fs_tools_outside_workspace;
pub mod insecure_or_dangerous_flags;
pub mod mode_not_all;
pub mod tool_policy_risky_tools;

use crate::docker::blocks;
use pincer_sdk::Check;
use pincer_sdk::prelude::*;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = pincer_sdk::checks![
    insecure_or_dangerous_flags,
    docker_config_mode_off,
    bind_mount_non_absolute,
    dangerous_bind_mount,
    dangerous_network_mode,
    dangerous_seccomp_profile,
    dangerous_apparmor_profile,
    browser_container::NON_LOOPBACK_PUBLISH => browser_container::run_non_loopback_publish,
    browser_container::HASH_LABEL_MISSING => browser_container::run_hash_label_missing,
    browser_container::HASH_EPOCH_STALE => browser_container::run_hash_epoch_stale,
    browser_container::DOCKER_PROBE_TIMEOUT => browser_container::run_docker_probe_timeout,
    mode_not_all,
    fs_tools_outside_workspace,
    apply_patch_outside_workspace,
    tool_policy_risky_tools,
];

/// One finding of `meta` for every Docker block whose `key` is
/// `unconfined` (trimmed, any case).
fn unconfined(view: &View, out: &mut Findings, meta: &'static CheckMeta, key: &str) {
    for block in blocks(view) {
        if block.normalized(key).as_deref() == Some("unconfined") {
            let at = format!("{}.{key}", block.path);
            out.push(meta.finding(format!("{at} is unconfined.")).at(at));
        }
    }
}
