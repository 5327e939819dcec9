//! `--deep`: dials the live gateway on loopback, at its configured port,
//! and sees whether it answers the WebSocket handshake, accepts the
//! configured credential and reports itself healthy — the protocol of
//! OpenClaw 2026.9: a `connect.challenge` event, a `connect` request for
//! read-only operator scope, then a `health` request. Only ever loopback,
//! only with `--deep`, bounded by [`TIMEOUT`]; secrets never leave the host
//! except to that gateway. What the gateway says is reduced to known
//! fields (an error's code when it is an identifier, a close frame's code,
//! the server version when it reads as one); its free text is never
//! kept, so no form of the credential it may echo (whole, encoded or
//! split) reaches the result.

mod credential;
pub(crate) mod docker;

pub(crate) use credential::{Credential, credential, hooks_token_matches_gateway_auth};
use pincer_sdk::GatewayProbe;
use serde_json::{Value, json};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

/// The whole probe's time budget.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(3);

/// OpenClaw's default gateway port.
pub(crate) const DEFAULT_PORT: u16 = 18789;

/// The port the gateway listens on: `OPENCLAW_GATEWAY_PORT` (`18777`,
/// `host:18777` or `[v6]:18777`), else `gateway.port`, else 18789.
pub(crate) fn port(config: &Value, env: &dyn Fn(&str) -> Option<String>) -> u16 {
    let from_env = env("OPENCLAW_GATEWAY_PORT").and_then(|text| {
        let text = text.trim();
        let digits = text.rsplit_once(':').map_or(text, |(_, port)| port);
        digits.parse::<u16>().ok().filter(|port| *port > 0)
    });
    from_env
        .or_else(|| {
            config
                .get("gateway")
                .and_then(|g| g.get("port"))
                .and_then(Value::as_u64)
                .and_then(|port| u16::try_from(port).ok())
                .filter(|port| *port > 0)
        })
        .unwrap_or(DEFAULT_PORT)
}

/// Probes the gateway of `config` (raw, unredacted: the host needs the
/// credential's value to offer it).
pub(crate) fn probe(config: &Value, env: &dyn Fn(&str) -> Option<String>) -> GatewayProbe {
    let started = Instant::now();
    let port = port(config, env);
    let url = format!("ws://127.0.0.1:{port}");
    let (offered, secret_ref_unavailable) = credential(config, env);
    let tls = config
        .get("gateway")
        .and_then(|g| g.get("tls"))
        .and_then(|t| t.get("enabled"))
        .and_then(Value::as_bool)
        == Some(true);
    let mut result = GatewayProbe {
        url: url.clone(),
        ok: false,
        error: None,
        auth_offered: offered.kind().to_owned(),
        auth_accepted: false,
        server_version: None,
        secret_ref_unavailable,
        duration_ms: 0,
    };
    let outcome = if tls {
        Err(
            "the gateway serves TLS (gateway.tls.enabled); pincer probes plain ws:// on \
             loopback only"
                .to_owned(),
        )
    } else {
        exchange(port, &offered, started + TIMEOUT, &mut result)
    };
    if let Err(error) = outcome {
        // Pincer's own wording, with known fields only; the credential is
        // masked too, in case an OS error ever quoted what was sent.
        let masked = match offered.secret() {
            Some(secret) if !secret.is_empty() => error.replace(secret, "[redacted]"),
            _ => error,
        };
        result.error = Some(pincer_sdk::redact::redact_text(&masked).into_owned());
    }
    result.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    result
}

/// The handshake, `connect` and `health`; fills `result` as it goes.
fn exchange(
    port: u16,
    offered: &Credential,
    deadline: Instant,
    result: &mut GatewayProbe,
) -> Result<(), String> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let stream = TcpStream::connect_timeout(&address, remaining(deadline)?)
        .map_err(|e| format!("cannot connect to {address}: {e}"))?;
    let left = remaining(deadline)?;
    stream
        .set_read_timeout(Some(left))
        .and_then(|()| stream.set_write_timeout(Some(left)))
        .map_err(|e| e.to_string())?;
    let (mut socket, _) =
        tungstenite::client(format!("ws://127.0.0.1:{port}/"), stream).map_err(|e| {
            let kind = match &e {
                tungstenite::HandshakeError::Failure(error) => kind_of(error),
                tungstenite::HandshakeError::Interrupted(_) => "interrupted",
            };
            format!("websocket handshake failed: {kind}")
        })?;
    wait_for(&mut socket, deadline, |frame| {
        frame["type"] == "event" && frame["event"] == "connect.challenge"
    })?;
    let mut params = json!({
        "minProtocol": 3,
        "maxProtocol": 4,
        "client": {
            "id": "cli",
            "version": env!("CARGO_PKG_VERSION"),
            "platform": std::env::consts::OS,
            "mode": "probe",
        },
        "caps": [],
        "role": "operator",
        "scopes": ["operator.read"],
    });
    match offered {
        Credential::Token(token) => params["auth"] = json!({ "token": token }),
        Credential::Password(password) => params["auth"] = json!({ "password": password }),
        Credential::None => {}
    }
    let hello = request(&mut socket, deadline, "1", "connect", params)?;
    result.auth_accepted = true;
    result.server_version = hello["server"]["version"]
        .as_str()
        .filter(|version| is_identifier(version))
        .map(str::to_owned);
    request(&mut socket, deadline, "2", "health", json!({}))?;
    result.ok = true;
    // Best effort: the gateway does not need a clean close from a probe.
    let _ = socket.close(None);
    Ok(())
}

