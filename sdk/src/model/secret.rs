//! Secret markers: what a check may know about a secret without its value.
//!
//! The host replaces every secret in the view with a marker; plugins, reports
//! and logs only ever see markers. In JSON a marker is the object
//! `{ "$secret": { source, set, length, placeholder, classes, reference } }`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The key under which a marker's facts sit in the config JSON.
pub const MARKER_KEY: &str = "$secret";

/// Where a secret's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum SecretSource {
    /// The key or variable is absent.
    Absent,
    /// Written literally in the config.
    Inline,
    /// An environment variable.
    Env,
    /// A file secret reference.
    File,
    /// An exec secret reference (never run).
    Exec,
}

/// A character class present in a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum CharClass {
    /// a-z
    Lower,
    /// A-Z
    Upper,
    /// 0-9
    Digit,
    /// Other printable ASCII.
    Symbol,
    /// Space, tab, line break.
    Whitespace,
    /// Outside ASCII.
    NonAscii,
}

/// What can be known about a secret without its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SecretMarker {
    /// Where the value comes from.
    pub source: SecretSource,
    /// Whether a non-empty value is available.
    pub set: bool,
    /// Length of the trimmed value in UTF-16 code units, as OpenClaw (a
    /// JavaScript program) measures it: an emoji outside the BMP counts 2.
    /// 0 when not set.
    pub length: u32,
    /// The kind of placeholder the value is, if any (see [`placeholder_kind`]).
    pub placeholder: Option<String>,
    /// Character classes in the value, in a fixed order.
    pub classes: Vec<CharClass>,
    /// Variable name, file path or provider referred to; never the value.
    pub reference: Option<String>,
    /// Whether the config names it through a secret reference object.
    #[serde(rename = "secretRef", default)]
    pub secret_ref: bool,
}

/// Values published in examples and onboarding docs, which people copy
/// without replacing. Compared exactly after trimming.
const EXAMPLE_VALUES: &[&str] = &[
    "change-me-to-a-long-random-token",
    "change-me-now",
    "change-me-to-a-strong-password",
    "changeme",
    "change-me",
    "your-token-here",
    "your-password-here",
    "replace-me",
];

/// Trims as JavaScript's `String.prototype.trim` does, which is what
/// OpenClaw applies to secrets: Unicode White_Space except U+0085, plus the
/// byte-order mark U+FEFF (which `str::trim` keeps).
pub fn js_trim(value: &str) -> &str {
    value.trim_matches(|c: char| (c.is_whitespace() && c != '\u{85}') || c == '\u{FEFF}')
}

/// Whether `text` still holds a `${NAME}` reference (upper-case name).
pub fn contains_env_reference(text: &str) -> bool {
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        if let Some(end) = after.find('}') {
            let name = &after[..end];
            let valid = name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase() || c == '_')
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if valid {
                return true;
            }
        }
        rest = after;
    }
    false
}

/// The placeholder kind of a value, if it is one: `blank`, `undefined`,
/// `null` (exact words), `unresolved` (a `${VAR}` left as is) or `example`.
pub fn placeholder_kind(value: &str) -> Option<String> {
    let trimmed = js_trim(value);
    let kind = if trimmed.is_empty() {
        "blank"
    } else if trimmed == "undefined" || trimmed == "null" {
        trimmed
    } else if contains_env_reference(trimmed) {
        "unresolved"
    } else if EXAMPLE_VALUES.contains(&trimmed) {
        "example"
    } else {
        return None;
    };
    Some(kind.to_owned())
}

fn classes_of(value: &str) -> Vec<CharClass> {
    let mut classes = Vec::new();
    let mut add = |class| {
        if !classes.contains(&class) {
            classes.push(class);
        }
    };
    for ch in value.chars() {
        add(match ch {
            'a'..='z' => CharClass::Lower,
            'A'..='Z' => CharClass::Upper,
            '0'..='9' => CharClass::Digit,
            c if c.is_whitespace() => CharClass::Whitespace,
            c if c.is_ascii() => CharClass::Symbol,
            _ => CharClass::NonAscii,
        });
    }
    classes.sort();
    classes
}

