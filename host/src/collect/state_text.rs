//! The state the host gives plugins holds free text the installation wrote
//! (device names and labels, boot and restart reasons, install specs,
//! notes, probe and scan results): every string of it goes through the
//! credential detector ([`pincer_sdk::redact::redact_strings`]) before the
//! snapshot is built, so a credential pasted into a label or a reason
//! reaches no plugin, report or history. Pincer's own notes about reading
//! the state (paths, bounds, typed errors that quote no values) are left as
//! written: random-looking directory names are not credentials.

use pincer_sdk::redact::redact_strings;
use pincer_sdk::{NoteLevel, StateFacts, StateNote};

/// Replaces every credential in the strings of `state`.
pub(crate) fn redact(state: &mut StateFacts) {
    let notes = std::mem::take(&mut state.gateway.info.notes);
    let redacted = serde_json::to_value(&*state).and_then(|mut value| {
        redact_strings(&mut value);
        serde_json::from_value::<StateFacts>(value)
    });
    *state = redacted.unwrap_or_else(|_| {
        // Plain data always round-trips; should it ever not, nothing of
        // the state is passed on rather than text that was not checked.
        let mut empty = StateFacts::default();
        empty.gateway.info.notes.push(StateNote {
            level: NoteLevel::Error,
            message: "the installation's state could not be checked for credentials, so none \
                      of it was read"
                .to_owned(),
        });
        empty
    });
    let mut notes = notes;
    notes.append(&mut state.gateway.info.notes);
    state.gateway.info.notes = notes;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credential_in_a_label_or_reason_is_replaced_and_the_rest_kept() {
        let mut state = StateFacts::default();
        state.paired.push(pincer_sdk::PairedDevice {
            device_id: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b4c3d2e1f0a9b8c7d6e5f4a3b"
                .to_owned(),
            display_name: Some("laptop ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R".to_owned()),
            ..Default::default()
        });
        redact(&mut state);
        let device = &state.paired[0];
        assert_eq!(device.display_name.as_deref(), Some("laptop [redacted]"));
        assert_eq!(
            device.device_id,
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b4c3d2e1f0a9b8c7d6e5f4a3b"
        );
        assert!(state.gateway.info.notes.is_empty());
    }

    #[test]
    fn pincer_s_own_notes_keep_their_random_looking_paths() {
        let message = "/tmp/.tmpQ7fKx2LmZp9RwT4vB8nJ/state/openclaw.db: locked".to_owned();
        let mut as_text = serde_json::Value::String(message.clone());
        redact_strings(&mut as_text);
        assert_ne!(
            as_text,
            message.as_str(),
            "the detector would cut this path"
        );
        let mut state = StateFacts::default();
        state.gateway.info.notes.push(StateNote {
            level: NoteLevel::Error,
            message: message.clone(),
        });
        redact(&mut state);
        assert_eq!(state.gateway.info.notes.len(), 1);
        assert_eq!(state.gateway.info.notes[0].message, message);
    }
}
