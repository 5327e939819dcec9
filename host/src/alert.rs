//! Alerts of `pincer watch`: the hook command (`--on-finding CMD`, run
//! through `sh -c` with the JSON report on stdin and in a private
//! temporary file, counts in its environment, a time limit) and the
//! webhook (`--webhook URL`, the JSON report as an HTTP POST, with a time
//! limit). Neither ever sees more than the report, which holds no secret.

use crate::report::Report;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long the hook command may run before it is killed.
const HOOK_LIMIT: Duration = Duration::from_secs(120);

/// How long a webhook delivery may take.
const WEBHOOK_LIMIT: Duration = Duration::from_secs(20);

/// What one run has to say.
pub struct Alert<'a> {
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
                .filter(|f| f.check_id.starts_with("drift."))
                .count();
            (
                report.summary.critical,
                report.summary.warn,
                report.summary.info,
                drift,
            )
        })
    }

    /// Runs `command` through `sh -c`; returns what became of it.
    pub fn run_hook(&self, command: &str) -> Result<String, String> {
        let body = self.body();
        let mut file = tempfile::Builder::new()
            .prefix("pincer-report-")
            .suffix(".json")
            .tempfile()
            .map_err(|e| format!("cannot write the report for the hook: {e}"))?;
        file.write_all(&body)
            .map_err(|e| format!("cannot write the report for the hook: {e}"))?;
        let (critical, warn, info, drift) = self.counts();
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(command)
            .env("PINCER_REPORT", file.path())
            .env("PINCER_EXIT", self.exit_code.to_string())
            .env("PINCER_CRITICAL", critical.to_string())
            .env("PINCER_WARN", warn.to_string())
            .env("PINCER_INFO", info.to_string())
            .env("PINCER_DRIFT", drift.to_string())
            .env("PINCER_ERROR", self.error.clone().unwrap_or_default())
            .stdin(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the hook: {e}"))?;
        if let Some(mut stdin) = child.stdin.take() {
            // A hook that does not read its stdin closes the pipe early:
            // that is its choice, not a failure.
            let _ = stdin.write_all(&body);
        }
        let started = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok("hook ran".to_owned()),
                Ok(Some(status)) => return Err(format!("the hook failed ({status})")),
                Ok(None) if started.elapsed() > HOOK_LIMIT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!(
                        "the hook ran longer than {}s and was stopped",
                        HOOK_LIMIT.as_secs()
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(format!("cannot wait for the hook: {e}")),
            }
        }
    }

    /// POSTs the JSON body to `url`.
    pub fn post(&self, url: &str) -> Result<String, String> {
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
            Ok(response) => Ok(format!("webhook answered {}", response.status())),
            Err(error) => Err(format!("webhook delivery failed: {error}")),
        }
    }
}

/// Whether a webhook URL is one this client can post to.
pub fn check_webhook_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if (lower.starts_with("http://") || lower.starts_with("https://")) && url.len() > 8 {
        Ok(())
    } else {
        Err(format!(
            "--webhook {url}: only http:// and https:// URLs are supported"
        ))
    }
}
