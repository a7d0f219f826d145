//! `concord align` from the command line, including bad input.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn concord() -> Command {
    let mut c = Command::cargo_bin("concord").unwrap();
    c.current_dir(root());
    c
}

const ZH: &str = "tests/fixtures/align/speech.zh.txt";
const EN: &str = "tests/fixtures/align/speech.en.txt";

#[test]
fn aligns_the_fixture_into_tmx_with_scores() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("speech.tmx");
    concord()
        .args(["align", ZH, EN, "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "8 unit(s) from 8 Chinese and 8 English sentences",
        ));
    let tmx = std::fs::read_to_string(&out).unwrap();
    assert_eq!(tmx.matches("<tu ").count(), 8);
    assert_eq!(tmx.matches("<prop type=\"x-align-score\">").count(), 8);
    assert_eq!(
        tmx.matches("<prop type=\"x-align-bead\">1-1</prop>")
            .count(),
        8
    );
    // The broken line was joined and the furniture left out.
    assert!(tmx.contains("共同维护地区和平稳定。"));
    assert!(!tmx.contains("上接第一版"));
    assert!(!tmx.contains("新华社"));
    // The written TM reads back.
    let m = concord::formats::tmx::read_memory(&out).unwrap();
    assert_eq!(m.len(), 8);
}

#[test]
fn json_report_lists_beads() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("speech.tmx");
    let stdout = concord()
        .args(["align", ZH, EN, "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(v["beads"].as_array().unwrap().len(), 8);
    assert_eq!(v["beads"][1]["zh_lines"][0], 3);
    assert!(v["ratio"].as_f64().unwrap() > 2.0);
}

#[test]
fn empty_english_file_warns_and_still_writes() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.en.txt");
    std::fs::write(&empty, "").unwrap();
    let out = dir.path().join("out.tmx");
    concord()
        .args(["align", ZH])
        .arg(&empty)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "warning: the English file has no text",
        ))
        .stderr(predicate::str::contains("low-confidence 1-0 bead"));
    let tmx = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        tmx.matches("<prop type=\"x-align-score\">0.00</prop>")
            .count(),
        8
    );
}

#[test]
fn swapped_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tmx");
    concord()
        .args(["align", EN, ZH, "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the files look swapped"));
    assert!(out.exists());
}

#[test]
fn very_different_lengths_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let short = dir.path().join("short.en.txt");
    std::fs::write(&short, "Thank you.\n").unwrap();
    let out = dir.path().join("out.tmx");
    concord()
        .args(["align", ZH])
        .arg(&short)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("differ widely in length"));
    let m = concord::formats::tmx::read_memory(&out).unwrap();
    // Every Chinese sentence is still in the TM, with low scores marked.
    let zh: String = m
        .units()
        .iter()
        .filter_map(|u| u.variant(&"zh".into(), false))
        .map(|v| v.segment.plain_text())
        .collect();
    for s in [
        "弘扬“中国－中亚精神”",
        "四梁八柱基本成型。",
        "3000个培训名额。",
        "谢谢大家。",
    ] {
        assert!(zh.contains(s), "{s} lost");
    }
    assert!(
        m.units()
            .iter()
            .any(|u| u.prop("x-align-score") == Some("0.00"))
    );
}

#[test]
fn bad_arguments_and_unreadable_files() {
    concord()
        .args(["align", ZH, EN, "-o", "/tmp/x.tmx", "--min-score", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--min-score"));
    concord()
        .args([
            "align",
            ZH,
            "tests/fixtures/align/missing.txt",
            "-o",
            "/tmp/x.tmx",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"));
}
