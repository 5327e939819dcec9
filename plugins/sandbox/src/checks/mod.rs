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
pub const ALL: &[Check] = &[
    Check {
        meta: &insecure_or_dangerous_flags::META,
        run: insecure_or_dangerous_flags::run,
    },
    Check {
        meta: &docker_config_mode_off::META,
        run: docker_config_mode_off::run,
    },
    Check {
        meta: &bind_mount_non_absolute::META,
        run: bind_mount_non_absolute::run,
    },
    Check {
        meta: &dangerous_bind_mount::META,
        run: dangerous_bind_mount::run,
    },
    Check {
        meta: &dangerous_network_mode::META,
        run: dangerous_network_mode::run,
    },
    Check {
        meta: &dangerous_seccomp_profile::META,
        run: dangerous_seccomp_profile::run,
    },
    Check {
        meta: &dangerous_apparmor_profile::META,
        run: dangerous_apparmor_profile::run,
    },
    Check {
        meta: &browser_container::NON_LOOPBACK_PUBLISH,
        run: browser_container::run_non_loopback_publish,
    },
    Check {
        meta: &browser_container::HASH_LABEL_MISSING,
        run: browser_container::run_hash_label_missing,
    },
    Check {
        meta: &browser_container::HASH_EPOCH_STALE,
        run: browser_container::run_hash_epoch_stale,
    },
    Check {
        meta: &browser_container::DOCKER_PROBE_TIMEOUT,
        run: browser_container::run_docker_probe_timeout,
    },
    Check {
        meta: &mode_not_all::META,
        run: mode_not_all::run,
    },
    Check {
        meta: &fs_tools_outside_workspace::META,
        run: fs_tools_outside_workspace::run,
    },
    Check {
        meta: &apply_patch_outside_workspace::META,
        run: apply_patch_outside_workspace::run,
    },
    Check {
        meta: &tool_policy_risky_tools::META,
        run: tool_policy_risky_tools::run,
    },
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
