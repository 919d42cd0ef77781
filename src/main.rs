//! The `jiaodui` binary: parses the command line and hands it to `jiaodui::cli::run`.

fn main() -> std::process::ExitCode {
    let cli = jiaodui::cli::help::parse();
    std::process::ExitCode::from(jiaodui::cli::run(cli))
}
