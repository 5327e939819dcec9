//! Gateway service definitions installed on this machine: systemd units
//! and launchd property lists that start an OpenClaw gateway, current
//! (`openclaw-gateway*.service`, `ai.openclaw.*`) or legacy (`clawdbot`).
//! The control-plane plugin reports more than one as duplicate gateway
//! instances. They are facts about the machine, not about one
//! installation: a fleet audit gathers them once. Unit files may hold secrets (`Environment=…TOKEN=…`), so a
//! file's contents are only searched here for markers, bounded in size,
//! and only its path leaves this module.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Unit files larger than this are not gateway definitions worth reading.
const MAX_UNIT_BYTES: u64 = 256 * 1024;

/// How a directory's definitions are recognised.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// By name, or by the service marker or command line inside.
    NameOrContents,
    /// By name only: directories of packaged units, hundreds of them,
    /// none written by OpenClaw's installer (read as names, not opened).
    NameOnly,
}

/// The directories searched, user ones first, with their extension.
fn service_dirs(home: Option<&Path>) -> Vec<(PathBuf, &'static str, Scan)> {
    let mut dirs = Vec::new();
    if let Some(home) = home {
        dirs.push((
            home.join(".config/systemd/user"),
            ".service",
            Scan::NameOrContents,
        ));
        dirs.push((
            home.join("Library/LaunchAgents"),
            ".plist",
            Scan::NameOrContents,
        ));
    }
    for dir in ["/etc/systemd/system", "/etc/systemd/user"] {
        dirs.push((PathBuf::from(dir), ".service", Scan::NameOrContents));
    }
    for dir in ["/Library/LaunchAgents", "/Library/LaunchDaemons"] {
        dirs.push((PathBuf::from(dir), ".plist", Scan::NameOrContents));
    }
    for dir in ["/usr/lib/systemd/system", "/lib/systemd/system"] {
        dirs.push((PathBuf::from(dir), ".service", Scan::NameOnly));
    }
    dirs
}

/// Whether a definition's name alone marks an OpenClaw gateway.
fn gateway_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let launchd_other = [
        "ai.openclaw.node",
        "ai.openclaw.browser",
        "ai.openclaw.update",
    ]
    .iter()
    .any(|other| lower.starts_with(other));
    lower.starts_with("openclaw-gateway")
        || lower.starts_with("clawdbot-gateway")
        || (lower.starts_with("ai.openclaw.") && !launchd_other)
}

/// Whether a definition's text starts an OpenClaw (or legacy) gateway:
/// the service marker OpenClaw writes, or a command line that names both
/// the program and its `gateway` subcommand.
fn gateway_text(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if lower.contains("openclaw_service_marker") && lower.contains("openclaw_service_kind=gateway")
    {
        return true;
    }
    lower.lines().any(|line| {
        let line = line.trim();
        let command = line.starts_with("execstart") || line.starts_with("<string>");
        command
            && line.contains("gateway")
            && (line.contains("openclaw") || line.contains("clawdbot"))
    })
}

fn read_bounded(path: &Path) -> Option<String> {
    // Opened without blocking, and only a regular file: a FIFO in a
    // service directory cannot hang the audit.
    let file = crate::input_file::open(path, crate::input_file::Within::Anywhere).ok()?;
    let mut text = String::new();
    file.take(MAX_UNIT_BYTES).read_to_string(&mut text).ok()?;
    Some(text)
}

/// Every gateway service definition found, as `(gateway-service, path)`.
pub(crate) fn gateway_services(home: Option<&Path>) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (dir, extension, scan) in service_dirs(home) {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| {
                path.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(extension))
            })
            .collect();
        paths.sort();
        for path in paths {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let is_gateway = gateway_name(name.trim_end_matches(extension))
                || (scan == Scan::NameOrContents
                    && read_bounded(&path).is_some_and(|text| gateway_text(&text)));
            if !is_gateway {
                continue;
            }
            // `/lib` is often a symlink to `/usr/lib`, and a unit in `/etc`
            // may link to one there: one unit, one fact.
            let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
            if seen.insert(canonical) {
                found.push(("gateway-service".to_owned(), path));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_command_lines_mark_gateways() {
        assert!(gateway_name("openclaw-gateway"));
        assert!(gateway_name("openclaw-gateway-work"));
        assert!(gateway_name("clawdbot-gateway"));
        assert!(gateway_name("ai.openclaw.gateway"));
        assert!(!gateway_name("ai.openclaw.node"));
        assert!(!gateway_name("nginx"));
        assert!(gateway_text(
            "[Service]\nExecStart=/usr/bin/openclaw gateway run\n"
        ));
        assert!(gateway_text(
            "Environment=OPENCLAW_SERVICE_MARKER=openclaw\nEnvironment=OPENCLAW_SERVICE_KIND=gateway\n"
        ));
        assert!(!gateway_text(
            "[Service]\nExecStart=/usr/bin/openclaw node run\n"
        ));
        assert!(!gateway_text("Description=gateway for openclaw docs\n"));
    }

    #[test]
    fn user_units_are_found_in_home() {
        let home = tempfile::tempdir().unwrap();
        let units = home.path().join(".config/systemd/user");
        std::fs::create_dir_all(&units).unwrap();
        std::fs::write(units.join("openclaw-gateway.service"), "[Service]\n").unwrap();
        std::fs::write(
            units.join("my-bot.service"),
            "[Service]\nExecStart=/opt/clawdbot/bin/clawdbot gateway\n",
        )
        .unwrap();
        std::fs::write(
            units.join("other.service"),
            "[Service]\nExecStart=/bin/true\n",
        )
        .unwrap();
        let found: Vec<PathBuf> = gateway_services(Some(home.path()))
            .into_iter()
            .map(|(_, path)| path)
            .filter(|path| path.starts_with(home.path()))
            .collect();
        assert_eq!(
            found,
            vec![
                units.join("my-bot.service"),
                units.join("openclaw-gateway.service")
            ]
        );
    }
}
