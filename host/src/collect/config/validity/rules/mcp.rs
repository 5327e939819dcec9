//! The MCP servers' rules (`mcp.servers` and `nodeHost.mcp.servers`):
//! retired keys are refused, and a stdio server needs its command.

use super::{Context, entries_of, issue, path};
use crate::collect::config::validity::schema::SchemaIssue;
use serde_json::Value;

/// Keys of other MCP clients that OpenClaw refuses on a server.
const RETIRED_KEYS: &[&str] = &[
    "connectTimeout",
    "connect_timeout",
    "timeout",
    "workingDirectory",
    "supports_parallel_tool_calls",
    "ssl_verify",
    "client_cert",
    "client_key",
];

/// Adds the issues of every MCP server.
pub(super) fn check(context: &Context<'_>, out: &mut Vec<SchemaIssue>) {
    for servers in [
        path(&["mcp", "servers"]),
        path(&["nodeHost", "mcp", "servers"]),
    ] {
        for (server, value) in entries_of(context.config, &servers) {
            let Some(fields) = value.as_object() else {
                continue;
            };
            if context.skipped(&server) {
                continue;
            }
            for key in RETIRED_KEYS.iter().filter(|key| fields.contains_key(**key)) {
                out.push(issue(
                    server.clone(),
                    format!("`{key}` is not a key OpenClaw reads on an MCP server"),
                ));
            }
            if fields.contains_key("disabled") {
                out.push(issue(
                    server.key("disabled"),
                    "`disabled` is not read: write `enabled: false` instead",
                ));
            }
            let blank_command = fields
                .get("command")
                .and_then(Value::as_str)
                .is_none_or(|command| command.trim().is_empty());
            if fields.get("transport").and_then(Value::as_str) == Some("stdio") && blank_command {
                out.push(issue(
                    server.key("transport"),
                    "a stdio server needs a `command`",
                ));
            }
        }
    }
}
