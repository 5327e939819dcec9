//! How the reference ranks a model id: legacy families, weak tiers, and the
//! parameter count written in its name. The patterns are ASCII and
//! case-insensitive, with `\b` as in JavaScript.

use regex::bytes::Regex;
use std::sync::OnceLock;

/// The largest parameter count (billions) still counted as small.
pub const SMALL_PARAMS_MAX_B: f64 = 300.0;

fn compile(pattern: &str) -> Regex {
    // The patterns are constants of this file, proven by its tests.
    Regex::new(pattern).expect("a constant pattern compiles")
}

struct Patterns {
    legacy: Vec<(&'static str, Regex)>,
    haiku: Regex,
    gpt: Regex,
    gpt5: Regex,
    claude: Regex,
    claude_45: Regex,
    size: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        legacy: vec![
            ("GPT-3.5", compile(r"(?i-u)\bgpt-3\.5\b")),
            ("Claude 2 / Claude Instant", compile(r"(?i-u)\bclaude-(instant|2)\b")),
            ("GPT-4 snapshot", compile(r"(?i-u)\bgpt-4-(0314|0613)\b")),
        ],
        haiku: compile(r"(?i-u)\bhaiku\b"),
        gpt: compile(r"(?i-u)\bgpt-"),
        gpt5: compile(r"(?i-u)\bgpt-5(?:\b|[.-])"),
        claude: compile(r"(?i-u)\bclaude-"),
        claude_45: compile(
            r"(?i-u)\bclaude-[^\s/]*?(?:-4-?(?:[5-9]|[1-9][0-9])\b|4\.(?:[5-9]|[1-9][0-9])\b|-[5-9](?:\b|[.-]))",
        ),
        size: compile(r"(?-u)(?:^|[^a-z0-9])[a-z]?([0-9]+(?:\.[0-9]+)?)b"),
    })
}

/// The legacy family of an id, if it is one.
pub fn legacy_family(id: &str) -> Option<&'static str> {
    patterns()
        .legacy
        .iter()
        .find(|(_, pattern)| pattern.is_match(id.as_bytes()))
        .map(|(family, _)| *family)
}

/// Why an id is a weak tier; empty when it is not.
pub fn weak_reasons(id: &str) -> Vec<&'static str> {
    let p = patterns();
    let id = id.as_bytes();
    let mut reasons = Vec::new();
    if p.haiku.is_match(id) {
        reasons.push("Haiku tier");
    }
    if p.gpt.is_match(id) && !p.gpt5.is_match(id) {
        reasons.push("older than GPT-5");
    }
    if p.claude.is_match(id) && !p.claude_45.is_match(id) {
        reasons.push("older than Claude 4.5");
    }
    reasons
}

/// The largest parameter count (in billions) written in an id as
/// `<separator>[letter]<number>b<separator or end>`: `llama3.1:8b` is 8,
/// `gemma-3n-e2b` is 2, `qwen3-30b-a3b` is 30; `mixtral-8x7b` has none.
pub fn params_b(id: &str) -> Option<f64> {
    let text = id.to_ascii_lowercase();
    let bytes = text.as_bytes();
    let mut best: Option<f64> = None;
    let mut from = 0;
    while from <= bytes.len() {
        let Some(found) = patterns().size.captures_at(bytes, from) else {
            break;
        };
        let (Some(whole), Some(number)) = (found.get(0), found.get(1)) else {
            break;
        };
        let followed_by_separator = bytes
            .get(whole.end())
            .is_none_or(|next| !next.is_ascii_alphanumeric());
        if !followed_by_separator {
            from = whole.start() + 1;
            continue;
        }
        let value = std::str::from_utf8(number.as_bytes())
            .ok()
            .and_then(|n| n.parse::<f64>().ok())
            .filter(|v| v.is_finite() && *v > 0.0);
        if let Some(value) = value {
            best = Some(best.map_or(value, |b| b.max(value)));
        }
        from = whole.end().max(whole.start() + 1);
    }
    best
}

/// Whether the reference counts the id as a small model.
pub fn is_small(id: &str) -> bool {
    params_b(id).is_some_and(|b| b <= SMALL_PARAMS_MAX_B)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_families() {
        assert_eq!(legacy_family("openai/gpt-3.5-turbo"), Some("GPT-3.5"));
        assert_eq!(legacy_family("openai/gpt-35-turbo"), None);
        assert_eq!(
            legacy_family("anthropic/claude-2.1"),
            Some("Claude 2 / Claude Instant")
        );
        assert_eq!(
            legacy_family("anthropic/claude-instant-1.2"),
            Some("Claude 2 / Claude Instant")
        );
        assert_eq!(legacy_family("openai/GPT-4-0613"), Some("GPT-4 snapshot"));
        assert_eq!(legacy_family("openai/gpt-4-32k-0613"), None);
    }

    #[test]
    fn weak_tiers_follow_the_reference_including_its_quirks() {
        assert_eq!(weak_reasons("openai/gpt-5.2"), Vec::<&str>::new());
        assert_eq!(weak_reasons("openai/gpt-5-mini"), Vec::<&str>::new());
        assert_eq!(weak_reasons("openai/gpt-4o"), vec!["older than GPT-5"]);
        assert_eq!(weak_reasons("openai/gpt-6"), vec!["older than GPT-5"]);
        assert_eq!(weak_reasons("openai/chatgpt-4o-latest"), Vec::<&str>::new());
        assert_eq!(
            weak_reasons("anthropic/claude-opus-4-5"),
            Vec::<&str>::new()
        );
        assert_eq!(
            weak_reasons("anthropic/claude-opus-4-10"),
            Vec::<&str>::new()
        );
        assert_eq!(
            weak_reasons("anthropic/claude-sonnet-4-20250514"),
            vec!["older than Claude 4.5"]
        );
        assert_eq!(
            weak_reasons("anthropic/claude-3-5-sonnet-latest"),
            Vec::<&str>::new()
        );
        assert_eq!(
            weak_reasons("anthropic/claude-3-haiku-20240307"),
            vec!["Haiku tier", "older than Claude 4.5"]
        );
        assert_eq!(
            weak_reasons("anthropic/claude-haiku-4-5"),
            vec!["Haiku tier"]
        );
    }

    #[test]
    fn parameter_counts() {
        assert_eq!(params_b("ollama/llama3.1:8b"), Some(8.0));
        assert_eq!(params_b("ollama/phi3:3.8b"), Some(3.8));
        assert_eq!(params_b("google/gemma-3n-e2b"), Some(2.0));
        assert_eq!(params_b("ollama/qwen3-30b-a3b"), Some(30.0));
        assert_eq!(params_b("x/7b-8b"), Some(8.0));
        assert_eq!(params_b("ollama/mixtral-8x7b"), None);
        assert_eq!(params_b("ollama/mistral7b"), None);
        assert_eq!(params_b("x/model-7bit"), None);
        assert!(is_small("meta/llama-3-300b"));
        assert!(!is_small("meta/llama-3.1-405b"));
    }
}
