//! The command line's help and usage errors in the user's language. clap writes English; in
//! the `zh` locale (the default) every help text, heading and common usage error is replaced
//! by the Chinese below before parsing. The English texts are the doc comments in `args.rs`.
//!
//! The locale comes from `--locale` (read before parsing, since it decides how parsing
//! errors are reported), else `JIAODUI_LOCALE`, else Chinese.

use super::args::Cli;
use crate::analysis::Locale;
use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// Chinese about texts of the commands ("" is the program itself).
const ABOUT_ZH: &[(&str, &str)] = &[
    (
        "",
        "校对 jiaodui：找出中文文本中的乱码、网页垃圾内容和页面杂项",
    ),
    (
        "check",
        "报告问题（退出码 0：没有问题，1：有问题，2：出错）",
    ),
    ("fix", "就地应用安全修复（或用 --diff / --stdout 只显示）"),
    ("outline", "列出文档的章节大纲"),
    ("terms", "列出文档中的术语表词条（党建和政务词汇）"),
    ("define", "解释术语表中的词条，或 CC-CEDICT 中的普通词语"),
    ("lsp", "在标准输入输出上运行语言服务器（LSP 3.17）"),
];

/// Chinese help of each argument, by command ("*" for every command) and argument id.
const ARGS_ZH: &[(&str, &str, &str)] = &[
    (
        "*",
        "color",
        "何时使用颜色：auto（终端上，且未设置 NO_COLOR；默认）、always、never",
    ),
    (
        "*",
        "quiet",
        "不在标准错误输出上显示汇总行和进度条（错误照常报告）",
    ),
    (
        "*",
        "locale",
        "消息和帮助的语言：zh（默认）或 en；也可用环境变量 JIAODUI_LOCALE",
    ),
    ("*", "help", "显示帮助"),
    ("*", "version", "显示版本"),
    (
        "*",
        "paths",
        "文件或目录（递归查找，遵守 .gitignore）；`-` 表示标准输入。不给路径时：标准输入是管道或文件则读它，否则读当前目录",
    ),
    (
        "*",
        "encoding",
        "文件编码：utf-8（默认，非 UTF-8 输入报错并指出可能的编码）、auto（自动检测）、gbk、gb18030、big5",
    ),
    (
        "*",
        "input_format",
        "输入格式：text（每个输入是一篇文档，默认）、jsonl（每条 JSON 记录的 --text-field 是一篇文档）",
    ),
    (
        "*",
        "text_field",
        "用 --input-format jsonl 时：存放正文的字段（默认 text）",
    ),
    (
        "*",
        "id_field",
        "用 --input-format jsonl 时：作为 `id` 输出的字段（默认 id）",
    ),
    (
        "*",
        "extensions",
        "在目录中查找的扩展名（可重复；替换默认的 txt、text、md、markdown、mdown、mkd、rst、adoc、asciidoc、org）。明确指定的文件总会读取",
    ),
    (
        "*",
        "stdin_filename",
        "标准输入显示的名称，也用于查找 jiaodui.toml",
    ),
    ("*", "config", "使用此配置文件，不再查找 jiaodui.toml"),
    ("*", "no_config", "忽略 jiaodui.toml 文件"),
    (
        "*",
        "enable",
        "启用某个代码或类别（可重复；优先于配置文件）",
    ),
    (
        "*",
        "disable",
        "停用某个代码或类别，如 `spam` 或 `garble/inline-pinyin`（可重复）",
    ),
    (
        "check",
        "format",
        "输出格式：human（人读，默认）、json（JSON Lines，每行一处问题）、sarif（SARIF 2.1.0，用于 GitHub 代码扫描）、rdjsonl（reviewdog）、github（GitHub Actions 注释）",
    ),
    (
        "check",
        "statistics",
        "只输出每个代码的问题数，不列出每处问题",
    ),
    (
        "fix",
        "diff",
        "不写文件，输出统一 diff（有可修复的问题时退出码为 1）",
    ),
    ("fix", "stdout", "把修复后的文本写到标准输出，不改动文件"),
    ("outline", "path", "一个文件；`-` 或不给则读标准输入"),
    (
        "outline",
        "format",
        "输出格式：human（缩进的标题树及行号，默认）、json（嵌套章节的 JSON 数组）",
    ),
    ("terms", "path", "一个文件；`-` 或不给则读标准输入"),
    (
        "terms",
        "format",
        "输出格式：human（文件:行:列 原文 → 词条 拼音 · 类别，默认）、json（JSON Lines）",
    ),
    (
        "terms",
        "glossary",
        "合并到内置术语表之上的用户术语表（TOML，`[[term]]` 条目，最大 1 MB；可重复，在 jiaodui.toml 所列之后应用）",
    ),
    ("define", "term", "要解释的词条或词语，简繁皆可"),
    (
        "define",
        "format",
        "输出格式：human（终端纯文本，默认）、markdown（与编辑器悬停提示相同）、json",
    ),
    (
        "define",
        "glossary",
        "合并到内置术语表之上的用户术语表（TOML，`[[term]]` 条目，最大 1 MB；可重复，在 jiaodui.toml 所列之后应用）",
    ),
    (
        "lsp",
        "stdio",
        "接受但忽略：只支持标准输入输出（vscode-languageclient 会附加此参数）",
    ),
];

