//! Folding for matching ([`fold`] with [`FoldOptions::matching`]) of the
//! characters zh–en text is mostly made of, one character at a time.
//!
//! `check` folds every source (term search, numbers) and many targets (en
//! dashes, curly quotes) with an offset map; the general fold walks
//! combining sequences, asks the NFKC tables and calls a closure per
//! character, which profiling showed at ~290 instructions a character on
//! Chinese sources. Here a text qualifies when every character is ASCII,
//! a CJK unified ideograph, full-width ASCII or one of a few common CJK and
//! typographic punctuation marks: each of those is a starter that folds
//! alone to one known character (the tests fold every one of them with
//! [`fold`] and compare). Any other character and the caller falls back to
//! [`fold`]. The result is the same text and the same offsets.
//!
//! [`fold`]: super::normalize::fold
//! [`FoldOptions::matching`]: super::normalize::FoldOptions::matching
//!
//! ```
//! use concord::text::quick_fold::quick_fold;
//! let q = quick_fold("中国－中亚，“精神”").unwrap();
//! assert_eq!(q.text, "中国-中亚,\"精神\"");
//! assert_eq!(q.original_range(7..13), 9..15); // 中亚
//! assert!(quick_fold("ﬁ①").is_none());
//! ```

use std::ops::Range;

use crate::text::token::is_common_han_at;

/// A text folded by [`quick_fold`], with the map back to the original
/// (answering as [`super::normalize::Folded`]'s per-byte map does).
///
/// The map is kept as runs, not per byte: most of a folded text is the
/// original's bytes at the original's offsets (ASCII, Han characters),
/// and only a few characters fold to another length (a full-width comma,
/// a dash, white space runs). Writing two offsets per byte was most of
/// folding every source of a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuickFold {
    /// The folded text.
    pub text: String,
    /// The stretches of `text`, in order, at least one when it is not
    /// empty (see [`Run`]).
    runs: Vec<Run>,
    original_len: usize,
}

/// A stretch of folded text starting at byte `folded`, which came from the
/// original text at byte `original`.
///
/// With `changed` 0 the stretch is aligned: each of its characters stands
/// for one original character of the same length at the same distance from
/// the start (copied, or folded to another character of that length, like
/// the backtick). Otherwise the stretch is one character that stands for
/// the `changed` bytes of one original character (`，` → `,`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    folded: u32,
    original: u32,
    changed: u32,
}

impl QuickFold {
    /// The original byte range covering the folded range, as
    /// [`super::normalize::Folded::original_range`].
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self
            .char_at(range.start)
            .map_or(self.original_len, |c| c.start);
        if range.end <= range.start {
            return start..start;
        }
        let end = self
            .char_at(range.end - 1)
            .map_or(self.original_len, |c| c.end);
        start..end.max(start)
    }

    /// The original character that folded byte `p` stands for, or None
    /// past the end of the text.
    fn char_at(&self, p: usize) -> Option<Range<usize>> {
        let bytes = self.text.as_bytes();
        bytes.get(p)?;
        let run = self.runs[self.runs.partition_point(|r| r.folded as usize <= p) - 1];
        let (folded, original) = (run.folded as usize, run.original as usize);
        if run.changed > 0 {
            return Some(original..original + run.changed as usize);
        }
        // The folded character holding `p` (runs start on characters).
        let mut at = p;
        while at > folded && bytes.get(at).is_some_and(|&b| b & 0xC0 == 0x80) {
            at -= 1;
        }
        let len = match bytes.get(at) {
            Some(&b) if b < 0x80 => 1,
            Some(&b) if b >= 0xF0 => 4,
            Some(&b) if b >= 0xE0 => 3,
            _ => 2,
        };
        let start = original + (at - folded);
        Some(start..start + len)
    }
}

/// What a non-ASCII character folds to for matching, for the characters
/// handled here; None for every other character.
fn fold_char(c: char) -> Option<char> {
    Some(match c as u32 {
        // CJK unified ideographs: NFKC leaves them alone.
        0x4E00..=0x9FFF => c,
        // Full-width ASCII: NFKC gives the ASCII character.
        0xFF01..=0xFF5E => fold_ascii(char::from_u32(c as u32 - 0xFEE0)?),
        // 、。〈〉《》【】〔〕〖〗〘〙〚〛 and the middle dot stay.
        0x3001 | 0x3002 | 0x3008..=0x300B | 0x3010 | 0x3011 | 0x3014..=0x301B | 0x00B7 => c,
        // 「」『』〝〞 are quotes.
        0x300C..=0x300F | 0x301D | 0x301E => '"',
        // Hyphens and dashes.
        0x2010..=0x2015 => '-',
        // Curly single and double quotes.
        0x2018..=0x201B => '\'',
        0x201C..=0x201F => '"',
        _ => return None,
    })
}

/// What an ASCII character folds to (the backtick is an apostrophe).
fn fold_ascii(c: char) -> char {
    if c == '`' { '\'' } else { c }
}

