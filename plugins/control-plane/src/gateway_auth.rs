//! How the gateway resolves its own authentication, from the redacted view:
//! bind, Tailscale mode, auth mode, and which token or password it would
//! use, following OpenClaw 2026.9's precedence (config first, then
//! `OPENCLAW_GATEWAY_TOKEN` / `OPENCLAW_GATEWAY_PASSWORD`, then the remote
//! credentials). Every check of this plugin reads it instead of the raw keys.

use pincer_sdk::{CheckMeta, Findings, SecretMarker, Severity, View};

/// One configured credential slot (`gateway.auth.token`, ...).
#[derive(Debug, Clone, Default)]
pub struct Slot {
    /// The marker at the path, when the key is present.
    pub marker: Option<SecretMarker>,
}

impl Slot {
    fn at(view: &View, path: &str) -> Slot {
        Slot {
            marker: view.secret(path),
        }
    }

    /// A usable literal (or substituted) value: set, not a reference object.
    pub fn value(&self) -> Option<&SecretMarker> {
        self.marker
            .as_ref()
            .filter(|m| m.set && !m.secret_ref && !is_unresolved(m))
    }

    /// The value the gateway would read from this slot once the config is
    /// resolved: a literal, a substituted `${VAR}`, or a reference whose
    /// value could be read. `None` for a blank value, a `${VAR}` left
    /// unresolved, or a reference that did not resolve; the gateway then
    /// falls back to the next source.
    pub fn resolved(&self) -> Option<&SecretMarker> {
        self.marker
            .as_ref()
            .filter(|m| m.set && (m.secret_ref || !is_unresolved(m)))
    }

    /// Named through a secret reference object.
    pub fn has_ref(&self) -> bool {
        self.marker.as_ref().is_some_and(|m| m.secret_ref)
    }

    /// A `${VAR}` whose variable is not set.
    pub fn is_unresolved(&self) -> bool {
        self.marker
            .as_ref()
            .is_some_and(|m| !m.secret_ref && is_unresolved(m))
    }
}

fn is_unresolved(marker: &SecretMarker) -> bool {
    marker.placeholder.as_deref() == Some("unresolved")
}

/// The gateway's resolved authentication posture.
#[derive(Debug, Clone)]
pub struct GatewayAuth {
    /// `gateway.bind`, `loopback` when unset or not a string.
    pub bind: String,
    /// `gateway.tailscale.mode`, `off` when unset.
    pub tailscale_mode: String,
    /// `gateway.auth.mode` as written.
    pub explicit_mode: Option<String>,
    /// The effective mode: explicit, else `password` when a password
    /// resolves, else `token`.
    pub mode: String,
    /// `gateway.auth.token` and `gateway.auth.password`.
    pub local_token: Slot,
    /// See `local_token`.
    pub local_password: Slot,
    /// The token the gateway would use, if any.
    pub token: Option<SecretMarker>,
    /// The password the gateway would use, if any.
    pub password: Option<SecretMarker>,
    /// Some shared secret (or trusted-proxy auth) protects the gateway.
    pub has_auth: bool,
    /// Auth as it applies on loopback: also Tailscale identity under serve.
    pub has_loopback_auth: bool,
    /// The Control UI is served (`gateway.controlUi.enabled` is not false).
    pub control_ui_enabled: bool,
}

impl GatewayAuth {
    /// Whether the gateway listens on loopback only.
    pub fn is_loopback(&self) -> bool {
        self.bind == "loopback"
    }

    /// Whether the gateway is reachable from other machines: bound beyond
    /// loopback, or published by Tailscale Serve or Funnel.
    pub fn remotely_exposed(&self) -> bool {
        !self.is_loopback() || matches!(self.tailscale_mode.as_str(), "serve" | "funnel")
    }

    /// Whether the HTTP APIs (`/tools/invoke`, the OpenAI-style endpoints)
    /// demand a credential: the effective mode has its secret at hand, or
    /// the mode is trusted-proxy. Unlike `has_auth`, a reference that did
    /// not resolve does not count here.
    pub fn http_auth_resolved(&self) -> bool {
        match self.mode.as_str() {
            "token" => self.token.is_some(),
            "password" => self.password.is_some(),
            "trusted-proxy" => true,
            _ => false,
        }
    }

