//! The posture snapshot an audit records in its history entry: a digest of
//! the redacted config, the security-relevant settings, what each agent
//! lane may do, the paired nodes with their scopes, the gateway's recent
//! boots, the critical findings and the gateway credential's record (its
//! keyed fingerprint, since when it is known, the exposures it has seen).
//! Everything else comes from the redacted view the plugins see (secrets
//! are markers there), so no secret value can reach a history file.

use crate::collect::HostFacts;
use crate::report::Report;
use crate::view::PluginView;
pub(crate) use pincer_sdk::baseline::{BootPosture, NodePosture, Posture};
use pincer_sdk::baseline::{lanes, settings};
use pincer_sdk::{Severity, View};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// How many of the latest gateway boots an entry keeps.
const BOOTS_KEPT: usize = 200;

/// The posture of an audit that saw `view`, kept `host` and produced `report`.
pub(crate) fn posture_of(snapshot: &PluginView, host: &HostFacts, report: &Report) -> Posture {
    let view = View::new(
        snapshot.config.clone(),
        snapshot.platform.clone(),
        BTreeMap::new(),
        Vec::new(),
    )
    .with_state(snapshot.state.clone(), snapshot.audit_time_ms);
    let mut critical_checks: Vec<String> = report
        .findings
        .iter()
        .filter(|finding| finding.finding.severity == Severity::Critical)
        .map(|finding| finding.finding.check_id.clone())
        .collect();
    critical_checks.sort();
    critical_checks.dedup();
    let mut boots: Vec<BootPosture> = snapshot
        .state
        .gateway
        .boots
        .iter()
        .map(|boot| BootPosture {
            boot_id: boot.boot_id.clone(),
            started_at_ms: boot.started_at_ms,
            outcome: boot.outcome.clone(),
        })
        .collect();
    boots.sort_by_key(|boot| boot.started_at_ms);
    let excess = boots.len().saturating_sub(BOOTS_KEPT);
    boots.drain(..excess);
    let credential = host.credential.clone().map(|mut credential| {
        // A suppressed exposure is an accepted one.
        let ids: Vec<&str> = report
            .findings
            .iter()
            .map(|finding| finding.finding.check_id.as_str())
            .collect();
        let written_in_config = snapshot
            .state
            .gateway
            .credential_age
            .as_ref()
            .is_some_and(|age| age.written_in_config);
        crate::collect::credential_age::record_exposures(
            &mut credential,
            written_in_config,
            &ids,
            snapshot.audit_time_ms,
        );
        credential
    });
    Posture {
        config_digest: hex(&Sha256::digest(snapshot.config_json.as_bytes())),
        settings: settings(&view),
        lanes: lanes(&view),
        nodes: snapshot
            .state
            .paired
            .iter()
            .map(|device| NodePosture {
                device_id: device.device_id.clone(),
                platform: device.platform.clone(),
                roles: device.roles.clone(),
                scopes: device.scopes.clone(),
            })
            .collect(),
        boots,
        critical_checks,
        credential,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
