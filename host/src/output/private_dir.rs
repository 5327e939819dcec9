//! Directories and files only the current user may change: where Pincer
//! keeps what it will trust later (compiled plugins it maps as code, the
//! history entries it compares against). A directory someone else could
//! write to would let them plant what Pincer then believes.

use std::path::Path;

/// Creates `dir` (and its parents) owner-only on Unix; an existing one is
/// left as it is.
pub(crate) fn create(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Why `dir` is not a private directory: not a directory (a symlink is
/// not followed), owned by another user, or writable by group or others.
pub(crate) fn check(dir: &Path) -> Result<(), String> {
    let metadata = std::fs::symlink_metadata(dir).map_err(|e| e.to_string())?;
    if !metadata.is_dir() {
        return Err("not a directory (or a symlink)".to_owned());
    }
    private(&metadata)
}

/// Why `metadata` is not of something only the current user may change.
#[cfg(unix)]
pub(crate) fn private(metadata: &std::fs::Metadata) -> Result<(), String> {
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

/// Why `metadata` is not of something only the current user may change
/// (nothing to check off Unix).
#[cfg(not(unix))]
pub fn private(_metadata: &std::fs::Metadata) -> Result<(), String> {
    Ok(())
}
