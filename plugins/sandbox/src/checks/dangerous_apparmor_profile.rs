//! `sandbox.dangerous_apparmor_profile`: the sandbox runs without an
//! AppArmor profile.

use pincer_sdk::prelude::*;

use crate::checks::unconfined;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "sandbox.dangerous_apparmor_profile",
    severity: Severity::Critical,
    title: "Sandbox runs without an AppArmor profile",
    description: "apparmorProfile \"unconfined\" lifts the mandatory access control that keeps \
                  a container away from host files, mounts and /proc interfaces even when \
                  another layer fails.",
    remediation: "Remove apparmorProfile to get Docker's default profile, or name a stricter one.",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    unconfined(view, out, &META, "apparmorProfile");
}
