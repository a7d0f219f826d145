//! The fuzzy index returns exactly what a brute-force scan returns.

use concord::memory::fuzzy::{Index, Match, TokenSeq, score};
use concord::model::Unit;
use proptest::prelude::*;

/// Pieces from a small alphabet so that near matches, repeated bigrams and
/// number/case/punctuation-only differences are common.
const PIECES: &[&str] = &[
    "中", "国", "亚", "合", "作", "发", "展", "，", "。", " ", "Belt", "belt", "road", "1", "2",
    "3,000", "－", "-",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn units(texts: &[String]) -> Vec<Unit> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if i % 17 == 16 {
                // Now and then a unit without the source language.
                Unit::bilingual(None, "en", t, "fr", "x")
            } else {
                Unit::bilingual(Some(format!("u{i}")), "zh-CN", t, "en", "x")
            }
        })
        .collect()
}

/// A query: a unit edited a little, or a fresh text.
fn query(texts: Vec<String>) -> impl Strategy<Value = (Vec<String>, String)> {
    let n = texts.len();
    (
        0..n.max(1),
        prop::collection::vec((0usize..60, prop::sample::select(PIECES), 0u8..3), 0..4),
        text(),
        any::<bool>(),
    )
        .prop_map(move |(pick, edits, fresh, use_fresh)| {
            let q = if use_fresh || texts.is_empty() {
                fresh
            } else {
                let mut chars: Vec<String> = texts[pick].chars().map(String::from).collect();
                for (at, piece, op) in edits {
                    let at = at.min(chars.len());
                    match op {
                        0 => chars.insert(at, piece.to_string()),
                        1 if at < chars.len() => chars[at] = piece.to_string(),
                        _ if at < chars.len() => {
                            chars.remove(at);
                        }
                        _ => {}
                    }
                }
                chars.concat()
            };
            (texts.clone(), q)
        })
}

fn case() -> impl Strategy<Value = (Vec<String>, String, u8, usize)> {
    (
        prop::collection::vec(text(), 0..60).prop_flat_map(query),
        0u8..=100,
        prop::sample::select(vec![1usize, 2, 5, 30, usize::MAX]),
    )
        .prop_map(|((t, q), min, limit)| (t, q, min, limit))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn index_equals_brute_force((texts, q, min, limit) in case()) {
        let units = units(&texts);
        let index = Index::build(&units, &"zh-CN".into());
        let fast = index.search(&q, min, limit);
        let slow = index.search_exhaustive(&q, min, limit);
        prop_assert_eq!(&fast, &slow);
        // And the exhaustive scan agrees with the documented score.
        let qs = TokenSeq::new(&q);
        let all = index.search_exhaustive(&q, 0, usize::MAX);
        let mut expected: Vec<Match> = units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.variants[0].lang.as_str() == "zh-CN")
            .map(|(i, u)| Match { unit: i, score: score(&qs, &TokenSeq::new(&u.variants[0].segment.plain_text())) })
            .collect();
        expected.sort_by(|a, b| b.score.cmp(&a.score).then(a.unit.cmp(&b.unit)));
        prop_assert_eq!(all, expected);
    }
}

#[test]
fn high_thresholds_and_ties() {
    let texts: Vec<String> = [
        "中国发展",
        "中国发展。",
        "中国发展",
        "中国 发展",
        "中国发展1",
        "中国发",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let units = units(&texts);
    let index = Index::build(&units, &"zh-CN".into());
    let found = index.search("中国发展", 98, 10);
    assert_eq!(
        found,
        [
            Match {
                unit: 0,
                score: 100
            },
            Match {
                unit: 2,
                score: 100
            },
            Match { unit: 1, score: 99 },
            Match { unit: 3, score: 99 },
        ]
    );
    assert_eq!(found, index.search_exhaustive("中国发展", 98, 10));
    assert_eq!(index.search("中国发展", 70, 10).len(), 6);
}

#[test]
fn empty_tm_and_one_character_query() {
    let index = Index::build(&[], &"zh-CN".into());
    assert!(index.search("中", 0, 5).is_empty());
    let units = units(&["中".to_string(), "中国".to_string(), "国".to_string()]);
    let index = Index::build(&units, &"zh-CN".into());
    assert_eq!(
        index.search("中", 50, 5),
        [
            Match {
                unit: 0,
                score: 100
            },
            Match { unit: 1, score: 50 }
        ]
    );
    assert_eq!(
        index.search("中", 50, 5),
        index.search_exhaustive("中", 50, 5)
    );
}

/// More units than one counting block (32,768), so matches in later blocks
/// and lists spanning blocks are exercised.
#[test]
fn many_units_across_counting_blocks() {
    let alphabet: Vec<char> = "中国亚合作发展新年共同友好".chars().collect();
    let mut state = 12345u64;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let texts: Vec<String> = (0..70_000)
        .map(|_| {
            (0..4 + next() % 6)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect()
        })
        .collect();
    let units = units(&texts);
    let index = Index::build(&units, &"zh-CN".into());
    for (q, min) in [
        (texts[69_990].clone(), 70),
        (texts[40_000].clone(), 60),
        (texts[5].clone(), 80),
        ("中国亚合作发展".to_string(), 50),
    ] {
        let fast = index.search(&q, min, usize::MAX);
        assert!(!fast.is_empty(), "{q}");
        assert_eq!(
            fast,
            index.search_exhaustive(&q, min, usize::MAX),
            "{q} {min}"
        );
    }
}

/// Units of one length more numerous than a counting block (32,768): a
/// length's slots are counted in several blocks. With a top-k limit the
/// threshold rises while scanning; the answer must not change.
#[test]
fn one_length_across_counting_blocks_and_rising_threshold() {
    let alphabet: Vec<char> = "中国亚合作发展新年共同友好".chars().collect();
    let mut state = 987u64;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let texts: Vec<String> = (0..80_000)
        .map(|i| {
            // Most units of 8 tokens, some of 6–10 around them.
            let len = if i % 5 == 0 { 6 + next() % 5 } else { 8 };
            (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect()
        })
        .collect();
    let units = units(&texts);
    let index = Index::build(&units, &"zh-CN".into());
    for (q, min) in [
        (texts[79_999].clone(), 70),
        (texts[33_000].clone(), 60),
        (texts[3].clone(), 75),
        ("中国亚合作发展新年".to_string(), 50),
    ] {
        for limit in [1, 5, 40, usize::MAX] {
            let fast = index.search(&q, min, limit);
            assert!(!fast.is_empty(), "{q}");
            assert_eq!(
                fast,
                index.search_exhaustive(&q, min, limit),
                "{q} {min} {limit}"
            );
        }
    }
}
