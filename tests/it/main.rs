//! The integration tests, as one test binary (`cargo test --release --test it`): one crate to
//! compile and link against the library instead of one per file. Each module is what used to be
//! a file of its own in `tests/`; select one with its name, e.g.
//! `cargo test --release --test it eval:: -- --nocapture`.
//!
//! The `*_support` modules and `load_harness` are shared helpers. A test that needs a process of
//! its own reruns itself alone in a child process (`alone_support`).

// Shared helpers.
mod alone_support;
mod cargo_support;
mod eval_support;
mod fixture_support;
mod load_harness;
mod lsp_support;

// The command line.
mod cli;
mod docs_examples;
mod fix_safety;
mod glossary_cli;

// The library on the seed, the fixtures (snapshots of each) and the evaluation sets.
mod dictionary;
mod eval;
mod glossary;
mod local_pieces;
mod seed;
mod snapshots;

// The language server.
mod lsp;
mod lsp_abuse;
mod lsp_fix_all;
mod lsp_glossary;
mod lsp_load;
mod lsp_memory;
mod lsp_panic_guard;
mod lsp_props;
mod lsp_protocol;
mod lsp_robustness;
mod lsp_selection;
mod lsp_settings;
mod lsp_stdio;
mod parity;

// The project: dependencies and sources.
mod heldout_leak;
mod msrv;
mod security;
