//! Check ids and plugin names: the strict ASCII grammar they keep, the
//! skeleton under which look-alikes compare equal, whether two id patterns
//! can name one id, and an index that finds the declaration covering an id
//! in time bounded by the id's segments, not by the number of declarations.

use std::collections::HashMap;

/// Longest check id, in bytes.
pub(crate) const MAX_ID_BYTES: usize = 128;
/// Most dot-separated segments in a check id.
pub(crate) const MAX_SEGMENTS: usize = 8;
/// Longest plugin name, in bytes.
pub(crate) const MAX_NAME_BYTES: usize = 64;

/// Whether `c` may appear in a segment that a declaration writes out.
fn literal_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Why `id` is not a declarable check id, if it is not: ASCII letters,
/// digits, `_` and `-` in 1 to [`MAX_SEGMENTS`] dot-separated segments,
/// at most [`MAX_ID_BYTES`]; a segment may be `*` (one segment known only
/// at run time), the first may not.
pub(crate) fn pattern_problem(id: &str) -> Option<String> {
    common_problem(id).or_else(|| {
        let mut segments = id.split('.');
        if segments.next() == Some("*") {
            return Some("its first segment is `*`".to_owned());
        }
        id.split('.')
            .find(|segment| *segment != "*" && !segment.chars().all(literal_char))
            .map(|_| {
                "a segment holds a character other than ASCII letters, digits, `_` and `-`"
                    .to_owned()
            })
    })
}

/// Why `id` is not a check id a finding may carry, if it is not: the
/// grammar of [`pattern_problem`] without `*`, except that a segment a
/// declaration's `*` stands for may hold any printable ASCII but `.` and
/// `*` (it comes from the audited config: a channel or provider name).
pub(crate) fn concrete_problem(id: &str) -> Option<String> {
    common_problem(id).or_else(|| {
        id.split('.')
            .find(|segment| !segment.chars().all(|c| c.is_ascii_graphic() && c != '*'))
            .map(|_| {
                "a segment holds `*`, a space or a character outside printable ASCII".to_owned()
            })
    })
}

fn common_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("it is empty".to_owned());
    }
    if id.len() > MAX_ID_BYTES {
        return Some(format!("it is longer than {MAX_ID_BYTES} bytes"));
    }
    if !id.is_ascii() {
        return Some("it holds a character outside ASCII".to_owned());
    }
    let segments = id.split('.').count();
    if segments > MAX_SEGMENTS {
        return Some(format!("it has more than {MAX_SEGMENTS} segments"));
    }
    if id.split('.').any(str::is_empty) {
        return Some("it has an empty segment".to_owned());
    }
    None
}

/// Why `name` is not a plugin name, if it is not: lowercase ASCII letters
/// and digits in `-`-separated words, starting with a letter, at most
/// [`MAX_NAME_BYTES`].
pub(crate) fn name_problem(name: &str) -> Option<&'static str> {
    let words_ok = name.split('-').all(|word| {
        !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    });
    if name.is_empty() || name.len() > MAX_NAME_BYTES {
        Some("a plugin name has 1 to 64 characters")
    } else if !name.starts_with(|c: char| c.is_ascii_lowercase()) || !words_ok {
        Some(
            "a plugin name is kebab-case: lowercase ASCII letters and digits in words joined by `-`, starting with a letter",
        )
    } else {
        None
    }
}

/// The skeleton of a name or segment: what is left when case, separators
/// and the ASCII look-alikes (`0`/`o`, `1`/`l`/`i`, `rn`/`m`, `vv`/`w`,
/// `cl`/`d`) are folded away. Two names with one skeleton print alike.
pub(crate) fn skeleton(text: &str) -> String {
    let folded: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | '_'))
        .map(|c| match c.to_ascii_lowercase() {
            '0' => 'o',
            '1' | 'i' | '|' => 'l',
            '5' => 's',
            other => other,
        })
        .collect();
    folded
        .replace("rn", "m")
        .replace("vv", "w")
        .replace("cl", "d")
}

/// Whether two id patterns can name one id, look-alikes folded: the same
/// number of segments, and at each either side is `*` or both have one
/// skeleton.
pub(crate) fn patterns_overlap(a: &str, b: &str) -> bool {
    a.split('.').count() == b.split('.').count()
        && a.split('.')
            .zip(b.split('.'))
            .all(|(x, y)| x == "*" || y == "*" || skeleton(x) == skeleton(y))
}

/// The first segment of an id: the namespace that says whose it is.
pub(crate) fn namespace(id: &str) -> &str {
    id.split('.').next().unwrap_or(id)
}

