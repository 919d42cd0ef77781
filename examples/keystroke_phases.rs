//! Where a keystroke's time goes, phase by phase, on a 100 KB and a 10 MB document of
//! seed-like text (the same text `lsp_bench` builds): the engine driven directly, no
//! protocol, so each phase is timed on its own.
//!
//!   cargo run --release --example keystroke_phases            # 60 keystrokes per size
//!   REPS=300 cargo run --release --example keystroke_phases
//!
//! Phases: the edit on the rope and paragraph cache, the plan, the local analysis of the
//! dirty paragraphs, installing it, the document-level phase (detectors fed from the
//! paragraphs' cached summaries), converting the capped diagnostics to LSP (the default cap
//! per kind), and serializing the publish into a frame (then freeing this keystroke's data).
//! `TRIM=1` also hands freed memory back after each keystroke, as the server does on a large
//! document.
#[path = "common/seed_like.rs"]
mod seed_like;
use jiaodui::analysis::Config;
use jiaodui::incremental::{LiveDocument, Step, execute, execute_document};
use jiaodui::lsp::prebuilt::notification_frame;
use jiaodui::position::Encoding;
use seed_like::corpus;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_lsp_server::ls_types::{PublishDiagnosticsParams, Uri};

const PHASES: [&str; 7] = [
    "edit",
    "plan",
    "local analysis",
    "install",
    "document phase",
    "convert",
    "frame",
];

fn main() {
    // As `jiaodui lsp` does, before any thread starts.
    jiaodui::lsp::tune_allocator();
    // TRIM=1: hand freed memory back after every keystroke, as the server does on a large
    // document (`backend::release_free_memory`).
    let trim = std::env::var("TRIM").is_ok_and(|v| v == "1");
    let uri: Uri = "file:///bench.txt".parse().expect("a valid URI");
    let reps: usize = std::env::var("REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let cap = jiaodui::lsp::settings::EditorSettings::default().max_per_kind;
    for size in [100_000usize, 10_000_000] {
        let mut text = corpus(size);
        let mut doc = LiveDocument::new(1, &text, false, Arc::new(Config::default()));
        // Open: analyse every paragraph, then the document phase.
        while let Step::Run(plan) = doc.plan() {
            let outcome = execute(&plan).expect("nothing else edits the document");
            doc.install(outcome);
        }
        if let Some(plan) = doc.plan_document() {
            doc.install_document(execute_document(&plan).expect("not stale"));
        }
        let mut times: [Vec<Duration>; 7] = Default::default();
        let mut shown = 0;
        for k in 0..reps {
            // Type a character in the middle of the text, a little further each time.
            let mut at = (text.len() / 2 + k * 97).min(text.len());
            while !text.is_char_boundary(at) {
                at += 1;
            }
            let mut marks = vec![Instant::now()];
            doc.edit(at, at, "好");
            text.insert(at, '好');
            marks.push(Instant::now());
            let Step::Run(plan) = doc.plan() else {
                unreachable!("an edit needs a run")
            };
            marks.push(Instant::now());
            let outcome = execute(&plan).expect("not stale");
            marks.push(Instant::now());
            doc.install(outcome);
            marks.push(Instant::now());
            let plan = doc.plan_document().expect("the document phase is due");
            let analysis = doc
                .install_document(execute_document(&plan).expect("not stale"))
                .expect("installed");
            marks.push(Instant::now());
            let diagnostics =
                jiaodui::lsp::convert::diagnostics(&analysis, Encoding::Utf16, cap, doc.focus);
            marks.push(Instant::now());
            shown = diagnostics.len();
            let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, Some(k as i32));
            let frame = notification_frame("textDocument/publishDiagnostics", &params);
            std::hint::black_box(&frame);
            drop((frame, params, analysis, plan));
            marks.push(Instant::now());
            if trim {
                // As the server does after publishing a large document's diagnostics.
                jiaodui::lsp::backend::release_free_memory();
            }
            for (phase, w) in marks.windows(2).enumerate() {
                times[phase].push(w[1] - w[0]);
            }
        }
        println!(
            "{} bytes, {reps} keystrokes, {shown} diagnostics published (cap {cap} per kind), p50 per phase:",
            text.len()
        );
        for (name, samples) in PHASES.iter().zip(times.iter_mut()) {
            samples.sort();
            println!("  {name:>15} {:?}", samples[samples.len() / 2]);
        }
    }
}
