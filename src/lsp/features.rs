//! Request features over a [`Snapshot`]: hover, code actions, outline symbols,
//! folding and selection ranges. Pure functions of the snapshot (no locks, no awaits), so each
//! is easy to guard against panics and to time.

use super::convert::{self, byte_range, offset, range, repaired_context};
use super::glossaries::UserGlossary;
use crate::analysis::glossary::Glossary;
use crate::analysis::outline::{Symbol, SymbolKind as Kind};
use crate::analysis::script::simplified_char;
use crate::analysis::{Code, Fix, selection};
use crate::incremental::Snapshot;
use crate::position::Encoding;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use tower_lsp_server::ls_types::*;

/// The code action kind of jiaodui's fix-all (under `source.fixAll`, which editors run on
/// save when asked to).
pub const FIX_ALL_KIND: &str = "source.fixAll.jiaodui";

/// Hover sections, most specific first: findings under the cursor, a glossary term (from
/// `glossary`: the built-in one, or the document's user glossaries merged on top), a heading.
pub fn hover(a: &Snapshot, glossary: &Glossary, p: Position, encoding: Encoding) -> Option<Hover> {
    let at = offset(&a.rope, p, encoding);
    let locale = a.config.locale;
    let mut sections = Vec::new();
    let mut hover_range: Option<Range<usize>> = None;
    let under = a
        .overlapping(at..at)
        .into_iter()
        .filter(|f| {
            let r = f.range();
            (r.start <= at && at < r.end) || (r.is_empty() && r.start == at)
        })
        .take(5);
    for f in under {
        let owned = a.full(f);
        let mut md = format!(
            "**{}** `{}`\n\n{}",
            owned.code.describe(locale),
            owned.code,
            owned.message
        );
        let around =
            owned.range.start.saturating_sub(CONTEXT_BYTES)..owned.range.end + CONTEXT_BYTES;
        let around = a.rope_range(around);
        if let Some((before, after)) =
            repaired_context(&a.slice(around.clone()), around.start, &owned)
        {
            md.push_str(&format!(
                "\n\n{}\n\n```text\n{before}\n{after}\n```",
                locale.pick("原文 → 修复后：", "Text → repaired:")
            ));
        }
        sections.push(md);
        hover_range.get_or_insert(owned.range);
    }
    if let Some((md, r)) = glossary_hover(a, glossary, at).or_else(|| dictionary_hover(a, at)) {
        sections.push(md);
        hover_range.get_or_insert(r);
    }
    if let Some(symbol) = heading_at(a.outline(), at) {
        let chars = a.section_chars(symbol);
        let name = symbol.detail.as_deref().unwrap_or(&symbol.name);
        sections.push(locale.pick(
            format!("**{name}**\n\n本节共 {chars} 字（不计空白与注音）"),
            format!("**{name}**\n\nSection length: {chars} characters (excluding whitespace and annotations)"),
        ));
        hover_range.get_or_insert(symbol.selection_range.clone());
    }
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: hover_range.map(|r| range(&a.rope, r, encoding)),
    })
}

/// Markdown for the glossary term at byte `at`, and the term's range.
pub fn glossary_hover(
    a: &Snapshot,
    glossary: &Glossary,
    at: usize,
) -> Option<(String, Range<usize>)> {
    let (r, i) = term_at(a, glossary, at)?;
    Some((glossary.entry(i)?.to_markdown(), r))
}

/// The glossary term at byte `at`: its range and entry index. Looks only at the line around
/// `at`.
pub fn term_at(a: &Snapshot, glossary: &Glossary, at: usize) -> Option<(Range<usize>, usize)> {
    let around = a.rope_range(at.saturating_sub(GLOSSARY_WINDOW)..at + GLOSSARY_WINDOW);
    let text = a.slice(around.clone());
    let window = line_window(&text, at - around.start, GLOSSARY_WINDOW);
    let shift = around.start + window.start;
    glossary
        .find_terms(&text[window])
        .into_iter()
        .map(|m| {
            (
                m.byte_range.start + shift..m.byte_range.end + shift,
                m.entry_index,
            )
        })
        .find(|(r, _)| r.start <= at && at < r.end)
}

