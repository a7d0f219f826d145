//! P001 full-width punctuation in an English target, P002 unbalanced
//! brackets or quotes, P003 double space, P004 repeated word.
//!
//! Curly quotes (“ ” ‘ ’) are English typography, not full-width punctuation;
//! P001 is about ，。、；：？！（）【】《》 and the full-width ASCII forms.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::text::token::{Token, TokenKind, token_iter};

use super::{UnitContext, UnitView};

fn is_full_width_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '（'
            | '）'
            | '【'
            | '】'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '「'
            | '」'
            | '『'
            | '』'
            | '～'
    ) || (('\u{FF01}'..='\u{FF5E}').contains(&c) && !c.is_alphanumeric())
        || c == '\u{3000}'
}

/// False when `t` has no full-width punctuation: every character
/// [`is_full_width_punct`] accepts starts with 0xE3 (U+3000..U+303F) or
/// 0xEF (U+FF01..U+FF5E) in UTF-8 (the test checks them all), and an
/// English target with curly quotes or dashes (0xE2) has neither.
fn may_have_full_width(t: &[u8]) -> bool {
    memchr::memchr2(0xE3, 0xEF, t).is_some()
}

/// The bracket or quote [`unbalanced`] pairs that starts at byte `i` (a
/// character boundary when `b`, the byte there, is ASCII or a lead byte).
fn bracket_at(t: &str, i: usize, b: u8) -> Option<char> {
    match b {
        b'(' | b'[' | b'{' | b')' | b']' | b'}' => Some(char::from(b)),
        0xE2 | 0xE3 | 0xEF => match t.get(i..i + 3)? {
            s @ ("“" | "”" | "（" | "）" | "【" | "】") => s.chars().next(),
            _ => None,
        },
        _ => None,
    }
}

pub(crate) fn check(v: &UnitView<'_>, ctx: &UnitContext<'_>, out: &mut Vec<Diagnostic>) {
    let t = &v.target;
    // P001 (full-width punctuation is never ASCII: most targets are skipped
    // without decoding a character)
    let ascii = t.is_ascii();
    let wide: Vec<(usize, char)> = if ascii || !may_have_full_width(t.as_bytes()) {
        Vec::new()
    } else {
        t.char_indices()
            .filter(|&(_, c)| is_full_width_punct(c))
            .collect()
    };
    if let Some(&(at, c)) = wide.first() {
        let list: String = wide.iter().map(|&(_, c)| c).collect();
        let mut d = v.diag(
            "P001",
            format!("full-width punctuation in English target: {list}"),
        );
        d.target_span = Some(at..at + c.len_utf8());
        out.push(d);
    }
    // P002 (an ASCII target without a bracket or a quote has nothing to
    // balance; memchr looks for them a vector at a time)
    let brackets = !ascii || has_ascii_bracket(t.as_bytes());
    if let Some((span, what)) = brackets.then(|| unbalanced(t)).flatten() {
        let mut d = v.diag("P002", what);
        d.target_span = Some(span);
        out.push(d);
    }
    // P003
    if let Some(span) = double_space(t) {
        let mut d = v.diag("P003", "double space in target");
        d.target_span = Some(span);
        out.push(d);
    }
    // P004
    // (tokens of a folded target are not the target's own: tokenised again)
    let found = match (&ctx.target_tokens, ctx.target_fold) {
        (Some(toks), None) => repeated_word(t, toks.iter().copied()),
        _ => repeated_word(t, token_iter(t)),
    };
    if let Some((a, b)) = found {
        let mut d = v.diag("P004", format!("repeated word \"{} {}\"", a.text, b.text));
        d.target_span = Some(a.start..b.end);
        out.push(d);
    }
}

/// The first word repeated right after itself ("the the"), other than the
/// "that that" and "had had" of correct English.
fn repeated_word<'t>(
    t: &str,
    toks: impl Iterator<Item = Token<'t>>,
) -> Option<(Token<'t>, Token<'t>)> {
    let mut last: Option<Token<'t>> = None;
    for b in toks {
        if let Some(a) = last
            && a.kind == TokenKind::Word
            && b.kind == TokenKind::Word
            && a.text.eq_ignore_ascii_case(b.text)
            && t.get(a.end..b.start)
                .is_some_and(|gap| gap.chars().all(char::is_whitespace))
            && !a.text.eq_ignore_ascii_case("that")
            && !a.text.eq_ignore_ascii_case("had")
        {
            return Some((a, b));
        }
        last = Some(b);
    }
    None
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{00A0}'
}

/// True when `b` has a bracket or a straight double quote.
fn has_ascii_bracket(b: &[u8]) -> bool {
    memchr::memchr3(b'(', b')', b'"', b).is_some()
        || memchr::memchr3(b'[', b']', b'{', b).is_some()
        || memchr::memchr(b'}', b).is_some()
}

