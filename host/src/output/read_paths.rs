//! Every path an audit read or would read — the config and every include,
//! the state directory, the credentials and OAuth directories, auth
//! profiles, workspaces, secret files, the log file, service definitions —
//! kept by the host (never given to a plugin) so that no output can
//! replace one: `--output`, `--format F=FILE`, `--history` and the
//! compiled-plugin cache are each checked against it before anything is
//! written.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The paths one audit reads: files (refused as outputs themselves) and
/// directory trees (refused with everything inside).
/// Each path with its role (`config-include`, `credentials-dir`, ...),
/// which an error names: a path may itself be secret (a file secret
/// provider's), so errors never print it.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReadPaths {
    files: Vec<(String, PathBuf)>,
    trees: Vec<(String, PathBuf)>,
}

impl ReadPaths {
    /// Adds a file the audit reads (or states).
    pub(crate) fn file(&mut self, role: &str, path: impl Into<PathBuf>) {
        let path = path.into();
        if !self.files.iter().any(|(_, known)| *known == path) {
            self.files.push((role.to_owned(), path));
        }
    }

    /// Adds a directory the audit reads below.
    pub(crate) fn tree(&mut self, role: &str, path: impl Into<PathBuf>) {
        let path = path.into();
        if !self.trees.iter().any(|(_, known)| *known == path) {
            self.trees.push((role.to_owned(), path));
        }
    }

    /// Whether writing `output` (a file, or a directory Pincer writes
    /// files into) could replace something the audit reads: it is one of
    /// the files, or lies inside one of the trees, both resolved as far as
    /// they exist (so a symlink to an audited file counts as that file).
    /// The role of what it would replace.
    pub(crate) fn holds(&self, output: &Path) -> Option<&str> {
        let output = real_path(output);
        self.files
            .iter()
            .find(|(_, file)| real_path(file) == output)
            .or_else(|| {
                self.trees
                    .iter()
                    .find(|(_, tree)| output.starts_with(real_path(tree)))
            })
            .map(|(role, _)| role.as_str())
    }

    /// Refuses `output` when [`ReadPaths::holds`] it.
    pub(crate) fn refuse(&self, output: &Path) -> Result<()> {
        match self.holds(output) {
            Some(role) => Err(Error::Write {
                target: output.display().to_string(),
                source: std::io::Error::other(format!(
                    "refusing to write into the audited config or state directory: the audit \
                     reads this path ({role})"
                )),
            }),
            None => Ok(()),
        }
    }
}

/// Roles of [`crate::collect::paths::audited_paths`] that are directories read below.
const TREE_ROLES: &[&str] = &["state-dir", "credentials-dir", "logs-dir", "sessions-dir"];

/// What an audit of `target` reads, as far as its config (when it could be
/// loaded: `config` and its includes) and the environment tell: the
/// config and its includes, the state directory, every stated path, the
/// files of file secret providers and references, and every workspace.
pub(crate) fn expected(
    target: &crate::collect::locate::Target,
    config: Option<(&serde_json::Value, &[crate::collect::config::IncludeFact])>,
    env: &dyn Fn(&str) -> Option<String>,
) -> ReadPaths {
    let mut read = ReadPaths::default();
    read.file("config", &target.config);
    read.tree("state-dir", &target.state_dir);
    let empty = serde_json::Value::Object(serde_json::Map::new());
    let (value, includes) = config.unwrap_or((&empty, &[]));
    for include in includes {
        read.file("config-include", &include.resolved);
    }
    for (role, path) in crate::collect::paths::audited_paths(
        &target.config,
        &target.state_dir,
        value,
        includes,
        env,
    ) {
        if TREE_ROLES.contains(&role.as_str()) {
            read.tree(&role, path);
        } else {
            read.file(&role, path);
        }
    }
    let home = env("HOME").map(PathBuf::from);
    for (_, path) in crate::collect::secret_files::file_providers(value) {
        read.file(
            "secret-file",
            pincer_sdk::agents::expand_home(&path, home.as_deref()),
        );
    }
    for path in file_references(value) {
        read.file("secret-file", path);
    }
    for workspace in pincer_sdk::agents::workspaces(value, &target.state_dir, home.as_deref(), env)
    {
        read.tree("workspace", workspace);
    }
    read
}

/// The `id`s of file secret references (`{source: "file", id}`) anywhere
/// in the config, walked without recursion.
fn file_references(config: &serde_json::Value) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![config];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Object(object) => {
                if object.get("source").and_then(serde_json::Value::as_str) == Some("file")
                    && let Some(id) = object.get("id").and_then(serde_json::Value::as_str)
                {
                    found.push(PathBuf::from(id));
                }
                stack.extend(object.values());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found
}

/// A path with its longest existing prefix resolved (symlinks, `..`), the
/// rest appended: where it would be once created.
pub(crate) fn real_path(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(resolved) = existing.canonicalize() {
            return rest
                .iter()
                .rev()
                .fold(resolved, |acc: PathBuf, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return crate::input_file::normalize(&absolute),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn files_trees_and_links_to_them_are_held() {
        let dir = tempfile::tempdir().unwrap();
        let include = dir.path().join("base.json5");
        std::fs::write(&include, "{}").unwrap();
        let state = dir.path().join("state");
        std::fs::create_dir(&state).unwrap();
        let mut read = ReadPaths::default();
        read.file("config-include", &include);
        read.tree("state-dir", &state);
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&include, &link).unwrap();
        assert_eq!(read.holds(&include), Some("config-include"));
        assert!(read.holds(&link).is_some());
        assert!(read.holds(&state.join("new/report.json")).is_some());
        assert!(read.holds(&dir.path().join("report.json")).is_none());
        assert!(read.refuse(&dir.path().join("report.json")).is_ok());
        assert!(read.refuse(&include).is_err());
    }
}
