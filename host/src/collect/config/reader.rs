//! Reads JSON5 text (the grammar of the `json5` crate and of OpenClaw's
//! JSON5 reader: comments, trailing commas, identifier keys, single
//! quotes, hex, `+`, `.5`, line continuations) into a [`Located`] value in
//! one pass, so a value and the line it was written on cannot drift
//! apart. Character classes come from `json5::char`; numbers become what
//! `json5::from_str::<Value>` makes of them. The text must have passed
//! `prescan.rs`: the reader recurses once per level. Errors name the line
//! and column, never the text.

use super::located::{Located, Shape};
use super::source_map::Location;
use indexmap::IndexMap;
use json5::char::{
    is_json5_identifier, is_json5_identifier_start, is_json5_line_terminator, is_json5_whitespace,
};
use serde_json::{Number, Value};
use std::path::Path;
use std::sync::Arc;

/// What is wrong with the text, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What was expected (never a piece of the text).
    pub message: String,
}

/// Reads the whole of `text`, written in `file`, as one JSON5 value.
pub(crate) fn read(file: &Path, text: &str) -> Result<Located, SyntaxError> {
    let mut reader = Reader {
        text,
        at: 0,
        file: Arc::from(file),
        lines: LineStarts::new(text),
    };
    let mut value = reader.value()?;
    reader.skip_blank()?;
    if reader.at < text.len() {
        return Err(reader.error(reader.at, "unexpected text after the value"));
    }
    value.at = Some(reader.location(0));
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
    file: Arc<Path>,
    lines: LineStarts,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let next = self.peek()?;
        self.at += next.len_utf8();
        Some(next)
    }

    fn location(&self, offset: usize) -> Location {
        let line = self.lines.line_of(offset);
        Location {
            file: Arc::clone(&self.file),
            line,
            column: self.lines.column_of(self.text, line, offset),
        }
    }

    fn error(&self, offset: usize, message: &str) -> SyntaxError {
        let (line, column) = crate::input_file::line_and_column(self.text, offset);
        SyntaxError {
            line,
            column,
            message: format!("invalid JSON5: {message}"),
        }
    }

    fn end_error(&self, what: &str) -> SyntaxError {
        self.error(self.text.len(), &format!("the text ends inside {what}"))
    }

    fn expect(&mut self, wanted: char, message: &str) -> Result<(), SyntaxError> {
        let offset = self.at;
        match self.bump() {
            Some(found) if found == wanted => Ok(()),
            Some(_) => Err(self.error(offset, message)),
            None => Err(self.end_error(message.trim_start_matches("expected "))),
        }
    }

    /// Skips whitespace and comments.
    fn skip_blank(&mut self) -> Result<(), SyntaxError> {
        while let Some(next) = self.peek() {
            if is_json5_whitespace(next) {
                self.bump();
            } else if next == '/' {
                let offset = self.at;
                self.bump();
                match self.bump() {
                    Some('/') => {
                        while let Some(inside) = self.bump() {
                            if is_json5_line_terminator(inside) {
                                break;
                            }
                        }
                    }
                    Some('*') => match self.text[self.at..].find("*/") {
                        Some(end) => self.at += end + 2,
                        None => return Err(self.end_error("a `/* */` comment")),
                    },
                    _ => return Err(self.error(offset, "a `/` that starts no comment")),
                }
            } else {
                break;
            }
        }
        Ok(())
    }

    fn value(&mut self) -> Result<Located, SyntaxError> {
        self.skip_blank()?;
        let start = self.at;
        let shape = match self.peek() {
            None => return Err(self.end_error("a value")),
            Some('{') => self.object()?,
            Some('[') => self.array()?,
            Some(quote @ ('"' | '\'')) => {
                self.bump();
                Shape::Scalar(Value::String(self.string(quote)?))
            }
            Some('n') => self.word("null", Value::Null)?,
            Some('t') => self.word("true", Value::Bool(true))?,
            Some('f') => self.word("false", Value::Bool(false))?,
            Some('+' | '-' | '.' | 'I' | 'N' | '0'..='9') => Shape::Scalar(self.number()?),
            Some(_) => return Err(self.error(start, "expected a value")),
        };
        Ok(Located {
            at: Some(self.location(start)),
            shape,
        })
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Shape, SyntaxError> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(Shape::Scalar(value))
        } else {
            Err(self.error(self.at, &format!("expected `{word}`")))
        }
    }

    fn object(&mut self) -> Result<Shape, SyntaxError> {
        self.bump();
        let mut entries = IndexMap::new();
        loop {
            self.skip_blank()?;
            if self.peek() == Some('}') {
                self.bump();
                return Ok(Shape::Object(entries));
            }
            let key_start = self.at;
            let key = self.key()?;
            self.skip_blank()?;
            self.expect(':', "expected `:` after the key")?;
            let mut value = self.value()?;
            value.at = Some(self.location(key_start));
            entries.insert(key, value);
            self.skip_blank()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some('}') => {}
                Some(_) => return Err(self.error(self.at, "expected `,` or `}` in the object")),
                None => return Err(self.end_error("an object")),
            }
        }
    }

    fn array(&mut self) -> Result<Shape, SyntaxError> {
        self.bump();
        let mut items = Vec::new();
        loop {
            self.skip_blank()?;
            if self.peek() == Some(']') {
                self.bump();
                return Ok(Shape::Array(items));
            }
            items.push(self.value()?);
            self.skip_blank()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(']') => {}
                Some(_) => return Err(self.error(self.at, "expected `,` or `]` in the list")),
                None => return Err(self.end_error("a list")),
            }
        }
    }

    fn key(&mut self) -> Result<String, SyntaxError> {
        match self.peek() {
            Some(quote @ ('"' | '\'')) => {
                self.bump();
                self.string(quote)
            }
            Some(_) => self.identifier(),
            None => Err(self.end_error("an object")),
        }
    }

    /// An unquoted key: an ECMAScript 5.1 identifier, `\u` escapes allowed.
    fn identifier(&mut self) -> Result<String, SyntaxError> {
        let mut name = String::new();
        loop {
            let offset = self.at;
            let next = match self.peek() {
                Some('\\') => {
                    self.bump();
                    self.expect('u', "expected `\\u` in the key")?;
                    self.unicode_escape(offset)?
                }
                Some(next) => next,
                None => return Err(self.end_error("a key")),
            };
            let fits = if name.is_empty() {
                is_json5_identifier_start(next)
            } else {
                is_json5_identifier(next)
            };
            if !fits {
                if name.is_empty() || self.text[offset..].starts_with('\\') {
                    return Err(self.error(offset, "expected a key"));
                }
                return Ok(name);
            }
            if offset == self.at {
                self.bump();
            }
            name.push(next);
        }
    }

    /// The rest of a string opened by `quote`, its escapes decoded.
    fn string(&mut self, quote: char) -> Result<String, SyntaxError> {
        let mut text = String::new();
        loop {
            let offset = self.at;
            match self.bump() {
                None => return Err(self.end_error("a string")),
                Some(close) if close == quote => return Ok(text),
                Some('\n' | '\r') => {
                    return Err(self.error(offset, "a line break inside a string"));
                }
                Some('\\') => {
                    if let Some(decoded) = self.escape(offset)? {
                        text.push(decoded);
                    }
                }
                Some(other) => text.push(other),
            }
        }
    }

    /// The character an escape after `\` (at `offset`) stands for; none
    /// for a line continuation.
    fn escape(&mut self, offset: usize) -> Result<Option<char>, SyntaxError> {
        let Some(escaped) = self.bump() else {
            return Err(self.end_error("an escape sequence"));
        };
        Ok(Some(match escaped {
            '\r' => {
                if self.peek() == Some('\n') {
                    self.bump();
                }
                return Ok(None);
            }
            terminator if is_json5_line_terminator(terminator) => return Ok(None),
            'b' => '\u{0008}',
            't' => '\t',
            'n' => '\n',
            'v' => '\u{000B}',
            'f' => '\u{000C}',
            'r' => '\r',
            '0' if !self.peek().is_some_and(|next| next.is_ascii_digit()) => '\0',
            '0'..='9' => return Err(self.error(offset, "an invalid escape sequence")),
            'x' => {
                let code = self.hex_digits(offset, 2)?;
                char::from_u32(code).ok_or_else(|| self.error(offset, "an invalid escape"))?
            }
            'u' => self.unicode_escape(offset)?,
            other => other,
        }))
    }

    /// The character of a `\uXXXX` escape (the `\u` read), a UTF-16
    /// surrogate pair taking a second `\uXXXX`.
    fn unicode_escape(&mut self, offset: usize) -> Result<char, SyntaxError> {
        let first = self.hex_digits(offset, 4)?;
        if let Some(decoded) = char::from_u32(first) {
            return Ok(decoded);
        }
        if !self.text[self.at..].starts_with("\\u") {
            return Err(self.error(offset, "an unpaired UTF-16 surrogate escape"));
        }
        self.at += 2;
        let second = self.hex_digits(offset, 4)?;
        let units = [first, second].map(|unit| u16::try_from(unit).unwrap_or_default());
        let mut decoded = char::decode_utf16(units);
        match (decoded.next(), decoded.next()) {
            (Some(Ok(pair)), None) => Ok(pair),
            _ => Err(self.error(offset, "an unpaired UTF-16 surrogate escape")),
        }
    }

    fn hex_digits(&mut self, offset: usize, count: usize) -> Result<u32, SyntaxError> {
        let mut code = 0;
        for _ in 0..count {
            match self.bump().and_then(|digit| digit.to_digit(16)) {
                Some(digit) => code = code * 16 + digit,
                None => return Err(self.error(offset, "an invalid escape sequence")),
            }
        }
        Ok(code)
    }

    /// A number, as the `json5` crate reads it into a `serde_json` value:
    /// integers that fit 64 bits stay integers, others become doubles.
    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.at;
        let negative = match self.peek() {
            Some('+') => {
                self.bump();
                false
            }
            Some('-') => {
                self.bump();
                true
            }
            _ => false,
        };
        let digits_at = self.at;
        match self.bump() {
            Some('I') if self.text[self.at..].starts_with("nfinity") => {
                self.at += "nfinity".len();
                Ok(Value::Null)
            }
            Some('N') if self.text[self.at..].starts_with("aN") => {
                self.at += "aN".len();
                Ok(Value::Null)
            }
            Some('0') => match self.peek() {
                Some('x' | 'X') => {
                    self.bump();
                    self.hex_number(negative, start)
                }
                Some('.' | 'e' | 'E') => self.decimal(negative, start),
                Some('0'..='9') => Err(self.error(start, "a number with a leading zero")),
                _ => Ok(Value::from(0_u64)),
            },
            Some('.' | '1'..='9') => self.decimal(negative, start),
            _ => Err(self.error(digits_at, "expected a number")),
        }
    }

    fn decimal(&mut self, negative: bool, start: usize) -> Result<Value, SyntaxError> {
        while self
            .peek()
            .is_some_and(|next| matches!(next, '+' | '-' | '.' | 'e' | 'E' | '0'..='9'))
        {
            self.bump();
        }
        let literal = &self.text[start..self.at];
        if !negative && let Ok(unsigned) = literal.parse::<u128>() {
            return Ok(unsigned_value(unsigned));
        }
        if negative && let Ok(signed) = literal.parse::<i128>() {
            return Ok(signed_value(signed));
        }
        literal
            .parse::<f64>()
            .map(float_value)
            .map_err(|_| self.error(start, "an invalid number"))
    }

    fn hex_number(&mut self, negative: bool, start: usize) -> Result<Value, SyntaxError> {
        let mut magnitude: u128 = 0;
        let mut digits = 0;
        while let Some(digit) = self.peek().and_then(|next| next.to_digit(16)) {
            let offset = self.at;
            self.bump();
            digits += 1;
            magnitude = magnitude
                .checked_mul(16)
                .and_then(|shifted| shifted.checked_add(u128::from(digit)))
                .ok_or_else(|| self.error(offset, "a hexadecimal number too large"))?;
        }
        if digits == 0 {
            return Err(self.error(self.at, "expected a hexadecimal digit"));
        }
        if !negative {
            return Ok(unsigned_value(magnitude));
        }
        if magnitude == 1_u128 << 127 {
            return Ok(signed_value(i128::MIN));
        }
        i128::try_from(magnitude)
            .map(|signed| signed_value(-signed))
            .map_err(|_| self.error(start, "a hexadecimal number too large"))
    }
}

