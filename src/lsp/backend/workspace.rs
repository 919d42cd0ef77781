//! The session's workspace state: settings, the configuration file and config of each
//! document, user glossaries and their file watchers.

use super::scheduler::blocking;
use super::{CONFIG_PULL_TIMEOUT, Inner, OpenDocument, Session, lock};
use crate::analysis::Config;
use crate::lsp::glossaries::{Effects, UserGlossary};
use crate::lsp::settings::{self, EditorSettings};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_lsp_server::ls_types::*;

impl Inner {
    pub fn session(&self) -> Session {
        self.session
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(super) fn doc(&self, uri: &Uri) -> Option<Arc<Mutex<OpenDocument>>> {
        lock(&self.docs).get(uri).cloned()
    }

    pub fn open_uris(&self) -> Vec<Uri> {
        lock(&self.docs).keys().cloned().collect()
    }

    /// The effective config for `uri`: its `jiaodui.toml`, then the editor settings.
    pub(super) fn config_for(self: &Arc<Self>, uri: &Uri) -> Arc<Config> {
        let session = self.session();
        let base = match self.config_file_of(uri, &session) {
            None => Config::default(),
            Some(path) => self.file_config(&path),
        };
        Arc::new(session.settings.apply(base))
    }

    /// The `jiaodui.toml` governing `uri`, if any.
    fn config_file_of(&self, uri: &Uri, session: &Session) -> Option<PathBuf> {
        uri.to_file_path()
            .and_then(|p| settings::find_config_file(&p, &session.folders))
    }

    /// A `jiaodui.toml`'s config (cached; a broken one is reported once and counts as empty).
    fn file_config(self: &Arc<Self>, path: &std::path::Path) -> Config {
        let mut cache = lock(&self.config_files);
        let loaded = cache.entry(path.to_path_buf()).or_insert_with(|| {
            let r = settings::load_config_file(path);
            if let Err(e) = &r {
                self.report(e.clone());
            }
            r
        });
        loaded.clone().unwrap_or_default()
    }

    /// Logs a problem with a file the user controls and shows it in the editor.
    fn report(&self, problem: String) {
        tracing::warn!("{problem}");
        let client = self.client.clone();
        let message = format!("jiaodui: {problem}");
        tokio::spawn(async move {
            client.show_message(MessageType::WARNING, message).await;
        });
    }

    /// The user glossaries of `uri` merged with the built-in glossary, or `None` when its
    /// `jiaodui.toml` names none (use `Glossary::shared()`). Reads and builds what is missing
    /// on a blocking thread.
    pub async fn user_glossary(self: &Arc<Self>, uri: &Uri) -> Option<Arc<UserGlossary>> {
        let session = self.session();
        let config_path = self.config_file_of(uri, &session)?;
        let config = self.file_config(&config_path);
        if config.glossary.is_empty() {
            return None;
        }
        let paths = crate::config_file::glossary_paths(&config_path, &config);
        if let Some(set) = lock(&self.glossaries).cached(&paths) {
            return Some(set);
        }
        let inner = self.clone();
        let (set, effects) =
            blocking("glossary", move || lock(&inner.glossaries).get(&paths)).await?;
        // Watch the files and report problems before the slow part, so a file edited meanwhile
        // is not missed.
        self.apply(effects);
        let warm = set.clone();
        // The segmenter takes ~0.2 s to build: not on the hover that first matches.
        blocking("glossary warm-up", move || warm.glossary.warm_up()).await;
        Some(set)
    }

    /// Reports problems and watches new glossary files.
    fn apply(self: &Arc<Self>, effects: Effects) {
        for problem in effects.problems {
            self.report(problem);
        }
        let session = self.session();
        if effects.new_files.is_empty() || !session.watch_dynamic {
            return;
        }
        let watchers = effects
            .new_files
            .iter()
            .filter_map(|path| {
                let glob_pattern = if session.watch_relative {
                    let base = Uri::from_file_path(path.parent()?)?;
                    GlobPattern::Relative(RelativePattern {
                        base_uri: OneOf::Right(base),
                        pattern: path.file_name()?.to_str()?.to_string(),
                    })
                } else {
                    GlobPattern::String(path.to_str()?.to_string())
                };
                Some(FileSystemWatcher {
                    glob_pattern,
                    kind: None,
                })
            })
            .collect();
        let id = self.watcher_ids.fetch_add(1, Ordering::Relaxed);
        let registration = Registration {
            id: format!("jiaodui-glossary-watcher-{id}"),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        let client = self.client.clone();
        tokio::spawn(async move {
            let register = client.register_capability(vec![registration]);
            match tokio::time::timeout(CONFIG_PULL_TIMEOUT, register).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::warn!("registering a glossary watcher failed: {e}"),
                Err(_) => tracing::warn!("registering a glossary watcher: no answer"),
            }
        });
    }

    /// Loads the user glossaries of `uri` in the background, so its first hover is quick.
    pub(super) fn prepare_glossary(self: &Arc<Self>, uri: Uri) {
        let inner = self.clone();
        tokio::spawn(async move {
            inner.user_glossary(&uri).await;
        });
    }

    /// Glossary files changed on disk (or were saved): read them again now, then rebuild the
    /// open documents' glossaries in the background.
    pub(super) fn glossary_files_changed(self: &Arc<Self>, paths: &[PathBuf]) {
        let mut effects = Effects::default();
        {
            let mut store = lock(&self.glossaries);
            for path in paths {
                let e = store.reload(path);
                effects.problems.extend(e.problems);
            }
        }
        self.apply(effects);
        for uri in self.open_uris() {
            self.prepare_glossary(uri);
        }
    }

    /// A `jiaodui.toml` changed (or the workspace folders did): configs and glossaries are
    /// read again.
    pub(super) fn config_files_changed(self: &Arc<Self>) {
        lock(&self.config_files).clear();
        lock(&self.glossaries).invalidate_all();
        self.reconfigure_all();
        for uri in self.open_uris() {
            self.prepare_glossary(uri);
        }
    }

    /// Re-resolves every open document's config; re-analyses those whose config changed.
    fn reconfigure_all(self: &Arc<Self>) {
        let docs: Vec<(Uri, Arc<Mutex<OpenDocument>>)> = lock(&self.docs)
            .iter()
            .map(|(u, d)| (u.clone(), d.clone()))
            .collect();
        let mut changed = false;
        for (uri, doc) in docs {
            let config = self.config_for(&uri);
            let differs = {
                let mut d = lock(&doc);
                let differs = *d.config != *config;
                if differs {
                    d.set_config(config);
                }
                differs
            };
            if differs {
                changed = true;
                self.schedule(uri, doc, Duration::ZERO);
            }
        }
        let session = self.session();
        if changed && session.pull_diagnostics && session.diagnostic_refresh {
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
    }

    pub(super) fn set_settings(self: &Arc<Self>, settings: EditorSettings) {
        self.session
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .settings = settings;
        self.reconfigure_all();
    }

    /// Asks the client for the `jiaodui` settings section, in the background and with a
    /// timeout: a client that never answers must not stall anything.
    pub(super) fn pull_configuration(self: &Arc<Self>) {
        let inner = self.clone();
        tokio::spawn(async move {
            let items = vec![ConfigurationItem {
                scope_uri: None,
                section: Some("jiaodui".into()),
            }];
            match tokio::time::timeout(CONFIG_PULL_TIMEOUT, inner.client.configuration(items)).await
            {
                Ok(Ok(values)) => {
                    if let Some(v) = values.into_iter().next().filter(|v| !v.is_null()) {
                        inner.set_settings(EditorSettings::from_json(&v));
                    }
                }
                Ok(Err(e)) => tracing::warn!("workspace/configuration failed: {e}"),
                Err(_) => tracing::warn!(
                    "workspace/configuration: no answer within {CONFIG_PULL_TIMEOUT:?}"
                ),
            }
        });
    }
}
