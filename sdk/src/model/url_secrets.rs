//! Credentials inside URLs, wherever a URL appears in a text: the userinfo
//! (`scheme://user:password@host`), and the values of query and fragment
//! parameters whose names OpenClaw treats as credentials (`token`,
//! `api_key`, `sig`, `password`, ... — the list is derived from OpenClaw,
//! `data/openclaw-redaction.json`), also when the name is percent-encoded,
//! and any parameter value that decodes to a URL with a credential.

use crate::sensitive::rules;
use std::ops::Range;

/// The byte ranges of `text` that are URL credentials.
pub fn url_credential_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    userinfo_spans(text, &mut spans);
    parameter_spans(text, &mut spans, 0);
    spans
}

/// Where a URL's authority ends.
fn authority_end(byte: u8) -> bool {
    matches!(byte, b'/' | b'\\' | b'?' | b'#') || ends_url(byte)
}

/// Where a URL ends inside a longer text.
fn ends_url(byte: u8) -> bool {
    byte.is_ascii_whitespace() || matches!(byte, b'"' | b'\'' | b'<' | b'>' | b'`')
}

/// The userinfo of every `scheme://` and `//` authority in `text`: what
/// precedes the authority's last `@`. A password holding `/` spills past
/// the authority; as OpenClaw does, `user:pa/ss@host` still counts when a
/// `:` (not a port) precedes the first delimiter.
fn userinfo_spans(text: &str, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find("//") {
        let start = from + found + 2;
        from = start;
        let mut end = start;
        while end < bytes.len() && !authority_end(bytes[end]) {
            end += 1;
        }
        let authority = &bytes[start..end];
        if let Some(at) = authority.iter().rposition(|b| *b == b'@') {
            if at > 0 {
                out.push(start..start + at);
            }
            continue;
        }
        // A spilled password: `user:pa/ss@host`.
        let Some(colon) = authority.iter().position(|b| *b == b':') else {
            continue;
        };
        let port = &authority[colon + 1..];
        if !port.is_empty() && port.iter().all(u8::is_ascii_digit) {
            continue;
        }
        let mut stop = end;
        while stop < bytes.len() && !ends_url(bytes[stop]) {
            stop += 1;
        }
        if let Some(at) = bytes[end..stop].iter().rposition(|b| *b == b'@') {
            out.push(start..end + at);
        }
    }
}

/// The values of credential parameters (`?token=...`, `&sig=...`,
/// `#access_token=...`), and of parameters whose value, percent-decoded,
/// holds a URL credential.
fn parameter_spans(text: &str, out: &mut Vec<Range<usize>>, depth: usize) {
    let bytes = text.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        if !matches!(byte, b'?' | b'&' | b'#' | b';') {
            continue;
        }
        let name_start = index + 1;
        let mut name_end = name_start;
        while name_end < bytes.len()
            && !matches!(bytes[name_end], b'=' | b'&' | b'#' | b'?')
            && !ends_url(bytes[name_end])
        {
            name_end += 1;
        }
        if name_end >= bytes.len() || bytes[name_end] != b'=' || name_end == name_start {
            continue;
        }
        let value_start = name_end + 1;
        let mut value_end = value_start;
        while value_end < bytes.len()
            && !matches!(bytes[value_end], b'&' | b'#')
            && !ends_url(bytes[value_end])
        {
            value_end += 1;
        }
        if value_end == value_start {
            continue;
        }
        let name = &text[name_start..name_end];
        let value = &text[value_start..value_end];
        if is_credential_parameter(name) || hides_a_credential(value, depth) {
            out.push(value_start..value_end);
        }
    }
}

/// Whether a parameter name is one OpenClaw treats as a credential, after
/// percent-decoding (a name that does not decode cleanly counts).
pub fn is_credential_parameter(name: &str) -> bool {
    let Some(decoded) = percent_decode_fully(name) else {
        return true;
    };
    let normalized: String = decoded
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '+')
        .flat_map(char::to_lowercase)
        .map(|c| if c == '-' { '_' } else { c })
        .collect();
    let rules = rules();
    rules.url_query_params.contains(&normalized)
        || rules
            .url_token_param
            .as_ref()
            .is_some_and(|re| re.is_match(&normalized))
}

/// Whether a parameter value, percent-decoded, holds a URL credential.
fn hides_a_credential(value: &str, depth: usize) -> bool {
    if depth > 4 || !value.contains('%') {
        return false;
    }
    let Some(decoded) = percent_decode_fully(value) else {
        return false;
    };
    if decoded == value {
        return false;
    }
    let mut inner = Vec::new();
    userinfo_spans(&decoded, &mut inner);
    parameter_spans(&decoded, &mut inner, depth + 1);
    !inner.is_empty() || !crate::credentials::credential_spans(&decoded).is_empty()
}

/// `text` percent-decoded until it no longer changes (at most 8 rounds);
/// `None` when a round is not valid UTF-8 or an escape stays unresolved.
fn percent_decode_fully(text: &str) -> Option<String> {
    let mut current = text.to_owned();
    for _ in 0..8 {
        let next = percent_decode(&current)?;
        if next == current {
            return Some(next);
        }
        current = next;
    }
    (!current.contains('%')).then_some(current)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = bytes.get(index + 1..index + 3)?;
            let value = std::str::from_utf8(hex)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())?;
            out.push(value);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden(text: &str) -> Vec<&str> {
        url_credential_spans(text)
            .into_iter()
            .map(|s| &text[s])
            .collect()
    }

    #[test]
    fn userinfo_is_found_anywhere() {
        assert_eq!(
            hidden("https://alice:s3cret@example.com/x"),
            vec!["alice:s3cret"]
        );
        assert_eq!(
            hidden("see git+https://tok@github.com/a/b.git now"),
            vec!["tok"]
        );
        assert_eq!(hidden("wss://u:pa/ss@gw.example/ws"), vec!["u:pa/ss"]);
        assert_eq!(hidden("http://127.0.0.1:18789/v1"), Vec::<&str>::new());
        assert_eq!(hidden("mail me at a@b.example"), Vec::<&str>::new());
    }

    #[test]
    fn credential_parameters_are_found_by_name() {
        assert_eq!(hidden("https://h.example/?token=abc&x=1"), vec!["abc"]);
        assert_eq!(
            hidden("https://h.example/p?X-Amz-Signature=ff00&a=b"),
            vec!["ff00"]
        );
        assert_eq!(hidden("https://h.example/cb#access_token=zzz"), vec!["zzz"]);
        assert_eq!(hidden("https://h.example/?api%5Fkey=v1"), vec!["v1"]);
        assert_eq!(
            hidden("https://h.example/?session_token_0123456789abcdef=v"),
            vec!["v"]
        );
        assert_eq!(
            hidden("https://h.example/?page=2&sort=asc"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn an_encoded_nested_url_with_a_credential_is_found() {
        let text = "https://h.example/?next=https%3A%2F%2Fu%3Apw%40inner.example%2F";
        assert_eq!(
            hidden(text),
            vec!["https%3A%2F%2Fu%3Apw%40inner.example%2F"]
        );
    }
}
