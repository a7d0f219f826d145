//! Glossary CSV: header-driven reading, canonical writing, exact errors.

use std::path::{Path, PathBuf};

use concord::formats::glossary_csv;
use concord::glossary;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/glossary").join(name)
}

fn canonical_bytes(path: &Path) -> Vec<u8> {
    let g = glossary_csv::read(path).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    glossary_csv::write_to(&mut out, &g).unwrap();
    out
}

#[test]
fn canonical_fixture_round_trips_byte_for_byte() {
    let path = fixture("canonical.csv");
    assert_eq!(
        String::from_utf8(canonical_bytes(&path)).unwrap(),
        std::fs::read_to_string(&path).unwrap()
    );
}

#[test]
fn bundled_glossary_round_trips_byte_for_byte() {
    let path = root().join("glossary/diplomatic.zh-en.csv");
    if !path.exists() {
        eprintln!("note: glossary/diplomatic.zh-en.csv absent, skipping");
        return;
    }
    let original = std::fs::read_to_string(&path).unwrap();
    let written = String::from_utf8(canonical_bytes(&path)).unwrap();
    if written != original {
        let line = original
            .lines()
            .zip(written.lines())
            .position(|(a, b)| a != b)
            .map_or(0, |i| i + 1);
        panic!("first difference at line {line}");
    }
    // The bundled glossary must also be clean of errors.
    let problems = glossary::validate_file(&path).unwrap();
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == concord::Severity::Error)
        .map(|p| p.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn bom_crlf_and_extra_columns() {
    let path = fixture("bom-crlf-extra.csv");
    let g = glossary::load(&path).unwrap();
    assert_eq!(g.columns, ["zh", "en", "id", "reviewer", "status"]);
    let e = g.get("shared-future").unwrap();
    assert_eq!(e.en, "community with a shared future for mankind");
    assert_eq!(e.extra.get("reviewer").map(String::as_str), Some("li"));
    assert_eq!(e.status, concord::model::EntryStatus::Proposed);
    assert_eq!(g.get("cca-spirit").unwrap().zh, "中国－中亚精神");
    // Written canonically: no BOM, LF, columns in the order read.
    let text = String::from_utf8(canonical_bytes(&path)).unwrap();
    assert!(text.starts_with("zh,en,id,reviewer,status\n"), "{text}");
    assert!(!text.contains('\r'));
    // And that canonical form is stable.
    let dir = tempfile::tempdir().unwrap();
    let again = dir.path().join("g.csv");
    std::fs::write(&again, &text).unwrap();
    assert_eq!(String::from_utf8(canonical_bytes(&again)).unwrap(), text);
}

#[test]
fn validate_points_at_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.csv");
    std::fs::write(
        &path,
        "id,zh,zh_variants,en,en_forbidden,source\n\
         a,中国－中亚,,China-Central Asia,china–central asia,MFA\n\
         b,上合组织,中国-中亚,SCO,,\n\
         a,重复,,Duplicate,,MFA\n",
    )
    .unwrap();
    let problems: Vec<String> = glossary::validate_file(&path)
        .unwrap()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        problems,
        [
            "2:29: error: forbidden rendering 'china–central asia' is also accepted ('China-Central Asia')",
            "3:8: error: Chinese form '中国-中亚' is also in entry 'a' (as '中国－中亚'): a match would be ambiguous",
            "3:19: warning: no source: say which official usage the rendering follows",
            "4:1: error: duplicate id 'a' (first at line 2)",
        ]
    );
}
