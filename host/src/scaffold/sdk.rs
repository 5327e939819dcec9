//! The SDK's sources, its data and the WIT package, embedded so that `pincer new`
//! can vendor the exact SDK this pincer serves into a new plugin. A test
//! keeps the lists equal to the files of `sdk/src` and `wit/`.

/// `(path under src/, contents)` of every SDK source file.
pub(super) const SDK_SOURCES: &[(&str, &str)] = &[
    ("agents.rs", include_str!("../../../sdk/src/agents.rs")),
    (
        "auth_facts.rs",
        include_str!("../../../sdk/src/auth_facts.rs"),
    ),
    ("baseline.rs", include_str!("../../../sdk/src/baseline.rs")),
    ("bindings.rs", include_str!("../../../sdk/src/bindings.rs")),
    (
        "credentials.rs",
        include_str!("../../../sdk/src/credentials.rs"),
    ),
    ("envsubst.rs", include_str!("../../../sdk/src/envsubst.rs")),
    ("exec.rs", include_str!("../../../sdk/src/exec.rs")),
    ("finding.rs", include_str!("../../../sdk/src/finding.rs")),
    ("guest.rs", include_str!("../../../sdk/src/guest.rs")),
    (
        "inventory.rs",
        include_str!("../../../sdk/src/inventory.rs"),
    ),
    ("lib.rs", include_str!("../../../sdk/src/lib.rs")),
    ("meta.rs", include_str!("../../../sdk/src/meta.rs")),
    ("params.rs", include_str!("../../../sdk/src/params.rs")),
    ("redact.rs", include_str!("../../../sdk/src/redact.rs")),
    ("secret.rs", include_str!("../../../sdk/src/secret.rs")),
    (
        "sensitive.rs",
        include_str!("../../../sdk/src/sensitive.rs"),
    ),
    ("severity.rs", include_str!("../../../sdk/src/severity.rs")),
    ("state.rs", include_str!("../../../sdk/src/state.rs")),
    ("testing.rs", include_str!("../../../sdk/src/testing.rs")),
    ("time.rs", include_str!("../../../sdk/src/time.rs")),
    (
        "token_age.rs",
        include_str!("../../../sdk/src/token_age.rs"),
    ),
    ("tools.rs", include_str!("../../../sdk/src/tools.rs")),
    (
        "url_secrets.rs",
        include_str!("../../../sdk/src/url_secrets.rs"),
    ),
    ("view.rs", include_str!("../../../sdk/src/view.rs")),
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
    if file == "bindings.rs" {
        text.replacen("path: \"../wit\"", "path: \"wit\"", 1)
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::SDK_SOURCES;
    use std::path::Path;

    /// The sorted file names in `dir`, relative to the host crate.
    fn files_in(dir: &str) -> Vec<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("a source directory")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
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
            .find(|(name, _)| *name == "bindings.rs")
            .expect("bindings.rs");
        let vendored = super::vendored("bindings.rs", bindings);
        assert!(vendored.contains("path: \"wit\""), "{vendored}");
    }
}
