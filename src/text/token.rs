//! Tokens as translators count them: one per Han character, one per Latin
//! word, one per number, one per punctuation mark.
//!
//! Chinese has no spaces, and CAT tools (OmegaT, memoQ, Trados) count a Han
//! character as a word for matching and statistics; English words are split at
//! spaces, hyphens and apostrophes so that "China-Central Asia" and
//! "China–Central Asia" give the same words. Tokenise *folded* text (see
//! [`super::normalize`]) so full-width letters and digits are already ASCII.
//!
//! ```
//! use concord::text::token::{tokens, TokenKind};
//! let t = tokens("共建“一带一路” 3,000 Belt-and-Road");
//! let words: Vec<_> = t.iter().map(|t| t.text).collect();
//! assert_eq!(words, ["共", "建", "“", "一", "带", "一", "路", "”", "3,000", "Belt", "-", "and", "-", "Road"]);
//! assert_eq!(t[8].kind, TokenKind::Number);
//! ```

use std::sync::OnceLock;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenKind {
    /// One Han character (or another character of a script written without spaces: kana, Hangul).
    Han,
    /// A run of letters (and digits mixed into letters, as in "G20").
    Word,
    /// Digits, with `,` or `.` between digits ("3,000", "1.2").
    Number,
    /// Any other visible character.
    Punct,
}

/// A token: its kind, its text and its byte range in the tokenised string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: TokenKind,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// True for Han ideographs (CJK unified, extensions, compatibility) and the
/// iteration mark 々/〇.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3005 | 0x3007
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F
        | 0x30000..=0x323AF)
}

/// True for characters that form one token each (Han, kana, Hangul syllables).
pub fn is_unspaced(c: char) -> bool {
    is_han(c)
        || matches!(c as u32,
            0x3040..=0x30FF   // hiragana, katakana
            | 0xAC00..=0xD7AF // Hangul syllables
        )
}

/// True when folding for matching ([`super::normalize::FoldOptions::matching`])
/// leaves `text` as it is: ASCII without a backtick (folded to an
/// apostrophe) and without white space other than single spaces (runs and
/// tabs fold to one space). Most English targets qualify, and callers then
/// tokenise the text itself instead of a folded copy with an offset map.
pub fn matching_fold_is_identity(text: &str) -> bool {
    // Five vectorised scans (std's word-at-a-time ASCII test, memchr's
    // SIMD searches) instead of a loop with four tests a byte: every
    // target of a check is asked, and the loop was ~8 instructions a byte.
    let b = text.as_bytes();
    text.is_ascii()
        && memchr::memchr3(b'`', b'\t', b'\n', b).is_none()
        && memchr::memchr3(0x0B, 0x0C, b'\r', b).is_none()
        && double_space_at(b).is_none()
}

/// Where `b` first has two ASCII spaces in a row. One searcher for the
/// process (`memmem::find` builds one per call).
pub(crate) fn double_space_at(b: &[u8]) -> Option<usize> {
    static DOUBLE_SPACE: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    DOUBLE_SPACE
        .get_or_init(|| memchr::memmem::Finder::new(b"  "))
        .find(b)
}

/// Splits `text` into tokens; white space separates tokens and is dropped.
///
/// ASCII bytes are classified without decoding characters (English
/// targets are nearly all ASCII, and this ran over every target several
/// times a check); other characters as before. `tokens_by_char` in the
/// tests is the plain version this must agree with.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    if text.is_ascii() {
        ascii_tokens(text, &mut out);
    } else {
        out.extend(token_iter(text));
    }
    out
}

/// Classes of a byte of an ASCII text for [`ascii_tokens`], one table load
/// instead of the range tests of `is_ascii_alphanumeric` and
/// `char::is_whitespace` (a test compares them for every byte).
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const SPACE: u8 = 4;
static ASCII_CLASS: [u8; 256] = ascii_classes();

const fn ascii_classes() -> [u8; 256] {
    let mut classes = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        classes[b] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if matches!(c, b'\t'..=b'\r' | b' ') {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    classes
}

/// [`tokens`] of an ASCII text, byte by byte with no character decoding
/// (a check tokenises every English target; the general loop cost about
/// forty instructions a byte).
fn ascii_tokens<'a>(text: &'a str, out: &mut Vec<Token<'a>>) {
    let b = text.as_bytes();
    let mut push = |kind, start, end| {
        out.push(Token {
            kind,
            text: text.get(start..end).unwrap_or_default(),
            start,
            end,
        })
    };
    let class = |c: u8| ASCII_CLASS[usize::from(c)];
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let k = class(c);
        if k & SPACE != 0 {
            i += 1;
            continue;
        }
        if k & (LETTER | DIGIT) == 0 {
            push(TokenKind::Punct, i, i + 1);
            i += 1;
            continue;
        }
        let start = i;
        let mut has_letter = k & LETTER != 0;
        i += 1;
        while let Some(&d) = b.get(i) {
            let k = class(d);
            if k & (LETTER | DIGIT) != 0 {
                has_letter |= k & LETTER != 0;
            } else if has_letter
                || !(d == b',' || d == b'.')
                || b.get(i + 1).is_none_or(|&n| class(n) & DIGIT == 0)
            {
                break;
            }
            // (a separator between digits stays in the number: "3,000")
            i += 1;
        }
        let kind = if has_letter {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        push(kind, start, i);
    }
}

