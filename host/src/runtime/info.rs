//! A plugin's self-description as the host keeps it: lifted out of the
//! plugin's memory within a byte bound (the hostcall fuel of its `info()`
//! call), every string sanitized and cut to its field's bound, every id
//! held to the grammar, references kept only when they are web links.

use super::bindings::current::pincer::audit::types as wit;
use super::failure::Failure;
use super::ids::{self, IdIndex};
use crate::text;
use pincer_sdk::Severity;
use serde::Serialize;
use std::collections::HashSet;

/// Most checks one plugin may declare.
pub(crate) const MAX_CHECKS: usize = 1_000;
/// Most bytes of text all of a plugin's declarations may hold together.
pub(crate) const MAX_INFO_BYTES: usize = 256 << 10;
/// Bytes kept of a version.
const MAX_VERSION: usize = 64;
/// Bytes kept of a plugin's description.
const MAX_PLUGIN_DESCRIPTION: usize = 1 << 10;
/// Bytes kept of a check's title and category.
const MAX_TITLE: usize = 200;
/// Bytes kept of a check's description and remediation.
const MAX_PROSE: usize = 4 << 10;
/// References per check, and bytes kept of each.
const MAX_REFERENCES: usize = 16;
const MAX_REFERENCE: usize = 512;

/// One declared check.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckInfo {
    /// Dotted id (may contain `*` segments).
    pub id: String,
    /// Default severity.
    pub default_severity: Severity,
    /// One-line title.
    pub title: String,
    /// What it looks at.
    pub description: String,
    /// What to do.
    pub remediation: String,
    /// Threat category.
    pub category: String,
    /// Further reading: absolute `https:` or `http:` URLs only.
    pub references: Vec<String>,
}

/// A plugin's metadata.
#[derive(Debug, Clone, Serialize)]
pub struct PluginInfo {
    /// Unique kebab-case name.
    pub name: String,
    /// Its own version.
    pub version: String,
    /// What it covers.
    pub description: String,
    /// Its checks.
    pub checks: Vec<CheckInfo>,
    /// What the host changed in it (references dropped), for the report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Its check ids, indexed.
    #[serde(skip)]
    index: std::sync::Arc<IdIndex>,
}

/// The bytes the host may copy out of a plugin for its `info()` answer: its
/// text, and the lists that hold it.
pub(crate) fn lift_bytes() -> usize {
    let per_check = std::mem::size_of::<wit::CheckInfo>()
        + MAX_REFERENCES.saturating_mul(std::mem::size_of::<String>());
    MAX_INFO_BYTES.saturating_add(MAX_CHECKS.saturating_add(1).saturating_mul(per_check))
}

pub(crate) fn severity_from_wit(severity: wit::Severity) -> Severity {
    match severity {
        wit::Severity::Info => Severity::Info,
        wit::Severity::Warn => Severity::Warn,
        wit::Severity::Critical => Severity::Critical,
    }
}

fn invalid(message: String) -> Failure {
    Failure::InvalidOutput(message)
}

fn text_bytes(info: &wit::PluginInfo) -> usize {
    let check = |c: &wit::CheckInfo| {
        c.id.len()
            + c.title.len()
            + c.description.len()
            + c.remediation.len()
            + c.category.len()
            + c.references.iter().map(String::len).sum::<usize>()
    };
    info.name.len()
        + info.version.len()
        + info.description.len()
        + info.checks.iter().map(check).sum::<usize>()
}

/// A reference kept as a link: an absolute `https:` or `http:` URL with a
/// host and no credentials, as the URL parser writes it back.
pub(crate) fn web_link(reference: &str) -> Option<String> {
    let url = url::Url::parse(reference).ok()?;
    let web = matches!(url.scheme(), "https" | "http")
        && url.host_str().is_some_and(|host| !host.is_empty())
        && url.username().is_empty()
        && url.password().is_none();
    web.then(|| url.to_string())
}

