//! OmegaT and Xbench tab-delimited glossaries: OmegaT's own test files import,
//! and the bundled glossary exports with every entry present.

use std::path::Path;

use concord::formats::termtab::{self, Flavor};

mod common;
use common::shared;

fn pairs(g: &concord::model::Glossary) -> Vec<(String, String, String)> {
    g.iter()
        .map(|e| (e.zh.clone(), e.en.clone(), e.note.clone()))
        .collect()
}

#[test]
fn omegat_test_tab() {
    let Some(p) = shared("interop/omegat/test.tab") else {
        return;
    };
    let g = termtab::read_file(&p, Flavor::OmegaT).unwrap();
    let got = pairs(&g);
    assert_eq!(got.len(), 4);
    assert_eq!(got[0], ("kde".into(), "koo moo".into(), "".into()));
    assert_eq!(
        got[2],
        (
            "地球システム".into(),
            "System Terre".into(),
            "https://fr.wikipedia.org/wiki/Science_du_syst%C3%A8me_Terre".into()
        )
    );
    assert_eq!(got[3], ("손가락".into(), "Korean Term".into(), "".into()));
}

#[test]
fn omegat_magic_comment_with_bom_is_an_empty_glossary() {
    let Some(p) = shared("interop/omegat/test-magiccomment-bom.tab") else {
        return;
    };
    assert!(termtab::read_file(&p, Flavor::OmegaT).unwrap().is_empty());
}

#[test]
fn omegat_utf16le_crlf() {
    let Some(p) = shared("interop/omegat/testUTF16LE.txt") else {
        return;
    };
    let got = pairs(&termtab::read_file(&p, Flavor::OmegaT).unwrap());
    assert_eq!(
        got,
        [
            (
                "UTF".into(),
                "Unicode Transformation Format".into(),
                "Comment #1".into()
            ),
            ("LE".into(), "Little Endian".into(), "Comment #2".into()),
        ]
    );
}

#[test]
fn omegat_csv() {
    let Some(p) = shared("interop/omegat/test.csv") else {
        return;
    };
    let got = pairs(&termtab::read_file(&p, Flavor::OmegaTCsv).unwrap());
    assert_eq!(got.len(), 7);
    assert_eq!(got[3].0, "kde, qu");
    assert_eq!(got[4].0, "\"kde\",\"q\"");
    assert_eq!(got[5].0, "\"\"k");
}

#[test]
fn one_column_line_is_named() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/termtab/one-column.txt");
    let e = termtab::read_file(&p, Flavor::OmegaT)
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with("one-column.txt:2:1: expected term, translation and optional comment separated by tabs; found one column"),
        "{e}"
    );
}

fn bundled() -> concord::model::Glossary {
    // The TBX reader is tested for losslessness separately; going through TBX
    // here keeps this test independent of the CSV loader.
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary/diplomatic.zh-en.csv");
    let mut r = csv::Reader::from_path(csv).unwrap();
    let mut g = concord::model::Glossary::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let split = |s: &str| -> Vec<String> {
            s.split(" | ")
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect()
        };
        g.insert(concord::model::Entry {
            id: rec[0].to_string(),
            zh: rec[1].to_string(),
            zh_variants: split(&rec[2]),
            en: rec[3].to_string(),
            en_variants: split(&rec[4]),
            en_forbidden: split(&rec[5]),
            note: rec[8].to_string(),
            ..Default::default()
        })
        .unwrap();
    }
    g
}

#[test]
fn bundled_glossary_every_zh_form_is_a_line() {
    let g = bundled();
    for flavor in [Flavor::OmegaT, Flavor::Xbench] {
        let mut out = Vec::new();
        termtab::write(&g, flavor, &mut out).unwrap();
        if flavor == Flavor::Xbench {
            assert!(out.starts_with(b"\xEF\xBB\xBF"));
            assert!(String::from_utf8_lossy(&out).contains("\r\n"));
        }
        let back = termtab::read_bytes(&out, flavor).unwrap();
        let forms: usize = g.iter().map(|e| 1 + e.zh_variants.len()).sum();
        assert_eq!(back.len(), forms, "{flavor:?}");
        for e in g.iter() {
            for zh in e.zh_forms() {
                assert!(
                    back.iter().any(|b| b.zh == zh && b.en == e.en),
                    "{flavor:?}: {zh} → {} missing",
                    e.en
                );
            }
        }
    }
}

#[test]
fn omegat_export_is_not_neutralised() {
    let mut g = concord::model::Glossary::new();
    g.insert(concord::model::Entry {
        id: "f".into(),
        zh: "=公式".into(),
        en: "-minus".into(),
        ..Default::default()
    })
    .unwrap();
    let mut out = Vec::new();
    termtab::write(&g, Flavor::OmegaT, &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "# -*- coding: utf-8 -*-\n=公式\t-minus\t\n"
    );
}
