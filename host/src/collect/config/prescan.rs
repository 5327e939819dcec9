//! A linear, non-recursive pass over a config file's JSON5 text before any
//! recursive reader (`reader.rs`) sees it: it knows strings and
//! comments, counts nesting and values, and finds numbers JSON cannot hold
//! (`NaN`, `Infinity`, `1e999`). Nesting past [`MAX_DEPTH`], more than
//! [`MAX_VALUES`] values, or such a number is an error naming the line,
//! the column and, for a number, the key.

/// The deepest nesting of objects and arrays a config may have, counted
/// through `$include`s. OpenClaw's own schema nests 12 deep; plugins parse
/// the view with serde_json, whose limit of 128 leaves room for the two
/// levels a secret marker adds.
pub(crate) const MAX_DEPTH: usize = 64;

/// The most values (objects, arrays, strings, numbers, booleans, nulls) a
/// config and its includes may hold together.
pub(crate) const MAX_VALUES: usize = 100_000;

/// What the pre-scan found wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong (keys named, never values).
    pub message: String,
}

/// One open object or array.
enum Frame {
    Object {
        key: Option<String>,
        awaiting_value: bool,
    },
    Array {
        index: usize,
    },
}

/// The scanner's position and open containers.
struct Scan<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    frames: Vec<Frame>,
    base_depth: usize,
    values_left: &'a mut usize,
}

/// Checks `text` (one file), whose top level sits `base_depth` containers
/// deep in the merged config (inside the object that includes it);
/// `values_left` is what the config may still hold and shrinks by this
/// file's values.
pub(crate) fn check(text: &str, base_depth: usize, values_left: &mut usize) -> Result<(), Problem> {
    let mut scan = Scan {
        text,
        bytes: text.as_bytes(),
        at: 0,
        frames: Vec::new(),
        base_depth,
        values_left,
    };
    scan.run()
}

fn is_delimiter(byte: u8) -> bool {
    byte.is_ascii_whitespace()
        || matches!(
            byte,
            b'{' | b'}' | b'[' | b']' | b':' | b',' | b'"' | b'\'' | b'/'
        )
}

impl Scan<'_> {
    fn run(&mut self) -> Result<(), Problem> {
        while self.at < self.bytes.len() {
            let byte = self.bytes[self.at];
            match byte {
                b'/' if self.bytes.get(self.at + 1) == Some(&b'/') => {
                    self.skip_until("\n");
                }
                b'/' if self.bytes.get(self.at + 1) == Some(&b'*') => {
                    self.at += 2;
                    self.skip_until("*/");
                    self.at += 2;
                }
                b'"' | b'\'' => {
                    let start = self.at;
                    let (from, to) = self.string(byte);
                    let raw = self.text.get(from..to).unwrap_or_default();
                    self.token(start, Token::String(raw))?;
                }
                b'{' | b'[' => {
                    self.value(self.at)?;
                    if self.base_depth + self.frames.len() >= MAX_DEPTH {
                        return Err(self.problem(
                            self.at,
                            format!(
                                "nested deeper than {MAX_DEPTH} levels{} (Pincer's limit; \
                                 OpenClaw's own schema nests 12 deep)",
                                if self.base_depth > 0 {
                                    format!(
                                        ", counting the {} above its `$include`",
                                        self.base_depth
                                    )
                                } else {
                                    String::new()
                                }
                            ),
                        ));
                    }
                    self.frames.push(if byte == b'{' {
                        Frame::Object {
                            key: None,
                            awaiting_value: false,
                        }
                    } else {
                        Frame::Array { index: 0 }
                    });
                    self.at += 1;
                }
                b'}' | b']' => {
                    self.frames.pop();
                    self.at += 1;
                }
                b':' => {
                    if let Some(Frame::Object { awaiting_value, .. }) = self.frames.last_mut() {
                        *awaiting_value = true;
                    }
                    self.at += 1;
                }
                b',' => {
                    match self.frames.last_mut() {
                        Some(Frame::Object {
                            key,
                            awaiting_value,
                        }) => {
                            *key = None;
                            *awaiting_value = false;
                        }
                        Some(Frame::Array { index }) => *index += 1,
                        None => {}
                    }
                    self.at += 1;
                }
                byte if byte.is_ascii_whitespace() => self.at += 1,
                _ => {
                    let start = self.at;
                    while self.at < self.bytes.len() && !is_delimiter(self.bytes[self.at]) {
                        self.at += 1;
                    }
                    // A lone `/` is a syntax error for the parser to report.
                    if self.at == start {
                        self.at += 1;
                        continue;
                    }
                    let word = &self.text[start..self.at];
                    self.token(start, Token::Word(word))?;
                }
            }
        }
        Ok(())
    }

    /// Moves past the next `end` (or to the end of the text).
    fn skip_until(&mut self, end: &str) {
        match self.text[self.at..].find(end) {
            Some(offset) => self.at += offset,
            None => self.at = self.bytes.len(),
        }
    }

    /// Moves past a string opened by `quote`; returns where its raw
    /// inside starts and ends.
    fn string(&mut self, quote: u8) -> (usize, usize) {
        let start = self.at + 1;
        self.at = start;
        while self.at < self.bytes.len() {
            match self.bytes[self.at] {
                b'\\' => self.at += 2,
                byte if byte == quote => break,
                _ => self.at += 1,
            }
        }
        let end = self.at.min(self.bytes.len());
        self.at = (self.at + 1).min(self.bytes.len());
        (start, end)
    }

    /// Whether the next token is a value (not an object's key).
    fn in_value_position(&self) -> bool {
        match self.frames.last() {
            Some(Frame::Object { awaiting_value, .. }) => *awaiting_value,
            _ => true,
        }
    }

    /// Counts one value starting at `at`.
    fn value(&mut self, at: usize) -> Result<(), Problem> {
        if !self.in_value_position() {
            return Ok(());
        }
        if *self.values_left == 0 {
            return Err(self.problem(
                at,
                format!(
                    "more than {MAX_VALUES} values in the config and its includes (Pincer's \
                     limit)"
                ),
            ));
        }
        *self.values_left -= 1;
        Ok(())
    }

    fn token(&mut self, start: usize, token: Token<'_>) -> Result<(), Problem> {
        if !self.in_value_position() {
            if let Some(Frame::Object { key, .. }) = self.frames.last_mut() {
                *key = Some(match token {
                    Token::String(raw) | Token::Word(raw) => raw.to_owned(),
                });
            }
            return Ok(());
        }
        self.value(start)?;
        if let Token::Word(word) = token
            && let Some(what) = non_finite(word)
        {
            return Err(self.problem(
                start,
                format!(
                    "{}: {what} is not a finite number; OpenClaw's schema rejects it where it \
                     expects a number, and JSON cannot hold it",
                    self.key_path()
                ),
            ));
        }
        Ok(())
    }

    /// The dotted key of the value being read (`gateway.port`, `list[2]`).
    fn key_path(&self) -> String {
        let mut path = String::new();
        for frame in &self.frames {
            match frame {
                Frame::Object { key: Some(key), .. } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Frame::Object { key: None, .. } => {}
                Frame::Array { index } => path.push_str(&format!("[{index}]")),
            }
        }
        if path.is_empty() {
            "the top level".to_owned()
        } else {
            format!("`{path}`")
        }
    }

    fn problem(&self, at: usize, message: String) -> Problem {
        let (line, column) = crate::input_file::line_and_column(self.text, at);
        Problem {
            line,
            column,
            message,
        }
    }
}

