//! The `jiaodui` binary: parses the command line and hands it to `jiaodui::cli::run`, which
//! calls back into `jiaodui::lsp::run_stdio` for `jiaodui lsp` (the command line and the
//! server do not import each other).

fn main() -> std::process::ExitCode {
    let cli = jiaodui::cli::help::parse();
    std::process::ExitCode::from(jiaodui::cli::run(cli, jiaodui::lsp::run_stdio))
}
