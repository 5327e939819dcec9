//! The shape of a component, bounded before anything compiles it. The
//! compiler's time and memory grow with a function's size and with how
//! deeply its blocks nest, so a small file of nested blocks can cost
//! seconds and gigabytes; one linear pass over the binary (wasmparser,
//! no recursion) refuses what is past these bounds. They sit far above
//! what real components of Rust, C, Python or JavaScript need.

use super::failure::CompileError;
use wasmparser::{Encoding, Operator, Parser, Payload};

/// Largest component file.
pub(crate) const MAX_COMPONENT_BYTES: usize = 64 << 20;
/// Largest function body.
pub(super) const MAX_FUNCTION_BYTES: usize = 4 << 20;
/// Deepest nesting of blocks, loops and ifs in one function.
pub(super) const MAX_NESTING: usize = 4_096;
/// Most functions with a body, over all core modules.
pub(super) const MAX_FUNCTIONS: u64 = 200_000;
/// Most core modules, nested ones included.
pub(super) const MAX_MODULES: usize = 256;
/// Deepest nesting of components and modules.
pub(super) const MAX_DEPTH: usize = 16;

/// Checks `bytes` before compiling: malformed bytes are
/// [`CompileError::Invalid`], a shape past a bound [`CompileError::Limit`].
pub(super) fn check(bytes: &[u8]) -> Result<(), CompileError> {
    shape(bytes).map_err(|problem| match problem {
        Problem::Malformed(message) => CompileError::Invalid(message),
        Problem::Bound(message) => CompileError::Limit(message),
    })
}

enum Problem {
    Malformed(String),
    Bound(String),
}

impl From<String> for Problem {
    fn from(message: String) -> Problem {
        Problem::Bound(message)
    }
}

fn shape(bytes: &[u8]) -> Result<(), Problem> {
    if bytes.len() > MAX_COMPONENT_BYTES {
        return Err(Problem::Bound(format!(
            "is {} bytes, over the bound of {MAX_COMPONENT_BYTES} for a plugin",
            bytes.len()
        )));
    }
    let malformed = |error: wasmparser::BinaryReaderError| {
        Problem::Malformed(format!(
            "is not a valid component: {}",
            crate::text::line(&error.to_string(), 300)
        ))
    };
    let mut depth = 0usize;
    let (mut modules, mut functions) = (0usize, 0u64);
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(malformed)? {
            Payload::Version { encoding, .. } => {
                depth += 1;
                if encoding == Encoding::Module {
                    modules += 1;
                }
                if depth > MAX_DEPTH {
                    return Err(
                        format!("nests components and modules more than {MAX_DEPTH} deep").into(),
                    );
                }
                if modules > MAX_MODULES {
                    return Err(format!("holds more than {MAX_MODULES} core modules").into());
                }
            }
            Payload::End(_) => depth = depth.saturating_sub(1),
            Payload::CodeSectionStart { count, .. } => {
                functions += u64::from(count);
                if functions > MAX_FUNCTIONS {
                    return Err(format!("holds more than {MAX_FUNCTIONS} functions").into());
                }
            }
            Payload::CodeSectionEntry(body) => {
                if body.range().len() > MAX_FUNCTION_BYTES {
                    return Err(format!(
                        "has a function of {} bytes, over the bound of {MAX_FUNCTION_BYTES}",
                        body.range().len()
                    )
                    .into());
                }
                let mut operators = body.get_operators_reader().map_err(malformed)?;
                let mut nesting = 1usize;
                while !operators.eof() {
                    match operators.read().map_err(malformed)? {
                        Operator::Block { .. }
                        | Operator::Loop { .. }
                        | Operator::If { .. }
                        | Operator::Try { .. }
                        | Operator::TryTable { .. } => {
                            nesting += 1;
                            if nesting > MAX_NESTING {
                                return Err(format!(
                                    "nests blocks more than {MAX_NESTING} deep in one function"
                                )
                                .into());
                            }
                        }
                        Operator::End => nesting = nesting.saturating_sub(1),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_not_a_component() {
        let refused = check(b"\0asm\x0d\0\x01\0garbage");
        assert!(
            matches!(refused, Err(CompileError::Invalid(p)) if p.contains("not a valid component"))
        );
    }
}
