//! Editor settings and `jiaodui.toml` discovery.
//!
//! Settings arrive as JSON (initializationOptions, workspace/configuration section `jiaodui`,
//! didChangeConfiguration), either flat or wrapped in `{"jiaodui": {...}}`. Keys are shared
//! with the editor plugins: `locale`, `disable`, `enable`, `severity`, `debounceMs`,
//! `maxDiagnosticsPerKind`. The effective config of a document is its `jiaodui.toml` (the
//! nearest one walking up from the document, never above its workspace folder, if it is in
//! one) with the editor settings applied on top.

use crate::analysis::config::Overrides;
use crate::analysis::{Code, Config, Locale, Severity};
use crate::config_file::CONFIG_FILE_NAMES;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub const DEFAULT_DEBOUNCE_MS: u64 = 100;
pub const DEFAULT_MAX_PER_KIND: usize = 1000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorSettings {
    pub locale: Option<Locale>,
    pub disable: Vec<String>,
    pub enable: Vec<String>,
    pub severity: Vec<(Code, Severity)>,
    pub debounce_ms: u64,
    pub max_per_kind: usize,
}

impl Default for EditorSettings {
    fn default() -> EditorSettings {
        EditorSettings {
            locale: None,
            disable: Vec::new(),
            enable: Vec::new(),
            severity: Vec::new(),
            debounce_ms: DEFAULT_DEBOUNCE_MS,
            max_per_kind: DEFAULT_MAX_PER_KIND,
        }
    }
}

fn known(pattern: &str) -> bool {
    Code::ALL.iter().any(|c| c.matches(pattern))
}

fn strings(v: Option<&Value>, key: &str) -> Vec<String> {
    let Some(v) = v else { return Vec::new() };
    let items: Vec<String> = match v {
        Value::Array(items) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    };
    items
        .into_iter()
        .filter(|p| {
            let ok = known(p);
            if !ok {
                tracing::warn!("settings: unknown code `{p}` in `{key}`, ignored");
            }
            ok
        })
        .collect()
}

impl EditorSettings {
    /// Reads settings from JSON, ignoring (and logging) what it does not understand.
    pub fn from_json(value: &Value) -> EditorSettings {
        let v = match value.get("jiaodui") {
            Some(inner) if inner.is_object() => inner,
            _ => value,
        };
        let mut s = EditorSettings::default();
        if !v.is_object() {
            return s;
        }
        s.locale = v
            .get("locale")
            .and_then(Value::as_str)
            .and_then(Locale::parse);
        s.disable = strings(v.get("disable"), "disable");
        s.enable = strings(v.get("enable"), "enable");
        if let Some(map) = v.get("severity").and_then(Value::as_object) {
            for (pattern, level) in map {
                let Some(level) = level.as_str().and_then(Severity::parse) else {
                    tracing::warn!("settings: bad severity for `{pattern}`, ignored");
                    continue;
                };
                for code in Code::ALL.into_iter().filter(|c| c.matches(pattern)) {
                    s.severity.push((code, level));
                }
            }
        }
        if let Some(ms) = v.get("debounceMs").and_then(Value::as_u64) {
            s.debounce_ms = ms.min(10_000);
        }
        if let Some(n) = v.get("maxDiagnosticsPerKind").and_then(Value::as_u64) {
            s.max_per_kind = (n as usize).max(1);
        }
        s
    }

    /// `base` (from a `jiaodui.toml`, or the defaults) with these settings on top, merged as
    /// the CLI merges its command line (`Config::with_overrides`): the editor's settings win.
    pub fn apply(&self, base: Config) -> Config {
        base.with_overrides(&Overrides {
            locale: self.locale,
            enable: self.enable.clone(),
            disable: self.disable.clone(),
            severity: self.severity.clone(),
        })
    }
}

