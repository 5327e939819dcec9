//! `pincer new NAME`: a plugin crate that builds to a component out of the
//! box — one example check, native tests, `pincer test` cases, a README
//! for the author, and the SDK this pincer serves, vendored so that the
//! crate needs nothing from this repository.

mod sdk;

use crate::error::{Error, Result};
use crate::runtime::CURRENT_API;
use std::path::{Path, PathBuf};

/// Files of the new crate: (path, template).
const TEMPLATES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("templates/Cargo.toml.tmpl")),
    ("README.md", include_str!("templates/README.md.tmpl")),
    (".gitignore", include_str!("templates/gitignore.tmpl")),
    ("src/lib.rs", include_str!("templates/lib.rs.tmpl")),
    ("src/tests.rs", include_str!("templates/tests.rs.tmpl")),
    (
        "cases/lan-bind/config.json",
        include_str!("templates/cases/lan-bind/config.json"),
    ),
    (
        "cases/lan-bind/case.json",
        include_str!("templates/cases/lan-bind/case.json"),
    ),
    (
        "cases/loopback/config.json",
        include_str!("templates/cases/loopback/config.json"),
    ),
    (
        "cases/loopback/case.json",
        include_str!("templates/cases/loopback/case.json"),
    ),
    (
        "pincer-sdk/Cargo.toml",
        include_str!("templates/sdk-Cargo.toml.tmpl"),
    ),
];

/// Crates the new crate depends on: its name may not be one of them.
const TAKEN: &[&str] = &[
    "pincer-sdk",
    "serde",
    "serde-json",
    "serde_json",
    "wit-bindgen",
];

/// Whether `name` can name a plugin: kebab-case, starting with a letter.
fn valid_name(name: &str) -> bool {
    !TAKEN.contains(&name)
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `template` with its `{{...}}` names filled in for plugin `name`.
fn fill(template: &str, name: &str) -> String {
    let crate_file = name.replace('-', "_");
    template
        .replace("{{name}}", name)
        .replace("{{crate}}", name)
        .replace("{{crate_file}}", &crate_file)
        .replace("{{prefix}}", &crate_file)
        .replace("{{api}}", CURRENT_API)
        .replace("{{sdk_version}}", env!("CARGO_PKG_VERSION"))
}

/// Creates the crate for plugin `name` in `dir` (default `./NAME`), which
/// must not exist yet; returns the directory.
pub(crate) fn create(name: &str, dir: Option<&Path>) -> Result<PathBuf> {
    if !valid_name(name) {
        return Err(Error::Usage(format!(
            "`{name}` cannot name a plugin: use lower-case letters, digits and single hyphens, starting with a letter (e.g. acme-rules), and not the name of a crate it depends on"
        )));
    }
    let dir = dir.map_or_else(|| PathBuf::from(name), Path::to_path_buf);
    if dir.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; pincer new writes only into a new directory",
            dir.display()
        )));
    }
    let files = TEMPLATES
        .iter()
        .map(|(path, template)| (PathBuf::from(path), fill(template, name)))
        .chain(sdk::SDK_SOURCES.iter().map(|(file, text)| {
            (
                Path::new("pincer-sdk/src").join(file),
                sdk::vendored(file, text),
            )
        }))
        .chain(
            sdk::WIT_SOURCES
                .iter()
                .map(|(file, text)| (Path::new("pincer-sdk/wit").join(file), (*text).to_owned())),
        )
        .chain(
            sdk::SDK_DATA
                .iter()
                .map(|(file, text)| (Path::new("pincer-sdk/data").join(file), (*text).to_owned())),
        );
    for (path, text) in files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                target: parent.display().to_string(),
                source,
            })?;
        }
        std::fs::write(&target, text).map_err(|source| Error::Write {
            target: target.display().to_string(),
            source,
        })?;
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kebab_case() {
        for good in ["acme", "acme-rules", "a1-b2"] {
            assert!(valid_name(good), "{good}");
        }
        for bad in [
            "",
            "Acme",
            "1acme",
            "acme_rules",
            "acme-",
            "a--b",
            "a b",
            "../x",
            "pincer-sdk",
        ] {
            assert!(!valid_name(bad), "{bad}");
        }
    }

    #[test]
    fn templates_are_filled() {
        let text = fill("{{name}} {{crate_file}} {{prefix}}.x {{api}}", "acme-rules");
        assert_eq!(
            text,
            format!("acme-rules acme_rules acme_rules.x {CURRENT_API}")
        );
        for (path, template) in TEMPLATES {
            assert!(!fill(template, "acme-rules").contains("{{"), "{path}");
        }
    }
}
