//! The tables behind the safe-bin and allowlist checks: which binaries are
//! interpreters (they run code given on their command line), which safe
//! bins have broad behaviour, and which trusted directories anyone but root
//! commonly writes to.

/// Interpreter names for exec allowlist patterns.
const ALLOWLIST_INTERPRETERS: &[&str] = &[
    "python",
    "python2",
    "python3",
    "pypy",
    "pypy3",
    "node",
    "nodejs",
    "bun",
    "deno",
    "awk",
    "gawk",
    "mawk",
    "nawk",
    "ruby",
    "perl",
    "php",
    "r",
    "rscript",
    "julia",
    "elixir",
    "iex",
    "guile",
    "groovy",
    "scala",
    "scala-cli",
    "clojure",
    "clj",
    "raku",
    "perl6",
    "ghc",
    "ghci",
    "erl",
    "werl",
    "gdb",
    "expect",
    "lua",
    "osascript",
    "find",
    "make",
    "gmake",
    "sed",
    "gsed",
    "xargs",
];

/// Interpreter (and shell) names for safe bins.
const SAFE_BIN_INTERPRETERS: &[&str] = &[
    "ash",
    "awk",
    "bash",
    "busybox",
    "bun",
    "cmd",
    "cmd.exe",
    "cscript",
    "dash",
    "deno",
    "fish",
    "gawk",
    "gsed",
    "ksh",
    "lua",
    "mawk",
    "nawk",
    "node",
    "nodejs",
    "perl",
    "php",
    "powershell",
    "powershell.exe",
    "pypy",
    "pwsh",
    "pwsh.exe",
    "python",
    "python2",
    "python3",
    "ruby",
    "sed",
    "sh",
    "toybox",
    "wscript",
    "zsh",
];

/// Versioned interpreter families (`python3.12`, `node20`).
const VERSIONED_FAMILIES: &[&str] = &["python", "ruby", "perl", "php", "node"];

/// Safe bins whose own language makes any argument list a program.
pub const BROAD_SAFE_BINS: &[&str] = &["jq", "awk", "gawk", "mawk", "nawk", "sed", "gsed"];

/// Windows executable suffixes.
const EXE_SUFFIXES: &[&str] = &[".exe", ".cmd", ".bat", ".com"];

/// The bin name of a path or name: its last segment (after `/` or `\`),
/// without a Windows executable suffix.
pub fn bin_name(entry: &str) -> String {
    let lower = entry.trim().to_ascii_lowercase();
    let base = lower.rsplit(['/', '\\']).next().unwrap_or_default();
    strip_exe(base).to_owned()
}

fn strip_exe(name: &str) -> &str {
    EXE_SUFFIXES
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(name)
}

