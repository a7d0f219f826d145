//! memoQ/Trados CSV: BOM, CRLF, formula neutralisation that reads back
//! exactly, and CSV import through a column mapping.

use std::path::Path;

use concord::formats::spreadsheet::{self, ColumnMap};
use concord::model::{CaseRule, Entry, EntryStatus, Glossary};

fn dangerous() -> Glossary {
    let mut g = Glossary::new();
    g.insert(Entry {
        id: "formula".into(),
        zh: "=HYPERLINK(\"http://evil\",\"上合\")".into(),
        zh_variants: vec!["+上合".into()],
        en: "@SUM(A1)".into(),
        en_variants: vec!["-x".into(), "'=already quoted".into()],
        en_forbidden: vec!["\tTab".into()],
        case: CaseRule::Sensitive,
        domain: "\rcr".into(),
        note: "'s-Hertogenbosch, \"quoted\", comma".into(),
        source: "line one\nline two".into(),
        status: EntryStatus::Proposed,
        extra: Default::default(),
    })
    .unwrap();
    g
}

#[test]
fn memoq_csv_has_bom_crlf_and_neutralised_cells() {
    let mut out = Vec::new();
    spreadsheet::write_memoq_csv(&dangerous(), &mut out).unwrap();
    assert!(out.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let s = String::from_utf8(out[3..].to_vec()).unwrap();
    assert!(s.starts_with("ID,Chinese,Chinese variants,English,English variants,English forbidden,Subject field,Note,Source,Case,Status\r\n"), "{s}");
    // No cell may start with a formula trigger once the CSV quoting is removed.
    let mut r = csv::Reader::from_reader(s.as_bytes());
    for rec in r.records() {
        for cell in rec.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "cell {cell:?} reaches the spreadsheet as a formula"
            );
        }
    }
    assert!(s.contains("'=HYPERLINK"));
    assert!(s.contains("'@SUM(A1)"));
    assert!(s.contains("'-x | '=already quoted"), "{s}");
}

#[test]
fn memoq_csv_round_trips_exactly() {
    let g = dangerous();
    let mut out = Vec::new();
    spreadsheet::write_memoq_csv(&g, &mut out).unwrap();
    let back = spreadsheet::read_mapped_csv(&out, &ColumnMap::memoq()).unwrap();
    assert_eq!(back.entries, g.entries);
}

#[test]
fn mapped_csv_import() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/termtab/mapped.csv");
    let map = ColumnMap::parse("zh=Chinese,en=english,note=Comment,subject=Subject").unwrap();
    let g = spreadsheet::read_mapped_csv_file(&p, &map).unwrap();
    let e = g.get("shanghai-cooperation-organization").unwrap();
    assert_eq!(e.zh, "上海合作组织");
    assert_eq!(e.note, "Shanghai, 2001");
    assert_eq!(e.domain, "organization");
    // Import never neutralises or restores: a foreign file's cells are data.
    let e = g.get("risk").unwrap();
    assert_eq!((e.zh.as_str(), e.note.as_str()), ("=1+1", "=cmd|x"));

    let e =
        spreadsheet::read_mapped_csv_file(&p, &ColumnMap::parse("zh=Chinese,en=Anglais").unwrap())
            .unwrap_err()
            .to_string();
    assert!(e.ends_with("mapped.csv:1: no column 'Anglais' for en (the header has: Comment, Chinese, English, Subject)"), "{e}");
}

#[test]
fn positional_columns_for_headerless_files() {
    let g = spreadsheet::read_mapped_csv(
        "外交部,Ministry of Foreign Affairs\n国务院,State Council\n".as_bytes(),
        &ColumnMap::parse("zh=1,en=2").unwrap(),
    )
    .unwrap();
    assert_eq!(g.len(), 2);
    assert_eq!(g.get("state-council").unwrap().zh, "国务院");
}
