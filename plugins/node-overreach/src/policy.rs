//! The gateway's node command policy as the config shapes it (OpenClaw
//! 2026.9): the command families, how `gateway.nodes.commands.allow` and
//! `.deny` entries are read, which names the gateway knows, when a deny
//! entry can never match, whether a node-run command would be invoked on a
//! node, and when the gateway counts as reachable from elsewhere.
//!
//! The gateway computes an allowlist per node: its platform's defaults, the
//! desktop-host commands its pairing approved (desktop platforms only), the
//! `allow` entries, minus the `deny` entries. `allow` only ever widens that
//! list — dangerous commands need it to be invoked at all — and `deny` is
//! the only config control that withholds a command. Matching is exact and
//! case-sensitive after trimming.

use pincer_sdk::View;
use pincer_sdk::secret::js_trim;
use serde_json::Value;
use std::collections::BTreeSet;

/// Where the extra allowed commands are configured.
pub const ALLOW_PATH: &str = "gateway.nodes.commands.allow";

/// Where the withheld commands are configured.
pub const DENY_PATH: &str = "gateway.nodes.commands.deny";

/// Commands the gateway withholds from every node unless `allow` names
/// them: camera and screen capture, writes to contacts, calendars and
/// reminders, SMS, health data. In the gateway's order.
pub const DANGEROUS: &[&str] = &[
    "camera.snap",
    "camera.clip",
    "camera.ptz.control",
    "screen.record",
    "contacts.add",
    "calendar.add",
    "reminders.add",
    "sms.send",
    "sms.search",
    "health.summary",
];

/// Node-run commands: they run programs on the node, or rewrite the
/// node's own exec approvals (which decide what `system.run` may run).
/// All are desktop-host commands: a desktop node's pairing approval is
/// enough for the gateway to invoke them.
pub const RUN: &[&str] = &[
    "system.run",
    "system.run.prepare",
    "system.execApprovals.set",
    "agent.cli.claude.run.v1",
    "mcp.tools.call.v1",
];

/// Every command some platform allows by default, with desktop-host and
/// dangerous commands counted, plus the watch relay and push-to-talk
/// commands: the names a deny entry can match without an `allow` entry.
const BUILT_IN: &[&str] = &[
    "camera.list",
    "camera.ptz.status",
    "location.get",
    "device.info",
    "device.status",
    "device.permissions",
    "device.health",
    "device.apps",
    "notifications.list",
    "notifications.actions",
    "contacts.search",
    "calendar.events",
    "callLog.search",
    "reminders.list",
    "photos.latest",
    "motion.activity",
    "motion.pedometer",
    "mobile.ui.observe",
    "mobile.ui.act",
    "system.notify",
    "system.run.prepare",
    "system.run",
    "system.which",
    "system.execApprovals.get",
    "system.execApprovals.set",
    "fs.listDir",
    "terminal.upload",
    "browser.proxy",
    "browser.proxy.upload.v1",
    "mcp.tools.call.v1",
    "agent.cli.claude.run.v1",
    "screen.snapshot",
    "desktop.stream",
    "computer.act",
    "watch.status",
    "watch.notify",
    "talk.ptt.start",
    "talk.ptt.stop",
    "talk.ptt.cancel",
    "talk.ptt.once",
];

/// Commands only the gateway's own workers use; never part of a node's
/// command surface, whatever `allow` says.
const PRIVATE_WORKER: &[&str] = &[
    "worker.bundle.install.v1",
    "worker.launch.v1",
    "worker.status.v1",
    "worker.cancel.v1",
    "worker.environment.stop.v1",
    "worker.workspace.exec.v1",
    "worker.workspace.prepare.v1",
    "worker.workspace.retain.v1",
    "worker.desktop.stream.v1",
    "worker.desktop.launch.v1",
    "worker.desktop.computer.v1",
    "worker.portal.stream.v1",
];

/// Dropped from every allowlist when `wizard.appRecommendations` is false.
const APP_LIST: &str = "device.apps";

/// Whitespace as JavaScript's `\s` and `trim` see it: Unicode White_Space
/// without U+0085, plus the byte-order mark.
fn is_js_space(c: char) -> bool {
    (c.is_whitespace() && c != '\u{85}') || c == '\u{FEFF}'
}

/// A command entry as the gateway reads it: trimmed, case kept; `None`
/// for a non-string or blank entry.
pub fn command(value: &Value) -> Option<&str> {
    value.as_str().map(js_trim).filter(|text| !text.is_empty())
}

/// The usable entries of a command list (`allow` or `deny`), in order:
/// empty when the list is missing, not an array or only blank.
pub fn entries<'v>(view: &'v View, path: &str) -> Vec<&'v str> {
    view.array(path)
        .map(|items| items.iter().filter_map(command).collect())
        .unwrap_or_default()
}

/// The configured command lists.
#[derive(Debug, Clone, Default)]
pub struct Lists<'v> {
    /// `gateway.nodes.commands.allow`, trimmed, blanks dropped.
    pub allow: Vec<&'v str>,
    /// `gateway.nodes.commands.deny`, trimmed, blanks dropped.
    pub deny: Vec<&'v str>,
}

