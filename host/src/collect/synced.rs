//! Whether a path sits in a folder that a sync client copies to the cloud
//! (iCloud Drive, Dropbox, Google Drive, OneDrive), judged by the folder
//! layouts those clients use on macOS, Windows and Linux. A state dir in
//! such a folder sends its tokens and session logs off the machine.

use std::path::{Component, Path};

/// The sync provider whose folder holds `path` (followed through symlinks:
/// `~/.openclaw` linked into Dropbox counts), if any.
pub(crate) fn provider(path: &Path) -> Option<&'static str> {
    provider_by_layout(path).or_else(|| {
        // A missing path has no canonical form: one stat spares resolving
        // its existing prefix component by component.
        std::fs::symlink_metadata(path).ok()?;
        provider_by_layout(&path.canonicalize().ok()?)
    })
}

/// [`provider`] by the path's text alone.
pub(crate) fn provider_by_layout(path: &Path) -> Option<&'static str> {
    let names: Vec<String> = path
        .components()
        .filter_map(|component| match component {
            Component::Normal(name) => Some(name.to_string_lossy().to_lowercase()),
            _ => None,
        })
        .collect();
    names.iter().enumerate().find_map(|(index, name)| {
        let parent = index
            .checked_sub(1)
            .and_then(|i| names.get(i))
            .map_or("", String::as_str);
        folder_provider(parent, name)
    })
}

/// The provider a folder `name` (under `parent`) belongs to.
fn folder_provider(parent: &str, name: &str) -> Option<&'static str> {
    // macOS File Provider mounts: ~/Library/CloudStorage/<Provider>-<account>.
    if parent == "cloudstorage" {
        return [
            ("dropbox", "dropbox"),
            ("googledrive", "google-drive"),
            ("onedrive", "onedrive"),
            ("icloud", "icloud"),
        ]
        .into_iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map(|(_, provider)| provider);
    }
    match name {
        "mobile documents" | "com~apple~clouddocs" | "icloud drive" | "iclouddrive" => {
            Some("icloud")
        }
        "dropbox" => Some("dropbox"),
        "google drive" | "googledrive" | "my drive" => Some("google-drive"),
        "onedrive" => Some("onedrive"),
        _ if name.starts_with("dropbox (") => Some("dropbox"),
        _ if name.starts_with("onedrive - ") => Some("onedrive"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_sync_clients_layouts() {
        let cases = [
            (
                "/Users/a/Library/Mobile Documents/com~apple~CloudDocs/oc",
                Some("icloud"),
            ),
            ("/Users/a/Library/CloudStorage/Dropbox/oc", Some("dropbox")),
            (
                "/Users/a/Library/CloudStorage/GoogleDrive-a@x.com/My Drive/oc",
                Some("google-drive"),
            ),
            (
                "/Users/a/Library/CloudStorage/OneDrive-Acme/oc",
                Some("onedrive"),
            ),
            ("/home/a/Dropbox/.openclaw", Some("dropbox")),
            ("/home/a/Dropbox (Acme)/.openclaw", Some("dropbox")),
            ("C:/Users/a/OneDrive - Acme/.openclaw", Some("onedrive")),
            ("/home/a/.openclaw", None),
            ("/home/a/dropbox-notes/.openclaw", None),
        ];
        for (path, expected) in cases {
            assert_eq!(provider_by_layout(Path::new(path)), expected, "{path}");
        }
    }

    #[test]
    fn follows_a_symlink_into_a_synced_folder() {
        let dir = tempfile::tempdir().unwrap();
        let synced = dir.path().join("Dropbox").join("openclaw");
        std::fs::create_dir_all(&synced).unwrap();
        let link = dir.path().join("state");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&synced, &link).unwrap();
            assert_eq!(provider(&link), Some("dropbox"));
        }
    }
}
