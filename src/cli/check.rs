//! `jiaodui check`: report findings as human text or JSON Lines.

use super::args::{CheckArgs, CheckFormat, InputFormat};
use super::formats::{self, Render};
use super::inputs::{self, Source};
use super::render;
use super::settings::ConfigResolver;
use super::totals::CodeCounts;
use super::{EXIT_ERROR, EXIT_FOUND, EXIT_OK, Output, Reporter};
use crate::analysis::{self, Locale};
use rayon::prelude::*;
use std::io::Write;

/// What checking one input produced, ready to print in order.
struct Checked {
    output: Vec<u8>,
    /// SARIF results, gathered into one log at the end.
    sarif: Vec<serde_json::Value>,
    codes: CodeCounts,
    /// False when the input could not be checked (already reported).
    ok: bool,
}

pub(super) fn run(args: CheckArgs, reporter: &mut Reporter) -> u8 {
    let Some(settings) = super::settings_for(&args.config, reporter) else {
        return EXIT_ERROR;
    };
    if args.statistics && !matches!(args.format, CheckFormat::Human | CheckFormat::Json) {
        reporter.error(reporter.pick(
            "--statistics 只能与 --format human 或 json 同用",
            "--statistics works with --format human or json only",
        ));
        return EXIT_ERROR;
    }
    let corpus = args.input.input_format == InputFormat::Jsonl;
    if corpus && !matches!(args.format, CheckFormat::Human | CheckFormat::Json) {
        reporter.error(reporter.pick(
            "--input-format jsonl 只支持 --format human 或 json（记录没有可供定位的文件行号）",
            "--input-format jsonl supports --format human or json only (records have no file \
             lines to point at)",
        ));
        return EXIT_ERROR;
    }
    let render = if args.statistics {
        Render::Nothing
    } else {
        Render::Format(args.format)
    };
    let listed = inputs::collect(&args.input.paths, &args.input.extensions, reporter.locale);
    for error in &listed.errors {
        reporter.error(error);
    }
    let mut out = Output::plain();
    let palette = render::Palette::new(super::stdout_colored(reporter.color));
    if corpus {
        let totals = super::corpus::check(
            &listed.sources,
            &args.input,
            render,
            palette,
            &settings,
            reporter,
            &mut out,
        );
        finish(
            &args,
            reporter,
            &mut out,
            &totals.codes,
            Tally {
                with_findings: totals.with_findings,
                checked: totals.documents,
                failed: totals.failed,
                records: true,
            },
        );
        return exit_code(reporter, totals.codes.total());
    }

    reporter.start_progress(listed.sources.len());
    let mut codes = CodeCounts::default();
    let mut sarif = formats::Sarif::new(reporter.locale);
    let (mut with_findings, mut checked) = (0, 0);
    let mut failed = listed.errors.len();
    'batches: for batch in listed.sources.chunks(super::BATCH) {
        let results: Vec<Checked> = batch
            .par_iter()
            .map(|source| {
                let checked = check_one(source, &args, render, &settings, reporter, palette);
                reporter.progress.inc(1);
                checked
            })
            .collect();
        let mut output = Vec::new();
        for result in results {
            if !result.ok {
                failed += 1;
                continue;
            }
            checked += 1;
            codes.add(&result.codes);
            with_findings += usize::from(result.codes.total() > 0);
            sarif.extend(result.sarif);
            output.extend_from_slice(&result.output);
        }
        // One write per batch: the progress bar is cleared and redrawn around it.
        if !output.is_empty() && !reporter.progress.suspend(|| out.write(&output)) {
            break 'batches;
        }
    }
    reporter.finish_progress();
    if render == Render::Format(CheckFormat::Sarif) {
        out.write(&sarif.finish(!reporter.had_error()));
    }
    finish(
        &args,
        reporter,
        &mut out,
        &codes,
        Tally {
            with_findings,
            checked,
            failed,
            records: false,
        },
    );
    exit_code(reporter, codes.total())
}

/// How a run went, for its closing lines.
struct Tally {
    with_findings: usize,
    checked: usize,
    /// Inputs that could not be checked (each already reported).
    failed: usize,
    records: bool,
}

/// The statistics table (`--statistics`) on stdout, then the summary on stderr.
fn finish(
    args: &CheckArgs,
    reporter: &Reporter,
    out: &mut Output,
    codes: &CodeCounts,
    tally: Tally,
) {
    if args.statistics {
        out.write(&statistics(codes, args.format, reporter.locale));
    }
    out.flush();
    if args.format == CheckFormat::Human {
        reporter.summary(&summary_line(reporter, codes, &tally));
    }
}

