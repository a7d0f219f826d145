//! The labelled set: every expected finding is found and no other.

mod common;

use std::collections::BTreeMap;

use concord::check::{CheckOptions, CheckedFile, Checker};
use concord::model::Unit;

#[test]
fn labelled_set_exact_findings() {
    let rows = common::tsv_rows("labelled.tsv");
    assert!(
        rows.len() >= 60,
        "the labelled set has {} pairs",
        rows.len()
    );
    let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut units = Vec::new();
    for r in &rows {
        assert_eq!(r.len(), 4, "row {r:?} must have id, zh, en, expect");
        units.push(Unit::bilingual(
            Some(r[0].clone()),
            "zh-CN",
            &r[1],
            "en-US",
            &r[2],
        ));
        let mut codes: Vec<String> = r[3]
            .split_whitespace()
            .filter(|c| *c != "-")
            .map(str::to_string)
            .collect();
        codes.sort();
        expected.insert(r[0].clone(), codes);
    }
    let checker = Checker::new(&common::glossary(), &common::tm(), CheckOptions::default());
    let outcome = checker
        .check(&[CheckedFile::new("labelled.tsv", units)])
        .unwrap();
    let mut found: BTreeMap<String, Vec<String>> =
        expected.keys().map(|k| (k.clone(), Vec::new())).collect();
    for d in &outcome.diagnostics {
        found
            .entry(d.unit.clone())
            .or_default()
            .push(d.code.to_string());
    }
    let mut problems = Vec::new();
    for (id, want) in &expected {
        let mut got = found.get(id).cloned().unwrap_or_default();
        got.sort();
        if &got != want {
            let detail: Vec<String> = outcome
                .diagnostics
                .iter()
                .filter(|d| &d.unit == id)
                .map(|d| format!("{} {}", d.code, d.message))
                .collect();
            problems.push(format!("{id}: expected {want:?}, got {got:?} {detail:?}"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    // Every code the labelled set can exercise without tags is exercised.
    let covered: std::collections::BTreeSet<&str> =
        outcome.diagnostics.iter().map(|d| d.code).collect();
    for code in concord::check::CODES.iter().map(|c| c.code) {
        if code != "G001" {
            assert!(
                covered.contains(code),
                "{code} not exercised by the labelled set"
            );
        }
    }
}
