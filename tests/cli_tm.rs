//! `concord tm merge` and `concord tm dedupe`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzzy")
        .join(name)
}

fn tuids(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.split("tuid=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

#[test]
fn merge_drops_exact_duplicates_and_keeps_differing_translations() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.tmx");
    Command::cargo_bin("concord")
        .unwrap()
        .args(["tm", "merge"])
        .arg(fixture("small.tmx"))
        .arg(fixture("older.tmx"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "older.tmx:o1 (exact duplicate of ",
        ))
        .stdout(predicate::str::contains("kept 2 translations of \"贸易额增长35%\""))
        .stdout(predicate::str::contains(
            "8 units read, 6 kept, 2 exact duplicates dropped, 1 sources with differing translations kept (2 units)",
        ));
    // Newest first inside the group of differing translations; the unit
    // without Chinese and the tagged unit are kept.
    assert_eq!(tuids(&out), ["s1", "s2", "s3", "o2", "s4", "s5"]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("<bpt i=\"1\">&lt;b&gt;</bpt>"), "{text}");
}

#[test]
fn dedupe_in_place_and_to_csv() {
    let dir = tempfile::tempdir().unwrap();
    let tm = dir.path().join("older.tmx");
    std::fs::copy(fixture("older.tmx"), &tm).unwrap();
    let csv = dir.path().join("older.csv");
    Command::cargo_bin("concord")
        .unwrap()
        .args(["tm", "dedupe"])
        .arg(&tm)
        .arg("-o")
        .arg(&csv)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "3 units read, 2 kept, 1 exact duplicates dropped",
        ));
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .contains("贸易额增长35%")
    );
    assert_eq!(tuids(&tm), ["o1", "o2", "o3"], "input untouched with -o");
    Command::cargo_bin("concord")
        .unwrap()
        .args(["tm", "dedupe"])
        .arg(&tm)
        .assert()
        .code(0);
    assert_eq!(tuids(&tm), ["o1", "o2"]);
}

#[test]
fn bad_input_leaves_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tmx");
    std::fs::write(&bad, "<tmx version=\"1.4\"><body><tu>").unwrap();
    let out = dir.path().join("out.tmx");
    Command::cargo_bin("concord")
        .unwrap()
        .args(["tm", "merge"])
        .arg(fixture("small.tmx"))
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.tmx"));
    assert!(!out.exists());
}
