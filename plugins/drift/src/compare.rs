//! The current posture, computed from the view exactly as the host records
//! it, next to the baseline's; and the orderings drift is judged by (how
//! sandboxed, how exposed, how much exec may do).

use pincer_sdk::View;
use pincer_sdk::baseline::{LanePosture, Posture, lanes, settings};
use serde_json::Value;

/// The parts of the current posture drift compares.
pub struct Current {
    /// The defaults and every agent.
    pub lanes: Vec<LanePosture>,
    /// The security-relevant settings.
    pub settings: std::collections::BTreeMap<String, Value>,
}

impl Current {
    /// Of the view.
    pub fn of(view: &View) -> Current {
        Current {
            lanes: lanes(view),
            settings: settings(view),
        }
    }
}

/// The lane of `previous` to compare `lane` with: the same lane, or, for
/// a lane that is new (an agent added since), the previous defaults.
pub fn previous_lane<'a>(previous: &'a Posture, lane: &LanePosture) -> Option<&'a LanePosture> {
    previous
        .lanes
        .iter()
        .find(|old| old.lane == lane.lane)
        .or_else(|| {
            previous
                .lanes
                .iter()
                .find(|old| old.lane == "agents.defaults")
        })
}

/// How sandboxed a mode is: `all` 2, `non-main` 1, anything else 0.
pub fn sandbox_rank(mode: &str) -> u8 {
    match mode {
        "all" => 2,
        "non-main" => 1,
        _ => 0,
    }
}

/// How far the gateway listens: loopback (or unset) 0, tailnet 1,
/// anything wider 2.
pub fn bind_rank(bind: Option<&str>) -> u8 {
    match bind {
        None | Some("loopback") => 0,
        Some("tailnet") => 1,
        Some(_) => 2,
    }
}

/// What global exec may do: deny 0, allowlist 1, full 2 (`mode` over
/// `security`; unset is deny).
pub fn exec_rank(settings: &std::collections::BTreeMap<String, Value>) -> u8 {
    let text = |key: &str| settings.get(key).and_then(Value::as_str);
    match text("tools.exec.mode") {
        Some("full") => return 2,
        Some("deny") => return 0,
        Some("allowlist" | "ask" | "auto") => return 1,
        _ => {}
    }
    match text("tools.exec.security") {
        Some("full") => 2,
        Some("allowlist") => 1,
        _ => 0,
    }
}

/// The spelling of an exec rank.
pub fn exec_name(rank: u8) -> &'static str {
    match rank {
        0 => "deny",
        1 => "allowlist",
        _ => "full",
    }
}
