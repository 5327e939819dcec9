//! The JSON Schemas of the JSON the WIT serves — `gateway.state()`,
//! `nodes.paired()`, `nodes.pending()`, `baseline.previous()` — generated
//! from the SDK's serde types (what the host serialises) into
//! `docs/schemas/`, so an author in another language reads a contract, not
//! prose. A test fails when a committed schema is stale (with
//! `PINCER_BLESS=1` it writes it), when an example in the WIT's docs breaks
//! its schema, and when what the real binary serves breaks one.

use crate::support::{pincer, root, text};
use pincer_sdk::baseline::Baseline;
use pincer_sdk::{GatewayState, PairedDevice, PendingPairing};
use schemars::generate::SchemaSettings;
use serde_json::Value;

const REGENERATE: &str = "PINCER_BLESS=1 cargo test --test e2e wit_schemas";

/// One schema: its file, the WIT file whose examples it types and the
/// type it is generated from.
struct WitSchema {
    file: &'static str,
    wit: &'static str,
    /// Which of the WIT file's ```json examples (0-based) it types.
    example: usize,
    /// Whether the function returns a list of what the example shows.
    list: bool,
    schema: fn() -> Value,
}

/// The schema of `T` as the host serialises it (fields it always writes
/// are required), in JSON Schema 2020-12.
fn schema_of<T: schemars::JsonSchema>() -> Value {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    serde_json::to_value(generator.into_root_schema_for::<T>()).unwrap()
}

const SCHEMAS: &[WitSchema] = &[
    WitSchema {
        file: "gateway-state.schema.json",
        wit: "gateway.wit",
        example: 0,
        list: false,
        schema: schema_of::<GatewayState>,
    },
    WitSchema {
        file: "nodes-paired.schema.json",
        wit: "nodes.wit",
        example: 0,
        list: true,
        schema: schema_of::<Vec<PairedDevice>>,
    },
    WitSchema {
        file: "nodes-pending.schema.json",
        wit: "nodes.wit",
        example: 1,
        list: true,
        schema: schema_of::<Vec<PendingPairing>>,
    },
    WitSchema {
        file: "baseline.schema.json",
        wit: "baseline.wit",
        example: 0,
        list: false,
        schema: schema_of::<Baseline>,
    },
];

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::validator_for(schema).unwrap()
}

/// `schema` refusing properties it does not name, so an example with a
/// misspelt key fails (the host's schemas stay open, as the contract adds
/// fields).
fn strict(mut schema: Value) -> Value {
    fn close(value: &mut Value) {
        match value {
            Value::Object(map) => {
                if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                    map.insert("additionalProperties".into(), Value::Bool(false));
                }
                map.values_mut().for_each(close);
            }
            Value::Array(items) => items.iter_mut().for_each(close),
            _ => {}
        }
    }
    close(&mut schema);
    schema
}

fn problems(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .take(10)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect()
}

/// The ```json blocks of a WIT file's doc comments, in order.
fn examples(wit: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("wit").join(wit)).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let doc = line.trim_start().strip_prefix("///").unwrap_or_default();
        let doc = doc.strip_prefix(' ').unwrap_or(doc);
        match (&mut current, doc.trim()) {
            (None, "```json") => current = Some(String::new()),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some(block), _) => {
                block.push_str(doc);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn the_committed_schemas_are_generated_from_the_sdk_types() {
    let mut stale = Vec::new();
    for schema in SCHEMAS {
        let path = root().join("docs/schemas").join(schema.file);
        let generated = format!(
            "{}\n",
            serde_json::to_string_pretty(&(schema.schema)()).unwrap()
        );
        if std::env::var_os("PINCER_BLESS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
            stale.push(schema.file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale under docs/schemas/: {stale:?}; regenerate with `{REGENERATE}`"
    );
}

#[test]
fn every_example_in_the_wit_docs_fits_its_schema() {
    for schema in SCHEMAS {
        let blocks = examples(schema.wit);
        let block = blocks.get(schema.example).unwrap_or_else(|| {
            panic!("wit/{} has no JSON example #{}", schema.wit, schema.example)
        });
        let example: Value = serde_json::from_str(block).unwrap_or_else(|error| {
            panic!(
                "wit/{}'s example #{} is not JSON: {error}\n{block}",
                schema.wit, schema.example
            )
        });
        let instance = if schema.list {
            Value::Array(vec![example])
        } else {
            example
        };
        let found = problems(&validator(&strict((schema.schema)())), &instance);
        assert!(
            found.is_empty(),
            "wit/{}'s example #{} breaks {}:\n{}",
            schema.wit,
            schema.example,
            schema.file,
            found.join("\n")
        );
    }
}

#[test]
fn what_the_binary_serves_fits_the_schemas() {
    // The example installation has a state database with paired devices,
    // pending requests and gateway records.
    let home = root().join("examples/openclaw-home");
    let output = pincer()
        .args(["view", "--state-dir"])
        .arg(&home)
        .args(["--config"])
        .arg(home.join("openclaw.json"))
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    let view: Value = serde_json::from_str(&stdout).unwrap();
    for (key, file) in [
        ("gateway", "gateway-state.schema.json"),
        ("paired", "nodes-paired.schema.json"),
        ("pending", "nodes-pending.schema.json"),
    ] {
        let schema = SCHEMAS.iter().find(|schema| schema.file == file).unwrap();
        let served = &view["state"][key];
        assert!(!served.is_null(), "pincer view has no `{key}`: {stdout}");
        let found = problems(&validator(&(schema.schema)()), served);
        assert!(
            found.is_empty(),
            "{key} breaks {file}:\n{}",
            found.join("\n")
        );
    }
}
