//! Our own TMX fixtures: the constructs real CAT tools write.

use std::path::Path;

use concord::formats::tmx::TmxReader;
use concord::model::{HeaderItem, Inline, Unit};

fn load(name: &str) -> (TmxReader<std::fs::File>, Vec<Unit>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tmx")
        .join(name);
    let mut r = TmxReader::open(&path).unwrap();
    let units = r.by_ref().map(|u| u.unwrap()).collect();
    (r, units)
}

#[test]
fn multilingual_keeps_everything() {
    let (r, units) = load("multilingual.tmx");
    let h = r.header();
    assert_eq!(h.attrs.get("creationid"), Some("MFA\\translator1"));
    assert!(matches!(&h.items[0], HeaderItem::Note(n) if n.attrs.get("xml:lang") == Some("en")));
    assert!(matches!(&h.items[1], HeaderItem::Prop(p) if p.kind == "x-Recognizers"));
    let HeaderItem::Ude(ude) = &h.items[2] else {
        panic!("ude")
    };
    assert_eq!(ude.attrs.get("base"), Some("Macintosh"));
    let Inline::Tag(map) = &ude.children[0] else {
        panic!("map")
    };
    assert_eq!(map.attrs.get("subst"), Some("[Apple]"));

    let u = &units[0];
    assert_eq!(u.attrs.get("usagecount"), Some("3"));
    assert_eq!(u.notes[0].text, "Title of the keynote speech.");
    assert_eq!(u.props.len(), 2);
    assert_eq!(u.variants[0].props[0].value, "SimSun");
    assert_eq!(
        u.variants[1].attrs.get("creationdate"),
        Some("20250617T083100Z")
    );
    assert_eq!(
        u.variants[0].segment.plain_text(),
        "弘扬“中国－中亚精神” 推动地区合作高质量发展"
    );

    // A sub-flow inside a placeholder: kept as a tree, out of the plain text.
    let zh = &units[1].variants[0].segment;
    assert_eq!(zh.plain_text(), "见脚注和西安宣言");
    let Inline::Tag(ph) = &zh.content[1] else {
        panic!("ph")
    };
    assert_eq!(ph.children.len(), 3);
    assert_eq!(ph.inner_text(), "{\\footnote 共建“一带一路”倡议}");
    assert_eq!(units[1].attrs.get("segtype"), Some("phrase"));

    // References, CDATA, characters outside the BMP, white space.
    let en = units[2].variants[1].segment.plain_text();
    assert!(en.contains("jointly build"));
    assert!(
        en.contains("& share the \u{1F30F} future <not markup>"),
        "{en}"
    );
    assert_eq!(
        units[2].variants[2].segment.plain_text(),
        "  Китай готов   вместе со странами Центральной Азии…  "
    );
    assert_eq!(units[3].id, None);
    assert_eq!(units[3].variants.len(), 3);
}

#[test]
fn trados_utf16_with_crlf() {
    let (r, units) = load("trados-utf16le.tmx");
    assert_eq!(r.encoding_name(), "UTF-16LE");
    assert_eq!(units.len(), 2);
    assert_eq!(units[0].prop("x-LastUsedBy"), Some("MFA\\reviewer"));
    assert_eq!(
        units[1].variants[1].segment.plain_text(),
        "Astana, June 17, 2025"
    );
    assert_eq!(units[1].variants[1].segment.codes().len(), 2);
    assert_eq!(units[1].origin.line, 15);
}

#[test]
fn tmx11_lang_attribute() {
    let (r, units) = load("tmx11-lang.tmx");
    assert_eq!(r.version(), Some("1.1"));
    assert_eq!(units[1].variants[1].lang.as_str(), "EN-US");
    assert_eq!(
        units[1].variants[1].notes[0].attrs.get("lang"),
        Some("EN-US")
    );
    assert!(units[0].variant(&"zh-cn".into(), true).is_some());
}
