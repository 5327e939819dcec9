//! A file's stamp: its device, inode, size and modification and change
//! times, as the cache records them for a compiled entry it has just
//! written and hashed. While the stamp matches, the file has not been
//! changed through the file system since (the change time moves on every
//! write, rename or metadata change and cannot be set back without root),
//! so its digest need not be computed again: a warm audit maps its
//! compiled plugins without reading them through SHA-256 first.

/// The stamp of a file's metadata (none off Unix, where every load hashes).
pub(super) fn of(metadata: &std::fs::Metadata) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(format!(
            "{}:{}:{}:{}.{:09}:{}.{:09}",
            metadata.dev(),
            metadata.ino(),
            metadata.size(),
            metadata.mtime(),
            metadata.mtime_nsec(),
            metadata.ctime(),
            metadata.ctime_nsec()
        ))
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        None
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::of;

    #[test]
    fn a_write_or_a_replacement_changes_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("code");
        std::fs::write(&path, b"compiled").unwrap();
        let first = of(&std::fs::metadata(&path).unwrap()).unwrap();
        assert_eq!(of(&std::fs::metadata(&path).unwrap()).unwrap(), first);
        // Same size, same content even: the change time still moves.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, b"compiled").unwrap();
        assert_ne!(of(&std::fs::metadata(&path).unwrap()).unwrap(), first);
        let second = of(&std::fs::metadata(&path).unwrap()).unwrap();
        let other = dir.path().join("other");
        std::fs::write(&other, b"compiled").unwrap();
        std::fs::rename(&other, &path).unwrap();
        assert_ne!(of(&std::fs::metadata(&path).unwrap()).unwrap(), second);
    }
}
