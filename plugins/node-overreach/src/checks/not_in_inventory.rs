//! `nodes.not_in_inventory`: a paired device that the organisation's
//! inventory (the `inventory` parameter) does not list. Without the
//! parameter the check has nothing to compare against and stays silent.

use crate::devices::device_label;
use pincer_sdk::inventory;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "nodes.not_in_inventory",
    severity: Severity::Critical,
    title: "Paired device missing from the approved inventory",
    description: "The rule pack lists the devices allowed to pair with this gateway (the \
                  `inventory` parameter: device ids, id prefixes of at least 12 characters, or \
                  operator labels), and a paired device is not among them. An unknown paired \
                  device holds working credentials to the gateway and, as a node, may run \
                  commands for its agents: the security architecture treats it as an incident \
                  trigger. Names devices give themselves never count, since any device can \
                  claim any name.",
    remediation: "Verify the device; if it is not yours, remove it (openclaw devices remove ID) \
                  and rotate the gateway credentials; if it is, add its id to the inventory.",
    references: &["https://docs.openclaw.ai/gateway/pairing"],
};

/// Evaluates the check, one finding per unlisted device.
pub fn run(view: &View, out: &mut Findings) {
    let Some(inventory) = crate::INVENTORY.strings(view) else {
        return;
    };
    for device in view.paired_devices() {
        if inventory::lists(&inventory, device) {
            continue;
        }
        let roles = if device.roles.is_empty() {
            device.role.clone().unwrap_or_else(|| "unknown".to_owned())
        } else {
            device.roles.join(", ")
        };
        let detail = format!(
            "Paired device {} (roles: {roles}) is not in the inventory of {} approved device{}.",
            device_label(device),
            inventory.len(),
            if inventory.len() == 1 { "" } else { "s" }
        );
        out.push(META.finding(detail));
    }
}
