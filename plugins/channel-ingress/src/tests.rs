//! Native tests through the SDK's harness; tests/parity/channel-ingress
//! holds the hook checks to the reference.

use crate::ChannelIngress;
use pincer_sdk::GatewayState;
use pincer_sdk::prelude::*;
use pincer_sdk::testing::assert_metadata;
use serde_json::json;

#[test]
fn metadata_is_complete() {
    assert_metadata::<ChannelIngress>(&["hooks."]);
}

#[test]
fn hooks_off_are_never_judged() {
    let config = json!({"hooks": {"enabled": false, "token": "x", "path": "/", "allowRequestSessionKey": true}});
    assert_eq!(Scenario::config(config).pairs::<ChannelIngress>(), vec![]);
}

#[test]
fn loose_hooks_escalate_with_exposure() {
    let config = json!({
        "gateway": {"bind": "lan"},
        "hooks": {"enabled": true, "token": "planted-hooks-token-0123456789abc", "path": "/", "allowRequestSessionKey": true}
    });
    assert_eq!(
        Scenario::config(config).pairs::<ChannelIngress>(),
        vec![
            (
                "hooks.allowed_agent_ids_unrestricted".to_owned(),
                Severity::Critical
            ),
            ("hooks.default_session_key_unset".to_owned(), Severity::Warn),
            ("hooks.path_root".to_owned(), Severity::Critical),
            (
                "hooks.request_session_key_enabled".to_owned(),
                Severity::Critical
            ),
            (
                "hooks.request_session_key_prefixes_missing".to_owned(),
                Severity::Critical
            ),
        ]
    );
}

#[test]
fn short_and_reused_tokens() {
    let short = json!({"hooks": {"enabled": true, "token": "planted-short", "defaultSessionKey": "hook:x", "allowedAgentIds": []}});
    assert_eq!(
        Scenario::config(short.clone()).pairs::<ChannelIngress>(),
        vec![("hooks.token_too_short".to_owned(), Severity::Warn)]
    );
    let reused = Scenario::config(short).gateway_state(GatewayState {
        hooks_token_matches_gateway_auth: Some(true),
        ..GatewayState::default()
    });
    assert!(reused.pairs::<ChannelIngress>().contains(&(
        "hooks.token_reuse_gateway_token".to_owned(),
        Severity::Critical
    )));
}
