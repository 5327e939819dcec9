//! `sandbox.browser_container.*`: the live sandbox browser containers, as
//! `--deep` found them in Docker — published on an address beyond
//! loopback, created from an unknown or outdated browser config, or not
//! inspected in time. Without `--deep` these checks see nothing.

use pincer_sdk::prelude::*;
use pincer_sdk::{BrowserContainer, DockerProbe};

/// The browser-config epoch current OpenClaw stamps on its containers.
pub const CURRENT_EPOCH: &str = "2026-05-12-cdp-relay-auth";

/// Declaration: published beyond loopback.
pub static NON_LOOPBACK_PUBLISH: CheckMeta = CheckMeta {
    id: "sandbox.browser_container.non_loopback_publish",
    severity: Severity::Critical,
    title: "Sandbox browser container published beyond loopback",
    description: "The sandbox browser's CDP and noVNC ports control a logged-in browser. \
                  Published on 0.0.0.0 or another non-loopback address, anyone who can reach \
                  the host can drive that browser and read what it holds.",
    remediation: "Recreate the containers (openclaw sandbox recreate --browser --all) so their \
                  ports bind to 127.0.0.1 only.",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

/// Declaration: no config-hash label.
pub static HASH_LABEL_MISSING: CheckMeta = CheckMeta {
    id: "sandbox.browser_container.hash_label_missing",
    severity: Severity::Warn,
    title: "Sandbox browser container without a config hash",
    description: "Containers the gateway creates carry the hash of the browser config they were \
                  made from. One without it was made by hand or by an old version, and may run \
                  with settings the config no longer has.",
    remediation: "Recreate the containers: openclaw sandbox recreate --browser --all.",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

/// Declaration: an outdated config epoch.
pub static HASH_EPOCH_STALE: CheckMeta = CheckMeta {
    id: "sandbox.browser_container.hash_epoch_stale",
    severity: Severity::Warn,
    title: "Sandbox browser container from an outdated browser config",
    description: "The container's browser-config epoch is not the current one, so it predates \
                  security changes to the sandbox browser (such as authenticated CDP relay).",
    remediation: "Recreate the containers: openclaw sandbox recreate --browser --all.",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

/// Declaration: Docker too slow to answer.
pub static DOCKER_PROBE_TIMEOUT: CheckMeta = CheckMeta {
    id: "sandbox.browser_container.docker_probe_timeout",
    severity: Severity::Warn,
    title: "Docker did not answer about the sandbox browser containers",
    description: "A Docker command ran out of time, so some sandbox browser containers were not \
                  inspected: the checks above may be missing findings.",
    remediation: "Check the Docker daemon's health and run the audit again with --deep.",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

fn probe(view: &View) -> Option<&DockerProbe> {
    view.gateway_state().docker.as_ref()
}

fn report(
    view: &View,
    out: &mut Findings,
    meta: &'static CheckMeta,
    what: &str,
    hit: fn(&BrowserContainer) -> bool,
) {
    let names: Vec<&str> = probe(view)
        .into_iter()
        .flat_map(|p| &p.containers)
        .filter(|c| hit(c))
        .map(|c| c.name.as_str())
        .collect();
    if !names.is_empty() {
        out.push(meta.finding(format!("{what}: {}.", names.join(", "))));
    }
}

/// Evaluates the non-loopback check.
pub fn run_non_loopback_publish(view: &View, out: &mut Findings) {
    report(
        view,
        out,
        &NON_LOOPBACK_PUBLISH,
        "Published beyond loopback",
        |c| {
            c.published_on
                .iter()
                .any(|host| !matches!(host.as_str(), "127.0.0.1" | "::1" | "localhost"))
        },
    );
}

/// Evaluates the missing-hash check.
pub fn run_hash_label_missing(view: &View, out: &mut Findings) {
    report(
        view,
        out,
        &HASH_LABEL_MISSING,
        "No openclaw.configHash label",
        |c| c.config_hash.is_none(),
    );
}

/// Evaluates the stale-epoch check.
pub fn run_hash_epoch_stale(view: &View, out: &mut Findings) {
    report(
        view,
        out,
        &HASH_EPOCH_STALE,
        "Outdated browser-config epoch",
        |c| c.config_epoch.as_deref() != Some(CURRENT_EPOCH),
    );
}

/// Evaluates the timeout check.
pub fn run_docker_probe_timeout(view: &View, out: &mut Findings) {
    if let Some(probe) = probe(view).filter(|p| p.timed_out) {
        let why = probe
            .error
            .as_deref()
            .unwrap_or("a Docker command timed out");
        out.push(DOCKER_PROBE_TIMEOUT.finding(format!("{why}.")));
    }
}