/// The locale asked for on the command line (`--locale en`, `--locale=en`), else by
/// `JIAODUI_LOCALE`; `None` when neither says.
pub fn requested_locale(args: &[OsString]) -> Option<Locale> {
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--locale" {
            return words.next().and_then(Locale::parse);
        }
        if let Some(value) = word.strip_prefix("--locale=") {
            return Locale::parse(value);
        }
    }
    locale_from_env()
}

/// The locale `JIAODUI_LOCALE` asks for, if any.
pub fn locale_from_env() -> Option<Locale> {
    std::env::var("JIAODUI_LOCALE")
        .ok()
        .and_then(|v| Locale::parse(&v))
}

/// The clap command with help in `locale`.
pub fn command(locale: Locale) -> Command {
    let command = Cli::command();
    match locale {
        Locale::En => command,
        Locale::Zh => localize(command, ""),
    }
}

fn localize(mut command: Command, name: &str) -> Command {
    if let Some((_, about)) = ABOUT_ZH.iter().find(|(n, _)| *n == name) {
        command = command.about(*about).long_about(None);
    }
    command = command
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(true),
        )
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}");
    if name.is_empty() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version),
        );
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let Some(text) = arg_help(name, &id) else {
            continue;
        };
        command = command.mut_arg(id.as_str(), |arg| {
            let heading = if arg.is_positional() {
                "参数"
            } else {
                "选项"
            };
            // clap's debug build asserts that only arguments taking a value hide their
            // default and possible values (a flag such as `--quiet` has neither).
            let takes_value = arg.get_action().takes_values();
            arg.help(text)
                .long_help(None)
                .help_heading(heading)
                .hide_default_value(takes_value)
                .hide_possible_values(takes_value)
        });
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for sub in names {
        command = command.mut_subcommand(sub.as_str(), |c| localize(c, &sub));
    }
    command
}

fn arg_help(command: &str, id: &str) -> Option<&'static str> {
    ARGS_ZH
        .iter()
        .find(|(c, a, _)| *c == command && *a == id)
        .or_else(|| ARGS_ZH.iter().find(|(c, a, _)| *c == "*" && *a == id))
        .map(|(_, _, text)| *text)
}

/// Parses the process's arguments; prints help, the version or a usage error in the user's
/// locale and exits when that is all there is to do.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let locale = requested_locale(&args).unwrap_or_default();
    let parsed = command(locale)
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    match parsed {
        Ok(cli) => cli,
        Err(error) => {
            let code = error.exit_code();
            match error.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = error.print();
                }
                _ => eprint!("{}", usage_error(&error, locale)),
            }
            std::process::exit(code);
        }
    }
}

