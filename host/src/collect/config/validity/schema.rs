//! OpenClaw's own JSON Schema of `openclaw.json` (`host/openclaw/`,
//! draft-07, compiled once per process) applied to a config, its errors
//! turned into issues where OpenClaw's validator (zod) reports them: an
//! unknown key at the object that holds it, a missing key at the key, a
//! union at the union unless exactly one of its forms failed only on
//! checks (then that form's issues), a discriminated union by its
//! discriminator.

use super::issue::{Step, ValuePath, quoted_key};
use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use serde_json::Value;
use std::sync::OnceLock;

/// OpenClaw's schema, prose stripped (`scripts/openclaw-schema.py`).
const SCHEMA: &str = include_str!("../../../../openclaw/openclaw.schema.json");

/// One problem the schema finds, before it is located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SchemaIssue {
    /// Where OpenClaw reports it.
    pub path: ValuePath,
    /// For an unknown key: the key (its own line is the one to show).
    pub key: Option<String>,
    /// What is wrong, in words of ours, without the config's values.
    pub message: String,
    /// Whether zod stops there (a wrong shape rather than a failed check):
    /// the refinements of every object around it then do not run.
    pub aborts: bool,
}

/// The schema, parsed once.
fn schema_value() -> Result<&'static Value, String> {
    static SCHEMA_VALUE: OnceLock<Result<Value, String>> = OnceLock::new();
    SCHEMA_VALUE
        .get_or_init(|| {
            serde_json::from_str(SCHEMA)
                .map_err(|error| format!("OpenClaw's vendored schema is not JSON: {error}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The schema, compiled once.
fn validator() -> Result<&'static jsonschema::Validator, String> {
    static VALIDATOR: OnceLock<Result<jsonschema::Validator, String>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            jsonschema::draft7::new(schema_value()?)
                .map_err(|error| format!("OpenClaw's vendored schema does not compile: {error}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Every issue OpenClaw's schema finds in `config`.
///
/// # Errors
///
/// When the vendored schema cannot be compiled (a build defect, which the
/// tests rule out).
pub(crate) fn issues(config: &Value) -> Result<Vec<SchemaIssue>, String> {
    let validator = validator()?;
    let schema = schema_value()?;
    let mut out = Vec::new();
    for error in validator.iter_errors(config) {
        translate(&error, schema, config, &mut out);
    }
    Ok(out)
}

/// The path of the value `error` is about.
fn path_of(error: &ValidationError<'_>) -> ValuePath {
    ValuePath(
        error
            .instance_path()
            .iter()
            .map(|segment| match segment {
                LocationSegment::Property(key) => Step::Key(key.into_owned()),
                LocationSegment::Index(index) => Step::Index(index),
            })
            .collect(),
    )
}

/// Whether zod stops at this problem (a wrong type, value or key), as
/// opposed to a failed check on a value of the right type (length, range,
/// pattern) or a key it does not know, after which a union may still pick
/// the form and refinements still run. A failed union stops unless the
/// form that speaks for it does not.
fn aborts(error: &ValidationError<'_>, schema: &Value, config: &Value) -> bool {
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { .. }
        | ValidationErrorKind::UnevaluatedProperties { .. }
        | ValidationErrorKind::MinLength { .. }
        | ValidationErrorKind::MaxLength { .. }
        | ValidationErrorKind::Pattern { .. }
        | ValidationErrorKind::Minimum { .. }
        | ValidationErrorKind::Maximum { .. }
        | ValidationErrorKind::ExclusiveMinimum { .. }
        | ValidationErrorKind::ExclusiveMaximum { .. }
        | ValidationErrorKind::MultipleOf { .. }
        | ValidationErrorKind::MinItems { .. }
        | ValidationErrorKind::MaxItems { .. }
        | ValidationErrorKind::MinProperties { .. }
        | ValidationErrorKind::MaxProperties { .. }
        | ValidationErrorKind::UniqueItems
        | ValidationErrorKind::Format { .. }
        | ValidationErrorKind::OneOfMultipleValid { .. } => false,
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            match speaker(error, schema, config) {
                Speaker::Form(errors) => errors.iter().any(|inner| aborts(inner, schema, config)),
                Speaker::NoForm { .. } | Speaker::Union => true,
            }
        }
        _ => true,
    }
}

/// Adds the issues `error` stands for to `out`.
fn translate(
    error: &ValidationError<'_>,
    schema: &Value,
    config: &Value,
    out: &mut Vec<SchemaIssue>,
) {
    let path = path_of(error);
    let issue = |path: ValuePath, message: String| SchemaIssue {
        path,
        key: None,
        message,
        aborts: true,
    };
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let known = known_keys(schema, error);
            for key in unexpected {
                let message = match suggestion(key, &known) {
                    Some(near) => {
                        format!("unknown key {} (did you mean \"{near}\"?)", quoted_key(key))
                    }
                    None => format!("unknown key {}", quoted_key(key)),
                };
                out.push(SchemaIssue {
                    path: path.clone(),
                    key: Some(key.clone()),
                    message,
                    aborts: false,
                });
            }
        }
        ValidationErrorKind::Required { property } => {
            let key = property.as_str().unwrap_or_default();
            out.push(issue(path.key(key), format!("\"{key}\" is required here")));
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            match speaker(error, schema, config) {
                Speaker::Form(errors) => {
                    for inner in errors {
                        translate(inner, schema, config, out);
                    }
                }
                Speaker::NoForm { key, allowed } => out.push(issue(
                    path.key(&key),
                    format!("\"{key}\" must be one of {allowed}"),
                )),
                Speaker::Union => match binding_form_issue(&path, context) {
                    Some(inner) => translate(inner, schema, config, out),
                    None => out.push(issue(
                        path,
                        "fits none of the forms allowed here".to_owned(),
                    )),
                },
            }
        }
        // zod takes the first form that fits.
        ValidationErrorKind::OneOfMultipleValid { .. } => {}
        ValidationErrorKind::PropertyNames { error: inner } => {
            // zod reports a record's key at the key.
            let key = inner.instance().as_str().unwrap_or_default().to_owned();
            out.push(issue(
                path.key(&key),
                format!(
                    "{} is not allowed as a key here: {}",
                    quoted_key(&key),
                    describe(inner.kind())
                ),
            ));
        }
        kind => out.push(SchemaIssue {
            aborts: aborts(error, schema, config),
            ..issue(path, describe(kind))
        }),
    }
}

/// Who speaks for a failed union, as zod decides.
enum Speaker<'e> {
    /// One form: the one the discriminator picks, the one other than
    /// `null`, or the one that failed only on checks.
    Form(&'e [ValidationError<'static>]),
    /// No form: the discriminator `key` holds none of `allowed`.
    NoForm { key: String, allowed: String },
    /// The union itself.
    Union,
}