/// Go-to-definition on a glossary term: where a user glossary defines it (the `term` value
/// in its file). Built-in terms have no file to show: `None`.
pub fn glossary_definition(
    a: &Snapshot,
    user: &UserGlossary,
    p: Position,
    encoding: Encoding,
) -> Option<Location> {
    let at = offset(&a.rope, p, encoding);
    let (_, i) = term_at(a, &user.glossary, at)?;
    let origin = user.origin(i)?;
    let uri = Uri::from_file_path(&origin.file.path)?;
    let (start, end) = origin.file.line_cols(origin.span, encoding);
    Some(Location::new(
        uri,
        tower_lsp_server::ls_types::Range::new(
            Position::new(start.line, start.col),
            Position::new(end.line, end.col),
        ),
    ))
}

/// Markdown for the ordinary word at byte `at` (jieba segmentation of the annotation-free
/// line, so 銀(yín)行 is one word) from CC-CEDICT, with word-level pinyin, and its range.
/// Glossary terms win: this is asked only when there is none.
pub fn dictionary_hover(a: &Snapshot, at: usize) -> Option<(String, Range<usize>)> {
    use crate::analysis::{dictionary, normalize::NormalizedView, segment};
    if !dictionary::available() {
        return None;
    }
    let around = a.rope_range(at.saturating_sub(GLOSSARY_WINDOW)..at + GLOSSARY_WINDOW);
    let text = a.slice(around.clone());
    let window = line_window(&text, at - around.start, GLOSSARY_WINDOW);
    let line = &text[window.clone()];
    let view = NormalizedView::new(line);
    let cursor = at - around.start - window.start;
    let word = segment::words(&view.text).into_iter().find(|w| {
        let src = view.text_to_source(w.clone());
        src.start <= cursor && cursor < src.end
    })?;
    // jieba's word may be a compound CC-CEDICT lacks (省委组织部): fall back to the longest
    // dictionary word inside it that covers the cursor.
    let cursor_in_view = view.text[..word.end]
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i >= word.start && view.text_to_source(i..i + 1).start <= cursor)
        .last()?;
    let starts: Vec<usize> = view.text[word.clone()]
        .char_indices()
        .map(|(i, _)| word.start + i)
        .collect();
    let mut candidates: Vec<std::ops::Range<usize>> = Vec::new();
    for &s in starts.iter().filter(|&&s| s <= cursor_in_view) {
        for e in starts
            .iter()
            .copied()
            .chain([word.end])
            .filter(|&e| e > cursor_in_view)
        {
            candidates.push(s..e);
        }
    }
    candidates.sort_by_key(|r| std::cmp::Reverse(r.len()));
    let (word, entries) = candidates.into_iter().find_map(|r| {
        let surface = &view.text[r.clone()];
        if !surface.chars().any(crate::analysis::script::is_han) {
            return None;
        }
        let entries = dictionary::lookup_all(surface);
        (!entries.is_empty()).then_some((r, entries))
    })?;
    let first = entries.first()?;
    let mut md = format!("**{}**", first.simplified);
    if first.traditional != first.simplified {
        md.push_str(&format!("（{}）", first.traditional));
    }
    md.push_str(&format!(" *{}*\n", first.pinyin));
    for e in entries.iter().take(3) {
        md.push_str(&format!("\n- {} — {}", e.pinyin, e.glosses.join("; ")));
    }
    md.push_str("\n\n*CC-CEDICT (CC BY-SA 4.0)*");
    let src = view.text_to_source(word);
    let base = around.start + window.start;
    Some((md, base + src.start..base + src.end))
}

/// Terms are looked for this many bytes around the cursor at most (a term never spans a line,
/// and a 10 MB single-line document must not be scanned on every hover).
const GLOSSARY_WINDOW: usize = 512;
/// Bytes of text around a finding read for its hover's before/after preview.
const CONTEXT_BYTES: usize = 64;

