//! Settings that shape an analysis: which codes run, their severities, message language,
//! extra boilerplate phrases. Parsed from `jiaodui.toml` text (finding the file is I/O and
//! lives outside `analysis`).

use super::finding::{Code, Locale, Severity};
use serde::Deserialize;
use std::collections::HashMap;

/// Config files larger than this are refused: nobody writes one by hand, and reading an
/// arbitrary huge file on every keystroke would be an easy way to stall the server.
pub const MAX_CONFIG_BYTES: usize = 256 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub locale: Locale,
    /// Codes or families (`spam`) switched off.
    pub disable: Vec<String>,
    /// Codes switched back on after a family was disabled.
    pub enable: Vec<String>,
    pub severity: HashMap<Code, Severity>,
    /// Extra page-chrome phrases for `spam/boilerplate`.
    pub boilerplate: Vec<String>,
    /// User glossary files, relative to the config file.
    pub glossary: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    locale: Option<String>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default)]
    severity: HashMap<String, String>,
    #[serde(default)]
    boilerplate: Vec<String>,
    #[serde(default)]
    glossary: Vec<String>,
}

/// What is wrong with a config, in both message languages (`Display` is the English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub en: String,
    pub zh: String,
}

impl ConfigError {
    fn new(zh: String, en: String) -> ConfigError {
        ConfigError { en, zh }
    }

    /// The message in `locale` (the TOML parser's own detail stays as it wrote it).
    pub fn localized(&self, locale: Locale) -> &str {
        match locale {
            Locale::Zh => &self.zh,
            Locale::En => &self.en,
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for ConfigError {}

fn unknown_code(code: &str) -> ConfigError {
    ConfigError::new(
        format!("未知的代码 `{code}`"),
        format!("unknown code `{code}`"),
    )
}

fn known_pattern(p: &str) -> bool {
    Code::ALL.iter().any(|c| c.matches(p))
}

impl Config {
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        if text.len() > MAX_CONFIG_BYTES {
            return Err(ConfigError::new(
                format!(
                    "配置有 {} 字节，超过上限 {MAX_CONFIG_BYTES} 字节",
                    text.len()
                ),
                format!(
                    "config is {} bytes, more than the limit of {MAX_CONFIG_BYTES}",
                    text.len()
                ),
            ));
        }
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            ConfigError::new(format!("不是有效的 TOML 或有未知的键：{e}"), e.to_string())
        })?;
        let locale = match raw.locale.as_deref() {
            None => Locale::default(),
            Some(s) => Locale::parse(s).ok_or_else(|| {
                ConfigError::new(
                    format!("未知的语言 `{s}`（可用 zh 或 en）"),
                    format!("unknown locale `{s}` (use zh or en)"),
                )
            })?,
        };
        for p in raw.disable.iter().chain(&raw.enable) {
            if !known_pattern(p) {
                return Err(unknown_code(p));
            }
        }
        let mut severity = HashMap::new();
        for (code, sev) in &raw.severity {
            let level = Severity::parse(sev).ok_or_else(|| {
                ConfigError::new(
                    format!("`{code}` 的严重级别 `{sev}` 未知（可用 error、warning、info、hint）"),
                    format!("unknown severity `{sev}` for `{code}`"),
                )
            })?;
            let matched: Vec<Code> = Code::ALL.into_iter().filter(|c| c.matches(code)).collect();
            if matched.is_empty() {
                return Err(unknown_code(code));
            }
            for c in matched {
                severity.insert(c, level);
            }
        }
        Ok(Config {
            locale,
            disable: raw.disable,
            enable: raw.enable,
            severity,
            boilerplate: raw.boilerplate,
            glossary: raw.glossary,
        })
    }

    pub fn is_enabled(&self, code: Code) -> bool {
        let specific = |list: &[String]| list.iter().any(|p| p.trim() == code.as_str());
        if specific(&self.enable) {
            return true;
        }
        if specific(&self.disable) {
            return false;
        }
        let broad = |list: &[String]| list.iter().any(|p| code.matches(p));
        !broad(&self.disable) || broad(&self.enable)
    }

