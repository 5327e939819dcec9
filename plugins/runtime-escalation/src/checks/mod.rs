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
pub const ALL: &[Check] = pincer_sdk::checks![
    host_sandbox_no_sandbox_defaults,
    host_sandbox_no_sandbox_agents,
    security_full_configured,
    open_channels_with_exec,
    agent_skill_mcp_boundary_drift,
    fs_tools_disabled_but_exec_enabled,
    auto_allow_skills_enabled,
    allowlist_interpreter_without_strict_inline_eval,
    safe_bins_interpreter_unprofiled,
    safe_bins_broad_behavior,
    safe_bin_trusted_dirs_risky,
    elevated_allow_from::WILDCARD => elevated_allow_from::run_wildcard,
    elevated_allow_from::LARGE => elevated_allow_from::run_large,
    profile_minimal_overridden,
    tools_reachable_permissive_policy,
    elevated_enabled,
    full_without_approval,
];
