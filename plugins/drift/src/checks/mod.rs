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
pub const ALL: &[Check] = &[
    Check {
        meta: &nodes::NODE_NEW,
        run: nodes::run_node_new,
    },
    Check {
        meta: &nodes::SCOPES_GREW,
        run: nodes::run_scopes_grew,
    },
    Check {
        meta: &lanes::TOOL_ENABLED,
        run: lanes::run_tool_enabled,
    },
    Check {
        meta: &lanes::SANDBOX_LOWERED,
        run: lanes::run_sandbox_lowered,
    },
    Check {
        meta: &settings::ELEVATED_ENABLED,
        run: settings::run_elevated_enabled,
    },
    Check {
        meta: &settings::EXEC_RAISED,
        run: settings::run_exec_raised,
    },
    Check {
        meta: &gateway::GATEWAY_WEAKENED,
        run: gateway::run_gateway_weakened,
    },
    Check {
        meta: &credential::TOKEN_UNROTATED,
        run: credential::run_unrotated,
    },
    Check {
        meta: &credential::TOKEN_EXPOSED,
        run: credential::run_exposed,
    },
    Check {
        meta: &activity::RESTART_LOOP,
        run: activity::run_restart_loop,
    },
    Check {
        meta: &activity::BLOCKED_ACTIVITY,
        run: activity::run_blocked_activity,
    },
    Check {
        meta: &activity::INGRESS_FAILURES,
        run: activity::run_ingress_failures,
    },
];
