//! The `jiaodui` binary: parses the command line and hands it to `jiaodui::cli::run`.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = jiaodui::cli::Cli::parse();
    std::process::ExitCode::from(jiaodui::cli::run(cli))
}
