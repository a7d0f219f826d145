//! Folding text so that spellings a reader treats as the same compare equal,
//! with a map from every folded offset back to the original.
//!
//! Chinese political texts write 中国－中亚 with a full-width hyphen-minus,
//! an em dash or an ASCII hyphen depending on the outlet; English ones mix
//! "China–Central Asia" (en dash) with "China-Central Asia". Matching has to
//! see through that, but reports have to point at the original characters —
//! hence [`Folded`], which keeps, for every byte of the folded text, the byte
//! offset of the original character it came from.
//!
//! ```
//! use concord::text::normalize::{fold, FoldOptions};
//! let a = fold("中国－中亚精神", &FoldOptions::matching());
//! let b = fold("中国—中亚精神", &FoldOptions::matching());
//! assert_eq!(a.text, b.text);
//! assert_eq!(a.text, "中国-中亚精神");
//! // "中亚" starts at folded byte 7 and at original byte 9 (－ is 3 bytes).
//! assert_eq!(a.original_offset(7), 9);
//! ```

use std::ops::Range;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Which foldings to apply. Each is a pure character mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldOptions {
    /// Unicode NFKC: full-width Latin and digits to ASCII, compatibility forms.
    pub nfkc: bool,
    /// Every dash and hyphen (－ — – ‐ ‑ ‒ ― − ﹣ ⸺ ⸻) to `-`.
    pub dashes: bool,
    /// Curly, corner and guillemet quotes to `"` and `'`.
    pub quotes: bool,
    /// Any white space (U+3000, no-break space, tabs, newlines) to one space per run.
    pub whitespace: bool,
    /// Lower-case (for case-insensitive English matching).
    pub lowercase: bool,
}

impl FoldOptions {
    /// Everything but case: for Chinese terms and for case-sensitive English.
    pub fn matching() -> Self {
        FoldOptions {
            nfkc: true,
            dashes: true,
            quotes: true,
            whitespace: true,
            lowercase: false,
        }
    }
    /// Everything including case: for case-insensitive English.
    pub fn caseless() -> Self {
        FoldOptions {
            lowercase: true,
            ..Self::matching()
        }
    }
    /// No folding at all (the identity, with an identity map).
    pub fn none() -> Self {
        FoldOptions {
            nfkc: false,
            dashes: false,
            quotes: false,
            whitespace: false,
            lowercase: false,
        }
    }
}

impl Default for FoldOptions {
    fn default() -> Self {
        Self::matching()
    }
}

/// Folded text plus the map back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the byte offset in the original of the
    /// character (or combining sequence) it was produced from.
    map: Vec<u32>,
    /// For each byte of `text`, the end (exclusive) of that original character.
    ends: Vec<u32>,
    original_len: usize,
}

impl Folded {
    /// The original byte offset where the folded byte `offset` came from.
    /// `offset == text.len()` maps to the end of the original.
    pub fn original_offset(&self, offset: usize) -> usize {
        if offset >= self.map.len() {
            self.original_len
        } else {
            self.map[offset] as usize
        }
    }

    /// The original byte range covering the folded range: from the start of the
    /// character that produced `range.start` to the end of the character that
    /// produced the last byte of the range.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.original_offset(range.start);
        if range.end <= range.start {
            return start..start;
        }
        let end = if range.end > self.ends.len() {
            self.original_len
        } else {
            self.ends[range.end - 1] as usize
        };
        start..end.max(start)
    }

    /// Length of the original text.
    pub fn original_len(&self) -> usize {
        self.original_len
    }
}

/// Maps one (already NFKC-normalised) character.
fn fold_char(c: char, opts: &FoldOptions) -> char {
    if opts.dashes && is_dash(c) {
        return '-';
    }
    if opts.quotes {
        match c {
            '“' | '”' | '„' | '‟' | '«' | '»' | '「' | '」' | '『' | '』' | '〝' | '〞' | '＂' =>
            {
                return '"';
            }
            '‘' | '’' | '‚' | '‛' | '‹' | '›' | '＇' | '`' => return '\'',
            _ => {}
        }
    }
    c
}

/// True for the dash and hyphen family that texts use interchangeably.
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '－'
            | '—'
            | '–'
            | '‐'
            | '‑'
            | '‒'
            | '―'
            | '−'
            | '﹣'
            | '﹘'
            | '⸺'
            | '⸻'
            | '⁃'
    )
}

