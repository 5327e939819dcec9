//! `pincer plugins inspect FILE.wasm`: what a plugin component is before
//! anyone runs it against a real installation — its digest, the
//! `pincer:audit` version it was built against and whether this pincer
//! serves it, every import and export, and its own metadata (name,
//! version, checks), asked of it in a sandbox with an empty view.

use crate::cli::InspectArgs;
use crate::error::{Result, exit};
use crate::runtime::info::PluginInfo;
use crate::runtime::{CURRENT_API, CompiledCache, Limits, PluginSource, Runtime};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Write;

/// What `inspect` found.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Inspection {
    file: String,
    bytes: usize,
    sha256: String,
    /// The `pincer:audit` version the plugin was built against.
    #[serde(skip_serializing_if = "Option::is_none")]
    api_version: Option<String>,
    /// The contract version this pincer serves to new plugins.
    host_serves: &'static str,
    /// The older versions it still serves.
    host_serves_older: Vec<&'static str>,
    /// Whether this pincer can run it; else why not.
    loadable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
    imports: Vec<String>,
    exports: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plugin: Option<PluginInfo>,
}

/// The highest `pincer:audit` version among the import names.
fn api_version(imports: &[String]) -> Option<String> {
    imports
        .iter()
        .filter_map(|name| name.strip_prefix("pincer:audit/"))
        .filter_map(|rest| rest.split_once('@').map(|(_, version)| version))
        .filter_map(|version| semver::Version::parse(version).ok())
        .max()
        .map(|version| version.to_string())
}

/// Inspects the plugin; exit 0 when this pincer can run it, 2 when the
/// file is not a component or needs another `pincer:audit`, 3 when it
/// loads but fails to link or to describe itself.
pub(crate) fn run(args: &InspectArgs, env: &crate::env::Env) -> Result<u8> {
    let bytes = super::read_plugin(&args.file)?;
    let runtime = Runtime::new(Limits::default())?.with_cache(
        args.cache
            .dir(env)
            .map_or_else(CompiledCache::disabled, CompiledCache::at),
    );
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let compiled =
        runtime.compile_plugin(PluginSource::file(&args.file), &bytes, sha256.clone())?;
    let (imports, exports) = compiled.names(&runtime);
    let mut inspection = Inspection {
        file: crate::text::shown(&args.file.display().to_string()),
        bytes: bytes.len(),
        sha256,
        api_version: api_version(&imports),
        host_serves: CURRENT_API,
        host_serves_older: crate::runtime::contract::SERVED
            .iter()
            .map(|(version, _)| *version)
            .filter(|version| *version != CURRENT_API)
            .collect(),
        loadable: false,
        problem: None,
        imports,
        exports,
        plugin: None,
    };
    let code = match runtime.link(compiled) {
        Err(error) => {
            inspection.problem = Some(error.to_string());
            exit::INPUT
        }
        Ok(plugin) => match admitted(plugin).info() {
            Ok(info) => {
                inspection.loadable = true;
                inspection.plugin = Some(info.clone());
                exit::CLEAN
            }
            Err(failure) => {
                inspection.problem = Some(failure.to_string());
                exit::INCOMPLETE
            }
        },
    };
    crate::output::print_json_or_table(
        args.format == crate::cli::Format::Json,
        &inspection,
        &|out| render_table(&inspection, out),
    )?;
    Ok(code)
}

/// The plugin as an audit would admit it, alone: refused when its name or
/// ids are reserved for the built-ins or the host.
fn admitted(plugin: crate::runtime::LoadedPlugin) -> crate::runtime::LoadedPlugin {
    let mut plugins = [plugin];
    crate::runtime::ownership::admit(&mut plugins);
    let [plugin] = plugins;
    plugin
}

fn render_table(inspection: &Inspection, out: &mut dyn Write) -> std::io::Result<()> {
    if let Some(plugin) = &inspection.plugin {
        writeln!(out, "plugin    {} {}", plugin.name, plugin.version)?;
        for line in plugin.description.lines() {
            writeln!(out, "          {line}")?;
        }
        for note in &plugin.notes {
            writeln!(out, "note      {note}")?;
        }
    }
    writeln!(
        out,
        "file      {} ({} bytes)",
        inspection.file, inspection.bytes
    )?;
    writeln!(out, "sha256    {}", inspection.sha256)?;
    let verdict = if inspection.loadable {
        "runs here"
    } else {
        "does not run here"
    };
    writeln!(
        out,
        "api       pincer:audit@{} (this pincer serves {}: {verdict})",
        inspection.api_version.as_deref().unwrap_or("none"),
        crate::runtime::contract::served_text()
    )?;
    if let Some(problem) = &inspection.problem {
        writeln!(out, "problem   {problem}")?;
    }
    for (label, names) in [
        ("imports", &inspection.imports),
        ("exports", &inspection.exports),
    ] {
        for (index, name) in names.iter().enumerate() {
            let label = if index == 0 { label } else { "" };
            writeln!(out, "{label:<9} {name}")?;
        }
    }
    if let Some(plugin) = &inspection.plugin {
        writeln!(out, "checks    {}", plugin.checks.len())?;
        let width = plugin.checks.iter().map(|c| c.id.len()).max().unwrap_or(0);
        for check in &plugin.checks {
            writeln!(
                out,
                "  {:<width$}  {:<8}  {}",
                check.id,
                check.default_severity.as_str(),
                check.title
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::api_version;

    #[test]
    fn the_highest_audit_import_is_the_api() {
        let imports = vec![
            "wasi:cli/environment@0.2.6".to_owned(),
            "pincer:audit/config@0.1.0".to_owned(),
            "pincer:audit/params@0.1.2".to_owned(),
        ];
        assert_eq!(api_version(&imports).as_deref(), Some("0.1.2"));
        assert_eq!(api_version(&[]), None);
    }
}
