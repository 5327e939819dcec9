//! Finds the config file and state directory the way OpenClaw does:
//! flags first, then `OPENCLAW_CONFIG_PATH` / `OPENCLAW_STATE_DIR`, then
//! `~/.openclaw/openclaw.json` and `~/.openclaw`.

use crate::error::{Error, Result};
use std::path::PathBuf;

/// The paths one audit reads.
#[derive(Debug, Clone)]
pub struct Target {
    /// The config file.
    pub config: PathBuf,
    /// The state directory (may not exist).
    pub state_dir: PathBuf,
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Resolves the target from explicit flags and the environment.
pub fn locate(config: Option<PathBuf>, state_dir: Option<PathBuf>) -> Result<Target> {
    let state_dir = match state_dir.or_else(|| env_path("OPENCLAW_STATE_DIR")) {
        Some(dir) => dir,
        None => home().ok_or(Error::NoConfigPath)?.join(".openclaw"),
    };
    let config = config
        .or_else(|| env_path("OPENCLAW_CONFIG_PATH"))
        .unwrap_or_else(|| state_dir.join("openclaw.json"));
    Ok(Target { config, state_dir })
}
