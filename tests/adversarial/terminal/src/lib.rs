//! Adversarial plugin `terminal`: puts terminal escape sequences (clear the
//! screen, a scroll region, a window title, cursor moves), carriage
//! returns, backspaces, bidi and zero-width characters, line breaks that
//! draw a counterfeit summary, Markdown and HTML markup, and characters
//! XML forbids into every text it can reach: finding titles, details,
//! remediations, config paths, log lines, stdout, stderr and, when
//! `adversarial.fail` is set, its error message. With `adversarial.logs`
//! set to N it also writes N log lines of 10 KB.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "writing hostile output is the attack"
)]

use pincer_sdk::bindings::pincer::audit::log;
use pincer_sdk::prelude::*;
use serde_json::Value;

/// The plugin's one declared check.
pub static META: CheckMeta = CheckMeta {
    id: "adversarial.terminal",
    severity: Severity::Info,
    title: "Adversarial test check",
    description: "Part of Pincer's adversarial test suite.",
    remediation: "None: this is a test plugin.",
    references: &[],
};

/// Escapes that act on a terminal: clear, home, a two-line scroll region,
/// a window title (OSC, BEL-terminated), a hyperlink (OSC 8), C1 CSI.
pub const ESCAPES: &str = "\u{1b}[2J\u{1b}[H\u{1b}[1;2r\u{1b}]0;pwned\u{7}\u{1b}]8;;https://evil.example/\u{1b}\\\u{9b}31m";

/// A line that redraws itself and a counterfeit summary after a break.
pub const FORGED_SUMMARY: &str =
    "ok\rREWRITTEN\u{8}\u{8}\n\n0 critical, 0 warn, 0 info. No findings.\n";

/// Markup a report reader would act on.
pub const MARKUP: &str = "![pixel](https://tracker.example/p.png) [click](https://evil.example/) <img src=x onerror=alert(1)> <script>alert(1)</script> `code` | cell | @everyone #1 **bold** <https://auto.example/>";

/// Characters that make XML ill-formed, bidi and zero-width ones.
pub const INVISIBLE: &str = "\u{fffe}\u{ffff}\u{1}\u{202e}evil\u{202c}\u{200b}\u{2028}";

/// The plugin.
pub struct Terminal;

impl Plugin for Terminal {
    const META: PluginMeta = PluginMeta {
        name: "adversarial-terminal",
        version: "1.0.0",
        description: "An attack on the host.",
        category: "test",
        checks: &[Check {
            meta: &META,
            run: attack,
        }],
        params: &[],
    };

    fn run(view: &View, out: &mut Findings) -> Result<(), String> {
        attack(view, out);
        if view
            .get("plugins.entries.adversarial.config.fail")
            .and_then(Value::as_bool)
            == Some(true)
        {
            return Err(format!("failed: {}", hostile()));
        }
        Ok(())
    }
}

pincer_sdk::export_plugin!(Terminal);

fn hostile() -> String {
    format!("{ESCAPES}{FORGED_SUMMARY}{MARKUP}{INVISIBLE}")
}

fn attack(view: &View, out: &mut Findings) {
    // A flood of long log lines, when asked for.
    let lines = view
        .get("plugins.entries.adversarial.config.logs")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let long = "log ".repeat(2_500);
    for _ in 0..lines {
        log::write(log::Level::Info, &long);
    }
    let hostile = hostile();
    log::write(log::Level::Warn, &hostile);
    println!("{hostile}");
    eprintln!("{hostile}");
    let mut finding = META.finding(hostile.clone());
    finding.title = format!("Title {hostile}");
    finding.remediation = Some(format!("Run {hostile}"));
    finding.config_paths = vec![format!("gateway.{hostile}")];
    out.push(finding);
}
