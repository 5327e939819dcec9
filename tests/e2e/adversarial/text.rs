//! Text: nothing a plugin writes may act on a terminal, a report reader or
//! a parser. Escape sequences, carriage returns, backspaces, line breaks
//! that draw a counterfeit summary, bidi and zero-width characters reach
//! no output; Markdown stays text under a real GFM renderer; JUnit stays
//! well-formed XML 1.0 under a strict parser; only web links are links.

use super::forge::{Check, Finding, Forged};
use super::{attack_with, config_with, exposed, forged};
use crate::support::{adversarial_plugin, pincer, text};
use serde_json::Value;

/// Characters that act on a terminal or hide in what a reader sees.
fn hazards(output: &str) -> Vec<(usize, char)> {
    output
        .char_indices()
        .filter(|(_, c)| {
            (c.is_control() && *c != '\n' && *c != '\t')
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
        })
        .collect()
}

fn assert_inert(what: &str, output: &str) {
    let found = hazards(output);
    assert!(found.is_empty(), "{what} holds {found:?}:\n{output}");
}

fn audit_of(
    plugin: &std::path::Path,
    config: &str,
    format: &str,
    extra: &[&str],
) -> (String, String) {
    let output = pincer()
        .args([
            "audit",
            "--config",
            config,
            "--plugin",
            plugin.to_str().unwrap(),
            "--format",
            format,
            "--fail-on",
            "never",
        ])
        .args(extra)
        .output()
        .unwrap();
    text(&output)
}

#[test]
fn nothing_a_plugin_writes_reaches_the_terminal() {
    let wasm = adversarial_plugin("terminal");
    let (_dir, failing) = config_with(serde_json::json!({"fail": true}));
    for config in [exposed(), failing] {
        for (format, extra) in [
            ("table", vec![]),
            ("table", vec!["-v"]),
            ("markdown", vec![]),
            ("json", vec![]),
        ] {
            let (stdout, stderr) = audit_of(&wasm, &config, format, &extra);
            assert_inert(&format!("{format} {extra:?} stdout"), &stdout);
            assert_inert(&format!("{format} stderr"), &stderr);
            if format == "table" {
                let summaries = stdout
                    .lines()
                    .filter(|l| {
                        l.starts_with(|c: char| c.is_ascii_digit()) && l.contains(" critical, ")
                    })
                    .count();
                assert_eq!(summaries, 1, "one summary line, the host's:\n{stdout}");
                assert!(
                    !stdout.lines().any(|l| l.trim() == "No findings."),
                    "{stdout}"
                );
            }
        }
    }
    // The JSON report keeps what the plugin said, sanitized: the log line,
    // its stdout and stderr, its error message.
    let result = attack_with("terminal", &exposed(), &[]);
    let status = result.plugin("adversarial-terminal");
    let output = &status["output"];
    for field in [
        &output["stdout"],
        &output["stderr"],
        &output["logs"][0]["message"],
    ] {
        let field = field.as_str().unwrap();
        assert_inert("a captured output", field.trim_end_matches('\n'));
        assert!(field.contains("0 critical"), "kept, as text: {field}");
    }
    let log = output["logs"][0]["message"].as_str().unwrap();
    assert!(!log.contains('\n'), "a log line is one line: {log:?}");
}

#[test]
fn what_a_plugin_declares_reaches_no_terminal_either() {
    let hostile = "\u{1b}[2J\u{1b}]0;pwned\u{7}\rX\u{8}\n0 critical, 0 warn, 0 info\u{202e}";
    let mut check = Check::new("acme.declared");
    check.title = format!("Title {hostile}").into();
    check.description = format!("Description {hostile}").into();
    check.remediation = format!("Fix {hostile}").into();
    check.category = format!("cat{hostile}").into();
    let mut plugin = Forged::new(
        "acme-declares",
        vec![check],
        vec![Finding::new("acme.declared")],
    );
    plugin.version = format!("1.0{hostile}").into();
    plugin.description = format!("About {hostile}").into();
    let dir = tempfile::tempdir().unwrap();
    let wasm = forged(&dir, "declares", &plugin.wat());
    let path = wasm.to_str().unwrap();
    for args in [
        vec!["checks", "--no-builtin", "--plugin", path],
        vec![
            "checks",
            "--no-builtin",
            "--plugin",
            path,
            "--format",
            "markdown",
        ],
        vec![
            "checks",
            "--no-builtin",
            "--plugin",
            path,
            "--format",
            "json",
        ],
        vec!["plugins", "inspect", path],
        vec!["plugins", "inspect", path, "--format", "json"],
    ] {
        let output = pincer().args(&args).output().unwrap();
        let (stdout, stderr) = text(&output);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert_inert(&format!("{args:?}"), &stdout);
        assert_inert(&format!("{args:?} stderr"), &stderr);
    }
    // A refusal quotes what it refuses, sanitized.
    let bad = Forged::new(
        &format!("acme{hostile}"),
        vec![Check::new(&format!("acme.{hostile}"))],
        vec![],
    );
    let wasm = forged(&dir, "refused", &bad.wat());
    for format in ["table", "markdown", "json"] {
        let (stdout, stderr) = audit_of(&wasm, &exposed(), format, &[]);
        assert_inert(format, &stdout);
        assert_inert("stderr", &stderr);
    }
}

