//! Adversarial plugin `ambient-authority`: tries every authority a plugin
//! must not have (files, directories, environment, arguments, sockets, name
//! lookup) and reports each attempt as `denied` or `GRANTED`, so the host's
//! test can see from the inside that all were refused.

use pincer_sdk::prelude::*;
use std::io::Write;
use std::net::{TcpStream, ToSocketAddrs, UdpSocket};
use std::time::Duration;

#[macro_use]
#[path = "../../common.rs"]
mod common;

attack_plugin!("ambient-authority", "adversarial.authority", attack);

fn report(out: &mut Findings, attempt: &str, result: Result<String, String>) {
    let detail = match result {
        Ok(what) => format!("{attempt}: GRANTED: {what}"),
        Err(error) => format!("{attempt}: denied: {error}"),
    };
    out.push(META.finding(detail));
}

fn attack(view: &View, out: &mut Findings) {
    let mut paths = vec![
        "/etc/passwd".to_owned(),
        "openclaw.json".to_owned(),
        "/proc/self/environ".to_owned(),
    ];
    paths.extend(view.file_facts().iter().map(|fact| fact.path.clone()));
    for path in &paths {
        let read = std::fs::read(path)
            .map(|bytes| format!("{} bytes", bytes.len()))
            .map_err(|e| e.to_string());
        report(out, &format!("read {path}"), read);
    }
    for dir in ["/", ".", "/tmp"] {
        let list = std::fs::read_dir(dir)
            .map(|entries| format!("{} entries", entries.count()))
            .map_err(|e| e.to_string());
        report(out, &format!("list {dir}"), list);
    }
    let write = std::fs::File::create("/tmp/pincer-adversarial-write")
        .and_then(|mut file| file.write_all(b"owned"))
        .map(|()| "wrote a file".to_owned())
        .map_err(|e| e.to_string());
    report(out, "write /tmp/pincer-adversarial-write", write);
    #[allow(
        clippy::disallowed_methods,
        reason = "the attack: reading the host's environment"
    )]
    let vars: Vec<String> = std::env::vars().map(|(name, _)| name).collect();
    report(
        out,
        "environment",
        if vars.is_empty() {
            Err("empty".into())
        } else {
            Ok(vars.join(","))
        },
    );
    let args: Vec<String> = std::env::args().collect();
    report(
        out,
        "arguments",
        if args.is_empty() {
            Err("empty".into())
        } else {
            Ok(args.join(" "))
        },
    );
    let port = view
        .get("plugins.entries.adversarial.config.port")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(9);
    let target = format!("127.0.0.1:{port}");
    let tcp = target
        .parse()
        .map_err(|e: std::net::AddrParseError| e.to_string())
        .and_then(|addr| {
            TcpStream::connect_timeout(&addr, Duration::from_millis(200)).map_err(|e| e.to_string())
        })
        .map(|_| "connected".to_owned());
    report(out, &format!("tcp connect {target}"), tcp);
    let udp = UdpSocket::bind("127.0.0.1:0")
        .and_then(|socket| socket.send_to(b"ping", &target))
        .map(|sent| format!("sent {sent} bytes"))
        .map_err(|e| e.to_string());
    report(out, &format!("udp send {target}"), udp);
    let lookup = ("localhost", 80)
        .to_socket_addrs()
        .map(|addrs| format!("{} addresses", addrs.count()))
        .map_err(|e| e.to_string());
    report(out, "name lookup localhost", lookup);
}
