//! A config value that knows where each of its keys and elements was
//! written: what the reader yields, what `$include`s merge (once, as
//! OpenClaw merges), and what splits at the end into the plain value and
//! the [`SourceNode`] index findings are located by.

use super::source_map::{Location, SourceNode};
use indexmap::IndexMap;
use serde_json::Value;

/// One value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Located {
    /// Where the value's key (or, in an array, the element) was written.
    pub at: Option<Location>,
    /// The value, its children located in turn.
    pub shape: Shape,
}

/// What a [`Located`] value is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// `null`, a boolean, a number or a string.
    Scalar(Value),
    /// A list.
    Array(Vec<Located>),
    /// An object, its keys in the order written (as `serde_json`'s
    /// order-preserving map keeps them).
    Object(IndexMap<String, Located>),
}

impl Located {
    /// An empty object written nowhere: what a skipped `$include` yields.
    pub(crate) fn empty_object() -> Located {
        Located {
            at: None,
            shape: Shape::Object(IndexMap::new()),
        }
    }

    /// Whether the value is an object.
    pub(crate) fn is_object(&self) -> bool {
        matches!(self.shape, Shape::Object(_))
    }

    /// Merges `overlay` into `base` as OpenClaw merges `$include`s: objects
    /// key by key, arrays concatenated, anything else replaced by the
    /// overlay. A merged value is written where the overlay wrote it, or
    /// else where the base did.
    pub(crate) fn merge(base: Located, overlay: Located) -> Located {
        let at = overlay.at.or(base.at);
        let shape = match (base.shape, overlay.shape) {
            (Shape::Object(mut base), Shape::Object(overlay)) => {
                for (key, value) in overlay {
                    // `swap_remove`, as `serde_json::Map::remove` does with
                    // `preserve_order`: the merged keys keep the order
                    // every report so far was made with.
                    let merged = match base.swap_remove(&key) {
                        Some(existing) => Located::merge(existing, value),
                        None => value,
                    };
                    base.insert(key, merged);
                }
                Shape::Object(base)
            }
            (Shape::Array(mut base), Shape::Array(overlay)) => {
                base.extend(overlay);
                Shape::Array(base)
            }
            (_, overlay) => overlay,
        };
        Located { at, shape }
    }

    /// The plain value and the index of where each part was written.
    pub(crate) fn into_parts(self) -> (Value, SourceNode) {
        match self.shape {
            Shape::Scalar(value) => (value, SourceNode::leaf(self.at)),
            Shape::Array(items) => {
                let (values, nodes) = items.into_iter().map(Located::into_parts).unzip();
                (Value::Array(values), SourceNode::array(self.at, nodes))
            }
            Shape::Object(entries) => {
                let mut values = serde_json::Map::with_capacity(entries.len());
                let mut nodes = std::collections::BTreeMap::new();
                for (key, entry) in entries {
                    let (value, node) = entry.into_parts();
                    nodes.insert(key.clone(), node);
                    values.insert(key, value);
                }
                (Value::Object(values), SourceNode::object(self.at, nodes))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read(file: &str, text: &str) -> Located {
        super::super::reader::read(Path::new(file), text).expect("valid JSON5")
    }

    #[test]
    fn merges_values_and_locations_together() {
        let base = read("base.json", "{a: {x: 1, y: [1]}, b: 'base'}");
        let overlay = read("over.json", "{\na: {\ny: [2],\nz: true}, b: 'over'}");
        let (value, sources) = Located::merge(base, overlay).into_parts();
        assert_eq!(
            value,
            serde_json::json!({"a": {"x": 1, "y": [1, 2], "z": true}, "b": "over"})
        );
        let x = sources.locate("a.x").expect("a.x");
        assert_eq!((&*x.file, x.line), (Path::new("base.json"), 1));
        let second = sources.locate("a.y[1]").expect("a.y[1]");
        assert_eq!((&*second.file, second.line), (Path::new("over.json"), 3));
        let z = sources.locate("a.z").expect("a.z");
        assert_eq!((&*z.file, z.line), (Path::new("over.json"), 4));
    }

    #[test]
    fn an_empty_overlay_keeps_the_base() {
        let base = read("a.json", "{\n  x: 1,\n}");
        let (_, sources) = Located::merge(base, Located::empty_object()).into_parts();
        assert_eq!(sources.locate("x").map(|at| at.line), Some(2));
    }
}
