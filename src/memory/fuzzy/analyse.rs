//! How a segment becomes the tokens the match percentage counts.
//!
//! One function, [`analyse`], used by [`super::TokenSeq`], the index and the
//! brute-force scan alike, so the three can never disagree on what a token is.

use crate::text::normalize::fold_str;
use crate::text::token::{TokenKind, tokens};

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
pub(crate) fn analyse(text: &str, mut content: impl FnMut(&str)) -> Keys {
    let folded = fold_str(text);
    let mut numbers = String::new();
    let mut lower = String::new();
    for t in tokens(&folded) {
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
                if !numbers.is_empty() {
                    numbers.push(' ');
                }
                numbers.extend(t.text.chars().filter(|&c| c != ','));
                content(NUMBER);
            }
            TokenKind::Punct => {}
        }
    }
    Keys {
        exact: folded.trim().to_owned(),
        numbers,
    }
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
    fn grade_tiers() {
        assert_eq!(grade(0, 10, true, true), 100);
        assert_eq!(grade(0, 10, false, true), 99);
        assert_eq!(grade(0, 10, false, false), 98);
        assert_eq!(grade(1, 200, false, false), 97);
        assert_eq!(grade(3, 10, false, false), 70);
        assert_eq!(grade(10, 10, false, true), 0);
    }
}
