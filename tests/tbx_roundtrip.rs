//! TBX v2/v3: glossary → TBX → glossary keeps every field TBX-Basic can carry.

use concord::formats::tbx::{self, ReadOptions, TbxVersion};
use concord::model::{CaseRule, Entry, EntryStatus, Glossary};
use proptest::prelude::*;

fn entry(id: &str) -> Entry {
    Entry {
        id: id.into(),
        zh: "一带一路".into(),
        zh_variants: vec!["“一带一路”倡议".into(), "带路".into()],
        en: "Belt and Road Initiative".into(),
        en_variants: vec!["the Belt and Road".into(), "BRI".into()],
        en_forbidden: vec!["One Belt, One Road".into(), "OBOR".into()],
        case: CaseRule::Sensitive,
        domain: "initiative".into(),
        note: "Never \"OBOR\" <ever> & always 'the'\nsecond line\r\nthird".into(),
        source: "Xinhua 2015-03-28 <https://example.org/?a=1&b=2>".into(),
        status: EntryStatus::Proposed,
        extra: Default::default(),
    }
}

fn tricky() -> Glossary {
    let mut g = Glossary::new();
    g.insert(entry("belt-and-road-initiative")).unwrap();
    g.insert(Entry {
        id: "2030 agenda".into(),
        zh: "2030年可持续发展议程".into(),
        en: "2030 Agenda for Sustainable Development".into(),
        ..Entry::default()
    })
    .unwrap();
    g.insert(Entry {
        id: "x_prefixed".into(),
        zh: "=SUM(A1)".into(),
        en: "@risk & <co>".into(),
        status: EntryStatus::Deprecated,
        ..Entry::default()
    })
    .unwrap();
    g
}

fn round_trip(g: &Glossary, v: TbxVersion) -> Glossary {
    let mut out = Vec::new();
    tbx::write(g, v, &mut out).unwrap();
    tbx::read_bytes(&out, &ReadOptions::default()).unwrap()
}

#[test]
fn tricky_round_trip_v2_and_v3() {
    let g = tricky();
    for v in [TbxVersion::V2, TbxVersion::V3] {
        let back = round_trip(&g, v);
        assert_eq!(back.entries, g.entries, "{v:?}");
    }
}

