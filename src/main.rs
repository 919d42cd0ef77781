//! The `jiaodui` binary: wires the command line to the library.

fn main() {
    let text = std::io::read_to_string(std::io::stdin()).unwrap_or_default();
    for f in jiaodui::analysis::check(&text, &jiaodui::analysis::Config::default()) {
        eprintln!("{} {:?} {}", f.code, f.range, f.message);
    }
}