fn remaining(deadline: Instant) -> Result<Duration, String> {
    deadline
        .checked_duration_since(Instant::now())
        .filter(|left| !left.is_zero())
        .ok_or_else(|| "timeout".to_owned())
}

/// Sends one request and waits for its response; the response's payload,
/// or the gateway's error message.
fn request(
    socket: &mut WebSocket<TcpStream>,
    deadline: Instant,
    id: &str,
    method: &str,
    params: Value,
) -> Result<Value, String> {
    let frame = json!({ "type": "req", "id": id, "method": method, "params": params });
    socket
        .send(Message::text(frame.to_string()))
        .map_err(|e| format!("cannot send `{method}`: {}", kind_of(&e)))?;
    let response = wait_for(socket, deadline, |frame| {
        frame["type"] == "res" && frame["id"] == id
    })?;
    if response["ok"] == true {
        Ok(response["payload"].clone())
    } else {
        // The reply's message is free text (it may quote what was sent):
        // only its code is kept, and only when it reads as one.
        match response["error"]["code"]
            .as_str()
            .filter(|code| is_identifier(code))
        {
            Some(code) => Err(format!("`{method}` refused ({code})")),
            None => Err(format!("`{method}` refused")),
        }
    }
}

/// Reads frames until one matches, the socket closes or time runs out.
fn wait_for(
    socket: &mut WebSocket<TcpStream>,
    deadline: Instant,
    wanted: impl Fn(&Value) -> bool,
) -> Result<Value, String> {
    loop {
        socket
            .get_mut()
            .set_read_timeout(Some(remaining(deadline)?))
            .map_err(|e| e.to_string())?;
        match socket.read() {
            Ok(Message::Text(text)) => {
                let frame: Value = serde_json::from_str(text.as_str()).unwrap_or(Value::Null);
                if wanted(&frame) {
                    return Ok(frame);
                }
            }
            Ok(Message::Close(close)) => {
                return Err(match close {
                    Some(frame) => format!("gateway closed the connection ({})", frame.code),
                    None => "gateway closed the connection".to_owned(),
                });
            }
            Ok(_) => {}
            Err(tungstenite::Error::Io(error))
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err("timeout".to_owned());
            }
            Err(error) => return Err(kind_of(&error).to_owned()),
        }
    }
}

/// Whether a gateway-given field reads as a code or version (letters,
/// digits, `._-`, at most 64), not as free text.
fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
        && !pincer_sdk::redact::holds_credential(text)
}

/// What went wrong on the WebSocket, by kind: never the error's text,
/// which can hold what the gateway sent (an HTTP body, a frame).
fn kind_of(error: &tungstenite::Error) -> &'static str {
    use tungstenite::Error;
    match error {
        Error::ConnectionClosed | Error::AlreadyClosed => "the connection is closed",
        Error::Io(_) => "input/output error",
        Error::Tls(_) => "TLS error",
        Error::Capacity(_) => "message too large",
        Error::Protocol(_) => "WebSocket protocol error",
        Error::WriteBufferFull(_) => "write buffer full",
        Error::Utf8(_) => "invalid UTF-8 from the gateway",
        Error::AttackAttempt => "the gateway's reply looked like an attack",
        Error::Url(_) => "bad URL",
        Error::Http(response) => match response.status().as_u16() {
            401 | 403 => "HTTP refusal (unauthorised)",
            _ => "unexpected HTTP reply",
        },
        Error::HttpFormat(_) => "malformed HTTP reply",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_port_comes_from_env_then_config_then_the_default() {
        let config = json!({"gateway": {"port": 18999}});
        let none = |_: &str| None;
        assert_eq!(port(&config, &none), 18999);
        assert_eq!(port(&json!({}), &none), DEFAULT_PORT);
        for text in ["18777", "127.0.0.1:18777", "[::1]:18777"] {
            let env = |name: &str| (name == "OPENCLAW_GATEWAY_PORT").then(|| text.to_owned());
            assert_eq!(port(&config, &env), 18777, "{text}");
        }
    }

    #[test]
    fn a_closed_port_fails_quickly_with_the_reason() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let free = listener.local_addr().unwrap().port();
        drop(listener);
        let config = json!({"gateway": {"port": free, "auth": {"token": "planted-probe-secret"}}});
        let result = probe(&config, &|_| None);
        assert!(!result.ok);
        assert_eq!(result.auth_offered, "token");
        let error = result.error.unwrap();
        assert!(error.contains("cannot connect"), "{error}");
        assert!(!error.contains("planted-probe-secret"));
    }

    #[test]
    fn gateway_fields_are_kept_only_when_they_read_as_identifiers() {
        assert!(is_identifier("INVALID_REQUEST"));
        assert!(is_identifier("2026.9.6"));
        assert!(!is_identifier("bad token planted-probe-secret"));
        assert!(!is_identifier("ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R"));
    }
}
