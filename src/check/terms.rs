//! T001–T004: glossary terms in the source and their renderings in the target.
//!
//! - T001 a term is in the source and none of its accepted renderings is in
//!   the target (not reported when T002 or T003 already explains the gap);
//! - T002 a forbidden rendering is in the target, whether or not the source
//!   has the term (unless it sits inside an accepted rendering of the same entry);
//! - T003 the target has a window close to an accepted rendering but not
//!   equal to one ("China-Central Asian Spirit"): the approved form is suggested;
//! - T004 (info) the term occurs a different number of times in the source
//!   and its renderings in the target (pronouns make this common, hence info).

use std::ops::Range;

use crate::diagnostic::{Diagnostic, TermRef};
use crate::glossary::renderings::{Rendering, RenderingIndex, TargetText};
use crate::glossary::terms::{TermHit, TermIndex};
use crate::model::{Entry, EntryStatus, Glossary};
use crate::text::quick_fold::MatchFolded;

use super::{UnitContext, UnitView};

/// The glossary prepared for checking: built once.
pub(crate) struct TermChecker {
    index: TermIndex,
    /// Accepted renderings of every entry, entry by entry (index as in
    /// `index`): entry `i`'s are `accepted[accepted_from[i]..accepted_from[i + 1]]`.
    /// One array instead of a `Vec` per entry: a unit's terms are scattered
    /// over the glossary, and each entry's own allocation was a cache miss
    /// more per term.
    accepted: Vec<Rendering>,
    accepted_from: Vec<u32>,
    forbidden: RenderingIndex,
    near_miss: f64,
}

