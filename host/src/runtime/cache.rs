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
//! 3. Its record (`KEY.meta`) is Pincer's: a magic line, the key it was
//!    stored under (the component's SHA-256, the wasmtime version and the
//!    engine's compatibility hash), the SHA-256 of the compiled code
//!    (`KEY.cwasm`) and the code file's stamp when it was written (device,
//!    inode, size, modification and change times: `stamp.rs`). The code
//!    must still carry that stamp — it has not been changed through the
//!    file system since Pincer wrote and hashed it — or else hash to the
//!    recorded digest as it is read now (a cache copied elsewhere, a
//!    system without stamps). A truncated, corrupt or foreign entry
//!    (another plugin's, another wasmtime's, another setting's) fails here.
//!
//! The code is then mapped by wasmtime straight from its file
//! (`deserialize_file`), not copied through memory: between the digest
//! check and the mapping only this user could change the file (condition
//! 1). Each file is written to a private temporary file and renamed into
//! place, the code before its record, so a reader never sees half an entry
//! and a record never vouches for code it did not hash. The cache is the only place Pincer
//! writes besides `--output`; it is never inside the audited installation.

use super::failure::CompileError;
use sha2::{Digest, Sha256};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use wasmtime::Engine;
use wasmtime::component::Component;

const MAGIC: &[u8] = b"pincer-compiled-component/3\n";
/// The longest record: magic, key, digest, stamp, each on its line.
const RECORD_MAX: usize = MAGIC.len() + 65 + 65 + 128;

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
        if let Err(error) = crate::output::private_dir::create(&dir) {
            tracing_note(&format!(
                "compiled-plugin cache {} not used: {error}",
                dir.display()
            ));
            return CompiledCache::disabled();
        }
        match crate::output::private_dir::check(&dir) {
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
    pub fn default_dir(env: &crate::env::Env) -> Option<PathBuf> {
        env.path("PINCER_CACHE_DIR")
            .or_else(|| env.path("XDG_CACHE_HOME").map(|d| d.join("pincer")))
            .or_else(|| env.home().map(|h| h.join(".cache").join("pincer")))
    }

    /// The directory in use, if any.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The component whose bytes have the SHA-256 `sha256`: from the cache
    /// when a trustworthy entry is there, else made by `compile` (native
    /// code for `engine`) and stored.
    pub fn component(
        &self,
        engine: &Engine,
        sha256: &str,
        compile: &dyn Fn() -> Result<Vec<u8>, CompileError>,
    ) -> Result<(Component, CompileSource), CompileError> {
        let entry = self.dir.as_ref().map(|dir| {
            let key = key(engine, sha256);
            let code = dir.join(format!("{key}.cwasm"));
            let record = dir.join(format!("{key}.meta"));
            (dir, key, code, record)
        });
        if let Some((_, key, code, record)) = &entry
            && verified(record, code, key)
        {
            // SAFETY: the entry passed every condition of the module doc:
            // a private directory, private files owned by this user, and a
            // record naming this key and the digest of the code just read;
            // wasmtime checks its own version and settings on top.
            #[allow(
                unsafe_code,
                reason = "loading code this user compiled; see the module doc"
            )]
            let loaded = unsafe { Component::deserialize_file(engine, code) };
            if let Ok(component) = loaded {
                return Ok((component, CompileSource::Cache));
            }
        }
        let compiled = compile()?;
        // SAFETY: `compiled` was made just now by `Engine::precompile_component`
        // for an engine of these very settings, in this process or in a child
        // running this same binary (`compile.rs`) that handed it back over a
        // pipe only the two of them hold; wasmtime checks its version and
        // settings on top.
        #[allow(
            unsafe_code,
            reason = "loading code this process just compiled; see the comment above"
        )]
        let component = unsafe { Component::deserialize(engine, &compiled) }
            .map_err(|e| CompileError::Invalid(format!("cannot load its compiled code: {e}")))?;
        if let Some((dir, key, code, record)) = &entry {
            // A cache that cannot be written only costs time.
            let _ = write_entry(dir, record, code, key, &compiled);
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
    crate::output::warn(&format!("pincer: {message}"));
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

/// Opens `path` if it is a private regular file of this user (condition
/// 2), checking that the file opened is the one stated.
fn open_private(path: &Path) -> Option<std::fs::File> {
    let metadata = std::fs::symlink_metadata(path).ok()?;
    if !metadata.is_file() || crate::output::private_dir::private(&metadata).is_err() {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    same_file(&metadata, &file.metadata().ok()?).then_some(file)
}

/// Conditions 2 and 3 of the module doc: the record names `key`, and the
/// code carries the recorded stamp or hashes to the recorded digest.
fn verified(record: &Path, code: &Path, key: &str) -> bool {
    let Some(expected) = read_record(record, key) else {
        return false;
    };
    let Some(mut file) = open_private(code) else {
        return false;
    };
    let unchanged = expected.stamp.is_some()
        && file
            .metadata()
            .ok()
            .and_then(|metadata| super::stamp::of(&metadata))
            == expected.stamp;
    if unchanged {
        return true;
    }
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        match std::io::Read::read(&mut file, &mut buffer) {
            Ok(0) => break,
            Ok(read) => hasher.update(&buffer[..read]),
            Err(_) => return false,
        }
    }
    format!("{:x}", hasher.finalize()) == expected.digest
}

/// What a record vouches for.
#[derive(Debug, PartialEq, Eq)]
struct Record {
    /// The SHA-256 (hex) of the code.
    digest: String,
    /// The code file's stamp when it was written, when there is one.
    stamp: Option<String>,
}

/// What the record at `record` vouches for under `key`, or none.
fn read_record(record: &Path, key: &str) -> Option<Record> {
    let mut file = open_private(record)?;
    let mut text = Vec::with_capacity(RECORD_MAX);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut file, RECORD_MAX as u64 + 1),
        &mut text,
    )
    .ok()?;
    if text.len() > RECORD_MAX {
        return None;
    }
    let text = std::str::from_utf8(text.strip_prefix(MAGIC)?).ok()?;
    let mut lines = text.split_terminator('\n');
    let (stored_key, digest, stamp) = (lines.next()?, lines.next()?, lines.next()?);
    let hex = |s: &str| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit());
    if stored_key != key || !hex(digest) || lines.next().is_some() || !text.ends_with('\n') {
        return None;
    }
    Some(Record {
        digest: digest.to_owned(),
        stamp: (!stamp.is_empty()).then(|| stamp.to_owned()),
    })
}

