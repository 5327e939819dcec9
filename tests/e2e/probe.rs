//! `--deep`: the host dials a (fake, in-test) gateway on loopback with the
//! OpenClaw 2026.9 handshake and its configured credential; without
//! `--deep` nothing connects; the credential never shows in the output.

use crate::support::{pincer, text};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::sync::mpsc;
use tungstenite::Message;

const TOKEN: &str = "planted-probe-token-0123456789abcdef";

/// A one-connection fake gateway; sends back the `connect` params it got.
fn fake_gateway(accept_token: bool) -> (u16, mpsc::Receiver<Value>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut socket = tungstenite::accept(stream).unwrap();
        let challenge = json!({"type": "event", "event": "connect.challenge",
                               "payload": {"nonce": "n", "ts": 1}});
        socket.send(Message::text(challenge.to_string())).unwrap();
        loop {
            let Ok(Message::Text(text)) = socket.read() else {
                return;
            };
            let frame: Value = serde_json::from_str(text.as_str()).unwrap();
            let reply = match frame["method"].as_str() {
                Some("connect") => {
                    let ok = accept_token && frame["params"]["auth"]["token"] == TOKEN;
                    sender.send(frame["params"].clone()).unwrap();
                    if ok {
                        json!({"type": "res", "id": frame["id"], "ok": true,
                               "payload": {"server": {"version": "2026.9.6"}}})
                    } else {
                        json!({"type": "res", "id": frame["id"], "ok": false,
                               "error": {"code": "UNAUTHORIZED",
                                         "message": format!("unauthorized: token {TOKEN} mismatch")}})
                    }
                }
                Some("health") => json!({"type": "res", "id": frame["id"], "ok": true,
                                         "payload": {"ok": true}}),
                _ => continue,
            };
            socket.send(Message::text(reply.to_string())).unwrap();
        }
    });
    (port, receiver)
}

fn view_deep(port: u16, deep: bool) -> (Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    std::fs::write(
        &config,
        json!({"gateway": {"port": port, "auth": {"mode": "token", "token": TOKEN}}}).to_string(),
    )
    .unwrap();
    let mut command = pincer();
    command.args(["view", "--config", config.to_str().unwrap()]);
    command.args(["--state-dir", dir.path().to_str().unwrap()]);
    if deep {
        command.arg("--deep");
    }
    let output = command.output().unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        !stdout.contains(TOKEN) && !stderr.contains(TOKEN),
        "{stdout}"
    );
    (serde_json::from_str(&stdout).unwrap(), stdout)
}

#[test]
fn deep_probes_the_gateway_with_its_credential() {
    let (port, received) = fake_gateway(true);
    let (view, _) = view_deep(port, true);
    let probe = &view["state"]["gateway"]["probe"];
    assert_eq!(probe["ok"], true, "{probe}");
    assert_eq!(probe["authOffered"], "token");
    assert_eq!(probe["authAccepted"], true);
    assert_eq!(probe["serverVersion"], "2026.9.6");
    assert_eq!(probe["url"], format!("ws://127.0.0.1:{port}"));
    let params = received.recv().unwrap();
    assert_eq!(params["role"], "operator");
    assert_eq!(params["scopes"], json!(["operator.read"]));
}

#[test]
fn a_refused_credential_is_reported_with_the_secret_masked() {
    let (port, _received) = fake_gateway(false);
    let (view, _) = view_deep(port, true);
    let probe = &view["state"]["gateway"]["probe"];
    assert_eq!(probe["ok"], false);
    assert_eq!(probe["authAccepted"], false);
    let error = probe["error"].as_str().unwrap();
    assert!(
        error.contains("`connect` refused (UNAUTHORIZED)"),
        "the reply's code is kept, its free text is not: {error}"
    );
}

