//! The credential detector: finds text that looks like a credential,
//! wherever it appears. Its rules are data in gitleaks' format —
//! gitleaks' own ruleset (`data/gitleaks.toml`, MIT, vendored unchanged)
//! and Pincer's looser prefixes (`data/pincer-rules.toml`) — plus a
//! high-entropy token rule. As gitleaks does, a rule runs only on text
//! holding one of its keywords (one Aho-Corasick pass finds them all), and
//! each rule's expression is compiled the first time it is needed, once
//! per process.

use aho_corasick::AhoCorasick;
use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

/// gitleaks' default ruleset, as published (see `data/README.md`).
const GITLEAKS_RULES: &str = include_str!("../../data/gitleaks.toml");
/// Pincer's own rules, in the same format.
const PINCER_RULES: &str = include_str!("../../data/pincer-rules.toml");

/// A ruleset file: the rules and the global allowlist.
#[derive(Debug, Deserialize, Default)]
struct RuleFile {
    #[serde(default)]
    allowlist: Option<AllowSpec>,
    #[serde(default)]
    rules: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuleSpec {
    id: String,
    regex: Option<String>,
    #[serde(default)]
    secret_group: usize,
    #[serde(default)]
    entropy: f64,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    allowlists: Vec<AllowSpec>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct AllowSpec {
    #[serde(default)]
    condition: Option<String>,
    #[serde(default)]
    regex_target: Option<String>,
    #[serde(default)]
    regexes: Vec<String>,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    commits: Vec<String>,
}

/// What an allowlist's expressions are matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Secret,
    Match,
    Line,
}

/// One allowlist, compiled. Path and commit conditions never hold here (the
/// text has no file or commit), so a list that needs them (`AND`) never
/// allows, and one that offers them besides others (`OR`) allows by the rest.
#[derive(Debug)]
struct Allow {
    all: bool,
    needs_file: bool,
    target: Target,
    regexes: Vec<Regex>,
    stopwords: Vec<String>,
}

impl Allow {
    fn compile(spec: &AllowSpec) -> Allow {
        Allow {
            all: spec
                .condition
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case("and")),
            needs_file: !spec.paths.is_empty() || !spec.commits.is_empty(),
            target: match spec.regex_target.as_deref() {
                Some("match") => Target::Match,
                Some("line") => Target::Line,
                _ => Target::Secret,
            },
            // An allowlist expression that does not compile allows nothing.
            regexes: spec.regexes.iter().filter_map(|r| compile(r)).collect(),
            stopwords: spec
                .stopwords
                .iter()
                .map(|w| w.to_ascii_lowercase())
                .collect(),
        }
    }

    /// Whether this list lets the finding `secret` (within `matched`, on
    /// `line`) through as no credential.
    fn allows(&self, secret: &[u8], matched: &[u8], line: &[u8]) -> bool {
        let target = match self.target {
            Target::Secret => secret,
            Target::Match => matched,
            Target::Line => line,
        };
        let regex =
            (!self.regexes.is_empty()).then(|| self.regexes.iter().any(|r| r.is_match(target)));
        let stopword = (!self.stopwords.is_empty()).then(|| {
            let lower = secret.to_ascii_lowercase();
            self.stopwords
                .iter()
                .any(|word| memfind(&lower, word.as_bytes()))
        });
        let checks = [regex, stopword];
        if self.all {
            !self.needs_file
                && checks.iter().flatten().all(|held| *held)
                && checks.iter().any(Option::is_some)
        } else {
            checks.iter().flatten().any(|held| *held)
        }
    }
}

fn memfind(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|window| window == needle)
}

/// One rule: its expression (compiled on first use) and what filters its
/// matches.
#[derive(Debug)]
struct Rule {
    id: String,
    source: String,
    compiled: OnceLock<Option<Regex>>,
    secret_group: usize,
    entropy: f64,
    allowlists: Vec<AllowSpec>,
    compiled_allowlists: OnceLock<Vec<Allow>>,
}

impl Rule {
    fn regex(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| compile(&self.source)).as_ref()
    }

    fn allowlists(&self) -> &[Allow] {
        self.compiled_allowlists
            .get_or_init(|| self.allowlists.iter().map(Allow::compile).collect())
    }
}