/// A usage error in `locale`: clap's own text in English; in Chinese the common kinds are
/// written anew from the error's context, the rest keep clap's wording after a Chinese label.
pub fn usage_error(error: &clap::Error, locale: Locale) -> String {
    if locale == Locale::En {
        return error.render().to_string();
    }
    let get = |kind| error.get(kind).map(|v| v.to_string());
    let what = match error.kind() {
        ErrorKind::UnknownArgument => get(ContextKind::InvalidArg).map(|a| {
            let mut m = format!("无法识别的参数 `{a}`");
            if let Some(s) = get(ContextKind::SuggestedArg) {
                m.push_str(&format!("；是否想用 `{s}`？"));
            }
            m
        }),
        ErrorKind::InvalidSubcommand => get(ContextKind::InvalidSubcommand).map(|a| {
            let mut m = format!("无法识别的子命令 `{a}`");
            if let Some(s) = get(ContextKind::SuggestedSubcommand) {
                m.push_str(&format!("；是否想用 `{s}`？"));
            }
            m
        }),
        ErrorKind::InvalidValue => {
            match (get(ContextKind::InvalidArg), get(ContextKind::InvalidValue)) {
                (Some(arg), Some(value)) => {
                    let mut m = format!("`{arg}` 的值 `{value}` 无效");
                    if let Some(valid) = get(ContextKind::ValidValue) {
                        m.push_str(&format!("（可选：{valid}）"));
                    }
                    Some(m)
                }
                _ => None,
            }
        }
        ErrorKind::MissingRequiredArgument => {
            get(ContextKind::InvalidArg).map(|a| format!("缺少必需的参数：{a}"))
        }
        ErrorKind::ArgumentConflict => {
            match (get(ContextKind::InvalidArg), get(ContextKind::PriorArg)) {
                (Some(a), Some(b)) => Some(format!("参数 `{a}` 不能与 `{b}` 同用")),
                _ => None,
            }
        }
        ErrorKind::NoEquals
        | ErrorKind::ValueValidation
        | ErrorKind::WrongNumberOfValues
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues => {
            get(ContextKind::InvalidArg).map(|a| format!("参数 `{a}` 的值有误"))
        }
        _ => None,
    };
    let what = what.unwrap_or_else(|| {
        let english = error.kind().as_str().unwrap_or("invalid command line");
        format!("命令行有误（{english}）")
    });
    let usage = get(ContextKind::Usage)
        .map(|u| u.trim().trim_start_matches("Usage:").trim().to_string())
        .unwrap_or_default();
    if usage.is_empty() {
        format!("错误：{what}\n\n更多信息请用 `--help`。\n")
    } else {
        format!("错误：{what}\n\n用法：{usage}\n\n更多信息请用 `--help`。\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_command(command: &Command, name: &str, out: &mut Vec<(String, Command)>) {
        out.push((name.to_string(), command.clone()));
        for sub in command.get_subcommands() {
            every_command(sub, sub.get_name(), out);
        }
    }

    #[test]
    fn every_argument_and_command_has_chinese_help() {
        let mut commands = Vec::new();
        every_command(&Cli::command(), "", &mut commands);
        for (name, command) in &commands {
            assert!(
                ABOUT_ZH.iter().any(|(n, _)| n == name),
                "no Chinese about for `{name}`"
            );
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                assert!(
                    arg_help(name, id).is_some(),
                    "no Chinese help for `{id}` of `{name}`"
                );
            }
        }
        command(Locale::Zh).debug_assert();
    }

    #[test]
    fn chinese_help_has_no_english_headings() {
        let mut command = command(Locale::Zh);
        command.build();
        let check = command.find_subcommand_mut("check").unwrap();
        let help = check.render_help().to_string();
        assert!(help.contains("用法："), "{help}");
        assert!(help.contains("选项"), "{help}");
        assert!(help.contains("输出格式"), "{help}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Print help",
            "[default:",
        ] {
            assert!(!help.contains(english), "{english} in\n{help}");
        }
    }

    #[test]
    fn locale_is_read_before_parsing() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            requested_locale(&args(&["jiaodui", "check", "--locale", "en"])),
            Some(Locale::En)
        );
        assert_eq!(
            requested_locale(&args(&["jiaodui", "--locale=zh", "outline"])),
            Some(Locale::Zh)
        );
        assert_eq!(
            requested_locale(&args(&["jiaodui", "check", "--", "--locale", "en"])),
            locale_from_env()
        );
    }

    #[test]
    fn usage_errors_in_chinese() {
        let error = command(Locale::Zh)
            .try_get_matches_from(["jiaodui", "check", "--formt", "json"])
            .unwrap_err();
        let text = usage_error(&error, Locale::Zh);
        assert!(text.starts_with("错误：无法识别的参数 `--formt`"), "{text}");
        assert!(text.contains("--format"), "{text}");
        let error = command(Locale::Zh)
            .try_get_matches_from(["jiaodui", "check", "--format", "xml"])
            .unwrap_err();
        let text = usage_error(&error, Locale::Zh);
        assert!(text.contains("`xml` 无效"), "{text}");
        assert!(text.contains("sarif"), "{text}");
    }
}
