//! jiaodui (校对): a linter and language server for Chinese prose.
//!
//! - [`analysis`]: the pure core (text in, findings/outline/fixes out, byte offsets).
//! - [`position`]: byte ↔ line/column conversion in UTF-8/16/32.
//! - [`cli`]: the command line, the only code that prints.
//! - [`incremental`]: open documents analysed incrementally, edit by edit, and their
//!   immutable snapshots (plain data: byte offsets, line/column; no protocol).
//! - [`config_file`]: finding and reading `jiaodui.toml`.
//! - [`io_text`]: I/O errors in the user's language.
//! - `lock`: `Mutex` locking that survives poisoning.
//! - [`lsp`]: the language server, the only code that knows the protocol.

pub mod analysis;
pub mod cli;
pub mod config_file;
pub mod incremental;
pub mod io_text;
#[cfg(test)]
mod layers;
mod lock;
pub mod lsp;
pub mod position;
