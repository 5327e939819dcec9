//! `--deep`: the code-safety scan of installed plugins and workspace
//! skills, as the gateway's own deep audit does it — each plugin's
//! `package.json` entries (escaping the plugin dir, or hidden in
//! `node_modules` or a dot-folder), then its JavaScript and TypeScript
//! sources (depth-first, hidden dirs and `node_modules` skipped, symlinks
//! ignored, at most 500 files of at most 1 MiB each),
//! through the rules of `rules.rs`; each skill folder the same way, plus
//! its `SKILL.md` text. Only rule ids, file paths and line numbers leave.

mod rules;

use crate::input_file::{ReadError, Within};
use pincer_sdk::{CodeScan, ScannedPackage};
use serde_json::Value;
use std::path::{Component, Path, PathBuf};

/// The most source files scanned per package.
const MAX_FILES: usize = 500;
/// Larger files are skipped.
const MAX_FILE_BYTES: u64 = 1 << 20;
/// How much of a `SKILL.md` is read.
const MAX_SKILL_BYTES: usize = 256 * 1024;
/// Source file extensions.
const EXTENSIONS: &[&str] = &["js", "ts", "mjs", "cjs", "mts", "cts", "jsx", "tsx"];

fn is_source(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The source files of a package dir: `forced` first, then a depth-first
/// walk.
fn source_files(root: &Path, forced: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = forced
        .iter()
        .filter(|f| is_source(f) && std::fs::symlink_metadata(f).is_ok_and(|m| m.is_file()))
        .cloned()
        .collect();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)?.filter_map(Result::ok).collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries.into_iter().rev() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name == "node_modules" {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() && is_source(&entry.path()) && !files.contains(&entry.path()) {
                files.push(entry.path());
            }
        }
    }
    files.truncate(MAX_FILES);
    Ok(files)
}

/// Scans the source files of a package dir into `package`.
fn scan_dir(root: &Path, forced: &[PathBuf], package: &mut ScannedPackage) {
    match source_files(root, forced) {
        Ok(files) => {
            for file in files {
                // A regular file inside the package, at most MAX_FILE_BYTES.
                let Ok(text) =
                    crate::input_file::read_text(&file, Within::Root(root), MAX_FILE_BYTES)
                else {
                    continue;
                };
                package
                    .findings
                    .extend(rules::scan_source(&file.display().to_string(), &text));
            }
        }
        Err(error) => package.scan_error = Some(format!("{}: {error}", root.display())),
    }
}

/// A path resolved lexically against `root`.
fn resolve(root: &Path, entry: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for component in root.join(entry).components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Scans one installed plugin dir.
fn scan_plugin(dir: &Path, id: &str) -> ScannedPackage {
    let mut package = ScannedPackage {
        id: id.to_owned(),
        path: dir.display().to_string(),
        ..ScannedPackage::default()
    };
    let manifest = dir.join("package.json");
    let mut entries: Vec<String> = Vec::new();
    let read = crate::input_file::read_text(&manifest, Within::Root(dir), MAX_FILE_BYTES);
    if !matches!(read, Err(ReadError::Missing)) {
        let parsed = {
            read.map_err(|e| e.to_string()).and_then(|text| {
                if text.trim().is_empty() {
                    Ok(Value::Null)
                } else {
                    serde_json::from_str::<Value>(&text).map_err(|e| e.to_string())
                }
            })
        };
        match parsed {
            Ok(value) => {
                entries = value
                    .pointer("/openclaw/extensions")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(|e| e.trim().to_owned())
                    .filter(|e| !e.is_empty())
                    .collect();
            }
            Err(error) => package.manifest_error = Some(error),
        }
    }
    let mut forced = Vec::new();
    for entry in &entries {
        let resolved = resolve(dir, entry);
        if !resolved.starts_with(dir) {
            package.escaping_entries.push(entry.clone());
            continue;
        }
        let hidden = resolved
            .strip_prefix(dir)
            .into_iter()
            .flat_map(Path::components)
            .any(|c| {
                let name = c.as_os_str().to_string_lossy();
                name == "node_modules" || (name.starts_with('.') && name != "." && name != "..")
            });
        if hidden {
            package.hidden_entries.push(entry.clone());
        }
        forced.push(resolved);
    }
    scan_dir(dir, &forced, &mut package);
    package
}

/// Scans one skill folder: its sources and its `SKILL.md`.
fn scan_skill(skill_md: &Path) -> ScannedPackage {
    let dir = skill_md.parent().unwrap_or(skill_md);
    let mut package = ScannedPackage {
        id: dir
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        path: dir.display().to_string(),
        ..ScannedPackage::default()
    };
    scan_dir(dir, &[], &mut package);
    // SKILL.md may be a link (the walk follows them); it is read only if it
    // is a regular file, and no further than MAX_SKILL_BYTES.
    match crate::input_file::read_prefix(skill_md, Within::Anywhere, MAX_SKILL_BYTES as u64) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes[..bytes.len().min(MAX_SKILL_BYTES)]);
            let file = skill_md.display().to_string();
            package
                .findings
                .extend(rules::scan_skill_text(&file, &text));
            package.findings.extend(rules::scan_source(&file, &text));
        }
        Err(error) => package.scan_error = Some(format!("{}: {error}", skill_md.display())),
    }
    package
}

/// Scans the installed plugins and the workspace skills.
pub(crate) fn scan(state_dir: &Path, plugin_dirs: &[String], skill_files: &[PathBuf]) -> CodeScan {
    let extensions = state_dir.join("extensions");
    CodeScan {
        plugins: plugin_dirs
            .iter()
            .map(|name| scan_plugin(&extensions.join(name), name))
            .collect(),
        skills: skill_files.iter().map(|file| scan_skill(file)).collect(),
    }
}
