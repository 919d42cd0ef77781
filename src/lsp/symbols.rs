//! The hierarchical documentSymbol reply, written as JSON from outline pieces kept per chunk
//! of the paragraph cache.
//!
//! Why: a 10 MB document has ~10k headings, and rebuilding its outline tree, converting it
//! to `DocumentSymbol`s and serializing those through serde took 20–45 ms after every edit,
//! most of it spent re-doing work for text the edit did not touch. Here each chunk (an
//! immutable run of paragraphs, shared by the versions that did not edit it) keeps a
//! [`ChunkOutline`]: its outline lines with offsets relative to the chunk and positions
//! counted from the chunk's first line, and for each heading its name and detail already
//! escaped as JSON. A version only joins the pieces' line keys (a few bytes per line), runs
//! [`outline::flat_outline`] on them (fences, front matter, title, nesting), and writes the
//! JSON with the line each chunk starts on added to the kept positions.
//!
//! The reply is byte for byte what serializing `features::document_symbols` gives (unit
//! test below, on random edits).

use crate::analysis::outline::{FlatOutline, LineKey, LineRole, SymbolKind, flat_outline};
use crate::incremental::Snapshot;
use crate::incremental::paragraphs::{ENCODINGS, ParagraphOutline};
use crate::position::{Encoding, LineCol};
use std::sync::Arc;

/// The hierarchical documentSymbol result as JSON, written from the outline pieces kept per
/// chunk: after an edit only the chunks it rebuilt are gathered again. `None` for a partly
/// analysed document.
pub fn symbols_json(a: &Snapshot, encoding: Encoding) -> Option<Vec<u8>> {
    let chunks = a.chunk_outlines(ChunkOutline::new)?;
    let pieces = Pieces::of(&chunks);
    let flat = flat_outline(&pieces.keys(), &a.head());
    write_json(
        &flat,
        &pieces,
        encoding,
        |offset| crate::position::rope::line_col(&a.rope, offset, encoding),
        a.rope.len_bytes(),
    )
}

/// The foldingRange result as JSON, from the same outline pieces as [`symbols_json`] (no
/// outline tree, no copy of the text); `spam` are the spam blocks' lines and `spam_text`
/// their collapsed text. `None` for a partly analysed document.
pub fn folding_json(a: &Snapshot, spam: &[(u32, u32)], spam_text: &str) -> Option<Vec<u8>> {
    let chunks = a.chunk_outlines(ChunkOutline::new)?;
    let pieces = Pieces::of(&chunks);
    let flat = flat_outline(&pieces.keys(), &a.head());
    let spam_text = serde_json::to_vec(spam_text).ok()?;
    write_folding_json(
        &flat,
        &pieces,
        |offset| a.rope.byte_to_line(offset) as u32,
        |r| a.last_content_line(r) as u32,
        a.rope.len_bytes(),
        spam,
        &spam_text,
    )
}

/// One chunk's outline lines and what the reply needs of them (see the module docs). The
/// headings' names and details sit back to back in one buffer, so a version reads them in
/// order instead of chasing a few allocations per heading.
#[derive(Debug, Default)]
pub struct ChunkOutline {
    /// The lines' keys, offsets relative to the chunk's start.
    pub keys: Vec<LineKey>,
    /// For each line, the line/column of its start, its content's start and its content's
    /// end, in each encoding (`ENCODINGS` order), lines counted from the chunk's first line.
    positions: Vec<[[LineCol; 3]; 3]>,
    /// For each line, what it needs as a heading when it is one.
    headings: Vec<Option<Prepared>>,
    /// Names and details as JSON strings.
    json: Vec<u8>,
}

type Span = (u32, u32);

/// A heading's name and detail (spans of [`ChunkOutline::json`]).
#[derive(Debug)]
struct Prepared {
    name: Span,
    detail: Option<Span>,
}

/// `s` as a JSON string, escaped exactly as serde_json escapes it.
fn json_string(s: &str) -> Vec<u8> {
    serde_json::to_vec(s).unwrap_or_else(|_| b"\"\"".to_vec())
}

fn span(from: usize, to: usize) -> Span {
    (from as u32, to as u32)
}

