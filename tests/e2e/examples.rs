//! The shipped example configs behave as README says: the exposed one
//! reports several criticals (exit 1), the hardened one none (exit 0).

use crate::support::{audit, root};

#[test]
fn the_exposed_example_reports_criticals() {
    let config = root().join("examples/configs/exposed.json");
    let result = audit(&["--config", config.to_str().unwrap()], &[]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    let criticals: Vec<_> = result
        .pairs()
        .into_iter()
        .filter(|(_, s)| s == "critical")
        .collect();
    assert!(
        criticals.len() >= 3,
        "expected several criticals, got {criticals:?}"
    );
    for id in [
        "gateway.bind_no_auth",
        "gateway.token_placeholder_value",
        "gateway.control_ui.allowed_origins_required",
    ] {
        assert!(
            result.has(id, "critical"),
            "{id} missing from {criticals:?}"
        );
    }
}

#[test]
fn the_hardened_example_has_no_critical() {
    let config = root().join("examples/configs/hardened.json");
    let result = audit(&["--config", config.to_str().unwrap()], &[]);
    assert_eq!(result.code, 0, "{:?}", result.pairs());
    assert_eq!(result.report["summary"]["critical"], 0);
    assert_eq!(result.report["complete"], true);
}