/// The config file governing `doc`: found as the CLI finds it (`config_file::find_config`:
/// nearest `jiaodui.toml`/`.jiaodui.toml`, stopping at a repository root) but never above the
/// innermost workspace folder containing `doc`. A document in no folder (a file opened on its
/// own) gets exactly the CLI's search, so both apply the same config to it.
pub fn find_config_file(doc: &Path, folders: &[PathBuf]) -> Option<PathBuf> {
    // `..` would walk out of a folder while still looking inside it to `starts_with`.
    let doc = &crate::config_file::normalize_lexically(doc);
    let root = folders
        .iter()
        .filter(|f| doc.starts_with(f))
        .max_by_key(|f| f.components().count());
    crate::config_file::find_config_below(doc.parent()?, root.map(PathBuf::as_path))
}

/// Reads and parses a config file (see `config_file::load_config`).
pub fn load_config_file(path: &Path) -> Result<Config, String> {
    crate::config_file::load_config(path).map_err(|e| e.to_string())
}

/// Whether `path` names a config file.
pub fn is_config_path(path: &str) -> bool {
    CONFIG_FILE_NAMES
        .iter()
        .any(|name| path.ends_with(&format!("/{name}")) || path == *name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_flat_or_wrapped_settings() {
        let s = EditorSettings::from_json(&json!({"jiaodui": {
            "locale": "en", "disable": ["spam", "nope"], "enable": "spam/appended-list",
            "severity": {"garble": "error", "script/mixed": "loud"},
            "debounceMs": 5, "maxDiagnosticsPerKind": 0
        }}));
        assert_eq!(s.locale, Some(Locale::En));
        assert_eq!(s.disable, ["spam"]);
        assert_eq!(s.enable, ["spam/appended-list"]);
        assert!(s.severity.contains(&(Code::InlinePinyin, Severity::Error)));
        assert_eq!((s.debounce_ms, s.max_per_kind), (5, 1));
        let config = s.apply(Config::default());
        assert!(!config.is_enabled(Code::Boilerplate));
        assert!(config.is_enabled(Code::AppendedList));
        // As on the command line, a family disabled in the settings beats a narrower
        // entry of the file.
        let file = Config::from_toml("enable = [\"garble/inline-pinyin\"]").unwrap();
        let s = EditorSettings::from_json(&json!({"disable": ["garble"]}));
        assert!(!s.apply(file).is_enabled(Code::InlinePinyin));
        assert_eq!(
            EditorSettings::from_json(&json!(null)),
            EditorSettings::default()
        );
        assert_eq!(
            EditorSettings::from_json(&json!({"locale": "en"})).locale,
            Some(Locale::En)
        );
    }

    #[test]
    fn discovery_stays_inside_the_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        let sub = root.join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(dir.path().join("jiaodui.toml"), "locale = \"en\"").unwrap();
        let doc = sub.join("x.txt");
        assert_eq!(find_config_file(&doc, std::slice::from_ref(&root)), None);
        std::fs::write(root.join("jiaodui.toml"), "").unwrap();
        assert_eq!(
            find_config_file(&doc, std::slice::from_ref(&root)),
            Some(root.join("jiaodui.toml"))
        );
        std::fs::write(sub.join(".jiaodui.toml"), "").unwrap();
        assert_eq!(
            find_config_file(&doc, &[root.clone()]),
            Some(sub.join(".jiaodui.toml"))
        );
        // Without a folder, the CLI's search.
        assert_eq!(
            find_config_file(&doc, &[]),
            crate::config_file::find_config(&sub)
        );
        assert_eq!(find_config_file(&doc, &[]), Some(sub.join(".jiaodui.toml")));
        // A path that climbs out with `..` is judged by where it really is: outside the
        // folder, beside the config above it.
        let sneaky = root.join("../x.txt");
        assert_eq!(
            find_config_file(&sneaky, std::slice::from_ref(&root)),
            Some(dir.path().join("jiaodui.toml"))
        );
        let climbing = root.join("a/../../ws/a/b/x.txt");
        assert_eq!(
            find_config_file(&climbing, std::slice::from_ref(&root)),
            Some(sub.join(".jiaodui.toml"))
        );
        let inside = root.join("a/../a/b/./x.txt");
        assert_eq!(
            find_config_file(&inside, std::slice::from_ref(&root)),
            Some(sub.join(".jiaodui.toml"))
        );
    }
}
