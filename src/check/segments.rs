//! S001 empty target, S002 target identical to source, S003 Chinese
//! characters left in the target.

use crate::diagnostic::Diagnostic;
use crate::text::token::is_han;

use super::UnitView;

/// S001: a unit without a target, or with only white space in it.
pub(crate) fn empty(v: &UnitView<'_>, out: &mut Vec<Diagnostic>) {
    let what = if v.target_seg.is_none() {
        "no target"
    } else {
        "empty target"
    };
    out.push(v.diag("S001", format!("{what}: the unit is not translated")));
}

/// S002: the target is the source copied (and the source has letters: a
/// segment that is only a number or a code is rightly copied). When it fires,
/// the unit gets no other finding: every term, number and punctuation check
/// would only say "untranslated" again.
pub(crate) fn untranslated(v: &UnitView<'_>, out: &mut Vec<Diagnostic>) -> bool {
    let identical = v.source_key_hash == v.target_key_hash
        && v.source.chars().any(char::is_alphabetic)
        && v.source_key() == v.target_key();
    if identical {
        out.push(v.diag("S002", "target is identical to source (untranslated?)"));
    }
    identical
}

/// False when `t` has no Han character: each one ([`is_han`]) starts with
/// 0xE3..=0xE9, 0xEF or 0xF0 in UTF-8 (the test checks them all), and the
/// curly quotes and dashes of an English target start with 0xE2.
fn may_have_han(t: &[u8]) -> bool {
    t.iter().any(|b| matches!(b, 0xE3..=0xE9 | 0xEF | 0xF0))
}

/// S003: Chinese characters left in the target.
pub(crate) fn check(v: &UnitView<'_>, out: &mut Vec<Diagnostic>) {
    // Han characters are never ASCII: most targets are done here.
    if v.target.is_ascii() || !may_have_han(v.target.as_bytes()) {
        return;
    }
    let mut runs = Vec::new();
    let mut current: Option<std::ops::Range<usize>> = None;
    for (i, c) in v.target.char_indices() {
        if is_han(c) {
            let end = i + c.len_utf8();
            match &mut current {
                Some(r) => r.end = end,
                None => current = Some(i..end),
            }
        } else if let Some(r) = current.take() {
            runs.push(r);
        }
    }
    runs.extend(current);
    if let Some(first) = runs.first() {
        let text: Vec<&str> = runs
            .iter()
            .filter_map(|r| v.target.get(r.clone()))
            .collect();
        let mut d = v.diag(
            "S003",
            format!("Chinese characters in target: {}", text.join(" ")),
        );
        d.target_span = Some(first.clone());
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_characters_start_with_the_screened_bytes() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if is_han(c) {
                assert!(may_have_han(bytes), "{c:?}");
            }
        }
        assert!(!may_have_han("“Belt and Road” – 2025".as_bytes()));
    }
}