/// Compiles an expression of Go's RE2 dialect as RE2 reads it: `\w`, `\d`,
/// `\s` and `\b` are ASCII, and the text is bytes.
fn compile(source: &str) -> Option<Regex> {
    RegexBuilder::new(source)
        .unicode(false)
        .size_limit(1 << 24)
        .build()
        .ok()
}

/// Every rule, the keyword automaton and the global allowlist.
#[derive(Debug)]
struct Detector {
    rules: Vec<Rule>,
    /// The rules with no keyword: they run on every text.
    always: Vec<usize>,
    keywords: Option<AhoCorasick>,
    /// For each keyword (by automaton pattern id), the rules it enables.
    keyword_rules: Vec<Vec<usize>>,
    global: Vec<Allow>,
}

fn parse_rules(text: &str) -> RuleFile {
    // The rulesets are part of this crate; a unit test proves both parse.
    toml::from_str(text).unwrap_or_default()
}

impl Detector {
    fn load() -> Detector {
        let gitleaks = parse_rules(GITLEAKS_RULES);
        let pincer = parse_rules(PINCER_RULES);
        let global = gitleaks
            .allowlist
            .iter()
            .map(Allow::compile)
            .collect::<Vec<_>>();
        let mut rules = Vec::new();
        let mut keyword_ids: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for spec in gitleaks.rules.into_iter().chain(pincer.rules) {
            // A rule without an expression matches file paths only.
            let Some(source) = spec.regex else { continue };
            let index = rules.len();
            if spec.keywords.is_empty() {
                always.push(index);
            }
            for keyword in &spec.keywords {
                let keyword = keyword.to_ascii_lowercase();
                if let Some(at) = keyword_ids.iter().position(|k| *k == keyword) {
                    keyword_rules[at].push(index);
                } else {
                    keyword_ids.push(keyword);
                    keyword_rules.push(vec![index]);
                }
            }
            rules.push(Rule {
                id: spec.id,
                source,
                compiled: OnceLock::new(),
                secret_group: spec.secret_group,
                entropy: spec.entropy,
                allowlists: spec.allowlists,
                compiled_allowlists: OnceLock::new(),
            });
        }
        let keywords = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&keyword_ids)
            .ok();
        Detector {
            rules,
            always,
            keywords,
            keyword_rules,
            global,
        }
    }

    /// The rules whose keywords occur in `text`, and those without any.
    fn candidates(&self, text: &[u8]) -> BTreeSet<usize> {
        let mut chosen: BTreeSet<usize> = self.always.iter().copied().collect();
        if let Some(keywords) = &self.keywords {
            for hit in keywords.find_overlapping_iter(text) {
                chosen.extend(&self.keyword_rules[hit.pattern().as_usize()]);
            }
        }
        chosen
    }

    fn spans(&self, text: &[u8], out: &mut Vec<Range<usize>>) {
        for index in self.candidates(text) {
            let rule = &self.rules[index];
            let Some(regex) = rule.regex() else { continue };
            for captures in regex.captures_iter(text) {
                let Some(whole) = captures.get(0) else {
                    continue;
                };
                let secret = if rule.secret_group > 0 {
                    captures.get(rule.secret_group)
                } else {
                    captures.iter().skip(1).flatten().find(|m| !m.is_empty())
                }
                .unwrap_or(whole);
                let bytes = secret.as_bytes();
                if rule.entropy > 0.0 && shannon_entropy(bytes) <= rule.entropy {
                    continue;
                }
                let line = line_around(text, whole.range());
                let allowed = self
                    .global
                    .iter()
                    .chain(rule.allowlists())
                    .any(|allow| allow.allows(bytes, whole.as_bytes(), line));
                if !allowed && !secret.is_empty() {
                    out.push(secret.range());
                }
            }
        }
    }
}

/// The line of `text` that holds `range`.
fn line_around(text: &[u8], range: Range<usize>) -> &[u8] {
    let start = text[..range.start]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |at| at + 1);
    let end = text[range.end..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(text.len(), |at| range.end + at);
    &text[start..end]
}

fn detector() -> &'static Detector {
    static DETECTOR: OnceLock<Detector> = OnceLock::new();
    DETECTOR.get_or_init(Detector::load)
}

/// Shannon entropy of `bytes`, in bits per byte.
pub fn shannon_entropy(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for byte in bytes {
        counts[usize::from(*byte)] += 1;
    }
    let total = f64::from(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
    counts
        .iter()
        .filter(|count| **count > 0)
        .map(|count| {
            let p = f64::from(*count) / total;
            -p * p.log2()
        })
        .sum()
}

/// Bytes a high-entropy token is made of: base64 (standard and URL-safe).
fn token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'/' | b'=' | b'_' | b'-')
}

