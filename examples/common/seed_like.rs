//! Seed-like benchmark text shared by the examples that drive the language server's code.

/// `target` bytes of seed-like text: copies of the seed, each varied (a numbered line on top,
/// some annotations dropped, the body lines rotated) so that no two copies are identical.
pub fn corpus(target: usize) -> String {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed.txt"
    ))
    .unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    let mut out = String::with_capacity(target + seed.len());
    let mut i = 0usize;
    while out.len() < target {
        out.push_str(&format!("第{i}篇\n\n"));
        let rotate = i % lines.len();
        for (j, line) in lines[rotate..].iter().chain(&lines[..rotate]).enumerate() {
            if (i + j) % 7 == 0 {
                out.push_str(&line.replacen("(jī)", "", 1));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        out.push('\n');
        i += 1;
    }
    out
}