impl ChunkOutline {
    /// The outline piece of a chunk, from its paragraphs' outline lines: each paragraph's
    /// start and first line, counted from the chunk's, and its scan (see
    /// [`Snapshot::chunk_outlines`]).
    pub fn new(paragraphs: &[(usize, u32, &ParagraphOutline)]) -> ChunkOutline {
        let mut piece = ChunkOutline::default();
        for &(start, first, scan) in paragraphs {
            for (l, at) in scan.lines.iter().zip(&scan.positions) {
                piece.keys.push(l.key(start));
                piece.positions.push(at.map(|encodings| {
                    encodings.map(|lc| LineCol {
                        line: lc.line + first,
                        col: lc.col,
                    })
                }));
                let heading = match &l.role {
                    LineRole::Markdown { name, detail, .. }
                    | LineRole::Numbered { name, detail, .. } => {
                        Some(piece.prepare(name, detail.as_deref()))
                    }
                    LineRole::Delimiter { .. } | LineRole::Fence { .. } => None,
                };
                piece.headings.push(heading);
            }
        }
        piece.json.shrink_to_fit();
        piece
    }

    /// Adds a heading's name and detail to the buffer.
    fn prepare(&mut self, name: &str, detail: Option<&str>) -> Prepared {
        let mut add_json = |s: &str| {
            let from = self.json.len();
            self.json.extend_from_slice(&json_string(s));
            span(from, self.json.len())
        };
        let name = add_json(name);
        let detail_span = detail.map(add_json);
        Prepared {
            name,
            detail: detail_span,
        }
    }
}

/// A heading of a [`ChunkOutline`], with the piece that holds its text.
#[derive(Clone, Copy)]
struct HeadingRef<'a> {
    piece: &'a ChunkOutline,
    heading: &'a Prepared,
}

impl<'a> HeadingRef<'a> {
    fn json(self, (from, to): Span) -> &'a [u8] {
        &self.piece.json[from as usize..to as usize]
    }
}

/// The outline pieces of one version, in order: each with the byte and the line its chunk
/// starts on.
pub struct Pieces<'a> {
    pieces: Vec<(&'a ChunkOutline, usize, u32)>,
    /// For each line of the joined scan, its piece and its index there.
    owners: Vec<(u32, u32)>,
}

impl<'a> Pieces<'a> {
    pub fn new() -> Pieces<'a> {
        Pieces {
            pieces: Vec::new(),
            owners: Vec::new(),
        }
    }

    /// Adds the piece of a chunk that starts at byte `start`, on line `line`.
    pub fn push(&mut self, piece: &'a ChunkOutline, start: usize, line: u32) {
        if piece.keys.is_empty() {
            return;
        }
        let p = self.pieces.len() as u32;
        self.owners
            .extend((0..piece.keys.len() as u32).map(|i| (p, i)));
        self.pieces.push((piece, start, line));
    }

    /// The keys of the joined scan, offsets of the whole text.
    pub fn keys(&self) -> Vec<LineKey> {
        let mut keys = Vec::with_capacity(self.owners.len());
        for (piece, start, _) in &self.pieces {
            keys.extend(piece.keys.iter().map(|k| LineKey {
                start: k.start + start,
                content_start: k.content_start + start,
                role: k.role,
            }));
        }
        keys
    }

    fn line(&self, i: usize) -> (&'a ChunkOutline, usize, u32) {
        let (p, at) = self.owners[i];
        let (piece, _, line) = self.pieces[p as usize];
        (piece, at as usize, line)
    }

    /// Position `which` (0 line start, 1 content start, 2 content end) of scanned line `i`.
    fn position(&self, i: usize, which: usize, e: usize) -> LineCol {
        let (piece, at, line) = self.line(i);
        let lc = piece.positions[at][which][e];
        LineCol {
            line: lc.line + line,
            col: lc.col,
        }
    }

    /// The byte offset scanned line `i` starts at.
    fn start(&self, i: usize) -> usize {
        let (p, at) = self.owners[i];
        let (piece, start, _) = self.pieces[p as usize];
        piece.keys[at as usize].start + start
    }

    fn heading(&self, i: usize) -> Option<HeadingRef<'a>> {
        let (piece, at, _) = self.line(i);
        let heading = piece.headings[at].as_ref()?;
        Some(HeadingRef { piece, heading })
    }
}