impl PluginInfo {
    /// Validates and keeps the plugin's `info()` answer.
    pub(crate) fn from_wit(raw: wit::PluginInfo) -> Result<PluginInfo, Failure> {
        let name = text::line(&raw.name, ids::MAX_NAME_BYTES + 1);
        if let Some(problem) = ids::name_problem(&name) {
            return Err(invalid(format!(
                "plugin name `{name}` is refused: {problem}"
            )));
        }
        if raw.checks.len() > MAX_CHECKS {
            return Err(invalid(format!(
                "declares {} checks, over the bound of {MAX_CHECKS}",
                raw.checks.len()
            )));
        }
        let bytes = text_bytes(&raw);
        if bytes > MAX_INFO_BYTES {
            return Err(invalid(format!(
                "declares {bytes} bytes of text, over the bound of {MAX_INFO_BYTES}"
            )));
        }
        let mut info = PluginInfo {
            version: text::line(&raw.version, MAX_VERSION),
            description: text::block(&raw.description, MAX_PLUGIN_DESCRIPTION),
            name,
            checks: Vec::with_capacity(raw.checks.len()),
            notes: Vec::new(),
            index: std::sync::Arc::default(),
        };
        let mut seen = HashSet::new();
        for check in raw.checks {
            let check = info.check(check)?;
            if !seen.insert(check.id.to_ascii_lowercase()) {
                return Err(invalid(format!(
                    "check id `{}` is declared twice",
                    check.id
                )));
            }
            info.checks.push(check);
        }
        info.index = std::sync::Arc::new(IdIndex::new(info.checks.iter().map(|c| c.id.as_str())));
        Ok(info)
    }

    fn check(&mut self, raw: wit::CheckInfo) -> Result<CheckInfo, Failure> {
        let id = text::line(&raw.id, ids::MAX_ID_BYTES + 1);
        if let Some(problem) = ids::pattern_problem(&id) {
            return Err(invalid(format!("check id `{id}` is refused: {problem}")));
        }
        if raw.references.len() > MAX_REFERENCES {
            self.notes.push(format!(
                "{id}: references past the first {MAX_REFERENCES} dropped"
            ));
        }
        let mut references = Vec::new();
        for (index, reference) in raw.references.iter().take(MAX_REFERENCES).enumerate() {
            // Not quoted when dropped: it may be a script or hold a credential.
            match web_link(&text::line(reference, MAX_REFERENCE)) {
                Some(link) => references.push(link),
                None => self.notes.push(format!(
                    "{id}: reference {} dropped: only https and http links without \
                     credentials are kept",
                    index + 1
                )),
            }
        }
        Ok(CheckInfo {
            default_severity: severity_from_wit(raw.default_severity),
            title: text::line(&raw.title, MAX_TITLE),
            description: text::block(&raw.description, MAX_PROSE),
            remediation: text::block(&raw.remediation, MAX_PROSE),
            category: text::line(&raw.category, MAX_TITLE),
            references,
            id,
        })
    }

    /// The declaration of Pincer's own checks, which no sandbox made and
    /// so needs no bounds.
    pub fn of_host(name: &str, version: &str, description: &str, checks: Vec<CheckInfo>) -> Self {
        let index = std::sync::Arc::new(IdIndex::new(checks.iter().map(|c| c.id.as_str())));
        PluginInfo {
            name: name.to_owned(),
            version: version.to_owned(),
            description: description.to_owned(),
            checks,
            notes: Vec::new(),
            index,
        }
    }

    /// The index in `checks` of the declaration that covers the concrete
    /// `id`, the most literal first.
    pub fn declaration(&self, id: &str) -> Option<usize> {
        self.index.lookup(id)
    }

    /// Whether a concrete id is declared by this plugin.
    pub fn declares(&self, id: &str) -> bool {
        self.declaration(id).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_are_kept() {
        assert_eq!(
            web_link("https://docs.openclaw.ai/gateway/security").as_deref(),
            Some("https://docs.openclaw.ai/gateway/security")
        );
        assert!(web_link("http://example.com/a b").is_some_and(|l| l.contains("%20")));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<script>",
            "file:///etc/passwd",
            "https://user:pw@example.com/",
            "//example.com",
            "see the docs",
            "vbscript:x",
        ] {
            assert_eq!(web_link(bad), None, "{bad}");
        }
    }
}
