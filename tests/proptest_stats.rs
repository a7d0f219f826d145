//! Property tests of the allocation-free paths `concord stats` uses: the
//! map-free fold gives the same text as the fold with offset maps, and the
//! streaming word counter counts what the tokenizer finds in folded text.

use concord::stats::{count_chars, count_text, count_words};
use concord::text::normalize::{FoldOptions, fold, fold_plain};
use concord::text::token::{TokenKind, tokens};
use proptest::prelude::*;

/// Characters at the edges of folding and tokenising (separators between
/// digits, full-width digits and punctuation, combining marks, unspaced
/// scripts), mixed with arbitrary ones.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            'a', 'Z', '0', '7', ',', '.', ' ', '\t', '\n', '-', '\'', '"',
            '，', '．', '。', '、', '０', '９', 'Ａ', 'ｚ', '　', '\u{A0}',
            '－', '—', '“', '”', '‘', '’', '㎒', 'ﬁ', '①', '²', '٣', 'Ⅻ',
            '\u{301}', '\u{308}', 'é', 'İ', 'ß', '中', '国', '々', '〇',
            'か', 'カ', '가', 'ᄀ', '𠀀', '\u{F900}', '😀', '%', '$', '\x0B', '\x0C', '\x1C', '\u{85}', '\u{3000}',
        ]),
        1 => any::<char>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(interesting_char(), 0..32).prop_map(|v| v.into_iter().collect())
}

fn reference_words(text: &str) -> u64 {
    let folded = fold(text, &FoldOptions::matching()).text;
    tokens(&folded)
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Han | TokenKind::Word | TokenKind::Number))
        .count() as u64
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn fold_plain_is_fold_without_the_map(s in text()) {
        let mut lower = FoldOptions::none();
        lower.lowercase = true;
        for opts in [FoldOptions::matching(), FoldOptions::caseless(), FoldOptions::none(), lower] {
            prop_assert_eq!(fold_plain(&s, &opts), fold(&s, &opts).text);
        }
    }

    #[test]
    fn word_counter_agrees_with_tokens(s in text()) {
        prop_assert_eq!(count_words(&s), reference_words(&s));
        prop_assert_eq!(count_text(&s), (count_words(&s), count_chars(&s)));
    }
}

#[test]
fn numbers_and_separators() {
    for s in [
        "3,000",
        "1.2.3",
        "1,,2",
        "1,a",
        "a1,2",
        "1, 2",
        "３，０００",
        "1,٣",
        "²,1",
        "G20.5",
        "中国3,000人",
        "1.",
        ",1",
        "1,2a,3",
        "ｚ１，２",
    ] {
        assert_eq!(count_words(s), reference_words(s), "{s:?}");
    }
    assert_eq!(count_words("3,000 Belt-and-Road 一带"), 1 + 3 + 2);
}
