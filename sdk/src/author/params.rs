//! Plugin parameters: declared once per plugin with [`ParamMeta`], set by
//! an operator or a rule pack (`[params.<plugin-name>]` in `pincer.toml`),
//! validated before any check runs, read by checks through
//! [`View::param`](crate::View::param).
//!
//! Validation is strict on purpose: a parameter the plugin does not declare
//! or a value of the wrong type fails the plugin's run with a message that
//! names it, so a typo never silently weakens a policy.

use serde_json::{Map, Value};

/// The type of a parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A whole number in `min..=max`.
    Integer {
        /// Smallest value allowed.
        min: u64,
        /// Largest value allowed.
        max: u64,
    },
    /// `true` or `false`.
    Boolean,
    /// A string.
    String,
    /// An array of strings.
    StringList,
}

impl ParamKind {
    /// How the kind reads in messages and docs.
    pub fn describe(&self) -> String {
        match self {
            ParamKind::Integer { min, max } => format!("an integer from {min} to {max}"),
            ParamKind::Boolean => "true or false".to_owned(),
            ParamKind::String => "a string".to_owned(),
            ParamKind::StringList => "an array of strings".to_owned(),
        }
    }

    fn accepts(&self, value: &Value) -> bool {
        match self {
            ParamKind::Integer { min, max } => value
                .as_u64()
                .is_some_and(|number| (*min..=*max).contains(&number)),
            ParamKind::Boolean => value.is_boolean(),
            ParamKind::String => value.is_string(),
            ParamKind::StringList => value
                .as_array()
                .is_some_and(|items| items.iter().all(Value::is_string)),
        }
    }
}

/// One parameter a plugin takes.
#[derive(Debug, Clone, Copy)]
pub struct ParamMeta {
    /// Its name (camelCase, as written in `pincer.toml`).
    pub name: &'static str,
    /// The type of its value.
    pub kind: ParamKind,
    /// What it is when nobody sets it: declared here once, read by
    /// [`ParamMeta::integer`] and shown by [`ParamDefault::describe`].
    pub default: ParamDefault,
    /// What it controls.
    pub description: &'static str,
}

/// What a parameter is when nobody sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamDefault {
    /// This number.
    Integer(u64),
    /// No value; the words say what the plugin does then (`no inventory:
    /// nodes.not_in_inventory stays silent`).
    Unset(&'static str),
}

impl ParamDefault {
    /// The default as docs show it: the number, or the words.
    pub fn describe(&self) -> String {
        match self {
            ParamDefault::Integer(number) => number.to_string(),
            ParamDefault::Unset(words) => (*words).to_owned(),
        }
    }
}

impl ParamMeta {
    /// A whole-number parameter in `range`, `default` when nobody sets it.
    ///
    /// ```
    /// # use pincer_sdk::ParamMeta;
    /// pub const MAX_AGE_DAYS: ParamMeta = ParamMeta::integer_in(
    ///     "maxAgeDays",
    ///     1..=3650,
    ///     90,
    ///     "Days a token may stay in place.",
    /// );
    /// ```
    #[must_use]
    pub const fn integer_in(
        name: &'static str,
        range: std::ops::RangeInclusive<u64>,
        default: u64,
        description: &'static str,
    ) -> ParamMeta {
        ParamMeta {
            name,
            kind: ParamKind::Integer {
                min: *range.start(),
                max: *range.end(),
            },
            default: ParamDefault::Integer(default),
            description,
        }
    }

    /// A whole-number parameter in `range` without a default; `when_unset`
    /// says what the plugin does when nobody sets it.
    #[must_use]
    pub const fn optional_integer_in(
        name: &'static str,
        range: std::ops::RangeInclusive<u64>,
        when_unset: &'static str,
        description: &'static str,
    ) -> ParamMeta {
        ParamMeta {
            default: ParamDefault::Unset(when_unset),
            ..ParamMeta::integer_in(name, range, 0, description)
        }
    }

    /// A list-of-strings parameter; `when_unset` says what the plugin does
    /// when nobody sets it (`no inventory: nodes.not_in_inventory stays
    /// silent`).
    #[must_use]
    pub const fn string_list(
        name: &'static str,
        when_unset: &'static str,
        description: &'static str,
    ) -> ParamMeta {
        ParamMeta {
            name,
            kind: ParamKind::StringList,
            default: ParamDefault::Unset(when_unset),
            description,
        }
    }

    /// Its value in `view` (validated before any check ran), else its
    /// declared default; `None` when it is unset and has no default number.
    pub fn integer(&self, view: &crate::View) -> Option<u64> {
        view.param::<u64>(self.name).or(match self.default {
            ParamDefault::Integer(number) => Some(number),
            ParamDefault::Unset(_) => None,
        })
    }

    /// Its value in `view` as a list of strings, when set.
    pub fn strings(&self, view: &crate::View) -> Option<Vec<String>> {
        view.param(self.name)
    }
}

/// Checks `params` (a JSON object) against the declared parameters.
pub fn validate(declared: &[ParamMeta], params: &Map<String, Value>) -> Result<(), String> {
    for (name, value) in params {
        let Some(meta) = declared.iter().find(|meta| meta.name == name) else {
            let known: Vec<&str> = declared.iter().map(|meta| meta.name).collect();
            return Err(if known.is_empty() {
                format!("unknown parameter `{name}`: this plugin takes no parameters")
            } else {
                format!(
                    "unknown parameter `{name}` (this plugin takes: {})",
                    known.join(", ")
                )
            });
        };
        if !meta.kind.accepts(value) {
            return Err(format!(
                "parameter `{name}` must be {}, not `{value}`",
                meta.kind.describe()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const DECLARED: &[ParamMeta] = &[
        ParamMeta {
            name: "staleDays",
            kind: ParamKind::Integer { min: 1, max: 3650 },
            default: ParamDefault::Integer(30),
            description: "",
        },
        ParamMeta {
            name: "approvedNodes",
            kind: ParamKind::StringList,
            default: ParamDefault::Unset("no inventory check"),
            description: "",
        },
    ];

    fn check(params: Value) -> Result<(), String> {
        validate(DECLARED, params.as_object().unwrap())
    }

    #[test]
    fn declared_params_of_the_right_type_pass() {
        assert_eq!(check(json!({})), Ok(()));
        assert_eq!(
            check(json!({"staleDays": 7, "approvedNodes": ["a"]})),
            Ok(())
        );
    }

    #[test]
    fn unknown_names_and_wrong_types_are_named() {
        let error = check(json!({"staleDay": 7})).unwrap_err();
        assert!(error.contains("`staleDay`") && error.contains("staleDays, approvedNodes"));
        let error = check(json!({"staleDays": "7"})).unwrap_err();
        assert!(error.contains("`staleDays`") && error.contains("from 1 to 3650"));
        assert!(check(json!({"staleDays": 0})).is_err());
        assert!(check(json!({"approvedNodes": ["a", 1]})).is_err());
        let error = validate(&[], json!({"x": 1}).as_object().unwrap()).unwrap_err();
        assert!(error.contains("takes no parameters"));
    }
}
