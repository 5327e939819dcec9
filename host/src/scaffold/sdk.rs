//! The SDK's sources, its data and the WIT package, embedded so that `pincer new`
//! can vendor the exact SDK this pincer serves into a new plugin. A test
//! keeps the lists equal to the files of `sdk/src` and `wit/`.

/// `(path under src/, contents)` of every SDK source file.
pub(super) const SDK_SOURCES: &[(&str, &str)] = &[
    (
        "author/bindings.rs",
        include_str!("../../../sdk/src/author/bindings.rs"),
    ),
    (
        "author/coverage.rs",
        include_str!("../../../sdk/src/author/coverage.rs"),
    ),
    (
        "author/finding.rs",
        include_str!("../../../sdk/src/author/finding.rs"),
    ),
    (
        "author/guest.rs",
        include_str!("../../../sdk/src/author/guest.rs"),
    ),
    (
        "author/meta.rs",
        include_str!("../../../sdk/src/author/meta.rs"),
    ),
    (
        "author/params.rs",
        include_str!("../../../sdk/src/author/params.rs"),
    ),
    (
        "author/run_error.rs",
        include_str!("../../../sdk/src/author/run_error.rs"),
    ),
    (
        "author/testing.rs",
        include_str!("../../../sdk/src/author/testing.rs"),
    ),
    (
        "author/view.rs",
        include_str!("../../../sdk/src/author/view.rs"),
    ),
    ("lib.rs", include_str!("../../../sdk/src/lib.rs")),
    (
        "model/baseline.rs",
        include_str!("../../../sdk/src/model/baseline.rs"),
    ),
    (
        "model/credentials.rs",
        include_str!("../../../sdk/src/model/credentials.rs"),
    ),
    (
        "model/redact.rs",
        include_str!("../../../sdk/src/model/redact.rs"),
    ),
    (
        "model/secret.rs",
        include_str!("../../../sdk/src/model/secret.rs"),
    ),
    (
        "model/sensitive.rs",
        include_str!("../../../sdk/src/model/sensitive.rs"),
    ),
    (
        "model/severity.rs",
        include_str!("../../../sdk/src/model/severity.rs"),
    ),
    (
        "model/state.rs",
        include_str!("../../../sdk/src/model/state.rs"),
    ),
    (
        "model/url_secrets.rs",
        include_str!("../../../sdk/src/model/url_secrets.rs"),
    ),
    (
        "openclaw/agents.rs",
        include_str!("../../../sdk/src/openclaw/agents.rs"),
    ),
    (
        "openclaw/auth_facts.rs",
        include_str!("../../../sdk/src/openclaw/auth_facts.rs"),
    ),
    (
        "openclaw/envsubst.rs",
        include_str!("../../../sdk/src/openclaw/envsubst.rs"),
    ),
    (
        "openclaw/exec.rs",
        include_str!("../../../sdk/src/openclaw/exec.rs"),
    ),
    (
        "openclaw/inventory.rs",
        include_str!("../../../sdk/src/openclaw/inventory.rs"),
    ),
    (
        "openclaw/mcp.rs",
        include_str!("../../../sdk/src/openclaw/mcp.rs"),
    ),
    (
        "openclaw/time.rs",
        include_str!("../../../sdk/src/openclaw/time.rs"),
    ),
    (
        "openclaw/token_age.rs",
        include_str!("../../../sdk/src/openclaw/token_age.rs"),
    ),
    (
        "openclaw/tools.rs",
        include_str!("../../../sdk/src/openclaw/tools.rs"),
    ),
];

/// `(file name, contents)` of every file of the SDK's `data/`: the
/// redaction's rules, with gitleaks' licence.
pub(super) const SDK_DATA: &[(&str, &str)] = &[
    ("README.md", include_str!("../../../sdk/data/README.md")),
    (
        "gitleaks-LICENSE",
        include_str!("../../../sdk/data/gitleaks-LICENSE"),
    ),
    (
        "gitleaks.toml",
        include_str!("../../../sdk/data/gitleaks.toml"),
    ),
    (
        "openclaw-redaction.json",
        include_str!("../../../sdk/data/openclaw-redaction.json"),
    ),
    (
        "pincer-rules.toml",
        include_str!("../../../sdk/data/pincer-rules.toml"),
    ),
];

/// `(file name, contents)` of every file of the `pincer:audit` WIT package.
pub(super) const WIT_SOURCES: &[(&str, &str)] = &[
    ("baseline.wit", include_str!("../../../wit/baseline.wit")),
    ("config.wit", include_str!("../../../wit/config.wit")),
    ("gateway.wit", include_str!("../../../wit/gateway.wit")),
    (
        "host-facts.wit",
        include_str!("../../../wit/host-facts.wit"),
    ),
    ("log.wit", include_str!("../../../wit/log.wit")),
    ("nodes.wit", include_str!("../../../wit/nodes.wit")),
    ("params.wit", include_str!("../../../wit/params.wit")),
    ("types.wit", include_str!("../../../wit/types.wit")),
    ("world.wit", include_str!("../../../wit/world.wit")),
];

/// The SDK's bindings read the WIT package from the repository's `wit/`
/// (`../wit`); vendored, it sits in the SDK's own `wit/`.
pub(super) fn vendored(file: &str, text: &str) -> String {
    if file == "author/bindings.rs" {
        text.replacen("path: \"../wit\"", "path: \"wit\"", 1)
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::SDK_SOURCES;
    use std::path::Path;

    /// The sorted paths of the files under `dir` (a directory relative to
    /// the host crate), relative to it, with `/` between folders.
    fn files_in(dir: &str) -> Vec<String> {
        fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("a source directory") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    walk(root, &path, out);
                } else {
                    let relative = path.strip_prefix(root).expect("under the root");
                    out.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut names = Vec::new();
        walk(&root, &root, &mut names);
        names.sort();
        names
    }

    #[test]
    fn every_sdk_source_and_wit_file_is_embedded() {
        let names = |files: &[(&str, &str)]| -> Vec<String> {
            files.iter().map(|(name, _)| (*name).to_owned()).collect()
        };
        assert_eq!(
            names(SDK_SOURCES),
            files_in("../sdk/src"),
            "update host/src/scaffold/sdk.rs"
        );
        assert_eq!(
            names(super::WIT_SOURCES),
            files_in("../wit"),
            "update host/src/scaffold/sdk.rs"
        );
        assert_eq!(
            names(super::SDK_DATA),
            files_in("../sdk/data"),
            "update host/src/scaffold/sdk.rs"
        );
    }

    #[test]
    fn the_vendored_bindings_read_the_vendored_wit() {
        let (_, bindings) = SDK_SOURCES
            .iter()
            .find(|(name, _)| *name == "author/bindings.rs")
            .expect("author/bindings.rs");
        let vendored = super::vendored("author/bindings.rs", bindings);
        assert!(vendored.contains("path: \"wit\""), "{vendored}");
    }
}
