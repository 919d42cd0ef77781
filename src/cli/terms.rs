//! `jiaodui terms FILE` (glossary terms found in a document) and `jiaodui define TERM`
//! (a glossary entry, or CC-CEDICT senses for an ordinary word).

use super::args::{DefineArgs, DefineFormat, GlossaryArgs, TermsArgs, TermsFormat};
use super::inputs::Source;
use super::render::{printable, span};
use super::{EXIT_ERROR, EXIT_FOUND, EXIT_OK, Output, Reporter};
use crate::analysis::dictionary;
use crate::analysis::glossary::{self, Definition, Entry, Glossary};
use crate::config_file;
use crate::position::LineIndex;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One term occurrence in JSON: line and column are 1-based (columns in characters);
/// bytes are end-exclusive offsets into the file.
#[derive(Serialize)]
struct JsonTerm<'a> {
    /// Named as in `check`'s JSON.
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    byte_start: usize,
    byte_end: usize,
    /// The text as written (annotations included).
    text: &'a str,
    term: &'a str,
    traditional: &'a str,
    pinyin: &'a str,
    category: &'a str,
}

pub(super) fn run_terms(args: TermsArgs, reporter: &mut Reporter) -> u8 {
    let Some(source) = super::single_source(args.path.as_deref(), reporter) else {
        return EXIT_ERROR;
    };
    let anchor = match &source {
        Source::File(path) => path.clone(),
        Source::Stdin => PathBuf::from("."),
    };
    let glossary = match load_glossary(&args.glossary, &anchor, reporter) {
        Some(g) => g,
        None => return EXIT_ERROR,
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
    let matches = glossary.find_terms(text);
    let index = LineIndex::new(text);
    let mut bytes = Vec::new();
    let mut out = match args.format {
        TermsFormat::Json => Output::plain(),
        TermsFormat::Human => Output::styled(reporter.color),
    };
    for m in &matches {
        let Some(entry) = glossary.entry(m.entry_index) else {
            continue;
        };
        let at = span(&index, text, &m.byte_range);
        let written = &text[m.byte_range.clone()];
        match args.format {
            TermsFormat::Json => {
                let record = JsonTerm {
                    file: &name,
                    line: at.line,
                    column: at.column,
                    end_line: at.end_line,
                    end_column: at.end_column,
                    byte_start: m.byte_range.start,
                    byte_end: m.byte_range.end,
                    text: written,
                    term: &entry.term,
                    traditional: entry.traditional(),
                    pinyin: &entry.pinyin,
                    category: &entry.category,
                };
                let _ = serde_json::to_writer(&mut bytes, &record);
                bytes.push(b'\n');
            }
            TermsFormat::Human => {
                let _ = writeln!(
                    bytes,
                    "{BOLD}{name}:{}:{}{BOLD:#} {} {DIM}→{DIM:#} {} {DIM}{} · {}{DIM:#}",
                    at.line,
                    at.column,
                    printable(written),
                    entry.term,
                    entry.pinyin,
                    entry.category,
                );
            }
        }
        if bytes.len() > 64 * 1024 {
            if !out.write(&bytes) {
                return EXIT_OK;
            }
            bytes.clear();
        }
    }
    out.write(&bytes);
    out.flush();
    let distinct = {
        let mut seen: Vec<usize> = matches.iter().map(|m| m.entry_index).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    reporter.summary(&reporter.pick(
        format!("{} 处术语，{} 个不同词条", matches.len(), distinct),
        format!(
            "{}, {}",
            super::count(matches.len(), "occurrence"),
            super::count(distinct, "distinct term")
        ),
    ));
    EXIT_OK
}

pub(super) fn run_define(args: DefineArgs, reporter: &mut Reporter) -> u8 {
    let glossary = match load_glossary(&args.glossary, Path::new("."), reporter) {
        Some(g) => g,
        None => return EXIT_ERROR,
    };
    let mut bytes = Vec::new();
    let mut out = match args.format {
        DefineFormat::Json | DefineFormat::Markdown => Output::plain(),
        DefineFormat::Human => Output::styled(reporter.color),
    };
    let Some(definition) = glossary.define(&args.term) else {
        let why = if dictionary::available() {
            reporter.pick(
                format!("未找到“{}”：术语表和词典中都没有", args.term),
                format!(
                    "`{}` is neither in the glossary nor in the dictionary",
                    args.term
                ),
            )
        } else {
            reporter.pick(
                format!("术语表中没有“{}”（本版本未内置 CC-CEDICT 词典）", args.term),
                format!(
                    "`{}` is not in the glossary (this build has no CC-CEDICT dictionary)",
                    args.term
                ),
            )
        };
        reporter.error(why);
        return EXIT_FOUND;
    };
    match (args.format, &definition) {
        (DefineFormat::Json, _) => {
            let _ = serde_json::to_writer(&mut bytes, &definition);
            bytes.push(b'\n');
        }
        (DefineFormat::Markdown, Definition::Glossary { entry }) => {
            let _ = writeln!(bytes, "{}", entry.to_markdown());
        }
        (DefineFormat::Human, Definition::Glossary { entry }) => write_entry(&mut bytes, entry),
        (DefineFormat::Markdown, Definition::Cedict { entries }) => {
            for e in entries {
                let _ = writeln!(
                    bytes,
                    "**{}**（{}） *{}* — {}  ",
                    e.simplified,
                    e.traditional,
                    e.pinyin,
                    e.glosses.join("; ")
                );
            }
            let _ = writeln!(bytes, "\n*CC-CEDICT, CC BY-SA 4.0*");
        }
        (DefineFormat::Human, Definition::Cedict { entries }) => {
            for e in entries {
                let _ = writeln!(
                    bytes,
                    "{BOLD}{}{BOLD:#}（{}） {ITALIC}{}{ITALIC:#} — {}",
                    e.simplified,
                    e.traditional,
                    e.pinyin,
                    e.glosses.join("; ")
                );
            }
            let _ = writeln!(bytes, "{DIM}CC-CEDICT, CC BY-SA 4.0{DIM:#}");
        }
    }
    out.write(&bytes);
    out.flush();
    EXIT_OK
}

/// The built-in glossary with user glossaries on top: those named by the nearest
/// `jiaodui.toml` (paths relative to it, unless `--no-config`), then `--glossary` files.
fn load_glossary(args: &GlossaryArgs, anchor: &Path, reporter: &Reporter) -> Option<Glossary> {
    let mut files: Vec<PathBuf> = Vec::new();
    if !args.no_config {
        match config_file::discover(&config_file::start_dir_for(anchor)) {
            Ok(Some((path, config))) => files.extend(config_file::glossary_paths(&path, &config)),
            Ok(None) => {}
            Err(error) => {
                reporter.error(reporter.pick(
                    format!(
                        "配置文件有误：{}",
                        error.localized(crate::analysis::Locale::Zh)
                    ),
                    format!("invalid config {error}"),
                ));
                return None;
            }
        }
    }
    files.extend(args.glossary.iter().cloned());
    if files.is_empty() {
        return Some(Glossary::builtin());
    }
    let mut user = Vec::new();
    for file in &files {
        let shown = file.display();
        let text = match config_file::read_glossary(file) {
            Ok(text) => text,
            Err(e) => {
                reporter.error(e.localized(reporter.locale));
                return None;
            }
        };
        match glossary::parse_entries(&text) {
            Ok(entries) => user.extend(entries),
            Err(e) => {
                reporter.error(format!("{shown}: {}", e.localized(reporter.locale)));
                return None;
            }
        }
    }
    Some(Glossary::with_user(user))
}

/// A glossary entry as terminal text: the heading line (term, Traditional form, pinyin,
/// category) in bold and colour, then the definition and labelled lines; the styles are
/// stripped when colour is off, leaving plain text with no Markdown marks.
fn write_entry(out: &mut Vec<u8>, entry: &Entry) {
    let trad = entry.traditional();
    let _ = write!(out, "{BOLD}{}{BOLD:#}", entry.term);
    if trad != entry.term {
        let _ = write!(out, "（{trad}）");
    }
    if !entry.pinyin.is_empty() {
        let _ = write!(out, " {ITALIC}{}{ITALIC:#}", entry.pinyin);
    }
    if !entry.category.is_empty() {
        let _ = write!(
            out,
            " {DIM}·{DIM:#} {CATEGORY}{}{CATEGORY:#}",
            entry.category
        );
    }
    out.push(b'\n');
    if !entry.definition.is_empty() {
        let _ = writeln!(out, "\n{}\n", entry.definition);
    }
    let others: Vec<&str> = entry
        .variants
        .iter()
        .map(String::as_str)
        .filter(|v| *v != trad)
        .collect();
    let mut label = |name: &str, value: String| {
        if !value.is_empty() {
            let _ = writeln!(out, "{DIM}{name}{DIM:#}{value}");
        }
    };
    label("又作：", others.join("、"));
    label("来源：", entry.source.clone());
    label("相关：", entry.related.join("、"));
}

const BOLD: anstyle::Style = anstyle::Style::new().bold();
const ITALIC: anstyle::Style = anstyle::Style::new().italic();
const CATEGORY: anstyle::Style =
    anstyle::Style::new().fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Cyan)));
const DIM: anstyle::Style = anstyle::Style::new().dimmed();