/// Who speaks for the failed union `error` (an `anyOf`, or a `oneOf`,
/// which is zod's discriminated union when its forms fix one key).
fn speaker<'e>(error: &'e ValidationError<'_>, schema: &Value, config: &Value) -> Speaker<'e> {
    let (ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context }) =
        error.kind()
    else {
        return Speaker::Union;
    };
    if matches!(error.kind(), ValidationErrorKind::OneOfNotValid { .. }) {
        let value = config.pointer(&pointer(&path_of(error)));
        match discriminator(schema, error, value) {
            Some(Discriminated::Form(index)) => {
                return context
                    .get(index)
                    .map_or(Speaker::Union, |errors| Speaker::Form(errors));
            }
            Some(Discriminated::NoForm { key, allowed }) => {
                return Speaker::NoForm { key, allowed };
            }
            None => {}
        }
    }
    // A nullable value is not a union to zod: the other form speaks.
    let forms: Vec<&Vec<ValidationError<'static>>> = context
        .iter()
        .filter(|errors| !errors.iter().all(is_null_form_failure))
        .collect();
    if let [only] = forms.as_slice() {
        return Speaker::Form(only);
    }
    let open: Vec<&&Vec<ValidationError<'static>>> = forms
        .iter()
        .filter(|errors| !errors.iter().any(|inner| aborts(inner, schema, config)))
        .collect();
    match open.as_slice() {
        [only] => Speaker::Form(only),
        _ => Speaker::Union,
    }
}

