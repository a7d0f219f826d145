//! Bad input: every case is a clear error with file, line and column; the
//! CLI exits 2 and `convert` writes nothing. Never a panic.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use concord::formats::tmx::TmxReader;
use concord::formats::{self, ReadOptions};

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

/// (fixture, expected message after `PATH:`).
const CASES: [(&str, &str); 13] = [
    (
        "malformed.tmx",
        "10:21: malformed XML: bad attribute in <tuv>: attribute value without quotes",
    ),
    (
        "wrong-root.tmx",
        "3:1: unknown XML format: the root element is <translations> (concord reads TMX <tmx>, XLIFF <xliff> and TBX <martif>/<tbx>)",
    ),
    ("missing-lang.tmx", "10:7: <tuv> without xml:lang"),
    ("missing-seg.tmx", "10:7: <tuv> without <seg>"),
    ("invalid-utf8.tmx", "11:17: invalid UTF-8 (byte 0xFF)"),
    ("invalid-utf16.tmx", "11:14: invalid UTF-16: lone surrogate"),
    (
        "billion-laughs.tmx",
        "2:1: refused: DOCTYPE declares entities (<!ENTITY …>); concord never expands entity declarations",
    ),
    (
        "xxe.tmx",
        "2:1: refused: DOCTYPE declares entities (<!ENTITY …>); concord never expands entity declarations",
    ),
    (
        "truncated.tmx",
        "18:7: malformed XML: unclosed tag (missing '>', or the file is truncated)",
    ),
    (
        "mismatched.tmx",
        "11:19: malformed XML: mismatched end tag: expected </seg> (opened at 11:9), found </tuv>",
    ),
    (
        "undefined-entity.tmx",
        "11:19: malformed XML: undefined entity &nbsp; (only &lt; &gt; &amp; &apos; &quot; and character references are allowed)",
    ),
    (
        "unbalanced-quote.csv",
        "3:6: row 3: unbalanced quote: the quoted field starting here is never closed",
    ),
    (
        "bad-status.csv",
        "3:19: row 3, column status: status must be approved, proposed or deprecated, not 'final'",
    ),
];

fn library_error(path: &Path) -> String {
    let result = if path.extension().is_some_and(|e| e == "csv") {
        concord::glossary::load(path).map(|_| ())
    } else {
        formats::read_memory(path, &ReadOptions::default()).map(|_| ())
    };
    match result {
        Ok(()) => panic!("{} read without error", path.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn library_errors_name_file_line_column() {
    for (name, expected) in CASES {
        let path = bad(name);
        assert_eq!(
            library_error(&path),
            format!("{}:{expected}", path.display()),
            "{name}"
        );
    }
}

#[test]
fn convert_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (name, expected) in CASES {
        let path = bad(name);
        let out = if name.ends_with(".csv") {
            dir.path().join("out.csv")
        } else {
            dir.path().join("out.tmx")
        };
        Command::cargo_bin("concord")
            .unwrap()
            .arg("convert")
            .arg(&path)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(format!("concord: {}:{expected}\n", path.display()));
        assert!(!out.exists(), "{name}: output written");
        // Only the update lock's sidecar (`.NAME.concord-lock`, see io::lock) may remain.
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".concord-lock"))
            .collect();
        assert!(leftovers.is_empty(), "{name}: left behind {leftovers:?}");
    }
}

#[test]
fn stats_exits_2() {
    for (name, _) in CASES {
        Command::cargo_bin("concord")
            .unwrap()
            .arg("stats")
            .arg(bad(name))
            .assert()
            .code(2);
    }
}

#[test]
fn convert_keeps_an_existing_output_when_input_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tm.tmx");
    std::fs::write(&out, "precious").unwrap();
    Command::cargo_bin("concord")
        .unwrap()
        .args(["convert", "--to", "tmx"])
        .arg(bad("truncated.tmx"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
}

#[test]
fn validate_reports_planted_error_position() {
    // A TMX whose third unit lost its <seg>, and one whose second unit has no tuv.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planted.tmx");
    std::fs::write(
        &path,
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n<body>\n<tu tuid=\"a\"><tuv xml:lang=\"en\"><seg>one</seg></tuv></tu>\n<tu tuid=\"b\">\n</tu>\n  <tu tuid=\"a\"><tuv xml:lang=\"en\"><seg>three</seg></tuv></tu>\n</body>\n</tmx>\n",
    )
    .unwrap();
    let shown = path.display().to_string();
    Command::cargo_bin("concord")
        .unwrap()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(format!(
            "{shown}:6:1: error: <tu> b has no <tuv>\n{shown}:8:3: error: duplicate tuid 'a' (first at line 5)\n"
        ));
    Command::cargo_bin("concord")
        .unwrap()
        .arg("validate")
        .arg(bad("missing-seg.tmx"))
        .assert()
        .code(2)
        .stdout(format!(
            "{}:10:7: error: <tuv> without <seg>\n",
            bad("missing-seg.tmx").display()
        ));
}

#[test]
fn reader_gives_clear_error_for_wrong_root() {
    let e = TmxReader::from_bytes(b"<xliff version=\"1.2\"/>", Some(Path::new("x.tmx")))
        .err()
        .unwrap();
    assert_eq!(
        e.to_string(),
        "x.tmx:1:1: not a TMX file: the root element is <xliff>, expected <tmx>"
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    // Cheap fuzz: every prefix of every bad fixture, and byte flips of a good one.
    for (name, _) in CASES {
        let bytes = std::fs::read(bad(name)).unwrap();
        for cut in (0..bytes.len()).step_by(7) {
            if let Ok(r) = TmxReader::from_bytes(&bytes[..cut], None) {
                for _ in r {}
            }
        }
    }
    let good = std::fs::read(bad("missing-seg.tmx")).unwrap();
    for i in (0..good.len()).step_by(3) {
        let mut b = good.clone();
        b[i] = b[i].wrapping_add(0x5B);
        if let Ok(r) = TmxReader::from_bytes(&b, None) {
            for _ in r {}
        }
    }
}