#[test]
fn markdown_keeps_plugin_text_as_text() {
    let wasm = adversarial_plugin("terminal");
    let (markdown, _) = audit_of(&wasm, &exposed(), "markdown", &[]);
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.strikethrough = true;
    options.render.r#unsafe = true;
    let html = comrak::markdown_to_html(&markdown, &options);
    for live in [
        "<img",
        "<a ",
        "<script",
        "<strong>bold",
        "href=\"https://evil",
        "href=\"https://auto",
        "<code>code</code>",
    ] {
        assert!(!html.contains(live), "{live} came alive:\n{html}");
    }
    // The text is all there, to be read.
    assert!(html.contains("tracker.example/p.png"), "{html}");
    // The findings table still has its five columns on the attacked row.
    let row = markdown
        .lines()
        .find(|l| l.contains("adversarial"))
        .unwrap();
    let borders = row
        .match_indices('|')
        .filter(|(at, _)| !row[..*at].ends_with('\\'))
        .count();
    assert_eq!(borders, 6, "{row}");
}

#[test]
fn junit_stays_well_formed_xml_whatever_a_plugin_returns() {
    let mut finding = Finding::new("acme.xml");
    finding.title = "Title \u{fffe}\u{ffff}\u{1}\u{b}]]><x/>&amp;".into();
    finding.detail = "Detail \u{fffe} <!-- -->\u{c}\u{1f}".into();
    let mut check = Check::new("acme.xml");
    check.title = "Check \u{ffff}\u{8}".into();
    let plugin = Forged::new("acme-xml", vec![check], vec![finding]);
    let dir = tempfile::tempdir().unwrap();
    let wasm = forged(&dir, "xml", &plugin.wat());
    let terminal = adversarial_plugin("terminal");
    for plugin in [wasm.as_path(), terminal.as_path()] {
        let (xml, stderr) = audit_of(plugin, &exposed(), "junit", &[]);
        let document =
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {stderr}\n{xml}"));
        let cases = document
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .count();
        assert!(
            cases > 100,
            "every built-in check is still a test case: {cases}"
        );
        for format in ["json", "sarif"] {
            let (json, _) = audit_of(plugin, &exposed(), format, &[]);
            serde_json::from_str::<Value>(&json).unwrap_or_else(|e| panic!("{format}: {e}"));
        }
    }
}

#[test]
fn only_web_links_are_links() {
    let mut check = Check::new("acme.links");
    check.references = vec![
        "javascript:alert(document.cookie)".into(),
        "data:text/html,<script>alert(1)</script>".into(),
        "https://user:secret@example.com/".into(),
        "https://docs.example.com/acme links".into(),
    ];
    let plugin = Forged::new("acme-links", vec![check], vec![Finding::new("acme.links")]);
    let dir = tempfile::tempdir().unwrap();
    let wasm = forged(&dir, "links", &plugin.wat());
    let (sarif, stderr) = audit_of(&wasm, &exposed(), "sarif", &[]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let rule = rules.iter().find(|r| r["id"] == "acme.links").unwrap();
    assert_eq!(
        rule["helpUri"], "https://docs.example.com/acme%20links",
        "{rule}"
    );
    for rule in rules {
        if let Some(uri) = rule["helpUri"].as_str() {
            assert!(
                uri.starts_with("https://") || uri.starts_with("http://"),
                "{uri}"
            );
        }
    }
    let (html, _) = audit_of(&wasm, &exposed(), "html", &[]);
    assert!(
        !html.contains("javascript:") && !html.contains("data:text/html"),
        "{html}"
    );
    let (json, _) = audit_of(&wasm, &exposed(), "json", &[]);
    let report: Value = serde_json::from_str(&json).unwrap();
    let status = report["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "acme-links")
        .unwrap();
    let notes = status["notes"].as_array().unwrap();
    assert_eq!(
        notes.len(),
        3,
        "each dropped reference is noted: {notes:#?}"
    );
    assert!(
        !json.contains("user:secret"),
        "a credential in a link is not kept"
    );
}