/// The tokens of [`tokens`] one at a time, for a caller that looks at
/// each once (a `Vec` of a target's tokens is ten bytes per byte of text).
pub fn token_iter(text: &str) -> TokenIter<'_> {
    TokenIter { text, start: 0 }
}

/// See [`token_iter`].
#[derive(Debug, Clone)]
pub struct TokenIter<'a> {
    text: &'a str,
    start: usize,
}

impl<'a> Iterator for TokenIter<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut start = self.start;
        while start < bytes.len() {
            let b = bytes[start];
            if is_common_han_at(bytes, start) {
                // Most characters of a Chinese text: one token of three
                // bytes, known without decoding or classifying it.
                let end = start + 3;
                self.start = end;
                return Some(Token {
                    kind: TokenKind::Han,
                    text: text.get(start..end).unwrap_or_default(),
                    start,
                    end,
                });
            }
            let c = if b.is_ascii() {
                char::from(b)
            } else {
                match text.get(start..).and_then(|rest| rest.chars().next()) {
                    Some(c) => c,
                    None => break,
                }
            };
            if c.is_whitespace() {
                start += c.len_utf8();
                continue;
            }
            let (kind, end) = token_at(text, start, b, c);
            self.start = end;
            return Some(Token {
                kind,
                text: text.get(start..end).unwrap_or_default(),
                start,
                end,
            });
        }
        self.start = bytes.len();
        None
    }
}

/// True when the character at `i` (a character boundary) is a CJK unified
/// ideograph of U+4E00..=U+9FFF, from its first two UTF-8 bytes: E5–E9
/// lead U+5000..=U+9FFF, and E4 followed by B8–BF leads U+4E00..=U+4FFF
/// (the rest of E4 holds extension A, but also the Yijing hexagrams,
/// which are not Han: those take the general path).
pub(crate) fn is_common_han_at(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(0xE5..=0xE9) => true,
        Some(0xE4) => matches!(bytes.get(i + 1), Some(0xB8..=0xBF)),
        _ => false,
    }
}

