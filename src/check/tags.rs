//! G001: inline codes (tags) missing, extra or out of order.
//!
//! Codes are compared by [`crate::model::Tag::code_key`] (element, id and
//! type): first as multisets (missing, extra), then, when both sides have the
//! same codes, by order.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;

use super::UnitView;

pub(crate) fn check(v: &UnitView<'_>, out: &mut Vec<Diagnostic>) {
    let source: Vec<String> = v.source_seg.codes().iter().map(|t| t.code_key()).collect();
    let target: Vec<String> = v
        .target_seg
        .map(|s| s.codes().iter().map(|t| t.code_key()).collect())
        .unwrap_or_default();
    if source == target {
        return;
    }
    let mut count: BTreeMap<&str, i64> = BTreeMap::new();
    for k in &source {
        *count.entry(k).or_default() += 1;
    }
    for k in &target {
        *count.entry(k).or_default() -= 1;
    }
    let missing: Vec<&str> = count
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, _)| *k)
        .collect();
    let extra: Vec<&str> = count
        .iter()
        .filter(|(_, n)| **n < 0)
        .map(|(k, _)| *k)
        .collect();
    let message = if missing.is_empty() && extra.is_empty() {
        format!(
            "inline codes out of order: source {}, target {}",
            source.join(" "),
            target.join(" ")
        )
    } else {
        let mut parts = Vec::new();
        if !missing.is_empty() {
            parts.push(format!("missing in target: {}", missing.join(" ")));
        }
        if !extra.is_empty() {
            parts.push(format!("extra in target: {}", extra.join(" ")));
        }
        format!("inline codes differ: {}", parts.join("; "))
    };
    out.push(v.diag("G001", message));
}
