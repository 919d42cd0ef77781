//! Load test of the language server: 50 documents edited concurrently at 1,000 edits/s (all
//! documents together) for 30 s, over the real binary's stdio. Prints edit → publish latency
//! (p50/p99), the server's peak memory, and whether every document's final publish equals a
//! fresh analysis of its final text; exits 1 if one does not.
//!
//! ```text
//! cargo build --release && cargo run --release --example lsp_load -- \
//!     [--documents 50] [--rate 1000] [--seconds 30] [--debounce 0] [--server PATH]
//! ```
//!
//! The server defaults to `jiaodui` beside this example's directory (target/release/).

#[path = "../tests/it/load_harness.rs"]
mod load_harness;

use load_harness::{LoadConfig, percentile, run};
use std::time::Duration;

fn main() {
    let mut config = LoadConfig {
        server: std::env::current_exe()
            .ok()
            .and_then(|p| Some(p.parent()?.parent()?.join("jiaodui")))
            .unwrap_or_else(|| "jiaodui".into()),
        documents: 50,
        rate: 1000.0,
        duration: Duration::from_secs(30),
        debounce_ms: 0,
        seed: 1,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).map(String::as_str).unwrap_or_default();
        let number = || -> f64 {
            value
                .parse()
                .unwrap_or_else(|_| panic!("{}: not a number: {value}", pair[0]))
        };
        match pair[0].as_str() {
            "--documents" => config.documents = number() as usize,
            "--rate" => config.rate = number(),
            "--seconds" => config.duration = Duration::from_secs_f64(number()),
            "--debounce" => config.debounce_ms = number() as u64,
            "--seed" => config.seed = number() as u64,
            "--server" => config.server = value.into(),
            other => panic!("unknown option {other}"),
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let report = runtime.block_on(run(&config));
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!(
        "{} documents, {:.0} edits/s asked, {:.0} edits/s sent ({} edits in {:?}), debounceMs {}",
        config.documents,
        config.rate,
        report.achieved_rate,
        report.edits,
        config.duration,
        config.debounce_ms
    );
    println!(
        "edit → first publish covering it: p50 {} p99 {} max {} ({} edits)",
        ms(percentile(&report.edit_to_covering_publish, 0.5)),
        ms(percentile(&report.edit_to_covering_publish, 0.99)),
        ms(percentile(&report.edit_to_covering_publish, 1.0)),
        report.edit_to_covering_publish.len()
    );
    println!(
        "edit → publish of that very version: p50 {} p99 {} ({} published versions, {} publishes)",
        ms(percentile(&report.edit_to_own_publish, 0.5)),
        ms(percentile(&report.edit_to_own_publish, 0.99)),
        report.edit_to_own_publish.len(),
        report.publishes
    );
    println!(
        "last edit → every final version published: {}",
        ms(report.settle)
    );
    println!(
        "server peak memory (VmHWM): {:.0} MB; server CPU time {:.1} s ({:.2} ms per edit)",
        report.peak_rss_kib as f64 / 1024.0,
        report.server_cpu.as_secs_f64(),
        report.server_cpu.as_secs_f64() * 1000.0 / report.edits.max(1) as f64
    );
    println!(
        "final publishes: {} diagnostics; out-of-order publishes {}; mismatches with a fresh check: {}",
        report.final_diagnostics,
        report.out_of_order,
        report.mismatches.len()
    );
    for m in report.mismatches.iter().take(5) {
        println!("  {}", m.chars().take(600).collect::<String>());
    }
    if !report.mismatches.is_empty() || report.out_of_order > 0 {
        std::process::exit(1);
    }
}
