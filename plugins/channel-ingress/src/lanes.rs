//! The tool contexts an inbound message can land in — the defaults and each
//! configured agent — and which risky tools each leaves reachable: runtime
//! (`exec`, `process`) and file tools outside a full sandbox, and the
//! gateway's control-plane tools (`automations`, `gateway`, `plugins`).

use pincer_sdk::View;
use pincer_sdk::agents::{Agent, default_sandbox_mode, roster};
use pincer_sdk::tools::LanePolicy;
use serde_json::Value;

/// The runtime tools.
const RUNTIME_TOOLS: &[&str] = &["exec", "process"];

/// The file tools.
const FS_TOOLS: &[&str] = &["read", "write", "edit", "apply_patch"];

/// Tools that change the gateway itself: scheduled runs, config and
/// self-update, plugin installs.
pub const CONTROL_PLANE_TOOLS: &[&str] = &["automations", "gateway", "plugins"];

/// One tool context.
pub struct Lane<'a> {
    /// `agents.defaults` or `agents.entries.<id>`.
    pub label: String,
    /// The agent, or none for the defaults.
    pub agent: Option<Agent<'a>>,
}

impl<'a> Lane<'a> {
    /// The sandbox mode the lane runs with.
    pub fn sandbox_mode(&self, view: &'a View) -> &'a str {
        self.agent.as_ref().map_or_else(
            || default_sandbox_mode(view),
            |agent| agent.sandbox_mode(view),
        )
    }

    /// The tools of `candidates` the lane's tool policy admits.
    pub fn admitted(&self, view: &View, candidates: &[&'static str]) -> Vec<&'static str> {
        let policy = LanePolicy::new(view, self.agent.as_ref(), None, true);
        candidates
            .iter()
            .copied()
            .filter(|tool| policy.allows(tool))
            .collect()
    }

    /// A setting of the lane's own `tools`, else the global one.
    fn tools_setting(&self, view: &'a View, path: &str) -> Option<&'a Value> {
        self.agent
            .as_ref()
            .and_then(|agent| agent.get(&format!("tools.{path}")))
            .or_else(|| view.get(&format!("tools.{path}")))
    }
}

/// The defaults, then every agent of the roster.
pub fn lanes(view: &View) -> Vec<Lane<'_>> {
    let mut out = vec![Lane {
        label: "agents.defaults".to_owned(),
        agent: None,
    }];
    out.extend(roster(view).into_iter().map(|agent| Lane {
        label: agent.path(),
        agent: Some(agent),
    }));
    out
}

/// A lane where runtime or file tools reach past the sandbox.
pub struct RiskyLane {
    /// Its label with what it exposes, for a finding's detail.
    pub description: String,
    /// Whether runtime tools run outside a full sandbox.
    pub runtime_unguarded: bool,
}

/// The lanes whose runtime tools run outside a full sandbox, or whose file
/// tools do without `tools.fs.workspaceOnly`.
pub fn risky_lanes(view: &View) -> Vec<RiskyLane> {
    let mut out = Vec::new();
    for lane in lanes(view) {
        let mode = lane.sandbox_mode(view);
        let runtime = lane.admitted(view, RUNTIME_TOOLS);
        let fs = lane.admitted(view, FS_TOOLS);
        let workspace_only = lane
            .tools_setting(view, "fs.workspaceOnly")
            .and_then(Value::as_bool)
            == Some(true);
        let runtime_unguarded = !runtime.is_empty() && mode != "all";
        let fs_unguarded = !fs.is_empty() && mode != "all" && !workspace_only;
        if !runtime_unguarded && !fs_unguarded {
            continue;
        }
        let list = |tools: &[&str]| {
            if tools.is_empty() {
                "none".to_owned()
            } else {
                tools.join(", ")
            }
        };
        out.push(RiskyLane {
            description: format!(
                "{} (sandbox {mode}; runtime tools: {}; file tools: {}; fs.workspaceOnly {workspace_only})",
                lane.label,
                list(&runtime),
                list(&fs)
            ),
            runtime_unguarded,
        });
    }
    out
}

/// The lanes that admit a control-plane tool, each with those tools.
pub fn control_plane_lanes(view: &View) -> Vec<String> {
    lanes(view)
        .into_iter()
        .filter_map(|lane| {
            let tools = lane.admitted(view, CONTROL_PLANE_TOOLS);
            (!tools.is_empty()).then(|| format!("{} ({})", lane.label, tools.join(", ")))
        })
        .collect()
}