/// The line around `at`, cut to `radius` bytes on each side (on character boundaries).
fn line_window(text: &str, at: usize, radius: usize) -> Range<usize> {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let at = floor(at.min(text.len()));
    let lo = floor(at.saturating_sub(radius));
    let hi = floor((at + radius).min(text.len()));
    let start = text[lo..at].rfind(['\n', '\r']).map_or(lo, |i| lo + i + 1);
    let end = text[at..hi].find(['\n', '\r']).map_or(hi, |i| at + i);
    start..end
}

/// The innermost symbol whose heading (selection range) contains `at`.
fn heading_at(symbols: &[Symbol], at: usize) -> Option<&Symbol> {
    for s in symbols {
        if s.range.start <= at && at <= s.range.end {
            if let Some(inner) = heading_at(&s.children, at) {
                return Some(inner);
            }
            if s.selection_range.start <= at && at <= s.selection_range.end {
                return Some(s);
            }
        }
    }
    None
}

fn workspace_edit(a: &Snapshot, uri: &Uri, fixes: &[Fix], encoding: Encoding) -> WorkspaceEdit {
    let edits = fixes
        .iter()
        .map(|f| convert::text_edit(&a.rope, f, encoding))
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn wants(only: &Option<Vec<CodeActionKind>>, kind: &str) -> bool {
    match only {
        None => true,
        Some(kinds) => kinds.iter().any(|k| {
            let k = k.as_str();
            kind == k || kind.starts_with(&format!("{k}."))
        }),
    }
}

/// At most this many findings in the requested range get quick fixes: a client that asks for
/// the actions of a whole 10 MB selection must not get a reply the size of the document.
pub const MAX_QUICK_FIX_FINDINGS: usize = 64;

/// The command that applies a fix-all for clients that cannot resolve code actions: its one
/// argument is the action's `data` (`{"fixAll": code or "all", "uri": …}`); the server sends
/// the edit with `workspace/applyEdit`.
pub const FIX_ALL_COMMAND: &str = "jiaodui.applyFixAll";

/// Quick fixes for the findings in the requested range (at most
/// [`MAX_QUICK_FIX_FINDINGS`], those nearest its start), "fix all of this kind" for their
/// kinds (and for capped kinds' summary diagnostics), and `source.fixAll.jiaodui`. The
/// fix-all actions never carry their edits, whatever the client: a fix-all over a garbled
/// 10 MB document means rebuilding ~450k findings, too slow (and too large: 38 MB of edits)
/// for a request sent on every cursor move. With `resolve` (the client resolves edits
/// lazily) they carry `data`, which `codeAction/resolve` turns into the edit; otherwise they
/// carry the command [`FIX_ALL_COMMAND`], which sends it with `workspace/applyEdit`.
pub fn code_actions(
    a: &Snapshot,
    params: &CodeActionParams,
    encoding: Encoding,
    resolve: bool,
) -> Option<CodeActionResponse> {
    let uri = &params.text_document.uri;
    let only = &params.context.only;
    let mut out: Vec<CodeActionOrCommand> = Vec::new();
    if wants(only, CodeActionKind::QUICKFIX.as_str()) {
        let requested = byte_range(&a.rope, params.range, encoding);
        let mut overlapping = a.overlapping(requested);
        overlapping.truncate(MAX_QUICK_FIX_FINDINGS);
        let here = a.full_many(&overlapping);
        let mut kinds: BTreeMap<Code, Option<Diagnostic>> = BTreeMap::new();
        for f in &here {
            let diagnostic = convert::diagnostic(a, f, encoding);
            for (i, fix) in f.fixes.iter().enumerate() {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(workspace_edit(a, uri, std::slice::from_ref(fix), encoding)),
                    is_preferred: Some(fix.safe && i == 0),
                    ..CodeAction::default()
                }));
            }
            kinds.entry(f.code).or_insert(Some(diagnostic));
        }
        for d in &params.context.diagnostics {
            if let Some(code) = convert::is_summary(d) {
                kinds.insert(code, Some(d.clone()));
            }
        }
        for (code, diagnostic) in kinds {
            let n = a.safe_fix_count(Some(code));
            out.extend(fix_all(a, uri, Some(code), diagnostic, n, resolve));
        }
    }
    if wants(only, FIX_ALL_KIND) {
        let n = a.safe_fix_count(None);
        out.extend(fix_all(a, uri, None, None, n, resolve));
    }
    Some(out)
}