#[test]
fn v2_shape() {
    let mut out = Vec::new();
    tbx::write(&tricky(), TbxVersion::V2, &mut out).unwrap();
    let s = String::from_utf8(out).unwrap();
    assert!(
        s.contains(r#"<martif type="TBX-Basic" xml:lang="en">"#),
        "{s}"
    );
    assert!(s.contains(r#"<termEntry id="belt-and-road-initiative">"#));
    assert!(s.contains(r#"<termEntry id="x_2030_20_agenda">"#));
    assert!(
        s.contains(r#"<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>"#)
    );
    assert!(s.contains(r#"<descrip type="subjectField">initiative</descrip>"#));
    assert!(s.contains("<tig>"));
    assert!(s.contains("&#13;"), "CR must be a character reference");
}

#[test]
fn v3_shape() {
    let mut out = Vec::new();
    tbx::write(&tricky(), TbxVersion::V3, &mut out).unwrap();
    let s = String::from_utf8(out).unwrap();
    assert!(
        s.contains(
            r#"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">"#
        ),
        "{s}"
    );
    assert!(s.contains(r#"<conceptEntry id="belt-and-road-initiative">"#));
    assert!(s.contains(r#"<langSec xml:lang="zh">"#));
    assert!(s.contains("<termSec>"));
}

fn text() -> impl Strategy<Value = String> {
    // Any XML-safe text, including markup characters, quotes, CJK and newlines.
    proptest::string::string_regex("[a-zA-Z0-9 &<>\"'=+@\u{4e00}-\u{4e20}\n\r\t-]{0,12}").unwrap()
}

fn term() -> impl Strategy<Value = String> {
    // Terms are read trimmed, so generate them without edge white space.
    proptest::string::string_regex("[a-zA-Z0-9&<>\"'=+@\u{4e00}-\u{4e20}-]([a-zA-Z0-9 &<>\"'\u{4e00}-\u{4e20}]{0,8}[a-zA-Z0-9\u{4e00}-\u{4e20}])?").unwrap()
}

fn arb_entry() -> impl Strategy<Value = Entry> {
    (
        "[a-z0-9 _:x-]{1,10}",
        term(),
        proptest::collection::vec(term(), 0..3),
        term(),
        proptest::collection::vec(term(), 0..3),
        proptest::collection::vec(term(), 0..3),
        any::<bool>(),
        (text(), text(), text(), 0..3u8),
    )
        .prop_map(
            |(id, zh, zhv, en, env, enf, cs, (domain, note, source, st))| Entry {
                id,
                zh,
                zh_variants: zhv,
                en,
                en_variants: env,
                en_forbidden: enf,
                case: if cs {
                    CaseRule::Sensitive
                } else {
                    CaseRule::Insensitive
                },
                domain,
                note,
                source,
                status: [
                    EntryStatus::Approved,
                    EntryStatus::Proposed,
                    EntryStatus::Deprecated,
                ][st as usize],
                extra: Default::default(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_glossary_round_trips(entries in proptest::collection::vec(arb_entry(), 0..6)) {
        let mut g = Glossary::new();
        for e in entries {
            let _ = g.insert(e);
        }
        for v in [TbxVersion::V2, TbxVersion::V3] {
            let back = round_trip(&g, v);
            prop_assert_eq!(&back.entries, &g.entries);
        }
    }
}

/// The bundled glossary, read with a minimal reader of the canonical CSV (the
/// test must not depend on the glossary loader it would then be testing).
fn bundled() -> Glossary {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary/diplomatic.zh-en.csv");
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    let col = |rec: &csv::StringRecord, name: &str| -> String {
        let i = headers.iter().position(|h| h == name).unwrap();
        rec.get(i).unwrap_or("").to_string()
    };
    let multi = |s: String| -> Vec<String> {
        if s.is_empty() {
            Vec::new()
        } else {
            s.split(" | ").map(str::to_string).collect()
        }
    };
    let mut g = Glossary::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        g.insert(Entry {
            id: col(&rec, "id"),
            zh: col(&rec, "zh"),
            zh_variants: multi(col(&rec, "zh_variants")),
            en: col(&rec, "en"),
            en_variants: multi(col(&rec, "en_variants")),
            en_forbidden: multi(col(&rec, "en_forbidden")),
            case: CaseRule::parse(&col(&rec, "case")).unwrap(),
            domain: col(&rec, "domain"),
            note: col(&rec, "note"),
            source: col(&rec, "source"),
            status: EntryStatus::parse(&col(&rec, "status")).unwrap(),
            extra: Default::default(),
        })
        .unwrap();
    }
    g
}

#[test]
fn bundled_glossary_round_trips_v2_and_v3() {
    let g = bundled();
    assert!(g.len() > 100, "bundled glossary has {} entries", g.len());
    for v in [TbxVersion::V2, TbxVersion::V3] {
        let back = round_trip(&g, v);
        assert_eq!(back.len(), g.len());
        for (id, e) in &g.entries {
            assert_eq!(back.get(id), Some(e), "{v:?} {id}");
        }
    }
}

#[test]
fn text_xml_cannot_carry_is_refused_before_writing() {
    let mut g = Glossary::new();
    g.insert(Entry {
        id: "ctl".into(),
        zh: "外交部".into(),
        en: "Ministry\u{1}of Foreign Affairs".into(),
        ..Entry::default()
    })
    .unwrap();
    let mut out = Vec::new();
    let e = tbx::write(&g, TbxVersion::V2, &mut out).unwrap_err();
    assert_eq!(
        e.to_string(),
        "entry 'ctl': en contains U+0001, which XML cannot carry"
    );
    assert!(out.is_empty(), "nothing may be written");
}
