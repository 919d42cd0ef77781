//! JSON Lines corpora (`--input-format jsonl`): every record's text field is one document.
//!
//! Records are streamed: read in small batches (a batch also ends whenever no more input is
//! buffered, so a slow pipe gets its answers promptly), analysed in parallel, and written in
//! input order, so memory stays bounded and the command works as a filter in a pipeline.
//! `fix` writes every record back: unchanged ones byte for byte, fixed ones with only the
//! text field replaced (other fields and their order are kept).

use super::args::{CheckFormat, InputArgs};
use super::formats::Render;
use super::inputs::Source;
use super::render::{self, RecordRef};
use super::settings::ConfigResolver;
use super::totals::CodeCounts;
use super::{Output, Reporter};
use crate::analysis::{self, Config, Locale, fix::fix_all};
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::io::{BufRead, BufReader, Read};

/// A batch ends after this many records or bytes, whichever comes first.
const BATCH_RECORDS: usize = 256;
const BATCH_BYTES: usize = 4 << 20;

#[derive(Default)]
pub(super) struct Totals {
    /// Findings reported, or fixes applied.
    pub findings: usize,
    /// Findings per code (`check`).
    pub codes: CodeCounts,
    /// Records or files that could not be read (each already reported).
    pub failed: usize,
    /// Records with at least one finding (or fix).
    pub with_findings: usize,
    /// Records read.
    pub documents: usize,
}

/// One input line, with its terminator.
struct RawRecord {
    number: u64,
    bytes: Vec<u8>,
}

struct Done {
    output: Vec<u8>,
    findings: usize,
    codes: CodeCounts,
    error: Option<String>,
    /// False for blank lines, which are not records.
    is_record: bool,
}

pub(super) fn check(
    sources: &[Source],
    input: &InputArgs,
    render: Render,
    palette: render::Palette,
    settings: &ConfigResolver,
    reporter: &Reporter,
    out: &mut Output,
) -> Totals {
    let locale = reporter.locale;
    run(
        sources,
        input,
        settings,
        reporter,
        out,
        &|name, config, record| check_record(name, config, record, input, render, palette, locale),
    )
}

pub(super) fn fix(
    sources: &[Source],
    input: &InputArgs,
    settings: &ConfigResolver,
    reporter: &Reporter,
    out: &mut Output,
) -> Totals {
    run(
        sources,
        input,
        settings,
        reporter,
        out,
        &|name, config, record| fix_record(name, config, record, input, reporter.locale),
    )
}

type Process<'a> = dyn Fn(&str, &Config, &RawRecord) -> Done + Sync + 'a;

fn run(
    sources: &[Source],
    input: &InputArgs,
    settings: &ConfigResolver,
    reporter: &Reporter,
    out: &mut Output,
    process: &Process,
) -> Totals {
    let mut totals = Totals::default();
    let stdin_name = input.stdin_filename.as_deref();
    for source in sources {
        let name = super::display_name(source, stdin_name);
        let Some(config) = super::config_for(settings, source, stdin_name, reporter) else {
            totals.failed += 1;
            continue;
        };
        let reader: Box<dyn Read> = match source {
            Source::Stdin => Box::new(std::io::stdin()),
            Source::File(path) => match std::fs::File::open(path) {
                Ok(file) => Box::new(file),
                Err(e) => {
                    reporter.error(super::io_error(&name, &e, reporter.locale));
                    totals.failed += 1;
                    continue;
                }
            },
        };
        let mut open = true;
        let result = read_batches(reader, |batch| {
            let done: Vec<Done> = batch
                .par_iter()
                .map(|record| process(&name, &config, record))
                .collect();
            for d in done {
                totals.documents += usize::from(d.is_record && d.error.is_none());
                totals.findings += d.findings;
                totals.codes.add(&d.codes);
                totals.with_findings += usize::from(d.findings > 0);
                if let Some(error) = d.error {
                    reporter.error(error);
                    totals.failed += 1;
                }
                if !out.write(&d.output) {
                    open = false;
                }
            }
            // Flushed per batch: downstream sees results as soon as they exist.
            open && out.flush()
        });
        if let Err(e) = result {
            reporter.error(super::io_error(&name, &e, reporter.locale));
            totals.failed += 1;
        }
        if !open {
            break;
        }
    }
    totals
}

fn read_batches(
    reader: Box<dyn Read>,
    mut handle: impl FnMut(Vec<RawRecord>) -> bool,
) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(256 << 10, reader);
    let mut batch = Vec::new();
    let mut batch_bytes = 0;
    let mut number = 0;
    loop {
        let mut bytes = Vec::new();
        if reader.read_until(b'\n', &mut bytes)? == 0 {
            break;
        }
        batch_bytes += bytes.len();
        batch.push(RawRecord { number, bytes });
        number += 1;
        if batch.len() >= BATCH_RECORDS || batch_bytes >= BATCH_BYTES || reader.buffer().is_empty()
        {
            batch_bytes = 0;
            if !handle(std::mem::take(&mut batch)) {
                return Ok(());
            }
        }
    }
    if !batch.is_empty() {
        handle(batch);
    }
    Ok(())
}

