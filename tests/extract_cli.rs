//! `concord extract` from the command line.

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

#[test]
fn tsv_on_the_fixture_with_glossary_status_and_cited_lines() {
    let out = concord()
        .args([
            "extract",
            "tests/fixtures/align/speech.zh.txt",
            "tests/fixtures/align/speech.zh.txt",
            "--min-freq",
            "2",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("joined 1 broken line(s)"))
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("rank\tphrase\tkind\tfreq\tquoted\tcvalue\tglossary\tcontexts")
    );
    let spirit = out
        .lines()
        .find(|l| l.split('\t').nth(1) == Some("中国－中亚精神"))
        .unwrap();
    let cells: Vec<&str> = spirit.split('\t').collect();
    assert_eq!(cells[2], "quoted");
    assert_eq!(cells[3], "2");
    assert_eq!(cells[6], "new");
    assert!(
        cells[7].starts_with("tests/fixtures/align/speech.zh.txt:1 "),
        "{}",
        cells[7]
    );
}

#[test]
fn json_and_glossary_ids() {
    let g = root().join("glossary/diplomatic.zh-en.csv");
    if !g.exists() {
        eprintln!("note: glossary/diplomatic.zh-en.csv absent, skipping");
        return;
    }
    let out = concord()
        .args([
            "extract",
            "tests/fixtures/align/speech.zh.txt",
            "tests/fixtures/align/speech.zh.txt",
            "--glossary",
            "glossary/diplomatic.zh-en.csv",
            "--format",
            "json",
            "--limit",
            "40",
            "-q",
        ])
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rows = v.as_array().unwrap();
    assert!(rows.len() <= 40);
    let bri = rows.iter().find(|r| r["phrase"] == "一带一路").unwrap();
    assert_eq!(bri["glossary"], "belt-and-road-initiative");
    assert_eq!(bri["contexts"][0]["line"], 3);
}

#[test]
fn append_to_needs_bilingual() {
    concord()
        .args([
            "extract",
            "tests/fixtures/align/speech.zh.txt",
            "--append-to",
            "/tmp/never-written.csv",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--append-to needs --bilingual"));
    assert!(!Path::new("/tmp/never-written.csv").exists());
}

#[test]
fn missing_file_is_an_error_naming_it() {
    concord()
        .args(["extract", "tests/fixtures/align/nope.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.txt"));
}

#[test]
fn bilingual_proposals_appended_to_a_glossary() {
    let tm = root().join("tmx/seed.zh-en.tmx");
    if !tm.exists() {
        eprintln!("note: tmx/seed.zh-en.tmx absent, skipping");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("new.csv");
    std::fs::write(
        &glossary,
        "id,zh,en,status\nbri,一带一路,Belt and Road Initiative,approved\n",
    )
    .unwrap();
    let out = concord()
        .args([
            "extract",
            "--bilingual",
            "tmx/seed.zh-en.tmx",
            "--limit",
            "30",
        ])
        .arg("--append-to")
        .arg(&glossary)
        .assert()
        .success()
        .stderr(predicate::str::contains("appended"))
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("zh\ten\tconfidence\tdice\tunits\tboth\tglossary"));
    let written = std::fs::read_to_string(&glossary).unwrap();
    assert!(
        written.starts_with("id,zh,en,status\nbri,一带一路,Belt and Road Initiative,approved\n")
    );
    let added: Vec<&str> = written.lines().skip(2).collect();
    assert!(!added.is_empty());
    assert!(
        added
            .iter()
            .all(|l| l.starts_with("proposed-") && l.ends_with(",proposed")),
        "{added:?}"
    );
    // The appended glossary still loads.
    concord()
        .args([
            "extract",
            "tests/fixtures/align/speech.zh.txt",
            "-q",
            "--glossary",
        ])
        .arg(&glossary)
        .assert()
        .success();
}
