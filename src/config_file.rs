//! Finding and reading `jiaodui.toml` and the user glossaries it names (I/O; parsing itself is
//! `analysis::Config::from_toml` and `analysis::glossary::parse_sourced_entries`).
//!
//! Like `rustfmt.toml`: the nearest `jiaodui.toml` (or `.jiaodui.toml`) in the file's directory
//! or an ancestor wins. The search stops at the repository root (a directory containing
//! `.git`, which is itself searched) or at the filesystem root. Shared by the CLI and the
//! language server.

use crate::analysis::config::MAX_CONFIG_BYTES;
use crate::analysis::glossary::{GlossaryError, MAX_USER_GLOSSARY_BYTES};
use crate::analysis::{Config, Locale};
use crate::io_text::io_message;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Names tried in each directory, in order.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["jiaodui.toml", ".jiaodui.toml"];

/// A config file that could not be read or parsed; the message names the file. `message` is
/// English (`Display`), `message_zh` the same in Chinese ([`ConfigFileError::localized`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigFileError {
    pub path: PathBuf,
    pub message: String,
    pub message_zh: String,
}

impl ConfigFileError {
    fn new(path: &Path, zh: impl Into<String>, en: impl Into<String>) -> ConfigFileError {
        ConfigFileError {
            path: path.to_path_buf(),
            message: en.into(),
            message_zh: zh.into(),
        }
    }

    fn io(path: &Path, error: &std::io::Error) -> ConfigFileError {
        Self::new(
            path,
            io_message(error, Locale::Zh),
            io_message(error, Locale::En),
        )
    }

    fn not_utf8(path: &Path) -> ConfigFileError {
        Self::new(path, "不是有效的 UTF-8", "not valid UTF-8")
    }

    /// `path: message` in `locale`.
    pub fn localized(&self, locale: Locale) -> String {
        match locale {
            Locale::Zh => format!("{}: {}", self.path.display(), self.message_zh),
            Locale::En => self.to_string(),
        }
    }
}

impl std::fmt::Display for ConfigFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigFileError {}

/// The config file that applies to files in `dir`, if any. `dir` should be absolute (a
/// relative one is searched only up to its first component).
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    find_config_below(dir, None)
}

