//! Text sync: applying `didChange` to a document, and losing sync with the client's text.

use super::scheduler::Outgoing;
use super::{Inner, OpenDocument, lock};
use crate::lsp::convert;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_lsp_server::ls_types::*;

impl Inner {
    pub(super) fn did_change(self: &Arc<Self>, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(doc) = self.doc(&uri) else {
            tracing::warn!(
                "didChange for a document that is not open: {}",
                uri.as_str()
            );
            return;
        };
        let encoding = self.session().encoding;
        {
            let mut d = lock(&doc);
            let version = params.text_document.version;
            let mut changes = params.content_changes;
            if version <= d.version && !d.out_of_sync {
                // The client and the server disagree about the history: applying the change
                // or dropping it may each leave a text the client does not have.
                let why = format!("didChange version {version} after {}", d.version);
                d.lose_sync();
                drop(d);
                self.report_lost_sync(&uri, &doc, why);
                d = lock(&doc);
            }
            if d.out_of_sync {
                // Only a whole-text change (or a didOpen) says what the text is again.
                let Some(full) = changes.iter().rposition(|c| c.range.is_none()) else {
                    d.version = d.version.max(version);
                    tracing::debug!("didChange for {} ignored: out of sync", uri.as_str());
                    return;
                };
                tracing::info!(
                    "{} is in sync again (whole text, version {version})",
                    uri.as_str()
                );
                changes.drain(..full);
                d.out_of_sync = false;
            }
            for change in changes {
                match change.range {
                    Some(r) => {
                        let bytes = convert::byte_range(&d.rope, r, encoding);
                        d.edit(bytes.start, bytes.end, &change.text);
                    }
                    None => {
                        let len = d.rope.len_bytes();
                        d.edit(0, len, &change.text);
                    }
                }
            }
            d.version = version;
        }
        let delay = Duration::from_millis(self.session().settings.debounce_ms);
        self.schedule(uri, doc, delay);
    }
}

impl Inner {
    /// A document's text may have diverged from the client's (see
    /// [`OpenDocument::out_of_sync`]): says so in the log and to the user, and clears its
    /// diagnostics, which may no longer point at the right text.
    pub(crate) fn report_lost_sync(
        self: &Arc<Self>,
        uri: &Uri,
        doc: &Arc<Mutex<OpenDocument>>,
        why: String,
    ) {
        tracing::warn!(
            "{}: {why}; out of sync until the whole text is sent again",
            uri.as_str()
        );
        let inner = self.clone();
        let uri = uri.clone();
        let turn = lock(doc).publishing.clone();
        if let Some(p) = lock(doc).pending.take() {
            p.abort();
        }
        tokio::spawn(async move {
            let message = format!(
                "jiaodui lost track of {} ({why}); its diagnostics are cleared until it is reopened",
                uri.as_str()
            );
            inner
                .client
                .log_message(MessageType::WARNING, message.clone())
                .await;
            inner
                .client
                .show_message(MessageType::WARNING, message)
                .await;
            if !inner.session().pull_diagnostics {
                let _turn = turn.lock().await;
                inner
                    .send(&uri, Outgoing::Diagnostics(Vec::new()), None)
                    .await;
            }
        });
    }

    /// The framing layer dropped an undecodable `didChange` for `uri`: from here on the text
    /// cannot be trusted.
    pub(crate) fn change_lost(self: &Arc<Self>, uri: &str) {
        let Ok(uri) = uri.parse::<Uri>() else { return };
        let Some(doc) = self.doc(&uri) else { return };
        lock(&doc).lose_sync();
        self.report_lost_sync(&uri, &doc, "a didChange could not be decoded".into());
    }
}
