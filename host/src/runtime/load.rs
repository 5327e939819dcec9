//! Loads plugin components: checks that a file is a component whose shape
//! is within bounds, compiles it (an untrusted one in a bounded child
//! process), checks that it was built against a `pincer:audit` version this
//! host serves (semver), pre-links it, and asks it once what it is.

use super::Runtime;
use super::bindings::{current, v0_1};
use super::cache::CompileSource;
use super::compile::{self, CompileLimits};
use super::contract::{self, CURRENT_API, Contract};
use super::failure::CompileError;
use super::failure::Failure;
use super::info::PluginInfo;
use super::state::PluginState;
use crate::builtin::BUILTIN_PLUGINS;
use crate::error::{Error, Result};
use crate::text;
use semver::Version;
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::PathBuf;
use wasmtime::component::{Component, InstancePre};

const WIT_PACKAGE: &str = "pincer:audit/";

/// Where a plugin came from.
#[derive(Debug, Clone)]
pub enum PluginSource {
    /// Embedded in the binary (crate directory name under `plugins/`).
    Builtin(&'static str),
    /// A `.wasm` file given with `--plugin` (an absolute path, so that no
    /// file name can read like `builtin:NAME`).
    File(PathBuf),
}

impl PluginSource {
    /// A plugin file, its path made absolute.
    pub fn file(path: &std::path::Path) -> PluginSource {
        PluginSource::File(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

impl fmt::Display for PluginSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PluginSource::Builtin(name) => write!(f, "builtin:{name}"),
            PluginSource::File(path) => write!(f, "{}", text::shown(&path.display().to_string())),
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
    /// The built-in plugin these bytes are — by source, or a file whose
    /// digest is a built-in's — or none for a third-party plugin.
    pub builtin: Option<&'static str>,
    /// Ready to instantiate; or why it cannot be (a missing import, exports
    /// that do not fit the world), reported as that plugin's failure.
    pub(crate) pre: Result<Linked, Failure>,
    /// What it said it is, asked once in a sandbox that sees no
    /// installation; or why it could not say, or was refused.
    pub(crate) info: Result<PluginInfo, Failure>,
}

/// A plugin pre-linked, its exports checked against the world of the
/// contract line that serves it.
#[derive(Clone)]
pub(crate) struct Linked {
    /// Ready to instantiate in a store.
    pub(crate) instance: InstancePre<PluginState>,
    /// Which contract's `run` it exports.
    pub(crate) contract: Contract,
}

impl LoadedPlugin {
    /// What the plugin declared, or why it could not be asked or was
    /// refused (`pincer checks`, `plugins inspect`, packs).
    pub fn info(&self) -> Result<&PluginInfo, &Failure> {
        self.info.as_ref()
    }
}

/// A plugin compiled (or stopped at a compile bound), not yet checked or
/// linked.
#[allow(
    clippy::struct_field_names,
    reason = "`compiled` says where the code came from, as LoadedPlugin's field does"
)]
pub struct Compiled {
    source: PluginSource,
    sha256: String,
    builtin: Option<&'static str>,
    component: Result<Component, Failure>,
    compiled: CompileSource,
}

impl Compiled {
    /// The names the component imports and exports (interfaces with their
    /// package versions), sanitized, for `pincer plugins inspect`; none
    /// when it did not compile.
    pub fn names(&self, runtime: &Runtime) -> (Vec<String>, Vec<String>) {
        let Ok(component) = &self.component else {
            return (Vec::new(), Vec::new());
        };
        let component_type = component.component_type();
        let imports = component_type
            .imports(&runtime.engine)
            .map(|(name, _)| text::line(name, 300))
            .collect();
        let exports = component_type
            .exports(&runtime.engine)
            .map(|(name, _)| text::line(name, 300))
            .collect();
        (imports, exports)
    }
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

/// The built-in plugin whose embedded bytes have the digest `sha256`.
fn builtin_by_digest(sha256: &str) -> Option<&'static str> {
    BUILTIN_PLUGINS
        .iter()
        .find(|(_, _, digest)| *digest == sha256)
        .map(|(name, _, _)| *name)
}

impl Runtime {
    /// Compiles, checks, links and describes one plugin. Bytes that are not
    /// a valid component, or a component built for a `pincer:audit` this
    /// host cannot serve, are input errors; a component past a compile
    /// bound, that does not link or cannot describe itself is loaded as a
    /// failed plugin.
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
        self.link(self.compile_plugin(source, bytes, sha256)?)
    }

    /// Compiles one plugin (an untrusted one in a bounded child process,
    /// after its shape passed the bounds); nothing of it runs.
    pub fn compile_plugin(
        &self,
        source: PluginSource,
        bytes: &[u8],
        sha256: String,
    ) -> Result<Compiled> {
        let builtin = match &source {
            PluginSource::Builtin(name) => Some(*name),
            PluginSource::File(_) => builtin_by_digest(&sha256),
        };
        let (component, compiled) =
            match self.compile(&source, bytes, &sha256, builtin.is_some())? {
                Ok((component, compiled)) => (Ok(component), compiled),
                Err(failure) => (Err(failure), CompileSource::Compiled),
            };
        Ok(Compiled {
            source,
            sha256,
            builtin,
            component,
            compiled,
        })
    }

