//! Text repair and sentence splitting on the seed text (People's Daily front page).

use std::path::{Path, PathBuf};

use concord::text::segment::{FurnitureKind, Lang, repair};

/// corpus/seed.zh.txt in the repository, else the shared seed, else `None` (skip).
fn seed_path() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let local = root.join("corpus/seed.zh.txt");
    if local.exists() {
        return Some(local);
    }
    let shared = root.join("../shared/seed/000_735da06a61a3fdac.txt");
    if shared.exists() {
        return Some(shared);
    }
    eprintln!("note: corpus/seed.zh.txt and ../shared absent, skipping seed test");
    None
}

#[test]
fn seed_broken_words_are_joined_and_headlines_kept_apart() {
    let Some(path) = seed_path() else { return };
    let raw = concord::io::read_text(&path).unwrap();
    let r = repair(&raw);
    for joined in [
        "相互支持的团结初心",
        "高质量推进中吉乌铁路建设",
        "在涉及中国核心利益问题上",
        "推动两国关系高质量发展",
        "对塔吉克斯坦进行历史性国事访问",
        "协调推进各领域合作；扩大双边贸易",
        "坚决打击“三股势力”，共同维护地区和平稳定。",
        "共同维护多边贸易体制和全球南方共同利益",
        "继续深化执法安全合作",
        "开设中国高校分校和鲁班工坊等取得进展",
    ] {
        assert!(r.text.contains(joined), "not joined: {joined}");
    }
    // No paragraph starts with the tail of a broken word.
    for p in &r.paragraphs {
        let t = &r.text[p.range.clone()];
        for tail in [
            "结初心",
            "乌铁路",
            "国核心利益",
            "量发展",
            "行历史性",
            "作；",
        ] {
            assert!(!t.starts_with(tail), "broken paragraph: {t}");
        }
    }
    let headings: Vec<&str> = r
        .paragraphs
        .iter()
        .filter(|p| p.heading)
        .map(|p| &r.text[p.range.clone()])
        .collect();
    for h in [
        "习近平会见吉尔吉斯斯坦总统扎帕罗夫",
        "习近平会见塔吉克斯坦总统拉赫蒙",
        "习近平会见土库曼斯坦总统别尔德穆哈梅多夫",
        "习近平会见乌兹别克斯坦总统米尔济约耶夫",
        "神舟载人飞船零高度逃逸飞行试验取得圆满成功",
    ] {
        assert!(headings.contains(&h), "headline not kept apart: {h}");
    }
    let furniture: Vec<(FurnitureKind, &str)> = r
        .furniture
        .iter()
        .map(|f| (f.kind, f.text.as_str()))
        .collect();
    assert!(furniture.contains(&(FurnitureKind::PageJump, "（上接第一版）")));
    assert!(furniture.contains(&(FurnitureKind::Byline, "（新华社阿斯塔纳6月17日电）")));
    assert!(furniture.contains(&(FurnitureKind::Credit, "新华社发")));
    assert_eq!(
        furniture
            .iter()
            .filter(|f| f.0 == FurnitureKind::Dateline)
            .count(),
        4
    );
    assert!(!r.text.contains("上接第一版"));
    assert!(!r.text.contains("新华社"));
    // The page-2 continuation repeats the speech in other words.
    let speech_repeat = r
        .repeats
        .iter()
        .find(|p| p.repeat.0 >= 189 && (47..=80).contains(&p.first.0));
    assert!(speech_repeat.is_some(), "repeats: {:#?}", r.repeats);
    // Sentences cite their input lines.
    let sentences = r.sentences(Lang::Zh);
    let s = sentences
        .iter()
        .find(|s| s.text.starts_with("中方愿同中亚国家共享发展经验"))
        .unwrap();
    assert_eq!(s.line, 55);
    let s = sentences
        .iter()
        .find(|s| s.text.starts_with("中国先贤讲"))
        .unwrap();
    assert_eq!(s.text, "中国先贤讲：“兼相爱，交相利。”");
}
