//! Loads plugin components: checks that a file is a component, that it was
//! built against a `pincer:audit` version this host serves (semver), and
//! pre-links it so that each run only instantiates.

use super::Runtime;
use super::bindings::CheckPluginPre;
use super::cache::CompileSource;
use super::failure::Failure;
use super::state::PluginState;
use crate::error::{Error, Result};
use semver::{Version, VersionReq};
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::PathBuf;
use wasmtime::component::Component;

/// The version of the `pincer:audit` WIT package this host serves. A plugin
/// built against `X` loads when `^X` accepts this version.
pub const SUPPORTED_API: &str = "0.1.3";

const WIT_PACKAGE: &str = "pincer:audit/";

/// Where a plugin came from.
#[derive(Debug, Clone)]
pub enum PluginSource {
    /// Embedded in the binary (crate directory name under `plugins/`).
    Builtin(&'static str),
    /// A `.wasm` file given with `--plugin`.
    File(PathBuf),
}

impl fmt::Display for PluginSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PluginSource::Builtin(name) => write!(f, "builtin:{name}"),
            PluginSource::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A compiled plugin, pre-linked when it fits the world.
pub struct LoadedPlugin {
    /// Where it came from.
    pub source: PluginSource,
    /// SHA-256 of the bytes that were compiled (read once, so a file that
    /// changes while being loaded cannot mix two versions).
    pub sha256: String,
    /// The `pincer:audit` version it was built against.
    pub api_version: Version,
    /// Compiled now, or loaded from the compiled-plugin cache.
    pub compiled: CompileSource,
    /// Ready to instantiate; or why it cannot be (a missing import, exports
    /// that do not fit the world), reported as that plugin's failure.
    pub(crate) pre: Result<CheckPluginPre<PluginState>, Failure>,
}

fn plugin_error(source: &PluginSource, message: impl Into<String>) -> Error {
    Error::Plugin {
        path: source.to_string(),
        message: message.into(),
    }
}

/// Whether `bytes` start like a component (not a core module).
fn is_component(bytes: &[u8]) -> bool {
    bytes.len() >= 8 && bytes[..4] == *b"\0asm" && bytes[6..8] == [1, 0]
}

impl Runtime {
    /// Compiles and checks one plugin. Bytes that are not a component, or a
    /// component built for a `pincer:audit` this host cannot serve, are input
    /// errors; a component that does not link is loaded as a failed plugin.
    pub fn load(&self, source: PluginSource, bytes: &[u8]) -> Result<LoadedPlugin> {
        self.load_hashed(source, bytes, format!("{:x}", Sha256::digest(bytes)))
    }

    /// [`Runtime::load`] of bytes whose SHA-256 is known (the built-ins',
    /// computed when they were embedded).
    pub fn load_hashed(
        &self,
        source: PluginSource,
        bytes: &[u8],
        sha256: String,
    ) -> Result<LoadedPlugin> {
        if !bytes.starts_with(b"\0asm") {
            return Err(plugin_error(&source, "is not a WebAssembly file"));
        }
        if !is_component(bytes) {
            return Err(plugin_error(
                &source,
                "is a core WebAssembly module, not a component: build it for the wasm32-wasip2 target",
            ));
        }
        let (component, compiled) = self
            .cache
            .component(&self.engine, bytes, &sha256)
            .map_err(|e| plugin_error(&source, format!("is not a valid component: {e:#}")))?;
        let api_version = self.check_api(&source, &component)?;
        let pre = self
            .linker
            .instantiate_pre(&component)
            .map_err(|e| Failure::Instantiate(format!("cannot be linked: {e:#}")))
            .and_then(|pre| {
                CheckPluginPre::new(pre).map_err(|e| {
                    Failure::Instantiate(format!("does not export the check-plugin world: {e:#}"))
                })
            });
        Ok(LoadedPlugin {
            source,
            sha256,
            api_version,
            compiled,
            pre,
        })
    }

    /// The names a component imports and exports (interfaces with their
    /// package versions), for `pincer plugins inspect`. Errors as [`load`]
    /// does for bytes that are not a component.
    ///
    /// [`load`]: Runtime::load
    pub fn component_names(
        &self,
        source: &PluginSource,
        bytes: &[u8],
    ) -> Result<(Vec<String>, Vec<String>)> {
        let sha256 = format!("{:x}", Sha256::digest(bytes));
        if !is_component(bytes) {
            return Err(plugin_error(
                source,
                "is not a WebAssembly component (build it for the wasm32-wasip2 target)",
            ));
        }
        let (component, _) = self
            .cache
            .component(&self.engine, bytes, &sha256)
            .map_err(|e| plugin_error(source, format!("is not a valid component: {e:#}")))?;
        let component_type = component.component_type();
        let imports = component_type
            .imports(&self.engine)
            .map(|(name, _)| name.to_owned())
            .collect();
        let exports = component_type
            .exports(&self.engine)
            .map(|(name, _)| name.to_owned())
            .collect();
        Ok((imports, exports))
    }

    /// The `pincer:audit` version the component imports, refused when this
    /// host cannot serve it.
    fn check_api(&self, source: &PluginSource, component: &Component) -> Result<Version> {
        let served = Version::parse(SUPPORTED_API)
            .map_err(|e| Error::Engine(format!("bad SUPPORTED_API: {e}")))?;
        let component_type = component.component_type();
        let mut found: Option<Version> = None;
        for (name, _) in component_type.imports(&self.engine) {
            let Some(rest) = name.strip_prefix(WIT_PACKAGE) else {
                continue;
            };
            let version = rest.split_once('@').map(|(_, v)| v).ok_or_else(|| {
                plugin_error(
                    source,
                    format!("imports `{name}` without a package version"),
                )
            })?;
            let version = Version::parse(version).map_err(|e| {
                plugin_error(
                    source,
                    format!("imports `{name}` with an invalid version: {e}"),
                )
            })?;
            let accepts = VersionReq::parse(&format!("^{version}"))
                .is_ok_and(|requirement| requirement.matches(&served));
            if !accepts {
                return Err(plugin_error(
                    source,
                    format!(
                        "was built against pincer:audit@{version}, but this pincer serves \
                         pincer:audit@{served}; rebuild the plugin with a pincer-sdk for {served}, \
                         or use a pincer that serves {version}"
                    ),
                ));
            }
            found = Some(found.map_or(version.clone(), |v| v.max(version)));
        }
        Ok(found.unwrap_or(served))
    }
}
