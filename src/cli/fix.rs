//! `jiaodui fix`: apply safe fixes in place, atomically, or show them (`--diff`, `--stdout`).
//!
//! Writing is careful: the new bytes go to a temporary file in the target's directory, which
//! takes the original's permissions (and, on Unix, owner) and is renamed over the target.
//! Symlinks are written through to their target. A read-only file is refused, and so is a
//! file whose bytes changed on disk between reading and writing. A file read in a legacy
//! encoding is written back in it, and only if every character survives the round trip.

use super::args::{FixArgs, InputFormat};
use super::encoding::{self, Storage};
use super::inputs::{self, Source};
use super::settings::ConfigResolver;
use super::{EXIT_ERROR, EXIT_FOUND, EXIT_OK, Output, Reporter};
use crate::analysis::fix::fix_all_with;
use crate::analysis::{Profile, TextKind};
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    InPlace,
    Diff,
    Stdout,
}

struct Fixed {
    output: Vec<u8>,
    /// Fixes applied (or, with --diff, applicable).
    fixes: usize,
}

pub(super) fn run(args: FixArgs, reporter: &mut Reporter) -> u8 {
    let Some(settings) = super::settings_for(&args.config, reporter) else {
        return EXIT_ERROR;
    };
    if args.input.paths.is_empty() && !inputs::stdin_is_readable() {
        // Rewriting every file under the current directory should be asked for by name.
        reporter.error(reporter.pick(
            "请指定要修复的路径（当前目录用 `.`），或从标准输入提供文本",
            "name the files to fix (`.` for the current directory), or pipe text to stdin",
        ));
        return EXIT_ERROR;
    }
    let listed = inputs::collect(&args.input.paths, &args.input.extensions, reporter.locale);
    for error in &listed.errors {
        reporter.error(error);
    }
    let mode = if args.diff {
        Mode::Diff
    } else if args.stdout {
        Mode::Stdout
    } else {
        Mode::InPlace
    };
    let mut out = Output::plain();

    if args.input.input_format == InputFormat::Jsonl {
        if mode == Mode::Diff {
            reporter.error(reporter.pick(
                "--diff 不适用于 --input-format jsonl（修复后的记录写到标准输出）",
                "--diff does not apply to --input-format jsonl (fixed records go to stdout)",
            ));
            return EXIT_ERROR;
        }
        let totals =
            super::corpus::fix(&listed.sources, &args.input, &settings, reporter, &mut out);
        let mut summary = reporter.pick(
            format!(
                "已修复 {} 条记录中的 {} 处问题，写到标准输出（共 {} 条记录）",
                totals.with_findings, totals.findings, totals.documents
            ),
            format!(
                "fixed {} in {}, written to stdout ({} read)",
                super::count(totals.findings, "problem"),
                super::count(totals.with_findings, "record"),
                super::count(totals.documents, "record")
            ),
        );
        if totals.failed > 0 {
            summary.push_str(&reporter.pick(
                format!("；{} 处输入出错，原样保留（见上方错误）", totals.failed),
                format!(
                    "; {} could not be used and passed through unchanged (see above)",
                    super::count(totals.failed, "input")
                ),
            ));
        }
        reporter.summary(&summary);
        return if reporter.had_error() {
            EXIT_ERROR
        } else {
            EXIT_OK
        };
    }

    reporter.start_progress(listed.sources.len());
    let (mut fixes, mut files, mut done) = (0, 0, 0);
    let mut failed = listed.errors.len();
    'batches: for batch in listed.sources.chunks(super::BATCH) {
        let results: Vec<Option<Fixed>> = batch
            .par_iter()
            .map(|source| {
                let fixed = fix_one(source, &args, mode, &settings, reporter);
                reporter.progress.inc(1);
                fixed
            })
            .collect();
        let mut output = Vec::new();
        for fixed in results {
            let Some(fixed) = fixed else {
                failed += 1;
                continue;
            };
            done += 1;
            fixes += fixed.fixes;
            files += usize::from(fixed.fixes > 0);
            output.extend_from_slice(&fixed.output);
        }
        // One write per batch: the progress bar is cleared and redrawn around it.
        if !output.is_empty() && !reporter.progress.suspend(|| out.write(&output)) {
            break 'batches;
        }
    }
    out.flush();
    reporter.finish_progress();
    let mut summary = match mode {
        Mode::Diff => reporter.pick(
            format!("{files} 个文件中有 {fixes} 处可修复的问题（共检查 {done} 个文件）"),
            format!(
                "{} in {} ({} checked)",
                super::count(fixes, "fixable problem"),
                super::count(files, "file"),
                super::count(done, "file")
            ),
        ),
        Mode::Stdout => reporter.pick(
            format!("已输出修复后的文本：{files} 个文件中的 {fixes} 处问题；磁盘上的文件未改动"),
            format!(
                "printed the fixed text: {} in {}; no file on disk was changed",
                super::count(fixes, "problem"),
                super::count(files, "file")
            ),
        ),
        Mode::InPlace => reporter.pick(
            format!("已修复 {files} 个文件中的 {fixes} 处问题（共处理 {done} 个文件）"),
            format!(
                "fixed {} in {} ({} processed)",
                super::count(fixes, "problem"),
                super::count(files, "file"),
                super::count(done, "file")
            ),
        ),
    };
    if failed > 0 {
        summary.push_str(&reporter.pick(
            format!("；{failed} 个文件因出错未处理（见上方错误），未改动"),
            format!(
                "; {} not processed because of errors (see above), left untouched",
                super::count(failed, "file")
            ),
        ));
    }
    reporter.summary(&summary);
    if reporter.had_error() {
        EXIT_ERROR
    } else if mode == Mode::Diff && fixes > 0 {
        EXIT_FOUND
    } else {
        EXIT_OK
    }
}

