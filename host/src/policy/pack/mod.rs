//! Rule packs: an organisation's policy as one directory — `pack.toml`
//! (name, version, the `pincer:audit` versions it needs, its plugins with
//! their SHA-256, their parameters, checks it disables and severities it
//! overrides, each with a reason) beside the plugin components.
//!
//! A pack is all or nothing: a wrong digest, an unreadable plugin or an api
//! requirement this pincer does not meet refuses the whole pack before any
//! of it is used (exit 2), never half-loads it.

pub(crate) mod admit;
pub(crate) mod policy;

use crate::error::{Error, Result};
use crate::input_file::line_of;
use crate::policy::params::{ParamsOrigin, PluginParams};
use pincer_sdk::Severity;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file that describes a pack.
pub(crate) const PACK_FILE: &str = "pack.toml";

/// One plugin of a pack, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PluginEntry {
    /// The component, relative to the pack directory.
    pub path: String,
    /// Its SHA-256 (hex).
    pub sha256: String,
}

/// A check the pack turns off, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DisableEntry {
    /// The check id (a `*` segment matches one segment).
    pub check: String,
    /// Why.
    pub reason: String,
}

/// A severity the pack changes, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OverrideEntry {
    /// The check id (a `*` segment matches one segment).
    pub check: String,
    /// The severity its findings get.
    pub severity: Severity,
    /// Why.
    pub reason: String,
}

/// `pack.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackSpec {
    /// The pack's name.
    pub name: String,
    /// Its version (semver).
    pub version: String,
    /// What it is for.
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "accepted in pack.toml for its readers; no output shows it yet"
    )]
    pub description: String,
    /// A semver requirement on the `pincer:audit` version (`^0.1.2`).
    pub api: String,
    /// Its plugins.
    #[serde(default)]
    pub plugins: Vec<toml::Spanned<PluginEntry>>,
    /// Parameters by plugin name.
    #[serde(default)]
    pub params: BTreeMap<toml::Spanned<String>, toml::Table>,
    /// Checks turned off.
    #[serde(default)]
    pub disable: Vec<toml::Spanned<DisableEntry>>,
    /// Severities changed.
    #[serde(default)]
    pub overrides: Vec<toml::Spanned<OverrideEntry>>,
}

/// A plugin of a loaded pack: its file, checked against its digest.
#[derive(Debug, Clone)]
pub(crate) struct PackPlugin {
    /// The component file.
    pub path: PathBuf,
    /// Its SHA-256, as checked.
    pub sha256: String,
    /// Its bytes, as digested.
    pub bytes: Vec<u8>,
}

/// A rule of a pack with where it is written.
#[derive(Debug, Clone)]
pub(crate) struct Rule<T> {
    /// The rule.
    pub rule: T,
    /// `pack.toml`'s line of it.
    pub line: usize,
}

/// A pack whose file parsed, whose api this pincer serves and whose
/// plugins match their digests.
#[derive(Debug, Clone)]
pub(crate) struct Pack {
    /// Its directory.
    pub dir: PathBuf,
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// The `pincer:audit` versions it needs (a semver requirement).
    pub api: String,
    /// Its plugins, digests checked.
    pub plugins: Vec<PackPlugin>,
    /// Its parameters, with their origins.
    pub params: PluginParams,
    /// Checks it turns off.
    pub disable: Vec<Rule<DisableEntry>>,
    /// Severities it changes.
    pub overrides: Vec<Rule<OverrideEntry>>,
}

impl Pack {
    /// `pack.toml` of this pack.
    pub(crate) fn file(&self) -> PathBuf {
        self.dir.join(PACK_FILE)
    }

    /// `pack NAME (DIR/pack.toml:LINE)`, to say where a rule comes from.
    pub(crate) fn source(&self, line: usize) -> String {
        format!("pack {} ({}:{line})", self.name, self.file().display())
    }
}

