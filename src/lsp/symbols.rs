//! The hierarchical documentSymbol reply, written as JSON from outline pieces kept per chunk
//! of the paragraph cache.
//!
//! Why: a 10 MB document has ~10k headings, and rebuilding its outline tree, converting it
//! to `DocumentSymbol`s and serializing those through serde took 20–45 ms after every edit,
//! most of it spent re-doing work for text the edit did not touch. Here each chunk (an
//! immutable run of paragraphs, shared by the versions that did not edit it) keeps a
//! [`ChunkOutline`]: its outline lines with offsets relative to the chunk and positions
//! counted from the chunk's first line, and for each heading its name and detail already
//! escaped as JSON and its clauses for disambiguation. A version only joins the pieces' line
//! keys (a few bytes per line), runs [`outline::flat_outline`] on them (fences, front matter,
//! title, nesting), groups siblings for disambiguation, and writes the JSON with the line each
//! chunk starts on added to the kept positions.
//!
//! The reply is byte for byte what serializing `features::document_symbols` gives (unit
//! test below, on random edits).

use super::paragraphs::{Chunk, ENCODINGS};
use crate::analysis::outline::{
    self, FlatOutline, HeadingParts, LineKey, LineRole, OutlineLine, SymbolKind,
};
use crate::position::{Encoding, LineCol};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::OnceLock;

/// One chunk's outline lines and what the reply needs of them (see the module docs).
#[derive(Debug, Default)]
pub struct ChunkOutline {
    /// The lines' keys, offsets relative to the chunk's start.
    pub keys: Vec<LineKey>,
    /// For each line, the line/column of its start, its content's start and its content's
    /// end, in each encoding (`ENCODINGS` order), lines counted from the chunk's first line.
    positions: Vec<[[LineCol; 3]; 3]>,
    /// For each line, its name and parts when it is a heading.
    headings: Vec<Option<Prepared>>,
}

/// A heading's name and detail as JSON strings, and its parts for disambiguation.
#[derive(Debug)]
struct Prepared {
    name: Box<[u8]>,
    detail: Option<Box<[u8]>>,
    parts: Option<HeadingParts>,
    /// A hash of the first of `parts`' clauses, which siblings are grouped by.
    first_clause: u64,
    /// The last name it was renamed to (after which clause, and the name as JSON): the
    /// clause that differs among its siblings rarely changes from one version to the next.
    renamed: OnceLock<(usize, Option<Box<[u8]>>)>,
}

/// `s` as a JSON string, escaped exactly as serde_json escapes it.
fn json_string(s: &str) -> Box<[u8]> {
    serde_json::to_vec(s)
        .unwrap_or_else(|_| b"\"\"".to_vec())
        .into()
}

impl Prepared {
    fn new(name: &str, detail: Option<&str>) -> Prepared {
        let parts = detail.and_then(outline::heading_parts);
        let first_clause = parts.as_ref().map_or(0, |p| {
            let mut h = std::hash::DefaultHasher::new();
            p.clauses[0].hash(&mut h);
            h.finish()
        });
        Prepared {
            name: json_string(name),
            detail: detail.map(json_string),
            parts,
            first_clause,
            renamed: OnceLock::new(),
        }
    }

    /// The JSON name after clause `differing` (see `outline::renamed`), or `None` when the
    /// name stays.
    fn renamed(&self, differing: usize) -> Option<Cow<'_, [u8]>> {
        let parts = self.parts.as_ref()?;
        let make = || outline::renamed(parts, differing).map(|n| json_string(&n));
        let (k, kept) = self.renamed.get_or_init(|| (differing, make()));
        if *k == differing {
            kept.as_deref().map(Cow::Borrowed)
        } else {
            make().map(|n| Cow::Owned(n.into_vec()))
        }
    }
}

impl ChunkOutline {
    /// The outline piece of `chunk`, which starts at byte `start` of a text whose first
    /// `line_before(offset)` gives the line an offset of the chunk is on, relative to the
    /// chunk's first line; `scanned(k)` gives the chunk's `k`th clean paragraph's scan.
    pub fn new<'a>(
        chunk: &'a Chunk,
        lines_before: impl Fn(usize) -> u32,
        scanned: impl Fn(usize) -> &'a super::paragraphs::ParagraphOutline,
    ) -> ChunkOutline {
        let mut piece = ChunkOutline::default();
        for k in 0..chunk.clean_len() {
            let (start, _, _) = chunk.clean(k);
            let scan = scanned(k);
            if scan.lines.is_empty() {
                continue;
            }
            let first = lines_before(start);
            for (l, at) in scan.lines.iter().zip(&scan.positions) {
                piece.keys.push(l.key(start));
                piece.positions.push(at.map(|encodings| {
                    encodings.map(|lc| LineCol {
                        line: lc.line + first,
                        col: lc.col,
                    })
                }));
                piece.headings.push(prepare(l));
            }
        }
        piece
    }
}

