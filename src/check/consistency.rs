//! C001 same source translated differently, C002 same target for different
//! sources — across every unit of every checked file.
//!
//! Texts are compared folded (case, width, dashes, quotes, white space). For
//! C001 the most frequent translation is taken as the reference and every
//! unit that differs from it is reported, with the reference as suggestion.
//! For C002 every unit after the first that reuses a target for another
//! source is reported.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;

use super::{CheckOptions, UnitView};

fn location(v: &UnitView<'_>) -> String {
    format!("{}:{}", v.file.display(), v.label)
}

/// Appends (unit index, diagnostic) pairs.
pub(crate) fn check(views: &[UnitView<'_>], o: &CheckOptions, out: &mut Vec<(usize, Diagnostic)>) {
    let live: Vec<usize> = (0..views.len())
        .filter(|&i| !views[i].target_blank())
        .collect();
    if o.enabled("C001") {
        let mut by_source: HashMap<String, Vec<usize>> = HashMap::new();
        for &i in &live {
            by_source
                .entry(views[i].source_key.clone())
                .or_default()
                .push(i);
        }
        let mut groups: Vec<&Vec<usize>> = by_source.values().filter(|g| g.len() > 1).collect();
        groups.sort_by_key(|g| g[0]);
        for group in groups {
            let mut counts: Vec<(String, usize, usize)> = Vec::new(); // key, count, first
            for &i in group {
                let k = views[i].target_key.clone();
                match counts.iter_mut().find(|c| c.0 == k) {
                    Some(c) => c.1 += 1,
                    None => counts.push((k, 1, i)),
                }
            }
            if counts.len() < 2 {
                continue;
            }
            // Most frequent; on a tie, the first seen.
            let reference = counts
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
                .map(|c| (c.0.clone(), c.2));
            let Some((ref_key, ref_unit)) = reference else {
                continue;
            };
            let r = &views[ref_unit];
            for &i in group {
                if views[i].target_key.clone() == ref_key {
                    continue;
                }
                let mut d = views[i].diag(
                    "C001",
                    format!(
                        "same source translated differently at {} ({} translation(s) in all)",
                        location(r),
                        counts.len()
                    ),
                );
                d.suggestion = Some(r.target.clone());
                out.push((i, d));
            }
        }
    }
    if o.enabled("C002") {
        let mut by_target: HashMap<String, Vec<usize>> = HashMap::new();
        for &i in &live {
            by_target
                .entry(views[i].target_key.clone())
                .or_default()
                .push(i);
        }
        let mut groups: Vec<&Vec<usize>> = by_target.values().filter(|g| g.len() > 1).collect();
        groups.sort_by_key(|g| g[0]);
        for group in groups {
            let first = group[0];
            let first_key = views[first].source_key.clone();
            for &i in &group[1..] {
                if views[i].source_key.clone() == first_key {
                    continue;
                }
                let d = views[i].diag(
                    "C002",
                    format!(
                        "same target as {} whose source differs: {}",
                        location(&views[first]),
                        views[first].source
                    ),
                );
                out.push((i, d));
            }
        }
    }
}
