//! Helpers over the paired-device state: how a device or request is named
//! in a finding, ages relative to the audit time, live tokens, and the
//! thresholds of the staleness checks.

use pincer_sdk::secret::js_trim;
use pincer_sdk::{DeviceToken, PairedDevice, PendingPairing, View};

/// One day in milliseconds.
pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// One hour in milliseconds.
const HOUR_MS: i64 = 60 * 60 * 1000;

/// The stale-device threshold in milliseconds, from the parameters.
pub fn stale_device_after_ms(view: &View) -> i64 {
    let days = crate::STALE_DEVICE_DAYS.integer(view).unwrap_or(u64::MAX);
    i64::try_from(days).map_or(i64::MAX, |days| days.saturating_mul(DAY_MS))
}

/// The stale-request threshold in milliseconds, from the parameters.
pub fn stale_pending_after_ms(view: &View) -> i64 {
    let hours = crate::STALE_PENDING_HOURS.integer(view).unwrap_or(u64::MAX);
    i64::try_from(hours).map_or(i64::MAX, |hours| hours.saturating_mul(HOUR_MS))
}

/// The first non-blank of some optional names.
fn first_name<'a>(names: &[Option<&'a str>]) -> Option<&'a str> {
    names
        .iter()
        .flatten()
        .map(|name| js_trim(name))
        .find(|name| !name.is_empty())
}

/// The start of a device id (a 64-character key hash), enough to find it
/// in `openclaw devices list`.
fn short_id(device_id: &str) -> String {
    device_id.chars().take(12).collect()
}

fn named(name: Option<&str>, device_id: &str) -> String {
    match name {
        Some(name) => format!("\"{name}\" ({})", short_id(device_id)),
        None => format!("device {}", short_id(device_id)),
    }
}

/// How a finding names a paired device: the operator's label, else the
/// name it gave itself, else its client id; with the start of its id.
pub fn device_label(device: &PairedDevice) -> String {
    let name = first_name(&[
        device.operator_label.as_deref(),
        device.display_name.as_deref(),
        device.client_id.as_deref(),
    ]);
    named(name, &device.device_id)
}

/// How a finding names a pairing request's device.
pub fn request_label(request: &PendingPairing) -> String {
    let name = first_name(&[
        request.display_name.as_deref(),
        request.client_id.as_deref(),
    ]);
    named(name, &request.device_id)
}

/// Milliseconds from `then` to the audit time; negative when `then` lies
/// after it.
pub fn age_ms(view: &View, then: i64) -> i64 {
    i64::try_from(view.audit_time_ms())
        .unwrap_or(i64::MAX)
        .saturating_sub(then)
}

/// An age in words: whole days, or whole hours under two days.
pub fn age_words(age_ms: i64) -> String {
    let days = age_ms / DAY_MS;
    if days >= 2 {
        format!("{days} days")
    } else {
        let hours = age_ms / (60 * 60 * 1000);
        format!("{hours} hours")
    }
}

/// A token that still authenticates: its value is set and it was not
/// revoked.
pub fn is_live(token: &DeviceToken) -> bool {
    token.secret.set && token.revoked_at_ms.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_prefer_the_operator_label() {
        let mut device = PairedDevice {
            device_id: "b19703d1a12d93f4341b164e32fb5380".into(),
            display_name: Some("build-server-01".into()),
            operator_label: Some("  ".into()),
            ..PairedDevice::default()
        };
        assert_eq!(device_label(&device), "\"build-server-01\" (b19703d1a12d)");
        device.operator_label = Some("CI box".into());
        assert_eq!(device_label(&device), "\"CI box\" (b19703d1a12d)");
        device.operator_label = None;
        device.display_name = None;
        assert_eq!(device_label(&device), "device b19703d1a12d");
    }

    #[test]
    fn ages_read_in_days_or_hours() {
        assert_eq!(age_words(45 * DAY_MS + 5), "45 days");
        assert_eq!(age_words(DAY_MS + 3 * 60 * 60 * 1000), "27 hours");
    }
}
