//! The plugin's checks, one per file.

pub mod allow_phantom_entries;
pub mod code_safety;
pub mod extensions_no_allowlist;
pub mod installs;
pub mod workspace_skills;

use pincer_sdk::Check;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = &[
    Check {
        meta: &extensions_no_allowlist::META,
        run: extensions_no_allowlist::run,
    },
    Check {
        meta: &allow_phantom_entries::META,
        run: allow_phantom_entries::run,
    },
    Check {
        meta: &workspace_skills::SYMLINK_ESCAPE,
        run: workspace_skills::run_symlink_escape,
    },
    Check {
        meta: &workspace_skills::SCAN_TRUNCATED,
        run: workspace_skills::run_scan_truncated,
    },
    Check {
        meta: &installs::PLUGINS_UNPINNED,
        run: installs::run_plugins_unpinned,
    },
    Check {
        meta: &installs::PLUGINS_NO_INTEGRITY,
        run: installs::run_plugins_no_integrity,
    },
    Check {
        meta: &installs::PLUGINS_DRIFT,
        run: installs::run_plugins_drift,
    },
    Check {
        meta: &installs::HOOKS_UNPINNED,
        run: installs::run_hooks_unpinned,
    },
    Check {
        meta: &installs::HOOKS_NO_INTEGRITY,
        run: installs::run_hooks_no_integrity,
    },
    Check {
        meta: &installs::HOOKS_DRIFT,
        run: installs::run_hooks_drift,
    },
    Check {
        meta: &code_safety::PLUGIN_CODE,
        run: code_safety::run_plugin_code,
    },
    Check {
        meta: &code_safety::ENTRY_PATH,
        run: code_safety::run_entry_path,
    },
    Check {
        meta: &code_safety::ENTRY_ESCAPE,
        run: code_safety::run_entry_escape,
    },
    Check {
        meta: &code_safety::MANIFEST_PARSE_ERROR,
        run: code_safety::run_manifest_parse_error,
    },
    Check {
        meta: &code_safety::PLUGIN_SCAN_FAILED,
        run: code_safety::run_plugin_scan_failed,
    },
    Check {
        meta: &code_safety::SKILL_CODE,
        run: code_safety::run_skill_code,
    },
    Check {
        meta: &code_safety::SKILL_SCAN_FAILED,
        run: code_safety::run_skill_scan_failed,
    },
];