    /// Resolves the posture from the view.
    pub fn resolve(view: &View) -> GatewayAuth {
        let bind = view.str("gateway.bind").unwrap_or("loopback").to_owned();
        let tailscale_mode = view
            .str("gateway.tailscale.mode")
            .unwrap_or("off")
            .to_owned();
        let explicit_mode = view.str("gateway.auth.mode").map(str::to_owned);
        let explicit = explicit_mode.as_deref();

        let local_token = Slot::at(view, "gateway.auth.token");
        let local_password = Slot::at(view, "gateway.auth.password");
        let remote_token = Slot::at(view, "gateway.remote.token");
        let remote_password = Slot::at(view, "gateway.remote.password");
        let env_token = view.env_var("OPENCLAW_GATEWAY_TOKEN").filter(|m| m.set);
        let env_password = view.env_var("OPENCLAW_GATEWAY_PASSWORD").filter(|m| m.set);

        // The audit resolves references before it looks at the credentials:
        // a reference that resolved is used like a literal, one that did not
        // (like a `${VAR}` left unresolved) lets the next source win.
        let token = local_token
            .resolved()
            .cloned()
            .or_else(|| env_token.clone())
            .or_else(|| remote_token.resolved().cloned());
        let password = local_password
            .resolved()
            .cloned()
            .or_else(|| env_password.clone())
            .or_else(|| {
                remote_password
                    .resolved()
                    .cloned()
                    .filter(|_| explicit != Some("trusted-proxy"))
            });
        let mode = explicit.map_or_else(
            || {
                if password.is_some() {
                    "password"
                } else {
                    "token"
                }
                .to_owned()
            },
            str::to_owned,
        );

        let has_token = token.is_some() && !local_token.is_unresolved();
        let has_password = password.is_some() && !local_password.is_unresolved();
        let token_configured = has_token
            || env_token.is_some()
            || local_token.value().is_some()
            || local_token.has_ref()
            || remote_token.value().is_some()
            || remote_token.has_ref();
        let password_may_apply = explicit == Some("password")
            || (!matches!(explicit, Some("token" | "none" | "trusted-proxy")) && !token_configured);
        let password_configured = has_password
            || (password_may_apply
                && (env_password.is_some()
                    || local_password.value().is_some()
                    || local_password.has_ref()));
        let has_auth = match explicit {
            Some("token") => token_configured,
            Some("password") => password_configured,
            Some("none" | "trusted-proxy") => false,
            _ => token_configured || password_configured,
        } || mode == "trusted-proxy";
        let allow_tailscale = view
            .bool("gateway.auth.allowTailscale")
            .unwrap_or(tailscale_mode == "serve" && mode != "password" && mode != "trusted-proxy");
        let has_loopback_auth = has_auth || (allow_tailscale && tailscale_mode == "serve");
        let control_ui_enabled = view.bool("gateway.controlUi.enabled") != Some(false);

        GatewayAuth {
            bind,
            tailscale_mode,
            explicit_mode,
            mode,
            local_token,
            local_password,
            token,
            password,
            has_auth,
            has_loopback_auth,
            control_ui_enabled,
        }
    }
}

/// Which shared secret a credential check looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// `gateway.auth.token`
    Token,
    /// `gateway.auth.password`
    Password,
}

impl Credential {
    /// `token` or `password`.
    pub fn name(self) -> &'static str {
        match self {
            Credential::Token => "token",
            Credential::Password => "password",
        }
    }

    /// The config path of the local credential.
    pub fn path(self) -> &'static str {
        match self {
            Credential::Token => "gateway.auth.token",
            Credential::Password => "gateway.auth.password",
        }
    }
}

/// Placeholders the gateway refuses to start with: blank, or the words
/// `undefined` / `null` left by string coercion.
pub fn is_refused_placeholder(marker: &SecretMarker) -> bool {
    matches!(
        marker.placeholder.as_deref(),
        Some("blank" | "undefined" | "null")
    )
}

/// The credential the gateway would authenticate with in `credential`'s
/// mode, as the length and placeholder checks judge it. `None` when the
/// mode is another one or nothing can be measured: a `${VAR}` left
/// unresolved, or a reference whose value the host could not read (an
/// exec provider, an unset variable). A reference that did resolve is
/// judged by its value, as the gateway would use it.
pub fn selected(auth: &GatewayAuth, credential: Credential) -> Option<SecretMarker> {
    if auth.mode != credential.name() {
        return None;
    }
    let (slot, resolved) = match credential {
        Credential::Token => (&auth.local_token, &auth.token),
        Credential::Password => (&auth.local_password, &auth.password),
    };
    if slot.has_ref() {
        return slot
            .marker
            .clone()
            .filter(|m| m.set || m.placeholder.is_some());
    }
    if slot.is_unresolved() {
        return None;
    }
    resolved.clone().or_else(|| slot.marker.clone())
}

/// Reports `meta` about a setting that is worse the wider the gateway
/// listens: its default severity on loopback, critical beyond it. The
/// detail is `setting (bind "BIND").`, pointing at `path`.
pub fn report_by_bind(
    view: &View,
    out: &mut Findings,
    meta: &CheckMeta,
    setting: &str,
    path: &str,
) {
    let auth = GatewayAuth::resolve(view);
    let severity = if auth.is_loopback() {
        meta.severity
    } else {
        Severity::Critical
    };
    let detail = format!("{setting} (bind \"{}\").", auth.bind);
    out.push(meta.finding(detail).with_severity(severity).at(path));
}
