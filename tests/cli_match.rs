//! `concord match`: output formats, exit codes, bad input.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzzy")
        .join(name)
}

/// A copy of a fixture in a temporary folder (the index is saved next to it).
fn copy(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    let to = dir.path().join(name);
    std::fs::copy(fixture(name), &to).unwrap();
    to
}

fn concord() -> Command {
    let mut c = Command::cargo_bin("concord").unwrap();
    c.env("NO_COLOR", "1");
    c
}

#[test]
fn human_output_marks_differences() {
    let dir = tempfile::tempdir().unwrap();
    let tm = copy(&dir, "small.tmx");
    concord()
        .args(["match", "推动区域合作高质量发展", "--tm"])
        .arg(&tm)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("81%"))
        .stdout(predicate::str::contains("small.tmx:s1"))
        .stdout(predicate::str::contains("推动[-地-]区{+域+}合作高质量发展"))
        .stdout(predicate::str::contains(
            "target: promote high-quality development of regional cooperation",
        ))
        .stdout(predicate::str::contains("\x1b[").not())
        .stderr(predicate::str::contains("1 of 5 units have no zh-CN text"));
}

#[test]
fn json_lists_differences_and_origin() {
    let dir = tempfile::tempdir().unwrap();
    let tm = copy(&dir, "small.tmx");
    let out = concord()
        .args(["match", "贸易额增长40%", "--format", "json", "--tm"])
        .arg(&tm)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let m = &v[0]["matches"][0];
    assert_eq!(m["score"], 98);
    assert_eq!(m["tuid"], "s3");
    assert_eq!(m["target"], "trade grew by 35%");
    assert_eq!(
        m["diff"],
        serde_json::json!([
            {"op": "equal", "text": "贸易额增长"},
            {"op": "delete", "text": "35"},
            {"op": "insert", "text": "40"},
            {"op": "equal", "text": "%"},
        ])
    );
}

#[test]
fn tsv_and_file_of_queries() {
    let dir = tempfile::tempdir().unwrap();
    let tm = copy(&dir, "small.tmx");
    let queries = dir.path().join("q.txt");
    std::fs::write(
        &queries,
        "弘扬中国-中亚精神\n\n共建一带一路\n完全无关的句子\n",
    )
    .unwrap();
    concord()
        .args(["match", "--format", "tsv", "--file"])
        .arg(&queries)
        .arg("--tm")
        .arg(&tm)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "query_no\tquery\tscore\torigin\tsource\ttarget\n",
        ))
        // Only quotes and the dash differ: 99. Tags do not count.
        .stdout(predicate::str::contains("1\t弘扬中国-中亚精神\t99\t"))
        .stdout(predicate::str::contains("2\t共建一带一路\t100\t"))
        .stdout(predicate::str::contains("\n3\t").not());
}

#[test]
fn exhaustive_gives_the_same_answer() {
    let dir = tempfile::tempdir().unwrap();
    let tm = copy(&dir, "small.tmx");
    let run = |extra: &[&str]| {
        concord()
            .args([
                "match",
                "推动合作高质量发展",
                "--min",
                "50",
                "--format",
                "json",
                "--tm",
            ])
            .arg(&tm)
            .args(extra)
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run(&[]), run(&["--exhaustive"]));
}

#[test]
fn nothing_matched_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let tm = copy(&dir, "small.tmx");
    concord()
        .args(["match", "完全无关的句子", "--tm"])
        .arg(&tm)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no match at or above 70%"));
}

#[test]
fn one_character_query_gets_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let tm = copy(&dir, "small.tmx");
    concord()
        .args(["match", "中", "--tm"])
        .arg(&tm)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fewer than 2 words or characters"))
        .stderr(predicate::str::contains("concordance"));
}

#[test]
fn empty_tm_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let tm = copy(&dir, "empty.tmx");
    concord()
        .args(["match", "推动合作", "--tm"])
        .arg(&tm)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no zh-CN translation units to match against",
        ));
}

#[test]
fn bad_arguments_exit_2() {
    concord().args(["match"]).assert().code(2);
    concord()
        .args(["match", "x", "--min", "101"])
        .assert()
        .code(2);
    concord()
        .args(["match", "x", "--tm", "/nonexistent/tm.tmx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/tm.tmx"));
}

#[test]
fn index_is_saved_and_reused() {
    let dir = tempfile::tempdir().unwrap();
    let tm = copy(&dir, "small.tmx");
    let idx = dir.path().join("small.tmx.concord-idx");
    concord()
        .args(["match", "推动地区合作高质量发展", "--tm"])
        .arg(&tm)
        .assert()
        .code(0);
    assert!(idx.exists());
    // A damaged index is rebuilt, not trusted.
    std::fs::write(&idx, b"garbage").unwrap();
    concord()
        .args(["match", "推动地区合作高质量发展", "--tm"])
        .arg(&tm)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("100%"));
    assert!(
        std::fs::read(&idx)
            .unwrap()
            .starts_with(b"CONCORD-FUZZY-IX")
    );
}
