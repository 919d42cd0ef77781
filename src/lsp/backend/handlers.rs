//! The `LanguageServer` trait: initialize, text-sync and workspace notifications, requests;
//! and the fix-all command's edit.

use super::scheduler::{Outgoing, blocking};
use super::{Backend, CONFIG_PULL_TIMEOUT, Inner, OpenDocument, Session, guarded, lock};
use crate::analysis::glossary::Glossary;
use crate::incremental::LiveDocument;
use crate::lsp::convert::{self, SOURCE};
use crate::lsp::features::{self, FIX_ALL_KIND};
use crate::lsp::settings::{self, EditorSettings};
use crate::position::Encoding;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_lsp_server::LanguageServer;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

impl Inner {
    /// The edit of a fix-all (`code`, or every code) on `uri`'s current text, built on a
    /// blocking thread, after any other fix-all of the same document (see
    /// [`OpenDocument::heavy`]); other documents' requests go on meanwhile. It stops early, and
    /// the request fails with ContentModified, when the document changes meanwhile; when the
    /// request is cancelled (tower-lsp-server drops this future on `$/cancelRequest` and
    /// answers RequestCancelled) the blocking work stops at its next paragraph. `None` for
    /// a document that is not open or out of sync.
    async fn fix_all(
        self: &Arc<Self>,
        uri: &Uri,
        code: Option<crate::analysis::Code>,
    ) -> Result<Option<WorkspaceEdit>> {
        let Some(doc) = self.doc(uri) else {
            return Ok(None);
        };
        let heavy = lock(&doc).heavy.clone();
        let _turn = heavy.lock().await;
        let Some(a) = self.current(uri, true).await else {
            return Ok(None);
        };
        let live = lock(&doc).live.clone();
        let cancelled = Arc::new(AtomicBool::new(false));
        let _on_drop = CancelOnDrop(cancelled.clone());
        let encoding = self.session().encoding;
        let generation = a.generation;
        let uri = uri.clone();
        let job = tokio::task::spawn_blocking(move || {
            let stop =
                || cancelled.load(Ordering::Relaxed) || live.load(Ordering::Relaxed) != generation;
            let started = std::time::Instant::now();
            let edit = guarded("fix-all", || {
                features::fix_all_edit(&a, &uri, code, encoding, &stop)
            });
            tracing::debug!("fix-all built in {:?}", started.elapsed());
            edit
        });
        match job.await {
            Ok(Ok(Some(edit))) => Ok(Some(edit)),
            Ok(Ok(None)) => Err(Error::content_modified()),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(Error::internal_error()),
        }
    }
}

/// Sets its flag when dropped: a request's future dropped before its blocking work ends
/// (cancelled) tells that work to stop.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// How long a fix-all command waits for the client to answer its `workspace/applyEdit`.
const APPLY_EDIT_TIMEOUT: Duration = Duration::from_secs(30);

fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.clone())
        .unwrap_or_default();
    if offered.contains(&PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else if offered.contains(&PositionEncodingKind::UTF32)
        && !offered.contains(&PositionEncodingKind::UTF16)
    {
        Encoding::Utf32
    } else {
        Encoding::Utf16
    }
}

