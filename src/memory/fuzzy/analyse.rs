//! How a segment becomes the tokens the match percentage counts.
//!
//! One function, [`analyse`], used by [`super::TokenSeq`], the index and the
//! brute-force scan alike, so the three can never disagree on what a token is.

use std::cell::RefCell;
use std::collections::HashMap;

use unicode_normalization::char::canonical_combining_class;

use crate::text::normalize::fold_str;
use crate::text::token::{TokenKind, token_iter};

/// The content token every number stands for: a different amount is a number
/// difference (98%), not an edit. NUL cannot occur in a word.
pub(crate) const NUMBER: &str = "\u{0}#";

/// What the score needs from one text, besides its content tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Keys {
    /// The folded text, trimmed: equal keys mean a 100% match.
    pub exact: String,
    /// The numbers in order, digits only (`3,000` = `3000`), space-separated.
    pub numbers: String,
}

/// Folds `text`, calls `content` once per content token in order (Han
/// character, lower-cased word, or [`NUMBER`]; punctuation is skipped), and
/// returns the keys for the tie-break tiers.
pub(crate) fn analyse(text: &str, content: impl FnMut(&str)) -> Keys {
    let folded = fold_fast(text);
    let mut numbers = String::new();
    content_tokens(&folded, content, |n| {
        if !numbers.is_empty() {
            numbers.push(' ');
        }
        numbers.extend(n.chars().filter(|&c| c != ','));
    });
    Keys {
        exact: folded.trim().to_owned(),
        numbers,
    }
}

/// [`analyse`]'s content tokens of a text already folded for matching
/// (as [`fold_fast`] folds: `check` has each source folded already), with
/// `number` called on the text of each number as well.
pub(crate) fn content_tokens(
    folded: &str,
    mut content: impl FnMut(&str),
    mut number: impl FnMut(&str),
) {
    let mut lower = String::new();
    for t in token_iter(folded) {
        match t.kind {
            TokenKind::Han => content(t.text),
            TokenKind::Word => {
                if t.text.chars().any(char::is_uppercase) {
                    lower.clear();
                    lower.extend(t.text.chars().flat_map(char::to_lowercase));
                    content(&lower);
                } else {
                    content(t.text);
                }
            }
            TokenKind::Number => {
                number(t.text);
                content(NUMBER);
            }
            TokenKind::Punct => {}
        }
    }
}

/// [`fold_str`] without the offset map, fast on the common case.
///
/// Indexing a million units spends most of its time folding; `fold_str`
/// builds an offset map and normalises character by character. Here ASCII
/// letters and digits, spaces and CJK unified ideographs (which NFKC and the
/// dash/quote folding leave alone) are copied, and every other character is
/// folded by `fold_str` itself once per thread and cached, so the result is
/// `fold_str`'s. Text with combining marks goes to `fold_str` whole (they
/// compose with the character before).
pub(crate) fn fold_fast(text: &str) -> String {
    thread_local! {
        static FOLDED: RefCell<HashMap<char, Box<str>>> = RefCell::new(HashMap::new());
    }
    if text
        .chars()
        .any(|c| !c.is_ascii() && canonical_combining_class(c) != 0)
    {
        return fold_str(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last_was_space = false;
    FOLDED.with_borrow_mut(|cache| {
        for c in text.chars() {
            if c.is_whitespace() {
                if !last_was_space {
                    out.push(' ');
                    last_was_space = true;
                }
                continue;
            }
            if c.is_ascii_alphanumeric() || matches!(c as u32, 0x4E00..=0x9FFF) {
                out.push(c);
            } else {
                let folded = cache
                    .entry(c)
                    .or_insert_with(|| fold_str(c.encode_utf8(&mut [0; 4])).into_boxed_str());
                if folded.as_ref() == " " {
                    if last_was_space {
                        continue;
                    }
                    last_was_space = true;
                    out.push(' ');
                    continue;
                }
                out.push_str(folded);
            }
            last_was_space = false;
        }
    });
    out
}

/// The score from the edit distance `d` over content tokens, the longer
/// content length `m`, and whether the tie-break keys are equal. See
/// [`super::score`] for the definition.
pub(crate) fn grade(d: usize, m: usize, same_text: bool, same_numbers: bool) -> u8 {
    if d == 0 {
        if same_text {
            100
        } else if same_numbers {
            99
        } else {
            98
        }
    } else {
        // d > 0 implies m > 0 and d <= m.
        let pct = 100 * (m - d.min(m)) / m.max(1);
        pct.min(97) as u8
    }
}

/// 64-bit FNV-1a: a stable hash (it is written into saved index files).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(s: &str) -> (Vec<String>, Keys) {
        let mut out = Vec::new();
        let keys = analyse(s, |t| out.push(t.to_owned()));
        (out, keys)
    }

    #[test]
    fn han_words_numbers_punct() {
        let (c, k) = content("贸易额增长35%，China‘s GDP 3,000");
        assert_eq!(
            c,
            [
                "贸", "易", "额", "增", "长", NUMBER, "china", "s", "gdp", NUMBER
            ]
        );
        assert_eq!(k.numbers, "35 3000");
    }

    #[test]
    fn fold_fast_is_fold_str() {
        for s in [
            "弘扬“中国－中亚精神”　推动 合作",
            "ＣＨＩＮＡ\u{3000}\u{3000}２０２５ — ‘x’ `y` «z»",
            "a \t\n　b\u{a0}c",
            "Cafe\u{301} ㎒ ﬁ Ⅻ ① ¼",
            "，。、；：（）【】《》！？",
            "",
        ] {
            assert_eq!(fold_fast(s), fold_str(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_fast_equals_fold_str_on_mixed_text(s in "[a-zA-Z0-9 \t　中国－—–“”‘’「」，。％＋①ﬁ㎒é\u{301}`\"'-]{0,40}") {
            proptest::prop_assert_eq!(fold_fast(&s), fold_str(&s));
        }
    }

    #[test]
    fn grade_tiers() {
        assert_eq!(grade(0, 10, true, true), 100);
        assert_eq!(grade(0, 10, false, true), 99);
        assert_eq!(grade(0, 10, false, false), 98);
        assert_eq!(grade(1, 200, false, false), 97);
        assert_eq!(grade(3, 10, false, false), 70);
        assert_eq!(grade(10, 10, false, true), 0);
    }
}
