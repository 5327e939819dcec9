//! `tools.exec.safe_bins_interpreter_unprofiled`: a safe bin (run without
//! approval) is an interpreter or shell with no argument profile, so any
//! program passes as its arguments.

use pincer_sdk::prelude::*;

use crate::bins::{bin_name, safe_bin_is_interpreter};
use crate::safe_bins::scopes;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.exec.safe_bins_interpreter_unprofiled",
    severity: Severity::Warn,
    title: "Interpreter listed as a safe bin without a profile",
    description: "Safe bins run without approval because their arguments are assumed harmless. \
                  An interpreter or shell (python, node, bash, sed, ...) turns its arguments \
                  into a program, so without a safeBinProfiles entry that limits them it is \
                  arbitrary code execution without approval.",
    remediation: "Remove the interpreter from tools.exec.safeBins, or add a \
                  tools.exec.safeBinProfiles entry that pins the arguments it may take.",
    references: &["https://docs.openclaw.ai/tools/exec"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let mut hits = Vec::new();
    for scope in scopes(view) {
        for bin in &scope.bins {
            let name = bin_name(bin);
            if safe_bin_is_interpreter(&name) && !scope.profiles.contains(&name) {
                hits.push(format!("{name} ({})", scope.path));
            }
        }
    }
    if !hits.is_empty() {
        out.push(META.finding(format!("Unprofiled interpreters: {}.", hits.join(", "))));
    }
}
