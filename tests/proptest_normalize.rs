//! Property tests of text folding: folding is idempotent, and the offset map
//! always leads back to original text that folds to what was matched.
//!
//! Reports point at the original characters of a match found in folded text
//! (`original_range`); if the map drifted by one character, a caret would
//! underline the wrong term. These properties pin that for arbitrary strings.

use concord::text::normalize::{FoldOptions, fold};
use proptest::prelude::*;

/// Characters that folding treats specially, mixed with arbitrary ones so the
/// interesting cases are frequent.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec![
            // dashes and hyphens
            '-', '－', '—', '–', '‐', '‑', '‒', '―', '−', '﹣', '﹘', '⸺', '⸻', '⁃',
            // quotes
            '“', '”', '‘', '’', '「', '」', '『', '』', '«', '»', '＂', '＇', '`', '"', '\'',
            // white space
            ' ', '\t', '\n', '\r', '\u{3000}', '\u{A0}', '\u{2002}', '\u{200B}', '\u{FEFF}',
            // full width and compatibility forms
            'Ａ', 'ｚ', '０', '９', '㎒', 'ﬁ', '①', '㈱', '¨', '´', 'ǅ', 'Ⅻ',
            // combining marks and precomposed letters
            '\u{301}', '\u{308}', '\u{327}', '\u{20DD}', 'é', 'Å', 'ñ',
            // case oddities
            'İ', 'ı', 'ß', 'ẞ', 'Σ', 'ς', 'ǈ', 'K', 'Ω',
            // Han, Hangul jamo, astral
            '中', '国', '亚', '精', '神', 'ᄀ', 'ᅡ', '가', '𠀀', '😀',
            'a', 'B', 'c', '1', '.', ',',
        ]),
        1 => any::<char>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(interesting_char(), 0..24).prop_map(|v| v.into_iter().collect())
}

fn all_options() -> [FoldOptions; 6] {
    let mut only_ws = FoldOptions::none();
    only_ws.whitespace = true;
    let mut only_case = FoldOptions::none();
    only_case.lowercase = true;
    [
        FoldOptions::matching(),
        FoldOptions::caseless(),
        FoldOptions::none(),
        only_ws,
        only_case,
        FoldOptions {
            nfkc: true,
            ..FoldOptions::none()
        },
    ]
}

/// Byte offsets of the folded text where the output of a new original
/// character starts: the only places a match can begin or end and still be
/// mapped back exactly.
fn boundaries(input: &str, folded: &concord::text::normalize::Folded) -> Vec<usize> {
    let mut out = vec![0];
    let mut prev = None;
    for (i, _) in folded.text.char_indices() {
        let o = folded.original_offset(i);
        if i > 0 && Some(o) != prev {
            out.push(i);
        }
        prev = Some(o);
    }
    if !folded.text.is_empty() {
        out.push(folded.text.len());
    }
    let _ = input;
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn folding_is_idempotent(s in text()) {
        // Known bug, pinned by `lowercase_then_combining_mark_is_idempotent`
        // below: lower-casing İ yields i + U+0307, which lands out of
        // canonical order before a following combining mark.
        prop_assume!(!s.contains('İ'));
        for opts in all_options() {
            let once = fold(&s, &opts).text;
            let twice = fold(&once, &opts).text;
            prop_assert_eq!(&twice, &once, "options {:?}", opts);
        }
    }

    #[test]
    fn identity_options_give_identity_map(s in text()) {
        let f = fold(&s, &FoldOptions::none());
        prop_assert_eq!(&f.text, &s);
        for i in 0..=s.len() {
            if s.is_char_boundary(i) {
                prop_assert_eq!(f.original_offset(i), i);
            }
        }
    }

    #[test]
    fn offsets_are_monotonic_char_boundaries(s in text()) {
        for opts in all_options() {
            let f = fold(&s, &opts);
            let mut last = 0;
            for i in 0..=f.text.len() {
                let o = f.original_offset(i);
                prop_assert!(o <= s.len(), "offset {} past the end", o);
                prop_assert!(s.is_char_boundary(o), "offset {} not a char boundary of {:?}", o, s);
                prop_assert!(o >= last, "map goes backwards at {}", i);
                last = o;
            }
            prop_assert_eq!(f.original_offset(f.text.len()), s.len());
            prop_assert_eq!(f.original_len(), s.len());
        }
    }

    /// Every folded range between two character boundaries maps to an
    /// original range that folds to exactly that folded slice.
    #[test]
    fn folded_ranges_map_to_originals_that_fold_alike(s in text()) {
        for opts in all_options() {
            let f = fold(&s, &opts);
            let b = boundaries(&s, &f);
            for (i, &start) in b.iter().enumerate() {
                for &end in &b[i + 1..] {
                    let r = f.original_range(start..end);
                    prop_assert!(r.start <= r.end && r.end <= s.len());
                    prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
                    let original = &s[r.clone()];
                    let refolded = fold(original, &opts).text;
                    let slice = &f.text[start..end];
                    // Well-defined unless the slice begins right after white
                    // space (e.g. " ¨": NFKC turns ¨ into " \u{308}" and the
                    // space joins the run before it),
                    // where a leading space produced by
                    // the range's first character was collapsed into that run.
                    let context_collapsed = refolded.starts_with(' ')
                        && !slice.starts_with(' ')
                        && refolded[1..] == *slice;
                    prop_assert!(
                        refolded == slice || context_collapsed,
                        "folded {:?} [{}..{}] = {:?} maps to original {:?} = {:?}, which folds to {:?} (options {:?})",
                        f.text, start, end, slice, r, original, refolded, opts
                    );
                }
            }
        }
    }
}

/// Lower-casing happens after NFKC, so "İ" + U+0327 folds to
/// "i" U+0307 U+0327, which is not in canonical order; folding again reorders
/// the marks and the result changes. Found by `folding_is_idempotent`.
#[test]
fn lowercase_then_combining_mark_is_idempotent() {
    let once = fold("İ\u{327}", &FoldOptions::caseless()).text;
    let twice = fold(&once, &FoldOptions::caseless()).text;
    assert_eq!(twice, once);
}
