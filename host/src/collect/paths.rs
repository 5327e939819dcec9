//! Which paths of an installation the audit states, with their roles, as
//! OpenClaw 2026.9 lays them out: the state dir, the config and its
//! includes, the credentials (OAuth) dir, the state database, logs, and per
//! agent (`main` and every key of `agents.entries`) the auth-profile store
//! and the sessions store; `logging.file` when set.

use crate::collect::config::{IncludeFact, IncludeStatus};
use pincer_sdk::agents::{expand_home, reference_store_agent_ids};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Files of an agent's auth-profile store, under `agents/<id>/agent/`.
const AUTH_STORE_FILES: &[&str] = &[
    "auth-profiles.json",
    "openclaw-agent.sqlite",
    "openclaw-agent.sqlite-wal",
    "openclaw-agent.sqlite-shm",
    "openclaw-agent.sqlite-journal",
];

/// `(role, path)` of every path the audit states.
pub(crate) fn audited_paths(
    config_path: &Path,
    state_dir: &Path,
    config: &Value,
    includes: &[IncludeFact],
    env: &dyn Fn(&str) -> Option<String>,
) -> Vec<(String, PathBuf)> {
    let home = env("HOME").map(PathBuf::from);
    let expand = |text: &str| expand_home(text, home.as_deref());
    let mut paths = vec![
        ("config".to_owned(), config_path.to_path_buf()),
        ("state-dir".to_owned(), state_dir.to_path_buf()),
    ];
    paths.extend(
        includes
            .iter()
            .filter(|fact| fact.status == IncludeStatus::Included)
            .map(|fact| ("config-include".to_owned(), fact.resolved.clone())),
    );
    let credentials = env("OPENCLAW_OAUTH_DIR")
        .filter(|dir| !dir.trim().is_empty())
        .map_or_else(|| state_dir.join("credentials"), |dir| expand(dir.trim()));
    paths.push(("credentials-dir".to_owned(), credentials));
    for (role, relative) in [
        ("state-db", "state/openclaw.sqlite"),
        ("logs-dir", "logs"),
        ("sessions-dir", "agents"),
    ] {
        paths.push((role.to_owned(), state_dir.join(relative)));
    }
    for agent in reference_store_agent_ids(config) {
        let agent_dir = state_dir.join("agents").join(&agent);
        for file in AUTH_STORE_FILES {
            paths.push((
                "agent-auth-store".to_owned(),
                agent_dir.join("agent").join(file),
            ));
        }
        paths.push((
            "sessions-store".to_owned(),
            agent_dir.join("sessions").join("sessions.json"),
        ));
    }
    if let Some(file) = config
        .pointer("/logging/file")
        .and_then(Value::as_str)
        .filter(|file| !file.trim().is_empty())
    {
        paths.push(("log-file".to_owned(), expand(file.trim())));
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn home_is_expanded_in_oauth_dir_and_log_file() {
        let config = json!({"logging": {"file": "~/.openclaw/logs/o.log"}});
        let env = |name: &str| match name {
            "HOME" => Some("/home/a".to_owned()),
            "OPENCLAW_OAUTH_DIR" => Some("~/.openclaw/oauth".to_owned()),
            _ => None,
        };
        let paths = audited_paths(
            Path::new("/home/a/.openclaw/openclaw.json"),
            Path::new("/home/a/.openclaw"),
            &config,
            &[],
            &env,
        );
        let find = |role: &str| {
            paths
                .iter()
                .find(|(r, _)| r == role)
                .map(|(_, p)| p.display().to_string())
        };
        assert_eq!(
            find("credentials-dir").as_deref(),
            Some("/home/a/.openclaw/oauth")
        );
        assert_eq!(
            find("log-file").as_deref(),
            Some("/home/a/.openclaw/logs/o.log")
        );
        assert_eq!(
            paths
                .iter()
                .filter(|(r, _)| r == "agent-auth-store")
                .count(),
            5
        );
    }
}
