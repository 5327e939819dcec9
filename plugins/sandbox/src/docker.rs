//! The Docker sandbox blocks of a config — `agents.defaults.sandbox.docker`
//! and every agent's own `sandbox.docker`, each as written (an agent whose
//! sandbox is off or shared is still inspected: its settings take effect the
//! moment someone turns it on) — and what their bind mounts reach on the
//! host.

use pincer_sdk::View;
use pincer_sdk::agents::{Agent, roster};
use serde_json::{Map, Value};

/// One Docker settings object and where it sits in the config.
pub struct DockerBlock<'a> {
    /// Its config path (`agents.defaults.sandbox.docker`,
    /// `agents.entries.<id>.sandbox.docker`).
    pub path: String,
    /// The settings, as written.
    pub settings: &'a Map<String, Value>,
    /// The agent it belongs to; none for the defaults.
    pub agent: Option<Agent<'a>>,
}

impl<'a> DockerBlock<'a> {
    /// A string setting, trimmed and lower-cased.
    pub fn normalized(&self, key: &str) -> Option<String> {
        self.settings
            .get(key)
            .and_then(Value::as_str)
            .map(|value| value.trim().to_ascii_lowercase())
    }

    /// The bind specs (`SOURCE:TARGET[:OPTIONS]`) that are strings.
    pub fn binds(&self) -> impl Iterator<Item = &'a str> {
        self.settings
            .get("binds")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
    }

    /// Whether the block sets anything at all.
    pub fn is_configured(&self) -> bool {
        !self.settings.is_empty()
    }
}

/// The defaults' block first, then each agent's, in roster order.
pub fn blocks(view: &View) -> Vec<DockerBlock<'_>> {
    let defaults = view
        .get("agents.defaults.sandbox.docker")
        .and_then(Value::as_object)
        .map(|settings| DockerBlock {
            path: "agents.defaults.sandbox.docker".to_owned(),
            settings,
            agent: None,
        });
    let agents = roster(view).into_iter().filter_map(|agent| {
        let settings = agent.get("sandbox.docker")?.as_object()?;
        Some(DockerBlock {
            path: format!("{}.sandbox.docker", agent.path()),
            settings,
            agent: Some(agent),
        })
    });
    defaults.into_iter().chain(agents).collect()
}

/// The host side of a bind spec: everything before the first `:`, past a
/// Windows drive prefix (`C:\`, `C:/`).
pub fn bind_source(spec: &str) -> &str {
    let skip = if has_drive_prefix(spec) { 2 } else { 0 };
    match spec[skip..].find(':') {
        Some(colon) => &spec[..skip + colon],
        None => spec,
    }
}

fn has_drive_prefix(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes[2] == b'/' || bytes[2] == b'\\')
}

