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

/// S003: Chinese characters left in the target.
pub(crate) fn check(v: &UnitView<'_>, out: &mut Vec<Diagnostic>) {
    // Han characters are never ASCII: most targets are done here.
    if v.target.is_ascii() {
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