/// The high-entropy token rules, over each run of base64 characters:
/// - mixed case and digits, at least 20 long, Shannon entropy of 3.7 bits
///   per character (4.0 from 32 on);
/// - lower case and digits, at least 32 long, 4.2 bits (random base36);
/// - hexadecimal with letters and digits, at least 32 long, 3.0 bits: the
///   `openssl rand -hex` token OpenClaw itself generates. A digest named as
///   one (`sha256:…`, a `#` or `@` pin) is left alone.
///
/// Random keys score far above these; words, identifiers, versions, paths
/// and UUIDs score below or lack a class.
fn entropy_spans(text: &[u8], out: &mut Vec<Range<usize>>) {
    let mut at = 0;
    while at < text.len() {
        if !token_byte(text[at]) {
            at += 1;
            continue;
        }
        let start = at;
        while at < text.len() && token_byte(text[at]) {
            at += 1;
        }
        let token = &text[start..at];
        let hex = || random_hex(token) && !names_a_digest(&text[..start]);
        if looks_random(token) || looks_random_lower(token) || hex() {
            out.push(start..at);
        }
    }
}

/// Whether `token` is a random-looking hexadecimal string.
fn random_hex(token: &[u8]) -> bool {
    token.len() >= 32
        && token.iter().all(u8::is_ascii_hexdigit)
        && token.iter().any(u8::is_ascii_alphabetic)
        && token.iter().any(u8::is_ascii_digit)
        && shannon_entropy(token) >= 3.0
}

/// Whether the text before a hexadecimal run names it a digest or a pin:
/// `sha1:`, `sha256:`, `sha512-`, `md5:`, `#`, `@`.
fn names_a_digest(before: &[u8]) -> bool {
    let Some((&last, rest)) = before.split_last() else {
        return false;
    };
    if matches!(last, b'#' | b'@') {
        return true;
    }
    if !matches!(last, b':' | b'-' | b'=') {
        return false;
    }
    let length = rest
        .iter()
        .rev()
        .take_while(|byte| byte.is_ascii_alphanumeric())
        .count();
    let name = rest[rest.len() - length..].to_ascii_lowercase();
    name.starts_with(b"sha") || name.starts_with(b"blake") || name == b"md5"
}

/// Whether every part of `token` (split at `/`, `-`, `_`, `+`, `=`) is
/// letters with at most trailing digits: a path, a name or a version,
/// which random keys (digits throughout) almost never are.
fn words_only(token: &[u8]) -> bool {
    token
        .split(|b| matches!(b, b'/' | b'-' | b'_' | b'+' | b'='))
        .all(|part| {
            let letters = part.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            part[letters..].iter().all(u8::is_ascii_digit)
        })
}

fn looks_random(token: &[u8]) -> bool {
    if token.len() < 20 {
        return false;
    }
    let lower = token.iter().any(u8::is_ascii_lowercase);
    let upper = token.iter().any(u8::is_ascii_uppercase);
    let digit = token.iter().any(u8::is_ascii_digit);
    let threshold = if token.len() >= 32 { 4.0 } else { 3.7 };
    lower && upper && digit && !words_only(token) && shannon_entropy(token) >= threshold
}

fn looks_random_lower(token: &[u8]) -> bool {
    token.len() >= 32
        && token.iter().any(u8::is_ascii_lowercase)
        && token.iter().any(u8::is_ascii_digit)
        && !token.iter().any(u8::is_ascii_uppercase)
        && !words_only(token)
        && shannon_entropy(token) >= 4.2
}

/// The byte ranges of `text` that look like credentials, sorted and merged.
pub fn credential_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    detector().spans(bytes, &mut spans);
    entropy_spans(bytes, &mut spans);
    merge(spans, text)
}

/// [`credential_spans`] by the rules alone, without the entropy rules.
pub fn credential_spans_by_rule(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    detector().spans(text.as_bytes(), &mut spans);
    merge(spans, text)
}