impl<'a> Pieces<'a> {
    /// The pieces of a version's chunks (see [`Snapshot::chunk_outlines`]).
    pub fn of(chunks: &'a [(Arc<ChunkOutline>, usize, u32)]) -> Pieces<'a> {
        let mut pieces = Pieces::new();
        for (piece, start, line) in chunks {
            pieces.push(piece, *start, *line);
        }
        pieces
    }
}

impl Default for Pieces<'_> {
    fn default() -> Self {
        Pieces::new()
    }
}

fn lsp_kind(kind: SymbolKind) -> u32 {
    match kind {
        SymbolKind::Title => 1,    // FILE
        SymbolKind::Part => 4,     // PACKAGE
        SymbolKind::Chapter => 2,  // MODULE
        SymbolKind::Section => 3,  // NAMESPACE
        SymbolKind::Heading => 15, // STRING
    }
}

/// The hierarchical documentSymbol result (a JSON array) of `flat`, built from `pieces`'
/// joined keys (`None` if a symbol has no heading there); `at(offset)` converts the few offsets the pieces do not keep (the title's
/// when it is not a scanned line, and the end of the text).
pub fn write_json(
    flat: &FlatOutline,
    pieces: &Pieces<'_>,
    encoding: Encoding,
    at: impl Fn(usize) -> LineCol,
    len: usize,
) -> Option<Vec<u8>> {
    let e = ENCODINGS.iter().position(|&x| x == encoding).unwrap_or(1);
    let symbols = &flat.symbols;
    let title = flat.title.as_ref();
    let headings = Headings::new(flat, pieces);
    let prepared = |i: usize| headings.get(i);
    let start = |i: usize| -> LineCol {
        match (symbols[i].line, title) {
            (Some(l), _) => pieces.position(l, 0, e),
            (None, Some(t)) => at(t.start),
            (None, None) => at(0),
        }
    };
    let mut out = Vec::with_capacity(symbols.len() * 160 + 2);
    out.push(b'[');
    for (i, s) in symbols.iter().enumerate() {
        if i > 0 {
            let previous = symbols[i - 1].depth;
            if s.depth <= previous {
                out.push(b'}');
                for _ in s.depth..previous {
                    out.extend_from_slice(b"]}");
                }
                out.push(b',');
            }
        }
        let Some(p) = prepared(i) else {
            // Every symbol is a heading line or the title; were one not, the caller falls
            // back to serializing the outline tree.
            return None;
        };
        out.extend_from_slice(b"{\"name\":");
        out.extend_from_slice(p.json(p.heading.name));
        if let Some(detail) = p.heading.detail {
            out.extend_from_slice(b",\"detail\":");
            out.extend_from_slice(p.json(detail));
        }
        out.extend_from_slice(b",\"kind\":");
        out.extend_from_slice(itoa::Buffer::new().format(lsp_kind(s.kind)).as_bytes());
        let end = match s.end {
            Some(j) => start(j),
            None => at(len),
        };
        out.extend_from_slice(b",\"range\":");
        write_range(&mut out, start(i), end);
        let (from, to) = match (s.line, title) {
            (Some(l), _) => (pieces.position(l, 1, e), pieces.position(l, 2, e)),
            (None, Some(t)) => (at(t.content.start), at(t.content.end)),
            (None, None) => (at(0), at(0)),
        };
        out.extend_from_slice(b",\"selectionRange\":");
        write_range(&mut out, from, to);
        if symbols.get(i + 1).is_some_and(|next| next.depth > s.depth) {
            out.extend_from_slice(b",\"children\":[");
        }
    }
    if let Some(last) = symbols.last() {
        out.push(b'}');
        for _ in 0..last.depth {
            out.extend_from_slice(b"]}");
        }
    }
    out.push(b']');
    Some(out)
}

/// The headings of a version's symbols: in the pieces, or the title's when it is not a
/// scanned line (in a piece of its own).
struct Headings<'a> {
    flat: &'a FlatOutline,
    pieces: &'a Pieces<'a>,
    title_piece: ChunkOutline,
    title_heading: Option<Prepared>,
}

