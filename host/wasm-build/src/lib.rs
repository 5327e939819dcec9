//! The one way Pincer builds WebAssembly components: one nested cargo for
//! `wasm32-wasip2` with the `plugin` profile into `target/wasm-plugins`,
//! its environment scrubbed of what would redirect or rewrap it. The host's
//! build script builds the built-ins with it; the end-to-end tests build the
//! test, adversarial and example-pack plugins with it, into the same place.
#![allow(
    clippy::disallowed_methods,
    reason = "a nested cargo is found through, and cleaned of, the environment"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The target every component is built for.
pub const TARGET: &str = "wasm32-wasip2";

/// The cargo profile of components (`[profile.plugin]` in the workspace).
pub const PROFILE: &str = "plugin";

/// Environment a nested cargo must not inherit: it would build for the host
/// target, through clippy or a wrapper, or into the outer target dir.
pub const SCRUBBED_ENV: &[&str] = &[
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "RUSTFLAGS",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
    "CLIPPY_ARGS",
    "CARGO_PRIMARY_PACKAGE",
];

/// The target dir of components, beside the workspace's own.
#[must_use]
pub fn target_dir(root: &Path) -> PathBuf {
    root.join("target").join("wasm-plugins")
}

/// The component cargo builds for `package` in the workspace at `root`.
#[must_use]
pub fn component(root: &Path, package: &str) -> PathBuf {
    target_dir(root)
        .join(TARGET)
        .join(PROFILE)
        .join(format!("{}.wasm", package.replace('-', "_")))
}

/// The names of the folders directly under `dir` that hold a crate, sorted.
///
/// # Errors
///
/// When `dir` cannot be read.
pub fn crate_dirs(dir: &Path) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.path().join("Cargo.toml").is_file() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// Builds `packages` of the workspace at `root` into components (see
/// [`component`] for where each lands), in one cargo invocation.
///
/// # Errors
///
/// When cargo cannot run or the build fails; a missing `wasm32-wasip2`
/// target says how to add it.
pub fn build(root: &Path, packages: &[String]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .current_dir(root)
        .args(["build", "--quiet", "--profile", PROFILE, "--target", TARGET])
        .arg("--target-dir")
        .arg(target_dir(root));
    for package in packages {
        command.args(["--package", package]);
    }
    for name in SCRUBBED_ENV {
        command.env_remove(name);
    }
    let output = command
        .output()
        .map_err(|e| format!("could not run cargo to build the components: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("may not be installed") || stderr.contains("can't find crate for `core`") {
        return Err(format!(
            "the `{TARGET}` target is not installed for this toolchain; run `rustup target add {TARGET}`\n{stderr}"
        ));
    }
    Err(format!("building the components failed:\n{stderr}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_lands_under_the_shared_target_dir_with_underscores() {
        let path = component(Path::new("/w"), "pincer-plugin-control-plane");
        assert_eq!(
            path,
            Path::new(
                "/w/target/wasm-plugins/wasm32-wasip2/plugin/pincer_plugin_control_plane.wasm"
            )
        );
    }

    #[test]
    fn crate_dirs_lists_only_folders_with_a_manifest() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plugins");
        let names = crate_dirs(&root).expect("plugins/ reads");
        assert!(names.contains(&"control-plane".to_owned()), "{names:?}");
        assert!(names.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
