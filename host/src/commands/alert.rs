//! Alerts of `pincer watch`: the hook command (`--on-finding CMD`, run
//! through `sh -c` in a process group of its own with the JSON report on
//! stdin, fed from another thread so a hook that never reads cannot stall
//! the watcher, and in a private temporary file, counts in its
//! environment; stopped with everything it started when it outlives its
//! time limit or the watcher is told to stop) and the webhook
//! (`--webhook URL`, the JSON report as an HTTP POST, with a time limit).
//! Neither ever sees more than the report, which holds no secret; a webhook
//! URL may (Slack's carry their key in the path), so only its scheme and
//! host are ever printed.

use crate::report::Report;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long the hook command may run before it is killed.
const HOOK_LIMIT: Duration = Duration::from_mins(2);

/// The most an environment variable given to the hook may hold; the whole
/// text is in the report on its stdin.
const ENV_LIMIT: usize = 4096;

/// How long a webhook delivery may take.
const WEBHOOK_LIMIT: Duration = Duration::from_secs(20);

/// What one run has to say.
pub(crate) struct Alert<'a> {
    /// The report, or none when the run failed.
    pub report: Option<&'a Report>,
    /// The run's exit code.
    pub exit_code: u8,
    /// Why the run failed, when it did.
    pub error: Option<String>,
}

impl Alert<'_> {
    /// The JSON body: the report, or `{"error": ...}`.
    fn body(&self) -> Vec<u8> {
        let value = match self.report {
            Some(report) => serde_json::to_value(report).unwrap_or_default(),
            None => serde_json::json!({
                "error": self.error.clone().unwrap_or_default(),
                "exitCode": self.exit_code,
            }),
        };
        serde_json::to_vec_pretty(&value).unwrap_or_default()
    }

    fn counts(&self) -> (usize, usize, usize, usize) {
        self.report.map_or((0, 0, 0, 0), |report| {
            let drift = report
                .findings
                .iter()
                .filter(|f| f.finding.check_id.starts_with("drift."))
                .count();
            (
                report.summary.critical,
                report.summary.warn,
                report.summary.info,
                drift,
            )
        })
    }

    /// Runs `command` through `sh -c`, stopping it early when `cancelled()`
    /// says so; returns what became of it.
    pub(crate) fn run_hook(
        &self,
        command: &str,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<String, String> {
        let body = self.body();
        let mut file = tempfile::Builder::new()
            .prefix("pincer-report-")
            .suffix(".json")
            .tempfile()
            .map_err(|e| format!("cannot write the report for the hook: {e}"))?;
        file.write_all(&body)
            .map_err(|e| format!("cannot write the report for the hook: {e}"))?;
        let (critical, warn, info, drift) = self.counts();
        let mut hook = Command::new("sh");
        // Its own process group, so that stopping it stops what it started.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut hook, 0);
        let mut child = hook
            .arg("-c")
            .arg(command)
            .env("PINCER_REPORT", file.path())
            .env("PINCER_EXIT", self.exit_code.to_string())
            .env("PINCER_CRITICAL", critical.to_string())
            .env("PINCER_WARN", warn.to_string())
            .env("PINCER_INFO", info.to_string())
            .env("PINCER_DRIFT", drift.to_string())
            .env(
                "PINCER_ERROR",
                capped(self.error.as_deref().unwrap_or_default()),
            )
            .stdin(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the hook: {e}"))?;
        // A hook that does not read its stdin closes the pipe early: that
        // is its choice, not a failure. One that neither reads nor exits
        // would block a writer on a full pipe: the writer is not this
        // thread, and it is not waited for (stopping the hook breaks its
        // pipe; a process outside the group holding it would otherwise
        // hold the watcher too).
        if let Some(mut stdin) = child.stdin.take() {
            std::thread::spawn(move || {
                let _ = stdin.write_all(&body);
            });
        }
        let started = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => break Ok("hook ran".to_owned()),
                Ok(Some(status)) => break Err(format!("the hook failed ({status})")),
                Ok(None) if started.elapsed() > HOOK_LIMIT => {
                    stop(&mut child);
                    break Err(format!(
                        "the hook ran longer than {}s and was stopped",
                        HOOK_LIMIT.as_secs()
                    ));
                }
                Ok(None) if cancelled() => {
                    stop(&mut child);
                    break Err("the hook was stopped: the watcher is stopping".to_owned());
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => break Err(format!("cannot wait for the hook: {e}")),
            }
        }
    }

    /// POSTs the JSON body to `url`.
    pub(crate) fn post(&self, url: &str) -> Result<String, String> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(WEBHOOK_LIMIT))
            .build()
            .into();
        let body = self.body();
        match agent
            .post(url)
            .header("content-type", "application/json")
            .header("user-agent", concat!("pincer/", env!("CARGO_PKG_VERSION")))
            .send(&body[..])
        {
            Ok(response) => Ok(format!(
                "webhook {} answered {}",
                shown_url(url),
                response.status()
            )),
            Err(error) => Err(format!(
                "webhook {} delivery failed: {}",
                shown_url(url),
                describe(&error)
            )),
        }
    }
}

