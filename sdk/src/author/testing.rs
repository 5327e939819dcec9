//! Native test harness: run a plugin's checks on a config given as JSON,
//! redacted exactly as the host redacts it, and hold the findings to the
//! contract (declared ids, titles, no secret leaks).

pub use super::coverage::CheckGate;
use crate::finding::{Finding, Findings};
use crate::meta::Plugin;
use crate::redact::{SecretResolver, is_secret_key, redact_config};
use crate::secret::{MARKER_KEY, SecretMarker, SecretSource};
use crate::severity::Severity;
use crate::state::{GatewayState, PairedDevice, PendingPairing, StateFacts};
use crate::view::{FileFact, IncludeFact, SyncedPath, View};

/// The audit time of a [`Scenario`] unless set: 2026-09-14T10:00:00Z.
pub const DEFAULT_NOW_MS: u64 = 1_789_380_000_000;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One test input: a config, environment variables and file facts.
#[derive(Debug, Clone)]
pub struct Scenario {
    config: Value,
    env: BTreeMap<String, String>,
    platform: String,
    file_facts: Vec<FileFact>,
    includes: Vec<IncludeFact>,
    synced: Vec<SyncedPath>,
    state: StateFacts,
    now_ms: u64,
    params: serde_json::Map<String, Value>,
    baseline: Option<crate::baseline::Baseline>,
}

struct EnvMap<'a>(&'a BTreeMap<String, String>);

impl SecretResolver for EnvMap<'_> {
    fn env(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }
    fn file(&self, _path: &str) -> Option<String> {
        None
    }
}

impl Scenario {
    /// A scenario over a config (plain, unredacted JSON, as in `openclaw.json`).
    pub fn config(config: Value) -> Self {
        Scenario {
            config,
            env: BTreeMap::new(),
            platform: "linux".to_owned(),
            file_facts: Vec::new(),
            includes: Vec::new(),
            synced: Vec::new(),
            state: StateFacts::default(),
            now_ms: DEFAULT_NOW_MS,
            params: serde_json::Map::new(),
            baseline: None,
        }
    }

    /// The previous run the plugin compares against (`view.baseline()`).
    #[must_use]
    pub fn baseline(mut self, baseline: crate::baseline::Baseline) -> Self {
        self.baseline = Some(baseline);
        self
    }

    /// A scenario over config JSON text.
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text).map(Self::config)
    }

    /// Sets an environment variable the gateway would see.
    #[must_use]
    pub fn env(mut self, name: &str, value: &str) -> Self {
        self.env.insert(name.to_owned(), value.to_owned());
        self
    }

    /// Adds a file fact.
    #[must_use]
    pub fn file_fact(mut self, fact: FileFact) -> Self {
        self.file_facts.push(fact);
        self
    }

    /// Adds an `$include` fact.
    #[must_use]
    pub fn include(mut self, fact: IncludeFact) -> Self {
        self.includes.push(fact);
        self
    }

    /// Marks an audited path as sitting in a cloud-synced folder.
    #[must_use]
    pub fn synced(mut self, path: SyncedPath) -> Self {
        self.synced.push(path);
        self
    }

    /// Adds a paired device (its tokens are markers already).
    #[must_use]
    pub fn paired(mut self, device: PairedDevice) -> Self {
        self.state.paired.push(device);
        self
    }

    /// Adds a pending pairing request.
    #[must_use]
    pub fn pending(mut self, request: PendingPairing) -> Self {
        self.state.pending.push(request);
        self
    }

    /// Sets the gateway's recorded state.
    #[must_use]
    pub fn gateway_state(mut self, state: GatewayState) -> Self {
        self.state.gateway = state;
        self
    }

    /// Sets the audit's "now" (ms since the epoch); defaults to
    /// [`DEFAULT_NOW_MS`], so ages in tests are deterministic.
    #[must_use]
    pub fn now_ms(mut self, now_ms: u64) -> Self {
        self.now_ms = now_ms;
        self
    }

    /// Sets the plugin's parameters (a JSON object, as `[params.NAME]` in
    /// `pincer.toml` would give them). Anything but an object sets none.
    #[must_use]
    pub fn params(mut self, params: Value) -> Self {
        self.params = params.as_object().cloned().unwrap_or_default();
        self
    }

    /// The view a plugin would receive: the config redacted as the host does.
    pub fn view(&self) -> View {
        let resolver = EnvMap(&self.env);
        let mut config = self.config.clone();
        redact_config(&mut config, &resolver);
        let env = self
            .env
            .iter()
            .map(|(name, value)| {
                let marker = SecretMarker::describe(value, SecretSource::Env, Some(name.clone()));
                (name.clone(), marker)
            })
            .collect();
        let lookup = |name: &str| self.env.get(name).cloned();
        let mut state = self.state.clone();
        state.gateway.env_token_matches_config =
            crate::auth_facts::env_token_matches_config(&self.config, &lookup);
        state.gateway.in_gateway_service = crate::auth_facts::in_gateway_service(&lookup);
        View::new(config, self.platform.clone(), env, self.file_facts.clone())
            .with_includes(self.includes.clone())
            .with_synced(self.synced.clone())
            .with_state(state, self.now_ms)
            .with_params(self.params.clone())
            .with_baseline(self.baseline.clone())
    }

    /// Runs the plugin and returns its findings, after asserting that they
    /// keep the contract. Panics with an explanation when one does not.
    pub fn run<P: Plugin>(&self) -> Vec<Finding> {
        let findings = match self.try_run::<P>() {
            Ok(findings) => findings,
            Err(error) => panic!("plugin `{}` failed: {error}", P::META.name),
        };
        let secrets = self.planted_secrets();
        for finding in &findings {
            assert_keeps_contract::<P>(finding, &secrets);
        }
        findings
    }

    /// Runs the plugin as the host would, parameters validated first, and
    /// returns its findings or the error its run would report.
    ///
    /// # Errors
    ///
    /// [`RunError::InvalidParams`](crate::RunError::InvalidParams) when the
    /// parameters are not the declared ones, else
    /// [`RunError::Failed`](crate::RunError::Failed) with what
    /// [`Plugin::run`] returned.
    pub fn try_run<P: Plugin>(&self) -> Result<Vec<Finding>, crate::RunError> {
        let view = self.view();
        crate::params::validate(P::META.params, view.params())
            .map_err(crate::RunError::InvalidParams)?;
        let mut findings = Findings::new();
        P::run(&view, &mut findings).map_err(crate::RunError::Failed)?;
        let findings = findings.into_vec();
        super::coverage::record::<P>(&findings);
        Ok(findings)
    }

    /// The (checkId, severity) pairs the plugin reports, sorted.
    pub fn pairs<P: Plugin>(&self) -> Vec<(String, Severity)> {
        let mut pairs: Vec<_> = self
            .run::<P>()
            .into_iter()
            .map(|f| (f.check_id, f.severity))
            .collect();
        pairs.sort();
        pairs
    }

    /// The severities of one check's findings, in report order.
    pub fn severities_of<P: Plugin>(&self, check_id: &str) -> Vec<Severity> {
        self.run::<P>()
            .into_iter()
            .filter(|f| f.check_id == check_id)
            .map(|f| f.severity)
            .collect()
    }

    /// The details of one check's findings, in report order.
    pub fn details_of<P: Plugin>(&self, check_id: &str) -> Vec<String> {
        self.run::<P>()
            .into_iter()
            .filter(|f| f.check_id == check_id)
            .map(|f| f.detail)
            .collect()
    }

    /// Every secret value of the scenario that must never appear in output.
    fn planted_secrets(&self) -> Vec<String> {
        let mut found = Vec::new();
        collect_secrets("", &self.config, &mut found);
        found.extend(self.env.values().cloned());
        found.retain(|value| {
            value.trim().len() >= 6 && crate::secret::placeholder_kind(value).is_none()
        });
        found
    }
}

