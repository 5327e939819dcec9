//! Builds every built-in plugin (`plugins/*`) to a `wasm32-wasip2` component
//! with a nested cargo, and generates the table that embeds them in the
//! `pincer` binary, so that building the host builds its plugins.
#![allow(
    clippy::print_stderr,
    clippy::print_stdout,
    clippy::disallowed_methods,
    reason = "a build script talks to cargo through stdout, stderr and its environment"
)]

use sha2::Digest as _;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-wasip2";
const PROFILE: &str = "plugin";

/// Environment a nested cargo must not inherit: it would rebuild plugins
/// for the host target, through clippy, or into the outer target dir.
const SCRUBBED_ENV: &[&str] = &[
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

fn main() {
    if let Err(message) = run() {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let manifest_dir = PathBuf::from(env_var("CARGO_MANIFEST_DIR")?);
    let root = manifest_dir
        .parent()
        .ok_or("host crate has no parent directory")?
        .to_path_buf();
    for watched in ["wit", "sdk", "plugins", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }

    let plugins = plugin_dirs(&root.join("plugins"))?;
    for name in &plugins {
        let cases = root.join("tests").join("parity").join(name);
        if !cases.is_dir() {
            return Err(format!(
                "built-in plugin `{name}` has no end-to-end cases: add {} (see tests/parity/README.md)",
                cases.display()
            ));
        }
    }

    let target_dir = root.join("target").join("wasm-plugins");
    build_plugins(&root, &target_dir, &plugins)?;

    let out_dir = PathBuf::from(env_var("OUT_DIR")?);
    let mut table = String::new();
    table.push_str(
        "/// The built-in plugins: (crate directory name, component bytes, their\n\
         /// SHA-256 in hex, computed here so that no audit hashes them again).\n",
    );
    table.push_str("pub static BUILTIN_PLUGINS: &[(&str, &[u8], &str)] = &[\n");
    for name in &plugins {
        let wasm = target_dir
            .join(TARGET)
            .join(PROFILE)
            .join(format!("pincer_plugin_{}.wasm", name.replace('-', "_")));
        if !wasm.is_file() {
            return Err(format!(
                "cargo built plugin `{name}` but {} is missing",
                wasm.display()
            ));
        }
        let bytes = fs::read(&wasm).map_err(|e| format!("reading {}: {e}", wasm.display()))?;
        let digest = format!("{:x}", sha2::Sha256::digest(&bytes));
        let _ = writeln!(
            table,
            "    ({name:?}, include_bytes!({:?}), {digest:?}),",
            wasm.display().to_string()
        );
    }
    table.push_str("];\n");
    fs::write(out_dir.join("builtin_plugins.rs"), table).map_err(|e| e.to_string())?;
    Ok(())
}

fn env_var(name: &str) -> Result<String, String> {
    env::var(name).map_err(|_| format!("cargo did not set {name}"))
}

/// Directory names of `plugins/*` that hold a crate, sorted.
fn plugin_dirs(plugins: &Path) -> Result<Vec<String>, String> {
    let entries =
        fs::read_dir(plugins).map_err(|e| format!("reading {}: {e}", plugins.display()))?;
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

fn build_plugins(root: &Path, target_dir: &Path, plugins: &[String]) -> Result<(), String> {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .current_dir(root)
        .args([
            "build",
            "--quiet",
            "--profile",
            PROFILE,
            "--target",
            TARGET,
            "--target-dir",
        ])
        .arg(target_dir);
    for name in plugins {
        command.args(["--package", &format!("pincer-plugin-{name}")]);
    }
    for name in SCRUBBED_ENV {
        command.env_remove(name);
    }
    let output = command
        .output()
        .map_err(|e| format!("could not run cargo to build the plugins: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("may not be installed") || stderr.contains("can't find crate for `core`") {
        return Err(format!(
            "the `{TARGET}` target is not installed for this toolchain; run `rustup target add {TARGET}`\n{stderr}"
        ));
    }
    Err(format!("building the built-in plugins failed:\n{stderr}"))
}