/// OpenClaw's own reading of a failed binding (`bindings.N`): when the
/// route form failed on its `type` and exactly one other form is left, that
/// form's deepest issue (an unknown key first among equals) speaks, unless
/// it is about the binding as a whole.
fn binding_form_issue<'e>(
    path: &ValuePath,
    context: &'e [Vec<ValidationError<'static>>],
) -> Option<&'e ValidationError<'static>> {
    let is_binding = path.0.len() == 2
        && path.0[0] == Step::Key("bindings".to_owned())
        && matches!(path.0[1], Step::Index(_));
    if !is_binding {
        return None;
    }
    // How deep below the binding zod places it (a missing key at the key).
    let depth = |error: &ValidationError<'_>| {
        path_of(error).0.len().saturating_sub(path.0.len())
            + usize::from(matches!(error.kind(), ValidationErrorKind::Required { .. }))
    };
    let unknown = |error: &ValidationError<'_>| {
        matches!(
            error.kind(),
            ValidationErrorKind::AdditionalProperties { .. }
        )
    };
    let route_type_mismatch = |error: &ValidationError<'_>| {
        path_of(error) == path.key("type")
            && match error.kind() {
                ValidationErrorKind::Constant { expected_value } => expected_value == "route",
                ValidationErrorKind::Enum { options } => options
                    .as_array()
                    .is_some_and(|options| options.iter().any(|option| option == "route")),
                _ => false,
            }
    };
    let mut saw_route_mismatch = false;
    let mut chosen: Option<&ValidationError<'static>> = None;
    for errors in context {
        if errors.iter().any(route_type_mismatch) {
            saw_route_mismatch = true;
            continue;
        }
        let mut best: Option<&ValidationError<'static>> = None;
        for error in errors {
            let better = best.is_none_or(|best| {
                depth(error) > depth(best)
                    || (depth(error) == depth(best) && unknown(error) && !unknown(best))
            });
            if better {
                best = Some(error);
            }
        }
        if best.is_some() {
            if chosen.is_some() {
                return None;
            }
            chosen = best;
        }
    }
    chosen.filter(|best| saw_route_mismatch && (depth(best) > 0 || unknown(best)))
}

/// Whether `error` is a form `{ "type": "null" }` refusing a value.
fn is_null_form_failure(error: &ValidationError<'_>) -> bool {
    matches!(
        error.kind(),
        ValidationErrorKind::Type {
            kind: TypeKind::Single(jsonschema::JsonType::Null)
        }
    )
}

/// What a discriminated union's discriminator picks.
enum Discriminated {
    /// The form at this index.
    Form(usize),
    /// No form: the discriminator `key` holds none of `allowed`.
    NoForm { key: String, allowed: String },
}