    /// Checks a compiled plugin's contract version, pre-links it and asks it
    /// what it is.
    pub fn link(&self, compiled: Compiled) -> Result<LoadedPlugin> {
        let Compiled {
            source,
            sha256,
            builtin,
            component,
            compiled,
        } = compiled;
        let component = match component {
            Ok(component) => component,
            Err(failure) => {
                return Ok(LoadedPlugin {
                    source,
                    sha256,
                    api_version: Version::parse(CURRENT_API)
                        .map_err(|e| Error::Engine(format!("bad CURRENT_API: {e}")))?,
                    compiled,
                    builtin,
                    pre: Err(failure.clone()),
                    info: Err(failure),
                });
            }
        };
        let (api_version, contract) = self.check_api(&source, &component)?;
        let pre = self
            .linker
            .instantiate_pre(&component)
            .map_err(|e| {
                Failure::Instantiate(text::block(&format!("cannot be linked: {e:#}"), 4_000))
            })
            .and_then(|pre| fit_world(pre, contract));
        let info = match &pre {
            Ok(pre) => self.describe(pre),
            Err(failure) => Err(failure.clone()),
        };
        Ok(LoadedPlugin {
            source,
            sha256,
            api_version,
            compiled,
            builtin,
            pre,
            info,
        })
    }

    /// The compiled component for `bytes`, from the cache when it holds
    /// it, else compiled — in a bounded child process unless the bytes are a
    /// built-in's. Bytes that are not a valid component are an input error;
    /// a shape past the bounds, or a compile past its time or memory, is
    /// the plugin's failure.
    fn compile(
        &self,
        source: &PluginSource,
        bytes: &[u8],
        sha256: &str,
        trusted: bool,
    ) -> Result<std::result::Result<(Component, CompileSource), Failure>> {
        if !bytes.starts_with(b"\0asm") {
            return Err(plugin_error(source, "is not a WebAssembly file"));
        }
        if !is_component(bytes) {
            return Err(plugin_error(
                source,
                "is a core WebAssembly module, not a component: build it for the wasm32-wasip2 target",
            ));
        }
        match super::precheck::check(bytes) {
            Ok(()) => {}
            Err(CompileError::Invalid(problem)) => return Err(plugin_error(source, problem)),
            Err(CompileError::Limit(problem)) => return Ok(Err(Failure::CompileLimit(problem))),
        }
        let isolated = (!trusted).then_some(CompileLimits {
            timeout: self.limits.compile_timeout,
            memory: self.limits.compile_memory,
        });
        let compiled = self.cache.component(&self.engine, sha256, &|| {
            compile::compile(&self.engine, bytes, isolated)
        });
        match compiled {
            Ok(compiled) => Ok(Ok(compiled)),
            Err(CompileError::Limit(problem)) => Ok(Err(Failure::CompileLimit(problem))),
            Err(CompileError::Invalid(problem)) => {
                let problem = if problem.starts_with("is not a valid component") {
                    problem
                } else {
                    format!("is not a valid component: {problem}")
                };
                Err(plugin_error(source, text::line(&problem, 2_000)))
            }
        }
    }

    /// The `pincer:audit` version the component imports and the contract
    /// line that serves it (none when it imports no versioned interface:
    /// its exports decide), refused when this host serves no such version.
    fn check_api(
        &self,
        source: &PluginSource,
        component: &Component,
    ) -> Result<(Version, Option<Contract>)> {
        let component_type = component.component_type();
        let mut found: Option<Version> = None;
        for (name, _) in component_type.imports(&self.engine) {
            let Some(rest) = name.strip_prefix(WIT_PACKAGE) else {
                continue;
            };
            let name = text::line(name, 300);
            let version = rest.split_once('@').map(|(_, v)| v).ok_or_else(|| {
                plugin_error(
                    source,
                    format!("imports `{name}` without a package version"),
                )
            })?;
            let version = Version::parse(version).map_err(|_| {
                plugin_error(source, format!("imports `{name}` with an invalid version"))
            })?;
            if contract::serving(&version).is_none() {
                return Err(plugin_error(
                    source,
                    format!(
                        "was built against pincer:audit@{version}, but this pincer serves \
                         pincer:audit@{}; rebuild the plugin with a pincer-sdk for \
                         {CURRENT_API}, or use a pincer that serves {version}",
                        contract::served_text()
                    ),
                ));
            }
            found = Some(found.map_or(version.clone(), |v| v.max(version)));
        }
        match found {
            Some(version) => {
                let contract = contract::serving(&version);
                Ok((version, contract))
            }
            None => Ok((
                Version::parse(CURRENT_API)
                    .map_err(|e| Error::Engine(format!("bad CURRENT_API: {e}")))?,
                None,
            )),
        }
    }
}

/// Checks the pre-linked component's exports against the world of the
/// line that serves it (`None`: the current world, else the 0.1 one).
fn fit_world(
    pre: InstancePre<PluginState>,
    contract: Option<Contract>,
) -> std::result::Result<Linked, Failure> {
    let current = || {
        current::CheckPluginPre::new(pre.clone()).map(|_| Linked {
            instance: pre.clone(),
            contract: Contract::Current,
        })
    };
    let older = || {
        v0_1::CheckPluginPre::new(pre.clone()).map(|_| Linked {
            instance: pre.clone(),
            contract: Contract::V0_1,
        })
    };
    let fitted = match contract {
        Some(Contract::Current) => current(),
        Some(Contract::V0_1) => older(),
        None => current().or_else(|_| older()),
    };
    fitted.map_err(|e| {
        Failure::Instantiate(text::block(
            &format!("does not export the check-plugin world: {e:#}"),
            4_000,
        ))
    })
}
