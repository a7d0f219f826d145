//! `concord check` end to end: every input format, every output format,
//! every exit code.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
fn checks(name: &str) -> PathBuf {
    root().join("tests/fixtures/checks").join(name)
}
fn xliff(name: &str) -> PathBuf {
    root().join("tests/fixtures/xliff").join(name)
}

/// `concord check` with the fixture glossary and TM.
fn check() -> Command {
    let mut c = Command::cargo_bin("concord").unwrap();
    c.env("NO_COLOR", "1")
        .current_dir(root())
        .arg("check")
        .arg("--glossary")
        .arg(checks("glossary.csv"))
        .arg("--tm")
        .arg(checks("tm.tsv"));
    c
}

#[test]
fn tmx_input() {
    check()
        .arg(checks("G001.tmx"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("G001.tmx:g001-1: G001 error"))
        .stdout(predicate::str::contains("missing in target: bpt#1 ept#1"));
}

#[test]
fn xliff12_input() {
    check()
        .arg(checks("G001.xlf"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "G001.xlf:g001-3: G001 error: inline codes out of order",
        ));
    check()
        .arg(xliff("delivery12.xlf"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings in 2 unit(s)"));
}

#[test]
fn sdlxliff_input() {
    check()
        .arg(xliff("delivery.sdlxliff"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "delivery.sdlxliff:a3f1c2d4-0001#2: T002",
        ));
}

#[test]
fn mqxliff_input() {
    check()
        .arg(xliff("delivery.mqxliff"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("delivery.mqxliff:2: N001"))
        .stdout(predicate::str::contains("delivery.mqxliff:3: S001"));
}

#[test]
fn xliff2_input() {
    check()
        .arg(xliff("delivery.xlf"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("delivery.xlf:u1#s1: T003"))
        .stdout(predicate::str::contains("delivery.xlf:u1#s2: G001"));
}

#[test]
fn csv_and_tsv_input() {
    check()
        .arg(checks("T002.csv"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "T002.csv:t002-2: T002 error: forbidden rendering \"OBOR\"",
        ));
    check()
        .arg(checks("cli/delivery.tsv"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("delivery.tsv:d1: T002"))
        .stdout(predicate::str::contains("delivery.tsv:d2: P003 info"));
}

#[test]
fn parallel_text_input() {
    check()
        .arg("--source")
        .arg(checks("cli/speech.zh.txt"))
        .arg("--target")
        .arg(checks("cli/speech.en.txt"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("speech.zh.txt:1: T002"))
        .stdout(predicate::str::contains("1 finding(s)"));
}

#[test]
fn human_output_marks_term_and_rendering() {
    let out = check().arg(checks("T002.csv")).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b'), "colour without a terminal");
    // 双方共建“ is 4 wide characters and one narrow quote: 9 columns.
    let expected = "  source: 双方共建“一带一路”。\n                   ^^^^^^^^\n  target: The two sides jointly build One Belt, One Road.\n                                      ^^^^^^^^^^^^^^^^^^\n  suggestion: Belt and Road Initiative\n";
    assert!(text.contains(expected), "{text}");
    assert!(
        text.contains(
            "3 finding(s) (3 error, 0 warning, 0 info) in 4 unit(s) of 1 file(s): T002×3"
        ),
        "{text}"
    );
}

#[test]
fn json_output() {
    let out = check()
        .arg(checks("T002.csv"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["files"][0]["units"], 4);
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "T002");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["unit"], "t002-1");
    assert_eq!(d["line"], 2);
    assert_eq!(d["term"]["id"], "bri");
    assert_eq!(d["term"]["zh"], "一带一路");
    assert_eq!(d["found"], "One Belt, One Road");
    // Character spans: 双方共建“ is 5 characters.
    assert_eq!(d["source_span"]["start"], 5);
    assert_eq!(d["source_span"]["end"], 9);
    assert_eq!(d["target_span"]["start"], 28);
    assert_eq!(v["summary"]["by_code"]["T002"], 3);
}

#[test]
fn csv_output_to_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.csv");
    check()
        .arg(checks("T002.csv"))
        .args(["--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    let text = text.trim_start_matches('\u{FEFF}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(&r.headers().unwrap()[3], "code");
    let rows: Vec<_> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][3], "T002");
    assert_eq!(&rows[0][11], "One Belt, One Road");
}

#[test]
fn fail_on_levels() {
    // Only an info finding: clean by default, failing with --fail-on info.
    check()
        .arg(checks("cli/info-only.csv"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("P003"));
    check()
        .arg(checks("cli/info-only.csv"))
        .args(["--fail-on", "info"])
        .assert()
        .code(1);
    check()
        .arg(checks("T002.csv"))
        .args(["--fail-on", "never"])
        .assert()
        .code(0);
    check()
        .arg(checks("cli/clean.csv"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
}

#[test]
fn select_and_ignore_by_prefix() {
    check()
        .arg(checks("cli/delivery.tsv"))
        .args(["--select", "P"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("P003").and(predicate::str::contains("T002").not()));
    check()
        .arg(checks("cli/delivery.tsv"))
        .args(["--ignore", "T00,P003"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
    check()
        .arg(checks("cli/delivery.tsv"))
        .args(["--select", "X9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown check code 'X9'"));
}

#[test]
fn ignore_file_accepts_findings() {
    check()
        .arg(checks("cli/delivery.tsv"))
        .arg("--ignore-file")
        .arg(checks("cli/concord.ignore"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2 accepted in the ignore file"));
}

#[test]
fn errors_exit_2_with_file_and_line() {
    check()
        .arg(checks("cli/french.tmx"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "french.tmx:5: not a bilingual zh→en file",
        ));
    check()
        .arg(checks("T001.csv"))
        .args(["--target-lang", "english!"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown language 'english!'"));
    Command::cargo_bin("concord")
        .unwrap()
        .current_dir(root())
        .args(["check", "--glossary"])
        .arg(checks("cli/bad-glossary.csv"))
        .arg(checks("cli/clean.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad-glossary.csv:3:"));
    check()
        .arg(checks("no-such-file.tmx"))
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("concord: "));
}

#[test]
fn bundled_glossary_and_tm_by_default() {
    Command::cargo_bin("concord")
        .unwrap()
        .env("NO_COLOR", "1")
        .current_dir(root())
        .args(["check", "examples/delivery.zh-en.xlf"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("delivery.zh-en.xlf:2: T002"))
        .stdout(predicate::str::contains("delivery.zh-en.xlf:3: T003"));
}

#[test]
fn bundled_tm_has_no_term_errors() {
    Command::cargo_bin("concord")
        .unwrap()
        .current_dir(root())
        .args(["check", "tmx/seed.zh-en.tmx", "--select", "T001,T002"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
}

#[test]
fn concord_toml_settings_apply_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("concord.toml"),
        format!(
            "glossary = [{:?}]\ntm = [{:?}]\nfail_on = \"never\"\n[severity]\nT002 = \"warning\"\n",
            checks("glossary.csv"),
            checks("tm.tsv")
        ),
    )
    .unwrap();
    let run = || {
        let mut c = Command::cargo_bin("concord").unwrap();
        c.env("NO_COLOR", "1")
            .current_dir(dir.path())
            .arg("check")
            .arg(checks("T002.csv"));
        c
    };
    run()
        .assert()
        .code(0)
        .stdout(predicate::str::contains("T002×3").and(predicate::str::contains("3 warning")));
    run().args(["--fail-on", "warning"]).assert().code(1);
}

/// A checked file that breaks after more units than are read ahead and
/// checked in one batch: the error names the file, line and column, the exit
/// code is 2 and nothing of the report is printed (findings of the units
/// before the error were found, but a report is only written whole).
#[test]
fn malformed_file_mid_stream_prints_no_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.tmx");
    let mut tmx = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n\
         <header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" \
         o-tmf=\"none\" adminlang=\"en\" srclang=\"zh-CN\" datatype=\"plaintext\"/>\n<body>\n",
    );
    let units = 9000;
    for i in 0..units {
        // Every unit has a finding (S001: empty target).
        tmx.push_str(&format!(
            "<tu tuid=\"u{i}\"><tuv xml:lang=\"zh-CN\"><seg>第{i}段。</seg></tuv>\
             <tuv xml:lang=\"en-US\"><seg></seg></tuv></tu>\n"
        ));
    }
    tmx.push_str("<tu tuid=\"bad\"><tuv xml:lang=\"zh-CN\"><seg>坏</tuv></tu>\n</body>\n</tmx>\n");
    std::fs::write(&path, tmx).unwrap();
    let bad_line = units + 5;
    for format in ["human", "json", "csv", "html"] {
        check()
            .args(["--format", format])
            .arg(&path)
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(format!("broken.tmx:{bad_line}:")));
    }
    let out = dir.path().join("report.json");
    check()
        .args(["--format", "json", "-o"])
        .arg(&out)
        .arg(&path)
        .assert()
        .code(2);
    assert!(!out.exists(), "no partial report file");
}