/// True for the ASCII white space `char::is_whitespace` knows.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The end of the stretch from byte `i` that folding leaves as it is:
/// ASCII other than white space and the backtick, single spaces
/// (`last_space`: the byte before was a space that stays; updated), and
/// CJK unified ideographs U+4E00..=U+9FFF (which fold to themselves; known
/// from two bytes, as the tokeniser knows them). Copied whole, most of a
/// text is one `push_str` instead of a character-by-character walk.
fn unchanged_stretch_end(bytes: &[u8], mut i: usize, last_space: &mut bool) -> usize {
    while let Some(&b) = bytes.get(i) {
        if b == b' ' && !*last_space {
            *last_space = true;
            i += 1;
        } else if b.is_ascii() && b != b'`' && !is_ascii_space(b) {
            *last_space = false;
            i += 1;
        } else if is_common_han_at(bytes, i) {
            *last_space = false;
            i += 3;
        } else {
            break;
        }
    }
    i
}

/// The character starting at byte `i` of `text` and its folded form, or
/// None when it is not one this module handles. `i` is a character boundary.
fn fold_at(text: &str, i: usize) -> Option<(char, char)> {
    let c = text.get(i..)?.chars().next()?;
    Some((c, fold_char(c)?))
}

/// A text folded for matching with its offset map, by [`quick_fold`] when
/// it can and by the general [`fold`] otherwise: what a check computes once
/// per source and hands to the term search, the number reader, the
/// comparison key and the fuzzy tokens (each folded the source again before).
///
/// [`fold`]: super::normalize::fold
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchFolded {
    Quick(QuickFold),
    General(super::normalize::Folded),
}

impl MatchFolded {
    /// `text` folded for matching ([`super::normalize::FoldOptions::matching`]).
    pub fn of(text: &str) -> Self {
        match quick_fold(text) {
            Some(q) => MatchFolded::Quick(q),
            None => MatchFolded::General(super::normalize::fold(
                text,
                &super::normalize::FoldOptions::matching(),
            )),
        }
    }

    /// The folded text.
    pub fn text(&self) -> &str {
        match self {
            MatchFolded::Quick(q) => &q.text,
            MatchFolded::General(f) => &f.text,
        }
    }

    /// The original byte range covering the folded range.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        match self {
            MatchFolded::Quick(q) => q.original_range(range),
            MatchFolded::General(f) => f.original_range(range),
        }
    }

    /// The hash ([`crate::hash::fnv_str`]) of the original text's caseless
    /// comparison key (`check`'s `text_key`: folded, lower-cased, trimmed)
    /// when the quick fold made this one: that key is then this text
    /// trimmed and lower-cased (the quick fold only meets ASCII white space,
    /// and every character it folds to something with a case folds to
    /// ASCII). None after the general fold.
    pub(crate) fn caseless_key_hash(&self) -> Option<u64> {
        match self {
            MatchFolded::Quick(q) => Some(crate::hash::fnv_ascii_lowercase(q.text.trim())),
            MatchFolded::General(_) => None,
        }
    }
}

/// `text` folded for matching with its offset map, when every character
/// is one this module handles; None otherwise (use the general fold).
pub fn quick_fold(text: &str) -> Option<QuickFold> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut runs: Vec<Run> = Vec::with_capacity(16);
    // True when the next aligned character cannot join the last run (at
    // the start, after a changed character, after skipped white space).
    let mut broken = true;
    let mut last_space = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // The longest stretch copied as it is: ASCII other than white
        // space and the backtick, single spaces, and Han characters.
        let copy_from = i;
        i = unchanged_stretch_end(bytes, i, &mut last_space);
        if i > copy_from {
            join_aligned(&mut runs, &mut broken, out.len(), copy_from);
            out.push_str(text.get(copy_from..i)?);
            continue;
        }
        let aligned = |runs: &mut Vec<Run>, broken: &mut bool, folded: usize| {
            join_aligned(runs, broken, folded, i);
        };
        if b.is_ascii() {
            if is_ascii_space(b) {
                // Runs of white space fold to one space (only ASCII
                // white space gets here): the first stands for itself,
                // the rest are left out.
                if last_space {
                    broken = true;
                } else {
                    aligned(&mut runs, &mut broken, out.len());
                    out.push(' ');
                }
                last_space = true;
            } else {
                // The backtick, an apostrophe of the same length.
                aligned(&mut runs, &mut broken, out.len());
                out.push('\'');
                last_space = false;
            }
            i += 1;
            continue;
        }
        last_space = false;
        let (c, f) = fold_at(text, i)?;
        let end = i + c.len_utf8();
        if f == c {
            aligned(&mut runs, &mut broken, out.len());
            out.push_str(text.get(i..end)?);
        } else {
            runs.push(Run {
                folded: out.len() as u32,
                original: i as u32,
                changed: (end - i) as u32,
            });
            broken = true;
            out.push(f);
        }
        i = end;
    }
    Some(QuickFold {
        text: out,
        runs,
        original_len: text.len(),
    })
}

