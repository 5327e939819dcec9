//! Deep merge as OpenClaw applies it to `$include`s: objects merge key by
//! key, arrays concatenate, and anything else is replaced by the overlay.

use serde_json::Value;

/// Merges `overlay` into `base` and returns the result.
pub(crate) fn deep_merge(base: Value, overlay: Value) -> Value {
    match (base, overlay) {
        (Value::Object(mut base), Value::Object(overlay)) => {
            for (key, value) in overlay {
                let merged = match base.remove(&key) {
                    Some(existing) => deep_merge(existing, value),
                    None => value,
                };
                base.insert(key, merged);
            }
            Value::Object(base)
        }
        (Value::Array(mut base), Value::Array(overlay)) => {
            base.extend(overlay);
            Value::Array(base)
        }
        (_, overlay) => overlay,
    }
}

#[cfg(test)]
mod tests {
    use super::deep_merge;
    use serde_json::json;

    #[test]
    fn objects_merge_arrays_concatenate_scalars_replace() {
        let base = json!({"a": {"x": 1, "y": [1]}, "b": "base"});
        let overlay = json!({"a": {"y": [2], "z": true}, "b": "overlay"});
        assert_eq!(
            deep_merge(base, overlay),
            json!({"a": {"x": 1, "y": [1, 2], "z": true}, "b": "overlay"})
        );
    }
}