/// The action fixing every finding of `code` (or of every code): `None` when there is nothing
/// to fix, or only one finding of the kind (its quick fix does it) unless `diagnostic` is a
/// capped kind's summary.
fn fix_all(
    a: &Snapshot,
    uri: &Uri,
    code: Option<Code>,
    diagnostic: Option<Diagnostic>,
    count: usize,
    resolve: bool,
) -> Option<CodeActionOrCommand> {
    let summary = diagnostic.as_ref().and_then(convert::is_summary).is_some();
    if count == 0 || (code.is_some() && count < 2 && !summary) {
        return None;
    }
    let locale = a.config.locale;
    let (title, kind) = match code {
        Some(code) => (
            locale.pick(
                format!("修复本文档中全部 {code}（{count} 处）"),
                format!("Fix all {code} in this document ({count})"),
            ),
            CodeActionKind::QUICKFIX,
        ),
        None => (
            locale.pick(
                format!("jiaodui：修复全部可安全修复的问题（{count} 处）"),
                format!("jiaodui: fix all safely fixable problems ({count})"),
            ),
            CodeActionKind::new(FIX_ALL_KIND),
        ),
    };
    let data = serde_json::json!({
        "fixAll": code.map_or("all", Code::as_str),
        "uri": uri.as_str(),
    });
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        command: (!resolve).then(|| Command {
            title: title.clone(),
            command: FIX_ALL_COMMAND.into(),
            arguments: Some(vec![data.clone()]),
        }),
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        data: resolve.then_some(data),
        ..CodeAction::default()
    }))
}

/// What a fix-all action from [`code_actions`] fixes: its document, and its code (`None`:
/// every code), read from its `data` (or its command's argument, which is the same).
pub fn fix_all_target(data: &serde_json::Value) -> Option<(Uri, Option<Code>)> {
    let uri = data.get("uri")?.as_str()?.parse().ok()?;
    let code = match data.get("fixAll")?.as_str()? {
        "all" => None,
        name => Some(Code::parse(name)?),
    };
    Some((uri, code))
}

/// The document a fix-all action from [`code_actions`] is for, read from its `data`.
pub fn fix_all_uri(action: &CodeAction) -> Option<Uri> {
    fix_all_target(action.data.as_ref()?).map(|(uri, _)| uri)
}

/// Edits of a fix-all closer than this many bytes are sent as one edit (with the text
/// between them): on a garbled document fixes come every few dozen bytes.
const COALESCE_GAP: usize = 64;
/// What one `TextEdit` costs in JSON besides its new text (range, keys), roughly.
const EDIT_OVERHEAD: usize = 90;

/// The edit fixing every safe finding of `code` (or of every code) in the document,
/// coalesced: one edit per run of fixes less than [`COALESCE_GAP`] bytes apart, or one edit
/// replacing the whole text when that is smaller. `None` if `stop` said to stop (polled
/// while the findings are rebuilt).
pub fn fix_all_edit(
    a: &Snapshot,
    uri: &Uri,
    code: Option<Code>,
    encoding: Encoding,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<WorkspaceEdit> {
    let edits = a.safe_edits(code, stop)?;
    let runs = coalesce(a, edits);
    let len = a.rope.len_bytes();
    let size: usize = runs.iter().map(|(_, t)| t.len() + EDIT_OVERHEAD).sum();
    let text_edits: Vec<TextEdit> = if runs.len() > 1 && size > len + EDIT_OVERHEAD {
        let mut whole = String::with_capacity(len);
        let mut copied = 0;
        let push = |whole: &mut String, r: Range<usize>| {
            for chunk in a.rope.byte_slice(a.rope_range(r)).chunks() {
                whole.push_str(chunk);
            }
        };
        for (r, t) in &runs {
            push(&mut whole, copied..r.start);
            whole.push_str(t);
            copied = r.end;
        }
        push(&mut whole, copied..len);
        vec![TextEdit::new(range(&a.rope, 0..len, encoding), whole)]
    } else {
        runs.into_iter()
            .map(|(r, t)| TextEdit::new(range(&a.rope, r, encoding), t))
            .collect()
    };
    if stop() {
        return None;
    }
    Some(WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), text_edits)])),
        ..WorkspaceEdit::default()
    })
}