impl<'v> Lists<'v> {
    /// Reads both lists from the config.
    pub fn read(view: &'v View) -> Self {
        Lists {
            allow: entries(view, ALLOW_PATH),
            deny: entries(view, DENY_PATH),
        }
    }

    /// `allow` names the command.
    pub fn allows(&self, command: &str) -> bool {
        self.allow.contains(&command)
    }

    /// `deny` names the command.
    pub fn denies(&self, command: &str) -> bool {
        self.deny.contains(&command)
    }

    /// Whether the gateway would invoke `command` on a node whose pairing
    /// approved it: never when `deny` names it; always when `allow` names
    /// it; otherwise only a node-run command on a desktop node (approved
    /// desktop-host commands stay invocable there). Dangerous commands
    /// need `allow`.
    pub fn admits(&self, command: &str, desktop: bool) -> bool {
        !self.denies(command) && (self.allows(command) || (desktop && RUN.contains(&command)))
    }
}

/// Whether a deny entry looks like a pattern, a regular expression, a
/// group or shell text rather than one command name: the gateway matches
/// deny entries exactly, so such an entry withholds nothing.
pub fn is_pattern_like(entry: &str) -> bool {
    entry.chars().any(|c| "?*[]{}(),|".contains(c))
        || entry.starts_with('/')
        || entry.ends_with('/')
        || entry.starts_with('^')
        || entry.ends_with('$')
        || entry.chars().any(is_js_space)
        || entry.contains("group:")
}

/// Every command name a deny entry can match: the built-in commands of
/// all platforms and the `allow` entries, less the app list when app
/// recommendations are off and less the private worker commands.
pub fn known_commands<'v>(view: &View, lists: &Lists<'v>) -> BTreeSet<&'v str> {
    let mut known: BTreeSet<&'v str> = BUILT_IN.iter().copied().collect();
    known.extend(lists.allow.iter().copied());
    if view.bool("wizard.appRecommendations") == Some(false) {
        known.remove(APP_LIST);
    }
    for private in PRIVATE_WORKER {
        known.remove(private);
    }
    known.extend(DANGEROUS.iter().copied());
    known
}

/// Whether the gateway can be reached from beyond this host: a bind
/// other than `loopback` (unset counts as loopback; `custom` counts as
/// exposed whatever host it names), or Tailscale Serve or Funnel.
pub fn remotely_exposed(view: &View) -> bool {
    let bind = view.str("gateway.bind").unwrap_or("loopback");
    let tailscale = view.str("gateway.tailscale.mode").unwrap_or("off");
    bind != "loopback" || tailscale == "serve" || tailscale == "funnel"
}

/// Whether a node's platform is one on which the gateway admits approved
/// desktop-host commands (macOS, Linux, Windows). The gateway also wants a
/// matching device family, which the view does not carry; node hosts send
/// one that matches, so the platform decides here.
pub fn is_desktop(platform: Option<&str>) -> bool {
    let Some(platform) = platform else {
        return false;
    };
    let platform = js_trim(platform).to_lowercase();
    if matches!(platform.as_str(), "macos" | "linux" | "windows") {
        return true;
    }
    platform.strip_prefix("macos ").is_some_and(is_version)
}

/// `N`, `N.N` or `N.N.N`.
fn is_version(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() <= 3
        && parts
            .iter()
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_recognised() {
        for entry in [
            "sms.*",
            "system.run?",
            "[a]",
            "{a,b}",
            "(a)",
            "a|b",
            "/system.run/",
            "system.run/",
            "^system.run",
            "system.run$",
            "system.run rm",
            "system.\trun",
            "system.\u{a0}run",
            "system.\u{feff}run",
            "group:runtime",
        ] {
            assert!(is_pattern_like(entry), "{entry:?}");
        }
        for entry in ["system.run", "camera.snap", "a-b_c.d", "system.\u{85}run"] {
            assert!(!is_pattern_like(entry), "{entry:?}");
        }
    }

    #[test]
    fn desktop_platforms() {
        for platform in [
            "linux",
            "macos",
            "Windows",
            " macOS ",
            "macos 15.1",
            "macos 14",
        ] {
            assert!(is_desktop(Some(platform)), "{platform:?}");
        }
        for platform in ["ios", "android", "darwin", "macos x", "macos 1.2.3.4", ""] {
            assert!(!is_desktop(Some(platform)), "{platform:?}");
        }
        assert!(!is_desktop(None));
    }

    #[test]
    fn commands_are_trimmed_and_strings_only() {
        assert_eq!(command(&Value::from(" system.run ")), Some("system.run"));
        assert_eq!(command(&Value::from("  ")), None);
        assert_eq!(command(&Value::from(3)), None);
    }

    #[test]
    fn dangerous_and_run_commands_are_built_in() {
        for name in RUN {
            assert!(BUILT_IN.contains(name), "{name}");
        }
        for name in DANGEROUS {
            assert!(!RUN.contains(name), "{name}");
        }
    }
}
