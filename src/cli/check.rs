//! `jiaodui check`: report findings as human text or JSON Lines.

use super::args::{CheckArgs, InputFormat, OutputFormat};
use super::inputs::{self, Source};
use super::render;
use super::settings::Settings;
use super::{EXIT_ERROR, EXIT_FOUND, EXIT_OK, Output, Reporter};
use crate::analysis;
use rayon::prelude::*;

/// What checking one input produced, ready to print in order.
struct Checked {
    output: Vec<u8>,
    findings: usize,
    /// False when the input could not be checked (already reported).
    ok: bool,
}

pub(super) fn run(args: CheckArgs, reporter: &mut Reporter) -> u8 {
    let Some(settings) = super::settings_for(&args.config, reporter) else {
        return EXIT_ERROR;
    };
    let listed = inputs::collect(&args.input.paths, &args.input.extensions);
    for error in &listed.errors {
        reporter.error(error);
    }
    let mut out = match args.format {
        OutputFormat::Human | OutputFormat::Json => Output::plain(),
    };
    let palette = render::Palette::new(super::stdout_colored(reporter.color));
    if args.input.input_format == InputFormat::Jsonl {
        let totals = super::corpus::check(
            &listed.sources,
            &args.input,
            args.format,
            palette,
            &settings,
            reporter,
            &mut out,
        );
        if args.format == OutputFormat::Human {
            reporter.summary(&summary_line(
                reporter,
                totals.findings,
                totals.with_findings,
                totals.documents,
                true,
            ));
        }
        return exit_code(reporter, totals.findings);
    }

    reporter.start_progress(listed.sources.len());
    let (mut findings, mut with_findings, mut checked) = (0, 0, 0);
    'batches: for batch in listed.sources.chunks(super::BATCH) {
        let results: Vec<Checked> = batch
            .par_iter()
            .map(|source| {
                let checked = check_one(source, &args, &settings, reporter, palette);
                reporter.progress.inc(1);
                checked
            })
            .collect();
        for result in results {
            if !result.ok {
                continue;
            }
            checked += 1;
            findings += result.findings;
            with_findings += usize::from(result.findings > 0);
            if !reporter.progress.suspend(|| out.write(&result.output)) {
                break 'batches;
            }
        }
    }
    out.flush();
    reporter.finish_progress();
    if args.format == OutputFormat::Human {
        reporter.summary(&summary_line(
            reporter,
            findings,
            with_findings,
            checked,
            false,
        ));
    }
    exit_code(reporter, findings)
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

fn summary_line(
    reporter: &Reporter,
    findings: usize,
    with_findings: usize,
    checked: usize,
    records: bool,
) -> String {
    let (unit_zh, unit_en) = if records {
        ("条记录", "record")
    } else {
        ("个文件", "file")
    };
    let en = |n: usize, unit: &str| super::count(n, unit);
    if findings == 0 {
        return reporter.pick(
            format!("检查了 {checked} {unit_zh}，未发现问题"),
            format!("no findings ({} checked)", en(checked, unit_en)),
        );
    }
    reporter.pick(
        format!("{with_findings} {unit_zh}中发现 {findings} 处问题（共检查 {checked} {unit_zh}）"),
        format!(
            "{} in {} ({} checked)",
            en(findings, "finding"),
            en(with_findings, unit_en),
            en(checked, unit_en)
        ),
    )
}

fn check_one(
    source: &Source,
    args: &CheckArgs,
    settings: &Settings,
    reporter: &Reporter,
    palette: render::Palette,
) -> Checked {
    let failed = Checked {
        output: Vec::new(),
        findings: 0,
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
    let found = analysis::check(text, &config);
    let mut output = Vec::new();
    if !found.is_empty() {
        let mut locator = render::Locator::new(text);
        for finding in &found {
            match args.format {
                OutputFormat::Human => {
                    render::write_human(&mut output, &name, &mut locator, finding, palette)
                }
                OutputFormat::Json => {
                    render::write_json(&mut output, &name, None, &mut locator, finding)
                }
            }
        }
    }
    Checked {
        output,
        findings: found.len(),
        ok: true,
    }
}
