//! Secret-bearing files beyond the ones the reference audit states, for
//! the secret-hygiene plugin's own checks: each file in the credentials
//! directory (`credential-file`), the state directory's `.env`
//! (`state-env-file`), the files of file secret providers
//! (`secret-file`), and credential-looking files inside agent workspaces
//! (`workspace-credential`). Only paths leave this module, never contents:
//! nothing here opens a file, it lists directories and reads names.

use pincer_sdk::agents::{expand_home, workspaces};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// At most this many entries are read from one directory listing or one
/// workspace walk, so a huge workspace cannot stall the audit.
const MAX_ENTRIES: usize = 20_000;
/// How deep a workspace walk descends.
const MAX_DEPTH: usize = 6;
/// Directories a workspace walk skips: dependencies and VCS internals.
const SKIPPED_DIRS: &[&str] = &[
    ".git",
    "node_modules",
    ".venv",
    "venv",
    "target",
    "__pycache__",
];

/// One secret-bearing file to state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SecretPath {
    /// Its role.
    pub role: &'static str,
    /// Where it is.
    pub path: PathBuf,
    /// What the fact shows instead of the path, when the path itself comes
    /// from the redacted `secrets` section (every string there is treated
    /// as a secret): the config key that names it.
    pub shown_as: Option<String>,
}

impl SecretPath {
    fn at(role: &'static str, path: PathBuf) -> SecretPath {
        SecretPath {
            role,
            path,
            shown_as: None,
        }
    }
}

/// Every secret-bearing file found.
pub(crate) fn secret_paths(
    state_dir: &Path,
    credentials_dir: &Path,
    config: &Value,
    home: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Vec<SecretPath> {
    let mut found = vec![SecretPath::at("state-env-file", state_dir.join(".env"))];
    found.extend(
        list_files(credentials_dir, state_dir)
            .into_iter()
            .map(|path| SecretPath::at("credential-file", path)),
    );
    found.extend(
        file_providers(config)
            .into_iter()
            .map(|(name, path)| SecretPath {
                role: "secret-file",
                path: expand_home(&path, home),
                shown_as: Some(format!("secrets.providers.{name}.path")),
            }),
    );
    // The workspaces the gateway gives its agents, as the skills scan sees them.
    for workspace in workspaces(config, state_dir, home, env) {
        let mut hits = Vec::new();
        let mut budget = MAX_ENTRIES;
        collect_files(
            &workspace,
            0,
            &mut budget,
            &mut |name| looks_like_credential(name),
            &mut hits,
        );
        hits.sort();
        found.extend(
            hits.into_iter()
                .map(|path| SecretPath::at("workspace-credential", path)),
        );
    }
    found
}

/// The files inside `dir` and its subdirectories (channel credentials
/// nest per account: `whatsapp/<account>/creds.json`), symlinks included
/// (their targets are stated too), symlinked directories not followed;
/// sorted.
/// A `dir` that is a symlink leading out of the state directory is not
/// walked: `credentials -> /etc` would list a whole other tree as
/// credentials (the link itself is a stated path).
fn list_files(dir: &Path, state_dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let is_link = std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        let inside = match (dir.canonicalize(), state_dir.canonicalize()) {
            (Ok(real), Ok(root)) => real.starts_with(root),
            _ => false,
        };
        if !inside {
            return files;
        }
    }
    let mut budget = MAX_ENTRIES;
    collect_files(dir, 0, &mut budget, &mut |_| true, &mut files);
    files.sort();
    files
}

/// Walks `dir` without following symlinked directories, collecting files
/// and symlinks whose name `wanted` accepts; skips dependency and VCS
/// folders; stops at [`MAX_DEPTH`] and after `budget` entries.
fn collect_files(
    dir: &Path,
    depth: usize,
    budget: &mut usize,
    wanted: &mut dyn FnMut(&str) -> bool,
    found: &mut Vec<PathBuf>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if kind.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_ref()) {
                collect_files(&entry.path(), depth + 1, budget, wanted, found);
            }
        } else if (kind.is_file() || kind.is_symlink()) && wanted(&name) {
            found.push(entry.path());
        }
    }
}

/// The files of file secret providers (`secrets.providers.<name>` with
/// `source: "file"` and a `path`), which hold the secrets that file
/// references resolve to.
/// `(provider name, path)`, in the config's order.
pub(crate) fn file_providers(config: &Value) -> Vec<(String, String)> {
    let Some(providers) = config
        .pointer("/secrets/providers")
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    providers
        .iter()
        .filter(|(_, provider)| provider.get("source").and_then(Value::as_str) == Some("file"))
        .filter_map(|(name, provider)| {
            let path = provider.get("path").and_then(Value::as_str)?.trim();
            (!path.is_empty()).then(|| (name.clone(), path.to_owned()))
        })
        .collect()
}

