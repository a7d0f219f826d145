//! Helpers shared by the integration tests: paths (fixtures, `../shared`) for
//! all of them; the fixture glossary, TM and labelled set for the check tests.
//! Each test binary uses only part of it, hence the `dead_code` allowance.
#![allow(dead_code)]

mod paths;
#[allow(unused_imports)] // not every test binary needs the paths
pub use paths::*;

use std::path::{Path, PathBuf};

use concord::model::{CaseRule, Entry, EntryStatus, Glossary, Unit};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks")
}

fn cells(s: &str) -> Vec<String> {
    s.split(" | ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// The fixture glossary (tests/fixtures/checks/glossary.csv).
pub fn glossary() -> Glossary {
    let mut r = csv::Reader::from_path(fixtures().join("glossary.csv")).unwrap();
    let mut g = Glossary::new();
    for row in r.records() {
        let row = row.unwrap();
        let c = |i: usize| row.get(i).unwrap_or("").to_string();
        g.insert(Entry {
            id: c(0),
            zh: c(1),
            zh_variants: cells(&c(2)),
            en: c(3),
            en_variants: cells(&c(4)),
            en_forbidden: cells(&c(5)),
            case: CaseRule::parse(&c(6)).unwrap(),
            domain: c(7),
            note: c(8),
            source: c(9),
            status: EntryStatus::parse(&c(10)).unwrap(),
            ..Entry::default()
        })
        .unwrap();
    }
    g
}

/// Rows of a tab-separated fixture, without the header and `#` comments.
pub fn tsv_rows(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(fixtures().join(name)).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// The fixture TM (tests/fixtures/checks/tm.tsv).
pub fn tm() -> Vec<Unit> {
    tsv_rows("tm.tsv")
        .into_iter()
        .map(|r| Unit::bilingual(Some(r[0].clone()), "zh-CN", &r[1], "en-US", &r[2]))
        .collect()
}

/// The bundled glossary's terms and accepted renderings (id, zh, zh_variants,
/// en, en_variants), read with the csv crate rather than concord's reader so
/// that the align and extract tests do not depend on it; None (with a note)
/// when the file is absent.
pub fn bundled_glossary() -> Option<Glossary> {
    let path = root().join("glossary/diplomatic.zh-en.csv");
    if !path.exists() {
        eprintln!("note: glossary/diplomatic.zh-en.csv absent, skipping");
        return None;
    }
    let mut r = csv::Reader::from_path(&path).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (id, zh, zhv, en, env) = (
        col("id"),
        col("zh"),
        col("zh_variants"),
        col("en"),
        col("en_variants"),
    );
    let mut g = Glossary::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        g.insert(Entry {
            id: rec[id].to_string(),
            zh: rec[zh].to_string(),
            zh_variants: cells(&rec[zhv]),
            en: rec[en].to_string(),
            en_variants: cells(&rec[env]),
            ..Entry::default()
        })
        .unwrap();
    }
    Some(g)
}