fn term_ref(e: &Entry) -> TermRef {
    TermRef {
        id: e.id.clone(),
        zh: e.zh.clone(),
        en: e.en.clone(),
    }
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

impl TermChecker {
    pub fn new(glossary: &Glossary, near_miss: f64) -> Self {
        let index = TermIndex::new(glossary);
        let mut accepted = Vec::with_capacity(index.entries().len());
        let mut accepted_from = Vec::with_capacity(index.entries().len() + 1);
        let mut forbidden = RenderingIndex::new();
        for (i, e) in index.entries().iter().enumerate() {
            accepted_from.push(accepted.len() as u32);
            accepted.extend(
                e.en_accepted()
                    .map(|r| Rendering::new(r, e.case))
                    .filter(|r| !r.is_empty()),
            );
            for f in &e.en_forbidden {
                forbidden.push(i, Rendering::forbidden(f));
            }
        }
        accepted_from.push(accepted.len() as u32);
        TermChecker {
            index,
            accepted,
            accepted_from,
            forbidden,
            near_miss,
        }
    }

    pub fn find_terms(&self, source: &str) -> Vec<TermHit> {
        self.index.find(source)
    }

    /// [`TermChecker::find_terms`] in a source already folded.
    pub fn find_terms_folded(&self, source: &MatchFolded) -> Vec<TermHit> {
        self.index.find_folded(source)
    }

    /// The entries of [`TermChecker::find_terms`], without spans.
    pub fn find_entries(&self, source: &str) -> Vec<usize> {
        self.index.find_entries(source)
    }

    pub fn entry(&self, i: usize) -> &Entry {
        self.index.entry(i)
    }

    /// Entry `i`'s accepted renderings, the approved one first.
    fn accepted_of(&self, i: usize) -> &[Rendering] {
        let (Some(&from), Some(&to)) = (self.accepted_from.get(i), self.accepted_from.get(i + 1))
        else {
            return &[];
        };
        self.accepted
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }

    /// Occurrences of entry `i`'s accepted renderings in `target`.
    pub fn accepted_in(&self, i: usize, target: &TargetText) -> Vec<Range<usize>> {
        let renderings = self.accepted_of(i);
        if let [only] = renderings {
            // One rendering's occurrences are already in order and apart.
            return target.find(only);
        }
        let mut spans: Vec<Range<usize>> = renderings.iter().flat_map(|r| target.find(r)).collect();
        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        // Two accepted forms can overlap ("BRI" inside a longer one): keep the outer.
        let mut out: Vec<Range<usize>> = Vec::new();
        for s in spans {
            if !out.last().is_some_and(|l| contains(l, &s)) {
                out.push(s);
            }
        }
        out
    }

    /// Which of entry `i`'s accepted renderings (by position: 0 is the
    /// approved one) occur in `target`.
    pub fn renderings_used(&self, i: usize, target: &TargetText) -> Vec<usize> {
        self.accepted_of(i)
            .iter()
            .enumerate()
            .filter(|(_, r)| target.contains(r))
            .map(|(k, _)| k)
            .collect()
    }

    /// True when some entry has two or more accepted renderings (only
    /// those can give an M002).
    pub fn has_alternatives(&self) -> bool {
        self.accepted_from.windows(2).any(|w| w[1] - w[0] > 1)
    }

    /// How many accepted renderings entry `i` has.
    pub fn rendering_count(&self, i: usize) -> usize {
        self.accepted_of(i).len()
    }

    /// The text of entry `i`'s accepted rendering `k`.
    pub fn rendering_text(&self, i: usize, k: usize) -> &str {
        self.accepted_of(i).get(k).map_or("", |r| r.text.as_str())
    }

    pub fn check(&self, v: &UnitView<'_>, ctx: &UnitContext, out: &mut Vec<Diagnostic>) {
        // Entries in source, first occurrence and count, in source order.
        let mut entries: Vec<(usize, Range<usize>, usize)> = Vec::new();
        for h in &ctx.term_hits {
            match entries.iter_mut().find(|(e, _, _)| *e == h.entry) {
                Some(slot) => slot.2 += 1,
                None => entries.push((h.entry, h.span.clone(), 1)),
            }
        }
        let found: Vec<Vec<Range<usize>>> = entries
            .iter()
            .map(|(e, _, _)| self.accepted_in(*e, &ctx.target))
            .collect();
        // Renderings inside a longer rendering of another source term (the
        // "community with a shared future" inside "China-Central Asia
        // community with a shared future") do not count for the shorter term.
        let all: Vec<(usize, Range<usize>)> = found
            .iter()
            .enumerate()
            .flat_map(|(k, spans)| spans.iter().map(move |s| (k, s.clone())))
            .collect();
        let own = |k: usize| -> Vec<Range<usize>> {
            found[k]
                .iter()
                .filter(|s| {
                    !all.iter().any(|(j, o)| {
                        *j != k && contains(o, s) && (o.end - o.start) > (s.end - s.start)
                    })
                })
                .cloned()
                .collect()
        };

        // Renderings another source term also claims (中国 and 中方 are both
        // "China"): counting them per term would only be noise.
        let shared = |k: usize, mine: &[Range<usize>]| -> bool {
            mine.iter().any(|s| {
                all.iter()
                    .any(|(j, o)| *j != k && o.start < s.end && s.start < o.end)
            })
        };

        // T002 everywhere in the target.
        let forbidden_hits = self.forbidden.find(&ctx.target);
        let mut forbidden_entries = Vec::new();
        for h in &forbidden_hits {
            let accepted_here = self.accepted_in(h.owner, &ctx.target);
            if accepted_here.iter().any(|a| contains(a, &h.span)) {
                continue;
            }
            forbidden_entries.push(h.owner);
            let e = self.entry(h.owner);
            let seen = v.target.get(h.span.clone()).unwrap_or_default();
            let mut d = v.diag(
                "T002",
                format!(
                    "forbidden rendering \"{seen}\" of {} ({}); use \"{}\"",
                    e.zh, e.id, e.en
                ),
            );
            d.term = Some(term_ref(e));
            d.found = Some(seen.to_string());
            d.target_span = Some(h.span.clone());
            d.source_span = entries
                .iter()
                .find(|(i, _, _)| *i == h.owner)
                .map(|(_, s, _)| s.clone());
            d.suggestion = Some(e.en.clone());
            out.push(d);
        }

        for (k, (i, src_span, count)) in entries.iter().enumerate() {
            // The entry itself is read only for a finding: most terms are
            // rendered as they should be, and each entry read is a cache miss.
            if found[k].is_empty() {
                if forbidden_entries.contains(i) {
                    continue;
                }
                let e = self.entry(*i);
                let proposed = if e.status == EntryStatus::Proposed {
                    " (proposed term)"
                } else {
                    ""
                };
                let near = self
                    .accepted_of(*i)
                    .iter()
                    .filter_map(|r| ctx.target.near_miss(r, self.near_miss).map(|m| (r, m)))
                    .max_by(|a, b| a.1.similarity.total_cmp(&b.1.similarity));
                let mut d = if let Some((r, m)) = near {
                    let seen = v.target.get(m.span.clone()).unwrap_or_default();
                    let mut d = v.diag(
                        "T003",
                        format!(
                            "\"{seen}\" is close to but not the approved rendering \"{}\" of {}{proposed}",
                            r.text, e.zh
                        ),
                    );
                    d.found = Some(seen.to_string());
                    d.target_span = Some(m.span);
                    d.suggestion = Some(r.text.clone());
                    d
                } else {
                    let mut accepted = String::new();
                    if !e.en_variants.is_empty() {
                        accepted = format!(" (or {})", e.en_variants.join(", "));
                    }
                    let mut d = v.diag(
                        "T001",
                        format!(
                            "{} should be rendered \"{}\"{accepted}; not found in target{proposed}",
                            e.zh, e.en
                        ),
                    );
                    d.suggestion = Some(e.en.clone());
                    d
                };
                d.term = Some(term_ref(e));
                d.source_span = Some(src_span.clone());
                out.push(d);
                continue;
            }
            let mine = own(k);
            if mine.len() != *count && !mine.is_empty() && !shared(k, &mine) {
                let e = self.entry(*i);
                let mut d = v.diag(
                    "T004",
                    format!(
                        "{} occurs {count} time(s) in source, its renderings {} time(s) in target",
                        e.zh,
                        mine.len()
                    ),
                );
                d.term = Some(term_ref(e));
                d.source_span = Some(src_span.clone());
                d.target_span = mine.first().cloned();
                d.found = mine
                    .first()
                    .and_then(|s| v.target.get(s.clone()))
                    .map(str::to_string);
                out.push(d);
            }
        }
    }
}