/// Fixes one input; `None` when it failed (already reported).
fn fix_one(
    source: &Source,
    args: &FixArgs,
    mode: Mode,
    settings: &ConfigResolver,
    reporter: &Reporter,
) -> Option<Fixed> {
    let stdin_name = args.input.stdin_filename.as_deref();
    let name = super::display_name(source, stdin_name);
    let config = super::config_for(settings, source, stdin_name, reporter)?;
    let (original, decoded) = super::load(source, &name, args.input.encoding, reporter.locale)
        .map_err(|e| reporter.error(e))
        .ok()?;
    let profile = Profile::new(&config, TextKind::of_path(&name));
    let (fixed_text, fixes) = fix_all_with(&decoded.text, profile);
    let changed = fixes > 0 && fixed_text != decoded.text;
    let mut output = Vec::new();

    let encode = |text: &str| {
        encoding::encode(text, decoded.storage).map_err(|e| {
            reporter.error(reporter.pick(
                format!("{name}: 修复后的文本无法用 {} 编码无损写回，未改动", e.encoding),
                format!(
                    "{name}: the fixed text cannot be written back in {} without loss; left untouched",
                    e.encoding
                ),
            ))
        })
    };
    match (mode, source) {
        (Mode::Diff, _) => {
            if changed {
                write_diff(&mut output, &name, &decoded.text, &fixed_text);
            }
        }
        (Mode::Stdout, _) | (Mode::InPlace, Source::Stdin) => {
            output = encode(&fixed_text).ok()?;
        }
        (Mode::InPlace, Source::File(path)) => {
            if changed {
                if let Storage::Legacy(_) = decoded.storage {
                    // Bytes outside the fixes must come back exactly as they were.
                    if encoding::encode(&decoded.text, decoded.storage).as_deref()
                        != Ok(&original[..])
                    {
                        reporter.error(reporter.pick(
                            format!(
                                "{name}: 该文件用 {} 编码读取后无法原样写回，未改动",
                                decoded.storage.name()
                            ),
                            format!(
                                "{name}: reading it as {} does not round-trip exactly; left untouched",
                                decoded.storage.name()
                            ),
                        ));
                        return None;
                    }
                }
                let bytes = encode(&fixed_text).ok()?;
                if let Err(message) = write_atomically(path, &original, &bytes, reporter) {
                    reporter.error(format!("{name}: {message}"));
                    return None;
                }
            }
        }
    }
    Some(Fixed {
        output,
        fixes: if changed { fixes } else { 0 },
    })
}

fn write_diff(out: &mut Vec<u8>, name: &str, old: &str, new: &str) {
    let diff = similar::TextDiff::from_lines(old, new);
    let _ = write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
    );
}

/// Replaces the file at `path` (through symlinks) with `new`, if it still holds `expected`.
fn write_atomically(
    path: &Path,
    expected: &[u8],
    new: &[u8],
    reporter: &Reporter,
) -> Result<(), String> {
    let target = std::fs::canonicalize(path).map_err(|e| super::io_message(&e, reporter.locale))?;
    let metadata =
        std::fs::metadata(&target).map_err(|e| super::io_message(&e, reporter.locale))?;
    if metadata.permissions().readonly() {
        return Err(reporter.pick("文件只读，未改动", "read-only; left untouched"));
    }
    let io = |e: std::io::Error| super::io_message(&e, reporter.locale);
    let dir = target
        .parent()
        .ok_or_else(|| reporter.pick("没有上级目录", "no parent directory"))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".jiaodui-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    temp.write_all(new).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Keeps the owner when we may (running as root on someone else's file); otherwise
        // the file was ours anyway. Before the mode: changing owner can clear setuid bits.
        let _ =
            std::os::unix::fs::fchown(temp.as_file(), Some(metadata.uid()), Some(metadata.gid()));
    }
    temp.as_file()
        .set_permissions(metadata.permissions())
        .map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    let current = std::fs::read(&target).map_err(io)?;
    if current != expected {
        return Err(reporter.pick(
            "读取后文件已被改动，未写入",
            "changed on disk while being fixed; not written",
        ));
    }
    temp.persist(&target).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "edited by someone else").unwrap();
        let mut reporter = Reporter::new(anstream::ColorChoice::Never, true);
        reporter.locale = crate::analysis::Locale::En;
        let refused = write_atomically(&path, b"as it was read", b"fixed", &reporter);
        assert_eq!(
            refused,
            Err("changed on disk while being fixed; not written".to_string())
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "edited by someone else"
        );
        // The temporary file is gone too.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // Unchanged since reading: written.
        let written = write_atomically(&path, b"edited by someone else", b"fixed", &reporter);
        assert_eq!(written, Ok(()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "fixed");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
