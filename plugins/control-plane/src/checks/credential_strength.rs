//! Shared logic of the four credential checks: the gateway's token or
//! password is a refused placeholder (critical) or shorter than 24
//! characters (warn). Only the credential of the effective auth mode counts.

use crate::gateway_auth::{Credential, GatewayAuth, is_refused_placeholder, selected};
use pincer_sdk::prelude::*;

/// Shortest token or password not reported as short.
pub const MIN_LENGTH: u32 = 24;

/// Reports a placeholder credential.
pub fn placeholder(view: &View, out: &mut Findings, credential: Credential, meta: &CheckMeta) {
    let auth = GatewayAuth::resolve(view);
    if let Some(marker) = selected(&auth, credential).filter(is_refused_placeholder) {
        let kind = marker.placeholder.as_deref().unwrap_or("blank");
        let detail = format!(
            "The gateway {} in effect is {} ({}); the gateway refuses to start with it.",
            credential.name(),
            if kind == "blank" {
                "blank".to_owned()
            } else {
                format!("the word \"{kind}\"")
            },
            source_phrase(&marker),
        );
        out.push(meta.finding(detail).at(credential.path()));
    }
}

/// Reports a short credential.
pub fn too_short(view: &View, out: &mut Findings, credential: Credential, meta: &CheckMeta) {
    let auth = GatewayAuth::resolve(view);
    let Some(marker) = selected(&auth, credential) else {
        return;
    };
    if marker.set && !is_refused_placeholder(&marker) && marker.length < MIN_LENGTH {
        let detail = format!(
            "The gateway {} in effect is {} characters long ({}); use at least {MIN_LENGTH} random characters.",
            credential.name(),
            marker.length,
            source_phrase(&marker),
        );
        out.push(meta.finding(detail).at(credential.path()));
    }
}

fn source_phrase(marker: &SecretMarker) -> String {
    match (&marker.source, &marker.reference) {
        (SecretSource::Env, Some(name)) => format!("from ${name}"),
        (SecretSource::File, Some(path)) => format!("from file {path}"),
        _ => "set in the config".to_owned(),
    }
}
