//! The XLIFF reader on the fixtures of tests/fixtures/xliff/ and on the real
//! third-party files of ../shared/interop/omegat/.

use std::path::{Path, PathBuf};

use concord::formats::xliff;
use concord::model::Unit;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/xliff")
        .join(name)
}

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/interop")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("note: ../shared absent, skipping {rel}");
        None
    }
}

fn texts(u: &Unit) -> (String, String) {
    (
        u.variants[0].segment.plain_text(),
        u.variants
            .get(1)
            .map(|v| v.segment.plain_text())
            .unwrap_or_default(),
    )
}

#[test]
fn sdlxliff_splits_mrk_segments_and_skips_untranslatable() {
    let units = xliff::read(&fixture("delivery.sdlxliff")).unwrap();
    let ids: Vec<_> = units.iter().map(|u| u.id.clone().unwrap()).collect();
    assert_eq!(
        ids,
        ["a3f1c2d4-0001#1", "a3f1c2d4-0001#2", "a3f1c2d4-0002#3"]
    );
    assert_eq!(
        texts(&units[1]),
        (
            "共建“一带一路”。".into(),
            "Jointly build One Belt, One Road.".into()
        )
    );
    assert_eq!(units[2].variants[1].segment.codes()[0].code_key(), "g#5");
    assert_eq!(units[0].variants[0].lang.as_str(), "zh-CN");
    assert!(units[0].origin.line > 0);
}

#[test]
fn mqxliff_keeps_memoq_attributes_and_empty_targets() {
    let units = xliff::read(&fixture("delivery.mqxliff")).unwrap();
    assert_eq!(units.len(), 3);
    assert_eq!(units[0].attrs.get("mq:status"), Some("ManuallyConfirmed"));
    assert!(units[2].variants[1].segment.is_blank());
    assert_eq!(units[2].variants[1].lang.as_str(), "eng");
}

#[test]
fn xliff2_one_unit_per_segment() {
    let units = xliff::read(&fixture("delivery.xlf")).unwrap();
    let ids: Vec<_> = units.iter().map(|u| u.id.clone().unwrap()).collect();
    assert_eq!(ids, ["u1#s1", "u1#s2", "u2"]);
    assert_eq!(units[0].notes[0].text, "From the keynote speech.");
    assert_eq!(units[1].variants[0].segment.codes()[0].code_key(), "pc#1");
    assert_eq!(units[0].variants[1].attrs.get("state"), Some("translated"));
}

#[test]
fn xliff12_groups_notes_alt_trans() {
    let units = xliff::read(&fixture("delivery12.xlf")).unwrap();
    assert_eq!(units.len(), 2);
    assert_eq!(
        texts(&units[0]).1,
        "The two sides jointly build the Belt and Road Initiative."
    );
    assert_eq!(units[0].notes.len(), 1);
}

#[test]
fn omegat_xliff_files() {
    if let Some(p) = shared("omegat/en-ca.xlf") {
        let units = xliff::read(&p).unwrap();
        assert!(!units.is_empty());
        assert!(units.iter().all(|u| !u.variants.is_empty()));
    }
    if let Some(p) = shared("omegat/file-XLIFFFilter-tags.xlf") {
        let units = xliff::read(&p).unwrap();
        let gandalf = units.iter().find(|u| u.id.as_deref() == Some("7")).unwrap();
        assert_eq!(texts(gandalf).1, "About Gandalf");
        let keys: Vec<_> = gandalf.variants[1]
            .segment
            .codes()
            .iter()
            .map(|t| t.code_key())
            .collect();
        assert_eq!(keys, ["bpt#1", "ept#1"]);
        // A mrk mtype="protected" is a wrapper: its text is part of the target.
        assert_eq!(texts(&units[0]).1, "Link to http://localhost.");
    }
    if let Some(p) = shared("omegat/ex.14.5.xlf") {
        let units = xliff::read(&p).unwrap();
        assert_eq!(units.len(), 2);
        assert!(texts(&units[0]).0.contains("unique"));
        assert_eq!(units[0].variants[1].lang.as_str(), "pt");
    }
}