/// Sorts and merges overlapping ranges, widened to character boundaries.
pub(crate) fn merge(mut spans: Vec<Range<usize>>, text: &str) -> Vec<Range<usize>> {
    for span in &mut spans {
        while span.start > 0 && !text.is_char_boundary(span.start) {
            span.start -= 1;
        }
        while span.end < text.len() && !text.is_char_boundary(span.end) {
            span.end += 1;
        }
    }
    spans.sort_by_key(|span| (span.start, span.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// The ids of the vendored rules whose expression the `regex` crate cannot
/// compile (they are skipped); documented in `data/README.md`.
pub fn dropped_rules() -> Vec<String> {
    detector()
        .rules
        .iter()
        .filter(|rule| rule.regex().is_none())
        .map(|rule| rule.id.clone())
        .collect()
}

/// How many rules the detector has (compiled or not).
pub fn rule_count() -> usize {
    detector().rules.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        credential_spans(text)
            .into_iter()
            .map(|span| &text[span])
            .collect()
    }

    #[test]
    fn both_rulesets_parse_and_every_rule_compiles() {
        assert!(
            !parse_rules(GITLEAKS_RULES).rules.is_empty(),
            "gitleaks.toml"
        );
        assert!(
            !parse_rules(PINCER_RULES).rules.is_empty(),
            "pincer-rules.toml"
        );
        assert!(rule_count() > 200);
        assert_eq!(
            dropped_rules(),
            Vec::<String>::new(),
            "update data/README.md"
        );
    }

    #[test]
    fn known_formats_are_found_in_free_text() {
        let hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";
        for secret in [
            format!("sk-ant-api03-{hex}"),
            format!("sk-proj-{hex}"),
            format!("sk-{hex}"),
            "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R".to_owned(),
            format!("github_pat_11AB{hex}"),
            format!("xoxb-1234567890-{hex}"),
            "xoxp-2211-A1b2C3".to_owned() + hex,
            "AKIAQWERTYUIOP234567".to_owned(),
            "ASIAZXCVBNMASDFGHJKL".to_owned(),
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZw".to_owned(),
            "Qm9vT2x1Y2t5N2Q4ZjNhMkJ4WnE5".to_owned(),
        ] {
            let text = format!("Use {secret} when calling the API.");
            let hits = found(&text);
            assert!(
                hits.iter()
                    .any(|hit| hit.contains(&secret[secret.len() - 8..])),
                "{secret}: {hits:?}"
            );
            assert!(!hits.iter().any(|hit| hit.contains("calling")), "{hits:?}");
        }
    }

    #[test]
    fn random_hex_and_lowercase_tokens_are_found_but_digests_named_as_such_are_not() {
        let hex = "3f9a7c2e41b86d05e9f1a4c7b2d8e06f13a5c9b7e2d4f680";
        let base36 = "k3j9x2m7q4w8z1p6r5t0v3n8b2c7d4f9g1h6y5";
        for secret in [hex, base36] {
            let text = format!("Use {secret} when calling the API.");
            assert_eq!(found(&text), vec![secret], "{text}");
        }
        for digest in [
            format!("image@sha256:{hex}0123456789abcdef"),
            format!("sha512-{hex}"),
            format!("github:acme/tool#{}", &hex[..40]),
            "550e8400-e29b-41d4-a716-446655440000".to_owned(),
            "deadbeefdeadbeefdeadbeefdeadbeef".to_owned(),
        ] {
            assert!(found(&digest).is_empty(), "{digest}: {:?}", found(&digest));
        }
    }

    #[test]
    fn a_pem_block_is_found_whole() {
        let text = "key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nabc\n-----END PRIVATE KEY-----\nafter";
        let hits = found(text);
        assert!(
            hits.iter()
                .any(|hit| hit.contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")),
            "{hits:?}"
        );
        assert!(!hits.iter().any(|hit| hit.contains("after")), "{hits:?}");
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in [
            "You are a helpful assistant. Keep answers short.",
            "anthropic/claude-opus-4-1-20250805",
            "/home/alice/.openclaw/workspace/skills/NoteTaking2024",
            "${HOME}/.ssh:/home/sandbox/.ssh:ro",
            "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b4c3d2e1f0a9b8c7d6e5f4a3b",
            "gateway.auth.mode is token",
            "http://127.0.0.1:18789/v1",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn entropy_is_measured_in_bits_per_byte() {
        assert!((shannon_entropy(b"aaaa") - 0.0).abs() < 1e-9);
        assert!((shannon_entropy(b"abcd") - 2.0).abs() < 1e-9);
    }
}