/// At most [`ENV_LIMIT`] bytes of `text` (cut at a character boundary),
/// so that an environment variable never makes the hook too big to start.
fn capped(text: &str) -> &str {
    let mut end = text.len().min(ENV_LIMIT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Why a delivery failed, in words that never repeat the URL (some of
/// ureq's errors quote it).
fn describe(error: &ureq::Error) -> String {
    match error {
        ureq::Error::StatusCode(code) => format!("it answered {code}"),
        ureq::Error::Timeout(_) => format!("no answer within {}s", WEBHOOK_LIMIT.as_secs()),
        ureq::Error::HostNotFound => "its host was not found".to_owned(),
        ureq::Error::ConnectionFailed => "the connection failed".to_owned(),
        ureq::Error::Io(io) => format!("input/output error ({})", io.kind()),
        ureq::Error::BadUri(_) => "the URL is not valid".to_owned(),
        ureq::Error::Tls(_) => "TLS failed".to_owned(),
        _ => "the request failed".to_owned(),
    }
}

/// Kills the hook's process group (the hook and what it started), then
/// reaps the hook.
fn stop(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        let group = rustix::process::Pid::from_child(child);
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A webhook URL as it may be printed: scheme and host only.
pub(crate) fn shown_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "the webhook URL".to_owned();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    format!("{scheme}://{host}/…")
}

/// Whether a webhook URL is one this client can post to.
pub(crate) fn check_webhook_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if (lower.starts_with("http://") || lower.starts_with("https://")) && url.len() > 8 {
        Ok(())
    } else {
        Err(format!(
            "--webhook {}: only http:// and https:// URLs are supported",
            shown_url(url)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{Alert, shown_url};
    use std::time::{Duration, Instant};

    #[test]
    fn a_hook_that_neither_reads_a_large_report_nor_ends_is_stopped() {
        // Larger than any pipe buffer: a writer on this thread would block.
        let alert = Alert {
            report: None,
            exit_code: 2,
            error: Some("x".repeat(4 << 20)),
        };
        let started = Instant::now();
        let stop_at = started + Duration::from_millis(300);
        let outcome = alert.run_hook("sleep 600", &|| Instant::now() > stop_at);
        assert_eq!(
            outcome,
            Err("the hook was stopped: the watcher is stopping".to_owned())
        );
        assert!(started.elapsed() < Duration::from_mins(1));
    }

    #[test]
    fn a_webhook_url_is_shown_without_its_path_query_or_credentials() {
        assert_eq!(
            shown_url("https://hooks.slack.com/services/T0/B0/secretpart"),
            "https://hooks.slack.com/…"
        );
        assert_eq!(
            shown_url("http://user:pw@127.0.0.1:8080/x?token=abc"),
            "http://127.0.0.1:8080/…"
        );
        assert_eq!(shown_url("no-scheme/secret"), "the webhook URL");
    }
}