/// Writes one file of an entry: a private temporary file renamed into place.
fn write_atomically(dir: &Path, path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    let mut file = tempfile::Builder::new()
        .prefix(".entry-")
        .tempfile_in(dir)?;
    for part in parts {
        file.write_all(part)?;
    }
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes the code, then the record that vouches for it: its digest, and
/// its stamp as it lies in place.
fn write_entry(
    dir: &Path,
    record: &Path,
    code: &Path,
    key: &str,
    compiled: &[u8],
) -> std::io::Result<()> {
    write_atomically(dir, code, &[compiled])?;
    let digest = format!("{:x}", Sha256::digest(compiled));
    let stamp = std::fs::symlink_metadata(code)
        .ok()
        .and_then(|metadata| super::stamp::of(&metadata))
        .unwrap_or_default();
    write_atomically(
        dir,
        record,
        &[
            MAGIC,
            key.as_bytes(),
            b"\n",
            digest.as_bytes(),
            b"\n",
            stamp.as_bytes(),
            b"\n",
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_refuse_tampering() {
        let dir = tempfile::tempdir().unwrap();
        let key = "a".repeat(64);
        let (record, code) = (dir.path().join("x.meta"), dir.path().join("x.cwasm"));
        write_entry(dir.path(), &record, &code, &key, b"compiled bytes").unwrap();
        assert!(verified(&record, &code, &key));
        assert!(!verified(&record, &code, &"b".repeat(64)), "foreign key");
        std::fs::write(&code, b"compiled bytez").unwrap();
        assert!(!verified(&record, &code, &key), "changed code");
        // Changed back to the very bytes: the stamp no longer matches, but
        // the digest does.
        std::fs::write(&code, b"compiled bytes").unwrap();
        assert!(verified(&record, &code, &key), "the digest still vouches");
        write_entry(dir.path(), &record, &code, &key, b"compiled bytes").unwrap();
        std::fs::write(&record, b"short").unwrap();
        assert!(!verified(&record, &code, &key), "truncated record");
        std::fs::remove_file(&record).unwrap();
        assert!(!verified(&record, &code, &key), "missing record");
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
