//! What the LISA TMX Compliance Kit and OmegaT's test files must give.
//! Skipped with a note when ../shared is absent.

use concord::formats::tmx::TmxReader;
use concord::model::{Header, Inline, Unit};

mod common;
use common::shared_dir;

fn load(rel: &str) -> Option<(Header, Vec<Unit>, &'static str)> {
    let Some(shared) = shared_dir() else {
        eprintln!("note: ../shared absent, skipping {rel}");
        return None;
    };
    let path = shared.join("interop").join(rel);
    let mut r = TmxReader::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let header = r.header().clone();
    let encoding = r.encoding_name();
    let units = r
        .by_ref()
        .map(|u| u.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    Some((header, units, encoding))
}

fn langs(u: &Unit) -> Vec<&str> {
    u.variants.iter().map(|v| v.lang.as_str()).collect()
}

fn text(u: &Unit, i: usize) -> String {
    u.variants[i].segment.plain_text()
}

const KIT: &str = "lisa-tmx-compliance-kit/";

#[test]
fn import_1a_utf16le_whitespace_refs() {
    let Some((h, units, enc)) = load(&format!("{KIT}ImportTest1A.tmx")) else {
        return;
    };
    assert_eq!(enc, "UTF-16LE");
    assert_eq!(h.attrs.get("srclang"), Some("en-us"));
    assert_eq!(units.len(), 2);
    assert_eq!(langs(&units[0]), ["en-us", "fr-ca"]);
    assert_eq!(text(&units[0], 0), "First segment with [\t\t   ]");
    assert_eq!(text(&units[1], 1), "Second segment avec [  \t\t]");
}

#[test]
fn import_1b_odd_layout() {
    let Some((h, units, _)) = load(&format!("{KIT}ImportTest1B.tmx")) else {
        return;
    };
    assert_eq!(h.attrs.get("creationtoolversion"), Some("1.0.0"));
    assert_eq!(h.attrs.get("datatype"), Some("plaintext"));
    assert_eq!(units.len(), 1);
    assert_eq!(langs(&units[0]), ["eN-uS", "fR-Ca"]);
    assert_eq!(text(&units[0], 1), "Texte du segment");
}

#[test]
fn import_1c_five_languages_any_order() {
    let Some((_, units, _)) = load(&format!("{KIT}ImportTest1C.tmx")) else {
        return;
    };
    assert_eq!(units.len(), 3);
    for u in &units {
        assert_eq!(u.variants.len(), 5);
    }
    let ja = units[2].variant(&"ja-JP".into(), false).unwrap();
    assert_eq!(ja.segment.plain_text(), "Third entry in Japanese");
    assert_eq!(langs(&units[1])[0], "ja-jp");
}

#[test]
fn import_1d_to_1h_same_text_in_every_encoding() {
    let mut seen = Vec::new();
    for (name, encoding) in [
        ("1D", "UTF-8"),
        ("1E", "UTF-8"),
        ("1F", "UTF-16LE"),
        ("1G", "UTF-16BE"),
        ("1H", "windows-1252"), // declared us-ascii, which WHATWG labels map to windows-1252
    ] {
        let Some((_, units, enc)) = load(&format!("{KIT}ImportTest{name}.tmx")) else {
            return;
        };
        assert_eq!(enc, encoding, "{name}");
        assert_eq!(units.len(), 3, "{name}");
        assert_eq!(langs(&units[0]), ["en-us", "en-gb"], "{name}");
        assert_eq!(text(&units[0], 0), "à=agrave, é=eacute, æ=aelig", "{name}");
        assert_eq!(
            text(&units[1], 1),
            "ÿ=U+00FF, ™=U+2122, \u{2019}=U+2019",
            "{name}"
        );
        assert_eq!(
            text(&units[2], 0),
            "\u{201C}=U+201C, \u{2013}=U+2013, ¤=U+00A4",
            "{name}"
        );
        seen.push(units);
    }
    assert!(
        seen.windows(2)
            .all(|w| w[0][0].variants[0].segment == w[1][0].variants[0].segment)
    );
}

#[test]
fn import_1j_1k_unit_level_srclang() {
    let Some((_, units, _)) = load(&format!("{KIT}ImportTest1J.tmx")) else {
        return;
    };
    assert_eq!(units.len(), 2);
    assert_eq!(langs(&units[1]), ["en-gb", "en-us"]);
    let Some((_, units, _)) = load(&format!("{KIT}ImportTest1K.tmx")) else {
        return;
    };
    assert_eq!(units[0].attrs.get("srclang"), Some("de-de"));
    assert_eq!(units[1].attrs.get("srclang"), Some("fr-ca"));
    assert_eq!(text(&units[1], 1), "Second Entry - French Canadian");
}

#[test]
fn import_2a_inline_codes() {
    for file in ["ImportTest2A.tmx", "ImportTest2A-0index.tmx"] {
        let Some((_, units, _)) = load(&format!("{KIT}{file}")) else {
            return;
        };
        assert_eq!(units.len(), 7, "{file}");
        let u = &units[0];
        assert_eq!(u.id.as_deref(), Some("1"));
        assert_eq!(text(u, 0), "The big black cat sleeps.");
        assert_eq!(text(u, 1), "Le gros chat noir dors.");
        let codes: Vec<String> = u.variants[0]
            .segment
            .codes()
            .iter()
            .map(|t| t.code_key())
            .collect();
        assert_eq!(
            codes,
            ["bpt#1:bold", "ept#1", "bpt#2:ulined", "ept#2"],
            "{file}"
        );
        let Inline::Tag(bpt) = &u.variants[0].segment.content[1] else {
            panic!("{file}: expected <bpt>")
        };
        assert_eq!(bpt.inner_text(), "<b>");
        // Special characters inside and between codes.
        assert_eq!(
            text(&units[1], 0),
            "Test for special characters = <=lt, >=gt, &=amp, \"=quot."
        );
        // Nested bpt.
        assert_eq!(units[2].variants[0].segment.codes().len(), 6);
        // Isolated codes.
        let it = units[3].variants[0].segment.codes();
        assert_eq!(it[0].name, "it");
        assert_eq!(it[0].attrs.get("pos"), Some("begin"));
        // Placeholder with assoc; mixed-case languages kept as written.
        assert_eq!(units[5].variants[0].lang.as_str(), "En-uS");
        let ph = units[5].variants[0].segment.codes();
        assert_eq!(ph[0].attrs.get("assoc"), Some("p"));
        assert_eq!(ph[0].inner_text(), "<img src=\"img.png\"/>");
        // Highlighted text is part of the text; target first is fine.
        assert_eq!(text(&units[6], 1), "Some text with a part highlighted.");
        assert_eq!(langs(&units[6]), ["FR-CA", "en-us"]);
    }
}

#[test]
fn export_tests_load() {
    for (name, count) in [("1A", 4), ("1B", 2), ("1C", 4), ("1D", 4), ("1E", 4)] {
        let Some((h, units, _)) = load(&format!("{KIT}ExportTest{name}.tmx")) else {
            return;
        };
        assert_eq!(units.len(), count, "ExportTest{name}");
        assert!(h.attrs.get("srclang").is_some());
        assert!(units.iter().all(|u| u.variants.len() >= 2));
    }
}

#[test]
fn omegat_invalid_inline_codes_load() {
    let Some((_, units, _)) = load("omegat/invalid.tmx") else {
        return;
    };
    assert_eq!(units.len(), 1);
    let codes = units[0].variants[0].segment.codes();
    assert_eq!(codes.len(), 4);
    assert_eq!(codes[0].name, "ept");
    // Reused i values are kept as they are.
    assert_eq!(codes[2].attrs.get("i"), codes[3].attrs.get("i"));
}

#[test]
fn omegat_smp_characters_kept() {
    let Some((_, units, _)) = load("omegat/test-SMP.tmx") else {
        return;
    };
    assert_eq!(langs(&units[0]), ["en", "be"], "TMX 1.1 lang attribute");
    assert_eq!(text(&units[0], 0), "\u{1D400}\u{1D401}\u{1D402}");
    assert_eq!(text(&units[0], 1).chars().count(), 3);
}

#[test]
fn omegat_multiple_tuv_and_regions() {
    let Some((_, units, _)) = load("omegat/test-multiple-tuv14.tmx") else {
        return;
    };
    assert_eq!(units[0].variants.len(), 8);
    let fr: Vec<_> = units[0]
        .variants
        .iter()
        .filter(|v| v.lang.as_str() == "FR-CA")
        .collect();
    assert_eq!(fr.len(), 2);
    let Some((_, units, _)) = load("omegat/en-US_en-GB_fr_sr.tmx") else {
        return;
    };
    assert_eq!(langs(&units[0]), ["en-US", "en-GB", "fr", "sr"]);
    assert_eq!(
        units[0]
            .variant(&"en-gb".into(), true)
            .unwrap()
            .segment
            .plain_text(),
        "XXX"
    );
}

#[test]
fn omegat_saved_tmx_codes() {
    let Some((h, units, _)) = load("omegat/test-save-tmx14.tmx") else {
        return;
    };
    assert_eq!(h.attrs.get("o-tmf"), Some("OmegaT TMX"));
    assert_eq!(units.len(), 4);
    assert_eq!(text(&units[1], 0), "12");
    assert_eq!(units[2].variants[0].segment.codes().len(), 2);
    assert_eq!(
        units[3].variants[0].segment.codes()[0].attrs.get("pos"),
        Some("begin")
    );
}
