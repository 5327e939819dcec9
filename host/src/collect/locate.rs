//! Finds the config file and state directory the way OpenClaw does:
//! flags first, then `OPENCLAW_CONFIG_PATH` / `OPENCLAW_STATE_DIR`, then
//! `~/.openclaw/openclaw.json` and `~/.openclaw`. Both are made absolute
//! here, once, so that everything relative to them (includes, the
//! database) resolves against the right directory whatever the working
//! directory's name.

use crate::env::Env;
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

impl Target {
    /// A target of these paths, made absolute (lexically: `.` and `..`
    /// folded against the working directory, symlinks kept, as OpenClaw's
    /// `path.resolve` does).
    pub fn new(config: PathBuf, state_dir: PathBuf) -> Target {
        Target {
            config: crate::input_file::absolute(&config),
            state_dir: crate::input_file::absolute(&state_dir),
        }
    }
}

/// Resolves the target from explicit flags and the environment.
pub(crate) fn locate(
    config: Option<PathBuf>,
    state_dir: Option<PathBuf>,
    env: &Env,
) -> Result<Target> {
    let state_dir = match state_dir.or_else(|| env.path("OPENCLAW_STATE_DIR")) {
        Some(dir) => dir,
        None => env.home().ok_or(Error::NoConfigPath)?.join(".openclaw"),
    };
    let config = config
        .or_else(|| env.path("OPENCLAW_CONFIG_PATH"))
        .unwrap_or_else(|| state_dir.join("openclaw.json"));
    Ok(Target::new(config, state_dir))
}
