//! docs/writing-checks.md, followed as written: every ```sh block of the
//! walkthrough runs, in order, in one shell (`set -euo pipefail`) with the
//! `pincer` under test first on PATH — `pincer new`, the native tests, the
//! component build, `pincer plugins inspect`, `pincer test`, a pack with
//! its digest, `pincer pack verify`, an audit with the pack and the
//! catalogue. The scaffold's build cache is kept between runs in
//! target/writing-checks so that only the first run compiles the SDK.

use crate::support::{root, text};
use std::path::Path;
use std::process::Command;

/// The ```sh blocks of a Markdown text, in order.
fn shell_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```sh") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// Empties `dir` but for `keep`.
fn clean(dir: &Path, keep: &str) {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() == keep {
            continue;
        }
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            std::fs::remove_dir_all(&path).unwrap();
        } else {
            std::fs::remove_file(&path).unwrap();
        }
    }
}

#[test]
fn the_walkthrough_runs_as_written() {
    let doc = std::fs::read_to_string(root().join("docs/writing-checks.md")).unwrap();
    let blocks = shell_blocks(&doc);
    assert!(blocks.len() >= 6, "found {} shell blocks", blocks.len());
    assert!(
        blocks[0].trim() == "pincer new acme-rules",
        "the walkthrough must start with pincer new: {}",
        blocks[0]
    );
    let work = root().join("target/writing-checks");
    let kept_target = ".acme-rules-target";
    clean(&work, kept_target);
    // After `pincer new`, the previous run's build cache goes back in place.
    let mut script = String::from("set -euo pipefail\n");
    script.push_str(&blocks[0]);
    script.push_str(&format!(
        "if [ -d {kept_target} ]; then rm -rf acme-rules/target; mv {kept_target} acme-rules/target; fi\n"
    ));
    for block in &blocks[1..] {
        script.push_str(block);
    }
    let pincer = Path::new(env!("CARGO_BIN_EXE_pincer"));
    let path = std::env::join_paths(
        std::iter::once(pincer.parent().unwrap().to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .unwrap();
    let mut command = Command::new("bash");
    command
        .arg("-c")
        .arg(&script)
        .current_dir(&work)
        .env("PATH", path)
        .env("XDG_CONFIG_HOME", work.join(".config"))
        .env("PINCER_CACHE_DIR", work.join(".pincer-cache"))
        .env("NO_COLOR", "1");
    for (name, _) in std::env::vars_os() {
        let name_text = name.to_string_lossy();
        if name_text.starts_with("OPENCLAW_")
            || pincer_wasm_build::SCRUBBED_ENV.contains(&name_text.as_ref())
        {
            command.env_remove(&name);
        }
    }
    let output = command.output().unwrap();
    let built = work.join("acme-rules/target");
    if built.is_dir() {
        std::fs::rename(&built, work.join(kept_target)).unwrap();
    }
    let (stdout, stderr) = text(&output);
    assert!(
        output.status.success(),
        "the walkthrough failed:\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    assert!(stdout.contains("2 passed, 0 failed"), "{stdout}");
    assert!(stdout.contains("verified"), "{stdout}");
    assert!(stdout.contains("acme_rules.gateway_bind"), "{stdout}");
}

#[test]
fn pincer_new_refuses_bad_names_and_existing_directories() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let output = crate::support::pincer()
            .arg("new")
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        (output.status.code(), text(&output).1)
    };
    let (code, stderr) = run(&["Acme_Rules"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("Acme_Rules"), "{stderr}");
    std::fs::create_dir(dir.path().join("taken")).unwrap();
    let (code, stderr) = run(&["taken"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("already exists"), "{stderr}");
    let (code, stderr) = run(&["fresh", "--dir", "elsewhere/fresh"]);
    assert_eq!(code, Some(0), "{stderr}");
    let manifest = std::fs::read_to_string(dir.path().join("elsewhere/fresh/Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"fresh\""), "{manifest}");
    assert!(
        dir.path()
            .join("elsewhere/fresh/pincer-sdk/wit/world.wit")
            .is_file()
    );
}
