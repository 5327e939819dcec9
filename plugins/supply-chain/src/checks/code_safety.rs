//! `plugins.code_safety*` and `skills.code_safety*`: what the `--deep`
//! code scan found in installed plugins and workspace skills — process
//! spawning, dynamic code, miners, odd network ports, reading files next
//! to sending data, obfuscation, environment harvesting, and in skill
//! texts literal secrets, pipe-to-shell installs and destructive commands;
//! plugin entries that escape their folder or hide in `node_modules`; and
//! packages that could not be read. Without `--deep` these checks see
//! nothing.

use pincer_sdk::ScannedPackage;
use pincer_sdk::prelude::*;

macro_rules! code_check {
    ($name:ident, $id:literal, $severity:ident, $title:literal, $description:literal, $remediation:literal) => {
        /// Declaration.
        pub static $name: CheckMeta = CheckMeta {
            id: $id,
            severity: Severity::$severity,
            title: $title,
            description: $description,
            remediation: $remediation,
            references: &["https://docs.openclaw.ai/plugins/security"],
        };
    };
}

code_check!(
    PLUGIN_CODE,
    "plugins.code_safety",
    Warn,
    "Installed plugin code matches unsafe patterns",
    "The deep scan of the plugin's JavaScript/TypeScript found patterns malware uses: \
     spawning processes, eval or new Function, miner pools, WebSocket on unusual ports, \
     reading files beside network sends, obfuscated strings, environment variables sent \
     over the network. Critical when any critical rule matched.",
    "Review the listed files; remove the plugin unless each match is explained."
);
code_check!(
    ENTRY_PATH,
    "plugins.code_safety.entry_path",
    Warn,
    "Plugin entry hidden in node_modules or a dot-folder",
    "An openclaw.extensions entry that points into node_modules or a hidden folder runs code \
     that reviews and the scan's normal walk skip.",
    "Point the entry at the plugin's own source, outside node_modules and hidden folders."
);
code_check!(
    ENTRY_ESCAPE,
    "plugins.code_safety.entry_escape",
    Critical,
    "Plugin entry points outside the plugin folder",
    "An openclaw.extensions entry that resolves outside the plugin's folder makes the \
     gateway load code from anywhere on disk under the plugin's name.",
    "Remove the plugin, or fix its package.json so every entry stays inside its folder."
);
code_check!(
    MANIFEST_PARSE_ERROR,
    "plugins.code_safety.manifest_parse_error",
    Warn,
    "Plugin package.json could not be read",
    "The plugin's package.json is not valid JSON or is too large, so its entries could not \
     be checked.",
    "Fix or reinstall the plugin."
);
code_check!(
    PLUGIN_SCAN_FAILED,
    "plugins.code_safety.scan_failed",
    Warn,
    "Plugin code could not be scanned",
    "Reading the plugin's folder failed part way, so its code was not fully scanned.",
    "Check the folder's permissions and run the audit again with --deep."
);
code_check!(
    SKILL_CODE,
    "skills.code_safety",
    Warn,
    "Workspace skill matches unsafe patterns",
    "The deep scan of the skill's files and SKILL.md found literal secrets, pipe-to-shell \
     installs, environment variables sent over the network, destructive deletes, world-\
     writable permissions or unsafe code patterns. Critical when any critical rule matched.",
    "Review the listed lines; remove or rewrite the skill."
);
code_check!(
    SKILL_SCAN_FAILED,
    "skills.code_safety.scan_failed",
    Warn,
    "Workspace skill could not be scanned",
    "Reading the skill failed part way, so it was not fully scanned.",
    "Check the skill folder's permissions and run the audit again with --deep."
);

fn packages(view: &View, skills: bool) -> &[ScannedPackage] {
    view.gateway_state().code_scan.as_ref().map_or(&[], |scan| {
        if skills { &scan.skills } else { &scan.plugins }
    })
}

fn report_code(view: &View, out: &mut Findings, skills: bool, meta: &'static CheckMeta) {
    for package in packages(view, skills) {
        let Some(worst) = package.findings.iter().map(|f| f.severity).max() else {
            continue;
        };
        let matches: Vec<String> = package
            .findings
            .iter()
            .take(12)
            .map(|f| format!("{} at {}:{}", f.rule, f.file, f.line))
            .collect();
        let more = package.findings.len().saturating_sub(matches.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        out.push(
            meta.finding(format!("{}: {}{more}.", package.id, matches.join("; ")))
                .with_severity(worst),
        );
    }
}

/// Evaluates `plugins.code_safety`.
pub fn run_plugin_code(view: &View, out: &mut Findings) {
    report_code(view, out, false, &PLUGIN_CODE);
}

/// Evaluates `skills.code_safety`.
pub fn run_skill_code(view: &View, out: &mut Findings) {
    report_code(view, out, true, &SKILL_CODE);
}

/// Evaluates `plugins.code_safety.entry_path`.
pub fn run_entry_path(view: &View, out: &mut Findings) {
    for package in packages(view, false) {
        for entry in &package.hidden_entries {
            out.push(ENTRY_PATH.finding(format!("{}: entry `{entry}`.", package.id)));
        }
    }
}

/// Evaluates `plugins.code_safety.entry_escape`.
pub fn run_entry_escape(view: &View, out: &mut Findings) {
    for package in packages(view, false)
        .iter()
        .filter(|p| !p.escaping_entries.is_empty())
    {
        out.push(ENTRY_ESCAPE.finding(format!(
            "{}: entries {}.",
            package.id,
            package.escaping_entries.join(", ")
        )));
    }
}

/// Evaluates `plugins.code_safety.manifest_parse_error`.
pub fn run_manifest_parse_error(view: &View, out: &mut Findings) {
    for package in packages(view, false) {
        if let Some(error) = &package.manifest_error {
            out.push(MANIFEST_PARSE_ERROR.finding(format!("{}: {error}.", package.id)));
        }
    }
}

/// Evaluates `plugins.code_safety.scan_failed`.
pub fn run_plugin_scan_failed(view: &View, out: &mut Findings) {
    for package in packages(view, false) {
        if let Some(error) = &package.scan_error {
            out.push(PLUGIN_SCAN_FAILED.finding(format!("{}: {error}.", package.id)));
        }
    }
}

/// Evaluates `skills.code_safety.scan_failed`.
pub fn run_skill_scan_failed(view: &View, out: &mut Findings) {
    for package in packages(view, true) {
        if let Some(error) = &package.scan_error {
            out.push(SKILL_SCAN_FAILED.finding(format!("{}: {error}.", package.id)));
        }
    }
}
