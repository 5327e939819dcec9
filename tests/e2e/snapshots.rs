//! Snapshots (insta) of every report format on the shipped examples, so
//! any change to what a user or a machine reads is a reviewed change
//! (`cargo insta review`, or `INSTA_UPDATE=always` then `git diff`). What
//! varies between runs and machines — temporary paths, times, durations,
//! ages, fuel, digests of the plugin builds — is replaced by a placeholder.

use crate::support::{private_home, root, text};
use serde_json::Value;

const FORMATS: [(&str, &str); 6] = [
    ("table", "txt"),
    ("json", "json"),
    ("sarif", "sarif"),
    ("junit", "xml"),
    ("markdown", "md"),
    ("html", "html"),
];

/// The example installations: the two configs, and the example home with
/// its state database.
fn examples() -> Vec<(&'static str, std::path::PathBuf)> {
    vec![
        ("exposed", root().join("examples/configs/exposed.json")),
        ("hardened", root().join("examples/configs/hardened.json")),
        ("home", root().join("examples/openclaw-home/openclaw.json")),
    ]
}

/// Replaces what varies between runs in a JSON report.
fn stable_json(text: &str) -> String {
    let mut value: Value = serde_json::from_str(text).unwrap();
    value["ts"] = Value::from(0);
    value["host"] = serde_json::json!({});
    for plugin in value["plugins"].as_array_mut().unwrap() {
        plugin["durationMs"] = Value::from(0);
        plugin["fuelUsed"] = Value::from(0);
        plugin["sha256"] = Value::from("[sha256]");
        plugin["compiled"] = Value::from("[compiled]");
    }
    serde_json::to_string_pretty(&value).unwrap()
}

fn settings(home: &str) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots");
    let root = root().display().to_string();
    for (path, placeholder) in [(home, "[HOME]"), (root.as_str(), "[ROOT]")] {
        settings.add_filter(&regex_escape(path), placeholder);
        // The Markdown report escapes paths (`\.`) as it escapes all text.
        settings.add_filter(
            &regex_escape(&pincer::facts::inert_markdown(path)),
            placeholder,
        );
    }
    settings.add_filter(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", "[TIME]");
    settings.add_filter(r"\d+\.\d+ ms", "[N] ms");
    settings.add_filter(r#"time="[0-9.]+""#, r#"time="[N]""#);
    // Ages in the example state database grow by one every day.
    settings.add_filter(r"\b\d+ (days|hours|minutes)\b", "[N] $1");
    settings
}

/// `text` with every regex metacharacter escaped.
fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[test]
fn every_format_of_every_example_matches_its_snapshot() {
    for (name, config) in examples() {
        // A private copy (mode 600 in a 700 dir): the checkout's own file
        // modes vary with the umask and must not change the snapshots.
        let (dir, config, state) = private_home(&config);
        if name == "home" {
            let database = std::path::Path::new(&state).join("state");
            std::fs::create_dir_all(&database).unwrap();
            std::fs::copy(
                root().join("examples/openclaw-home/state/openclaw.sqlite"),
                database.join("openclaw.sqlite"),
            )
            .unwrap();
        }
        let home = dir.path().display().to_string();
        let settings = settings(&home);
        for (format, extension) in FORMATS {
            let output = crate::support::pincer()
                .env("HOME", &home)
                .args(["audit", "--config", &config, "--state-dir", &state])
                .args(["--fail-on", "never", "--format", format])
                .output()
                .unwrap();
            let (stdout, stderr) = text(&output);
            assert_eq!(output.status.code(), Some(0), "{name} {format}: {stderr}");
            let stdout = if format == "json" {
                stable_json(&stdout)
            } else {
                stdout
            };
            settings.bind(|| {
                insta::assert_snapshot!(format!("{name}.{extension}"), stdout);
            });
        }
    }
}
