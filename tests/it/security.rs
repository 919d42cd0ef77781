//! No network access and no code execution anywhere: neither the crate's own code nor its
//! locked dependency tree contains a network client or a way to run programs or load
//! libraries, and the editor plugins neither fetch nor run anything but the server.

use crate::cargo_support;

use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "node_modules") {
                continue;
            }
            files(&path, extensions, out);
        } else if path
            .extension()
            .is_some_and(|e| extensions.iter().any(|x| e == *x))
        {
            out.push(path);
        }
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// (file, forbidden thing) for every use of one of `forbidden` in `sources`.
fn uses(sources: &[PathBuf], forbidden: &[&str]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for path in sources {
        let text = fs::read_to_string(path).unwrap();
        for f in forbidden {
            if text.contains(f) {
                found.push((path.display().to_string(), f.to_string()));
            }
        }
    }
    found
}

#[test]
fn the_crate_opens_no_sockets_and_runs_no_programs() {
    let mut sources = Vec::new();
    files(&root().join("src"), &["rs"], &mut sources);
    if root().join("build.rs").exists() {
        sources.push(root().join("build.rs"));
    }
    assert!(sources.len() > 20);
    let forbidden = [
        "std::net",
        "tokio::net",
        "TcpStream",
        "TcpListener",
        "UdpSocket",
        "UnixStream",
        "process::Command",
        "Command::new",
        "libloading",
        "dlopen",
        "include!(concat!(env!(\"OUT_DIR\")",
    ];
    assert_eq!(uses(&sources, &forbidden), Vec::<(String, String)>::new());
}

#[test]
fn no_network_client_or_library_loader_in_the_dependency_tree() {
    // What a build of jiaodui compiles; the Python package (python/, another workspace
    // member) links PyO3 to be loaded *by* Python and is not part of the binary.
    let closure = cargo_support::build_closure();
    let names: Vec<&str> = closure
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"tokio"), "dependency tree not as expected");
    let forbidden = [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "h2",
        "native-tls",
        "openssl",
        "rustls",
        "tungstenite",
        "libloading",
        "wasmtime",
        "mlua",
        "rhai",
        "pyo3",
    ];
    let found: Vec<&&str> = names.iter().filter(|n| forbidden.contains(n)).collect();
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn editor_plugins_fetch_nothing_and_run_only_the_server() {
    let mut sources = Vec::new();
    files(&root().join("editors/vscode/src"), &["ts"], &mut sources);
    files(&root().join("editors/nvim/lua"), &["lua"], &mut sources);
    assert!(!sources.is_empty());
    let forbidden = [
        "http:",
        "https:",
        "fetch(",
        "XMLHttpRequest",
        "child_process",
        "eval(",
        "new Function",
        "vim.fn.system",
        "io.popen",
        "os.execute",
    ];
    assert_eq!(uses(&sources, &forbidden), Vec::<(String, String)>::new());
}

#[test]
fn vs_code_ignores_a_workspace_server_path_in_untrusted_workspaces() {
    let manifest: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(root().join("editors/vscode/package.json")).unwrap(),
    )
    .unwrap();
    let trust = &manifest["capabilities"]["untrustedWorkspaces"];
    assert_eq!(trust["supported"], "limited");
    assert!(
        trust["restrictedConfigurations"]
            .as_array()
            .unwrap()
            .contains(&"jiaodui.path".into())
    );
    // The extension checks trust itself as well; editors/vscode/test/untrusted.js drives a
    // real VS Code (code-server) through it.
}