/// For a `oneOf` whose every form fixes one key to a constant (zod's
/// discriminated union), the form `value`'s key picks.
fn discriminator(
    schema: &Value,
    error: &ValidationError<'_>,
    value: Option<&Value>,
) -> Option<Discriminated> {
    let forms = keyword_node(schema, error)?.as_array()?;
    let forms: Vec<&Value> = forms.iter().map(|form| resolve(schema, form)).collect();
    let constants = |form: &Value| -> Vec<(String, Value)> {
        form.get("properties")
            .and_then(Value::as_object)
            .map(|properties| {
                properties
                    .iter()
                    .filter_map(|(key, property)| {
                        let property = resolve(schema, property);
                        property
                            .get("const")
                            .cloned()
                            .or_else(|| {
                                property
                                    .get("enum")
                                    .and_then(Value::as_array)
                                    .filter(|options| options.len() == 1)
                                    .map(|options| options[0].clone())
                            })
                            .map(|constant| (key.clone(), constant))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let first = constants(forms.first()?);
    let key = first.iter().map(|(key, _)| key).find(|key| {
        forms
            .iter()
            .all(|form| constants(form).iter().any(|(other, _)| other == *key))
    })?;
    let chosen_by = |form: &Value| {
        constants(form)
            .into_iter()
            .find(|(other, _)| other == key)
            .map(|(_, constant)| constant)
    };
    // zod asks for an object before it reads the discriminator.
    let held = value.filter(|value| value.is_object())?.get(key);
    match forms
        .iter()
        .position(|form| chosen_by(form).as_ref() == held)
    {
        Some(index) => Some(Discriminated::Form(index)),
        None => Some(Discriminated::NoForm {
            key: key.clone(),
            allowed: forms
                .iter()
                .filter_map(|form| chosen_by(form))
                .map(|constant| constant.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// `form`, or the schema its local `$ref` names.
fn resolve<'s>(schema: &'s Value, form: &'s Value) -> &'s Value {
    form.get("$ref")
        .and_then(Value::as_str)
        .and_then(|reference| reference.strip_prefix('#'))
        .and_then(|pointer| schema.pointer(pointer))
        .unwrap_or(form)
}

/// The value of the keyword `error` comes from (its `oneOf` array, ...).
fn keyword_node<'s>(schema: &'s Value, error: &ValidationError<'_>) -> Option<&'s Value> {
    schema.pointer(error.schema_path().as_str())
}

/// `path` as a JSON pointer.
fn pointer(path: &ValuePath) -> String {
    path.0
        .iter()
        .map(|step| match step {
            Step::Key(key) => format!("/{}", key.replace('~', "~0").replace('/', "~1")),
            Step::Index(index) => format!("/{index}"),
        })
        .collect()
}

/// The keys the object schema holding the failed keyword allows.
fn known_keys(schema: &Value, error: &ValidationError<'_>) -> Vec<String> {
    let keyword = error.schema_path().as_str();
    let parent = keyword.rsplit_once('/').map_or("", |(parent, _)| parent);
    schema
        .pointer(parent)
        .and_then(|node| node.get("properties"))
        .and_then(Value::as_object)
        .map(|properties| properties.keys().cloned().collect())
        .unwrap_or_default()
}

/// The known key nearest `unknown`, when one is near enough to be a typo.
fn suggestion(unknown: &str, known: &[String]) -> Option<String> {
    known
        .iter()
        .map(|key| (strsim::damerau_levenshtein(unknown, key), key))
        .filter(|(distance, key)| *distance <= 2.max(key.len() / 4))
        .min()
        .map(|(_, key)| key.clone())
}

/// What is wrong, from the schema's side only: the config's value at
/// fault never appears (it may be a secret).
fn describe(kind: &ValidationErrorKind) -> String {
    match kind {
        ValidationErrorKind::Type { kind } => format!("must be {}", type_names(kind)),
        ValidationErrorKind::Enum { options } => match options.as_array() {
            Some(options) => format!("must be one of {}", list(options)),
            None => "is not an allowed value".to_owned(),
        },
        ValidationErrorKind::Constant { expected_value } => format!("must be {expected_value}"),
        ValidationErrorKind::MinLength { limit } => {
            format!("must be at least {limit} characters long")
        }
        ValidationErrorKind::MaxLength { limit } => {
            format!("must be at most {limit} characters long")
        }
        ValidationErrorKind::Pattern { pattern } => format!("does not match the pattern {pattern}"),
        ValidationErrorKind::Minimum { limit } => format!("must be at least {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("must be at most {limit}"),
        ValidationErrorKind::ExclusiveMinimum { limit } => format!("must be more than {limit}"),
        ValidationErrorKind::ExclusiveMaximum { limit } => format!("must be less than {limit}"),
        ValidationErrorKind::MultipleOf { multiple_of } => {
            format!("must be a multiple of {multiple_of}")
        }
        ValidationErrorKind::MinItems { limit } => format!("must hold at least {limit} item(s)"),
        ValidationErrorKind::MaxItems { limit } => format!("must hold at most {limit} item(s)"),
        ValidationErrorKind::MinProperties { limit } => {
            format!("must hold at least {limit} key(s)")
        }
        ValidationErrorKind::MaxProperties { limit } => format!("must hold at most {limit} key(s)"),
        ValidationErrorKind::UniqueItems => "must not repeat an item".to_owned(),
        ValidationErrorKind::Format { format } => format!("must be a valid {format}"),
        ValidationErrorKind::FalseSchema => "is not allowed here".to_owned(),
        ValidationErrorKind::Not { .. } => "is a form not allowed here".to_owned(),
        ValidationErrorKind::Required { property } => format!("{property} is required here"),
        ValidationErrorKind::AdditionalProperties { .. }
        | ValidationErrorKind::UnevaluatedProperties { .. } => {
            "holds a key not allowed here".to_owned()
        }
        _ => "is not valid here".to_owned(),
    }
}

/// `a string`, `a string or a number`.
fn type_names(kind: &TypeKind) -> String {
    let name = |kind: jsonschema::JsonType| match kind {
        jsonschema::JsonType::Null => "null",
        jsonschema::JsonType::Boolean => "a boolean",
        jsonschema::JsonType::Integer => "an integer",
        jsonschema::JsonType::Number => "a number",
        jsonschema::JsonType::String => "a string",
        jsonschema::JsonType::Array => "an array",
        jsonschema::JsonType::Object => "an object",
    };
    match kind {
        TypeKind::Single(kind) => name(*kind).to_owned(),
        TypeKind::Multiple(kinds) => kinds.iter().map(name).collect::<Vec<_>>().join(" or "),
    }
}

/// The schema's allowed values, listed.
fn list(options: &[Value]) -> String {
    options
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(config: &Value) -> Vec<String> {
        let mut found: Vec<String> = issues(config)
            .expect("the schema compiles")
            .iter()
            .map(|issue| issue.path.reference())
            .collect();
        found.sort();
        found.dedup();
        found
    }

    #[test]
    fn typos_are_refused_at_the_reference_paths_with_a_suggestion() {
        let config = serde_json::json!({
            "gatway": { "bind": "lan" },
            "agents": { "defaults": { "sandbox": { "mdoe": "all" } } }
        });
        let found = issues(&config).expect("compiles");
        assert_eq!(paths(&config), ["<root>", "agents.defaults.sandbox"]);
        let messages: Vec<&str> = found.iter().map(|issue| issue.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("did you mean \"gateway\"")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("did you mean \"mode\"")),
            "{messages:?}"
        );
    }

    #[test]
    fn no_message_holds_the_value_at_fault() {
        let planted = "sk-PLANTED-0123456789abcdef";
        let config = serde_json::json!({
            "gateway": { "bind": planted, "port": planted, "auth": { "mode": planted } },
            "agents": { "defaults": { "sandbox": { "mode": planted } } }
        });
        let found = issues(&config).expect("compiles");
        assert!(found.len() >= 3, "{found:#?}");
        for issue in found {
            assert!(!issue.message.contains(planted), "{issue:?}");
        }
    }

    #[test]
    fn every_pattern_of_the_schema_translates() {
        fn walk(value: &Value, out: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    for (key, child) in map {
                        if key == "pattern"
                            && let Some(text) = child.as_str()
                        {
                            out.push(text.to_owned());
                        }
                        if key == "patternProperties"
                            && let Some(keys) = child.as_object()
                        {
                            out.extend(keys.keys().cloned());
                        }
                        walk(child, out);
                    }
                }
                Value::Array(items) => items.iter().for_each(|item| walk(item, out)),
                _ => {}
            }
        }
        let mut patterns = Vec::new();
        walk(schema_value().expect("JSON"), &mut patterns);
        patterns.sort();
        patterns.dedup();
        let refused: Vec<&String> = patterns
            .iter()
            .filter(|pattern| jsonschema_regex::to_rust_regex(pattern).is_err())
            .collect();
        assert!(
            refused.is_empty(),
            "{} of {} refused: {refused:#?}",
            refused.len(),
            patterns.len()
        );
    }
}
