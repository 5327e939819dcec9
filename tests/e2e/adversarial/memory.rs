//! Memory and compilation: one cap for all of a plugin's memories and
//! tables together, a shape bound before anything compiles, and a compile
//! of an untrusted plugin bounded in time and memory — each past its bound
//! that plugin's failure, never the host's.

use super::forge::{
    Check, Finding, Forged, huge_function, many_memories, many_tables, nested_blocks,
};
use super::{assert_plugin_failed, forged};
use crate::support::adversarial_plugin;

fn plain() -> Forged {
    Forged::new(
        "acme-shape",
        vec![Check::new("acme.shape")],
        vec![Finding::new("acme.shape")],
    )
}

fn assert_failed(wat: &str, name: &str, reason: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    assert_file_failed(&forged(&dir, name, wat), reason, extra)
}

/// Audits with the plugin `wasm` and asserts it failed alone for `reason`;
/// returns the failure's message.
fn assert_file_failed(wasm: &std::path::Path, reason: &str, extra: &[&str]) -> String {
    let (_, status) = assert_plugin_failed(wasm, &[reason], extra);
    status["failure"]["message"].as_str().unwrap().to_owned()
}

#[test]
fn many_memories_share_one_cap() {
    // 32 instances, each with a 32 MiB memory it fills: 1 GiB of host
    // memory under a per-memory cap of 64 MiB; one cap for all of them
    // stops the third.
    assert_failed(
        &many_memories(&plain(), 32, 512),
        "many-memories",
        "memory-limit",
        &[],
    );
}

#[test]
fn many_tables_share_one_cap() {
    assert_failed(
        &many_tables(&plain(), 32, 90_000),
        "many-tables",
        "memory-limit",
        &[],
    );
}

#[test]
fn blocks_nested_past_the_bound_are_refused_before_compiling() {
    let message = assert_failed(
        &nested_blocks(&plain(), 100_000),
        "nested",
        "compile-limit",
        &["--no-cache"],
    );
    assert!(message.contains("nests blocks"), "{message}");
}

#[test]
fn a_function_past_the_size_bound_is_refused_before_compiling() {
    let message = assert_failed(
        &huge_function(&plain(), 5 << 20),
        "huge-function",
        "compile-limit",
        &["--no-cache"],
    );
    assert!(message.contains("function of"), "{message}");
}

/// Audits a small real plugin, compiled afresh under `limit`, and asserts
/// the compile failed that plugin alone with a message holding `words`.
fn assert_compile_failed(limit: &[&str], words: &str) {
    let mut extra = vec!["--no-cache"];
    extra.extend_from_slice(limit);
    let message = assert_file_failed(&adversarial_plugin("exits"), "compile-limit", &extra);
    assert!(message.contains(words), "{message}");
}

#[test]
fn a_compile_past_its_memory_is_the_plugin_failure() {
    assert_compile_failed(&["--compile-memory", "8MiB"], "memory");
}

#[test]
fn a_compile_past_its_time_is_the_plugin_failure() {
    // No compile, nor even the start of the compiling process, fits in a
    // microsecond on any machine.
    assert_compile_failed(&["--compile-timeout", "1us"], "longer than");
}
