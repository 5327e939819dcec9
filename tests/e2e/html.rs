//! The HTML report: one self-contained page (no external asset, a CSP that
//! runs only its own script), text from the audit escaped, and — in
//! headless Chromium, where one is installed — the page renders its
//! summary and its filters work.

use crate::support::{pincer, root, text};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Audits `config` into an HTML and a JSON report in `dir`.
fn render(config: &Path, dir: &Path) -> (String, Value, PathBuf) {
    let html = dir.join("report.html");
    let json = dir.join("report.json");
    let output = pincer()
        .args([
            "audit",
            "--config",
            config.to_str().unwrap(),
            "--fail-on",
            "never",
        ])
        .args(["--format", &format!("html={}", html.display())])
        .args(["--format", &format!("json={}", json.display())])
        .output()
        .unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    (std::fs::read_to_string(&html).unwrap(), report, html)
}

#[test]
fn the_page_is_self_contained_and_escapes_what_it_shows() {
    let dir = tempfile::tempdir().unwrap();
    // A directory name with markup in it ends up in the page's title.
    let hostile = dir.path().join("x<img src=y onerror=alert(1)>");
    std::fs::create_dir(&hostile).unwrap();
    let config = hostile.join("openclaw.json");
    std::fs::copy(root().join("examples/configs/exposed.json"), &config).unwrap();
    let (html, report, _) = render(&config, dir.path());

    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<img src=y"),
        "markup from a path must be escaped"
    );
    assert!(html.contains("&lt;img src=y onerror=alert(1)&gt;"));
    for external in [
        "<link",
        "<img",
        "<iframe",
        "<object",
        "href=\"http",
        "url(",
        "@import",
    ] {
        assert!(
            !html.contains(external),
            "external asset `{external}` in the page"
        );
    }
    assert_eq!(
        html.matches("<script").count(),
        1,
        "one inline script, no src"
    );
    assert!(html.contains("<script>"));
    let csp = html
        .lines()
        .find(|line| line.contains("Content-Security-Policy"))
        .expect("a CSP meta tag");
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'sha256-"));
    assert!(!csp.contains("unsafe-inline"), "{csp}");

    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for finding in findings {
        let id = finding["checkId"].as_str().unwrap();
        assert!(html.contains(&format!("<code>{id}</code>")), "{id} missing");
    }
    let critical = report["summary"]["critical"].as_u64().unwrap();
    assert!(html.contains(&format!("id=\"count-critical\">{critical}<")));
    assert!(html.contains("id=\"chart-severity\"") && html.contains("id=\"chart-category\""));
}

/// Chromium, if this machine has one: `PINCER_CHROMIUM`, else the usual
/// names on PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PINCER_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]
        .iter()
        .map(|name| dir.join(name))
        .find(|candidate| candidate.is_file())
    })
}

/// The DOM of `url` after its scripts ran, from headless Chromium.
fn dump_dom(browser: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--dump-dom", url])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s for {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn chromium_renders_the_summary_and_the_filters_work() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("PINCER_REQUIRE_CHROMIUM").is_none(),
            "PINCER_REQUIRE_CHROMIUM is set but no Chromium was found"
        );
        eprintln!(
            "skipped: no Chromium installed (apt-get install chromium, or set PINCER_CHROMIUM)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_, report, page) = render(&root().join("examples/configs/exposed.json"), dir.path());
    let total = report["findings"].as_array().unwrap().len();
    let critical = report["summary"]["critical"].as_u64().unwrap();
    assert!(critical > 0 && usize::try_from(critical).unwrap() < total);
    let url = format!("file://{}", page.display());

    let dom = dump_dom(&browser, &url);
    assert!(
        dom.contains("data-ready=\"true\""),
        "the script did not run: {dom}"
    );
    assert!(
        dom.contains(&format!("id=\"count-critical\">{critical}<")),
        "{dom}"
    );
    assert!(
        dom.contains(&format!("Showing {total} of {total} findings")),
        "{dom}"
    );

    let filtered = dump_dom(&browser, &format!("{url}#severity=critical"));
    assert!(
        filtered.contains(&format!("Showing {critical} of {total} findings")),
        "{filtered}"
    );
    let hidden = filtered.matches(" hidden=\"\"").count();
    assert_eq!(
        hidden,
        total - usize::try_from(critical).unwrap(),
        "{filtered}"
    );

    let searched = dump_dom(&browser, &format!("{url}#q=gateway.bind_no_auth"));
    assert!(
        searched.contains(&format!("Showing 1 of {total} findings")),
        "{searched}"
    );
}
