//! The plugins bundled with OpenClaw 2026.9.6 and the other names that
//! resolve to them (provider, channel and CLI-backend ids, legacy ids,
//! provider auth aliases), as their manifests declare them: an allowlist
//! entry with one of these names is never a phantom.

/// Every bundled plugin id and alias, lower-case, sorted.
const BUNDLED_NAMES: &[&str] = &[
    "a2a",
    "active-memory",
    "admin-http-rpc",
    "alibaba",
    "anthropic",
    "apple-fm",
    "azure",
    "azure-openai-responses",
    "azure-speech",
    "beam",
    "bonjour",
    "browser",
    "canvas",
    "claude-cli",
    "clawrouter",
    "code-mode-quickjs",
    "copilot-proxy",
    "crabbox",
    "cua-computer",
    "deepgram",
    "device-pair",
    "document-extract",
    "elevenlabs",
    "fal",
    "file-transfer",
    "geolocation",
    "github",
    "github-copilot",
    "google",
    "google-gemini-cli",
    "google-vertex",
    "huggingface",
    "image-generation-core",
    "imap",
    "linux-node",
    "litellm",
    "llm-task",
    "lmstudio",
    "logbook",
    "memory-core",
    "memory-wiki",
    "microsoft",
    "microsoft-foundry",
    "migrate-claude",
    "migrate-hermes",
    "minimax",
    "minimax-cn",
    "minimax-portal",
    "minimax-portal-auth",
    "minimax-portal-cn",
    "nvidia",
    "oc-path",
    "ollama",
    "ollama-cloud",
    "onepassword",
    "openai",
    "opencode-go",
    "openrouter",
    "policy",
    "reef",
    "runway",
    "senseaudio",
    "session-share",
    "sglang",
    "talk-voice",
    "telegram",
    "together",
    "tts-local-cli",
    "vault",
    "vllm",
    "web-readability",
    "webhooks",
    "workboard",
    "x-ai",
    "xai",
];

/// Whether a lower-case name is a bundled plugin or resolves to one.
pub fn is_bundled_name(name: &str) -> bool {
    BUNDLED_NAMES.binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(BUNDLED_NAMES.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(is_bundled_name("claude-cli"));
        assert!(!is_bundled_name("discord"));
    }
}