fn prepare(line: &OutlineLine) -> Option<Prepared> {
    match &line.role {
        LineRole::Markdown { name, detail, .. } | LineRole::Numbered { name, detail, .. } => {
            Some(Prepared::new(name, detail.as_deref()))
        }
        LineRole::Delimiter { .. } | LineRole::Fence { .. } => None,
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

    fn heading(&self, i: usize) -> Option<&'a Prepared> {
        let (piece, at, _) = self.line(i);
        piece.headings[at].as_ref()
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
/// joined keys; `at(offset)` converts the few offsets the pieces do not keep (the title's
/// when it is not a scanned line, and the end of the text).
pub fn write_json(
    flat: &FlatOutline,
    pieces: &Pieces<'_>,
    encoding: Encoding,
    at: impl Fn(usize) -> LineCol,
    len: usize,
) -> Vec<u8> {
    let e = ENCODINGS.iter().position(|&x| x == encoding).unwrap_or(1);
    let symbols = &flat.symbols;
    let title = flat.title.as_ref();
    let title_prepared = title.map(|t| Prepared::new(&t.name, t.detail.as_deref()));
    let prepared = |i: usize| -> Option<&Prepared> {
        match symbols[i].line {
            Some(l) => pieces.heading(l),
            None => title_prepared.as_ref(),
        }
    };
    let start = |i: usize| -> LineCol {
        match (symbols[i].line, title) {
            (Some(l), _) => pieces.position(l, 0, e),
            (None, Some(t)) => at(t.start),
            (None, None) => at(0),
        }
    };
    let names = renames(flat, &prepared);

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
            // Every symbol is a heading line or the title.
            out.extend_from_slice(b"{\"name\":\"\"");
            continue;
        };
        out.extend_from_slice(b"{\"name\":");
        match &names[i] {
            Some(name) => out.extend_from_slice(name),
            None => out.extend_from_slice(&p.name),
        }
        if let Some(detail) = &p.detail {
            out.extend_from_slice(b",\"detail\":");
            out.extend_from_slice(detail);
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
    out
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

/// The new names (as JSON) of the symbols that siblings with the same first clause rename
/// (see `outline::disambiguate`, which this follows on the flat outline).
fn renames<'p>(
    flat: &FlatOutline,
    prepared: &impl Fn(usize) -> Option<&'p Prepared>,
) -> Vec<Option<Cow<'p, [u8]>>> {
    let symbols = &flat.symbols;
    let mut names: Vec<Option<Cow<'p, [u8]>>> = vec![None; symbols.len()];
    // Siblings share a parent: group by (parent, first clause), through the clause's hash
    // (kept with the heading), then split groups whose clauses are not all equal (hashes
    // that collide) by the clauses themselves.
    let mut hashed: HashMap<(usize, u64), Vec<usize>, BuildMixer> = HashMap::default();
    let mut stack: Vec<usize> = Vec::new();
    for (i, s) in symbols.iter().enumerate() {
        stack.truncate(s.depth);
        let parent = stack.last().map_or(usize::MAX, |&p| p);
        stack.push(i);
        if let Some(p) = prepared(i)
            && p.parts.is_some()
        {
            hashed.entry((parent, p.first_clause)).or_default().push(i);
        }
    }
    let first_clause = |i: usize| -> &'p str {
        prepared(i)
            .and_then(|p| p.parts.as_ref())
            .map_or("", |parts| parts.clauses[0].as_str())
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for group in hashed.into_values().filter(|g| g.len() > 1) {
        let clause = first_clause(group[0]);
        if group.iter().all(|&i| first_clause(i) == clause) {
            groups.push(group);
        } else {
            let mut exact: HashMap<&str, Vec<usize>> = HashMap::new();
            for i in group {
                exact.entry(first_clause(i)).or_default().push(i);
            }
            groups.extend(exact.into_values());
        }
    }
    for group in groups.into_iter().filter(|g| g.len() > 1) {
        let members = group
            .iter()
            .filter_map(|&i| prepared(i).and_then(|p| p.parts.as_ref()));
        let Some(differing) = outline::differing_clause(members) else {
            continue;
        };
        for &i in &group {
            names[i] = prepared(i).and_then(|p| p.renamed(differing));
        }
    }
    names
}

/// Hashes the (parent, clause hash) keys of [`renames`]: they are already well mixed, so a
/// multiply is enough (SipHash over 10k keys per version showed in profiles).
#[derive(Default)]
struct Mixer(u64);

impl Hasher for Mixer {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type BuildMixer = BuildHasherDefault<Mixer>;
