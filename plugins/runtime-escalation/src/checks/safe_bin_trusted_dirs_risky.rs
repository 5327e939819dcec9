//! `tools.exec.safe_bin_trusted_dirs_risky`: safe bins are trusted from a
//! directory others commonly write to (temporary, user or package-manager
//! directories) or from a relative path.

use pincer_sdk::agents::roster;
use pincer_sdk::prelude::*;
use serde_json::Value;

use crate::bins::risky_trusted_dir;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.exec.safe_bin_trusted_dirs_risky",
    severity: Severity::Warn,
    title: "Safe bins trusted from a writable directory",
    description: "A safe bin is trusted by where it lives. A directory in /tmp, a home \
                  directory, ~/.local/bin or a package manager's bin directory can be written \
                  by the user or by any package install, so a file dropped there with a safe \
                  bin's name runs without approval. A relative path depends on the working \
                  directory.",
    remediation: "List only root-owned system directories (/usr/bin, /bin) in \
                  tools.exec.safeBinTrustedDirs.",
    references: &["https://docs.openclaw.ai/tools/exec"],
};

fn entries(list: Option<&Value>) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for entry in list.and_then(Value::as_array).into_iter().flatten() {
        let Some(entry) = entry.as_str().map(str::trim).filter(|e| !e.is_empty()) else {
            continue;
        };
        if !out.contains(&entry) {
            out.push(entry);
        }
    }
    out
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let agents = roster(view);
    let mut lists = vec![(
        "tools.exec.safeBinTrustedDirs".to_owned(),
        entries(view.get("tools.exec.safeBinTrustedDirs")),
    )];
    for agent in &agents {
        lists.push((
            format!("{}.tools.exec.safeBinTrustedDirs", agent.path()),
            entries(agent.get("tools.exec.safeBinTrustedDirs")),
        ));
    }
    let mut hits = Vec::new();
    let mut first = None;
    for (path, dirs) in &lists {
        for dir in dirs {
            if let Some(why) = risky_trusted_dir(dir) {
                first.get_or_insert_with(|| path.clone());
                hits.push(format!("{dir} ({why}, {path})"));
            }
        }
    }
    if let Some(first) = first {
        out.push(
            META.finding(format!("Risky trusted directories: {}.", hits.join("; ")))
                .at(first),
        );
    }
}
