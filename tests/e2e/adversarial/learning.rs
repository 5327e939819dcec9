//! What plugins learn: the previous run's baseline shows a third-party
//! plugin only its own critical findings; only the built-ins see the
//! criticals of every plugin.

use crate::support::{test_plugin, write_private_config};
use serde_json::Value;

#[test]
fn a_third_party_baseline_holds_only_its_own_criticals() {
    let state = tempfile::tempdir().unwrap();
    let history = tempfile::tempdir().unwrap();
    write_private_config(
        state.path(),
        &serde_json::json!({"gateway": {"bind": "lan", "auth": {"mode": "none"}}}),
    );
    let dumper = test_plugin("view-dumper");
    let run = || super::audit_recorded(state.path(), history.path(), &dumper);
    let first = run();
    assert!(
        first.has("gateway.bind_no_auth", "critical"),
        "{:?}",
        first.pairs()
    );
    let second = run();
    let dump = second.detail("dump.view");
    // The dumper wrote `baseline = Some("…")` (a Rust debug string of
    // ASCII JSON, whose escapes are JSON's).
    let quoted = dump
        .lines()
        .find_map(|line| line.strip_prefix("baseline = Some("))
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("the dumper saw no baseline: {dump}"));
    let text: String = serde_json::from_str(quoted).unwrap();
    let baseline: Value = serde_json::from_str(&text).unwrap();
    let criticals = &baseline["posture"]["criticalChecks"];
    assert!(criticals.is_array(), "{baseline}");
    assert_eq!(
        criticals.as_array().unwrap().len(),
        0,
        "no other plugin's criticals: {criticals}"
    );
    // The built-in drift plugin still judges against every critical.
    let recorded = std::fs::read_dir(history.path()).unwrap().count();
    assert!(recorded >= 2, "both runs recorded");
}
