//! The command line: `jiaodui check | fix | outline | terms | define`. The only code in the crate that prints.
//!
//! [`run`] dispatches a parsed [`Cli`] and returns the process exit code: 0 nothing found,
//! 1 findings (or, for `fix --diff`, something to fix), 2 an error. An error with one input
//! (unreadable, not UTF-8, a broken config) is reported on stderr and the other inputs are
//! still processed. See docs/cli.md for the reference.

mod args;
mod check;
mod corpus;
pub mod encoding;
mod fix;
mod formats;
pub mod help;
mod inputs;
pub mod outline;
mod render;
mod settings;
mod terms;
mod totals;

pub use args::{Cli, Command};

use crate::analysis::Locale;
pub(crate) use crate::io_text::io_message;
use anstream::ColorChoice;
use args::ColorWhen;
use encoding::{DecodeError, Decoded, EncodingChoice};
use inputs::Source;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

pub const EXIT_OK: u8 = 0;
pub const EXIT_FOUND: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Runs one command and returns the exit code; `jiaodui lsp` runs `serve_lsp` (the binary
/// passes `lsp::run_stdio`: the command line does not depend on the server).
pub fn run(cli: Cli, serve_lsp: fn() -> i32) -> u8 {
    let color = match cli.color {
        ColorWhen::Auto => ColorChoice::Auto,
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
    };
    let mut reporter = Reporter::new(color, cli.quiet);
    // The locale asked for explicitly; a config's `locale` may still apply (`settings_for`).
    let asked = cli
        .locale
        .map(|l| match l {
            args::LocaleArg::Zh => Locale::Zh,
            args::LocaleArg::En => Locale::En,
        })
        .or_else(help::locale_from_env);
    reporter.asked_locale = asked;
    reporter.locale = asked.unwrap_or_default();
    match cli.command {
        Command::Check(args) => check::run(args, &mut reporter),
        Command::Fix(args) => fix::run(args, &mut reporter),
        Command::Outline(args) => outline::run(args, &mut reporter),
        Command::Terms(args) => terms::run_terms(args, &mut reporter),
        Command::Define(args) => terms::run_define(args, &mut reporter),
        Command::Lsp(_) => u8::try_from(serve_lsp()).unwrap_or(EXIT_ERROR),
    }
}

/// Reports to stderr (errors, the summary, a progress bar) and remembers whether an error
/// happened.
pub(crate) struct Reporter {
    color: ColorChoice,
    quiet: bool,
    locale: Locale,
    /// `--locale` or `JIAODUI_LOCALE`, when given.
    asked_locale: Option<Locale>,
    had_error: AtomicBool,
    progress: indicatif::ProgressBar,
}

impl Reporter {
    fn new(color: ColorChoice, quiet: bool) -> Reporter {
        Reporter {
            color,
            quiet,
            locale: Locale::default(),
            asked_locale: None,
            had_error: AtomicBool::new(false),
            progress: indicatif::ProgressBar::hidden(),
        }
    }

    /// Picks the tool's own message in the UI locale.
    fn pick(&self, zh: impl Into<String>, en: impl Into<String>) -> String {
        self.locale.pick(zh, en)
    }

    fn error(&self, message: impl std::fmt::Display) {
        self.had_error.store(true, Ordering::Relaxed);
        let style = anstyle::Style::new()
            .fg_color(Some(anstyle::AnsiColor::Red.into()))
            .bold();
        let label = self.pick("错误：", "error: ");
        self.progress.suspend(|| {
            let mut err = anstream::AutoStream::new(std::io::stderr().lock(), self.color);
            let _ = writeln!(err, "{style}{label}{style:#}{message}");
        });
    }

    /// Records an error already reported elsewhere.
    fn mark_error(&self) {
        self.had_error.store(true, Ordering::Relaxed);
    }

    fn had_error(&self) -> bool {
        self.had_error.load(Ordering::Relaxed)
    }

    /// A closing line on stderr, unless `--quiet`.
    fn summary(&self, line: &str) {
        if self.quiet {
            return;
        }
        self.progress.suspend(|| {
            let mut err = anstream::AutoStream::new(std::io::stderr().lock(), self.color);
            let _ = writeln!(err, "{line}");
        });
    }

    /// Shows a progress bar over `total` inputs when stderr is a terminal and it is worth it.
    fn start_progress(&mut self, total: usize) {
        if self.quiet || total < 2 || !std::io::stderr().is_terminal() {
            return;
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(total as u64),
            // At most 10 redraws a second, however fast inputs finish.
            indicatif::ProgressDrawTarget::stderr_with_hz(10),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
            bar.set_style(style);
        }
        self.progress = bar;
    }

    fn finish_progress(&self) {
        self.progress.finish_and_clear();
    }
}

/// Stdout, coloured or not; stops quietly when the reader goes away (`| head`).
pub(crate) struct Output {
    stream: Box<dyn Write>,
    closed: bool,
}

impl Output {
    /// For output rendered with styles whatever the colour choice: anstream strips them when
    /// colour is off. (`check` renders plain instead, see [`stdout_colored`].)
    fn styled(color: ColorChoice) -> Output {
        Output {
            stream: Box::new(anstream::AutoStream::new(std::io::stdout().lock(), color)),
            closed: false,
        }
    }

    fn plain() -> Output {
        Output {
            stream: Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            closed: false,
        }
    }

    /// Writes `bytes`; returns false once stdout is closed or failing.
    fn write(&mut self, bytes: &[u8]) -> bool {
        if self.closed {
            return false;
        }
        if self.stream.write_all(bytes).is_err() {
            self.closed = true;
        }
        !self.closed
    }

    fn flush(&mut self) -> bool {
        if !self.closed && self.stream.flush().is_err() {
            self.closed = true;
        }
        !self.closed
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        let _ = self.stream.flush();
    }
}

/// Whether stdout gets colour: `--color`, or in `auto` a terminal without `NO_COLOR` (the
/// rules of anstream). Output is rendered plain when not, rather than stripped afterwards.
fn stdout_colored(color: ColorChoice) -> bool {
    match color {
        ColorChoice::Auto => anstream::AutoStream::choice(&std::io::stdout()) != ColorChoice::Never,
        ColorChoice::Never => false,
        ColorChoice::Always | ColorChoice::AlwaysAnsi => true,
    }
}

/// How an input is named in output: the path as given, `-` (or `--stdin-filename`) for stdin.
/// The one input of a single-document command (`outline`, `terms`): a file, `-`, or stdin
/// when it is piped. Without any, reports the error and returns `None`.
fn single_source(path: Option<&Path>, reporter: &mut Reporter) -> Option<Source> {
    match path {
        Some(path) if path.as_os_str() != "-" => Some(Source::File(path.to_path_buf())),
        Some(_) => Some(Source::Stdin),
        None if inputs::stdin_is_readable() => Some(Source::Stdin),
        None => {
            reporter.error(reporter.pick(
                "请指定文件，或从标准输入提供文本",
                "name a file, or pipe text to stdin",
            ));
            None
        }
    }
}

fn display_name(source: &Source, stdin_filename: Option<&Path>) -> String {
    match source {
        Source::File(path) => path.display().to_string(),
        Source::Stdin => stdin_filename
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "-".to_string()),
    }
}

