//! A short run of the load harness (`examples/lsp_load.rs` is the full one): documents edited
//! concurrently over the real binary's stdio. Asserts correctness only, never timing: every
//! document's final publish is its final version and equals a fresh analysis of its final
//! text, and no publish goes back to an older version.

use crate::load_harness;

use load_harness::{LoadConfig, run};
use std::time::Duration;

fn config(documents: usize, debounce_ms: u64, seed: u64) -> LoadConfig {
    LoadConfig {
        server: env!("CARGO_BIN_EXE_jiaodui").into(),
        documents,
        rate: 200.0,
        duration: Duration::from_secs(3),
        debounce_ms,
        seed,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_edits_end_in_fresh_diagnostics() {
    // Many documents, and one document taking every edit (where a stale publish overtaking
    // a newer one would show as out of order).
    for (documents, debounce, seed) in [(10, 0, 7), (10, 100, 11), (1, 0, 13)] {
        let report = run(&config(documents, debounce, seed)).await;
        assert!(report.edits > 100, "{report:?}");
        assert!(report.final_diagnostics > 0);
        assert_eq!(report.mismatches, Vec::<String>::new());
        assert_eq!(report.out_of_order, 0);
        assert_eq!(
            report.edit_to_covering_publish.len(),
            report.edits,
            "every edit is covered by a publish"
        );
    }
}
