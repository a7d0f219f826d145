//! TBX import: real third-party files, language matching, and bad input that
//! must fail with a position.

use concord::formats::tbx::{self, ReadOptions};
use concord::model::LangTag;

mod common;
use common::{fixture, shared};

fn err(name: &str) -> String {
    tbx::read_file(&fixture("tbx", name), &ReadOptions::default())
        .unwrap_err()
        .to_string()
}

#[test]
fn omegat_sample_tbx_needs_its_languages() {
    let Some(p) = shared("interop/omegat/sampleTBXfile.tbx") else {
        return;
    };
    // It is an en→hu termbase: asking for zh names the entry, its line and what it has.
    let e = tbx::read_file(&p, &ReadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with("sampleTBXfile.tbx:24:13: entry 'eid-Oracle-67': no language section for 'zh' (found: en, hu)"),
        "{e}"
    );
    let opts = ReadOptions {
        source_lang: LangTag::new("en"),
        target_lang: LangTag::new("hu"),
        ..ReadOptions::default()
    };
    let g = tbx::read_file(&p, &opts).unwrap();
    assert_eq!(g.len(), 1);
    let e = g.get("eid-Oracle-67").unwrap();
    assert_eq!(e.zh, "alpha smoothing factor");
    assert_eq!(e.en, "hu translation");
    assert_eq!(e.domain, "manufacturing");
}

#[test]
fn languages_match_case_insensitively_with_region_fallback() {
    let g = tbx::read_file(
        &fixture("tbx", "regions-and-case.tbx"),
        &ReadOptions::default(),
    )
    .unwrap();
    let e = g.get("sco").unwrap();
    assert_eq!(e.zh, "上海合作组织");
    assert_eq!(e.zh_variants, ["上合组织"]);
    // Both en-GB and EN-us answer "en"; the preferred term wins wherever it is.
    assert_eq!(e.en, "Shanghai Cooperation Organization");
    assert_eq!(e.en_variants, ["Shanghai Co-operation Organisation", "SCO"]);
    assert_eq!(e.en_forbidden, ["Shanghai Pact"]);
    assert_eq!(e.source, "sectsco.org");
    assert_eq!(e.domain, "organization");
    assert_eq!(e.note, "Founded 2001.");

    let strict = ReadOptions {
        target_lang: LangTag::new("en-us"),
        strict_lang: true,
        source_lang: LangTag::new("zh-CN"),
    };
    let g = tbx::read_file(&fixture("tbx", "regions-and-case.tbx"), &strict).unwrap();
    assert_eq!(g.get("sco").unwrap().en_variants, ["SCO"]);
}

#[test]
fn unknown_dialect_names_the_type_attribute() {
    let e = err("unknown-dialect.tbx");
    assert!(
        e.ends_with("unknown-dialect.tbx:2:1: unknown TBX dialect: type=\"TBX-Linguist\" on the TBX v2 <martif> root; concord reads TBX-Basic, TBX, TBX-Default, TBX-Min"),
        "{e}"
    );
}

#[test]
fn missing_langsec_names_entry_and_line() {
    let e = err("missing-langsec.tbx");
    assert!(
        e.ends_with("missing-langsec.tbx:10:7: entry 'no-english': no language section for 'en' (found: zh, fr)"),
        "{e}"
    );
}

#[test]
fn duplicate_ids_name_both_lines() {
    let e = err("duplicate-ids.tbx");
    assert!(
        e.ends_with("duplicate-ids.tbx:10:7: duplicate id 'mfa' (first used on line 6)"),
        "{e}"
    );
}

#[test]
fn declared_encoding_must_match_the_bytes() {
    let e = err("mixed-encoding-bom.tbx");
    assert!(
        e.ends_with("mixed-encoding-bom.tbx:1:21: mixed encodings: the XML declaration says encoding=\"ISO-8859-1\" but the bytes are UTF-8 (with a byte-order mark)"),
        "{e}"
    );
    let e = tbx::read_bytes(
        b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><martif type=\"TBX-Basic\"/>",
        &ReadOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "line 1:21: mixed encodings: the XML declaration says encoding=\"UTF-16\" but the bytes are 8-bit (not UTF-16)"
    );
    let e = err("mixed-encoding-latin1.tbx");
    assert!(e.contains("mixed-encoding-latin1.tbx:3:"), "{e}");
    assert!(e.contains("invalid UTF-8"), "{e}");
}

#[test]
fn entity_declarations_are_refused() {
    let e = err("entity-bomb.tbx");
    assert!(
        e.contains("entity-bomb.tbx:2:1: refused: DOCTYPE declares entities"),
        "{e}"
    );
}

#[test]
fn utf16_tbx_reads() {
    let src = std::fs::read_to_string(fixture("tbx", "regions-and-case.tbx")).unwrap();
    let src = src.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let mut bytes = vec![0xFF, 0xFE];
    for u in src.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let g = tbx::read_bytes(&bytes, &ReadOptions::default()).unwrap();
    assert_eq!(g.get("sco").unwrap().zh, "上海合作组织");
}

#[test]
fn not_tbx_is_a_format_error() {
    let e = tbx::read_bytes(b"<tmx version=\"1.4\"/>", &ReadOptions::default())
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "line 1:1: not TBX: the root element is <tmx>, expected <martif> (TBX v2) or <tbx> (TBX v3)"
    );
}
