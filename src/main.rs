//! The `jiaodui` binary: wires the command line to the library.

fn main() {
    // `jiaodui lsp [--stdio]`: the language server (until the CLI's argument parser lands).
    if std::env::args().nth(1).as_deref() == Some("lsp") {
        std::process::exit(jiaodui::lsp::run_stdio());
    }
    let text = std::io::read_to_string(std::io::stdin()).unwrap_or_default();
    for f in jiaodui::analysis::check(&text, &jiaodui::analysis::Config::default()) {
        eprintln!("{} {:?} {}", f.code, f.range, f.message);
    }
}