/// A bind source made absolute and lexical: `.` and `..` resolved, repeated
/// and trailing slashes dropped, a drive path with forward slashes, its
/// letter upper-cased. None when the source is not absolute (a relative
/// path, `~/x`, a named volume).
pub fn normalize_source(source: &str) -> Option<String> {
    let source = source
        .strip_prefix(r"\\?\")
        .or_else(|| source.strip_prefix("//?/"))
        .unwrap_or(source);
    if has_drive_prefix(source) {
        let drive = source[..1].to_ascii_uppercase();
        let rest = source[2..].replace('\\', "/");
        return Some(format!("{drive}:{}", lexical(&rest)));
    }
    source.starts_with('/').then(|| lexical(source))
}

/// `/`-separated path resolved lexically, always starting with `/`.
fn lexical(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            segment => parts.push(segment),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Host paths a sandbox must never see: system configuration, kernel
/// interfaces, the Docker socket (and the run dirs that hold it).
const SYSTEM_PATHS: &[&str] = &[
    "/etc",
    "/private/etc",
    "/proc",
    "/sys",
    "/dev",
    "/root",
    "/boot",
    "/run",
    "/var/run",
    "/private/var/run",
    "/var/run/docker.sock",
    "/private/var/run/docker.sock",
    "/run/docker.sock",
];

/// Credential folders and files under a home directory.
const CREDENTIAL_DIRS: &[&str] = &[
    ".aws", ".cargo", ".config", ".docker", ".gnupg", ".netrc", ".npm", ".ssh",
];

/// Where users' homes live, whoever runs the gateway: `*` is any one
/// path segment.
const HOME_PATTERNS: &[&str] = &["/home/*", "/Users/*"];

/// The blocked host paths of this installation: the fixed system paths,
/// then each credential folder under every user's home and under the
/// directory that holds the state dir (the gateway's home in a default
/// install).
pub fn blocked_paths(view: &View) -> Vec<String> {
    let mut homes: Vec<String> = HOME_PATTERNS.iter().map(|p| (*p).to_owned()).collect();
    let state_home = view
        .file_facts()
        .iter()
        .find(|fact| fact.role == "state-dir")
        .and_then(|fact| normalize_source(&fact.path))
        .and_then(|state| state.rsplit_once('/').map(|(parent, _)| parent.to_owned()))
        .filter(|parent| !parent.is_empty());
    homes.extend(state_home);
    let mut blocked: Vec<String> = SYSTEM_PATHS.iter().map(|p| (*p).to_owned()).collect();
    for home in &homes {
        for dir in CREDENTIAL_DIRS {
            blocked.push(format!("{home}/{dir}"));
        }
    }
    blocked
}

/// Why a bind source is dangerous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exposure {
    /// The source is the whole filesystem.
    Root,
    /// The source is a blocked path or inside one.
    Inside(String),
    /// A blocked path is inside the source.
    Contains(String),
}

/// What a normalised absolute source exposes, checking the blocked paths in
/// order (the first that matches decides).
pub fn exposure(source: &str, blocked: &[String]) -> Option<Exposure> {
    if source == "/" {
        return Some(Exposure::Root);
    }
    let source_segments = segments(source);
    blocked.iter().find_map(|path| {
        let blocked_segments = segments(path);
        if starts_with(&source_segments, &blocked_segments) {
            Some(Exposure::Inside(path.clone()))
        } else if source_segments.len() < blocked_segments.len()
            && starts_with(&blocked_segments, &source_segments)
        {
            Some(Exposure::Contains(path.clone()))
        } else {
            None
        }
    })
}

fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// Whether `path` starts with `prefix`, segment by segment; a `*` on either
/// side matches any one segment, and drive letters compare without case.
fn starts_with(path: &[&str], prefix: &[&str]) -> bool {
    path.len() >= prefix.len()
        && path.iter().zip(prefix).all(|(a, b)| {
            *a == "*" || *b == "*" || a == b || (a.ends_with(':') && a.eq_ignore_ascii_case(b))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocked() -> Vec<String> {
        let mut paths: Vec<String> = SYSTEM_PATHS.iter().map(|p| (*p).to_owned()).collect();
        paths.push("/home/*/.ssh".to_owned());
        paths
    }

    #[test]
    fn sources_are_split_after_a_drive_prefix() {
        assert_eq!(
            bind_source("/var/run/docker.sock:/sock:ro"),
            "/var/run/docker.sock"
        );
        assert_eq!(bind_source(r"C:\data:/data"), r"C:\data");
        assert_eq!(bind_source("myvolume:/data"), "myvolume");
        assert_eq!(bind_source("/only/source"), "/only/source");
    }

    #[test]
    fn normalisation_is_lexical_and_refuses_relative_sources() {
        assert_eq!(
            normalize_source("/srv/../etc//passwd").as_deref(),
            Some("/etc/passwd")
        );
        assert_eq!(normalize_source("/proc/").as_deref(), Some("/proc"));
        assert_eq!(normalize_source("/").as_deref(), Some("/"));
        assert_eq!(normalize_source(r"c:\Data\x").as_deref(), Some("C:/Data/x"));
        assert_eq!(normalize_source("~/x"), None);
        assert_eq!(normalize_source("./x"), None);
        assert_eq!(normalize_source(" /etc"), None);
    }

    #[test]
    fn exposure_covers_children_parents_and_home_patterns() {
        let blocked = blocked();
        assert_eq!(exposure("/", &blocked), Some(Exposure::Root));
        assert_eq!(
            exposure("/etc/ssl", &blocked),
            Some(Exposure::Inside("/etc".into()))
        );
        assert_eq!(
            exposure("/var", &blocked),
            Some(Exposure::Contains("/var/run".into()))
        );
        assert_eq!(
            exposure("/home/alice/.ssh/id_ed25519", &blocked),
            Some(Exposure::Inside("/home/*/.ssh".into()))
        );
        assert_eq!(
            exposure("/home/alice", &blocked),
            Some(Exposure::Contains("/home/*/.ssh".into()))
        );
        assert_eq!(exposure("/etcetera", &blocked), None);
        assert_eq!(exposure("/home/alice/project", &blocked), None);
        assert_eq!(exposure("/var/lib/data", &blocked), None);
    }
}
