//! Builds every built-in plugin (`plugins/*`) to a `wasm32-wasip2` component
//! (through `pincer-wasm-build`, the one way components are built), and
//! generates the table that embeds them in the `pincer` binary, so that
//! building the host builds its plugins.
#![allow(
    clippy::print_stderr,
    clippy::print_stdout,
    clippy::disallowed_methods,
    reason = "a build script talks to cargo through stdout, stderr and its environment"
)]

use pincer_wasm_build as wasm;
use sha2::Digest as _;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

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

    let plugins = wasm::crate_dirs(&root.join("plugins"))?;
    for name in &plugins {
        let cases = root.join("tests").join("parity").join(name);
        if !cases.is_dir() {
            return Err(format!(
                "built-in plugin `{name}` has no end-to-end cases: add {} (see tests/parity/README.md)",
                cases.display()
            ));
        }
    }

    let packages: Vec<String> = plugins
        .iter()
        .map(|name| format!("pincer-plugin-{name}"))
        .collect();
    wasm::build(&root, &packages)?;

    let out_dir = PathBuf::from(env_var("OUT_DIR")?);
    let mut table = String::new();
    table.push_str(
        "/// The built-in plugins: (crate directory name, component bytes, their\n\
         /// SHA-256 in hex, computed here so that no audit hashes them again).\n",
    );
    table.push_str("pub static BUILTIN_PLUGINS: &[(&str, &[u8], &str)] = &[\n");
    for (name, package) in plugins.iter().zip(&packages) {
        let wasm = wasm::component(&root, package);
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
