//! `--deep`: asks the local Docker CLI about the sandbox browser
//! containers (label `openclaw.sandboxBrowser=1`): their config-hash and
//! config-epoch labels and the host addresses their ports are published
//! on. Read-only commands (`ps`, `inspect`, `port`), each bounded by
//! [`COMMAND_TIMEOUT`]; after a timeout the remaining containers are
//! skipped and the probe says so.

use pincer_sdk::{BrowserContainer, DockerProbe};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one Docker command may take.
pub(crate) const COMMAND_TIMEOUT: Duration = Duration::from_secs(5);

/// The label that marks a sandbox browser container.
const BROWSER_LABEL: &str = "openclaw.sandboxBrowser=1";

/// Why a command gave no output.
enum Failure {
    /// It could not start, or exited with an error.
    Failed(String),
    /// It ran out of time and was killed.
    TimedOut,
}

/// Runs `docker ARGS` and returns its standard output.
fn docker(args: &[&str], timeout: Duration) -> Result<String, Failure> {
    let mut child = Command::new("docker")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| Failure::Failed(format!("cannot run docker: {error}")))?;
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(out) = stdout.as_mut() {
            let _ = out.take(1 << 20).read_to_string(&mut text);
        }
        text
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::TimedOut);
            }
            Err(error) => return Err(Failure::Failed(format!("docker: {error}"))),
        }
    };
    let text = reader.join().unwrap_or_default();
    if status.success() {
        return Ok(text);
    }
    let mut message = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.by_ref().take(4096).read_to_string(&mut message);
    }
    let message = message.lines().next().unwrap_or("").trim().to_owned();
    Err(Failure::Failed(format!(
        "docker {} failed ({status}){}",
        args.first().unwrap_or(&""),
        if message.is_empty() {
            String::new()
        } else {
            format!(": {message}")
        }
    )))
}

/// A label value as `docker inspect` prints it; none when missing.
fn label(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty() && value != "<no value>").then(|| value.to_owned())
}

/// The host addresses of `docker port` lines (`9222/tcp -> 0.0.0.0:49153`,
/// `9222/tcp -> [::]:49153`).
fn published_on(port_output: &str) -> Vec<String> {
    port_output
        .lines()
        .filter_map(|line| line.split_once("->").map(|(_, host)| host.trim()))
        .filter(|host| !host.is_empty())
        .map(|host| {
            if let Some(v6) = host.strip_prefix('[') {
                v6.split(']').next().unwrap_or_default().to_owned()
            } else {
                host.rsplit_once(':')
                    .map_or(host, |(address, _)| address)
                    .to_owned()
            }
        })
        .collect()
}

/// Asks Docker about the sandbox browser containers.
pub(crate) fn browser_containers(timeout: Duration) -> DockerProbe {
    let mut probe = DockerProbe::default();
    let names = match docker(
        &[
            "ps",
            "-a",
            "--filter",
            &format!("label={BROWSER_LABEL}"),
            "--format",
            "{{.Names}}",
        ],
        timeout,
    ) {
        Ok(names) => names,
        Err(Failure::Failed(error)) => {
            probe.error = Some(error);
            return probe;
        }
        Err(Failure::TimedOut) => {
            probe.timed_out = true;
            probe.error = Some("docker ps did not answer in time".to_owned());
            return probe;
        }
    };
    probe.available = true;
    for name in names.lines().map(str::trim).filter(|n| !n.is_empty()) {
        let labels = docker(
            &[
                "inspect",
                "-f",
                "{{ index .Config.Labels \"openclaw.configHash\" }}\t{{ index .Config.Labels \"openclaw.browserConfigEpoch\" }}",
                name,
            ],
            timeout,
        );
        let ports = labels
            .as_ref()
            .ok()
            .map(|_| docker(&["port", name], timeout));
        match (labels, ports) {
            (Ok(labels), Some(Ok(ports))) => {
                let (hash, epoch) = labels
                    .trim_end()
                    .split_once('\t')
                    .unwrap_or((labels.trim_end(), ""));
                probe.containers.push(BrowserContainer {
                    name: name.to_owned(),
                    config_hash: label(hash),
                    config_epoch: label(epoch),
                    published_on: published_on(&ports),
                });
            }
            (Err(Failure::TimedOut), _) | (_, Some(Err(Failure::TimedOut))) => {
                probe.timed_out = true;
                probe.error = Some(format!("docker did not answer in time about {name}"));
                break;
            }
            (Err(Failure::Failed(error)), _) | (_, Some(Err(Failure::Failed(error)))) => {
                probe.error = Some(error);
            }
            (Ok(_), None) => {}
        }
    }
    probe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_lines_give_host_addresses() {
        assert_eq!(
            published_on(
                "9222/tcp -> 0.0.0.0:49153\n9222/tcp -> [::]:49153\n6080/tcp -> 127.0.0.1:6080\n"
            ),
            vec!["0.0.0.0", "::", "127.0.0.1"]
        );
        assert_eq!(label("<no value>"), None);
        assert_eq!(label(" abc "), Some("abc".to_owned()));
    }
}
