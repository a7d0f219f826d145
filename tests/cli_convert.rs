//! `concord convert`, `stats` and `validate` on real files.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use concord::formats::tmx::TmxReader;
use concord::model::Unit;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shared_tmx() -> Vec<PathBuf> {
    let Some(shared) = [root().join("../shared"), root().join("../../shared")]
        .into_iter()
        .find(|p| p.join("interop").is_dir())
    else {
        eprintln!("note: ../shared absent, skipping the interop files");
        return Vec::new();
    };
    let mut out = Vec::new();
    for dir in ["interop/lisa-tmx-compliance-kit", "interop/omegat"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join(dir))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "tmx"))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

fn concord() -> Command {
    Command::cargo_bin("concord").unwrap()
}

fn units(path: &Path) -> Vec<Unit> {
    TmxReader::open(path)
        .unwrap()
        .map(|u| {
            let mut u = u.unwrap();
            u.origin = Default::default();
            u
        })
        .collect()
}

/// TMX → CSV → TMX keeps every unit's text per language (what CSV can hold).
#[test]
fn tmx_csv_tmx_on_shared_files() {
    let dir = tempfile::tempdir().unwrap();
    for (i, tmx) in shared_tmx().iter().enumerate() {
        let csv = dir.path().join(format!("{i}.csv"));
        let back = dir.path().join(format!("{i}.tmx"));
        concord()
            .arg("convert")
            .arg(tmx)
            .arg("-o")
            .arg(&csv)
            .assert()
            .code(0);
        concord()
            .arg("convert")
            .arg(&csv)
            .arg("-o")
            .arg(&back)
            .assert()
            .code(0);
        let before = units(tmx);
        let after = units(&back);
        assert_eq!(before.len(), after.len(), "{}", tmx.display());
        for (a, b) in before.iter().zip(&after) {
            assert_eq!(a.id, b.id);
            for v in &b.variants {
                let orig = a.variant(&v.lang, true).unwrap();
                assert_eq!(
                    orig.segment.plain_text(),
                    v.segment.plain_text(),
                    "{}",
                    tmx.display()
                );
            }
        }
    }
}

#[test]
fn bundled_tm_to_tsv_and_back() {
    let tm = root().join("tmx/seed.zh-en.tmx");
    if !tm.exists() {
        eprintln!("note: tmx/seed.zh-en.tmx absent, skipping");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("seed.tsv");
    let back = dir.path().join("seed.tmx");
    concord()
        .arg("convert")
        .arg(&tm)
        .arg("-o")
        .arg(&tsv)
        .assert()
        .code(0)
        .stderr(predicates::str::contains("166 units from tmx"));
    let text = std::fs::read_to_string(&tsv).unwrap();
    assert!(text.starts_with("id\tzh-CN\ten\t"), "{}", &text[..40]);
    concord()
        .arg("convert")
        .arg(&tsv)
        .arg("-o")
        .arg(&back)
        .assert()
        .code(0);
    let (a, b) = (units(&tm), units(&back));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.variants, y.variants);
        assert_eq!(x.props, y.props);
    }
}

#[test]
fn source_target_csv_needs_languages() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("pairs.csv");
    std::fs::write(&csv, "source,target\n中国,China\n").unwrap();
    let out = dir.path().join("pairs.tmx");
    concord()
        .arg("convert")
        .arg(&csv)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--source-lang"));
    concord()
        .arg("convert")
        .arg(&csv)
        .arg("-o")
        .arg(&out)
        .args(["--source-lang", "zh-CN", "--target-lang", "en"])
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("srclang=\"zh-CN\""));
    assert!(text.contains("<tuv xml:lang=\"en\">\n        <seg>China</seg>"));
}

#[test]
fn glossary_csv_to_csv_is_canonical() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.csv");
    concord()
        .arg("convert")
        .arg(root().join("tests/fixtures/glossary/bom-crlf-extra.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicates::str::contains("2 entries"));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("zh,en,id,reviewer,status\n人类命运共同体,"));
}

#[test]
fn glossary_to_tmx_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.tmx");
    concord()
        .arg("convert")
        .arg(root().join("tests/fixtures/glossary/canonical.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("one holds glossary entries"));
    assert!(!out.exists());
}

#[test]
fn stats_json() {
    let out = concord()
        .args(["stats", "--format", "json"])
        .arg(root().join("tests/fixtures/glossary/canonical.csv"))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v[0]["units"], 2);
    assert_eq!(v[0]["languages"][0]["lang"], "zh");
    // 一带一路 + 上海合作组织 = 10 Han characters = 10 words.
    assert_eq!(v[0]["languages"][0]["words"], 10);
}

#[test]
fn stats_human_counts_han_characters() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("t.csv");
    std::fs::write(&csv, "zh-CN,en\n中国－中亚峰会,China–Central Asia Summit\n").unwrap();
    concord()
        .arg("stats")
        .arg(&csv)
        .assert()
        .code(0)
        .stdout(predicates::str::contains("units: 1"))
        .stdout(predicates::str::is_match(r"zh-CN\s+1\s+6\s+7").unwrap())
        .stdout(predicates::str::is_match(r"en\s+1\s+4\s+23").unwrap());
}

#[test]
fn validate_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/glossary/canonical.csv"),
        dir.path().join("g.csv"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("tm")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/tmx/multilingual.tmx"),
        dir.path().join("tm/m.tmx"),
    )
    .unwrap();
    concord()
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout("")
        .stderr("concord: 2 files checked\n");
    // Entries without evidence are warnings: exit 1.
    concord()
        .arg("validate")
        .arg(root().join("tests/fixtures/glossary/bom-crlf-extra.csv"))
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "bom-crlf-extra.csv:2:1: warning: no source",
        ));
}

#[test]
fn every_subcommand_help_has_an_example() {
    for cmd in ["convert", "stats", "validate"] {
        concord()
            .args([cmd, "--help"])
            .assert()
            .code(0)
            .stdout(predicates::str::contains(format!("concord {cmd} ")));
    }
}