/// The kind and end of the token starting at `start` with byte `b`,
/// character `c` (not white space).
fn token_at(text: &str, start: usize, b: u8, c: char) -> (TokenKind, usize) {
    let bytes = text.as_bytes();
    if b.is_ascii() && !b.is_ascii_alphanumeric() {
        (TokenKind::Punct, start + 1)
    } else if !b.is_ascii() && is_unspaced(c) {
        (TokenKind::Han, start + c.len_utf8())
    } else if c.is_alphanumeric() {
        let mut end = start + c.len_utf8();
        let mut has_letter = c.is_alphabetic();
        while let Some(&d) = bytes.get(end) {
            if d.is_ascii() {
                if d.is_ascii_alphanumeric() {
                    has_letter |= d.is_ascii_alphabetic();
                    end += 1;
                } else if !has_letter
                    && (d == b',' || d == b'.')
                    && bytes.get(end + 1).is_some_and(|b| b.is_ascii_digit())
                {
                    // "3,000" and "1.2": a separator between digits stays in the number.
                    end += 1;
                } else {
                    break;
                }
            } else {
                match text.get(end..).and_then(|rest| rest.chars().next()) {
                    Some(d) if d.is_alphanumeric() && !is_unspaced(d) => {
                        has_letter |= d.is_alphabetic();
                        end += d.len_utf8();
                    }
                    _ => break,
                }
            }
        }
        let kind = if has_letter {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        (kind, end)
    } else {
        (TokenKind::Punct, start + c.len_utf8())
    }
}

/// The Snowball (Porter 2) English stem of a lower-case word: "initiatives" →
/// "initi", "workshops" → "workshop". Used to match renderings across inflection.
pub fn stem_en(word: &str) -> String {
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    let stemmer =
        STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
    stemmer.stem(word).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokens(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn han_one_per_char_words_split_on_punct() {
        assert_eq!(
            texts("中国-中亚 China's G20"),
            ["中", "国", "-", "中", "亚", "China", "'", "s", "G20"]
        );
    }

    #[test]
    fn numbers_keep_separators_between_digits() {
        let t = tokens("1.2 million, 35%; 2025.");
        let kinds: Vec<_> = t.iter().map(|t| (t.text, t.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("1.2", TokenKind::Number),
                ("million", TokenKind::Word),
                (",", TokenKind::Punct),
                ("35", TokenKind::Number),
                ("%", TokenKind::Punct),
                (";", TokenKind::Punct),
                ("2025", TokenKind::Number),
                (".", TokenKind::Punct),
            ]
        );
    }

    #[test]
    fn ranges_point_into_input() {
        let s = "一带 road";
        for t in tokens(s) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
    }

    #[test]
    fn stems() {
        assert_eq!(stem_en("initiatives"), stem_en("initiative"));
        assert_eq!(stem_en("workshops"), "workshop");
    }

    /// The character-by-character tokeniser [`tokens`] replaced.
    fn tokens_by_char(text: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut iter = text.char_indices().peekable();
        while let Some((start, c)) = iter.next() {
            if c.is_whitespace() {
                continue;
            }
            let (kind, end) = if is_unspaced(c) {
                (TokenKind::Han, start + c.len_utf8())
            } else if c.is_alphanumeric() {
                let mut end = start + c.len_utf8();
                let mut has_letter = c.is_alphabetic();
                while let Some(&(i, d)) = iter.peek() {
                    if d.is_alphanumeric() && !is_unspaced(d) {
                        has_letter |= d.is_alphabetic();
                        end = i + d.len_utf8();
                        iter.next();
                    } else if !has_letter
                        && (d == ',' || d == '.')
                        && bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit())
                    {
                        end = i + 1;
                        iter.next();
                    } else {
                        break;
                    }
                }
                let kind = if has_letter {
                    TokenKind::Word
                } else {
                    TokenKind::Number
                };
                (kind, end)
            } else {
                (TokenKind::Punct, start + c.len_utf8())
            };
            out.push(Token {
                kind,
                text: &text[start..end],
                start,
                end,
            });
        }
        out
    }

    /// What [`matching_fold_is_identity`] answers, byte by byte: ASCII, no
    /// backtick, no white space but single spaces.
    fn fold_is_identity_by_byte(text: &str) -> bool {
        let mut last_space = false;
        text.bytes().all(|b| {
            let space = b == b' ';
            let ok = b.is_ascii()
                && b != b'`'
                && !(space && last_space)
                && (space || !(b as char).is_whitespace());
            last_space = space;
            ok
        })
    }

    #[test]
    fn ascii_classes_are_the_std_tests() {
        for b in 0..=127u8 {
            let k = ASCII_CLASS[usize::from(b)];
            assert_eq!(k & LETTER != 0, b.is_ascii_alphabetic(), "{b}");
            assert_eq!(k & DIGIT != 0, b.is_ascii_digit(), "{b}");
            assert_eq!(k & SPACE != 0, char::from(b).is_whitespace(), "{b}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_identity_equals_byte_test(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "3", ",", "'", "-", " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}",
                "\u{1c}", "\u{1f}", "\u{0}", "\u{7f}", "`", "é", "\u{a0}", "\u{85}",
                "\u{2028}", "–", "中", "Belt", "and",
            ]), 0..24)
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(matching_fold_is_identity(&text), fold_is_identity_by_byte(&text));
        }

        #[test]
        fn byte_tokeniser_equals_char_tokeniser(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "é", "Ü", "ß", "İ", "3", "٣", "²", "½", ",", ".", "'", "-", " ", "\t",
                "\u{a0}", "\u{3000}", "\u{85}", "\u{b}", "中", "国", "ア", "한", "，", "。",
                "“", "”", "–", "Ａ", "１", "G20", "3,000", "1.2", "\n", "\u{1F600}", "ǅ",
                "一", "丁", "亿", "鿿", "䷀", "㐀", "䶿", "\u{4DFF}", "\u{4E00}", "\u{9FFF}", "\u{A000}",
            ]), 0..20)
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(tokens(&text), tokens_by_char(&text));
            proptest::prop_assert_eq!(tokens(&text), token_iter(&text).collect::<Vec<_>>());
        }

        #[test]
        fn ascii_tokeniser_equals_char_tokeniser(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "3", "0", ",", ".", "'", "-", " ", "  ", "\t", "\n", "\r", "\u{b}",
                "\u{c}", "\u{1c}", "\u{1f}", "\u{0}", "\u{7f}", "`", "G20", "3,000", "1.2",
                "1,", ".5", "x,1", "%", "(", "Belt", "and", "Road",
            ]), 0..24)
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(tokens(&text), tokens_by_char(&text));
        }
    }
}
