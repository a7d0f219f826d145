//! The bundled glossary and TM are a product: these tests hold them to the
//! promises the README makes (issue 3): counts, evidence, canonical form,
//! coverage of the seed text, and zero term errors under concord's own check.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use concord::check::{CheckOptions, CheckedFile, Checker};
use concord::formats::{ReadOptions, glossary_csv, read_memory};
use concord::glossary;
use concord::model::{EntryStatus, Glossary, LangTag, Unit};
use concord::text::normalize::fold_str;
use concord::text::segment::repair;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
fn glossary_path() -> PathBuf {
    root().join("glossary/diplomatic.zh-en.csv")
}
fn tm_path() -> PathBuf {
    root().join("tmx/seed.zh-en.tmx")
}
fn load_glossary() -> Glossary {
    glossary::load(&glossary_path()).expect("bundled glossary loads")
}
fn load_tm() -> Vec<Unit> {
    read_memory(&tm_path(), &ReadOptions::default())
        .expect("bundled TM loads")
        .into_units()
}

/// Every folded zh form of every entry.
fn zh_forms(g: &Glossary) -> HashSet<String> {
    g.iter().flat_map(|e| e.zh_forms().map(fold_str)).collect()
}

#[test]
fn glossary_has_at_least_150_entries_each_with_evidence() {
    let g = load_glossary();
    assert!(g.len() >= 150, "only {} entries", g.len());
    for e in g.iter() {
        assert!(
            !e.en.trim().is_empty(),
            "{}: empty approved rendering",
            e.id
        );
        assert!(
            !e.source.trim().is_empty(),
            "{}: no evidence (source)",
            e.id
        );
        assert!(!e.domain.trim().is_empty(), "{}: no domain", e.id);
        if e.status == EntryStatus::Proposed {
            assert!(
                !e.note.trim().is_empty(),
                "{}: proposed without a note saying why",
                e.id
            );
        }
    }
}

#[test]
fn glossary_validates_cleanly() {
    let g = load_glossary();
    let problems = glossary::validate(&g);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn glossary_csv_is_canonical_byte_for_byte() {
    let original = std::fs::read(glossary_path()).unwrap();
    let g = load_glossary();
    let mut rewritten = Vec::new();
    glossary_csv::write_to(&mut rewritten, &g).unwrap();
    assert!(
        original == rewritten,
        "rewriting the glossary changes it; run `concord convert glossary/diplomatic.zh-en.csv -o glossary/diplomatic.zh-en.csv`"
    );
}

#[test]
fn every_quoted_phrase_of_the_seed_has_an_entry() {
    let seed = std::fs::read_to_string(root().join("corpus/seed.zh.txt")).unwrap();
    // Quotes are searched in the repaired text: a phrase broken across lines counts whole.
    let text = repair(&seed).text;
    let forms = zh_forms(&load_glossary());
    let mut quoted = Vec::new();
    for (open, close) in [('“', '”'), ('《', '》')] {
        let mut rest = text.as_str();
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else { break };
            // A quoted saying carries its own full stop (“兼相爱，交相利。”); the term does not.
            let phrase = after[..end].trim_end_matches(['。', '！', '？', '，']);
            quoted.push(phrase.to_string());
            rest = &after[end + close.len_utf8()..];
        }
    }
    let distinct: HashSet<_> = quoted.iter().collect();
    assert!(
        distinct.len() >= 13,
        "found only {} quoted phrases",
        distinct.len()
    );
    let missing: Vec<_> = distinct
        .iter()
        .filter(|q| !forms.contains(&fold_str(q)))
        .collect();
    assert!(
        missing.is_empty(),
        "quoted phrases without an entry: {missing:?}"
    );
}

#[test]
fn every_named_entity_of_the_seed_has_an_entry() {
    let forms = zh_forms(&load_glossary());
    let entities = [
        // people
        "习近平",
        "托卡耶夫",
        "扎帕罗夫",
        "拉赫蒙",
        "别尔德穆哈梅多夫",
        "米尔济约耶夫",
        "蔡奇",
        "王毅",
        // countries and places
        "哈萨克斯坦",
        "吉尔吉斯斯坦",
        "塔吉克斯坦",
        "土库曼斯坦",
        "乌兹别克斯坦",
        "中亚",
        "阿斯塔纳",
        "西安",
        "阿富汗",
        "以色列",
        "伊朗",
        "中东",
        "帕米尔高原",
        "里海",
        "黄海",
        "天山",
        "酒泉卫星发射中心",
        "北京",
        // organisations and mechanisms
        "上海合作组织",
        "联合国",
        "世界贸易组织",
        "中国－中亚机制",
        "中国－中亚峰会",
        "孔子学院",
        "新华社",
        // treaties and documents
        "永久睦邻友好合作条约",
        "第二届中国－中亚峰会阿斯塔纳宣言",
        // projects
        "中吉乌铁路",
        "跨里海国际运输走廊",
        "鲁班工坊",
        "中亚班列",
        // slogans the issue names
        "人类命运共同体",
        "亲诚惠容",
        "睦邻安邻富邻",
        "新质生产力",
        "中国式现代化",
        "一个中国原则",
        "全球南方",
        "全球发展倡议",
        "三大全球倡议",
        "命运共同体",
        "执法安全合作",
        "互联互通",
        "绿色矿产",
        "国际公平正义",
        "治国理政经验交流",
    ];
    let missing: Vec<_> = entities
        .iter()
        .filter(|e| !forms.contains(&fold_str(e)))
        .collect();
    assert!(
        missing.is_empty(),
        "named entities without an entry: {missing:?}"
    );
}

#[test]
fn tm_covers_the_seed_with_document_and_paragraph_props() {
    let units = load_tm();
    assert!(units.len() >= 150, "only {} units", units.len());
    let zh = LangTag::new("zh-CN");
    let en = LangTag::new("en");
    for u in &units {
        let id = u.id.as_deref().unwrap_or("?");
        assert!(u.prop("x-document").is_some(), "{id}: no x-document");
        assert!(u.prop("x-paragraph").is_some(), "{id}: no x-paragraph");
        let src = u.variant(&zh, false).expect("zh side").segment.plain_text();
        let tgt = u.variant(&en, false).expect("en side").segment.plain_text();
        assert!(
            !src.trim().is_empty() && !tgt.trim().is_empty(),
            "{id}: empty side"
        );
        // Repaired text: no line breaks survive inside a unit.
        assert!(!src.contains('\n'), "{id}: line break in source");
    }
    // The repeated speech passage is kept in both versions.
    let docs: HashSet<_> = units.iter().filter_map(|u| u.prop("x-document")).collect();
    assert!(
        docs.contains("speech") && docs.contains("speech-continued"),
        "{docs:?}"
    );
}

#[test]
fn tm_passes_concords_own_term_checks() {
    let g = load_glossary();
    let units = load_tm();
    let options = CheckOptions {
        source_lang: LangTag::new("zh-CN"),
        select: vec!["T001".into(), "T002".into(), "T003".into()],
        ..CheckOptions::default()
    };
    let checker = Checker::new(&g, &[], options);
    let outcome = checker
        .check(&[CheckedFile::new(Path::new("tmx/seed.zh-en.tmx"), units)])
        .unwrap();
    let findings: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|d| format!("{} {} {}", d.code, d.unit, d.message))
        .collect();
    assert!(findings.is_empty(), "{findings:#?}");
}
