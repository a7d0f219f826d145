//! M001 exact TM match with a different target; M002 fuzzy TM match whose
//! term renderings differ from this target.
//!
//! - M001 compares folded sources (case, width, dashes, quotes, white
//!   space): when the TM holds that source, this target must equal (folded)
//!   one of the TM's targets for it.
//! - M002 looks the source up in the fuzzy index ([`crate::memory::fuzzy`],
//!   at or above `min_match`). A fuzzy match's target naturally differs; what
//!   is worth an editor's time is a *term* rendered one way in the TM and
//!   another way here ("Belt and Road Initiative" there, "BRI" here) — both
//!   accepted, but inconsistent. A term rendered nowhere in this target is
//!   T001's business, not M002's. One finding per unit and term, from the
//!   best match that shows the difference.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, TmRef};
use crate::glossary::renderings::TargetText;
use crate::memory::fuzzy::Index;
use crate::model::{LangTag, Unit};
use crate::text::normalize::fold_caseless;

use super::terms::TermChecker;
use super::{CheckOptions, UnitContext, UnitView};

/// How many fuzzy matches per unit are examined for M002.
const FUZZY_CANDIDATES: usize = 5;

struct TmUnit {
    source: String,
    target: String,
    origin: Option<String>,
}

/// The TM prepared for checking: built once.
pub(crate) struct TmChecker {
    /// Per TM unit (same index as the fuzzy index): None when it has no
    /// source or no target in the checked languages.
    units: Vec<Option<TmUnit>>,
    /// Folded source → TM units with that source.
    exact: HashMap<String, Vec<usize>>,
    fuzzy: Option<Index>,
    min_match: u8,
}

fn key(s: &str) -> String {
    fold_caseless(s.trim())
}

fn origin(u: &Unit) -> Option<String> {
    let file = u.origin.file.as_ref().map(|f| f.display().to_string());
    match (file, &u.id) {
        (Some(f), Some(id)) => Some(format!("{f}:{id}")),
        (Some(f), None) if u.origin.line > 0 => Some(format!("{f}:{}", u.origin.line)),
        (f, id) => f.or(id.clone()),
    }
}

impl TmChecker {
    pub fn new(tm: &[Unit], o: &CheckOptions) -> Self {
        let mut units = Vec::with_capacity(tm.len());
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        let (sl, tl): (&LangTag, &LangTag) = (&o.source_lang, &o.target_lang);
        for (i, u) in tm.iter().enumerate() {
            let (Some(s), Some(t)) = (u.variant(sl, false), u.variant(tl, false)) else {
                units.push(None);
                continue;
            };
            let target = t.segment.plain_text();
            if target.trim().is_empty() {
                units.push(None);
                continue;
            }
            let source = s.segment.plain_text();
            exact.entry(key(&source)).or_default().push(i);
            units.push(Some(TmUnit {
                source,
                target,
                origin: origin(u),
            }));
        }
        let wants_fuzzy = o.enabled("M002") && !exact.is_empty();
        TmChecker {
            units,
            exact,
            fuzzy: wants_fuzzy.then(|| Index::build(tm, sl)),
            min_match: o.min_match,
        }
    }

    fn tm_ref(&self, i: usize, score: u8) -> Option<TmRef> {
        let tm = self.units.get(i)?.as_ref()?;
        Some(TmRef {
            score,
            source: tm.source.clone(),
            target: tm.target.clone(),
            origin: tm.origin.clone(),
        })
    }

    pub fn check(
        &self,
        v: &UnitView<'_>,
        ctx: &UnitContext,
        terms: &TermChecker,
        o: &CheckOptions,
        out: &mut Vec<Diagnostic>,
    ) {
        let exact = self.exact.get(&key(&v.source));
        if let Some(ids) = exact.filter(|_| o.enabled("M001")) {
            let mine = key(&v.target);
            let same = |&i: &usize| {
                self.units[i]
                    .as_ref()
                    .is_some_and(|t| key(&t.target) == mine)
            };
            if !ids.iter().any(same)
                && let Some(tm) = ids.first().and_then(|&i| self.tm_ref(i, 100))
            {
                let others = if ids.len() > 1 {
                    format!(" (and {} other TM translation(s))", ids.len() - 1)
                } else {
                    String::new()
                };
                let at = tm
                    .origin
                    .as_ref()
                    .map(|o| format!(" at {o}"))
                    .unwrap_or_default();
                let mut d = v.diag(
                    "M001",
                    format!("100% TM match{at} has a different target{others}"),
                );
                d.suggestion = Some(tm.target.clone());
                d.tm = Some(tm);
                out.push(d);
            }
        }
        if exact.is_some() || !o.enabled("M002") || ctx.term_hits.is_empty() {
            return;
        }
        let Some(index) = &self.fuzzy else { return };
        let mut my_entries: Vec<usize> = ctx.term_hits.iter().map(|h| h.entry).collect();
        my_entries.sort_unstable();
        my_entries.dedup();
        let mut reported: Vec<usize> = Vec::new();
        for m in index.search(&v.source, self.min_match, FUZZY_CANDIDATES) {
            let Some(tm) = self.units.get(m.unit).and_then(Option::as_ref) else {
                continue;
            };
            let tm_hits = terms.find_terms(&tm.source);
            let tm_target = TargetText::new(&tm.target);
            for &e in &my_entries {
                if reported.contains(&e) || !tm_hits.iter().any(|h| h.entry == e) {
                    continue;
                }
                let theirs = terms.renderings_used(e, &tm_target);
                let mine = terms.renderings_used(e, &ctx.target);
                if theirs.is_empty() || mine.is_empty() || theirs.iter().any(|k| mine.contains(k)) {
                    continue;
                }
                reported.push(e);
                let entry = terms.entry(e);
                let mut d = v.diag(
                    "M002",
                    format!(
                        "{}% TM match renders {} as \"{}\", this target as \"{}\"",
                        m.score,
                        entry.zh,
                        terms.rendering_text(e, theirs[0]),
                        terms.rendering_text(e, mine[0]),
                    ),
                );
                d.term = Some(crate::diagnostic::TermRef {
                    id: entry.id.clone(),
                    zh: entry.zh.clone(),
                    en: entry.en.clone(),
                });
                d.source_span = ctx
                    .term_hits
                    .iter()
                    .find(|h| h.entry == e)
                    .map(|h| h.span.clone());
                d.suggestion = Some(terms.rendering_text(e, theirs[0]).to_string());
                d.tm = self.tm_ref(m.unit, m.score);
                out.push(d);
            }
        }
    }
}