/// One node of the declaration trie.
#[derive(Debug, Default)]
struct Node {
    literal: HashMap<String, Node>,
    star: Option<Box<Node>>,
    declared: Option<usize>,
}

/// The declared ids of one plugin, indexed by segment.
#[derive(Debug, Default)]
pub(crate) struct IdIndex {
    root: Node,
}

impl IdIndex {
    /// Indexes `patterns` (declaration `i` is `patterns[i]`).
    pub(crate) fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> IdIndex {
        let mut root = Node::default();
        for (index, pattern) in patterns.into_iter().enumerate() {
            let mut node = &mut root;
            for segment in pattern.split('.') {
                node = if segment == "*" {
                    node.star.get_or_insert_with(Box::default)
                } else {
                    node.literal.entry(segment.to_owned()).or_default()
                };
            }
            node.declared.get_or_insert(index);
        }
        IdIndex { root }
    }

    /// The declaration that covers the concrete `id`, the most literal one
    /// first. The walk tries at most two children a segment, and ids have
    /// at most [`MAX_SEGMENTS`]: bounded work per id.
    pub(crate) fn lookup(&self, id: &str) -> Option<usize> {
        let segments: Vec<&str> = id.split('.').collect();
        if segments.len() > MAX_SEGMENTS {
            return None;
        }
        walk(&self.root, &segments)
    }
}

fn walk(node: &Node, segments: &[&str]) -> Option<usize> {
    let Some((first, rest)) = segments.split_first() else {
        return node.declared;
    };
    node.literal
        .get(*first)
        .and_then(|child| walk(child, rest))
        .or_else(|| node.star.as_deref().and_then(|child| walk(child, rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_keep_the_grammar() {
        for good in [
            "gateway.bind_no_auth",
            "tools.elevated.allowFrom.*.wildcard",
            "acme.x-y",
        ] {
            assert_eq!(pattern_problem(good), None, "{good}");
        }
        for bad in [
            "",
            "*.x",
            "gateway.*x",
            "gateway..bind",
            "gatewa\u{443}.bind",
            "gateway.bind\u{200b}",
            "a.b.c.d.e.f.g.h.i",
            "acme.`x`",
            "acme.x y",
        ] {
            assert!(pattern_problem(bad).is_some(), "{bad:?}");
        }
        assert!(pattern_problem(&"a".repeat(MAX_ID_BYTES + 1)).is_some());
    }

    #[test]
    fn concrete_ids_take_config_names_in_wildcard_segments() {
        assert_eq!(
            concrete_problem("tools.elevated.allowFrom.my:prov.wildcard"),
            None
        );
        assert!(concrete_problem("tools.elevated.allowFrom.*.wildcard").is_some());
        assert!(concrete_problem("acme.\u{1b}[2J").is_some());
    }

    #[test]
    fn names_are_kebab_case_ascii() {
        assert_eq!(name_problem("acme-policy2"), None);
        for bad in [
            "",
            "Acme",
            "acme_policy",
            "-acme",
            "acme-",
            "acme--x",
            "2acme",
            "ac\u{ff4d}e",
        ] {
            assert!(name_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn look_alikes_share_a_skeleton() {
        for alike in ["Gateway", "gatevvay", "GATEWAY", "gate_way", "gatew4y"] {
            let same = skeleton(alike) == skeleton("gateway");
            assert_eq!(same, alike != "gatew4y", "{alike}");
        }
        assert_eq!(skeleton("control-plane"), skeleton("contro1plane"));
        assert_eq!(skeleton("modern"), skeleton("rnodern"));
    }

    #[test]
    fn overlap_is_decided_over_patterns_in_both_directions() {
        assert!(patterns_overlap("gateway.*", "gateway.bind"));
        assert!(patterns_overlap(
            "tools.elevated.allowFrom.telegram.wildcard",
            "tools.elevated.allowFrom.*.wildcard"
        ));
        assert!(patterns_overlap(
            "Gateway.Bind_No_Auth",
            "gateway.bind_no_auth"
        ));
        assert!(!patterns_overlap("gateway.*", "gateway.bind.x"));
        assert!(!patterns_overlap("acme.one", "acme.two"));
    }

    #[test]
    fn the_index_finds_the_most_literal_declaration() {
        let index = IdIndex::new(["a.*.c", "a.b.c", "x.y", "a.*.*"]);
        assert_eq!(index.lookup("a.b.c"), Some(1));
        assert_eq!(index.lookup("a.z.c"), Some(0));
        assert_eq!(index.lookup("a.z.q"), Some(3));
        assert_eq!(index.lookup("x.y"), Some(2));
        assert_eq!(index.lookup("x.y.z"), None);
        assert_eq!(index.lookup("a.b"), None);
    }
}
