//! What Pincer counts as a small or local model, beyond the reference's
//! name-only rule: models served by a local runtime (Ollama, LM Studio,
//! vLLM, llama.cpp, LocalAI, SGLang, text-generation-webui, or a configured
//! provider whose base URL is loopback or private) whose size is unknown,
//! and mixture-of-experts names (`8x7b`) that the reference cannot read.

use pincer_sdk::View;
use serde_json::Value;

use crate::tiers::{SMALL_PARAMS_MAX_B, params_b};

/// Providers that run models on the operator's own hardware.
const LOCAL_PROVIDERS: &[&str] = &[
    "ollama",
    "lmstudio",
    "vllm",
    "llamacpp",
    "llama-cpp",
    "localai",
    "sglang",
    "text-generation-webui",
];

/// Why Pincer counts `provider/model` as small or local; none when it
/// does not.
pub fn small_or_local(view: &View, id: &str) -> Option<String> {
    let (provider, model) = id.split_once('/').unwrap_or(("", id));
    let size = params_b(id).or_else(|| experts_size(model));
    match size {
        Some(size) if size <= SMALL_PARAMS_MAX_B => Some(format!("{size}B parameters")),
        None if is_local_provider(view, provider) => {
            Some(format!("served locally by {provider}, size unknown"))
        }
        Some(_) | None => None,
    }
}

/// The total size of a mixture-of-experts name (`mixtral-8x7b` is 56).
fn experts_size(model: &str) -> Option<f64> {
    let lower = model.to_ascii_lowercase();
    lower
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
        .find_map(|token| {
            let (experts, size) = token.split_once('x')?;
            let size = size.strip_suffix('b')?;
            let experts: f64 = experts.parse().ok()?;
            let size: f64 = size.parse().ok()?;
            (experts > 0.0 && size > 0.0).then_some(experts * size)
        })
}

fn is_local_provider(view: &View, provider: &str) -> bool {
    LOCAL_PROVIDERS.contains(&provider)
        || view
            .get("models.providers")
            .and_then(Value::as_object)
            .and_then(|providers| {
                providers
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(provider))
            })
            .and_then(|(_, settings)| settings.get("baseUrl")?.as_str())
            .is_some_and(is_local_url)
}

/// Whether a URL's host is loopback, private or `.local`.
fn is_local_url(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    }
    .to_ascii_lowercase();
    if host == "localhost" || host.ends_with(".local") || host == "::1" {
        return true;
    }
    let octets: Vec<u8> = host.split('.').filter_map(|p| p.parse().ok()).collect();
    match octets.as_slice() {
        [127 | 10, ..] | [192, 168, ..] => octets.len() == 4,
        [172, second, ..] => octets.len() == 4 && (16..=31).contains(second),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pincer_sdk::prelude::*;
    use serde_json::json;

    #[test]
    fn local_runtimes_experts_and_private_base_urls() {
        let view = Scenario::config(json!({"models": {"providers": {
            "lab": {"baseUrl": "http://192.168.1.20:8000/v1"},
            "cloud": {"baseUrl": "https://api.example.com/v1"}
        }}}))
        .view();
        assert!(small_or_local(&view, "ollama/mistral").is_some());
        assert!(small_or_local(&view, "lab/qwen3-coder").is_some());
        assert!(small_or_local(&view, "cloud/qwen3-coder").is_none());
        assert!(small_or_local(&view, "mistral/mixtral-8x7b").is_some());
        assert!(small_or_local(&view, "ollama/llama3.1:405b").is_none());
        assert!(small_or_local(&view, "openai/gpt-5").is_none());
        assert!(is_local_url("http://[::1]:11434"));
        assert!(is_local_url("http://172.20.0.5"));
        assert!(!is_local_url("http://172.32.0.5"));
    }
}
