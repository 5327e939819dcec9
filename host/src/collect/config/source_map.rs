//! Where each key of the merged config was written: the file (the main
//! config or the included file that set it) and the line. Built beside the
//! value from each file's syntax tree — jsonc-parser keeps byte ranges,
//! which the JSON5 reader does not — and merged exactly as `$include`s
//! merge values, so findings can point at the line to change.

use jsonc_parser::ast;
use jsonc_parser::common::Ranged;
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
    /// The locations of `text`, read from `file`. A text the location
    /// parser cannot read (JSON5 it does not know, such as `Infinity`) has
    /// none: its findings simply carry no line.
    pub fn parse(file: &Path, text: &str) -> SourceNode {
        let options = jsonc_parser::ParseOptions {
            allow_missing_commas: false,
            ..jsonc_parser::ParseOptions::default()
        };
        let collect = jsonc_parser::CollectOptions::default();
        // jsonc-parser's unquoted keys are words of letters, digits, `-`
        // and `_`; JSON5 also allows `$` (`$include: ...`). `$` becomes `_`
        // for the parser — the same single byte, so every offset and line
        // stays — and key names are read back from the original text.
        let parseable = text.replace('$', "_");
        let Ok(parsed) = jsonc_parser::parse_to_ast(&parseable, &collect, &options) else {
            return SourceNode::default();
        };
        let Some(value) = parsed.value else {
            return SourceNode::default();
        };
        let lines = LineIndex::new(text);
        let file: Arc<Path> = Arc::from(file);
        let source = Source {
            file: &file,
            lines: &lines,
            text,
        };
        let mut root = source.build(&value);
        root.at = Some(Location { file, line: 1 });
        root
    }

    /// Removes and returns the child at `key` (empty when absent).
    pub fn take(&mut self, key: &str) -> SourceNode {
        match &mut self.children {
            Children::Object(map) => map.remove(key).unwrap_or_default(),
            _ => SourceNode::default(),
        }
    }

    /// Removes and returns the array elements (empty when not an array).
    pub fn take_elements(&mut self) -> Vec<SourceNode> {
        match &mut self.children {
            Children::Array(items) => std::mem::take(items),
            _ => Vec::new(),
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

    /// The object children (empty when not an object), taken out.
    pub fn take_children(&mut self) -> BTreeMap<String, SourceNode> {
        match &mut self.children {
            Children::Object(map) => std::mem::take(map),
            _ => BTreeMap::new(),
        }
    }

    /// Merges as [`super::merge::deep_merge`] merges values: objects key by
    /// key, arrays concatenated, anything else replaced by the overlay.
    pub fn merge(base: SourceNode, overlay: SourceNode) -> SourceNode {
        let at = overlay.at.or(base.at);
        let children = match (base.children, overlay.children) {
            (Children::Object(mut base), Children::Object(overlay)) => {
                for (key, node) in overlay {
                    let merged = match base.remove(&key) {
                        Some(existing) => SourceNode::merge(existing, node),
                        None => node,
                    };
                    base.insert(key, merged);
                }
                Children::Object(base)
            }
            (Children::Array(mut base), Children::Array(overlay)) => {
                base.extend(overlay);
                Children::Array(base)
            }
            (_, overlay) => overlay,
        };
        SourceNode { at, children }
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

/// One file being mapped: its name, line starts and original text.
struct Source<'a> {
    file: &'a Arc<Path>,
    lines: &'a LineIndex,
    text: &'a str,
}

impl Source<'_> {
    fn at(&self, offset: usize) -> Option<Location> {
        Some(Location {
            file: Arc::clone(self.file),
            line: self.lines.line_of(offset),
        })
    }

    /// A key as written in the original text (where `$` was not replaced).
    fn key(&self, name: &ast::ObjectPropName<'_>) -> String {
        let raw = self.text.get(name.start()..name.end()).unwrap_or_default();
        match name {
            ast::ObjectPropName::Word(_) => raw.to_owned(),
            ast::ObjectPropName::String(lit) => {
                let unquoted = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
                if unquoted.contains('\\') {
                    lit.value.to_string()
                } else {
                    unquoted.to_owned()
                }
            }
        }
    }

    fn build(&self, value: &ast::Value<'_>) -> SourceNode {
        match value {
            ast::Value::Object(object) => SourceNode::object(
                self.at(object.start()),
                object
                    .properties
                    .iter()
                    .map(|property| {
                        let mut child = self.build(&property.value);
                        child.at = self.at(property.start());
                        (self.key(&property.name), child)
                    })
                    .collect(),
            ),
            ast::Value::Array(array) => SourceNode::array(
                self.at(array.start()),
                array
                    .elements
                    .iter()
                    .map(|element| self.build(element))
                    .collect(),
            ),
            other => SourceNode {
                at: self.at(other.start()),
                children: Children::None,
            },
        }
    }
}

/// Byte offsets of line starts, for offset → line.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(offset, _)| offset + 1))
            .collect();
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(node: &SourceNode, path: &str) -> Option<usize> {
        node.locate(path).map(|location| location.line)
    }

    #[test]
    fn finds_keys_elements_and_the_parent_of_a_missing_key() {
        let text = "{\n  // comment\n  gateway: {\n    bind: 'lan',\n    'auth': { mode: \"none\" },\n  },\n  list: [\n    {a: 1},\n    {a: 2},\n  ],\n  \"x.y\": {z: 1},\n}\n";
        let node = SourceNode::parse(Path::new("c.json"), text);
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
        let node = SourceNode::parse(Path::new("c.json"), text);
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
        let node = SourceNode::parse(Path::new("c.json"), text);
        assert_eq!(line(&node, "$include"), Some(2));
        assert_eq!(line(&node, "gateway.bind"), Some(3));
        assert_eq!(line(&node, "$schema"), Some(4));
    }

    #[test]
    fn merges_like_values() {
        let base = SourceNode::parse(Path::new("base.json"), "{a: {x: 1, y: [1]}}");
        let overlay = SourceNode::parse(Path::new("over.json"), "{\na: {\ny: [2],\nx: 3}}");
        let merged = SourceNode::merge(base, overlay);
        let x = merged.locate("a.x").expect("a.x");
        assert_eq!((&*x.file, x.line), (Path::new("over.json"), 4));
        let first = merged.locate("a.y[0]").expect("a.y[0]");
        assert_eq!(&*first.file, Path::new("base.json"));
        let second = merged.locate("a.y[1]").expect("a.y[1]");
        assert_eq!((&*second.file, second.line), (Path::new("over.json"), 3));
    }

    #[test]
    fn an_empty_object_overlay_keeps_the_base() {
        let base = SourceNode::parse(Path::new("a.json"), "{\n  x: 1,\n}");
        let merged = SourceNode::merge(base, SourceNode::object(None, BTreeMap::new()));
        assert_eq!(line(&merged, "x"), Some(2));
    }

    #[test]
    fn unreadable_text_has_no_locations() {
        let node = SourceNode::parse(Path::new("c.json"), "{ a: Infinity }");
        assert_eq!(node.locate("a"), None);
    }
}
