//! `nodes.scopes_exceed_approved`: a paired device holds scopes, on its
//! record or on a live token, that no operator approved.

use crate::devices::{device_label, is_live};
use pincer_sdk::prelude::*;
use pincer_sdk::secret::js_trim;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "nodes.scopes_exceed_approved",
    severity: Severity::Critical,
    title: "Paired device holds scopes beyond those approved",
    description: "Each paired device records the scopes an operator approved (approvedScopes) \
                  beside the scopes it holds now and those its tokens carry. A scope held but \
                  not approved — directly or through what an approved scope implies, such as \
                  operator.admin covering every operator scope — was gained without an \
                  approval: a silent upgrade, a tampered state file or a pairing bug. Critical, \
                  because such scopes (operator.admin, operator.pairing, operator.approvals) \
                  can reconfigure the gateway, approve further devices or answer exec \
                  approvals. An empty approvedScopes counts as nothing approved.",
    remediation: "Check the device with openclaw devices list. If it should keep the extra \
                  scopes, re-approve it; otherwise rotate its tokens to the approved scopes \
                  (openclaw devices rotate --device ID --role ROLE) or remove it (openclaw \
                  devices remove ID) and pair it again.",
    references: &["https://docs.openclaw.ai/gateway/operator-scopes"],
};

const ADMIN: &str = "operator.admin";
const WRITE: &str = "operator.write";
const READ: &str = "operator.read";
const SESSIONS_READ: &str = "operator.sessions.read";
const SESSIONS_WRITE: &str = "operator.sessions.write";

/// Whether `scope` is approved, directly or by implication: operator.admin
/// covers every operator scope; operator.write covers read, talk and the
/// session scopes; operator.read and operator.sessions.write cover
/// operator.sessions.read.
pub fn is_approved(scope: &str, approved: &[&str]) -> bool {
    let has = |s: &str| approved.contains(&s);
    if has(scope) {
        return true;
    }
    if !scope.starts_with("operator.") {
        return false;
    }
    has(ADMIN)
        || (matches!(
            scope,
            "operator.read" | "operator.talk" | SESSIONS_READ | SESSIONS_WRITE
        ) && has(WRITE))
        || (scope == SESSIONS_READ && (has(READ) || has(SESSIONS_WRITE)))
}

/// Evaluates the check, one finding per device.
pub fn run(view: &View, out: &mut Findings) {
    for device in view.paired_devices() {
        let approved: Vec<&str> = device
            .approved_scopes
            .iter()
            .map(|scope| js_trim(scope))
            .filter(|scope| !scope.is_empty())
            .collect();
        let held = device.scopes.iter().chain(
            device
                .tokens
                .iter()
                .filter(|token| is_live(token))
                .flat_map(|token| token.scopes.iter()),
        );
        let mut excess: Vec<&str> = Vec::new();
        for scope in held {
            let scope = js_trim(scope);
            if !scope.is_empty() && !is_approved(scope, &approved) && !excess.contains(&scope) {
                excess.push(scope);
            }
        }
        if excess.is_empty() {
            continue;
        }
        let baseline = if approved.is_empty() {
            "none".to_owned()
        } else {
            approved.join(", ")
        };
        let detail = format!(
            "Paired device {} holds {} without approval (approved: {baseline}).",
            device_label(device),
            excess.join(", ")
        );
        out.push(META.finding(detail));
    }
}