/// The record's JSON without its line terminator (and, on the first line, a UTF-8 BOM).
fn content(record: &RawRecord) -> &[u8] {
    let mut bytes = &record.bytes[..];
    if record.number == 0 {
        bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    }
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.strip_suffix(b"\r").unwrap_or(bytes)
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// A JSON object's members in order, each value kept as its exact source text, so that a
/// fixed record differs from the input only in its text field (big integers, number
/// spellings and escapes elsewhere survive untouched).
struct RawObject(Vec<(String, Box<RawValue>)>);

impl RawObject {
    /// The member's value; the last one when a key repeats (as JSON parsers usually read it).
    fn get(&self, key: &str) -> Option<&RawValue> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| &**v)
    }

    /// Compact JSON with `key`'s (last) value replaced by the string `value`.
    fn to_json_with(&self, key: &str, value: &str) -> Vec<u8> {
        let replaced = self.0.iter().rposition(|(k, _)| k == key);
        let mut out = Vec::new();
        out.push(b'{');
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // Strings always serialize.
            let _ = serde_json::to_writer(&mut out, k);
            out.push(b':');
            if Some(i) == replaced {
                let _ = serde_json::to_writer(&mut out, value);
            } else {
                out.extend_from_slice(v.get().as_bytes());
            }
        }
        out.push(b'}');
        out
    }
}

impl<'de> Deserialize<'de> for RawObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = RawObject;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawObject, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Box<RawValue>>()? {
                    members.push(member);
                }
                Ok(RawObject(members))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// The record's members and its text, or why the record cannot be used.
fn parse(
    name: &str,
    record: &RawRecord,
    text_field: &str,
    locale: Locale,
) -> Result<(RawObject, String), String> {
    let number = record.number + 1;
    let object: RawObject = serde_json::from_slice(content(record)).map_err(|e| {
        if e.classify() == serde_json::error::Category::Data {
            locale.pick(
                format!("{name}: 第 {number} 条记录不是 JSON 对象"),
                format!("{name}: record {number}: not a JSON object"),
            )
        } else {
            locale.pick(
                format!(
                    "{name}: 第 {number} 条记录不是有效的 JSON（第 {} 列附近）",
                    e.column()
                ),
                format!("{name}: record {number}: invalid JSON: {e}"),
            )
        }
    })?;
    let raw = object.get(text_field).ok_or_else(|| {
        locale.pick(
            format!("{name}: 第 {number} 条记录没有 `{text_field}` 字段"),
            format!("{name}: record {number}: no field `{text_field}`"),
        )
    })?;
    let text: String = serde_json::from_str(raw.get()).map_err(|_| {
        locale.pick(
            format!("{name}: 第 {number} 条记录的 `{text_field}` 字段不是字符串"),
            format!("{name}: record {number}: field `{text_field}` is not a string"),
        )
    })?;
    Ok((object, text))
}

/// The record's members and text; or, for a blank line or a bad record, what to emit instead
/// (with `passthrough`, the input line itself, so that a fixed corpus keeps every line).
fn open(
    name: &str,
    record: &RawRecord,
    text_field: &str,
    passthrough: bool,
    locale: Locale,
) -> Result<(RawObject, String), Done> {
    let mut done = Done {
        output: if passthrough {
            record.bytes.clone()
        } else {
            Vec::new()
        },
        findings: 0,
        codes: CodeCounts::default(),
        error: None,
        is_record: !is_blank(content(record)),
    };
    if !done.is_record {
        return Err(done);
    }
    parse(name, record, text_field, locale).map_err(|error| {
        done.error = Some(error);
        done
    })
}

fn check_record(
    name: &str,
    config: &Config,
    record: &RawRecord,
    input: &InputArgs,
    render: Render,
    palette: render::Palette,
    locale: Locale,
) -> Done {
    let (object, text) = match open(name, record, &input.text_field, false, locale) {
        Ok(parsed) => parsed,
        Err(done) => return done,
    };
    let text = text.as_str();
    let found = analysis::check(text, config);
    let mut done = Done {
        output: Vec::new(),
        findings: found.len(),
        codes: CodeCounts::of(&found),
        error: None,
        is_record: true,
    };
    let Render::Format(format) = render else {
        return done;
    };
    if found.is_empty() {
        return done;
    }
    let mut locator = render::Locator::new(text);
    let id = object.get(&input.id_field);
    let reference = RecordRef {
        number: record.number + 1,
        id,
    };
    let label = match id {
        Some(id) => {
            // A string id is shown without its quotes; other JSON as written.
            let shown =
                serde_json::from_str::<String>(id.get()).unwrap_or_else(|_| id.get().into());
            format!("{name}#{}[id={shown}]", record.number + 1)
        }
        None => format!("{name}#{}", record.number + 1),
    };
    for finding in &found {
        match format {
            CheckFormat::Json => render::write_json(
                &mut done.output,
                name,
                Some(reference),
                &mut locator,
                finding,
            ),
            // `check` refuses the other formats for corpora.
            _ => render::write_human(
                &mut done.output,
                &label,
                &mut locator,
                finding,
                palette,
                locale,
            ),
        }
    }
    done
}

fn fix_record(
    name: &str,
    config: &Config,
    record: &RawRecord,
    input: &InputArgs,
    locale: Locale,
) -> Done {
    // Whatever cannot be fixed is passed through untouched, so the output has every record.
    let (object, text) = match open(name, record, &input.text_field, true, locale) {
        Ok(parsed) => parsed,
        Err(done) => return done,
    };
    let mut done = Done {
        output: record.bytes.clone(),
        findings: 0,
        codes: CodeCounts::default(),
        error: None,
        is_record: true,
    };
    let (fixed, fixes) = fix_all(&text, config);
    if fixes == 0 || fixed == text {
        return done;
    }
    let terminator: &[u8] = if record.bytes.ends_with(b"\r\n") {
        b"\r\n"
    } else if record.bytes.ends_with(b"\n") {
        b"\n"
    } else {
        b""
    };
    let mut output = object.to_json_with(&input.text_field, &fixed);
    output.extend_from_slice(terminator);
    done.output = output;
    done.findings = fixes;
    done
}
