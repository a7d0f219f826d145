//! `concord concordance`: folding, sides, formats, exit codes.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn tm() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzzy/small.tmx")
}

fn concord() -> Command {
    let mut c = Command::cargo_bin("concord").unwrap();
    c.env("NO_COLOR", "1");
    c
}

#[test]
fn ascii_dash_finds_full_width_dash() {
    concord()
        .args(["concordance", "中国-中亚"])
        .arg("--tm")
        .arg(tm())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("small.tmx:s2"))
        .stdout(predicate::str::contains("弘扬“[[中国－中亚]]精神”"))
        .stdout(predicate::str::contains("1 units"));
}

#[test]
fn target_side_is_case_insensitive_json_has_offsets() {
    let out = concord()
        .args([
            "concordance",
            "BELT AND ROAD",
            "--side",
            "target",
            "--format",
            "json",
            "--tm",
        ])
        .arg(tm())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    let target = v[0]["target"].as_str().unwrap();
    let hit = &v[0]["target_hits"][0];
    let (a, b) = (
        hit[0].as_u64().unwrap() as usize,
        hit[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&target[a..b], "Belt and Road");
    assert_eq!(v[0]["source_hits"], serde_json::json!([]));
}

#[test]
fn source_side_only() {
    concord()
        .args(["concordance", "belt", "--side", "source", "--tm"])
        .arg(tm())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no unit contains"));
}

#[test]
fn empty_phrase_and_missing_tm_exit_2() {
    concord()
        .args(["concordance", "  ", "--tm"])
        .arg(tm())
        .assert()
        .code(2);
    concord()
        .args(["concordance", "中国", "--tm", "/nonexistent.tmx"])
        .assert()
        .code(2);
}
