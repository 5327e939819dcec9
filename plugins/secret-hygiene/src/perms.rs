//! How the `fs.*` checks look at a path, the way OpenClaw 2026.9's audit
//! does: the host's `lstat` fact of the path, and for a symlink the fact
//! about its target. Only the read and write bits of group and others
//! count (execute, setuid, setgid and sticky never do), and the owner is
//! never compared with the current user.
//!
//! A symlink is judged by its target's mode and kind. A dangling symlink
//! keeps the link's own mode, which is 0777 on Linux, so it counts as
//! open to everyone (the reference does the same).

use pincer_sdk::{CheckMeta, FileFact, FileKind, Findings, View};

const WORLD_WRITE: u32 = 0o002;
const WORLD_READ: u32 = 0o004;
const GROUP_WRITE: u32 = 0o020;
const GROUP_READ: u32 = 0o040;

/// One inspected path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspected {
    /// The path as the host found it (never resolved).
    pub path: String,
    /// The path itself is a symlink.
    pub is_symlink: bool,
    /// A symlink whose target does not exist.
    pub dangling: bool,
    /// A directory (after following a symlink).
    pub is_dir: bool,
    /// Permission bits (`mode & 0o777`) that decide, after following a
    /// symlink; none when the platform has no Unix modes.
    pub bits: Option<u32>,
}

/// The worst exposure of a path, in the reference's order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exposure {
    /// Others (not owner, not group) can write.
    WorldWritable,
    /// The group can write.
    GroupWritable,
    /// Others can read.
    WorldReadable,
    /// The group can read.
    GroupReadable,
}

impl Inspected {
    fn has(&self, bit: u32) -> bool {
        self.bits.is_some_and(|bits| bits & bit != 0)
    }

    /// Others can write.
    pub fn world_writable(&self) -> bool {
        self.has(WORLD_WRITE)
    }

    /// The group can write.
    pub fn group_writable(&self) -> bool {
        self.has(GROUP_WRITE)
    }

    /// Others can read.
    pub fn world_readable(&self) -> bool {
        self.has(WORLD_READ)
    }

    /// The group can read.
    pub fn group_readable(&self) -> bool {
        self.has(GROUP_READ)
    }

    /// The group or others can write.
    pub fn writable(&self) -> bool {
        self.world_writable() || self.group_writable()
    }

    /// The group or others can read.
    pub fn readable(&self) -> bool {
        self.world_readable() || self.group_readable()
    }

    /// The worst exposure: world-writable, then group-writable, then
    /// world-readable, then group-readable.
    pub fn exposure(&self) -> Option<Exposure> {
        if self.world_writable() {
            Some(Exposure::WorldWritable)
        } else if self.group_writable() {
            Some(Exposure::GroupWritable)
        } else if self.world_readable() {
            Some(Exposure::WorldReadable)
        } else if self.group_readable() {
            Some(Exposure::GroupReadable)
        } else {
            None
        }
    }

    /// The deciding mode in octal (`0755`), or `unknown`.
    pub fn mode(&self) -> String {
        self.bits
            .map_or_else(|| "unknown".to_owned(), |bits| format!("0{bits:03o}"))
    }

    /// The path and the mode that was judged, for a finding's detail.
    pub fn subject(&self) -> String {
        let mode = self.mode();
        if self.dangling {
            format!(
                "{} (a dangling symlink, so the link's own mode {mode} counts)",
                self.path
            )
        } else if self.is_symlink {
            format!("{} (a symlink whose target has mode {mode})", self.path)
        } else {
            format!("{} (mode {mode})", self.path)
        }
    }

    /// Who gets in, in words, for a finding's detail: what the group and
    /// what every other local user can do.
    pub fn who(&self) -> String {
        let can = |read: bool, write: bool| match (read, write) {
            (true, true) => Some("read and write"),
            (true, false) => Some("read"),
            (false, true) => Some("write"),
            (false, false) => None,
        };
        let group = can(self.group_readable(), self.group_writable());
        let world = can(self.world_readable(), self.world_writable());
        match (group, world) {
            (Some(g), Some(w)) if g == w => {
                format!("its group and every other local user can {g} it")
            }
            (Some(g), Some(w)) => {
                format!("its group can {g} it, and every other local user can {w} it")
            }
            (Some(g), None) => format!("its group can {g} it"),
            (None, Some(w)) => format!("every other local user can {w} it"),
            (None, None) => "only its owner can read or write it".to_owned(),
        }
    }

