//! `jiaodui outline`: the document's section tree, indented or as JSON.

use super::args::{OutlineArgs, OutlineFormat};
use super::render::{self, printable};
use super::{EXIT_ERROR, EXIT_OK, Output, Reporter};
use crate::analysis::outline::{Symbol, SymbolKind, outline};
use crate::position::LineIndex;
use serde::Serialize;
use std::io::Write;

/// One outline entry in JSON: lines are 1-based; bytes are the whole section, end exclusive.
#[derive(Serialize)]
struct JsonSymbol<'a> {
    name: &'a str,
    detail: Option<&'a str>,
    kind: SymbolKind,
    level: u8,
    /// The heading's line.
    line: usize,
    /// The section's last line.
    end_line: usize,
    byte_start: usize,
    byte_end: usize,
    children: Vec<JsonSymbol<'a>>,
}

pub(super) fn run(args: OutlineArgs, reporter: &mut Reporter) -> u8 {
    let Some(source) = super::single_source(args.path.as_deref(), reporter) else {
        return EXIT_ERROR;
    };
    let name = super::display_name(&source, None);
    let (_, decoded) = match super::load(&source, &name, args.encoding, reporter.locale) {
        Ok(loaded) => loaded,
        Err(error) => {
            reporter.error(error);
            return EXIT_ERROR;
        }
    };
    let text = decoded.text.as_str();
    let symbols = outline(text);
    let index = LineIndex::new(text);
    let mut bytes = Vec::new();
    let mut out = match args.format {
        OutlineFormat::Json => {
            bytes = json(&symbols, &index).into_bytes();
            bytes.push(b'\n');
            Output::plain()
        }
        OutlineFormat::Human => {
            let palette = render::Palette::new(super::stdout_colored(reporter.color));
            for symbol in &symbols {
                write_tree(&mut bytes, symbol, &index, 0, palette.dim());
            }
            Output::plain()
        }
    };
    out.write(&bytes);
    out.flush();
    if symbols.is_empty() && args.format == OutlineFormat::Human {
        reporter.summary(&reporter.pick(
            format!("{name}: 没有找到标题或章节编号，无大纲可列"),
            format!("{name}: no title or numbered headings found, so no outline"),
        ));
    }
    EXIT_OK
}

/// The outline as `outline --format json` prints it (one JSON array, no line break); also what
/// the Python package's `outline` returns.
pub fn json(symbols: &[Symbol], index: &LineIndex) -> String {
    let json: Vec<JsonSymbol> = symbols.iter().map(|s| to_json(s, index)).collect();
    serde_json::to_string(&json).unwrap_or_default()
}

fn to_json<'a>(symbol: &'a Symbol, index: &LineIndex) -> JsonSymbol<'a> {
    JsonSymbol {
        name: &symbol.name,
        detail: symbol.detail.as_deref(),
        kind: symbol.kind,
        level: symbol.level,
        line: index.line_of(symbol.selection_range.start) + 1,
        end_line: last_line(symbol, index) + 1,
        byte_start: symbol.range.start,
        byte_end: symbol.range.end,
        children: symbol.children.iter().map(|c| to_json(c, index)).collect(),
    }
}

/// The 0-based line holding the section's last byte (its final line break counts as part of
/// the line it ends).
fn last_line(symbol: &Symbol, index: &LineIndex) -> usize {
    let last = if symbol.range.end > symbol.range.start {
        symbol.range.end - 1
    } else {
        symbol.range.start
    };
    index.line_of(last)
}

fn write_tree(
    out: &mut Vec<u8>,
    symbol: &Symbol,
    index: &LineIndex,
    depth: usize,
    dim: anstyle::Style,
) {
    let _ = writeln!(
        out,
        "{}{} {dim}{}{dim:#}",
        "  ".repeat(depth),
        printable(&symbol.name),
        index.line_of(symbol.selection_range.start) + 1
    );
    for child in &symbol.children {
        write_tree(out, child, index, depth + 1, dim);
    }
}