/// Where to look for a config for `source`.
fn config_anchor(source: &Source, stdin_filename: Option<&Path>) -> PathBuf {
    match source {
        Source::File(path) => path.clone(),
        Source::Stdin => stdin_filename
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(".")),
    }
}

/// The settings the command line asks for, with the UI locale set from them; `None` after
/// reporting a bad `--enable`/`--disable` code or an unusable `--config` file.
fn settings_for(
    args: &args::ConfigArgs,
    reporter: &mut Reporter,
) -> Option<settings::ConfigResolver> {
    let settings = match settings::ConfigResolver::new(args, reporter.asked_locale) {
        Ok(settings) => settings,
        Err(message) => {
            reporter.error(message);
            return None;
        }
    };
    reporter.locale = settings.ui_locale();
    if let Some(error) = settings.fixed_error() {
        reporter.error(error.localized(reporter.locale));
        return None;
    }
    Some(settings)
}

/// The config for `source`, or `None` after reporting why not. A broken config file is
/// reported once, however many inputs it governs.
fn config_for(
    settings: &settings::ConfigResolver,
    source: &Source,
    stdin_filename: Option<&Path>,
    reporter: &Reporter,
) -> Option<std::sync::Arc<crate::analysis::Config>> {
    match settings.for_path(&config_anchor(source, stdin_filename)) {
        Ok(config) => Some(config),
        Err(settings::SettingsError::Config { error, first }) => {
            if first {
                reporter.error(reporter.pick(
                    format!("配置文件有误：{}", error.localized(Locale::Zh)),
                    format!("invalid config {error}"),
                ));
            } else {
                reporter.mark_error();
            }
            None
        }
    }
}

