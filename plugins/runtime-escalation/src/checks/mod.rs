//! The plugin's checks, one per file (the two elevated allowFrom checks
//! share one), and the list the plugin runs: the reference's checks first,
//! then Pincer's own.

pub mod agent_skill_mcp_boundary_drift;
pub mod allowlist_interpreter_without_strict_inline_eval;
pub mod auto_allow_skills_enabled;
pub mod elevated_allow_from;
pub mod elevated_enabled;
pub mod fs_tools_disabled_but_exec_enabled;
pub mod full_without_approval;
pub mod host_sandbox_no_sandbox_agents;
pub mod host_sandbox_no_sandbox_defaults;
pub mod open_channels_with_exec;
pub mod profile_minimal_overridden;
pub mod safe_bin_trusted_dirs_risky;
pub mod safe_bins_broad_behavior;
pub mod safe_bins_interpreter_unprofiled;
pub mod security_full_configured;
pub mod tools_reachable_permissive_policy;

use pincer_sdk::Check;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = &[
    Check {
        meta: &host_sandbox_no_sandbox_defaults::META,
        run: host_sandbox_no_sandbox_defaults::run,
    },
    Check {
        meta: &host_sandbox_no_sandbox_agents::META,
        run: host_sandbox_no_sandbox_agents::run,
    },
    Check {
        meta: &security_full_configured::META,
        run: security_full_configured::run,
    },
    Check {
        meta: &open_channels_with_exec::META,
        run: open_channels_with_exec::run,
    },
    Check {
        meta: &agent_skill_mcp_boundary_drift::META,
        run: agent_skill_mcp_boundary_drift::run,
    },
    Check {
        meta: &fs_tools_disabled_but_exec_enabled::META,
        run: fs_tools_disabled_but_exec_enabled::run,
    },
    Check {
        meta: &auto_allow_skills_enabled::META,
        run: auto_allow_skills_enabled::run,
    },
    Check {
        meta: &allowlist_interpreter_without_strict_inline_eval::META,
        run: allowlist_interpreter_without_strict_inline_eval::run,
    },
    Check {
        meta: &safe_bins_interpreter_unprofiled::META,
        run: safe_bins_interpreter_unprofiled::run,
    },
    Check {
        meta: &safe_bins_broad_behavior::META,
        run: safe_bins_broad_behavior::run,
    },
    Check {
        meta: &safe_bin_trusted_dirs_risky::META,
        run: safe_bin_trusted_dirs_risky::run,
    },
    Check {
        meta: &elevated_allow_from::WILDCARD,
        run: elevated_allow_from::run_wildcard,
    },
    Check {
        meta: &elevated_allow_from::LARGE,
        run: elevated_allow_from::run_large,
    },
    Check {
        meta: &profile_minimal_overridden::META,
        run: profile_minimal_overridden::run,
    },
    Check {
        meta: &tools_reachable_permissive_policy::META,
        run: tools_reachable_permissive_policy::run,
    },
    Check {
        meta: &elevated_enabled::META,
        run: elevated_enabled::run,
    },
    Check {
        meta: &full_without_approval::META,
        run: full_without_approval::run,
    },
];
