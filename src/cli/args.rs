//! The command-line grammar (clap derive). Behaviour lives in the sibling modules.

use super::encoding::EncodingChoice;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "jiaodui",
    version,
    about = "校对 jiaodui: finds garbled text, web spam and page chrome in Chinese prose",
    long_about = None,
)]
pub struct Cli {
    /// When to colour output: auto (a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
    /// No summary line and no progress bar on stderr (errors are still reported).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Language of messages and help: zh (the default) or en; also JIAODUI_LOCALE. Overrides
    /// the config's `locale`.
    #[arg(long, value_enum, global = true)]
    pub locale: Option<LocaleArg>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report problems (exit 0: none, 1: some, 2: an error).
    Check(CheckArgs),
    /// Apply safe fixes in place (or show them with --diff / --stdout).
    Fix(FixArgs),
    /// Print the document's section outline.
    Outline(OutlineArgs),
    /// List the glossary terms (party-building and government vocabulary) in a document.
    Terms(TermsArgs),
    /// Explain a term from the glossary, or an ordinary word from CC-CEDICT.
    Define(DefineArgs),
    /// Run the language server on stdin/stdout (LSP 3.17).
    Lsp(LspArgs),
    // Further subcommands are registered here by their owners and dispatched in `cli::run`.
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// How `check` reports findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// file:line:col code message, with the source line underlined.
    Human,
    /// JSON Lines: one finding per line.
    Json,
    /// SARIF 2.1.0, one log for the whole run (GitHub code scanning).
    Sarif,
    /// reviewdog's rdjsonl: one Diagnostic per line, with suggestions.
    Rdjsonl,
    /// GitHub Actions workflow commands (::error file=…::message), one per finding.
    Github,
}

/// How `outline` prints the section tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutlineFormat {
    /// An indented tree: each heading with its line number.
    Human,
    /// One JSON array of nested sections.
    Json,
}

/// How `terms` lists glossary terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TermsFormat {
    /// file:line:col text → term pinyin · category.
    Human,
    /// JSON Lines: one occurrence per line.
    Json,
}

/// How `define` prints an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DefineFormat {
    /// Plain text, coloured on a terminal.
    Human,
    /// Markdown, as the editor's hover shows it.
    Markdown,
    /// One JSON object.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Each input is one document.
    Text,
    /// Each input is JSON Lines; every record's --text-field is one document.
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LocaleArg {
    Zh,
    En,
}

/// Which inputs to read and how.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories (searched recursively, honouring .gitignore); `-` is stdin.
    /// Without PATH: stdin if it is a pipe or file, otherwise the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How files are encoded. Non-UTF-8 input is an error naming the likely encoding unless
    /// it is given here (auto = detect).
    #[arg(long, value_enum, default_value_t = EncodingChoice::Utf8)]
    pub encoding: EncodingChoice,
    /// text: each input is one document; jsonl: one document per JSON record.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    pub input_format: InputFormat,
    /// With --input-format jsonl: the field holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// With --input-format jsonl: the field copied to the output as `id`, when present.
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// File extensions searched in directories (repeatable; replaces the default list
    /// txt, text, md, markdown, mdown, mkd, rst, adoc, asciidoc, org). Files named
    /// explicitly are always read.
    #[arg(long = "ext", value_name = "EXT")]
    pub extensions: Vec<String>,
    /// Name shown for stdin, also used to find jiaodui.toml.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
}

/// Which analysis settings to use.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Use this config file instead of searching for jiaodui.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore jiaodui.toml files.
    #[arg(long)]
    pub no_config: bool,
    /// Turn on a code or family (repeatable; overrides the config).
    #[arg(long, value_name = "CODE")]
    pub enable: Vec<String>,
    /// Turn off a code or family, e.g. `spam` or `garble/inline-pinyin` (repeatable).
    #[arg(long, value_name = "CODE")]
    pub disable: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// How to report findings.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Print how many findings of each code there were instead of the findings themselves.
    #[arg(long)]
    pub statistics: bool,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Print a unified diff instead of writing (exit 1 when there is something to fix).
    #[arg(long, conflicts_with = "stdout")]
    pub diff: bool,
    /// Write the fixed text to stdout instead of changing files.
    #[arg(long)]
    pub stdout: bool,
}

#[derive(Debug, Args)]
pub struct OutlineArgs {
    /// A file; `-` or none for stdin.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// How to print the outline.
    #[arg(long, value_enum, default_value_t = OutlineFormat::Human)]
    pub format: OutlineFormat,
    /// How the file is encoded (auto = detect); non-UTF-8 input is otherwise an error.
    #[arg(long, value_enum, default_value_t = EncodingChoice::Utf8)]
    pub encoding: EncodingChoice,
}

/// Which user glossaries to merge over the built-in one.
#[derive(Debug, Args)]
pub struct GlossaryArgs {
    /// A user glossary (TOML, `[[term]]` entries; at most 1 MB) merged over the built-in one
    /// (repeatable; applied after those listed in jiaodui.toml).
    #[arg(long, value_name = "PATH")]
    pub glossary: Vec<PathBuf>,
    /// Ignore jiaodui.toml (and the glossaries it lists).
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct TermsArgs {
    /// A file; `-` or none for stdin.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// How to list the terms.
    #[arg(long, value_enum, default_value_t = TermsFormat::Human)]
    pub format: TermsFormat,
    /// How the file is encoded (auto = detect); non-UTF-8 input is otherwise an error.
    #[arg(long, value_enum, default_value_t = EncodingChoice::Utf8)]
    pub encoding: EncodingChoice,
    #[command(flatten)]
    pub glossary: GlossaryArgs,
}

#[derive(Debug, Args)]
pub struct DefineArgs {
    /// The term or word, in either script.
    #[arg(value_name = "TERM")]
    pub term: String,
    /// How to print the entry.
    #[arg(long, value_enum, default_value_t = DefineFormat::Human)]
    pub format: DefineFormat,
    #[command(flatten)]
    pub glossary: GlossaryArgs,
}

/// `jiaodui lsp`: logs go to stderr (level from `JIAODUI_LOG`), protocol to stdout.
#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted and ignored: stdio is the only transport (vscode-languageclient appends it).
    #[arg(long)]
    pub stdio: bool,
}
