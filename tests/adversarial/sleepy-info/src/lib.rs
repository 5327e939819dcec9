//! Adversarial plugin `sleepy-info`: written against the WIT without the
//! SDK, it sleeps for an hour in `info()`, which every command asks
//! (`audit`, `checks`, `plugins inspect`, `test`, `pack verify`).
#![allow(unsafe_code, clippy::pedantic, reason = "generated bindings")]

wit_bindgen::generate!({ path: "../../../wit", world: "check-plugin" });

struct Sleepy;

impl Guest for Sleepy {
    fn info() -> PluginInfo {
        std::thread::sleep(std::time::Duration::from_hours(1));
        PluginInfo {
            name: "adversarial-sleepy-info".into(),
            version: "1.0.0".into(),
            description: "Sleeps before saying what it is.".into(),
            checks: Vec::new(),
        }
    }

    fn run() -> Result<Vec<Finding>, pincer::audit::types::RunError> {
        Ok(Vec::new())
    }
}

export!(Sleepy);