/// The line of `key` in the table that starts at `span` (up to the next
/// table header), else the table's own line.
fn line_of_key(text: &str, span: std::ops::Range<usize>, key: &str) -> usize {
    let rest = text.get(span.start..).unwrap_or_default();
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if index > 0 && trimmed.starts_with('[') {
            break;
        }
        if let Some(after) = trimmed.strip_prefix(key)
            && after.trim_start().starts_with('=')
        {
            return line_of(text, span.start + offset);
        }
        offset += line.len();
    }
    line_of(text, span.start)
}

fn invalid(file: &Path, line: usize, message: String) -> Error {
    Error::Invalid {
        path: file.to_path_buf(),
        line,
        column: 1,
        message,
    }
}

/// The `[[what]]` rules with their lines; each must name a check and give
/// a reason.
fn reasoned_rules<T: Clone>(
    entries: &[toml::Spanned<T>],
    text: &str,
    file: &Path,
    what: &str,
    fields: impl Fn(&T) -> (&String, &String),
) -> Result<Vec<Rule<T>>> {
    entries
        .iter()
        .map(|entry| {
            let line = line_of_key(text, entry.span(), "check");
            let (check, reason) = fields(entry.get_ref());
            if check.trim().is_empty() {
                return Err(invalid(
                    file,
                    line,
                    format!("[[{what}]]: `check` must not be empty"),
                ));
            }
            if reason.trim().is_empty() {
                return Err(invalid(
                    file,
                    line,
                    format!("[[{what}]] of `{check}`: `reason` must say why"),
                ));
            }
            Ok(Rule {
                rule: entry.get_ref().clone(),
                line,
            })
        })
        .collect()
}

/// Loads the packs in `dirs`, in order, each once (a pack named both in
/// pincer.toml and with `--pack` is the same pack).
pub(crate) fn load_all<'a>(dirs: impl Iterator<Item = &'a PathBuf>) -> Result<Vec<Pack>> {
    let mut seen = Vec::new();
    let mut packs = Vec::new();
    for dir in dirs {
        let real = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        if seen.contains(&real) {
            continue;
        }
        seen.push(real);
        packs.push(load(dir)?);
    }
    Ok(packs)
}

/// Largest plugin component a pack may hold.
pub(crate) const MAX_PLUGIN_BYTES: u64 = 64 << 20;

/// A plugin's file: a relative path of plain names that, resolved, stays a
/// regular file inside the pack directory. A pack cannot make Pincer read
/// (and print the digest of) a file elsewhere, or a device.
fn plugin_path(dir: &Path, written: &str) -> std::result::Result<PathBuf, String> {
    let relative = Path::new(written);
    let plain = relative
        .components()
        .all(|component| matches!(component, std::path::Component::Normal(_)));
    if written.is_empty() || !plain {
        return Err("a plugin path is relative to the pack and made of plain names".to_owned());
    }
    let root = dir
        .canonicalize()
        .map_err(|error| format!("the pack directory cannot be resolved: {error}"))?;
    let real = root
        .join(relative)
        .canonicalize()
        .map_err(|error| format!("cannot be read: {error}"))?;
    if !real.starts_with(&root) {
        return Err("leads out of the pack directory (through a symlink)".to_owned());
    }
    Ok(real)
}

/// The bytes of a plugin file: a regular file of at most
/// [`MAX_PLUGIN_BYTES`].
fn read_plugin(path: &Path) -> Result<Vec<u8>> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(read_error)?;
    if !metadata.is_file() || metadata.len() > MAX_PLUGIN_BYTES {
        return Err(read_error(std::io::Error::other(format!(
            "not a regular file of at most {MAX_PLUGIN_BYTES} bytes"
        ))));
    }
    std::fs::read(path).map_err(read_error)
}

/// The largest `pack.toml` read.
const MAX_PACK_FILE_BYTES: u64 = 1 << 20;

