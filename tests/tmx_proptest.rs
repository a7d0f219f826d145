//! Property: any unit concord can hold in TMX (XML 1.0 characters, any
//! attributes, nested inline codes) is written and read back unchanged, and
//! the same goes for glossary CSV and bilingual CSV rows.

use concord::formats::bitext_csv::{BitextColumns, BitextOptions, BitextReader, BitextWriter};
use concord::formats::glossary_csv;
use concord::formats::tmx::{TmxReader, TmxWriter};
use concord::model::{
    Attrs, CaseRule, Entry, EntryStatus, Glossary, Header, Inline, Note, Prop, Segment, Tag, Unit,
    Variant,
};
use proptest::prelude::*;

/// Text XML 1.0 can hold, with the characters escaping must get right.
fn xml_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('&'),
            Just('<'),
            Just('>'),
            Just('"'),
            Just('\''),
            Just('\t'),
            Just('\n'),
            Just(' '),
            Just('中'),
            Just('－'),
            Just('\u{1F30F}'),
            Just(']'),
            prop::char::range('a', 'z'),
            prop::char::range('\u{4E00}', '\u{4E20}'),
        ],
        0..24,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

fn attrs() -> impl Strategy<Value = Attrs> {
    proptest::collection::vec(xml_text(), 0..3).prop_map(|vals| {
        Attrs(
            vals.into_iter()
                .enumerate()
                .map(|(i, v)| {
                    let name = ["creationdate", "changeid", "usagecount"][i].to_string();
                    (name, v)
                })
                .collect(),
        )
    })
}

/// Adjacent texts merge and empty ones vanish when read: normalise the same way.
fn merge_texts(items: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for item in items {
        match (out.last_mut(), item) {
            (_, Inline::Text(t)) if t.is_empty() => {}
            (Some(Inline::Text(prev)), Inline::Text(t)) => prev.push_str(&t),
            (_, item) => out.push(item),
        }
    }
    out
}

fn inline(depth: u32) -> BoxedStrategy<Vec<Inline>> {
    let text = xml_text().prop_map(Inline::Text);
    if depth == 0 {
        return proptest::collection::vec(text, 0..3)
            .prop_map(merge_texts)
            .boxed();
    }
    let tag = (
        prop_oneof![
            Just("bpt"),
            Just("ept"),
            Just("ph"),
            Just("hi"),
            Just("it"),
            Just("ut")
        ],
        xml_text(),
        inline(depth - 1),
    )
        .prop_map(|(name, x, children)| {
            let mut attrs = Attrs::new();
            attrs.set("x", x);
            Inline::Tag(Tag {
                name: name.to_string(),
                attrs,
                children,
            })
        });
    proptest::collection::vec(prop_oneof![text, tag], 0..4)
        .prop_map(merge_texts)
        .boxed()
}

fn unit() -> impl Strategy<Value = Unit> {
    (
        proptest::option::of("[a-z0-9-]{1,8}"),
        attrs(),
        proptest::collection::vec((xml_text(), xml_text()), 0..2),
        proptest::collection::vec(xml_text(), 0..2),
        proptest::collection::vec(
            (
                prop_oneof![Just("zh-CN"), Just("en"), Just("EN-gb")],
                attrs(),
                inline(2),
            ),
            1..3,
        ),
    )
        .prop_map(|(id, attrs, props, notes, variants)| Unit {
            id,
            attrs,
            props: props
                .into_iter()
                .map(|(k, v)| Prop::new(format!("x-{}", k.len()), v))
                .collect(),
            notes: notes.into_iter().map(Note::new).collect(),
            variants: variants
                .into_iter()
                .map(|(lang, attrs, content)| {
                    let mut v = Variant::new(lang, Segment { content });
                    v.attrs = attrs;
                    v
                })
                .collect(),
            ..Unit::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn tmx_write_read_is_identity(units in proptest::collection::vec(unit(), 0..4)) {
        let mut out = Vec::new();
        let mut w = TmxWriter::new(&mut out, &Header::default()).unwrap();
        for u in &units {
            w.write_unit(u).unwrap();
        }
        w.finish().unwrap();
        let back: Vec<Unit> = TmxReader::from_bytes(&out, None)
            .unwrap()
            .map(|u| {
                let mut u = u.unwrap();
                u.origin = Default::default();
                u
            })
            .collect();
        prop_assert_eq!(back, units);
    }

    #[test]
    fn glossary_csv_write_read_is_identity(rows in proptest::collection::vec(
        (xml_text(), xml_text(), proptest::collection::vec("[a-z ,\"]{1,6}[a-z]", 0..3), any::<bool>()), 1..5)
    ) {
        let mut g = Glossary::new();
        for (i, (zh, note, variants, sensitive)) in rows.into_iter().enumerate() {
            let zh = format!("中{}", zh.trim());
            g.insert(Entry {
                id: format!("e{i}"),
                zh,
                en: "China".into(),
                en_variants: variants.iter().map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect(),
                note: note.trim().to_string(),
                case: if sensitive { CaseRule::Sensitive } else { CaseRule::Insensitive },
                status: EntryStatus::Proposed,
                ..Entry::default()
            }).unwrap();
        }
        let mut out = Vec::new();
        glossary_csv::write_to(&mut out, &g).unwrap();
        let back = glossary_csv::read_from(out.as_slice(), None).unwrap();
        prop_assert_eq!(back.entries, g.entries);
    }

    #[test]
    fn bitext_csv_and_tsv_write_read_is_identity(
        pairs in proptest::collection::vec((xml_text(), xml_text()), 1..5),
        tab in any::<bool>(),
    ) {
        let units: Vec<Unit> = pairs
            .into_iter()
            .enumerate()
            .map(|(i, (a, b))| Unit::bilingual(Some(format!("{i}")), "zh-CN", &format!("中{a}"), "en", &format!("x{b}")))
            .collect();
        let sep = if tab { '\t' } else { ',' };
        let mut cols = BitextColumns::default();
        units.iter().for_each(|u| cols.add(u));
        let mut out = Vec::new();
        let mut w = BitextWriter::new(&mut out, sep, cols).unwrap();
        for u in &units {
            w.write_unit(u).unwrap();
        }
        w.finish().unwrap();
        let back: Vec<Unit> = BitextReader::new(out.as_slice(), sep, None, &BitextOptions::default())
            .unwrap()
            .map(|u| {
                let mut u = u.unwrap();
                u.origin = Default::default();
                u
            })
            .collect();
        prop_assert_eq!(back, units);
    }
}