impl SecretMarker {
    /// The marker of a value the gateway would use, from `source`.
    pub fn describe(value: &str, source: SecretSource, reference: Option<String>) -> Self {
        let trimmed = js_trim(value);
        let length = u32::try_from(trimmed.encode_utf16().count()).unwrap_or(u32::MAX);
        SecretMarker {
            source,
            set: !trimmed.is_empty(),
            length,
            placeholder: placeholder_kind(value),
            classes: classes_of(trimmed),
            reference,
            secret_ref: false,
        }
    }

    /// The marker of a secret whose value is not available (absent key, unset
    /// variable, unreadable file, exec reference).
    pub fn unavailable(source: SecretSource, reference: Option<String>) -> Self {
        SecretMarker {
            source,
            set: false,
            length: 0,
            placeholder: None,
            classes: Vec::new(),
            reference,
            secret_ref: false,
        }
    }

    /// Whether the value is usable: set and not a placeholder.
    pub fn is_usable(&self) -> bool {
        self.set && self.placeholder.is_none()
    }

    /// The JSON form used inside the config view.
    pub fn to_json(&self) -> Value {
        let facts = serde_json::to_value(self).unwrap_or(Value::Null);
        let mut object = serde_json::Map::new();
        object.insert(MARKER_KEY.to_owned(), facts);
        Value::Object(object)
    }

    /// Parses the JSON form, if `value` is a marker.
    pub fn from_json(value: &Value) -> Option<Self> {
        let facts = value.as_object()?.get(MARKER_KEY)?;
        serde_json::from_value(facts.clone()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_without_keeping_the_value() {
        let marker = SecretMarker::describe(" Abc-123 x\n", SecretSource::Inline, None);
        assert_eq!(marker.length, 9, "length of the trimmed value");
        assert!(marker.set);
        assert_eq!(
            marker.classes,
            vec![
                CharClass::Lower,
                CharClass::Upper,
                CharClass::Digit,
                CharClass::Symbol,
                CharClass::Whitespace
            ]
        );
        let json = marker.to_json().to_string();
        assert!(!json.contains("Abc-123"), "{json}");
        assert_eq!(SecretMarker::from_json(&marker.to_json()), Some(marker));
    }

    #[test]
    fn recognises_placeholders() {
        assert_eq!(placeholder_kind("  "), Some("blank".into()));
        assert_eq!(placeholder_kind(" undefined "), Some("undefined".into()));
        assert_eq!(placeholder_kind("null"), Some("null".into()));
        assert_eq!(
            placeholder_kind("NULL"),
            None,
            "the gateway compares case-sensitively"
        );
        assert_eq!(
            placeholder_kind("${OPENCLAW_TOKEN}"),
            Some("unresolved".into())
        );
        assert_eq!(placeholder_kind("a${lower}b"), None);
        assert_eq!(placeholder_kind("change-me-now"), Some("example".into()));
        assert_eq!(placeholder_kind("9f86d081884c7d659a2feaa0c55ad015"), None);
    }

    #[test]
    fn trims_and_measures_as_javascript_does() {
        assert_eq!(js_trim("\u{FEFF}null\u{A0}"), "null");
        assert_eq!(js_trim("\u{85}x"), "\u{85}x", "NEL is not JS whitespace");
        assert_eq!(placeholder_kind("\u{FEFF}null"), Some("null".into()));
        let emoji = SecretMarker::describe(&"\u{1F511}".repeat(12), SecretSource::Inline, None);
        assert_eq!(emoji.length, 24, "astral characters count two code units");
    }

    #[test]
    fn length_and_set_describe_the_trimmed_value() {
        let marker = SecretMarker::describe("  abc \n", SecretSource::Inline, None);
        assert_eq!((marker.set, marker.length), (true, 3));
        let blank = SecretMarker::describe(" \t ", SecretSource::Inline, None);
        assert_eq!(
            (blank.set, blank.length, blank.placeholder.as_deref()),
            (false, 0, Some("blank"))
        );
    }
}
