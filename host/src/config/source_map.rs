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
        let Ok(parsed) = jsonc_parser::parse_to_ast(text, &collect, &options) else {
            return SourceNode::default();
        };
        let Some(value) = parsed.value else {
            return SourceNode::default();
        };
        let lines = LineIndex::new(text);
        let file: Arc<Path> = Arc::from(file);
        let mut root = build(&value, &file, &lines);
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
        let segments = segments(path);
        let mut node = self;
        let mut found = self.at.as_ref();
        let mut index = 0;
        while index < segments.len() {
            let Some((next, used)) = node.step(&segments[index..]) else {
                break;
            };
            node = next;
            found = next.at.as_ref().or(found);
            index += used;
        }
        found
    }

    /// The child named by the first segments: one, or several joined by
    /// dots for keys that contain dots. Returns the child and how many
    /// segments it used.
    fn step(&self, segments: &[&str]) -> Option<(&SourceNode, usize)> {
        match &self.children {
            Children::Object(map) => (1..=segments.len()).find_map(|count| {
                map.get(&segments[..count].join("."))
                    .map(|child| (child, count))
            }),
            Children::Array(items) => {
                let index: usize = segments.first()?.parse().ok()?;
                items.get(index).map(|child| (child, 1))
            }
            Children::None => None,
        }
    }
}

/// `a.list[2].c` → `["a", "list", "2", "c"]`.
fn segments(path: &str) -> Vec<&str> {
    path.split(['.', '[', ']'])
        .filter(|segment| !segment.is_empty())
        .collect()
}

fn build(value: &ast::Value<'_>, file: &Arc<Path>, lines: &LineIndex) -> SourceNode {
    let at = |offset: usize| {
        Some(Location {
            file: Arc::clone(file),
            line: lines.line_of(offset),
        })
    };
    match value {
        ast::Value::Object(object) => SourceNode::object(
            at(object.start()),
            object
                .properties
                .iter()
                .map(|property| {
                    let mut child = build(&property.value, file, lines);
                    child.at = at(property.start());
                    (property.name.as_str().to_owned(), child)
                })
                .collect(),
        ),
        ast::Value::Array(array) => SourceNode::array(
            at(array.start()),
            array
                .elements
                .iter()
                .map(|element| build(element, file, lines))
                .collect(),
        ),
        other => SourceNode {
            at: at(other.start()),
            children: Children::None,
        },
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
    fn unreadable_text_has_no_locations() {
        let node = SourceNode::parse(Path::new("c.json"), "{ a: Infinity }");
        assert_eq!(node.locate("a"), None);
    }
}