/// One row per code that occurred, most frequent first: `count  code  what it is` (human),
/// or `{"code", "count"}` JSON Lines.
fn statistics(codes: &CodeCounts, format: CheckFormat, locale: Locale) -> Vec<u8> {
    let mut bytes = Vec::new();
    for (code, n) in codes.ranked() {
        if format == CheckFormat::Json {
            let _ = serde_json::to_writer(
                &mut bytes,
                &serde_json::json!({"code": code.as_str(), "count": n}),
            );
            bytes.push(b'\n');
        } else {
            let what = code.describe(locale);
            let what = what.split(['：', ':']).next().unwrap_or(&what);
            let _ = writeln!(bytes, "{n:>8}  {:<24}  {what}", code.as_str());
        }
    }
    bytes
}

fn exit_code(reporter: &Reporter, findings: usize) -> u8 {
    if reporter.had_error() {
        EXIT_ERROR
    } else if findings > 0 {
        EXIT_FOUND
    } else {
        EXIT_OK
    }
}

fn summary_line(reporter: &Reporter, codes: &CodeCounts, tally: &Tally) -> String {
    let (unit_zh, unit_en) = if tally.records {
        ("条记录", "record")
    } else {
        ("个文件", "file")
    };
    let en = |n: usize, unit: &str| super::count(n, unit);
    let (checked, findings) = (tally.checked, codes.total());
    let mut line = if checked == 0 && tally.failed > 0 {
        let what = if tally.records { "记录" } else { "文件" };
        reporter.pick(format!("未能检查任何{what}"), "nothing checked".to_string())
    } else if findings == 0 {
        reporter.pick(
            format!("检查了 {checked} {unit_zh}，未发现问题"),
            format!("no findings ({} checked)", en(checked, unit_en)),
        )
    } else {
        reporter.pick(
            format!(
                "{} {unit_zh}中发现 {findings} 处问题（共检查 {checked} {unit_zh}）",
                tally.with_findings
            ),
            format!(
                "{} in {} ({} checked)",
                en(findings, "finding"),
                en(tally.with_findings, unit_en),
                en(checked, unit_en)
            ),
        )
    };
    if tally.failed > 0 {
        line.push_str(&reporter.pick(
            format!("；{} {unit_zh}因出错未能检查（见上方错误）", tally.failed),
            format!(
                "; {} could not be checked (see the errors above)",
                en(tally.failed, unit_en)
            ),
        ));
    }
    let ranked = codes.ranked();
    if ranked.len() > 1 {
        let parts: Vec<String> = ranked
            .iter()
            .map(|(code, n)| format!("{code} {n}"))
            .collect();
        line.push('\n');
        line.push_str(&reporter.pick("按代码：", "by code: "));
        line.push_str(&parts.join(" · "));
    }
    line
}

fn check_one(
    source: &Source,
    args: &CheckArgs,
    render: Render,
    settings: &ConfigResolver,
    reporter: &Reporter,
    palette: render::Palette,
) -> Checked {
    let failed = Checked {
        output: Vec::new(),
        sarif: Vec::new(),
        codes: CodeCounts::default(),
        ok: false,
    };
    let stdin_name = args.input.stdin_filename.as_deref();
    let name = super::display_name(source, stdin_name);
    let Some(config) = super::config_for(settings, source, stdin_name, reporter) else {
        return failed;
    };
    let (_, decoded) = match super::load(source, &name, args.input.encoding, reporter.locale) {
        Ok(loaded) => loaded,
        Err(error) => {
            reporter.error(error);
            return failed;
        }
    };
    let text = decoded.text.as_str();
    let profile = analysis::Profile::new(&config, analysis::TextKind::of_path(&name));
    let found = analysis::check_with(text, profile);
    let mut output = Vec::new();
    let mut sarif = Vec::new();
    if let (false, Render::Format(format)) = (found.is_empty(), render) {
        let mut locator = render::Locator::new(text);
        if format == CheckFormat::Sarif {
            sarif = formats::sarif_results(&name, &mut locator, &found);
        }
        for finding in &found {
            match format {
                CheckFormat::Human => render::write_human(
                    &mut output,
                    &name,
                    &mut locator,
                    finding,
                    palette,
                    reporter.locale,
                ),
                CheckFormat::Json => {
                    render::write_json(&mut output, &name, None, &mut locator, finding)
                }
                CheckFormat::Rdjsonl => {
                    formats::write_rdjsonl(&mut output, &name, &mut locator, finding)
                }
                CheckFormat::Github => {
                    formats::write_github(&mut output, &name, &mut locator, finding)
                }
                CheckFormat::Sarif => {}
            }
        }
    }
    Checked {
        output,
        sarif,
        codes: CodeCounts::of(&found),
        ok: true,
    }
}