/// Folds `input` with `opts`.
pub fn fold(input: &str, opts: &FoldOptions) -> Folded {
    let mut text = String::with_capacity(input.len());
    let mut map = Vec::with_capacity(input.len());
    let mut ends = Vec::with_capacity(input.len());
    fold_each(input, opts, |c, start, end| {
        let before = text.len();
        text.push(c);
        for _ in before..text.len() {
            map.push(start as u32);
            ends.push(end as u32);
        }
    });
    Folded {
        text,
        map,
        ends,
        original_len: input.len(),
    }
}

/// Folds `input` with `opts`, without the offset map: for callers that only
/// compare or count folded text. Same text as `fold(input, opts).text`.
///
/// ```
/// use concord::text::normalize::{fold_plain, FoldOptions};
/// assert_eq!(fold_plain("中国－中亚　ＡＢ", &FoldOptions::matching()), "中国-中亚 AB");
/// ```
pub fn fold_plain(input: &str, opts: &FoldOptions) -> String {
    let mut text = String::with_capacity(input.len());
    fold_each(input, opts, |c, _, _| text.push(c));
    text
}

/// The folding itself: calls `emit(c, start, end)` for every character of
/// the folded text, with the byte range of the original character (or
/// combining sequence) it came from. [`fold`] builds the offset maps from
/// it; [`fold_plain`] and the word counter in `stats` only want the
/// characters, and profiling `concord stats` showed `fold` spending much of
/// its time filling maps those callers threw away.
pub fn fold_each(input: &str, opts: &FoldOptions, mut emit: impl FnMut(char, usize, usize)) {
    let mut last_was_space = false;
    let mut put = |c: char, start: usize, end: usize, last_was_space: &mut bool| {
        let c = fold_char(c, opts);
        if opts.whitespace && c.is_whitespace() {
            if !*last_was_space {
                emit(' ', start, end);
                *last_was_space = true;
            }
            return;
        }
        *last_was_space = false;
        if opts.lowercase && !c.is_lowercase() && c.is_alphabetic() {
            for lc in c.to_lowercase() {
                emit(lc, start, end);
            }
        } else {
            emit(c, start, end);
        }
    };

    // Walk the input in clusters: a starter and the combining marks after it,
    // so NFKC can compose "e + ◌́" into "é" and both map to the cluster start.
    let mut chars = input.char_indices().peekable();
    let mut pieces: Vec<char> = Vec::new();
    while let Some((start, first)) = chars.next() {
        let mut end = start + first.len_utf8();
        let mut marks = false;
        if opts.nfkc {
            while let Some(&(i, c)) = chars.peek() {
                if is_common_starter(c) || canonical_combining_class(c) == 0 {
                    break;
                }
                marks = true;
                end = i + c.len_utf8();
                chars.next();
            }
        }
        // The bulk of zh–en text: a character NFKC leaves alone, no marks
        // after it, and (being ASCII or Han) one lower-case form at most.
        if !marks && is_common_starter(first) {
            put(first, start, end, &mut last_was_space);
            continue;
        }
        pieces.clear();
        // The cluster's characters are contiguous in the input.
        let cluster = &input[start..end];
        if opts.nfkc && (marks || !nfkc_stable(first)) {
            pieces.extend(cluster.nfkc());
        } else {
            pieces.push(first);
        }
        // Lower-casing can leave marks out of canonical order ("İ" + U+0327
        // becomes "i" U+0307 U+0327): normalise such a cluster again, so that
        // folding twice gives what folding once gave.
        if opts.lowercase
            && opts.nfkc
            && (pieces.len() > 1 || pieces.iter().any(|c| c.to_lowercase().nth(1).is_some()))
        {
            let lowered: String = pieces
                .iter()
                .flat_map(|&c| {
                    let lower = !c.is_lowercase() && c.is_alphabetic();
                    let mut buf = [c, '\0', '\0'];
                    let mut n = 1;
                    if lower {
                        n = 0;
                        for lc in c.to_lowercase() {
                            if n < 3 {
                                buf[n] = lc;
                                n += 1;
                            }
                        }
                    }
                    buf.into_iter().take(n)
                })
                .collect();
            pieces.clear();
            pieces.extend(lowered.nfkc());
        }
        for &c in &pieces {
            put(c, start, end, &mut last_was_space);
        }
    }
}

