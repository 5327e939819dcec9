//! The plugin's checks, one per file.

pub mod allow_phantom_entries;
pub mod code_safety;
pub mod extensions_no_allowlist;
pub mod installs;
pub mod workspace_skills;

use pincer_sdk::Check;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = pincer_sdk::checks![
    extensions_no_allowlist,
    allow_phantom_entries,
    workspace_skills::SYMLINK_ESCAPE => workspace_skills::run_symlink_escape,
    workspace_skills::SCAN_TRUNCATED => workspace_skills::run_scan_truncated,
    installs::PLUGINS_UNPINNED => installs::run_plugins_unpinned,
    installs::PLUGINS_NO_INTEGRITY => installs::run_plugins_no_integrity,
    installs::PLUGINS_DRIFT => installs::run_plugins_drift,
    installs::HOOKS_UNPINNED => installs::run_hooks_unpinned,
    installs::HOOKS_NO_INTEGRITY => installs::run_hooks_no_integrity,
    installs::HOOKS_DRIFT => installs::run_hooks_drift,
    code_safety::PLUGIN_CODE => code_safety::run_plugin_code,
    code_safety::ENTRY_PATH => code_safety::run_entry_path,
    code_safety::ENTRY_ESCAPE => code_safety::run_entry_escape,
    code_safety::MANIFEST_PARSE_ERROR => code_safety::run_manifest_parse_error,
    code_safety::PLUGIN_SCAN_FAILED => code_safety::run_plugin_scan_failed,
    code_safety::SKILL_CODE => code_safety::run_skill_code,
    code_safety::SKILL_SCAN_FAILED => code_safety::run_skill_scan_failed,
];
