//! `concord convert` to and from the CAT-tool glossary formats.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn concord() -> Command {
    let mut c = Command::cargo_bin("concord").unwrap();
    c.current_dir(root());
    c
}

fn bundled() -> PathBuf {
    root().join("glossary/diplomatic.zh-en.csv")
}

#[test]
fn bundled_glossary_exports_to_every_format_and_tbx_comes_back_identical() {
    let dir = tempfile::tempdir().unwrap();
    let canonical = dir.path().join("canonical.csv");
    concord()
        .args(["convert"])
        .arg(bundled())
        .arg("-o")
        .arg(&canonical)
        .args(["--to", "glossary-csv"])
        .assert()
        .success();
    for (to, name) in [
        ("tbx2", "g.tbx"),
        ("tbx3", "g3.tbx"),
        ("omegat", "g.utf8"),
        ("xbench", "g.xbench.txt"),
        ("memoq-csv", "g.memoq.csv"),
    ] {
        let out = dir.path().join(name);
        concord()
            .arg("convert")
            .arg(bundled())
            .arg("-o")
            .arg(&out)
            .args(["--to", to])
            .assert()
            .success();
        assert!(out.exists(), "{to}");
    }
    for (name, from) in [
        ("g.tbx", None),
        ("g3.tbx", None),
        ("g.memoq.csv", Some("memoq-csv")),
    ] {
        let back = dir.path().join(format!("{name}.csv"));
        let mut cmd = concord();
        cmd.arg("convert")
            .arg(dir.path().join(name))
            .arg("-o")
            .arg(&back)
            .args(["--to", "glossary-csv"]);
        if let Some(f) = from {
            cmd.args(["--from", f]);
        }
        cmd.assert().success();
        assert_eq!(
            std::fs::read_to_string(&back).unwrap(),
            std::fs::read_to_string(&canonical).unwrap(),
            "{name} → glossary CSV differs from the canonical CSV"
        );
    }
}

#[test]
fn bad_tbx_exits_2_names_the_position_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (fixture, message) in [
        (
            "unknown-dialect.tbx",
            "unknown-dialect.tbx:2:1: unknown TBX dialect: type=\"TBX-Linguist\"",
        ),
        (
            "missing-langsec.tbx",
            "missing-langsec.tbx:10:7: entry 'no-english': no language section for 'en'",
        ),
        (
            "duplicate-ids.tbx",
            "duplicate-ids.tbx:10:7: duplicate id 'mfa' (first used on line 6)",
        ),
        (
            "mixed-encoding-bom.tbx",
            "mixed-encoding-bom.tbx:1:21: mixed encodings",
        ),
        ("mixed-encoding-latin1.tbx", "mixed-encoding-latin1.tbx:3:"),
        ("entity-bomb.tbx", "entity-bomb.tbx:2:1: refused"),
    ] {
        let out = dir.path().join(format!("{fixture}.csv"));
        concord()
            .arg("convert")
            .arg(Path::new("tests/fixtures/tbx").join(fixture))
            .arg("-o")
            .arg(&out)
            .args(["--to", "glossary-csv"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
        assert!(!out.exists(), "{fixture}: output written despite the error");
    }
}

#[test]
fn csv_with_a_column_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mapped.csv");
    concord()
        .args(["convert", "tests/fixtures/termtab/mapped.csv", "-o"])
        .arg(&out)
        .args([
            "--to",
            "glossary-csv",
            "--columns",
            "zh=Chinese,en=English,note=Comment,domain=Subject",
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("上海合作组织"), "{text}");
    // The canonical CSV is never neutralised: a formula-like term stays as it is.
    assert!(text.contains(",=1+1,"), "{text}");
}

#[test]
fn omegat_sample_tbx_with_its_languages() {
    let sample = root().join("../shared/interop/omegat/sampleTBXfile.tbx");
    if !sample.exists() {
        eprintln!("note: ../shared absent, skipping sampleTBXfile.tbx");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sample.csv");
    concord()
        .arg("convert")
        .arg(&sample)
        .arg("-o")
        .arg(&out)
        .args(["--to", "glossary-csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "sampleTBXfile.tbx:24:13: entry 'eid-Oracle-67': no language section for 'zh' (found: en, hu)",
        ));
    concord()
        .arg("convert")
        .arg(&sample)
        .arg("-o")
        .arg(&out)
        .args([
            "--to",
            "glossary-csv",
            "--source-lang",
            "en",
            "--target-lang",
            "hu",
        ])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("alpha smoothing factor")
    );
}

#[test]
fn omegat_glossaries_from_shared_import() {
    let dir = root().join("../shared/interop/omegat");
    if !dir.exists() {
        eprintln!("note: ../shared absent, skipping OmegaT glossaries");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    for (file, from) in [
        ("test.tab", "omegat"),
        ("test-magiccomment-bom.tab", "omegat"),
        ("testUTF16LE.txt", "omegat"),
        ("test.csv", "omegat-csv"),
    ] {
        let out = tmp.path().join(format!("{file}.csv"));
        concord()
            .arg("convert")
            .arg(dir.join(file))
            .arg("-o")
            .arg(&out)
            .args(["--from", from, "--to", "glossary-csv"])
            .assert()
            .success();
        assert!(out.exists(), "{file}");
    }
}
