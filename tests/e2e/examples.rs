//! The shipped examples behave as README says: the exposed config reports
//! several criticals (exit 1), the hardened one none (exit 0), and the
//! example home's state shows through `pincer view` with secrets as markers.

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
    // Kept as its operator would keep it: a private state dir and config.
    let (_home, config, state) =
        crate::support::private_home(&root().join("examples/configs/hardened.json"));
    let result = audit(&["--config", &config, "--state-dir", &state], &[]);
    assert_eq!(result.code, 0, "{:?}", result.pairs());
    assert_eq!(result.report["summary"]["critical"], 0);
    assert_eq!(result.report["complete"], true);
}

#[test]
fn the_example_home_shows_devices_approvals_and_boots_as_markers() {
    let home = root().join("examples/openclaw-home");
    let before = crate::support::digest(&home);
    let output = crate::support::pincer()
        .args(["view", "--state-dir", home.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, stderr) = crate::support::text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(
        crate::support::digest(&home),
        before,
        "view wrote into the example home"
    );
    assert!(!stdout.contains("planted-"), "a secret leaked: {stdout}");
    let view: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let state = &view["state"];
    assert_eq!(state["gateway"]["info"]["source"], "database");
    assert_eq!(state["paired"].as_array().unwrap().len(), 2);
    assert_eq!(state["paired"][0]["tokens"][0]["secret"]["set"], true);
    assert!(state["gateway"]["execApprovals"]["agents"][0]["allowlist"].is_array());
    assert_eq!(state["gateway"]["boots"].as_array().unwrap().len(), 6);
    assert_eq!(
        view["config"]["gateway"]["auth"]["token"]["$secret"]["reference"],
        "OPENCLAW_GATEWAY_TOKEN"
    );
}