impl<'a> Headings<'a> {
    fn new(flat: &'a FlatOutline, pieces: &'a Pieces<'a>) -> Headings<'a> {
        let mut title_piece = ChunkOutline::default();
        let title_heading = flat
            .title
            .as_ref()
            .map(|t| title_piece.prepare(&t.name, t.detail.as_deref()));
        Headings {
            flat,
            pieces,
            title_piece,
            title_heading,
        }
    }

    /// The heading of symbol `i`.
    fn get(&self, i: usize) -> Option<HeadingRef<'_>> {
        match self.flat.symbols[i].line {
            Some(l) => self.pieces.heading(l),
            None => self.title_heading.as_ref().map(|heading| HeadingRef {
                piece: &self.title_piece,
                heading,
            }),
        }
    }
}

/// A fold of the foldingRange reply: lines, and whether it is a section (else a block of
/// page chrome or spam).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fold {
    first: u32,
    last: u32,
    /// The symbol of a section's fold, `None` for a spam block.
    section: Option<usize>,
}

/// The foldingRange result (a JSON array) of `flat`: a fold per section whose content spans
/// more than its heading's line, named as its symbol is, then `spam` blocks, all sorted as
/// `features::folding_ranges` sorts them (it is byte for byte its serialization).
/// `line_of(offset)` gives an offset's line, `last_line(range)` the line of a range's last
/// character that is not whitespace; `spam_text` is the spam blocks' collapsed text as JSON.
/// `None` if a symbol has no heading in the pieces.
pub fn write_folding_json(
    flat: &FlatOutline,
    pieces: &Pieces<'_>,
    line_of: impl Fn(usize) -> u32,
    last_line: impl Fn(std::ops::Range<usize>) -> u32,
    len: usize,
    spam: &[(u32, u32)],
    spam_text: &[u8],
) -> Option<Vec<u8>> {
    let symbols = &flat.symbols;
    let headings = Headings::new(flat, pieces);
    let prepared = |i: usize| headings.get(i);
    let start = |i: usize| match (symbols[i].line, &flat.title) {
        (Some(l), _) => pieces.start(l),
        (None, Some(t)) => t.start,
        (None, None) => 0,
    };
    let mut folds: Vec<Fold> = Vec::with_capacity(symbols.len() + spam.len());
    for (i, s) in symbols.iter().enumerate() {
        let from = start(i);
        let to = s.end.map_or(len, start);
        let first = match s.line {
            Some(l) => pieces.position(l, 0, 0).line,
            None => line_of(from),
        };
        let last = last_line(from..to);
        if last > first {
            folds.push(Fold {
                first,
                last,
                section: Some(i),
            });
        }
    }
    folds.extend(spam.iter().map(|&(first, last)| Fold {
        first,
        last,
        section: None,
    }));
    // Stable, sections before spam blocks: the order `features::folding_ranges` gives.
    folds.sort_by_key(|f| (f.first, std::cmp::Reverse(f.last)));

    let mut out = Vec::with_capacity(folds.len() * 96 + 2);
    let mut buffer = itoa::Buffer::new();
    out.push(b'[');
    for (k, fold) in folds.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"startLine\":");
        out.extend_from_slice(buffer.format(fold.first).as_bytes());
        out.extend_from_slice(b",\"endLine\":");
        out.extend_from_slice(buffer.format(fold.last).as_bytes());
        match fold.section {
            Some(i) => {
                let p = prepared(i)?;
                out.extend_from_slice(b",\"kind\":\"region\",\"collapsedText\":");
                out.extend_from_slice(p.json(p.heading.name));
            }
            None => {
                out.extend_from_slice(b",\"kind\":\"comment\",\"collapsedText\":");
                out.extend_from_slice(spam_text);
            }
        }
        out.push(b'}');
    }
    out.push(b']');
    Some(out)
}

fn write_range(out: &mut Vec<u8>, start: LineCol, end: LineCol) {
    let mut buffer = itoa::Buffer::new();
    let mut number = |out: &mut Vec<u8>, n: u32| out.extend_from_slice(buffer.format(n).as_bytes());
    out.extend_from_slice(b"{\"start\":{\"line\":");
    number(out, start.line);
    out.extend_from_slice(b",\"character\":");
    number(out, start.col);
    out.extend_from_slice(b"},\"end\":{\"line\":");
    number(out, end.line);
    out.extend_from_slice(b",\"character\":");
    number(out, end.col);
    out.extend_from_slice(b"}}");
}
