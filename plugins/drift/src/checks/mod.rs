//! The plugin's checks: against the baseline, node changes (`nodes.rs`),
//! lane changes (`lanes.rs`), lane settings (`settings.rs`) and the
//! gateway's exposure (`gateway.rs`); from the
//! change history the host read, the gateway credential's age and
//! exposures (`credential.rs`); from the state database alone, restart
//! loops and repeated blocked or failing activity (`activity.rs`).

pub mod activity;
pub mod credential;
pub mod gateway;
pub mod lanes;
pub mod nodes;
pub mod settings;

use pincer_sdk::Check;

/// Every check of the plugin, in report order.
pub const ALL: &[Check] = pincer_sdk::checks![
    nodes::NODE_NEW => nodes::run_node_new,
    nodes::SCOPES_GREW => nodes::run_scopes_grew,
    lanes::TOOL_ENABLED => lanes::run_tool_enabled,
    lanes::SANDBOX_LOWERED => lanes::run_sandbox_lowered,
    settings::ELEVATED_ENABLED => settings::run_elevated_enabled,
    settings::EXEC_RAISED => settings::run_exec_raised,
    gateway::GATEWAY_WEAKENED => gateway::run_gateway_weakened,
    credential::TOKEN_UNROTATED => credential::run_unrotated,
    credential::TOKEN_EXPOSED => credential::run_exposed,
    activity::RESTART_LOOP => activity::run_restart_loop,
    activity::BLOCKED_ACTIVITY => activity::run_blocked_activity,
    activity::INGRESS_FAILURES => activity::run_ingress_failures,
];
