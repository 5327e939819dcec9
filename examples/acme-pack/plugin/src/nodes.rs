//! `acme.node_not_approved`: a paired device outside `approvedNodes`.

use pincer_sdk::prelude::*;

/// The check.
pub static NOT_APPROVED: CheckMeta = CheckMeta {
    id: "acme.node_not_approved",
    severity: Severity::Critical,
    title: "Paired device is not in Acme's inventory",
    description: "Every device paired with an Acme gateway must be in the approved inventory \
                  (the pack's approvedNodes).",
    remediation: "Remove the device (openclaw devices remove ID) or add it to approvedNodes \
                  through the pack's change process.",
    references: &[],
};

/// Whether `device_id` is approved: listed, or starting with a listed
/// prefix of at least 12 characters.
fn approved(device_id: &str, inventory: &[String]) -> bool {
    inventory
        .iter()
        .any(|entry| entry == device_id || (entry.len() >= 12 && device_id.starts_with(entry)))
}

/// Runs the check.
pub fn check(view: &View, out: &mut Findings) {
    let Some(inventory) = view.param::<Vec<String>>("approvedNodes") else {
        return;
    };
    for device in view.paired_devices() {
        if !approved(&device.device_id, &inventory) {
            let name = device.display_name.as_deref().unwrap_or("unnamed");
            out.push(NOT_APPROVED.finding(format!(
                "Device \"{name}\" ({}) is paired but not in approvedNodes.",
                device.device_id
            )));
        }
    }
}
