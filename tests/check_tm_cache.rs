//! `concord check` keeps the TM as it prepared it next to the first TM
//! (`FILE.concord-check`) and loads it on the next run: the findings must be
//! byte for byte those of a fresh preparation, and any change to the TM, the
//! glossary or the saved file itself must lead to a rebuild, never to a stale
//! answer.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A folder with the bundled glossary and TM copied in, and the example
/// delivery (which has M001 and T-code findings against them).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("glossary/diplomatic.zh-en.csv"),
        dir.path().join("g.csv"),
    )
    .unwrap();
    fs::copy(root().join("tmx/seed.zh-en.tmx"), dir.path().join("tm.tmx")).unwrap();
    fs::copy(
        root().join("examples/delivery.zh-en.xlf"),
        dir.path().join("d.xlf"),
    )
    .unwrap();
    dir
}

struct Run {
    report: String,
    stderr: String,
}

fn check(dir: &Path, extra: &[&str]) -> Run {
    check_from(dir, "", extra)
}

/// The check run in `cwd`, naming the files as `prefix` + name.
fn check_from(cwd: &Path, prefix: &str, extra: &[&str]) -> Run {
    let at = |name: &str| format!("{prefix}{name}");
    let out = Command::cargo_bin("concord")
        .unwrap()
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .args([
            "check",
            "-v",
            "--format",
            "json",
            "--glossary",
            &at("g.csv"),
        ])
        .args(["--tm", &at("tm.tmx"), &at("d.xlf")])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Run {
        report: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// `-v` said the prepared TM was `saved` (built) or `loaded`.
fn assert_prepared(run: &Run, how: &str) {
    let said = format!("prepared TM {how} ");
    assert!(run.stderr.contains(&said), "{}", run.stderr);
}

fn cache(dir: &Path) -> PathBuf {
    dir.join("tm.tmx.concord-check")
}

#[test]
fn second_check_loads_what_the_first_saved_and_reports_the_same() {
    let dir = workspace();
    let first = check(dir.path(), &[]);
    assert_prepared(&first, "saved");
    assert!(cache(dir.path()).is_file());
    assert!(first.report.contains("\"M001\""), "{}", first.report);

    let second = check(dir.path(), &[]);
    assert_prepared(&second, "loaded");
    assert_eq!(first.report, second.report);

    // --no-cache neither loads nor saves, and finds the same.
    fs::remove_file(cache(dir.path())).unwrap();
    let fresh = check(dir.path(), &["--no-cache"]);
    assert!(!fresh.stderr.contains("prepared TM"), "{}", fresh.stderr);
    assert!(!cache(dir.path()).exists());
    assert_eq!(first.report, fresh.report);
}

#[test]
fn a_changed_tm_or_glossary_is_prepared_again() {
    let dir = workspace();
    let before = check(dir.path(), &[]);
    assert!(before.report.contains("\"M001\""));

    // Give the TM the delivery's own translation of its one M001 unit's
    // source, as a second TM target: that M001 must go.
    let tm = fs::read_to_string(dir.path().join("tm.tmx")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&before.report).unwrap();
    let m001 = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "M001")
        .unwrap()
        .clone();
    let (source, target) = (
        m001["source"].as_str().unwrap(),
        m001["target"].as_str().unwrap(),
    );
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let extra = format!(
        "<tu tuid=\"added\"><tuv xml:lang=\"zh-CN\"><seg>{}</seg></tuv>\
         <tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>\n</body>",
        esc(source),
        esc(target)
    );
    fs::write(dir.path().join("tm.tmx"), tm.replacen("</body>", &extra, 1)).unwrap();
    let after_tm = check(dir.path(), &[]);
    assert_prepared(&after_tm, "saved");
    let still: serde_json::Value = serde_json::from_str(&after_tm.report).unwrap();
    assert!(
        !still["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "M001" && d["unit"] == m001["unit"]),
        "{}",
        after_tm.report
    );
    let fresh = check(dir.path(), &["--no-cache"]);
    assert_eq!(after_tm.report, fresh.report);

    // Another glossary (one entry dropped): prepared again.
    let g = fs::read_to_string(dir.path().join("g.csv")).unwrap();
    let mut lines: Vec<&str> = g.lines().collect();
    lines.remove(1);
    fs::write(dir.path().join("g.csv"), lines.join("\n") + "\n").unwrap();
    let after_glossary = check(dir.path(), &[]);
    assert_prepared(&after_glossary, "saved");
    assert_eq!(
        after_glossary.report,
        check(dir.path(), &["--no-cache"]).report
    );
}

#[test]
fn a_damaged_saved_file_is_ignored_and_replaced() {
    let dir = workspace();
    let good = check(dir.path(), &[]);
    let saved = fs::read(cache(dir.path())).unwrap();
    for damaged in [
        saved[..saved.len() / 2].to_vec(),
        b"not a prepared TM".to_vec(),
        {
            let mut flipped = saved.clone();
            let middle = flipped.len() / 2;
            flipped[middle] ^= 0x20;
            flipped
        },
    ] {
        fs::write(cache(dir.path()), &damaged).unwrap();
        let run = check(dir.path(), &[]);
        assert_prepared(&run, "saved");
        assert_eq!(good.report, run.report);
        assert_eq!(fs::read(cache(dir.path())).unwrap(), saved);
    }
}

#[test]
fn the_tm_named_from_another_folder_is_loaded_and_quoted_by_that_name() {
    let outer = tempfile::tempdir().unwrap();
    let inner = outer.path().join("project");
    fs::create_dir(&inner).unwrap();
    let dir = workspace();
    for name in ["g.csv", "tm.tmx", "d.xlf"] {
        fs::copy(dir.path().join(name), inner.join(name)).unwrap();
    }
    let first = check(&inner, &[]);
    assert_prepared(&first, "saved");
    assert!(first.report.contains("\"tm.tmx:"), "{}", first.report);

    let elsewhere = check_from(outer.path(), "project/", &[]);
    assert_prepared(&elsewhere, "loaded");
    assert!(
        elsewhere.report.contains("\"project/tm.tmx:"),
        "{}",
        elsewhere.report
    );
    assert_eq!(
        elsewhere.report,
        check_from(outer.path(), "project/", &["--no-cache"]).report
    );
}

#[test]
fn without_m_checks_the_tm_is_not_read_but_must_exist() {
    let dir = workspace();
    // A TM that cannot be parsed: no check of the T family reads it.
    fs::write(dir.path().join("tm.tmx"), "<tmx version=\"1.4\"><body><tu>").unwrap();
    let terms = check(dir.path(), &["--select", "T"]);
    assert!(!terms.stderr.contains("prepared TM"), "{}", terms.stderr);
    assert!(!cache(dir.path()).exists());
    assert!(terms.report.contains("\"T001\""), "{}", terms.report);

    // With M checks it is read, and its error stops the check.
    let out = Command::cargo_bin("concord")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--glossary", "g.csv", "--tm", "tm.tmx", "d.xlf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tm.tmx"));

    // A missing TM is an error either way.
    fs::remove_file(dir.path().join("tm.tmx")).unwrap();
    let out = Command::cargo_bin("concord")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--select", "T", "--glossary", "g.csv"])
        .args(["--tm", "tm.tmx", "d.xlf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tm.tmx"));
}