fn encoding_kind(e: Encoding) -> PositionEncodingKind {
    match e {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

fn is_markdown(uri: &Uri, language_id: &str) -> bool {
    let kind = crate::analysis::TextKind::of_editor_document(language_id, uri.path().as_str());
    kind == crate::analysis::TextKind::Markdown
}

fn is_config_file(uri: &Uri) -> bool {
    settings::is_config_path(uri.path().as_str())
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let text = caps.text_document.as_ref();
        let workspace = caps.workspace.as_ref();
        #[allow(deprecated)]
        let mut folders: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        #[allow(deprecated)]
        if folders.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(|u| u.to_file_path())
        {
            folders.push(root.into_owned());
        }
        let session = Session {
            encoding: negotiate_encoding(&params),
            hierarchical_symbols: text
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            pull_diagnostics: text.and_then(|t| t.diagnostic.as_ref()).is_some(),
            diagnostic_refresh: workspace
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            watch_dynamic: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            watch_relative: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.relative_pattern_support)
                .unwrap_or(false),
            configuration_pull: workspace.and_then(|w| w.configuration).unwrap_or(false),
            resolve_edits: text
                .and_then(|t| t.code_action.as_ref())
                .and_then(|c| c.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "edit")),
            folders,
            settings: params
                .initialization_options
                .as_ref()
                .map(EditorSettings::from_json)
                .unwrap_or_default(),
        };
        tracing::info!(
            "initialize: encoding {:?}, pull diagnostics {}, folders {:?}",
            session.encoding,
            session.pull_diagnostics,
            session.folders
        );
        let capabilities = ServerCapabilities {
            position_encoding: Some(encoding_kind(session.encoding)),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::SOURCE_FIX_ALL,
                    CodeActionKind::new(FIX_ALL_KIND),
                ]),
                resolve_provider: Some(true),
                ..CodeActionOptions::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![features::FIX_ALL_COMMAND.into()],
                ..ExecuteCommandOptions::default()
            }),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
            selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
            diagnostic_provider: session.pull_diagnostics.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some(SOURCE.into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    ..DiagnosticOptions::default()
                })
            }),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..ServerCapabilities::default()
        };
        *self
            .inner
            .session
            .write()
            .unwrap_or_else(|e| e.into_inner()) = session;
        self.inner.initialized.store(true, Ordering::SeqCst);
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "jiaodui".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let session = self.inner.session();
        // Load the character tables and the segmenter off the request path.
        tokio::task::spawn_blocking(|| {
            crate::analysis::script::warm_up();
            crate::analysis::segment::warm_up();
        });
        if session.configuration_pull {
            self.inner.pull_configuration();
        }
        if session.watch_dynamic {
            let client = self.inner.client.clone();
            tokio::spawn(async move {
                let options = DidChangeWatchedFilesRegistrationOptions {
                    watchers: vec![FileSystemWatcher {
                        glob_pattern: GlobPattern::String("**/{jiaodui,.jiaodui}.toml".into()),
                        kind: None,
                    }],
                };
                let registration = Registration {
                    id: "jiaodui-config-watcher".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(options).ok(),
                };
                let register = client.register_capability(vec![registration]);
                match tokio::time::timeout(CONFIG_PULL_TIMEOUT, register).await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => tracing::warn!("registering the config watcher failed: {e}"),
                    Err(_) => tracing::warn!("registering the config watcher: no answer"),
                }
            });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.inner.shutdown.store(true, Ordering::SeqCst);
        for uri in self.inner.open_uris() {
            if let Some(doc) = self.inner.doc(&uri)
                && let Some(p) = lock(&doc).pending.take()
            {
                p.abort();
            }
        }
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let inner = &self.inner;
        let _ = guarded("didOpen", || {
            let td = params.text_document;
            let config = inner.config_for(&td.uri);
            let markdown = is_markdown(&td.uri, &td.language_id);
            let doc = Arc::new(Mutex::new(OpenDocument::new(LiveDocument::new(
                td.version, &td.text, markdown, config,
            ))));
            if let Some(old) = lock(&inner.docs).insert(td.uri.clone(), doc.clone())
                && let Some(p) = lock(&old).pending.take()
            {
                p.abort();
            }
            inner.schedule(td.uri.clone(), doc, Duration::ZERO);
            inner.prepare_glossary(td.uri);
        });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let _ = guarded("didChange", || self.inner.did_change(params));
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = &params.text_document.uri;
        if is_config_file(uri) {
            self.inner.config_files_changed();
        } else if let Some(path) = uri
            .to_file_path()
            .map(|p| crate::config_file::normalize_lexically(&p))
            && lock(&self.inner.glossaries).knows(&path)
        {
            self.inner.glossary_files_changed(&[path]);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let removed = lock(&self.inner.docs).remove(&uri);
        let turn = removed.as_ref().map(|doc| {
            let mut d = lock(doc);
            if let Some(p) = d.pending.take() {
                p.abort();
            }
            d.publishing.clone()
        });
        if !self.inner.session().pull_diagnostics {
            // After any publish already under way, so that the empty one comes last.
            let _turn = match &turn {
                Some(t) => Some(t.lock().await),
                None => None,
            };
            // The same path as every other publish, so it cannot overtake one.
            self.inner
                .send(&uri, Outgoing::Diagnostics(Vec::new()), None)
                .await;
        }
        drop(turn);
        drop(removed);
        self.inner.trim_after_close();
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let useful = match &params.settings {
            Value::Object(m) => !m.is_empty(),
            _ => false,
        };
        if useful {
            self.inner
                .set_settings(EditorSettings::from_json(&params.settings));
        } else if self.inner.session().configuration_pull {
            self.inner.pull_configuration();
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|c| is_config_file(&c.uri)) {
            // Re-reads every glossary file on next use too.
            self.inner.config_files_changed();
            return;
        }
        let glossary_files: Vec<PathBuf> = {
            let store = lock(&self.inner.glossaries);
            params
                .changes
                .iter()
                .filter_map(|c| c.uri.to_file_path())
                .map(|p| crate::config_file::normalize_lexically(&p))
                .filter(|p| store.knows(p))
                .collect()
        };
        if !glossary_files.is_empty() {
            self.inner.glossary_files_changed(&glossary_files);
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut s = self
                .inner
                .session
                .write()
                .unwrap_or_else(|e| e.into_inner());
            let path = |f: &WorkspaceFolder| f.uri.to_file_path().map(|p| p.into_owned());
            let removed: Vec<PathBuf> = params.event.removed.iter().filter_map(path).collect();
            s.folders.retain(|f| !removed.contains(f));
            s.folders.extend(params.event.added.iter().filter_map(path));
        }
        self.inner.config_files_changed();
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let session = self.inner.session();
        let Some(a) = self.inner.current(&params.text_document.uri, true).await else {
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
            ));
        };
        let result_id = format!("{}", a.generation);
        if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            return Ok(DocumentDiagnosticReport::Unchanged(
                RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                },
            )
            .into());
        }
        let focus = self
            .inner
            .doc(&params.text_document.uri)
            .map_or(0, |d| lock(&d).focus);
        let items = guarded("diagnostic", || {
            convert::diagnostics(&a, session.encoding, session.settings.max_per_kind, focus)
        })?;
        Ok(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items,
                },
            })
            .into(),
        )
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(a) = self.inner.current(&p.text_document.uri, false).await else {
            return Ok(None);
        };
        let encoding = self.inner.session().encoding;
        let user = self.inner.user_glossary(&p.text_document.uri).await;
        let glossary = user.as_ref().map_or(Glossary::shared(), |u| &u.glossary);
        guarded("hover", || {
            features::hover(&a, glossary, p.position, encoding)
        })
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let Some(a) = self.inner.current(&p.text_document.uri, false).await else {
            return Ok(None);
        };
        // Only user glossaries have a file to go to.
        let Some(user) = self.inner.user_glossary(&p.text_document.uri).await else {
            return Ok(None);
        };
        let encoding = self.inner.session().encoding;
        guarded("definition", || {
            features::glossary_definition(&a, &user, p.position, encoding)
                .map(GotoDefinitionResponse::Scalar)
        })
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(a) = self.inner.current(&params.text_document.uri, true).await else {
            return Ok(None);
        };
        let session = self.inner.session();
        guarded("codeAction", || {
            features::code_actions(&a, &params, session.encoding, session.resolve_edits)
        })
    }

    async fn code_action_resolve(&self, mut action: CodeAction) -> Result<CodeAction> {
        let Some((uri, code)) = action.data.as_ref().and_then(features::fix_all_target) else {
            return Ok(action);
        };
        action.edit = self.inner.fix_all(&uri, code).await?;
        Ok(action)
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command != features::FIX_ALL_COMMAND {
            return Err(Error::invalid_params(format!(
                "unknown command {}",
                params.command
            )));
        }
        let Some((uri, code)) = params.arguments.first().and_then(features::fix_all_target) else {
            return Err(Error::invalid_params(
                "expected {\"fixAll\": code or \"all\", \"uri\": …}",
            ));
        };
        let Some(edit) = self.inner.fix_all(&uri, code).await? else {
            return Ok(None);
        };
        // Not awaited here: a client may handle the applyEdit request only after this
        // reply.
        let client = self.inner.client.clone();
        tokio::spawn(async move {
            let apply = client.apply_edit(edit);
            match tokio::time::timeout(APPLY_EDIT_TIMEOUT, apply).await {
                Ok(Ok(r)) if !r.applied => tracing::warn!(
                    "the client did not apply the fix-all: {}",
                    r.failure_reason.unwrap_or_default()
                ),
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!("workspace/applyEdit failed: {e}"),
                Err(_) => tracing::warn!("workspace/applyEdit: no answer"),
            }
        });
        Ok(None)
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(a) = self.inner.current(&params.text_document.uri, false).await else {
            return Ok(None);
        };
        // Sessions served through `super::serve` answer from `folding_ranges_json`.
        blocking("foldingRange", move || features::folding_ranges(&a))
            .await
            .map(Some)
            .ok_or_else(Error::internal_error)
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let Some(a) = self.inner.current(&params.text_document.uri, false).await else {
            return Ok(None);
        };
        let encoding = self.inner.session().encoding;
        guarded("selectionRange", || {
            Some(
                params
                    .positions
                    .iter()
                    .map(|&p| features::selection_range(&a, p, encoding))
                    .collect(),
            )
        })
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        let Some(a) = self.inner.current(&uri, false).await else {
            return Ok(None);
        };
        let session = self.inner.session();
        // Normally answered by `prebuilt::Prebuilt` before it gets here.
        guarded("documentSymbol", || {
            Some(features::document_symbols(
                &a,
                &uri,
                session.encoding,
                session.hierarchical_symbols,
            ))
        })
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let encoding = self.inner.session().encoding;
        let mut out = Vec::new();
        for uri in self.inner.open_uris() {
            if let Some(a) = self.inner.current(&uri, false).await {
                out.extend(guarded("workspace/symbol", || {
                    features::workspace_symbols(&a, &uri, &params.query, encoding)
                })?);
            }
        }
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }
}