/// ASCII and CJK Unified Ideographs (the bulk of zh–en text) are starters
/// (combining class 0) that NFKC leaves alone; testing the range first keeps
/// the Unicode table lookups off the hot path.
fn is_common_starter(c: char) -> bool {
    c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether NFKC maps `c`, alone, to itself, so `fold` can skip normalising it.
/// Profiling `concord stats` on a Chinese TMX showed `fold` spending most of
/// its time (and two allocations per character) running NFKC over single Han
/// characters that it cannot change; the quick check answers "yes" for
/// those without decomposing anything.
fn nfkc_stable(c: char) -> bool {
    is_common_starter(c) || is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// Folds for matching (NFKC, dashes, quotes, white space), without the map.
pub fn fold_str(input: &str) -> String {
    fold_plain(input, &FoldOptions::matching())
}

/// Folds for case-insensitive matching, without the map.
pub fn fold_caseless(input: &str) -> String {
    fold_plain(input, &FoldOptions::caseless())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path in `fold` skips NFKC only for characters it leaves alone:
    /// checked over every Unicode scalar value.
    #[test]
    fn nfkc_fast_path_is_exact() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if nfkc_stable(c) {
                let alone = c.to_string();
                assert_eq!(
                    alone.nfkc().collect::<String>(),
                    alone,
                    "U+{:04X}",
                    c as u32
                );
            }
            if is_common_starter(c) {
                assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn compatibility_forms_still_fold() {
        // U+F900 (CJK compatibility ideograph) → U+8C48; full-width letters and
        // digits → ASCII; e + combining acute → é; plain Han untouched.
        assert_eq!(fold_str("\u{F900}"), "\u{8C48}");
        assert_eq!(fold_str("ＡＢＣ１２３"), "ABC123");
        assert_eq!(fold_str("e\u{301}"), "é");
        assert_eq!(fold_str("中国同中亚"), "中国同中亚");
        let folded = fold("Ａ中\u{F900}e\u{301}", &FoldOptions::matching());
        assert_eq!(folded.text, "A中\u{8C48}é");
    }

    #[test]
    fn dash_variants_fold_alike() {
        let forms = [
            "中国－中亚精神",
            "中国—中亚精神",
            "中国-中亚精神",
            "中国–中亚精神",
            "中国‑中亚精神",
        ];
        for f in forms {
            assert_eq!(fold_str(f), "中国-中亚精神", "{f}");
        }
    }

    #[test]
    fn full_width_and_ideographic_space() {
        assert_eq!(fold_str("ＣＨＩＮＡ　２０２５"), "CHINA 2025");
        assert_eq!(
            fold_caseless("Belt　and\u{00A0}\u{00A0}Road"),
            "belt and road"
        );
    }

    #[test]
    fn quotes_fold() {
        assert_eq!(
            fold_str("“一带一路”「心联通」‘x’"),
            "\"一带一路\"\"心联通\"'x'"
        );
    }

    #[test]
    fn offsets_map_back_to_original_columns() {
        let original = "弘扬“中国－中亚精神”";
        let f = fold(original, &FoldOptions::matching());
        let at = f.text.find("中亚精神").unwrap();
        let range = f.original_range(at..at + "中亚精神".len());
        assert_eq!(&original[range], "中亚精神");
        let dash = f.text.find('-').unwrap();
        assert_eq!(&original[f.original_range(dash..dash + 1)], "－");
    }

    #[test]
    fn expansion_maps_whole_original_char() {
        // U+3392 SQUARE MHZ expands under NFKC to "MHz".
        let f = fold("a㎒b", &FoldOptions::matching());
        assert_eq!(f.text, "aMHzb");
        assert_eq!(f.original_range(1..2), 1..4);
        assert_eq!(f.original_range(1..4), 1..4);
        assert_eq!(f.original_offset(4), 4);
    }

    #[test]
    fn combining_sequence_composes() {
        let f = fold("Cafe\u{301} x", &FoldOptions::caseless());
        assert_eq!(f.text, "café x");
        let e = f.text.find('é').unwrap();
        assert_eq!(f.original_range(e..e + 'é'.len_utf8()), 3..6);
    }

    #[test]
    fn whitespace_runs_collapse() {
        let f = fold("a \t\n　b", &FoldOptions::matching());
        assert_eq!(f.text, "a b");
        assert_eq!(f.original_offset(2), 7);
    }

    #[test]
    fn idempotent() {
        for s in ["中国－中亚", "“ＡＢ” — x", "Café\u{301}", "  a  b "] {
            let once = fold_caseless(s);
            assert_eq!(fold_caseless(&once), once);
        }
    }
}