    pub fn severity_of(&self, code: Code) -> Severity {
        self.severity
            .get(&code)
            .copied()
            .unwrap_or(code.default_severity())
    }

    /// This config (from a `jiaodui.toml`, or the defaults) with `overrides` on top.
    pub fn with_overrides(mut self, overrides: &Overrides) -> Config {
        if let Some(locale) = overrides.locale {
            self.locale = locale;
        }
        // A switch given on top beats the config's opposite entries that it covers, even
        // entries more specific than itself (`--disable garble` beats `enable =
        // ["garble/inline-pinyin"]`).
        let covers = |pattern: &str, entry: &str| {
            Code::ALL
                .iter()
                .filter(|c| c.matches(entry))
                .all(|c| c.matches(pattern))
        };
        for pattern in &overrides.disable {
            self.enable.retain(|e| !covers(pattern, e));
            self.disable.push(pattern.clone());
        }
        for pattern in &overrides.enable {
            self.disable.retain(|d| !covers(pattern, d));
            self.enable.push(pattern.clone());
        }
        for &(code, level) in &overrides.severity {
            self.severity.insert(code, level);
        }
        self
    }
}

/// Settings given on top of a config file, by the command line or the editor's settings: the
/// later, more immediate word, so they win over the file (see [`Config::with_overrides`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub locale: Option<Locale>,
    pub enable: Vec<String>,
    pub disable: Vec<String>,
    pub severity: Vec<(Code, Severity)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_applies() {
        let config = Config::from_toml(
            r#"
            locale = "en"
            disable = ["spam", "script/mixed"]
            enable = ["spam/appended-list"]
            boilerplate = ["本站声明"]
            [severity]
            "garble" = "error"
            "#,
        )
        .unwrap();
        assert_eq!(config.locale, Locale::En);
        assert!(!config.is_enabled(Code::Boilerplate));
        assert!(config.is_enabled(Code::AppendedList));
        assert!(!config.is_enabled(Code::ScriptMixed));
        assert!(config.is_enabled(Code::InlinePinyin));
        assert_eq!(config.severity_of(Code::Mojibake), Severity::Error);
        assert_eq!(config.severity_of(Code::ScriptMixed), Severity::Hint);
    }

    #[test]
    fn overrides_win_over_the_file_even_over_narrower_entries() {
        let file = Config::from_toml(
            "enable = [\"garble/inline-pinyin\"]\ndisable = [\"spam\"]\n[severity]\n\"spam\" = \"error\"",
        )
        .unwrap();
        let overrides = Overrides {
            locale: Some(Locale::En),
            disable: vec!["garble".into()],
            enable: vec!["spam/boilerplate".into()],
            severity: vec![(Code::Boilerplate, Severity::Hint)],
        };
        let merged = file.clone().with_overrides(&overrides);
        assert!(file.is_enabled(Code::InlinePinyin));
        assert!(!merged.is_enabled(Code::InlinePinyin));
        assert!(!merged.is_enabled(Code::Mojibake));
        assert!(merged.is_enabled(Code::Boilerplate));
        assert!(!merged.is_enabled(Code::AppendedList));
        assert_eq!(merged.severity_of(Code::Boilerplate), Severity::Hint);
        assert_eq!(merged.severity_of(Code::AppendedList), Severity::Error);
        assert_eq!(merged.locale, Locale::En);
    }

    #[test]
    fn rejects_mistakes_clearly() {
        assert!(
            Config::from_toml("disable = [\"garble/nope\"]")
                .unwrap_err()
                .en
                .contains("garble/nope")
        );
        assert!(Config::from_toml("colour = 1").is_err());
        assert!(
            Config::from_toml("[severity]\n\"spam\" = \"loud\"")
                .unwrap_err()
                .zh
                .contains("loud")
        );
        assert!(Config::from_toml(&"#".repeat(MAX_CONFIG_BYTES + 1)).is_err());
    }
}
