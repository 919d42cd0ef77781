//! `jiaodui fix`: files repaired in place (idempotently, atomically, keeping permissions,
//! BOMs and symlinks), to stdout, in legacy encodings, and refused when unsafe.

use super::*;

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn fix_repairs_the_seed_idempotently_and_keeps_permissions() {
    let dir = temp();
    let path = write(dir.path(), "seed.txt", SEED);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }

    let diff = jiaodui(dir.path(), &["fix", "--diff", "seed.txt"]);
    assert_eq!(
        code(&diff),
        1,
        "--diff exits 1 when there is something to fix"
    );
    assert!(stdout(&diff).starts_with("--- a/seed.txt\n+++ b/seed.txt\n"));
    assert!(stdout(&diff).contains("\n-在重大斗爭中把基層黨組織鍛造得更加堅(jiān)強(qiáng)\n"));
    assert!(stdout(&diff).contains("\n+在重大斗爭中把基層黨組織鍛造得更加堅強\n"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        SEED,
        "--diff writes nothing"
    );

    let out = jiaodui(dir.path(), &["fix", "seed.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let fixed = fs::read_to_string(&path).unwrap();
    assert!(!fixed.contains("(jī)") && !fixed.contains("(qiáng)"));
    assert!(fixed.contains("在重大斗爭中把基層黨組織鍛造得更加堅強"));
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o640);

    // Nothing fixable remains.
    for f in seed_findings(dir.path(), "seed.txt") {
        assert_ne!(f["code"], "garble/inline-pinyin");
        let fixes = f["fixes"].as_array().unwrap();
        assert!(!fixes.iter().any(|x| x["safe"] == true), "{f}");
    }

    // A second run changes nothing.
    let again = jiaodui(dir.path(), &["fix", "seed.txt"]);
    assert_eq!(code(&again), 0);
    assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
    let diff = jiaodui(dir.path(), &["fix", "--diff", "seed.txt"]);
    assert_eq!(code(&diff), 0);
    assert_eq!(stdout(&diff), "");
    // No temporary files are left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn fix_to_stdout_leaves_the_file() {
    let dir = temp();
    let path = write(dir.path(), "a.txt", ANNOTATED);
    let out = jiaodui(dir.path(), &["fix", "--stdout", "a.txt"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), FIXED);
    assert_eq!(fs::read_to_string(&path).unwrap(), ANNOTATED);
}

#[test]
fn utf8_bom_is_preserved() {
    let dir = temp();
    let path = write(dir.path(), "bom.txt", format!("\u{FEFF}{ANNOTATED}"));
    let check = jiaodui(dir.path(), &["check", "--format", "json", "bom.txt"]);
    assert_eq!(json_lines(&check)[0]["column"], 5);
    assert_eq!(code(&jiaodui(dir.path(), &["fix", "bom.txt"])), 0);
    assert_eq!(
        fs::read(&path).unwrap(),
        format!("\u{FEFF}{FIXED}").as_bytes()
    );
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, had_errors) = encoding_rs::GBK.encode(text);
    assert!(!had_errors);
    bytes.into_owned()
}

fn big5(text: &str) -> Vec<u8> {
    let (bytes, _, had_errors) = encoding_rs::BIG5.encode(text);
    assert!(!had_errors);
    bytes.into_owned()
}

#[test]
fn legacy_encodings_are_named_and_left_untouched() {
    let dir = temp();
    let gbk_bytes = gbk(
        "基层党组织是贯彻落实党中央决策部署的最后一公里，我们始终坚持把党的政治建设摆在首位。\n",
    );
    let big5_bytes = big5(
        "基層黨組織是貫徹落實黨中央決策部署的最後一公里，我們始終堅持把黨的政治建設擺在首位。\n",
    );
    let gbk_path = write(dir.path(), "gbk.txt", &gbk_bytes);
    let big5_path = write(dir.path(), "big5.txt", &big5_bytes);
    for (file, name) in [("gbk.txt", "GBK"), ("big5.txt", "Big5")] {
        for command in ["check", "fix"] {
            let out = jiaodui(dir.path(), &[command, "--locale", "en", file]);
            assert_eq!(code(&out), 2, "{command} {file}");
            let err = stderr(&out);
            assert!(err.contains(file) && err.contains(name), "{err}");
            assert!(err.contains(&format!("--encoding {}", name.to_lowercase())));
        }
    }
    assert_eq!(fs::read(&gbk_path).unwrap(), gbk_bytes);
    assert_eq!(fs::read(&big5_path).unwrap(), big5_bytes);

    write(dir.path(), "binary.txt", b"PK\x03\x04\0\0\x01");
    let out = jiaodui(dir.path(), &["check", "--locale", "en", "binary.txt"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("binary"));
}

#[test]
fn explicit_encodings_are_read_and_written_back() {
    let dir = temp();
    let path = write(
        dir.path(),
        "gbk.txt",
        gbk("第一行。\n他們要堅(jiān)持原則。\n"),
    );
    let out = jiaodui(
        dir.path(),
        &["check", "--encoding", "gbk", "--format", "json", "gbk.txt"],
    );
    assert_eq!(code(&out), 1);
    let findings = json_lines(&out);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        (&findings[0]["line"], &findings[0]["column"]),
        (&Value::from(2), &Value::from(5))
    );

    let out = jiaodui(dir.path(), &["fix", "--encoding", "gbk", "gbk.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        fs::read(&path).unwrap(),
        gbk("第一行。\n他們要堅持原則。\n")
    );

    let path = write(dir.path(), "big5.txt", big5("他們要堅(jian)持原則。\n"));
    let auto = jiaodui(dir.path(), &["fix", "--encoding", "auto", "big5.txt"]);
    assert_eq!(code(&auto), 0, "{}", stderr(&auto));
    assert_eq!(fs::read(&path).unwrap(), big5("他們要堅持原則。\n"));
}

#[cfg(unix)]
#[test]
fn read_only_files_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    let path = write(dir.path(), "ro.txt", ANNOTATED);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let out = jiaodui(dir.path(), &["fix", "--locale", "en", "ro.txt"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&path).unwrap(), ANNOTATED);
    assert_eq!(mode(&path), 0o444);
}

#[cfg(unix)]
#[test]
fn symlinks_are_written_through() {
    let dir = temp();
    let target = write(dir.path(), "real/target.txt", ANNOTATED);
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = jiaodui(dir.path(), &["fix", "link.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), FIXED);
}
