//! The analysis config for each input: `--config`, or the nearest `jiaodui.toml` (cached per
//! directory, so a large tree reads each config once), with command-line overrides on top.

use super::args::ConfigArgs;
use crate::analysis::config::Overrides;
use crate::analysis::{Code, Config, Locale};
use crate::config_file;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

type Loaded = Result<Arc<Config>, Arc<config_file::ConfigFileError>>;

pub struct ConfigResolver {
    overrides: Overrides,
    /// `--config FILE` or `--no-config`: one config for every input.
    fixed: Option<Loaded>,
    /// Directory → config that applies there.
    by_dir: Mutex<HashMap<PathBuf, Loaded>>,
    /// Config path → its parse result, so each file is read once.
    by_file: Mutex<HashMap<PathBuf, Loaded>>,
}

/// Why no config is available for an input.
pub enum SettingsError {
    /// A config file is broken; `first` is true the first time it is met, so it is reported
    /// once however many inputs it governs.
    Config {
        error: Arc<config_file::ConfigFileError>,
        first: bool,
    },
}

impl ConfigResolver {
    /// Validates the command-line codes; an unknown one is an error message.
    /// `locale` is the one asked for on the command line (or by `JIAODUI_LOCALE`).
    pub fn new(args: &ConfigArgs, locale: Option<Locale>) -> Result<ConfigResolver, String> {
        for pattern in args.enable.iter().chain(&args.disable) {
            if !Code::ALL.iter().any(|c| c.matches(pattern)) {
                let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
                return Err(locale.unwrap_or_default().pick(
                    format!(
                        "未知的代码 `{pattern}`（可用：{}，或类别如 `garble`）",
                        known.join("、")
                    ),
                    format!(
                        "unknown code `{pattern}` (known: {}, or a family such as `garble`)",
                        known.join(", ")
                    ),
                ));
            }
        }
        let overrides = Overrides {
            locale,
            enable: args.enable.clone(),
            disable: args.disable.clone(),
            severity: Vec::new(),
        };
        let fixed = if args.no_config {
            Some(Ok(Arc::new(Config::default().with_overrides(&overrides))))
        } else {
            args.config.as_ref().map(|path| {
                config_file::load_config(path)
                    .map(|c| Arc::new(c.with_overrides(&overrides)))
                    .map_err(Arc::new)
            })
        };
        Ok(ConfigResolver {
            overrides,
            fixed,
            by_dir: Mutex::new(HashMap::new()),
            by_file: Mutex::new(HashMap::new()),
        })
    }

    /// An explicit `--config` that fails to load is fatal: nothing would be checked as asked.
    pub fn fixed_error(&self) -> Option<&config_file::ConfigFileError> {
        match &self.fixed {
            Some(Err(e)) => Some(e),
            _ => None,
        }
    }

    /// The config for an input at `path` (a file or, for stdin, a directory to search from).
    pub fn for_path(&self, path: &Path) -> Result<Arc<Config>, SettingsError> {
        if let Some(fixed) = &self.fixed {
            return fixed.clone().map_err(|error| SettingsError::Config {
                error,
                first: false,
            });
        }
        let dir = config_file::start_dir_for(path);
        if let Some(hit) = lock(&self.by_dir).get(&dir) {
            return hit.clone().map_err(|error| SettingsError::Config {
                error,
                first: false,
            });
        }
        let (loaded, first) = match config_file::find_config(&dir) {
            None => (
                Ok(Arc::new(Config::default().with_overrides(&self.overrides))),
                false,
            ),
            Some(file) => {
                let mut by_file = lock(&self.by_file);
                match by_file.get(&file) {
                    Some(hit) => (hit.clone(), false),
                    None => {
                        let loaded = config_file::load_config(&file)
                            .map(|c| Arc::new(c.with_overrides(&self.overrides)))
                            .map_err(Arc::new);
                        by_file.insert(file, loaded.clone());
                        (loaded, true)
                    }
                }
            }
        };
        lock(&self.by_dir).insert(dir, loaded.clone());
        loaded.map_err(|error| SettingsError::Config { error, first })
    }

    /// The locale for the tool's own messages: `--locale`, else the config that applies in the
    /// current directory, else Chinese.
    pub fn ui_locale(&self) -> Locale {
        if let Some(locale) = self.overrides.locale {
            return locale;
        }
        // Looked up without the cache so that a broken config is still reported, once, by
        // the input it governs.
        match &self.fixed {
            Some(Ok(config)) => config.locale,
            Some(Err(_)) => Locale::default(),
            None => config_file::discover(&config_file::start_dir_for(Path::new(".")))
                .ok()
                .flatten()
                .map(|(_, config)| config.locale)
                .unwrap_or_default(),
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