/// Whether `text` is a version: digits, optionally dot-separated.
fn is_version(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// The name without a trailing version (`ruby3.2` → `ruby`, `python-3` →
/// `python`), when at least two characters remain.
fn without_version(name: &str) -> Option<&str> {
    let run = name
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
        .len();
    let start = (run..name.len()).find(|&p| is_version(&name[p..]))?;
    let stem = &name[..start];
    let stem = stem.strip_suffix('-').unwrap_or(stem);
    (stem.len() >= 2).then_some(stem)
}

/// Whether an exec allowlist pattern names an interpreter.
pub fn allowlist_pattern_is_interpreter(pattern: &str) -> bool {
    let lower = pattern.trim().to_ascii_lowercase();
    let named = |name: &str| {
        ALLOWLIST_INTERPRETERS.contains(&name)
            || without_version(name).is_some_and(|n| ALLOWLIST_INTERPRETERS.contains(&n))
    };
    let posix = lower.rsplit('/').next().unwrap_or_default();
    let windows = lower.rsplit('\\').next().unwrap_or_default();
    let base = if posix.len() <= windows.len() {
        posix
    } else {
        windows
    };
    if named(strip_exe(base)) {
        return true;
    }
    let unified = lower.replace('\\', "/");
    let base = unified.rsplit('/').next().unwrap_or_default();
    let base = base.strip_suffix(".exe").unwrap_or(base);
    let globless: String = base
        .chars()
        .filter(|c| !matches!(c, '*' | '?' | '[' | ']' | '{' | '}' | '(' | ')'))
        .collect();
    named(globless.trim_end_matches(['.', '-']))
}

/// Whether a safe bin's name is an interpreter or shell.
pub fn safe_bin_is_interpreter(name: &str) -> bool {
    SAFE_BIN_INTERPRETERS.contains(&name)
        || VERSIONED_FAMILIES.iter().any(|family| {
            name.strip_prefix(family)
                .is_some_and(|version| is_version(version) && version.split('.').count() <= 2)
        })
}

/// Why a trusted safe-bin directory is risky; none when it is not.
pub fn risky_trusted_dir(entry: &str) -> Option<&'static str> {
    let unified = entry.replace('\\', "/");
    let is_drive =
        unified.len() >= 3 && unified.as_bytes()[0].is_ascii_alphabetic() && &unified[1..3] == ":/";
    if !unified.starts_with('/') && !is_drive {
        return Some("relative path");
    }
    let mut parts: Vec<&str> = Vec::new();
    for segment in unified.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            segment => parts.push(segment),
        }
    }
    let normalized = if is_drive {
        parts.join("/")
    } else {
        format!("/{}", parts.join("/"))
    }
    .to_ascii_lowercase();
    let under = |root: &str| normalized == root || normalized.starts_with(&format!("{root}/"));
    if ["/tmp", "/var/tmp", "/private/tmp"]
        .iter()
        .any(|root| under(root))
    {
        return Some("temporary directory");
    }
    if [
        "/usr/local/bin",
        "/opt/homebrew/bin",
        "/opt/local/bin",
        "/home/linuxbrew/.linuxbrew/bin",
    ]
    .contains(&normalized.as_str())
    {
        return Some("package-manager directory");
    }
    let users_drive = normalized.len() > 9
        && normalized.as_bytes()[0].is_ascii_alphabetic()
        && normalized[1..].starts_with(":/users/");
    if normalized.starts_with("/users/")
        || normalized.starts_with("/home/")
        || normalized.contains("/.local/bin")
        || users_drive
    {
        return Some("user-writable directory");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpreters_in_allowlists() {
        for yes in [
            "/usr/bin/python3",
            "node",
            "ruby3.2",
            "/opt/homebrew/bin/node*",
            r"C:\Tools\Python311.EXE",
            "xargs",
        ] {
            assert!(allowlist_pattern_is_interpreter(yes), "{yes}");
        }
        for no in ["/usr/bin/ls", "/usr/bin/rg", "bash", "/bin/sh"] {
            assert!(!allowlist_pattern_is_interpreter(no), "{no}");
        }
    }

    #[test]
    fn interpreters_in_safe_bins() {
        for yes in ["node20", "python3.12", "bash", "sed", "pwsh.exe"] {
            assert!(safe_bin_is_interpreter(yes), "{yes}");
        }
        for no in ["jq", "grep", "nodejs-tools", "python3.1.2"] {
            assert!(!safe_bin_is_interpreter(no), "{no}");
        }
        assert_eq!(bin_name(r"C:\bin\JQ.EXE"), "jq");
    }

    #[test]
    fn trusted_dirs() {
        assert_eq!(risky_trusted_dir("bin"), Some("relative path"));
        assert_eq!(
            risky_trusted_dir("/tmp/x/../y"),
            Some("temporary directory")
        );
        assert_eq!(
            risky_trusted_dir("/usr/local/bin/"),
            Some("package-manager directory")
        );
        assert_eq!(
            risky_trusted_dir("/home/u/bin"),
            Some("user-writable directory")
        );
        assert_eq!(
            risky_trusted_dir("/opt/x/.local/bin"),
            Some("user-writable directory")
        );
        assert_eq!(
            risky_trusted_dir(r"C:\Users\me\bin"),
            Some("user-writable directory")
        );
        assert_eq!(risky_trusted_dir("/usr/bin"), None);
        assert_eq!(risky_trusted_dir("/opt/tools/bin"), None);
    }
}
