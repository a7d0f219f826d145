//! A streaming check gives exactly the findings of a check that holds every
//! unit at once, whatever the batch size: per-unit findings, C001/C002 across
//! batches and across files (attached to the same unit, after its own
//! findings), the ignore count and the term coverage.

mod common;

use std::path::Path;

use concord::check::{CheckOptions, CheckedFile, Checker, IgnoreList, Outcome, TermCoverage};
use concord::model::{LangTag, Unit};

fn unit(id: &str, zh: &str, en: &str) -> Unit {
    Unit::bilingual(Some(id.into()), "zh-CN", zh, "en-US", en)
}

/// Two files: the labelled set split in two, with units that make C001,
/// C002 and a T002 surplus spread between them.
fn files() -> Vec<CheckedFile> {
    let labelled: Vec<Unit> = common::tsv_rows("labelled.tsv")
        .into_iter()
        .map(|r| unit(&r[0], &r[1], &r[2]))
        .collect();
    let (head, tail) = labelled.split_at(labelled.len() / 2);
    let same = "我们支持和平发展。";
    let mut a: Vec<Unit> = Vec::new();
    let mut b: Vec<Unit> = Vec::new();
    for (i, u) in head.iter().enumerate() {
        a.push(u.clone());
        match i {
            // A per-unit finding (P003) and, once file b is seen, a C001.
            3 => a.push(unit("c1", same, "We  support peaceful development.")),
            9 => a.push(unit("c2", same, "We back peaceful development.")),
            14 => a.push(unit(
                "d1",
                "双方同意加强合作。",
                "Both sides agreed to strengthen cooperation.",
            )),
            17 => a.push(unit("e1", "空的。", "")),
            // Two forbidden renderings of a term the source has once…
            21 => a.push(unit(
                "t1",
                "共建一带一路。",
                "Jointly build One Belt, One Road and OBOR.",
            )),
            _ => {}
        }
    }
    for (i, u) in tail.iter().enumerate() {
        b.push(u.clone());
        match i {
            2 => b.push(unit("c3", same, "We back peaceful development.")),
            6 => b.push(unit("c4", same, "we back  peaceful development.")),
            // …and the same source rendered right: the surplus finding counts here.
            8 => b.push(unit(
                "t2",
                "共建一带一路。",
                "Jointly build the Belt and Road Initiative.",
            )),
            11 => b.push(unit(
                "d2",
                "双方一致同意加强合作。",
                "Both sides agreed to strengthen cooperation.",
            )),
            15 => b.push(unit("c6", same, "We assist peaceful development.")),
            _ => {}
        }
    }
    // t2 is in file b: give file a a twin of it after t1, a batch or more later.
    a.push(unit(
        "t3",
        "共建一带一路。",
        "Jointly build the Belt and Road Initiative.",
    ));
    vec![CheckedFile::new("a.tsv", a), CheckedFile::new("b.tsv", b)]
}

fn checker() -> Checker {
    let options = CheckOptions {
        ignores: IgnoreList::parse("C001 c6\n", Path::new("concord.ignore")).unwrap(),
        ..CheckOptions::default()
    };
    Checker::new(&common::glossary(), &common::tm(), options)
}

fn streamed(checker: &Checker, files: &[CheckedFile], batch: usize) -> Outcome {
    let mut run = checker.run().batch_size(batch).count_terms(true);
    for f in files {
        run.file(&f.path, f.units.iter().map(Ok)).unwrap();
    }
    run.finish()
}

fn assert_same(a: &Outcome, b: &Outcome, what: &str) {
    assert_eq!(a.diagnostics, b.diagnostics, "{what}: diagnostics");
    assert_eq!(a.files, b.files, "{what}: file stats");
    assert_eq!(a.ignored, b.ignored, "{what}: ignored");
    assert_eq!(a.coverage, b.coverage, "{what}: coverage");
}