/// Sorted, non-overlapping edits merged into runs: edits less than [`COALESCE_GAP`] bytes
/// apart become one, the text between them copied into its replacement.
fn coalesce(a: &Snapshot, edits: Vec<(Range<usize>, String)>) -> Vec<(Range<usize>, String)> {
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    for (r, t) in edits {
        match out.last_mut() {
            Some((run, text)) if r.start >= run.end && r.start - run.end < COALESCE_GAP => {
                text.push_str(&a.slice(run.end..r.start));
                text.push_str(&t);
                run.end = r.end;
            }
            _ => out.push((r, t)),
        }
    }
    out
}

fn lsp_kind(kind: Kind) -> SymbolKind {
    match kind {
        Kind::Title => SymbolKind::FILE,
        Kind::Part => SymbolKind::PACKAGE,
        Kind::Chapter => SymbolKind::MODULE,
        Kind::Section => SymbolKind::NAMESPACE,
        Kind::Heading => SymbolKind::STRING,
    }
}

/// The LSP range of an outline symbol's byte range (see `Snapshot::outline_positions`).
pub fn outline_range(
    a: &Snapshot,
    r: Range<usize>,
    encoding: Encoding,
) -> tower_lsp_server::ls_types::Range {
    let (start, end) = a.outline_positions(r, encoding);
    tower_lsp_server::ls_types::Range::new(
        Position::new(start.line, start.col),
        Position::new(end.line, end.col),
    )
}

fn document_symbol(a: &Snapshot, s: &Symbol, encoding: Encoding) -> DocumentSymbol {
    #[allow(deprecated)]
    DocumentSymbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind: lsp_kind(s.kind),
        tags: None,
        deprecated: None,
        range: outline_range(a, s.range.clone(), encoding),
        selection_range: outline_range(a, s.selection_range.clone(), encoding),
        children: (!s.children.is_empty()).then(|| {
            s.children
                .iter()
                .map(|c| document_symbol(a, c, encoding))
                .collect()
        }),
    }
}

fn flat_symbols(
    a: &Snapshot,
    uri: &Uri,
    symbols: &[Symbol],
    container: Option<&str>,
    encoding: Encoding,
    out: &mut Vec<SymbolInformation>,
) {
    for s in symbols {
        #[allow(deprecated)]
        out.push(SymbolInformation {
            name: s.name.clone(),
            kind: lsp_kind(s.kind),
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), outline_range(a, s.range.clone(), encoding)),
            container_name: container.map(str::to_string),
        });
        flat_symbols(a, uri, &s.children, Some(&s.name), encoding, out);
    }
}

/// The outline: nested (range = whole section, selection range = heading) when the client
/// supports it, else flat with container names.
pub fn document_symbols(
    a: &Snapshot,
    uri: &Uri,
    encoding: Encoding,
    hierarchical: bool,
) -> DocumentSymbolResponse {
    symbols_of(a, uri, encoding, hierarchical)
}

/// The documentSymbol reply as JSON, for one position encoding and hierarchy support, kept
/// with the snapshot it was built from.
#[derive(Default)]
struct SymbolsReply(std::sync::Mutex<Option<(Encoding, bool, std::sync::Arc<[u8]>)>>);

/// The foldingRange reply as JSON, kept with the snapshot it was built from.
#[derive(Default)]
struct FoldingReply(std::sync::OnceLock<std::sync::Arc<[u8]>>);

/// The documentSymbol JSON already built for this version, encoding and hierarchy support.
pub fn kept_document_symbols_json(
    a: &Snapshot,
    encoding: Encoding,
    hierarchical: bool,
) -> Option<std::sync::Arc<[u8]>> {
    let reply = a.memo::<SymbolsReply>();
    let kept = crate::lock::lock(&reply.0);
    kept.as_ref()
        .filter(|(e, h, _)| (*e, *h) == (encoding, hierarchical))
        .map(|(_, _, json)| json.clone())
}

