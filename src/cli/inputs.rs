//! Turning PATH arguments into a list of inputs: stdin, files named explicitly, and text-like
//! files found in directories (in a stable order, honouring .gitignore/.ignore files and
//! skipping hidden ones).

use crate::analysis::Locale;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions searched in directories when `--ext` is not given.
pub const DEFAULT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "mdown", "mkd", "rst", "adoc", "asciidoc", "org",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// The inputs to process, plus problems met while listing directories (each one makes the
/// exit code 2, but the other inputs are still processed).
pub struct Sources {
    pub sources: Vec<Source>,
    pub errors: Vec<String>,
}

/// Whether stdin has data for us: a pipe, a file or a socket, rather than a terminal or a
/// device such as /dev/null (as ripgrep decides).
pub fn stdin_is_readable() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let stdin = std::io::stdin();
        let Ok(fd) = stdin.as_fd().try_clone_to_owned() else {
            return false;
        };
        match std::fs::File::from(fd).metadata() {
            Ok(meta) => {
                let kind = meta.file_type();
                kind.is_file() || kind.is_fifo() || kind.is_socket()
            }
            Err(_) => false,
        }
    }
    #[cfg(not(unix))]
    {
        use std::io::IsTerminal;
        !std::io::stdin().is_terminal()
    }
}

/// Expands PATH arguments. With none: stdin if readable, else the current directory.
pub fn collect(paths: &[PathBuf], extensions: &[String], locale: Locale) -> Sources {
    let extensions: Vec<String> = if extensions.is_empty() {
        DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect()
    } else {
        extensions
            .iter()
            .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
            .collect()
    };
    let mut out = Sources {
        sources: Vec::new(),
        errors: Vec::new(),
    };
    if paths.is_empty() {
        if stdin_is_readable() {
            out.sources.push(Source::Stdin);
        } else {
            walk(Path::new("."), &extensions, locale, &mut out);
        }
        return out;
    }
    for path in paths {
        if path.as_os_str() == "-" {
            if !out.sources.contains(&Source::Stdin) {
                out.sources.push(Source::Stdin);
            }
        } else if path.is_dir() {
            walk(path, &extensions, locale, &mut out);
        } else {
            // Named explicitly: always read, whatever its extension; a missing file is
            // reported when it is read.
            out.sources.push(Source::File(path.clone()));
        }
    }
    out
}

fn walk(dir: &Path, extensions: &[String], locale: Locale, out: &mut Sources) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                out.errors.push(match e.io_error() {
                    Some(io) => super::io_error(&dir.display().to_string(), io, locale),
                    None => e.to_string(),
                });
                continue;
            }
        };
        let path = entry.path();
        let is_file = match entry.file_type() {
            Some(kind) if kind.is_file() => true,
            // A symlink to a file is read through the link.
            Some(kind) if kind.is_symlink() => path.is_file(),
            _ => false,
        };
        if !is_file || !has_extension(path, extensions) {
            continue;
        }
        // `jiaodui check` in the current directory shows `a.md`, not `./a.md`.
        let shown = if dir == Path::new(".") {
            path.strip_prefix(".").unwrap_or(path)
        } else {
            path
        };
        out.sources.push(Source::File(shown.to_path_buf()));
    }
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Reads all of stdin.
pub fn read_stdin() -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes)?;
    Ok(bytes)
}