/// Makes the aligned text about to be appended at folded byte `folded`
/// (from original byte `original`) part of an aligned run: the last one,
/// unless `broken` says it cannot continue, then a new one.
fn join_aligned(runs: &mut Vec<Run>, broken: &mut bool, folded: usize, original: usize) {
    if *broken {
        runs.push(Run {
            folded: folded as u32,
            original: original as u32,
            changed: 0,
        });
        *broken = false;
    }
}

/// [`quick_fold`] without the offset map.
pub fn quick_fold_plain(text: &str) -> Option<String> {
    plain(text, false)
}

/// Like [`quick_fold_plain`], and lower-cased: the text
/// [`super::normalize::fold_plain`] gives with
/// [`super::normalize::FoldOptions::caseless`] (comparison keys), when
/// every character is one this module handles.
pub fn quick_fold_caseless_plain(text: &str) -> Option<String> {
    plain(text, true)
}

fn plain(text: &str, lowercase: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let copy_from = i;
        i = unchanged_stretch_end(bytes, i, &mut last_space);
        if i > copy_from {
            let start = out.len();
            out.push_str(text.get(copy_from..i)?);
            if let (true, Some(added)) = (lowercase, out.get_mut(start..)) {
                added.make_ascii_lowercase();
            }
            continue;
        }
        if b.is_ascii() {
            if is_ascii_space(b) {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
            } else {
                last_space = false;
                let f = if b == b'`' { b'\'' } else { b };
                out.push(char::from(if lowercase {
                    f.to_ascii_lowercase()
                } else {
                    f
                }));
            }
            i += 1;
            continue;
        }
        last_space = false;
        let (c, f) = fold_at(text, i)?;
        let end = i + c.len_utf8();
        if f == c {
            // Han characters and CJK punctuation have no case.
            out.push_str(text.get(i..end)?);
        } else {
            // Every other character handled here folds to ASCII.
            out.push(if lowercase { f.to_ascii_lowercase() } else { f });
        }
        i = end;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::{FoldOptions, fold, fold_plain};
    use unicode_normalization::char::canonical_combining_class;

    #[test]
    fn every_handled_character_folds_alone_as_the_general_fold_does() {
        let mut handled = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let quick = if c.is_ascii() {
                Some(fold_ascii(c))
            } else {
                fold_char(c)
            };
            let Some(f) = quick else { continue };
            handled += 1;
            let s = c.to_string();
            // A starter: the general fold never joins it with what follows.
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
            let general = fold(&s, &FoldOptions::matching()).text;
            let expected = if f.is_whitespace() {
                " ".to_string()
            } else {
                f.to_string()
            };
            assert_eq!(general, expected, "U+{:04X}", c as u32);
            let caseless = fold_plain(&s, &FoldOptions::caseless());
            assert_eq!(
                quick_fold_caseless_plain(&s).as_deref(),
                Some(caseless.as_str()),
                "U+{:04X}",
                c as u32
            );
            assert!(!f.is_whitespace() || c.is_ascii(), "U+{:04X}", c as u32);
        }
        assert!(handled > 20_000, "{handled}");
    }

    #[test]
    fn han_bytes_start_exactly_the_unified_ideographs() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let unified = ('\u{4E00}'..='\u{9FFF}').contains(&c);
            assert_eq!(is_common_han_at(bytes, 0), unified, "U+{:04X}", c as u32);
            if unified {
                assert_eq!(fold_char(c), Some(c));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn same_text_and_offsets_as_the_general_fold(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "Ｚ", "ｚ", "İ", "ẞ", "`", " ", "  ", "\t", "\n ", "\r\n", "中", "国", "，", "。", "－", "–",
                "—", "‑", "“", "”", "‘", "’", "「", "」", "《", "》", "（", "）", "Ａ", "１",
                "　", "é", "e\u{301}", "①", "ﬁ", "·", "…", "\u{b}", "\u{a0}", "、", "～",
                "一", "丁", "亿", "鿿", "䷀", "㐀", "䶿", "\u{4DFF}", "\u{A000}", "B",
            ]), 0..16)
        ) {
            let text: String = parts.concat();
            let general = fold(&text, &FoldOptions::matching());
            match quick_fold(&text) {
                Some(q) => {
                    proptest::prop_assert_eq!(&q.text, &general.text);
                    let plain = quick_fold_plain(&text);
                    proptest::prop_assert_eq!(plain.as_deref(), Some(general.text.as_str()));
                    let caseless = fold_plain(&text, &FoldOptions::caseless());
                    let quick = quick_fold_caseless_plain(&text);
                    proptest::prop_assert_eq!(quick.as_deref(), Some(caseless.as_str()));
                    for a in 0..=q.text.len() {
                        for b in a..=q.text.len() + 1 {
                            proptest::prop_assert_eq!(
                                q.original_range(a..b),
                                general.original_range(a..b),
                                "{}..{}", a, b
                            );
                        }
                    }
                }
                None => {
                    proptest::prop_assert!(quick_fold_plain(&text).is_none());
                proptest::prop_assert!(quick_fold_caseless_plain(&text).is_none());
                    proptest::prop_assert!(text.chars().any(|c| !c.is_ascii() && fold_char(c).is_none()));
                }
            }
        }
    }
}