/// The foldingRange JSON already built for this version.
pub fn kept_folding_ranges_json(a: &Snapshot) -> Option<std::sync::Arc<[u8]>> {
    a.memo::<FoldingReply>().0.get().cloned()
}

/// [`document_symbols`] as the JSON of a reply's `result`, built once per version: a 10 MB
/// document has ~10k symbols (~2 MB of JSON), and serializing the typed response straight to
/// bytes, once, is what lets [`super::prebuilt`] answer each request with a copy.
pub fn document_symbols_json(
    a: &Snapshot,
    uri: &Uri,
    encoding: Encoding,
    hierarchical: bool,
) -> std::sync::Arc<[u8]> {
    let reply = a.memo::<SymbolsReply>();
    let mut cached = crate::lock::lock(&reply.0);
    if let Some((e, h, json)) = &*cached
        && (*e, *h) == (encoding, hierarchical)
    {
        return json.clone();
    }
    // Hierarchical replies are written from the outline pieces kept per chunk (see
    // `super::symbols`); the flat form, and a partly analysed document, go through serde.
    let written = hierarchical
        .then(|| super::symbols::symbols_json(a, encoding))
        .flatten();
    let json: std::sync::Arc<[u8]> = written
        .unwrap_or_else(|| {
            let response = symbols_of(a, uri, encoding, hierarchical);
            // Serializing plain structs with string keys cannot fail; `null` is the safe
            // answer if it ever did.
            serde_json::to_vec(&response).unwrap_or_else(|_| b"null".to_vec())
        })
        .into();
    *cached = Some((encoding, hierarchical, json.clone()));
    json
}

fn symbols_of(
    a: &Snapshot,
    uri: &Uri,
    encoding: Encoding,
    hierarchical: bool,
) -> DocumentSymbolResponse {
    if hierarchical {
        DocumentSymbolResponse::Nested(
            a.outline()
                .iter()
                .map(|s| document_symbol(a, s, encoding))
                .collect(),
        )
    } else {
        let mut out = Vec::new();
        flat_symbols(a, uri, a.outline(), None, encoding, &mut out);
        DocumentSymbolResponse::Flat(out)
    }
}

/// Comparable form for symbol search: Simplified, lower case.
fn search_key(s: &str) -> String {
    s.chars()
        .map(simplified_char)
        .flat_map(char::to_lowercase)
        .collect()
}

/// Outline symbols of one document matching `query` (either script, any case).
pub fn workspace_symbols(
    a: &Snapshot,
    uri: &Uri,
    query: &str,
    encoding: Encoding,
) -> Vec<SymbolInformation> {
    let mut all = Vec::new();
    flat_symbols(a, uri, a.outline(), None, encoding, &mut all);
    let key = search_key(query.trim());
    all.retain(|s| search_key(&s.name).contains(&key));
    all
}

/// Sections (from the outline) and blocks of spam (page chrome, appended lists).
pub fn folding_ranges(a: &Snapshot) -> Vec<FoldingRange> {
    let mut out = Vec::new();
    let mut stack: Vec<&Symbol> = a.outline().iter().collect();
    while let Some(s) = stack.pop() {
        let first = a.rope.byte_to_line(s.range.start);
        let last = a.last_content_line(s.range.clone());
        if last > first {
            out.push(FoldingRange {
                start_line: first as u32,
                end_line: last as u32,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: Some(s.name.clone()),
                ..FoldingRange::default()
            });
        }
        stack.extend(s.children.iter());
    }
    let text = spam_fold_text(a);
    out.extend(
        spam_blocks(a)
            .into_iter()
            .map(|(first, last)| FoldingRange {
                start_line: first,
                end_line: last,
                kind: Some(FoldingRangeKind::Comment),
                collapsed_text: Some(text.clone()),
                ..FoldingRange::default()
            }),
    );
    out.sort_by_key(|f| (f.start_line, std::cmp::Reverse(f.end_line)));
    out
}

