//! `tools.exec.safe_bins_broad_behavior`: a safe bin whose own language can
//! read and write files (jq, awk, sed) runs without approval.

use pincer_sdk::prelude::*;

use crate::bins::{BROAD_SAFE_BINS, bin_name};
use crate::safe_bins::scopes;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.exec.safe_bins_broad_behavior",
    severity: Severity::Warn,
    title: "Safe bin with a programming language of its own",
    description: "jq, awk and sed interpret a script given as an argument; awk and sed can write \
                  files and awk can start programs. As safe bins they run without approval \
                  whatever the script, profile or not.",
    remediation: "Take jq, awk and sed out of tools.exec.safeBins and approve their uses \
                  through the exec allowlist instead.",
    references: &["https://docs.openclaw.ai/tools/exec"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let mut hits: Vec<String> = Vec::new();
    for scope in scopes(view) {
        for bin in &scope.bins {
            let name = bin_name(bin);
            if BROAD_SAFE_BINS.contains(&name.as_str()) && !hits.contains(&name) {
                hits.push(name);
            }
        }
    }
    if !hits.is_empty() {
        out.push(META.finding(format!("Broad safe bins: {}.", hits.join(", "))));
    }
}