fn collect_secrets(key: &str, value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) if is_secret_key(key) => out.push(text.clone()),
        Value::Object(object) => object
            .iter()
            .for_each(|(child_key, child)| collect_secrets(child_key, child, out)),
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_secrets(key, item, out)),
        _ => {}
    }
}

fn assert_keeps_contract<P: Plugin>(finding: &Finding, secrets: &[String]) {
    let declared = P::META
        .checks
        .iter()
        .find(|c| c.meta.covers(&finding.check_id));
    assert!(
        declared.is_some(),
        "plugin `{}` reported `{}`, which it does not declare",
        P::META.name,
        finding.check_id
    );
    assert!(
        !finding.title.trim().is_empty(),
        "`{}` has an empty title",
        finding.check_id
    );
    assert!(
        !finding.detail.trim().is_empty(),
        "`{}` has an empty detail",
        finding.check_id
    );
    let fields = [
        finding.title.as_str(),
        finding.detail.as_str(),
        finding.remediation.as_deref().unwrap_or(""),
    ];
    for field in fields {
        assert!(
            !field.contains(MARKER_KEY),
            "`{}` copies a secret marker into its text: {field}",
            finding.check_id
        );
        for secret in secrets {
            assert!(
                !field.contains(secret.as_str()),
                "`{}` leaks a secret value into its text",
                finding.check_id
            );
        }
    }
}

/// Asserts that a plugin's metadata is complete: ids unique, under the given
/// prefixes, with a title, description and remediation each, and no runs
/// of spaces left by a string broken over lines.
pub fn assert_metadata<P: Plugin>(allowed_prefixes: &[&str]) {
    let meta = P::META;
    assert!(
        !meta.name.is_empty() && !meta.category.is_empty(),
        "plugin name and category are required"
    );
    let mut seen = BTreeSet::new();
    for check in meta.checks {
        let m = check.meta;
        assert!(seen.insert(m.id), "check id `{}` is declared twice", m.id);
        assert!(
            allowed_prefixes
                .iter()
                .any(|prefix| m.id.starts_with(prefix)),
            "check id `{}` is outside the plugin's prefixes {allowed_prefixes:?}",
            m.id
        );
        for (what, text) in [
            ("title", m.title),
            ("description", m.description),
            ("remediation", m.remediation),
        ] {
            assert!(!text.trim().is_empty(), "check `{}` has no {what}", m.id);
            // A string continued over lines without a trailing `\` keeps
            // the next line's indentation in the text.
            assert!(
                !text.contains("   "),
                "check `{}` has a run of spaces in its {what}: {text:?}",
                m.id
            );
        }
    }
}