/// [`folding_ranges`] as the JSON of a reply's `result`, built once per version and, on a
/// fully analysed document, written from the outline pieces kept per chunk: VS Code asks
/// for folding after every change, and the outline tree of a 10 MB document costs tens of
/// ms to build.
pub fn folding_ranges_json(a: &Snapshot) -> std::sync::Arc<[u8]> {
    a.memo::<FoldingReply>()
        .0
        .get_or_init(|| {
            let written = super::symbols::folding_json(a, &spam_blocks(a), &spam_fold_text(a));
            written
                .unwrap_or_else(|| {
                    // Plain structs with string keys serialize; `null` is the safe answer if
                    // one ever did not.
                    serde_json::to_vec(&folding_ranges(a)).unwrap_or_else(|_| b"null".to_vec())
                })
                .into()
        })
        .clone()
}

fn spam_fold_text(a: &Snapshot) -> String {
    a.config.locale.pick("网页杂项", "page chrome / spam")
}

/// Lines of spam findings that fold as one block (consecutive lines, a blank line between
/// allowed), those of more than one line.
fn spam_blocks(a: &Snapshot) -> Vec<(u32, u32)> {
    // Only the paragraphs (and chunks) that have spam findings: this runs after every
    // publish of a document whose folding the client asks for.
    let mut spam: Vec<Range<usize>> = a
        .of_codes(Code::ALL.map(Code::is_spam))
        .iter()
        .map(|f| f.range())
        .collect();
    spam.sort_by_key(|r| r.start);
    let mut out = Vec::new();
    let mut block: Option<(usize, usize)> = None;
    let flush = |b: Option<(usize, usize)>, out: &mut Vec<(u32, u32)>| {
        if let Some((first, last)) = b
            && last > first
        {
            out.push((first as u32, last as u32));
        }
    };
    for r in spam {
        let first = a.rope.byte_to_line(r.start);
        let last = a.last_content_line(r.clone()).max(first);
        block = match block {
            Some((b0, b1)) if first <= b1 + 2 => Some((b0, b1.max(last))),
            other => {
                flush(other, &mut out);
                Some((first, last))
            }
        };
    }
    flush(block, &mut out);
    out
}

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if body.is_empty() {
        return r;
    }
    r.start + lead..r.start + lead + body.len()
}

/// Word → clause → sentence → line → paragraph → enclosing sections → document.
pub fn selection_range(a: &Snapshot, p: Position, encoding: Encoding) -> SelectionRange {
    let at = offset(&a.rope, p, encoding);
    let para = selection::paragraph_around(a.text(), at);
    let mut spans: Vec<Range<usize>> =
        selection::nested_spans(&a.text()[para.clone()], at - para.start)
            .into_iter()
            .map(|r| r.start + para.start..r.end + para.start)
            .collect();
    spans.push(trimmed(a.text(), para));
    let mut sections = Vec::new();
    let mut level: &[Symbol] = a.outline();
    while let Some(s) = level
        .iter()
        .find(|s| s.range.start <= at && at < s.range.end)
    {
        sections.push(trimmed(a.text(), s.range.clone()));
        level = &s.children;
    }
    spans.extend(sections.into_iter().rev());
    spans.push(0..a.text().len());
    // Every range must contain the position, and each parent its child. A trimmed span
    // misses a position in leading indentation or trailing space, the word and clause
    // spans miss one on a blank line or at the document's end: widen each to take in `at`
    // (the innermost becomes `at..at` when nothing else holds it), then keep a strictly
    // growing chain.
    let mut chain: Vec<Range<usize>> = vec![at..at];
    for r in spans.into_iter().map(|r| r.start.min(at)..r.end.max(at)) {
        if chain
            .last()
            .is_none_or(|l| r.start <= l.start && l.end <= r.end && r != *l)
        {
            chain.push(r);
        }
    }
    if chain.len() > 1 {
        // The empty range was only the seed of the chain.
        chain.remove(0);
    }
    let mut node: Option<SelectionRange> = None;
    for r in chain.into_iter().rev() {
        node = Some(SelectionRange {
            range: range(&a.rope, r, encoding),
            parent: node.map(Box::new),
        });
    }
    node.unwrap_or(SelectionRange {
        range: tower_lsp_server::ls_types::Range::default(),
        parent: None,
    })
}
