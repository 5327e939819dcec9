//! `nodes.not_in_inventory`: a paired device that the organisation's
//! inventory (the `inventory` parameter) does not list. Without the
//! parameter the check has nothing to compare against and stays silent.

use crate::devices::device_label;
use pincer_sdk::PairedDevice;
use pincer_sdk::prelude::*;
use pincer_sdk::secret::js_trim;

/// The shortest device-id prefix an inventory entry may use: the twelve
/// characters findings and `openclaw devices list` show.
const MIN_ID_PREFIX: usize = 12;

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

/// Whether an inventory entry names the device: its id, an id prefix of
/// at least [`MIN_ID_PREFIX`] characters, or the label an operator gave it.
fn listed(device: &PairedDevice, entry: &str) -> bool {
    let entry = js_trim(entry);
    if entry.is_empty() {
        return false;
    }
    let by_id = entry == device.device_id
        || (entry.chars().count() >= MIN_ID_PREFIX && device.device_id.starts_with(entry));
    let by_label = device
        .operator_label
        .as_deref()
        .is_some_and(|label| js_trim(label) == entry);
    by_id || by_label
}

/// Evaluates the check, one finding per unlisted device.
pub fn run(view: &View, out: &mut Findings) {
    let Some(inventory) = view.param::<Vec<String>>("inventory") else {
        return;
    };
    for device in view.paired_devices() {
        if inventory.iter().any(|entry| listed(device, entry)) {
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