/// An I/O error on `name`, in the UI locale (the OS's own text only in English).
fn io_error(name: &str, error: &std::io::Error, locale: Locale) -> String {
    format!("{name}: {}", io_message(error, locale))
}

fn read_source(source: &Source) -> std::io::Result<Vec<u8>> {
    match source {
        Source::Stdin => inputs::read_stdin(),
        Source::File(path) => std::fs::read(path),
    }
}

/// An input read and decoded, or the message explaining why not.
fn load(
    source: &Source,
    name: &str,
    choice: EncodingChoice,
    locale: Locale,
) -> Result<(Vec<u8>, Decoded), String> {
    let bytes = read_source(source).map_err(|e| io_error(name, &e, locale))?;
    let decoded =
        encoding::decode(&bytes, choice).map_err(|e| describe_decode_error(name, &e, locale))?;
    Ok((bytes, decoded))
}

fn describe_decode_error(name: &str, error: &DecodeError, locale: Locale) -> String {
    match error {
        DecodeError::Binary => locale.pick(
            format!("{name}: 二进制文件（含 NUL 字节），未处理"),
            format!("{name}: binary file (contains NUL bytes), skipped"),
        ),
        DecodeError::NotUtf8 {
            first_bad_byte,
            guess: Some(guess),
        } => {
            let flag = match *guess {
                "GBK" => Some("gbk"),
                "gb18030" => Some("gb18030"),
                "Big5" => Some("big5"),
                _ => None,
            };
            let shown = if *guess == "gb18030" {
                "GB18030"
            } else {
                guess
            };
            match flag {
                Some(flag) => locale.pick(
                    format!(
                        "{name}: 不是 UTF-8（第 {first_bad_byte} 字节起），看起来是 {shown} 编码；\
                         可用 --encoding {flag} 读取，文件未改动"
                    ),
                    format!(
                        "{name}: not UTF-8 (from byte {first_bad_byte}); looks like {shown}: \
                         read it with --encoding {flag}; file left untouched"
                    ),
                ),
                None => locale.pick(
                    format!("{name}: 不是 UTF-8，看起来是 {shown} 编码；请先转换为 UTF-8"),
                    format!("{name}: not UTF-8; looks like {shown}: convert it to UTF-8 first"),
                ),
            }
        }
        DecodeError::NotUtf8 {
            first_bad_byte,
            guess: None,
        } => locale.pick(
            format!(
                "{name}: 不是 UTF-8（第 {first_bad_byte} 字节无效），也不像 GBK 或 Big5；\
                 可用 --encoding 指定编码"
            ),
            format!(
                "{name}: not UTF-8 (invalid byte at offset {first_bad_byte}) and not \
                 recognisably GBK or Big5; name the encoding with --encoding"
            ),
        ),
        DecodeError::Invalid { encoding } => locale.pick(
            format!("{name}: 不是有效的 {encoding} 编码"),
            format!("{name}: not valid {encoding}"),
        ),
    }
}

/// `1 file`, `2 files`: English counts for summaries.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Inputs are processed in batches of this many, in parallel within a batch and printed in
/// order, so output starts early and memory stays bounded on large trees.
const BATCH: usize = 64;