/// Whether `name` can name a pack: letters, digits, `-`, `_` and `.`.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Reads and checks the pack in `dir`: its file, its api requirement and
/// every plugin's digest. Any problem refuses the whole pack.
pub(crate) fn load(dir: &Path) -> Result<Pack> {
    let file = dir.join(PACK_FILE);
    let text = crate::input_file::read_text(
        &file,
        crate::input_file::Within::Anywhere,
        MAX_PACK_FILE_BYTES,
    )
    .map_err(|error| Error::input(&file, error))?;
    let spec: PackSpec = crate::policy::settings::parse_toml(&file, &text)?;
    if !valid_name(&spec.name) {
        return Err(invalid(
            &file,
            1,
            format!(
                "name `{}` must be letters, digits, `-`, `_` or `.`",
                spec.name.escape_debug()
            ),
        ));
    }
    if spec.plugins.is_empty()
        && spec.params.is_empty()
        && spec.disable.is_empty()
        && spec.overrides.is_empty()
    {
        return Err(invalid(
            &file,
            1,
            "the pack holds no plugins, parameters or rules".to_owned(),
        ));
    }
    semver::Version::parse(&spec.version).map_err(|error| {
        invalid(
            &file,
            1,
            format!("version `{}` is not semver: {error}", spec.version),
        )
    })?;
    let requirement = semver::VersionReq::parse(&spec.api).map_err(|error| {
        invalid(
            &file,
            1,
            format!("api `{}` is not a semver requirement: {error}", spec.api),
        )
    })?;
    if !crate::runtime::contract::meets(&requirement) {
        let served = crate::runtime::contract::served_text();
        return Err(invalid(
            &file,
            1,
            format!(
                "pack {} needs pincer:audit {}, but this pincer serves {served}; \
                 the pack is refused (use a pincer that serves it, or a pack built for {})",
                spec.name,
                spec.api,
                crate::runtime::CURRENT_API
            ),
        ));
    }
    let mut plugins = Vec::with_capacity(spec.plugins.len());
    for entry in &spec.plugins {
        let line = line_of_key(&text, entry.span(), "sha256");
        let entry = entry.get_ref();
        let sha256_ok =
            entry.sha256.len() == 64 && entry.sha256.chars().all(|c| c.is_ascii_hexdigit());
        if !sha256_ok {
            return Err(invalid(
                &file,
                line,
                format!("sha256 of {} must be 64 hex digits", entry.path),
            ));
        }
        let path = plugin_path(dir, &entry.path)
            .map_err(|message| invalid(&file, line, format!("{}: {message}", entry.path)))?;
        let bytes = read_plugin(&path)?;
        let actual = format!("{:x}", Sha256::digest(&bytes));
        if !actual.eq_ignore_ascii_case(entry.sha256.trim()) {
            return Err(invalid(
                &file,
                line,
                format!(
                    "{} has sha256 {actual}, but the pack says {}; the pack is refused \
                     (a plugin that is not the one the pack was built with never runs)",
                    entry.path, entry.sha256
                ),
            ));
        }
        plugins.push(PackPlugin {
            path,
            sha256: actual,
            bytes,
        });
    }
    let mut params = PluginParams::default();
    for (name, table) in &spec.params {
        let origin = ParamsOrigin {
            path: file.clone(),
            line: line_of(&text, name.span().start),
        };
        params.insert(name.get_ref().clone(), table, Some(origin));
    }
    let disable = reasoned_rules(&spec.disable, &text, &file, "disable", |d| {
        (&d.check, &d.reason)
    })?;
    let overrides = reasoned_rules(&spec.overrides, &text, &file, "overrides", |o| {
        (&o.check, &o.reason)
    })?;
    Ok(Pack {
        dir: dir.to_path_buf(),
        name: spec.name,
        version: spec.version,
        api: spec.api,
        plugins,
        params,
        disable,
        overrides,
    })
}
