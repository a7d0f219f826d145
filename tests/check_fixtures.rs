//! One fixture per check code, named after it (tests/fixtures/checks/CODE.*):
//! every unit whose id starts with the code (lower-case) gets exactly one
//! finding, of that code; units named `ok-…` get none.

mod common;

use concord::check::input::read_checked_file;
use concord::check::{CODES, CheckOptions, Checker};

fn fixtures_of(code: &str) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(common::fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_stem().and_then(|s| s.to_str()) == Some(code))
        .collect();
    out.sort();
    out
}

#[test]
fn every_code_has_a_fixture_that_yields_exactly_it() {
    let glossary = common::glossary();
    let tm = common::tm();
    let checker = Checker::new(&glossary, &tm, CheckOptions::default());
    let mut problems = Vec::new();
    for info in CODES {
        let files = fixtures_of(info.code);
        if files.is_empty() {
            problems.push(format!("{}: no fixture", info.code));
        }
        for path in files {
            let file = read_checked_file(&path, checker.options()).unwrap();
            let ids: Vec<String> = file.units.iter().filter_map(|u| u.id.clone()).collect();
            assert_eq!(
                ids.len(),
                file.units.len(),
                "{}: every unit needs an id",
                path.display()
            );
            let outcome = checker.check(std::slice::from_ref(&file)).unwrap();
            let prefix = info.code.to_ascii_lowercase();
            for id in &ids {
                let got: Vec<&str> = outcome
                    .diagnostics
                    .iter()
                    .filter(|d| &d.unit == id)
                    .map(|d| d.code)
                    .collect();
                let want: Vec<&str> = if id.starts_with(&prefix) {
                    vec![info.code]
                } else {
                    assert!(id.starts_with("ok"), "{}: unit id {id}", path.display());
                    vec![]
                };
                if got != want {
                    let msgs: Vec<_> = outcome
                        .diagnostics
                        .iter()
                        .filter(|d| &d.unit == id)
                        .map(|d| format!("{} {}", d.code, d.message))
                        .collect();
                    problems.push(format!(
                        "{}:{id}: expected {want:?}, got {got:?} {msgs:?}",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
