//! The compiled-plugin cache: a component compiled once is stored as
//! native code in the user's cache directory and loaded from there on later
//! runs, so a warm audit compiles nothing.
//!
//! Loading compiled code is `unsafe` in wasmtime for a reason: the bytes are
//! machine code that runs as this process, and wasmtime only checks that
//! they were made by the same wasmtime with the same settings. So an entry
//! is used only when every one of these holds, and otherwise it is ignored
//! and replaced:
//!
//! 1. The cache directory is a real directory (not a symlink) owned by the
//!    current user that no one else may write to. Then only this user, who
//!    can run any code as themselves anyway, can have written the entry;
//!    deserialising grants nothing they did not have. A directory others
//!    can write to is not used at all (the audit still runs, compiling).
//! 2. The entry is a regular file owned by the current user, not writable
//!    by group or others.
//! 3. Its header is Pincer's: a magic line, the key it was stored under
//!    (the component's SHA-256, the wasmtime version and the engine's
//!    compatibility hash), and the SHA-256 of the compiled bytes, which must
//!    match. A truncated, corrupt or foreign entry (another plugin's,
//!    another wasmtime's, another setting's) fails here.
//!
//! Entries are written to a private temporary file and renamed into place,
//! so a reader never sees half an entry. The cache is the only place Pincer
//! writes besides `--output`; it is never inside the audited installation.

use sha2::{Digest, Sha256};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use wasmtime::Engine;
use wasmtime::component::Component;

const MAGIC: &[u8] = b"pincer-compiled-component/1\n";
const HEADER_LEN: usize = MAGIC.len() + 64 + 1 + 64 + 1;

/// Where compiled plugins are kept, or nowhere.
#[derive(Debug, Clone, Default)]
pub struct CompiledCache {
    dir: Option<PathBuf>,
}

/// How a plugin came to be compiled, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CompileSource {
    /// Loaded from the cache: nothing compiled.
    Cache,
    /// Compiled now (and stored, when a cache is in use).
    Compiled,
}

/// Feeds a `Hash` into SHA-256, to turn the engine's compatibility hash
/// into stable bytes.
struct ShaHasher(Sha256);

impl Hasher for ShaHasher {
    fn finish(&self) -> u64 {
        0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}

impl CompiledCache {
    /// No cache: every run compiles.
    pub fn disabled() -> CompiledCache {
        CompiledCache { dir: None }
    }

    /// A cache in `dir`, created owner-only if missing. A directory that is
    /// not safe to load code from (see the module doc) disables the cache.
    pub fn at(dir: PathBuf) -> CompiledCache {
        if let Err(error) = create_private_dir(&dir) {
            tracing_note(&format!(
                "compiled-plugin cache {} not used: {error}",
                dir.display()
            ));
            return CompiledCache::disabled();
        }
        match safe_dir(&dir) {
            Ok(()) => CompiledCache { dir: Some(dir) },
            Err(reason) => {
                tracing_note(&format!(
                    "compiled-plugin cache {} not used: {reason}",
                    dir.display()
                ));
                CompiledCache::disabled()
            }
        }
    }

    /// The default place: `$PINCER_CACHE_DIR`, else `$XDG_CACHE_HOME/pincer`,
    /// else `~/.cache/pincer`.
    pub fn default_dir() -> Option<PathBuf> {
        let var = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
        var("PINCER_CACHE_DIR")
            .map(PathBuf::from)
            .or_else(|| var("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("pincer")))
            .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".cache").join("pincer")))
    }

    /// The directory in use, if any.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The component for `bytes` (whose SHA-256 is `sha256`): from the
    /// cache when a trustworthy entry is there, else compiled and stored.
    pub fn component(
        &self,
        engine: &Engine,
        bytes: &[u8],
        sha256: &str,
    ) -> wasmtime::Result<(Component, CompileSource)> {
        let Some(dir) = &self.dir else {
            return Ok((Component::new(engine, bytes)?, CompileSource::Compiled));
        };
        let key = key(engine, sha256);
        let path = dir.join(format!("{key}.cwasm"));
        if let Some(compiled) = read_entry(&path, &key) {
            // SAFETY: the entry passed every condition of the module doc:
            // a private directory, a private file owned by this user, and
            // a header naming this key and the digest of these very bytes;
            // wasmtime checks its own version and settings on top.
            #[allow(
                unsafe_code,
                reason = "loading code this user compiled; see the module doc"
            )]
            let loaded = unsafe { Component::deserialize(engine, &compiled) };
            if let Ok(component) = loaded {
                return Ok((component, CompileSource::Cache));
            }
        }
        let component = Component::new(engine, bytes)?;
        if let Ok(compiled) = component.serialize() {
            // A cache that cannot be written only costs time.
            let _ = write_entry(dir, &path, &key, &compiled);
        }
        Ok((component, CompileSource::Compiled))
    }
}