    /// The exact command that makes the path private to its owner:
    /// `chmod 700` for a directory, `chmod 600` otherwise. A dangling
    /// symlink's own mode cannot be changed, so it is removed instead.
    pub fn fix(&self) -> String {
        let path = shell_quote(&self.path);
        if self.dangling {
            return format!(
                "Remove the dangling symlink with `rm {path}` (chmod cannot change a link's \
                 own mode), or point it at a file only you can read and write."
            );
        }
        let mode = if self.is_dir { "700" } else { "600" };
        let follow = if self.is_symlink {
            " (chmod follows the symlink and changes its target)"
        } else {
            ""
        };
        format!("Run `chmod {mode} {path}`{follow}.")
    }
}

/// One permission check of the table the `fs.*` checks share: the paths
/// of `role` that `exposed` judges open, each reported as
/// "`what` `subject`: `who`." with the `chmod` that fixes it.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The role of the host's file facts the check looks at.
    pub role: &'static str,
    /// How a finding names the path ("The config", "The log file").
    pub what: &'static str,
    /// The config path a finding points at, when the path comes from one.
    pub at: Option<&'static str>,
    /// Whether an inspected path is open the way the check reports.
    pub exposed: fn(&Inspected) -> bool,
}

impl Rule {
    /// Reports, as `meta`, every path this rule judges open.
    pub fn report(&self, meta: &CheckMeta, view: &View, out: &mut Findings) {
        for file in inspect(view, self.role) {
            if (self.exposed)(&file) {
                let detail = format!("{} {}: {}.", self.what, file.subject(), file.who());
                let finding = meta.finding(detail).with_remediation(file.fix());
                out.push(match self.at {
                    Some(path) => finding.at(path),
                    None => finding,
                });
            }
        }
    }
}

/// The paths of a role (`state-dir`, `config`, `config-include`, ...),
/// each once, that exist (a path the host found missing is skipped).
pub fn inspect(view: &View, role: &str) -> Vec<Inspected> {
    let mut found: Vec<Inspected> = Vec::new();
    for fact in view.file_facts().iter().filter(|fact| fact.role == role) {
        if found.iter().any(|seen| seen.path == fact.path) {
            continue;
        }
        if let Some(inspected) = inspect_fact(fact, view.symlink_target(fact)) {
            found.push(inspected);
        }
    }
    found
}

/// One fact, with the fact about its target when it is a symlink.
pub fn inspect_fact(fact: &FileFact, target: Option<&FileFact>) -> Option<Inspected> {
    let bits = |fact: &FileFact| fact.mode.map(|mode| mode & 0o777);
    match fact.kind {
        FileKind::Missing => None,
        FileKind::Symlink => {
            let live = target.filter(|t| t.kind != FileKind::Missing);
            Some(match live {
                Some(target) => Inspected {
                    path: fact.path.clone(),
                    is_symlink: true,
                    dangling: false,
                    is_dir: target.kind == FileKind::Directory,
                    bits: bits(target),
                },
                None => Inspected {
                    path: fact.path.clone(),
                    is_symlink: true,
                    dangling: true,
                    is_dir: false,
                    bits: bits(fact),
                },
            })
        }
        kind => Some(Inspected {
            path: fact.path.clone(),
            is_symlink: false,
            dangling: false,
            is_dir: kind == FileKind::Directory,
            bits: bits(fact),
        }),
    }
}

/// A path as a shell word: as is when it holds only characters the shell
/// leaves alone, else in single quotes.
pub fn shell_quote(path: &str) -> String {
    let plain = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c));
    if plain {
        path.to_owned()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}
