//! N001: a number, percentage, date or amount of the source is missing from
//! the target, or stated differently. Values are compared, not spellings
//! (see [`crate::text::numbers`]); numbers inside glossary terms are skipped.

use crate::diagnostic::Diagnostic;
use crate::text::numbers::{
    en_numbers, en_numbers_of_folded_tokens, en_numbers_of_tokens, missing, zh_numbers_of_folded,
};

use super::{UnitContext, UnitView};

pub(crate) fn check(v: &UnitView<'_>, ctx: &UnitContext, out: &mut Vec<Diagnostic>) {
    let terms: Vec<_> = ctx.term_hits.iter().map(|h| h.span.clone()).collect();
    let source = zh_numbers_of_folded(&v.source, &v.source_fold, &terms);
    if source.is_empty() {
        return;
    }
    let target = match (&ctx.target_tokens, ctx.target_fold) {
        (Some(toks), None) => en_numbers_of_tokens(&v.target, toks),
        (Some(toks), Some(fold)) => en_numbers_of_folded_tokens(&v.target, fold, toks),
        (None, _) => en_numbers(&v.target),
    };
    let lost = missing(&source, &target);
    if lost.is_empty() {
        return;
    }
    let in_target = if target.is_empty() {
        "no numbers".to_string()
    } else {
        target
            .iter()
            .map(|f| f.quantity.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for f in lost {
        let mut d = v.diag(
            "N001",
            format!(
                "\"{}\" ({}) in source not found in target (target has {in_target})",
                f.text, f.quantity
            ),
        );
        d.source_span = Some(f.span.clone());
        out.push(d);
    }
}
