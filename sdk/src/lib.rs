//! Write Pincer check plugins.
//!
//! A plugin is a set of checks compiled to a WebAssembly component for the
//! `pincer:audit` world. It reads a redacted view of an OpenClaw
//! installation (secrets arrive as [`SecretMarker`]s, never as values) and
//! returns [`Finding`]s. This crate hides the WIT bindings: declare each
//! check once with a [`CheckMeta`], list the checks in a [`Plugin`], export
//! it with [`export_plugin!`], and test the logic natively with
//! `testing::Scenario`.
//!
//! The `redact` feature (on by default) adds the host's redaction and the
//! native test harness, with the credential rules and a regex engine; a
//! plugin depends on the SDK without it (`default-features = false`) and
//! enables it for its tests only, so no ruleset reaches a component.
//!
//! ```
//! use pincer_sdk::prelude::*;
//!
//! /// Fires when the gateway listens beyond loopback.
//! pub static BIND_PUBLIC: CheckMeta = CheckMeta {
//!     id: "acme.gateway_public",
//!     severity: Severity::Warn,
//!     title: "Gateway listens beyond loopback",
//!     description: "Acme policy keeps every gateway on loopback.",
//!     remediation: "Set gateway.bind to \"loopback\".",
//!     references: &[],
//! };
//!
//! fn bind_public(view: &View, out: &mut Findings) {
//!     if let Some(bind) = view.str("gateway.bind").filter(|b| *b != "loopback") {
//!         out.push(BIND_PUBLIC.finding(format!("gateway.bind is `{bind}`")).at("gateway.bind"));
//!     }
//! }
//!
//! pub struct Acme;
//!
//! impl Plugin for Acme {
//!     const META: PluginMeta = PluginMeta {
//!         name: "acme",
//!         version: "1.0.0",
//!         description: "Acme's gateway policy.",
//!         category: "control-plane",
//!         checks: &[Check { meta: &BIND_PUBLIC, run: bind_public }],
//!         params: &[],
//!     };
//! }
//!
//! pincer_sdk::export_plugin!(Acme);
//!
//! let scenario = Scenario::config(serde_json::json!({ "gateway": { "bind": "lan" } }));
//! assert_eq!(scenario.pairs::<Acme>(), vec![("acme.gateway_public".to_owned(), Severity::Warn)]);
//! ```
#![deny(missing_docs)]

/// What a check author writes against: declarations and the `checks!`
/// registry, findings, parameters, the view, the export macro and the
/// test harness.
mod author {
    #[doc(hidden)]
    pub mod bindings;
    #[cfg(feature = "redact")]
    pub(crate) mod coverage;
    pub(crate) mod finding;
    #[doc(hidden)]
    pub mod guest;
    pub(crate) mod meta;
    pub mod params;
    pub(crate) mod run_error;
    #[cfg(feature = "redact")]
    pub mod testing;
    pub(crate) mod view;
}

/// The data model the host and plugins share: what the WIT's JSON carries
/// (state, baseline), secret markers, severities, and the redaction both
/// sides apply.
mod model {
    pub mod baseline;
    #[cfg(feature = "redact")]
    pub mod credentials;
    #[cfg(feature = "redact")]
    pub mod redact;
    pub mod secret;
    #[cfg(feature = "redact")]
    pub mod sensitive;
    pub(crate) mod severity;
    pub mod state;
    #[cfg(feature = "redact")]
    pub mod url_secrets;
}

/// OpenClaw's semantics, read the way the gateway reads them: agents,
/// owners and workspaces, tool policy, exec, device inventories, the
/// credential's age, auth facts, `${VAR}` expansion, dates.
mod openclaw {
    pub mod agents;
    pub mod auth_facts;
    pub mod envsubst;
    pub mod exec;
    pub mod inventory;
    pub mod mcp;
    pub mod time;
    pub mod token_age;
    pub mod tools;
}

use author::{finding, meta, run_error, view};
use model::severity;

pub use author::params;
#[cfg(feature = "redact")]
pub use author::testing;
#[doc(hidden)]
pub use author::{bindings, guest};
pub use model::{baseline, secret, state};
#[cfg(feature = "redact")]
pub use model::{credentials, redact, sensitive, url_secrets};
pub use openclaw::{agents, auth_facts, envsubst, exec, inventory, mcp, time, token_age, tools};

pub use finding::{Finding, Findings};
pub use meta::{Check, CheckMeta, Plugin, PluginMeta, id_matches, ids_overlap};
pub use params::{ParamDefault, ParamKind, ParamMeta};
pub use run_error::RunError;
pub use secret::{CharClass, SecretMarker, SecretSource};
pub use severity::Severity;
pub use state::{
    AgentApprovals, AllowlistEntry, ApprovalPolicy, BootRecord, BrowserContainer,
    ChannelAllowEntry, CodeFinding, CodeScan, CredentialAge, DeviceToken, DockerProbe, EventCount,
    ExecApprovals, GatewayProbe, GatewayState, InstallRecord, NodeSurface, NoteLevel, PairedDevice,
    PendingPairing, RestartRecord, ScannedPackage, StateFacts, StateInfo, StateNote, StateSource,
    WorkspaceSkills,
};
pub use view::{FileFact, FileKind, IncludeFact, IncludeStatus, SyncedPath, View, value_at};

/// What a plugin usually needs, in one import.
pub mod prelude {
    #[cfg(feature = "redact")]
    pub use crate::testing::Scenario;
    pub use crate::{
        Check, CheckMeta, Finding, Findings, ParamDefault, ParamKind, ParamMeta, Plugin,
        PluginMeta, RunError, SecretMarker, SecretSource, Severity, View,
    };
}
