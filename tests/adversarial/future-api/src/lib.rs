//! Adversarial plugin `future-api`: a plugin built against
//! `pincer:audit@0.3.0` (a copy of an older contract with its version
//! bumped past every version the host serves), which the host must refuse
//! with a message naming both versions.
#![allow(unsafe_code, clippy::pedantic, reason = "generated bindings")]

wit_bindgen::generate!({ path: "wit", world: "check-plugin" });

struct Future;

impl Guest for Future {
    fn info() -> PluginInfo {
        PluginInfo {
            name: "adversarial-future-api".into(),
            version: "2.0.0".into(),
            description: "Needs a newer host.".into(),
            checks: Vec::new(),
        }
    }

    fn run() -> Result<Vec<Finding>, String> {
        Ok(Vec::new())
    }
}

export!(Future);
