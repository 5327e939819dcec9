//! `nodes.stale_device_token`: a paired device has not been seen for a
//! long time but still holds a token that works.

use crate::devices::{age_ms, age_words, device_label, is_live, stale_device_after_ms};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "nodes.stale_device_token",
    severity: Severity::Warn,
    title: "Unused paired device still holds a live token",
    description: "A paired device that has not connected for more than 30 days (the `staleDeviceDays` parameter; counted from \
                  when it was last seen, else from its approval) still holds a device token \
                  that is set and not revoked. A forgotten laptop, phone or build host keeps \
                  working credentials to the gateway, and nobody would notice their use. Warn: \
                  it is stale access to clean up, not an exposure by itself.",
    remediation: "Remove devices you no longer use (openclaw devices remove ID), or revoke \
                  their tokens (openclaw devices revoke --device ID --role ROLE); they can pair \
                  again when needed.",
    references: &["https://docs.openclaw.ai/gateway/pairing"],
};

/// Evaluates the check, one finding per device.
pub fn run(view: &View, out: &mut Findings) {
    let threshold = stale_device_after_ms(view);
    for device in view.paired_devices() {
        let (since, what) = match (device.last_seen_at_ms, device.approved_at_ms) {
            (Some(seen), _) => (seen, "last seen"),
            (None, Some(approved)) => (approved, "never seen since its approval"),
            (None, None) => continue,
        };
        let age = age_ms(view, since);
        if age <= threshold {
            continue;
        }
        let live: Vec<&str> = device
            .tokens
            .iter()
            .filter(|token| is_live(token))
            .map(|token| token.role.as_str())
            .collect();
        if live.is_empty() {
            continue;
        }
        let detail = format!(
            "Paired device {} was {what} {} ago and still holds a live {} token.",
            device_label(device),
            age_words(age),
            live.join(" and ")
        );
        out.push(META.finding(detail));
    }
}