enum Token<'a> {
    String(&'a str),
    Word(&'a str),
}

/// What a bare word is, when it is a number JSON cannot hold: `NaN`,
/// `Infinity` (signed or not), or a literal too large for a double.
fn non_finite(word: &str) -> Option<&'static str> {
    let word = word.trim_matches(|c: char| c.is_whitespace());
    let unsigned = word.strip_prefix(['+', '-']).unwrap_or(word);
    match unsigned {
        "NaN" => return Some("NaN"),
        "Infinity" => return Some("Infinity"),
        _ => {}
    }
    if let Some(hex) = unsigned
        .strip_prefix("0x")
        .or_else(|| unsigned.strip_prefix("0X"))
    {
        let digits = hex.trim_start_matches('0');
        // 256 hex digits are 1,024 bits: at least 2^1020, past f64::MAX.
        return (digits.len() > 256 && digits.bytes().all(|b| b.is_ascii_hexdigit()))
            .then_some("a number too large for a double");
    }
    let numeric = unsigned
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.');
    (numeric && unsigned.parse::<f64>().is_ok_and(f64::is_infinite))
        .then_some("a number too large for a double")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Result<(), Problem> {
        check(text, 0, &mut MAX_VALUES.clone())
    }

    #[test]
    fn ordinary_json5_passes() {
        let text = "// c\n{ a: [1, 2, {b: 'x}]'}], /* { [ */ \"c\": -1.5e3, d: 0x1F, e: .5 }";
        assert_eq!(scan(text), Ok(()));
    }

    #[test]
    fn depth_is_refused_at_the_bracket_that_goes_too_deep() {
        let text = format!("{{\na: {}", "[".repeat(MAX_DEPTH + 10));
        let problem = scan(&text).unwrap_err();
        assert_eq!((problem.line, problem.column), (2, 3 + MAX_DEPTH));
        assert!(problem.message.contains("nested deeper"), "{problem:?}");
        let shallow = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(scan(&shallow), Ok(()));
        assert!(check(&shallow, 1, &mut 1_000).is_err());
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let text = format!(
            "{{ a: '{}', // {}\n /* {} */ b: \"\\\"{}\" }}",
            "[".repeat(200),
            "{".repeat(200),
            "[".repeat(200),
            "{".repeat(200)
        );
        assert_eq!(scan(&text), Ok(()));
    }

    #[test]
    fn non_finite_numbers_are_named_by_key_and_line() {
        for (text, key) in [
            ("{\n  gateway: {\n    port: NaN,\n  },\n}", "`gateway.port`"),
            ("{ gateway: { 'port': 1e999 } }", "`gateway.port`"),
            ("{ a: [1, -Infinity] }", "`a[1]`"),
            ("{ a: 1, b: +Infinity }", "`b`"),
        ] {
            let problem = scan(text).unwrap_err();
            assert!(problem.message.starts_with(key), "{text}: {problem:?}");
        }
        assert_eq!(
            scan("{\n  gateway: {\n    port: NaN,\n  },\n}")
                .unwrap_err()
                .line,
            3
        );
        // Keys named like numbers are keys.
        assert_eq!(scan("{ NaN: 1, Infinity: 2, 'x': 'NaN' }"), Ok(()));
        assert_eq!(
            scan("{ a: 1e308, b: 123456789012345678901234567890 }"),
            Ok(())
        );
    }

    #[test]
    fn values_are_counted_across_files() {
        let mut left = 5;
        assert_eq!(check("{a: 1, b: [2]}", 0, &mut left), Ok(()));
        assert_eq!(left, 1);
        assert!(check("[1, 2]", 0, &mut left).is_err());
    }
}
