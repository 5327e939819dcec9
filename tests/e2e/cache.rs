//! The compiled-plugin cache through the real binary: a warm run compiles
//! nothing, a corrupt or foreign entry is ignored and replaced, a cache
//! directory others may write to is not used, and `--no-cache` neither
//! reads nor writes one.

use crate::support::{Audit, audit, root};
use std::path::Path;

fn hardened() -> String {
    root()
        .join("examples/configs/hardened.json")
        .display()
        .to_string()
}

fn run(extra: &[&str]) -> Audit {
    let config = hardened();
    let mut args = vec!["--config", config.as_str(), "--fail-on", "never"];
    args.extend_from_slice(extra);
    let result = audit(&args, &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    result
}

/// How each plugin's code was obtained: `cache` or `compiled`.
fn compiled(result: &Audit) -> Vec<String> {
    result.report["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|plugin| plugin["compiled"].as_str().unwrap().to_owned())
        .collect()
}

fn entries(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "cwasm"))
        .collect();
    found.sort();
    found
}

#[test]
fn a_warm_run_compiles_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let cache_arg = cache.to_str().unwrap();
    let cold = run(&["--cache-dir", cache_arg]);
    assert!(compiled(&cold).iter().all(|how| how == "compiled"));
    assert_eq!(entries(&cache).len(), compiled(&cold).len());
    let warm = run(&["--cache-dir", cache_arg]);
    assert!(
        compiled(&warm).iter().all(|how| how == "cache"),
        "{:?}",
        compiled(&warm)
    );
    assert_eq!(cold.pairs(), warm.pairs());
}

#[test]
fn corrupt_and_foreign_entries_are_ignored_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let cache_arg = cache.to_str().unwrap();
    run(&["--cache-dir", cache_arg]);
    let files = entries(&cache);
    assert!(files.len() >= 2);
    // One entry damaged in its compiled code, another swapped for a
    // different plugin's entry under its name.
    let mut damaged = std::fs::read(&files[0]).unwrap();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0xff;
    // files[0] becomes a valid entry of another plugin (foreign key),
    // files[1] its own entry damaged in the middle.
    std::fs::copy(&files[1], &files[0]).unwrap();
    std::fs::write(&files[1], &damaged).unwrap();
    let again = run(&["--cache-dir", cache_arg]);
    let how = compiled(&again);
    assert_eq!(
        how.iter().filter(|h| *h == "compiled").count(),
        2,
        "{how:?}"
    );
    let healed = run(&["--cache-dir", cache_arg]);
    assert!(compiled(&healed).iter().all(|how| how == "cache"));
}

#[cfg(unix)]
#[test]
fn a_cache_others_may_write_to_is_not_used() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("shared");
    std::fs::create_dir(&cache).unwrap();
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o777)).unwrap();
    let result = run(&["--cache-dir", cache.to_str().unwrap()]);
    assert!(compiled(&result).iter().all(|how| how == "compiled"));
    assert!(entries(&cache).is_empty());
    assert!(result.stderr.contains("not used"), "{}", result.stderr);
}

#[test]
fn no_cache_reads_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let cache_arg = cache.to_str().unwrap();
    run(&["--cache-dir", cache_arg]);
    let before = crate::support::digest(&cache);
    // The cache would be this one, were it not for --no-cache.
    let config = hardened();
    let result = audit(
        &["--config", &config, "--fail-on", "never", "--no-cache"],
        &[("PINCER_CACHE_DIR", cache_arg)],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(compiled(&result).iter().all(|how| how == "compiled"));
    assert_eq!(before, crate::support::digest(&cache));
}

#[test]
fn a_cache_inside_the_audited_state_dir_is_never_created() {
    let (_home, config, state) = crate::support::private_home(Path::new(&hardened()));
    let before = crate::support::digest(Path::new(&state));
    let cache = Path::new(&state).join("cache");
    let result = run_on(&config, &state, cache.to_str().unwrap());
    assert!(compiled(&result).iter().all(|how| how == "compiled"));
    assert!(!cache.exists());
    assert_eq!(before, crate::support::digest(Path::new(&state)));
}

fn run_on(config: &str, state: &str, cache: &str) -> Audit {
    let args = [
        "--config",
        config,
        "--state-dir",
        state,
        "--cache-dir",
        cache,
        "--fail-on",
        "never",
    ];
    let result = audit(&args, &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    result
}