/// [`find_config`], never looking above `ceiling` (the language server's workspace folder).
pub fn find_config_below(dir: &Path, ceiling: Option<&Path>) -> Option<PathBuf> {
    for ancestor in dir.ancestors() {
        if ceiling.is_some_and(|c| !ancestor.starts_with(c)) {
            return None;
        }
        for name in CONFIG_FILE_NAMES {
            let candidate = ancestor.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if ancestor.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Reads and parses one config file.
pub fn load_config(path: &Path) -> Result<Config, ConfigFileError> {
    let file = std::fs::File::open(path).map_err(|e| ConfigFileError::io(path, &e))?;
    // Read one byte past the limit so `from_toml` reports an oversized file instead of us
    // reading all of it.
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ConfigFileError::io(path, &e))?;
    let text = String::from_utf8(bytes).map_err(|_| ConfigFileError::not_utf8(path))?;
    Config::from_toml(&text).map_err(|e| ConfigFileError::new(path, e.zh, e.en))
}

/// The config for files in `dir`: the nearest config file's, with its path, or `None` when
/// there is none (use `Config::default()`).
pub fn discover(dir: &Path) -> Result<Option<(PathBuf, Config)>, ConfigFileError> {
    match find_config(dir) {
        None => Ok(None),
        Some(path) => load_config(&path).map(|config| Some((path, config))),
    }
}

/// The user glossary files a config file names, resolved against its directory. `.` and `..`
/// are applied lexically (symlinks are not followed), so one file always gets one path.
pub fn glossary_paths(config_path: &Path, config: &Config) -> Vec<PathBuf> {
    let base = config_path.parent().unwrap_or(Path::new(""));
    config
        .glossary
        .iter()
        .map(|g| normalize_lexically(&base.join(g)))
        .collect()
}

/// `path` with `.` dropped and `..` applied to the component before it.
pub fn normalize_lexically(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Reads a user glossary file: UTF-8, at most `MAX_USER_GLOSSARY_BYTES` (a larger file is
/// refused without reading it). Parsing is `analysis::glossary::parse_sourced_entries`.
pub fn read_glossary(path: &Path) -> Result<String, ConfigFileError> {
    let limit = MAX_USER_GLOSSARY_BYTES;
    // Check before opening: opening a FIFO or a device could block or never end.
    let metadata = std::fs::metadata(path).map_err(|e| ConfigFileError::io(path, &e))?;
    if !metadata.is_file() {
        return Err(ConfigFileError::new(
            path,
            "不是普通文件",
            "not a regular file",
        ));
    }
    let too_large = |size: u64| {
        let error = GlossaryError::TooLarge {
            size: size as usize,
            limit,
        };
        ConfigFileError::new(path, error.localized(Locale::Zh), error.to_string())
    };
    if metadata.len() > limit as u64 {
        return Err(too_large(metadata.len()));
    }
    // The file may change between the check and the read: never read more than the limit.
    let file = std::fs::File::open(path).map_err(|e| ConfigFileError::io(path, &e))?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ConfigFileError::io(path, &e))?;
    if bytes.len() > limit {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|_| ConfigFileError::not_utf8(path))
}

/// The directory to start the search from for `file` (made absolute against the current
/// directory; not canonicalized, so a symlinked file finds the config beside the link).
pub fn start_dir_for(file: &Path) -> PathBuf {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    if absolute.is_dir() {
        return absolute;
    }
    match absolute.parent() {
        Some(parent) => parent.to_path_buf(),
        None => absolute,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Code;

    #[test]
    fn nearest_config_wins_and_search_stops_at_the_repository_root() {
        let root = tempfile::tempdir().unwrap();
        let repo = root.path().join("repo");
        let deep = repo.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(root.path().join("jiaodui.toml"), "disable = [\"garble\"]\n").unwrap();
        assert_eq!(find_config(&deep), Some(root.path().join("jiaodui.toml")));

        std::fs::create_dir(repo.join(".git")).unwrap();
        assert_eq!(find_config(&deep), None, "stops at the repository root");

        std::fs::write(repo.join("a/jiaodui.toml"), "locale = \"en\"\n").unwrap();
        let (path, config) = discover(&deep).unwrap().unwrap();
        assert_eq!(path, repo.join("a/jiaodui.toml"));
        assert!(config.is_enabled(Code::InlinePinyin));
    }

    #[test]
    fn glossary_paths_resolve_against_the_config_directory() {
        let config = Config {
            glossary: vec![
                "terms.toml".into(),
                "./a/../b.toml".into(),
                "../shared/t.toml".into(),
            ],
            ..Config::default()
        };
        let paths = glossary_paths(Path::new("/ws/proj/jiaodui.toml"), &config);
        assert_eq!(
            paths,
            [
                PathBuf::from("/ws/proj/terms.toml"),
                PathBuf::from("/ws/proj/b.toml"),
                PathBuf::from("/ws/shared/t.toml")
            ]
        );
    }

    #[test]
    fn glossary_files_are_read_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terms.toml");
        std::fs::write(&path, "[[term]]\nterm = \"甲乙\"\n").unwrap();
        assert!(read_glossary(&path).unwrap().contains("甲乙"));
        std::fs::write(&path, vec![b'#'; MAX_USER_GLOSSARY_BYTES + 1]).unwrap();
        let error = read_glossary(&path).unwrap_err();
        assert!(
            error.to_string().contains("larger than the limit"),
            "{error}"
        );
        std::fs::write(&path, [0xff, 0xfe]).unwrap();
        assert!(read_glossary(&path).unwrap_err().message.contains("UTF-8"));
        assert!(read_glossary(dir.path()).is_err(), "a directory");
        assert!(read_glossary(&dir.path().join("missing.toml")).is_err());
    }

    #[test]
    fn errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jiaodui.toml");
        std::fs::write(&path, "disable = [\"garble/nope\"]\n").unwrap();
        let error = discover(dir.path()).unwrap_err();
        assert_eq!(error.path, path);
        assert!(error.to_string().contains("jiaodui.toml"));
        assert!(error.to_string().contains("garble/nope"));
    }
}
