//! Error text without values: a parser's message (serde, serde_json, TOML,
//! JSON5, a custom deserializer) can quote the value it refused, and that
//! value may be a secret, so every quoted part of it is replaced by `…`;
//! only what names the schema stays (a field or key name, and what follows
//! `expected`, which the program wrote). Errors name files, lines, keys and
//! types, never values.

/// What replaces a quoted value.
const ELIDED: &str = "…";

/// `message` with every quoted value (`` `…` `` or `"…"`) elided, except a
/// field or key name and the schema's own words after `expected`. An
/// unclosed quote elides the rest.
pub(crate) fn without_values(message: &str) -> String {
    // serde's messages end their value part at `, expected`; what follows
    // is the program's description of what it wanted.
    let (values, schema) = match message.find(", expected") {
        Some(at) => message.split_at(at),
        None => (message, ""),
    };
    let mut out = String::with_capacity(message.len());
    let mut rest = values;
    while let Some(open) = rest.find(['`', '"', '\'']) {
        let (before, quoted) = rest.split_at(open);
        out.push_str(before);
        let quote = quoted.chars().next().unwrap_or('"');
        let body = &quoted[quote.len_utf8()..];
        let Some(close) = closing(body, quote) else {
            out.push_str(ELIDED);
            rest = "";
            break;
        };
        let inner = &body[..close];
        if names_a_key(&out) && quote == '`' && is_key_like(inner) {
            out.push('`');
            out.push_str(inner);
            out.push('`');
        } else {
            out.push_str(ELIDED);
        }
        rest = &body[close + quote.len_utf8()..];
    }
    out.push_str(rest);
    out.push_str(schema);
    out
}

/// The byte offset of the quote closing `body`, past backslash escapes.
fn closing(body: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (at, c) in body.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            c if c == quote && !escaped => return Some(at),
            _ => escaped = false,
        }
    }
    None
}

/// Whether the text so far ends by introducing a key's name (`unknown
/// field `, `missing field `, `duplicate key `...).
fn names_a_key(before: &str) -> bool {
    let before = before.trim_end();
    before.ends_with("field") || before.ends_with("key")
}

/// A key name as configs write them: short, no spaces.
fn is_key_like(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '$'))
        && !pincer_sdk::redact::holds_credential(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_are_elided_and_key_names_kept() {
        let planted = "9f86d081884c7d659a2feaa0c55ad015";
        for (message, wanted) in [
            (
                format!("invalid type: string \"{planted}\", expected u64"),
                "invalid type: string …, expected u64".to_owned(),
            ),
            (
                format!("`{planted}` is not a size (like 64MiB): invalid digit"),
                "… is not a size (like 64MiB): invalid digit".to_owned(),
            ),
            (
                "unknown field `timeuot`, expected one of `memory`, `timeout`".to_owned(),
                "unknown field `timeuot`, expected one of `memory`, `timeout`".to_owned(),
            ),
            (
                format!("unknown variant `{planted}`, expected `a` or `b`"),
                "unknown variant …, expected `a` or `b`".to_owned(),
            ),
            (
                format!("invalid value: integer `{}`", 1_234_567),
                "invalid value: integer …".to_owned(),
            ),
            (
                format!("bad \"{planted} with \\\" an escape\" then 'x{planted}"),
                "bad … then …".to_owned(),
            ),
        ] {
            assert_eq!(without_values(&message), wanted);
        }
        assert!(
            !without_values(&format!("unknown field `{planted}x-with space`")).contains(planted)
        );
    }
}
