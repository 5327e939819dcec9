//! `drift.node_new`, `drift.node_scopes_grew`: paired devices that were
//! not there at the last recorded audit (expected when the `inventory`
//! parameter lists them, critical when an inventory is given and does
//! not), and devices whose roles or scopes grew since. An unknown paired
//! node is an incident trigger; a node that gained scopes can do more
//! than the operator approved.

use pincer_sdk::inventory;
use pincer_sdk::prelude::*;

const REFERENCES: &[&str] = &["https://docs.openclaw.ai/gateway/pairing"];

/// Declaration.
pub static NODE_NEW: CheckMeta = CheckMeta {
    id: "drift.node_new",
    severity: Severity::Warn,
    title: "A device paired since the last audit",
    description: "A paired device holds gateway credentials and, as a node, may run commands \
                  for the agents. One that appeared since the last recorded audit should be one \
                  the operator paired on purpose. With the `inventory` parameter (device ids, \
                  id prefixes of 12 or more characters, operator labels) a new device the \
                  inventory lists is expected and not reported, and one it does not list is \
                  critical: an unknown paired node is an incident trigger.",
    remediation: "Confirm who paired it; if nobody did, remove it (openclaw devices remove ID) \
                  and rotate the gateway credentials.",
    references: REFERENCES,
};

/// Declaration.
pub static SCOPES_GREW: CheckMeta = CheckMeta {
    id: "drift.node_scopes_grew",
    severity: Severity::Critical,
    title: "A paired device gained roles or scopes",
    description: "A device that was paired at the last recorded audit now holds roles or \
                  scopes it did not hold then: it can do more than was approved at pairing.",
    remediation: "Check the device's approvals; revoke the added scopes or re-pair the device \
                  with the scopes it needs.",
    references: REFERENCES,
};

/// Evaluates `drift.node_new`.
pub fn run_node_new(view: &View, out: &mut Findings) {
    let Some(baseline) = view.baseline() else {
        return;
    };
    let inventory = crate::INVENTORY.strings(view);
    for device in view.paired_devices() {
        let known = baseline
            .posture
            .nodes
            .iter()
            .any(|node| node.device_id == device.device_id);
        if known {
            continue;
        }
        let platform = device.platform.as_deref().unwrap_or("unknown platform");
        let finding = match &inventory {
            Some(inventory) if inventory::lists(inventory, device) => continue,
            Some(inventory) => NODE_NEW
                .finding(format!(
                    "Device {} ({platform}) is paired now, was not at the last audit, and is \
                     not among the {} device{} of the inventory.",
                    device.device_id,
                    inventory.len(),
                    if inventory.len() == 1 { "" } else { "s" }
                ))
                .with_severity(Severity::Critical),
            None => NODE_NEW.finding(format!(
                "Device {} ({platform}) is paired now and was not at the last audit.",
                device.device_id
            )),
        };
        out.push(finding.at("nodes"));
    }
}

/// Evaluates `drift.node_scopes_grew`.
pub fn run_scopes_grew(view: &View, out: &mut Findings) {
    let Some(baseline) = view.baseline() else {
        return;
    };
    for device in view.paired_devices() {
        let Some(before) = baseline
            .posture
            .nodes
            .iter()
            .find(|node| node.device_id == device.device_id)
        else {
            continue;
        };
        let gained = |now: &[String], then: &[String]| -> Vec<String> {
            now.iter()
                .filter(|item| !then.contains(item))
                .cloned()
                .collect()
        };
        let scopes = gained(&device.scopes, &before.scopes);
        let roles = gained(&device.roles, &before.roles);
        if scopes.is_empty() && roles.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        if !roles.is_empty() {
            parts.push(format!("roles {}", roles.join(", ")));
        }
        if !scopes.is_empty() {
            parts.push(format!("scopes {}", scopes.join(", ")));
        }
        out.push(
            SCOPES_GREW
                .finding(format!(
                    "Device {} gained {} since the last audit.",
                    device.device_id,
                    parts.join(" and ")
                ))
                .at("nodes"),
        );
    }
}