/// Whether a file name looks like it holds a credential.
pub(crate) fn looks_like_credential(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let env_file = lower == ".env"
        || (lower.starts_with(".env.")
            && ![".env.example", ".env.sample", ".env.template", ".env.dist"]
                .contains(&lower.as_str()));
    let key_material = [".pem", ".key", ".p12", ".pfx", ".keystore", ".jks"]
        .iter()
        .any(|suffix| lower.ends_with(suffix));
    let ssh_key = ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"].contains(&lower.as_str());
    let named = [
        "auth-profiles.json",
        "credentials.json",
        ".netrc",
        ".pgpass",
        "oauth.json",
    ]
    .contains(&lower.as_str());
    env_file || key_material || ssh_key || named
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credential_names_are_recognised() {
        for name in [
            ".env",
            ".env.local",
            "server.PEM",
            "id_ed25519",
            "auth-profiles.json",
        ] {
            assert!(looks_like_credential(name), "{name}");
        }
        for name in [".env.example", "README.md", "key.txt", "id_rsa.pub", "env"] {
            assert!(!looks_like_credential(name), "{name}");
        }
    }

    #[test]
    fn workspaces_walk_finds_nested_credentials_but_skips_dependencies() {
        let state = tempfile::tempdir().unwrap();
        let workspace = state.path().join("workspace");
        std::fs::create_dir_all(workspace.join("app/config")).unwrap();
        std::fs::create_dir_all(workspace.join("node_modules/pkg")).unwrap();
        std::fs::write(workspace.join("app/config/.env"), "K=v").unwrap();
        std::fs::write(workspace.join("node_modules/pkg/test.pem"), "x").unwrap();
        std::fs::write(workspace.join("notes.md"), "x").unwrap();
        let found = secret_paths(
            state.path(),
            &state.path().join("credentials"),
            &json!({}),
            None,
            &|_| None,
        );
        let workspace_hits: Vec<_> = found
            .iter()
            .filter(|found| found.role == "workspace-credential")
            .map(|found| found.path.clone())
            .collect();
        assert_eq!(workspace_hits, vec![workspace.join("app/config/.env")]);
    }

    #[test]
    fn every_agents_workspace_is_walked_as_the_gateway_resolves_it() {
        let state = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(state.path().join("workspace-ops")).unwrap();
        std::fs::create_dir_all(home.path().join("build/deploy")).unwrap();
        std::fs::write(state.path().join("workspace-ops/.env"), "K=v").unwrap();
        std::fs::write(home.path().join("build/deploy/id_rsa"), "x").unwrap();
        let config = json!({"agents": {"entries": {
            "main": {"default": true}, "ops": {}, "build": {"workspace": "~/build"}
        }}});
        let found = secret_paths(
            state.path(),
            &state.path().join("credentials"),
            &config,
            Some(home.path()),
            &|_| None,
        );
        let mut hits: Vec<_> = found
            .iter()
            .filter(|found| found.role == "workspace-credential")
            .map(|found| found.path.clone())
            .collect();
        hits.sort();
        let mut expected = vec![
            state.path().join("workspace-ops/.env"),
            home.path().join("build/deploy/id_rsa"),
        ];
        expected.sort();
        assert_eq!(hits, expected);
    }

    #[test]
    fn file_references_and_credentials_are_listed() {
        let state = tempfile::tempdir().unwrap();
        let credentials = state.path().join("credentials");
        std::fs::create_dir_all(&credentials).unwrap();
        std::fs::write(credentials.join("oauth.json"), "{}").unwrap();
        let config = json!({"secrets": {"providers": {
            "vault": {"source": "file", "path": "~/keys/openai", "mode": "singleValue"},
            "shell": {"source": "exec", "command": "pass"}}}});
        let found = secret_paths(
            state.path(),
            &credentials,
            &config,
            Some(Path::new("/home/a")),
            &|_| None,
        );
        assert!(found.contains(&SecretPath::at(
            "credential-file",
            credentials.join("oauth.json")
        )));
        assert!(found.contains(&SecretPath {
            role: "secret-file",
            path: PathBuf::from("/home/a/keys/openai"),
            shown_as: Some("secrets.providers.vault.path".to_owned()),
        }));
        assert!(found.contains(&SecretPath::at("state-env-file", state.path().join(".env"))));
    }
}