/// Base64 (standard alphabet, padded), as a gateway might echo a token.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A gateway that answers `connect` with `reply` (given the token it was
/// offered) and then stops.
fn hostile_gateway(reply: fn(&str, &Value) -> Message) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut socket = tungstenite::accept(stream).unwrap();
        let challenge = json!({"type": "event", "event": "connect.challenge",
                               "payload": {"nonce": "n", "ts": 1}});
        socket.send(Message::text(challenge.to_string())).unwrap();
        while let Ok(Message::Text(text)) = socket.read() {
            let frame: Value = serde_json::from_str(text.as_str()).unwrap();
            if frame["method"] == "connect" {
                let token = frame["params"]["auth"]["token"]
                    .as_str()
                    .unwrap_or_default();
                let _ = socket.send(reply(token, &frame["id"]));
                let _ = socket.flush();
                break;
            }
        }
    });
    port
}

#[test]
fn no_form_of_the_token_from_the_gateways_reply_reaches_the_view() {
    // Whole, base64, hex, split in two, reversed: in an error's message and
    // code, in a close frame's reason, in the server version.
    fn forms(token: &str) -> String {
        let (a, b) = token.split_at(token.len() / 2);
        let hex: String = token.bytes().map(|b| format!("{b:02x}")).collect();
        let reversed: String = token.chars().rev().collect();
        format!(
            "{token} {} {hex} {a} {b} {reversed}",
            base64(token.as_bytes())
        )
    }
    let replies: [fn(&str, &Value) -> Message; 3] = [
        |token, id| {
            Message::text(
                json!({"type": "res", "id": id, "ok": false,
                       "error": {"code": base64(token.as_bytes()), "message": forms(token)}})
                .to_string(),
            )
        },
        |token, _| {
            Message::Close(Some(tungstenite::protocol::CloseFrame {
                code: tungstenite::protocol::frame::coding::CloseCode::Policy,
                reason: forms(token)[..100].to_owned().into(),
            }))
        },
        |token, id| {
            Message::text(
                json!({"type": "res", "id": id, "ok": true,
                       "payload": {"server": {"version": base64(token.as_bytes())},
                                   "note": forms(token)}})
                .to_string(),
            )
        },
    ];
    for reply in replies {
        let port = hostile_gateway(reply);
        let (view, text) = view_deep(port, true);
        let probe = &view["state"]["gateway"]["probe"];
        assert_eq!(probe["ok"], false, "{probe}");
        let (a, b) = TOKEN.split_at(TOKEN.len() / 2);
        let hex: String = TOKEN.bytes().map(|b| format!("{b:02x}")).collect();
        let reversed: String = TOKEN.chars().rev().collect();
        for form in [TOKEN, &base64(TOKEN.as_bytes()), &hex, a, b, &reversed] {
            assert!(!text.contains(form), "the view holds {form}: {probe}");
        }
    }
}

#[test]
fn without_deep_nothing_touches_the_network() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let (view, _) = view_deep(port, false);
    assert!(view["state"]["gateway"]["probe"].is_null());
    assert!(
        matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "something connected to the gateway port without --deep"
    );
}

#[test]
fn an_unreachable_gateway_is_a_probe_failure_only_under_deep() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    std::fs::write(
        &config,
        json!({"gateway": {"port": port, "auth": {"mode": "token", "token": TOKEN}}}).to_string(),
    )
    .unwrap();
    let args = |deep: bool| {
        let mut args = vec![
            "--config".to_owned(),
            config.display().to_string(),
            "--state-dir".to_owned(),
            dir.path().display().to_string(),
            "--fail-on".to_owned(),
            "never".to_owned(),
        ];
        if deep {
            args.push("--deep".to_owned());
        }
        args
    };
    let run = |deep: bool| {
        let args = args(deep);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        crate::support::audit(&refs, &[])
    };
    let deep = run(true);
    assert!(
        deep.has("gateway.probe_failed", "warn"),
        "{:?}",
        deep.pairs()
    );
    assert!(!deep.stdout.contains(TOKEN));
    assert!(!run(false).has("gateway.probe_failed", "warn"));
}
