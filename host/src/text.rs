//! Text made inert: the one sanitizer every string from a plugin (and every
//! name read off the machine) passes before the host keeps or prints it.
//!
//! A terminal acts on control characters (ESC sequences clear the screen,
//! set scroll regions and window titles; CR and BS redraw a line), a reader
//! is misled by format characters (bidi overrides reorder what is shown,
//! zero-width characters make two ids look alike), and XML forbids some
//! code points outright. So [`line()`] and [`block`] replace every character
//! of Unicode's categories Cc (C0, DEL, C1), Cf (format: bidi, zero-width,
//! soft hyphen, BOM, tags), Zl, Zp and Cn (unassigned, the noncharacters
//! U+FFFE and U+FFFF among them) with U+FFFD, visibly. A one-line field
//! also turns line breaks and tabs into spaces; a block keeps `\n` and
//! `\t` and turns a carriage return into a line break. Both cut the text at
//! a byte bound, on a character boundary, marking the cut with `…`.
//! Renderers escape for their format on top of this.

use unicode_general_category::{GeneralCategory, get_general_category};

/// What stands in for a character that could act on a reader.
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

/// What marks text cut at its bound.
const ELLIPSIS: char = '…';

/// Whether `c` can act on a terminal, a parser or a reader's eye.
pub(crate) fn is_hazard(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    matches!(
        get_general_category(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
            | GeneralCategory::Unassigned
            | GeneralCategory::Surrogate
    )
}

/// `text` as one line: line breaks and tabs become spaces, every other
/// hazard U+FFFD; at most `max_bytes` bytes.
pub(crate) fn line(text: &str, max_bytes: usize) -> String {
    clean(text, max_bytes, false)
}

/// `text` as a block of lines: `\n` and `\t` kept, `\r\n` and a lone `\r`
/// a line break, every other hazard U+FFFD; at most `max_bytes` bytes.
pub fn block(text: &str, max_bytes: usize) -> String {
    clean(text, max_bytes, true)
}

/// [`line()`] without a bound, for text the host prints (paths, names).
pub(crate) fn shown(text: &str) -> String {
    line(text, usize::MAX)
}

/// Text as inert Markdown on one line: sanitized, then every ASCII
/// punctuation character that can take part in markup backslash-escaped
/// (CommonMark lets any be), so no image, link, autolink (`www.`, `:`,
/// `@`), raw HTML, entity, mention, reference, emoji, math, emphasis,
/// block marker or table cell border can come out of it. `/ , ; ' " = ? %`
/// start nothing in CommonMark or GitHub's dialect and stay as they are.
pub fn markdown(text: &str) -> String {
    let line = shown(text);
    let mut out = String::with_capacity(line.len() + line.len() / 4);
    for c in line.chars() {
        if c.is_ascii_punctuation() && !matches!(c, '/' | ',' | ';' | '\'' | '"' | '=' | '?' | '%')
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn clean(text: &str, max_bytes: usize, multiline: bool) -> String {
    let inert = |b: &u8| (b' '..=b'~').contains(b) || (multiline && matches!(b, b'\n' | b'\t'));
    if text.len() <= max_bytes && text.bytes().all(|b| inert(&b)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len().min(max_bytes));
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let replacement = match c {
            '\r' if multiline => {
                if chars.peek() == Some(&'\n') {
                    continue;
                }
                '\n'
            }
            '\n' | '\t' if multiline => c,
            '\r' | '\n' | '\t' => ' ',
            c if is_hazard(c) => REPLACEMENT,
            c => c,
        };
        if out.len() + replacement.len_utf8() > max_bytes {
            cut(&mut out, max_bytes);
            return out;
        }
        out.push(replacement);
    }
    out
}

/// Ends `out` with the ellipsis, within `max_bytes`.
fn cut(out: &mut String, max_bytes: usize) {
    let room = max_bytes.saturating_sub(ELLIPSIS.len_utf8());
    while out.len() > room {
        out.pop();
    }
    if max_bytes >= ELLIPSIS.len_utf8() {
        out.push(ELLIPSIS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_and_redraws_are_replaced() {
        let hostile = "ok\u{1b}[2J\u{1b}]0;title\u{7}\rX\u{8}\u{7f}\u{9b}31m";
        let cleaned = line(hostile, 1_000);
        assert!(!cleaned.chars().any(char::is_control), "{cleaned:?}");
        assert!(cleaned.starts_with("ok\u{FFFD}[2J"));
    }

    #[test]
    fn format_characters_are_visible() {
        for c in [
            '\u{200B}',
            '\u{200D}',
            '\u{202E}',
            '\u{2066}',
            '\u{FEFF}',
            '\u{AD}',
            '\u{E0041}',
            '\u{2028}',
            '\u{2029}',
            '\u{FFFE}',
            '\u{FFFF}',
        ] {
            let text = format!("gateway{c}.bind");
            assert_eq!(
                line(&text, 100),
                "gateway\u{FFFD}.bind",
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn lines_and_blocks_treat_breaks_differently() {
        assert_eq!(line("a\nb\r\nc\td", 100), "a b  c d");
        assert_eq!(block("a\nb\r\nc\rd\te", 100), "a\nb\nc\nd\te");
        assert_eq!(block("two\nlines\tok", 100), "two\nlines\tok");
        assert_ne!(block("cr\r", 100), "cr\r");
    }

    #[test]
    fn text_is_cut_on_a_character_boundary_within_the_bound() {
        let cut = line("ééééé", 7);
        assert!(cut.len() <= 7, "{cut:?}");
        assert!(cut.ends_with('…'));
        assert_eq!(line("short", 100), "short");
        assert_eq!(line("abc", 3), "abc");
        assert_eq!(line("abcd", 3), "…");
    }
}
