//! docs/checks.md is the catalogue `pincer checks --format markdown`
//! prints from the built-in plugins' metadata. The test fails when the
//! committed file is stale; with `PINCER_BLESS=1` it writes the file
//! (scripts/checks-doc.sh).

use crate::support::{pincer, root, text};

#[test]
fn docs_checks_md_is_the_generated_catalogue() {
    let output = pincer()
        .args(["checks", "--format", "markdown"])
        .output()
        .unwrap();
    let (generated, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    for check in crate::support::builtin_checks() {
        assert!(
            generated.contains(&format!("### `{}`", check.id)),
            "{} has no section",
            check.id
        );
    }
    let path = root().join("docs/checks.md");
    if std::env::var_os("PINCER_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/checks.md is stale: regenerate it with scripts/checks-doc.sh \
         (PINCER_BLESS=1 cargo test --test e2e checks_doc)"
    );
}