#[allow(clippy::cast_precision_loss, reason = "as json5 does, past 64 bits")]
fn unsigned_value(number: u128) -> Value {
    u64::try_from(number).map_or_else(|_| float_value(number as f64), Value::from)
}

#[allow(clippy::cast_precision_loss, reason = "as json5 does, past 64 bits")]
fn signed_value(number: i128) -> Value {
    i64::try_from(number).map_or_else(|_| float_value(number as f64), Value::from)
}

/// A double as `serde_json` holds it: a value it cannot hold (NaN, an
/// infinity; `prescan.rs` refuses those first) is `null`.
fn float_value(number: f64) -> Value {
    Number::from_f64(number).map_or(Value::Null, Value::Number)
}

/// Byte offsets of line starts, for offset → line.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        LineStarts(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(offset, _)| offset + 1))
                .collect(),
        )
    }

    /// The 1-based line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }

    /// The 1-based column (in characters) of `offset` on its 1-based
    /// `line` of `text`.
    fn column_of(&self, text: &str, line: usize, offset: usize) -> usize {
        let start = self.0.get(line.saturating_sub(1)).copied().unwrap_or(0);
        text.get(start..offset)
            .map_or(1, |before| before.chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Result<Value, SyntaxError> {
        read(Path::new("c.json5"), text).map(|located| located.into_parts().0)
    }

    /// Texts at the edges of JSON5: each must read to exactly what the
    /// `json5` crate reads, or be refused where it refuses.
    const EDGES: &[&str] = &[
        "{}",
        "[]",
        "\u{feff}{a: 1}",
        "{ // c\n a: 1, /* b */ }",
        "{a: 1,}",
        "[1, 2,]",
        "[1,,]",
        "[,]",
        "{,}",
        "{a: 1 b: 2}",
        "{$include: './x', _k: 1, $: 2, é: 3, a1: 4}",
        "{\\u0061b: 1}",
        "{\\u0031: 1}",
        "{1a: 1}",
        "{'single': 'it''s'}",
        "{'q': 'it\\'s \"fine\"'}",
        "{a: 'line\\\ncontinued', b: 'crlf\\\r\ncontinued'}",
        "{a: 'raw\nbreak'}",
        "{a: 'tab\\tnul\\0x\\x41\\u00e9\\uD83D\\uDE00\\v\\f\\b\\/\\q'}",
        "{a: '\\01'}",
        "{a: '\\1'}",
        "{a: '\\uD83D'}",
        "{a: '\\uDE00\\uD83D'}",
        "{a: 'sep\u{2028}ok'}",
        "[0, -0, +1, .5, 5., 1e3, -1.5E-3, 0x1F, -0xff, +0XAB]",
        "[18446744073709551615, 18446744073709551616, -9223372036854775808, -9223372036854775809]",
        "[0x10000000000000000, 340282366920938463463374607431768211455]",
        "[00]",
        "[0x]",
        "[1.2.3]",
        "[--1]",
        "[+-1]",
        "[Infinity, -Infinity, NaN]",
        "[Inf]",
        "[nul]",
        "[truth]",
        "[true false]",
        "{a: 1} x",
        "{a: 1} // end",
        "{a: 1} /* end",
        "{a: 1} /",
        "",
        "   ",
        "{a",
        "{a:",
        "{'a",
        "[\"x",
        "{a: 1, a: 2, b: 3}",
    ];

    #[test]
    fn reads_every_edge_of_json5_as_the_json5_crate_does() {
        for text in EDGES {
            let ours = value(text);
            let theirs = json5::from_str::<Value>(text);
            match (&ours, &theirs) {
                (Ok(ours), Ok(theirs)) => assert_eq!(
                    serde_json::to_string(ours).ok(),
                    serde_json::to_string(theirs).ok(),
                    "{text:?}"
                ),
                (Err(_), Err(_)) => {}
                _ => panic!("{text:?}: ours {ours:?}, json5's {theirs:?}"),
            }
        }
    }

    #[test]
    fn an_error_names_line_and_column_and_never_the_text() {
        let error = value("{\n  token: 'sk-secret-value',\n  bind: loopback,\n}").unwrap_err();
        assert_eq!((error.line, error.column), (3, 9));
        assert!(error.message.starts_with("invalid JSON5: "), "{error:?}");
        assert!(!error.message.contains("loopback"), "{error:?}");
        let unterminated = value("{\n  token: 'sk-secret-value").unwrap_err();
        assert!(!unterminated.message.contains("secret"), "{unterminated:?}");
        assert!(unterminated.message.contains("ends inside a string"));
    }

    #[test]
    fn keys_and_elements_are_placed_on_the_line_they_start() {
        let text =
            "{\n  a: {\n    b: [\n      1,\n      { c: true },\n    ],\n  },\n  'd e': 'x',\n}";
        let (_, sources) = read(Path::new("c.json5"), text).unwrap().into_parts();
        let line = |path: &str| sources.locate(path).map(|at| at.line);
        assert_eq!(line("a"), Some(2));
        assert_eq!(line("a.b"), Some(3));
        assert_eq!(line("a.b[0]"), Some(4));
        assert_eq!(line("a.b[1].c"), Some(5));
        assert_eq!(line("d e"), Some(8));
        assert_eq!(line(""), Some(1));
    }
}