#[test]
fn every_batch_size_gives_the_same_outcome() {
    let checker = checker();
    let files = files();
    let total: usize = files.iter().map(|f| f.units.len()).sum();
    assert!(total > 80, "{total} units");
    // One batch per file: every unit held at once.
    let whole = streamed(&checker, &files, total);
    for batch in [1, 2, 3, 5, 8, 13, 40] {
        assert_same(
            &streamed(&checker, &files, batch),
            &whole,
            &format!("batch {batch}"),
        );
    }
    let mut plain = checker.check(&files).unwrap();
    assert_eq!(plain.coverage, None, "check() does not count terms");
    plain.coverage = whole.coverage.clone();
    assert_same(&plain, &whole, "Checker::check");
}

#[test]
fn cross_unit_findings_span_batches_and_files() {
    let checker = checker();
    let files = files();
    let outcome = streamed(&checker, &files, 4);
    let about = |id: &str| -> Vec<(&str, &str)> {
        outcome
            .diagnostics
            .iter()
            .filter(|d| d.unit == id)
            .map(|d| (d.code, d.message.as_str()))
            .collect()
    };
    // c1's translation lost to the one c2, c3 and c4 share (c4 differs only in
    // case and spacing), which file b made the most frequent; its own P003
    // comes first.
    let c1 = about("c1");
    assert_eq!(
        c1.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        ["P003", "C001"],
        "{c1:?}"
    );
    assert!(
        c1[1].1.contains("at a.tsv:c2 (3 translation(s) in all)"),
        "{c1:?}"
    );
    let c001 = outcome
        .diagnostics
        .iter()
        .find(|d| d.code == "C001")
        .unwrap();
    assert_eq!(
        c001.suggestion.as_deref(),
        Some("We back peaceful development.")
    );
    for id in ["c2", "c3", "c4"] {
        assert!(about(id).iter().all(|(c, _)| *c != "C001"), "{id}");
    }
    // c6 differs too, and the ignore file accepts it.
    assert!(about("c6").iter().all(|(c, _)| *c != "C001"));
    assert_eq!(outcome.ignored, 1);
    // d2 (file b) reuses d1's (file a) target for another source.
    let d2 = about("d2");
    assert!(
        d2.iter().any(|(c, m)| *c == "C002"
            && m.contains("same target as a.tsv:d1 whose source differs: 双方同意加强合作。")),
        "{d2:?}"
    );
    assert!(about("e1").iter().all(|(c, _)| *c == "S001"));
    assert_eq!(
        outcome
            .files
            .iter()
            .map(|f| f.path.as_path())
            .collect::<Vec<_>>(),
        [Path::new("a.tsv"), Path::new("b.tsv")]
    );
}

#[test]
fn streamed_term_coverage_matches_the_whole_run() {
    let checker = checker();
    let files = files();
    let outcome = streamed(&checker, &files, 3);
    let t1: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.unit == "t1" && d.code == "T002")
        .collect();
    assert_eq!(t1.len(), 2, "two forbidden renderings of one occurrence");
    let expected = TermCoverage::from_run(
        &common::glossary(),
        &files,
        &LangTag::new("zh"),
        &outcome.diagnostics,
    );
    assert!(expected.wrong > 0 && expected.correct > 0, "{expected:?}");
    assert_eq!(outcome.coverage, Some(expected));
}

#[test]
fn a_file_without_the_target_language_is_still_an_error() {
    let checker = checker();
    let mut run = checker.run().batch_size(2);
    let units = (0..5).map(|i| {
        Ok(Unit::bilingual(
            Some(i.to_string()),
            "zh",
            "你好",
            "fr",
            "Bonjour",
        ))
    });
    let e = run.file("fr.tmx", units).unwrap_err().to_string();
    assert!(e.contains("not a bilingual zh→en file"), "{e}");
    assert!(e.contains("languages found: fr, zh"), "{e}");
}
