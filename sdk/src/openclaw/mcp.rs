//! MCP servers as OpenClaw lists them: a map from server name to its
//! settings (`mcp.servers` in the config, `mcpServers` in mcporter.json),
//! where a server is on unless it says `enabled: false`.

use serde_json::Value;

/// The names of the enabled servers of a server map, in its order.
pub fn enabled_servers(servers: Option<&Value>) -> Vec<String> {
    servers
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, server)| server.get("enabled").and_then(Value::as_bool) != Some(false))
        .map(|(name, _)| name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_server_is_on_unless_it_says_otherwise() {
        let servers = json!({"a": {}, "b": {"enabled": false}, "c": {"enabled": true}, "d": 3});
        assert_eq!(enabled_servers(Some(&servers)), ["a", "c", "d"]);
        assert!(enabled_servers(Some(&json!([]))).is_empty());
        assert!(enabled_servers(None).is_empty());
    }
}
