//! Term coverage of a check run: how many occurrences of glossary terms the
//! checked sources have, and how many of them the T-checks flagged. Shown
//! in the HTML report's summary.
//!
//! [`TermCoverage::from_run`] computes it from the units and the findings of
//! a finished run; a [`CheckRun`](super::CheckRun) asked to
//! [count terms](super::CheckRun::count_terms) tallies it as the units stream
//! past ([`Tally`]) and gives the same figures.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::glossary::terms::TermIndex;
use crate::model::{Glossary, LangTag};

use super::CheckedFile;

/// How glossary terms fared in the checked files; computed by the check
/// engine, shown in the HTML report's summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermCoverage {
    /// Distinct glossary entries found in the source segments.
    pub entries_seen: usize,
    /// Occurrences of glossary terms in the source segments.
    pub occurrences: usize,
    /// Occurrences whose target has the approved rendering or an accepted variant.
    pub correct: usize,
    /// Occurrences flagged by a T-check (missing, forbidden or near-miss rendering).
    pub wrong: usize,
}

impl TermCoverage {
    /// Coverage of a check run: every occurrence of a glossary term in the
    /// source side of `files` (the same [`TermIndex`] the T-checks use),
    /// counted wrong when the run reported a T001, T002 or T003 for that term
    /// in that segment, correct otherwise. Only meaningful when those checks
    /// ran.
    pub fn from_run(
        glossary: &Glossary,
        files: &[CheckedFile],
        source_lang: &LangTag,
        diags: &[Diagnostic],
    ) -> Self {
        let index = TermIndex::new(glossary);
        // (file, source text, entry id) → T-findings about it.
        type ByTerm<'d> = HashMap<&'d str, usize>;
        let mut flagged: HashMap<&Path, HashMap<&str, ByTerm<'_>>> = HashMap::new();
        for d in diags {
            if let (Some(file), Some(term), "T001" | "T002" | "T003") =
                (d.file.as_deref(), &d.term, d.code)
            {
                *flagged
                    .entry(file)
                    .or_default()
                    .entry(d.source.as_str())
                    .or_default()
                    .entry(term.id.as_str())
                    .or_default() += 1;
            }
        }
        let mut coverage = TermCoverage::default();
        let mut seen: HashSet<&str> = HashSet::new();
        for file in files {
            for unit in &file.units {
                let Some(source) = unit.variant(source_lang, false) else {
                    continue;
                };
                let text = source.segment.plain_text();
                for hit in index.find(&text) {
                    let id = index.entry(hit.entry).id.as_str();
                    seen.insert(id);
                    coverage.occurrences += 1;
                    let left = flagged
                        .get_mut(file.path.as_path())
                        .and_then(|by_source| by_source.get_mut(text.as_str()))
                        .and_then(|by_term| by_term.get_mut(id));
                    match left {
                        Some(n) if *n > 0 => {
                            *n -= 1;
                            coverage.wrong += 1;
                        }
                        _ => coverage.correct += 1,
                    }
                }
            }
        }
        coverage.entries_seen = seen.len();
        coverage
    }
}

/// Counts of one glossary entry in the units of one (file, source text).
#[derive(Default)]
struct Counts {
    occurrences: usize,
    flagged: usize,
}

/// [`TermCoverage`] tallied unit by unit.
///
/// [`TermCoverage::from_run`] matches every occurrence of a term against the
/// T-findings of the same file, source text and term, in unit order, so a
/// unit with more findings about a term than occurrences of it (two
/// forbidden renderings for one term) lends the surplus to another unit with
/// the same source. That total is `min(occurrences, findings)` per (file,
/// source text, term), which is what this keeps: two counts per term per
/// distinct source text that has glossary terms, not the units.
#[derive(Default)]
pub(crate) struct Tally {
    by_source: HashMap<(Arc<PathBuf>, String), HashMap<usize, Counts>>,
    seen: HashSet<usize>,
}

impl Tally {
    /// Adds one unit: `entries` are the glossary entries found in its
    /// source (one per occurrence), `diags` the findings reported about it;
    /// `id` names an entry as findings do.
    pub fn add<'g>(
        &mut self,
        file: &Arc<PathBuf>,
        source: &str,
        entries: &[usize],
        diags: &[Diagnostic],
        id: impl Fn(usize) -> &'g str,
    ) {
        if entries.is_empty() {
            return;
        }
        let slot = match self
            .by_source
            .get_mut(&(Arc::clone(file), source.to_string()))
        {
            Some(slot) => slot,
            None => self
                .by_source
                .entry((Arc::clone(file), source.to_string()))
                .or_default(),
        };
        for &e in entries {
            self.seen.insert(e);
            slot.entry(e).or_default().occurrences += 1;
        }
        for d in diags {
            let (Some(term), "T001" | "T002" | "T003") = (&d.term, d.code) else {
                continue;
            };
            // Findings about a term the source does not have (T002 looks at
            // the target only) match no occurrence in any unit with this source.
            let Some(&e) = entries.iter().find(|&&e| id(e) == term.id) else {
                continue;
            };
            slot.entry(e).or_default().flagged += 1;
        }
    }

    pub fn finish(self) -> TermCoverage {
        let mut c = TermCoverage {
            entries_seen: self.seen.len(),
            ..TermCoverage::default()
        };
        for counts in self.by_source.values().flat_map(HashMap::values) {
            let wrong = counts.occurrences.min(counts.flagged);
            c.occurrences += counts.occurrences;
            c.wrong += wrong;
            c.correct += counts.occurrences - wrong;
        }
        c
    }
}