/// The cache key: the component, the wasmtime version and the engine's
/// settings, as hex SHA-256.
fn key(engine: &Engine, sha256: &str) -> String {
    let mut hasher = ShaHasher(Sha256::new());
    sha256.hash(&mut hasher);
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    engine.precompile_compatibility_hash().hash(&mut hasher);
    format!("{:x}", hasher.0.finalize())
}

/// Where the host reports why the cache is not used: stderr, once, short.
fn tracing_note(message: &str) {
    #[allow(clippy::print_stderr, reason = "a warning the operator should see")]
    {
        eprintln!("pincer: {message}");
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Condition 1 of the module doc.
fn safe_dir(dir: &Path) -> Result<(), String> {
    let metadata = std::fs::symlink_metadata(dir).map_err(|e| e.to_string())?;
    if !metadata.is_dir() {
        return Err("not a directory (or a symlink)".to_owned());
    }
    private(&metadata)
}

#[cfg(unix)]
fn private(metadata: &std::fs::Metadata) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    if metadata.uid() != rustix::process::geteuid().as_raw() {
        return Err("owned by another user".to_owned());
    }
    if metadata.mode() & 0o022 != 0 {
        return Err(format!(
            "group or others may write to it (mode {:o}); chmod go-w it",
            metadata.mode() & 0o777
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn private(_metadata: &std::fs::Metadata) -> Result<(), String> {
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_a: &std::fs::Metadata, _b: &std::fs::Metadata) -> bool {
    true
}

/// Conditions 2 and 3 of the module doc: the compiled bytes, or none.
fn read_entry(path: &Path, key: &str) -> Option<Vec<u8>> {
    let metadata = std::fs::symlink_metadata(path).ok()?;
    if !metadata.is_file() || private(&metadata).is_err() {
        return None;
    }
    // Read through the handle that was checked: the file opened must be the
    // very file stated above (not one swapped in between).
    let mut file = std::fs::File::open(path).ok()?;
    if !same_file(&metadata, &file.metadata().ok()?) {
        return None;
    }
    let mut entry = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut entry).ok()?;
    let header = entry.get(..HEADER_LEN)?;
    let rest = header.strip_prefix(MAGIC)?;
    let (stored_key, rest) = rest.split_at(64);
    let (digest, _) = rest.get(1..)?.split_at(64);
    if stored_key != key.as_bytes() {
        return None;
    }
    let compiled = entry.get(HEADER_LEN..)?;
    let actual = format!("{:x}", Sha256::digest(compiled));
    (digest == actual.as_bytes()).then(|| compiled.to_vec())
}

fn write_entry(dir: &Path, path: &Path, key: &str, compiled: &[u8]) -> std::io::Result<()> {
    let mut file = tempfile::Builder::new()
        .prefix(".entry-")
        .tempfile_in(dir)?;
    file.write_all(MAGIC)?;
    file.write_all(key.as_bytes())?;
    file.write_all(b"\n")?;
    file.write_all(format!("{:x}", Sha256::digest(compiled)).as_bytes())?;
    file.write_all(b"\n")?;
    file.write_all(compiled)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_refuse_tampering() {
        let dir = tempfile::tempdir().unwrap();
        let key = "a".repeat(64);
        let path = dir.path().join("x.cwasm");
        write_entry(dir.path(), &path, &key, b"compiled bytes").unwrap();
        assert_eq!(read_entry(&path, &key).unwrap(), b"compiled bytes");
        assert!(read_entry(&path, &"b".repeat(64)).is_none(), "foreign key");
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(read_entry(&path, &key).is_none(), "corrupt payload");
        std::fs::write(&path, b"short").unwrap();
        assert!(read_entry(&path, &key).is_none(), "truncated");
    }

    #[cfg(unix)]
    #[test]
    fn a_directory_others_can_write_is_not_used() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
        assert!(CompiledCache::at(shared).dir().is_none());
        let private = dir.path().join("private");
        assert!(CompiledCache::at(private.clone()).dir().is_some());
        let mode = std::fs::metadata(&private).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
