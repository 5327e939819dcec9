//! An organisation's device inventory: the paired devices it approves,
//! named by device id, by an id prefix of at least [`MIN_ID_PREFIX`]
//! characters, or by the label an operator gave the device — never by the
//! name a device gives itself, since any device can claim any name.
//! Shared by node-overreach (`nodes.not_in_inventory`) and drift
//! (`drift.node_new`), which both take it as their `inventory` parameter.

use crate::PairedDevice;
use crate::secret::js_trim;

/// The shortest device-id prefix an inventory entry may use: the twelve
/// characters findings and `openclaw devices list` show.
pub const MIN_ID_PREFIX: usize = 12;

/// Whether one inventory entry names `device`.
pub fn names(entry: &str, device: &PairedDevice) -> bool {
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

/// Whether any entry of `inventory` names `device`.
pub fn lists(inventory: &[String], device: &PairedDevice) -> bool {
    inventory.iter().any(|entry| names(entry, device))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(id: &str, label: Option<&str>, name: Option<&str>) -> PairedDevice {
        PairedDevice {
            device_id: id.to_owned(),
            operator_label: label.map(str::to_owned),
            display_name: name.map(str::to_owned),
            ..PairedDevice::default()
        }
    }

    #[test]
    fn ids_long_prefixes_and_operator_labels_name_a_device() {
        let laptop = device("0123456789abcdef", Some("ops laptop"), Some("evil"));
        assert!(names("0123456789abcdef", &laptop));
        assert!(names(" 0123456789ab ", &laptop));
        assert!(names("ops laptop", &laptop));
        assert!(!names("0123456789a", &laptop), "11 characters are too few");
        assert!(!names("evil", &laptop), "a self-chosen name never counts");
        assert!(!names("  ", &laptop));
        assert!(lists(&["x".to_owned(), "ops laptop".to_owned()], &laptop));
        assert!(!lists(&[], &laptop));
    }
}
