//! `${VAR}` substitution in config strings, with OpenClaw's rules: names are
//! `[A-Z_][A-Z0-9_]*`; `$${VAR}` is an escape for a literal `${VAR}`; a
//! variable that is unset or empty is missing, and a missing reference is
//! left as written (the gateway treats the value as unresolved). One
//! string grows to at most [`MAX_SUBSTITUTED_BYTES`]: past that, the rest
//! of its references are left as written and the result says so.

/// The most bytes one substituted string may grow to.
pub const MAX_SUBSTITUTED_BYTES: usize = 1 << 20;

/// The outcome of substituting one string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substituted {
    /// The text with every resolvable reference replaced.
    pub text: String,
    /// Names of the variables referenced, in order of first use.
    pub names: Vec<String>,
    /// Names of referenced variables that are unset or empty.
    pub missing: Vec<String>,
    /// Whether substitution stopped at [`MAX_SUBSTITUTED_BYTES`], leaving
    /// later references as written.
    pub over_limit: bool,
}

fn is_var_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_uppercase() || c == '_')
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// The name of a `${NAME}` reference starting at `rest` (which begins after
/// `${`), and the length of `NAME}`.
fn reference_at(rest: &str) -> Option<(&str, usize)> {
    let end = rest.find('}')?;
    let name = &rest[..end];
    is_var_name(name).then_some((name, end + 1))
}

/// Substitutes `${NAME}` references in `text` using `lookup`.
pub fn substitute(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Substituted {
    let mut out = String::with_capacity(text.len());
    let mut names: Vec<String> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let mut over_limit = false;
    let mut rest = text;
    while let Some(dollar) = rest.find('$') {
        if over_limit {
            break;
        }
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar..];
        if let Some((name, len)) = after.strip_prefix("$${").and_then(reference_at) {
            out.push_str("${");
            out.push_str(name);
            out.push('}');
            rest = &after[3 + len..];
        } else if let Some((name, len)) = after.strip_prefix("${").and_then(reference_at) {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
            match lookup(name).filter(|value| !value.is_empty()) {
                Some(value) if out.len() + value.len() + rest.len() > MAX_SUBSTITUTED_BYTES => {
                    over_limit = true;
                    out.push_str(&after[..2 + len]);
                }
                Some(value) => out.push_str(&value),
                None => {
                    if !missing.iter().any(|n| n == name) {
                        missing.push(name.to_owned());
                    }
                    out.push_str(&after[..2 + len]);
                }
            }
            rest = &after[2 + len..];
        } else {
            out.push('$');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    Substituted {
        text: out,
        names,
        missing,
        over_limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "HOST" => Some("gw.example".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn substitutes_escapes_and_keeps_missing() {
        let s = substitute("https://${HOST}:${PORT}/$${HOST}/${lower}/$5", &env);
        assert_eq!(s.text, "https://gw.example:${PORT}/${HOST}/${lower}/$5");
        assert_eq!(s.names, vec!["HOST", "PORT"]);
        assert_eq!(s.missing, vec!["PORT"]);
    }

    #[test]
    fn a_string_stops_growing_at_the_limit() {
        let big = "x".repeat(100_000);
        let lookup = |name: &str| (name == "BIG").then(|| big.clone());
        let text = "${BIG}".repeat(1_000);
        let s = substitute(&text, &lookup);
        assert!(s.over_limit);
        assert!(s.text.len() <= MAX_SUBSTITUTED_BYTES, "{}", s.text.len());
        assert!(!substitute("${BIG}", &lookup).over_limit);
    }

    #[test]
    fn empty_counts_as_missing() {
        let s = substitute("${EMPTY}", &env);
        assert_eq!((s.text.as_str(), s.missing.len()), ("${EMPTY}", 1));
    }
}
