//! HTML pages (the audit report, the history), self-contained: no
//! external asset, every text escaped here, and a Content-Security-Policy
//! that admits only each page's own inline style and script, by hash.

mod chart;
pub(crate) mod history;
mod report;

pub(crate) use report::render;

use base64::Engine;
use sha2::{Digest, Sha256};

/// Text made safe for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls, bidi and zero-width characters: shown, not obeyed.
            '\n' | '\t' => out.push(c),
            other if crate::text::is_hazard(other) => out.push(crate::text::REPLACEMENT),
            other => out.push(other),
        }
    }
    out
}

/// A CSP hash source for an inline element's exact text.
pub(crate) fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn hashes_as_csp_wants() {
        // echo -n 'a' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            csp_hash("a"),
            "'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='"
        );
    }
}