/// The first two adjacent spaces (or no-break spaces), as one span.
fn double_space(t: &str) -> Option<Range<usize>> {
    // Without a no-break space (0xC2 0xA0) only two ASCII spaces can be one.
    if t.is_ascii() || memchr::memchr(0xC2, t.as_bytes()).is_none() {
        return crate::text::token::double_space_at(t.as_bytes()).map(|i| i..i + 2);
    }
    double_space_by_char(t)
}

/// [`double_space`] character by character (a no-break space is two bytes).
fn double_space_by_char(t: &str) -> Option<Range<usize>> {
    let mut last: Option<usize> = None;
    for (i, c) in t.char_indices() {
        if is_space(c) {
            if let Some(a) = last {
                return Some(a..i + c.len_utf8());
            }
            last = Some(i);
        } else {
            last = None;
        }
    }
    None
}

/// The first unbalanced bracket or quote, with a message.
fn unbalanced(t: &str) -> Option<(Range<usize>, String)> {
    // Byte by byte: every bracket is ASCII or three bytes led by 0xE2, 0xE3
    // or 0xEF, and most bytes are neither (decoding every character of
    // every non-ASCII target was most of P002's time).
    let brackets = t
        .as_bytes()
        .iter()
        .enumerate()
        .filter_map(|(i, &b)| bracket_at(t, i, b).map(|c| (i, c)));
    unbalanced_among(t, brackets)
}

/// [`unbalanced`] given the characters of `t` to pair, with their byte
/// offsets (every bracket among them; other characters are passed over).
fn unbalanced_among(
    t: &str,
    chars: impl Iterator<Item = (usize, char)>,
) -> Option<(Range<usize>, String)> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    for (i, c) in chars {
        match c {
            '(' | '[' | '{' | '“' | '（' | '【' => stack.push((i, c)),
            ')' | ']' | '}' | '”' | '）' | '】' => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    '}' => '{',
                    '”' => '“',
                    '）' => '（',
                    _ => '【',
                };
                match stack.iter().rposition(|&(_, o)| o == open) {
                    Some(k) => {
                        stack.truncate(k);
                    }
                    None => {
                        return Some((
                            i..i + c.len_utf8(),
                            format!("closing '{c}' without an opening '{open}'"),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(&(i, c)) = stack.first() {
        return Some((i..i + c.len_utf8(), format!("'{c}' is never closed")));
    }
    let straight: Vec<usize> = t.match_indices('"').map(|(i, _)| i).collect();
    if straight.len() % 2 == 1 {
        let i = straight[straight.len() - 1];
        return Some((i..i + 1, "odd number of '\"' quotes".to_string()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`unbalanced`] as it read the text before: character by character.
    fn unbalanced_by_char(t: &str) -> Option<(Range<usize>, String)> {
        unbalanced_among(t, t.char_indices())
    }

    proptest::proptest! {
        #[test]
        fn byte_scans_equal_char_scans(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", " ", "  ", "\u{a0}", "(", ")", "[", "]", "{", "}", "\"", "“", "”", "‘",
                "（", "）", "【", "】", "《", "》", "，", "。", "–", "—", "中", "¢", "é", "\u{2028}",
                "\u{3000}", "Ａ", "！", "\u{1F600}",
            ]), 0..20)
        ) {
            let t: String = parts.concat();
            proptest::prop_assert_eq!(unbalanced(&t), unbalanced_by_char(&t));
            proptest::prop_assert_eq!(double_space(&t), double_space_by_char(&t));
            let wide = t.chars().any(is_full_width_punct);
            proptest::prop_assert!(!wide || may_have_full_width(t.as_bytes()));
        }
    }

    #[test]
    fn full_width_punctuation_starts_with_e3_or_ef() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_full_width_punct(c) {
                let mut buf = [0u8; 4];
                assert!(
                    may_have_full_width(c.encode_utf8(&mut buf).as_bytes()),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn brackets() {
        assert!(unbalanced("a (b) “c” [d]").is_none());
        assert!(unbalanced("a (b").is_some());
        assert!(unbalanced("a b)").is_some());
        assert!(unbalanced("say \"x").is_some());
        assert!(unbalanced("say \"x\"").is_none());
    }

    #[test]
    fn brackets_found_by_memchr() {
        for (t, has) in [
            ("a (b", true),
            ("a b}", true),
            ("say \"x", true),
            ("a b c", false),
            ("", false),
        ] {
            assert_eq!(has_ascii_bracket(t.as_bytes()), has, "{t}");
        }
    }

    #[test]
    fn double_spaces() {
        assert_eq!(double_space("a  b"), Some(1..3));
        assert_eq!(double_space("a \u{a0}b  c"), Some(1..4));
        assert_eq!(double_space("a b c"), None);
        assert_eq!(double_space("\u{a0}\u{a0}"), Some(0..4));
        assert_eq!(double_space(""), None);
    }

    #[test]
    fn full_width() {
        assert!(is_full_width_punct('，'));
        assert!(is_full_width_punct('！'));
        assert!(!is_full_width_punct('“'));
        assert!(!is_full_width_punct('Ａ'));
    }
}
