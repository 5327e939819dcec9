//! Where each key of the merged config was written: the file (the main
//! config or the included file that set it) and the line, indexed by
//! dotted path so findings can point at the line to change. Built from
//! the [`super::located::Located`] value the one parse yields.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// A place in a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file that holds the key.
    pub file: Arc<Path>,
    /// Its 1-based line.
    pub line: usize,
    /// Its 1-based column, in characters.
    pub column: usize,
}

/// The locations of one value and of everything inside it.
#[derive(Debug, Clone, Default)]
pub struct SourceNode {
    /// Where the value's key (or, in an array, the element) was written.
    pub at: Option<Location>,
    children: Children,
}

#[derive(Debug, Clone, Default)]
enum Children {
    #[default]
    None,
    Object(BTreeMap<String, SourceNode>),
    Array(Vec<SourceNode>),
}

impl SourceNode {
    /// A value without children, written at `at`.
    pub fn leaf(at: Option<Location>) -> SourceNode {
        SourceNode {
            at,
            children: Children::None,
        }
    }

    /// An object node from its children, written at `at`.
    pub fn object(at: Option<Location>, children: BTreeMap<String, SourceNode>) -> SourceNode {
        SourceNode {
            at,
            children: Children::Object(children),
        }
    }

    /// An array node from its elements, written at `at`.
    pub fn array(at: Option<Location>, elements: Vec<SourceNode>) -> SourceNode {
        SourceNode {
            at,
            children: Children::Array(elements),
        }
    }

    /// Where the dotted `path` (`a.b`, `a.list[2].c` or `a.list.2.c`) was
    /// written; for a path that does not exist, where its deepest existing
    /// parent was — the object a missing key belongs in.
    pub fn locate(&self, path: &str) -> Option<&Location> {
        self.resolve(path).map(|(location, _)| location)
    }

    /// Where `path` was written, and whether the whole path exists (else
    /// the location is its deepest existing parent's).
    pub fn resolve(&self, path: &str) -> Option<(&Location, bool)> {
        let segments = segments(path);
        let (location, depth) = self.deepest(&segments);
        location
            .or(self.at.as_ref())
            .map(|location| (location, depth == segments.len()))
    }

    /// The location of the deepest node `segments` reach, and how many
    /// segments that used. A key may itself contain dots (`gpt-5.1`):
    /// every way of joining the next segments is tried, deepest wins.
    fn deepest(&self, segments: &[&str]) -> (Option<&Location>, usize) {
        let candidates: Vec<(&SourceNode, usize)> = match &self.children {
            Children::Object(map) => (1..=segments.len())
                .filter_map(|count| map.get(&segments[..count].join(".")).map(|c| (c, count)))
                .collect(),
            Children::Array(items) => segments
                .first()
                .and_then(|segment| segment.parse::<usize>().ok())
                .and_then(|index| items.get(index))
                .map(|child| vec![(child, 1)])
                .unwrap_or_default(),
            Children::None => Vec::new(),
        };
        let mut best: (Option<&Location>, usize) = (None, 0);
        for (child, used) in candidates {
            let (below, depth) = child.deepest(&segments[used..]);
            if best.0.is_none() || used + depth > best.1 {
                best = (below.or(child.at.as_ref()), used + depth);
            }
        }
        best
    }
}

/// `a.list[2].c` → `["a", "list", "2", "c"]`.
fn segments(path: &str) -> Vec<&str> {
    path.split(['.', '[', ']'])
        .filter(|segment| !segment.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(file: &str, text: &str) -> SourceNode {
        let located = super::super::reader::read(Path::new(file), text).expect("valid JSON5");
        located.into_parts().1
    }

    fn line(node: &SourceNode, path: &str) -> Option<usize> {
        node.locate(path).map(|location| location.line)
    }

    #[test]
    fn finds_keys_elements_and_the_parent_of_a_missing_key() {
        let text = "{\n  // comment\n  gateway: {\n    bind: 'lan',\n    'auth': { mode: \"none\" },\n  },\n  list: [\n    {a: 1},\n    {a: 2},\n  ],\n  \"x.y\": {z: 1},\n}\n";
        let node = parse("c.json", text);
        assert_eq!(line(&node, "gateway"), Some(3));
        assert_eq!(line(&node, "gateway.bind"), Some(4));
        assert_eq!(line(&node, "gateway.auth.mode"), Some(5));
        assert_eq!(line(&node, "gateway.auth.token"), Some(5));
        assert_eq!(line(&node, "gateway.port"), Some(3));
        assert_eq!(line(&node, "list[1].a"), Some(9));
        assert_eq!(line(&node, "list.0"), Some(8));
        assert_eq!(line(&node, "x.y.z"), Some(11));
        assert_eq!(line(&node, "missing.key"), Some(1));
    }

    #[test]
    fn a_dotted_key_is_matched_as_deep_as_it_goes() {
        let text = "{\n  models: {\n    'gpt-5': {a: 1},\n    'gpt-5.1': {\n      alias: 'x',\n    },\n  },\n}";
        let node = parse("c.json", text);
        assert_eq!(line(&node, "models.gpt-5.1.alias"), Some(5));
        assert_eq!(line(&node, "models.gpt-5.a"), Some(3));
        let (_, exact) = node.resolve("models.gpt-5.b").expect("parent");
        assert!(!exact);
        let (_, exact) = node.resolve("models.gpt-5.1.alias").expect("key");
        assert!(exact);
    }

    #[test]
    fn unquoted_dollar_keys_parse_and_keep_their_names() {
        let text =
            "{\n  $include: './a.json5',\n  gateway: { bind: '${BIND}' },\n  \"$schema\": 1,\n}";
        let node = parse("c.json", text);
        assert_eq!(line(&node, "$include"), Some(2));
        assert_eq!(line(&node, "gateway.bind"), Some(3));
        assert_eq!(line(&node, "$schema"), Some(4));
    }
}
