//! Facts about the machine rather than one installation (gateway service
//! definitions), gathered once per process, also for a whole fleet.

use crate::env::Env;

/// What the machine holds for every installation on it.
#[derive(Debug, Clone, Default)]
pub struct MachineFacts {
    /// `(gateway-service, path)` of every gateway service definition.
    pub gateway_services: Vec<(String, std::path::PathBuf)>,
}

impl MachineFacts {
    /// Gathers them for the user whose home `env` names.
    pub fn gather(env: &Env) -> MachineFacts {
        MachineFacts {
            gateway_services: crate::collect::services::gateway_services(env.home().as_deref()),
        }
    }
}
