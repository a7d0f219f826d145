//! Checking files as they are read: units come in batches, each batch is
//! checked on every core while the next one is read, and only what the
//! findings and the cross-unit checks need is kept.
//!
//! Memory is the glossary and TM indexes, two batches of units, the
//! findings, and what C001/C002 keep per unit with a target (its label and
//! two plain texts, two hashes: see `consistency`) — not the units.
//! The findings are the same, in the same order, as checking every unit of
//! every file at once: per-unit findings come out in unit order, and the
//! C001/C002 findings (known only once every unit has been seen) are put
//! back after the per-unit findings of their unit.

use std::borrow::Borrow;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::model::Unit;

use super::chunks::Chunks;
use super::consistency::{CheckedUnit, Consistency};
use super::coverage::Tally;
use super::{Checker, FileStats, Outcome};

/// Units read and checked at a time. Big enough that the parallel check of
/// a batch keeps both cores busy, small enough that a batch of units
/// (~4 KB each in memory) is a few MB.
pub const DEFAULT_BATCH: usize = 2048;

/// A check in progress over one or more files: see [`Checker::run`].
///
/// ```
/// use concord::check::{CheckOptions, Checker};
/// use concord::model::{Glossary, Unit};
/// let checker = Checker::new(&Glossary::new(), &[], CheckOptions::default());
/// let units = (1..=3).map(|i| Ok(Unit::bilingual(None, "zh", "你好", "en", &format!("Hello {i}"))));
/// let mut run = checker.run();
/// run.file("a.tmx", units).unwrap();
/// let outcome = run.finish();
/// // The same source translated three ways: C001 on the two that differ from the first.
/// let codes: Vec<_> = outcome.diagnostics.iter().map(|d| (d.code, d.unit.as_str())).collect();
/// assert_eq!(codes, [("C001", "2"), ("C001", "3")]);
/// ```
pub struct CheckRun<'c> {
    checker: &'c Checker,
    batch: usize,
    files: Vec<FileStats>,
    /// Checked units so far (the position of the next one in the run).
    seq: usize,
    /// Per-unit findings kept so far, and the position of each one's unit.
    diagnostics: Chunks<(usize, Diagnostic)>,
    ignored: usize,
    consistency: Consistency,
    coverage: Option<Tally>,
}

/// What a file's units say about its languages: enough to tell, at its end,
/// that it is not a bilingual file for the checked pair.
#[derive(Default)]
struct Languages {
    units: usize,
    first_line: u64,
    source: bool,
    target: bool,
    seen: BTreeSet<String>,
}

impl Languages {
    fn add(&mut self, u: &Unit, checker: &Checker) {
        if self.units == 0 {
            self.first_line = u.origin.line;
        }
        self.units += 1;
        let o = &checker.options;
        self.source |= u.variant(&o.source_lang, false).is_some();
        self.target |= u.variant(&o.target_lang, false).is_some();
        if !(self.source && self.target) {
            for v in &u.variants {
                if !self.seen.contains(v.lang.as_str()) {
                    self.seen.insert(v.lang.as_str().to_string());
                }
            }
        }
    }

    /// The error for a file in which no unit has text in the source
    /// language, or none has a variant in the target language.
    fn ensure_bilingual(&self, checker: &Checker, path: &std::path::Path) -> Result<()> {
        if self.units == 0 || (self.source && self.target) {
            return Ok(());
        }
        let (src, tgt) = (&checker.options.source_lang, &checker.options.target_lang);
        let missing = if self.source { tgt } else { src };
        let seen: Vec<&str> = self.seen.iter().map(String::as_str).collect();
        let mut e = Error::format(format!(
            "not a bilingual {src}→{tgt} file: no unit has '{missing}' text (languages found: {})",
            if seen.is_empty() {
                "none".to_string()
            } else {
                seen.join(", ")
            }
        ))
        .in_file(path);
        if self.first_line > 0 {
            e = e.at_line(self.first_line);
        }
        Err(e)
    }
}

/// Reads up to `n` units.
fn read_batch<U: Borrow<Unit>>(
    units: &mut impl Iterator<Item = Result<U>>,
    n: usize,
    languages: &mut Languages,
    checker: &Checker,
) -> Result<Vec<U>> {
    let mut batch = Vec::with_capacity(n);
    for unit in units.by_ref().take(n) {
        let unit = unit?;
        languages.add(unit.borrow(), checker);
        batch.push(unit);
    }
    Ok(batch)
}

/// One checked unit of a batch: what is kept of it, its findings and the
/// glossary entries in its source (when terms are counted).
type Checked = Option<(CheckedUnit, Vec<Diagnostic>, Vec<usize>)>;

impl<'c> CheckRun<'c> {
    pub(super) fn new(checker: &'c Checker) -> Self {
        let o = &checker.options;
        CheckRun {
            checker,
            batch: DEFAULT_BATCH,
            files: Vec::new(),
            seq: 0,
            diagnostics: Chunks::default(),
            ignored: 0,
            consistency: Consistency::new(o.enabled("C001"), o.enabled("C002")),
            coverage: None,
        }
    }

    /// Units read and checked at a time ([`DEFAULT_BATCH`]). Changes memory
    /// and how well the cores are used, never the findings.
    pub fn batch_size(mut self, units: usize) -> Self {
        self.batch = units.max(1);
        self
    }

    /// Also tally glossary term coverage ([`Outcome::coverage`]), as
    /// [`TermCoverage::from_run`](super::TermCoverage::from_run) would
    /// compute it from the units and the findings.
    pub fn count_terms(mut self, yes: bool) -> Self {
        self.coverage = yes.then(Tally::default);
        self
    }

    /// Checks the units of one file, read as they are needed.
    ///
    /// A reading error stops the run with that error. A file in which no
    /// unit has text in the source language, or none has a variant in the
    /// target language, is not a bilingual file for this language pair:
    /// that is an error naming the file and the languages seen (found at
    /// the file's end, since any unit could have them).
    pub fn file<U, I>(&mut self, path: impl Into<PathBuf>, units: I) -> Result<()>
    where
        U: Borrow<Unit> + Sync,
        I: IntoIterator<Item = Result<U>>,
    {
        let path = Arc::new(path.into());
        let checker = self.checker;
        let want_terms = self.coverage.is_some();
        let mut units = units.into_iter();
        let mut languages = Languages::default();
        let mut read = 0;
        let mut checked = 0;
        let mut batch = read_batch(&mut units, self.batch, &mut languages, checker)?;
        // The previous batch's results and units: kept and dropped while
        // the pool checks this one (keeping them in between, with both
        // cores idle, was a twentieth of a check).
        let mut pending: Vec<Checked> = Vec::new();
        let mut done: Vec<U> = Vec::new();
        while !batch.is_empty() {
            let base = read;
            read += batch.len();
            // Check this batch on the pool while this thread keeps the last
            // one's results and reads the next: reading is sequential,
            // checking is not.
            let mut results: Vec<Checked> = Vec::new();
            let mut next = Ok(Vec::new());
            let kept = std::mem::take(&mut pending);
            let old = std::mem::take(&mut done);
            rayon::in_place_scope(|s| {
                s.spawn(|_| {
                    results = batch
                        .par_iter()
                        .enumerate()
                        .map(|(i, unit)| {
                            let view = checker.view(unit.borrow(), base + i, &path)?;
                            let (diags, entries) = checker.check_unit(&view, want_terms);
                            Some((CheckedUnit::of(view), diags, entries))
                        })
                        .collect();
                });
                drop(old);
                for (unit, diags, entries) in kept.into_iter().flatten() {
                    checked += 1;
                    self.keep(&unit, diags, &entries);
                }
                next = read_batch(&mut units, self.batch, &mut languages, checker);
            });
            pending = results;
            done = std::mem::replace(&mut batch, next?);
        }
        for (unit, diags, entries) in pending.into_iter().flatten() {
            checked += 1;
            self.keep(&unit, diags, &entries);
        }
        languages.ensure_bilingual(checker, &path)?;
        self.files.push(FileStats {
            path: path.as_ref().clone(),
            units: read,
            checked,
        });
        Ok(())
    }

    /// Files a checked unit's findings and what C001/C002 and the term
    /// coverage need of it.
    fn keep(&mut self, unit: &CheckedUnit, diags: Vec<Diagnostic>, entries: &[usize]) {
        let seq = self.seq;
        self.seq += 1;
        self.consistency.add(unit, seq);
        let diags: Vec<Diagnostic> = diags.into_iter().filter_map(|d| self.filter(d)).collect();
        if let Some(tally) = &mut self.coverage {
            let terms = &self.checker.terms;
            tally.add(&unit.file, &unit.source, entries, &diags, |e| {
                terms.entry(e).id.as_str()
            });
        }
        for d in diags {
            self.diagnostics.push((seq, d));
        }
    }

    /// A finding as reported: None when its code is not run or the ignore
    /// file accepts it, else with its configured severity.
    fn filter(&mut self, mut d: Diagnostic) -> Option<Diagnostic> {
        let o = &self.checker.options;
        if !o.enabled(d.code) {
            return None;
        }
        if o.ignores.accepts(d.code, &d.unit, &d.source) {
            self.ignored += 1;
            return None;
        }
        d.severity = o.severity_of(d.code);
        Some(d)
    }

    /// Runs C001/C002 over every unit seen and returns the findings in file
    /// and unit order.
    pub fn finish(mut self) -> Outcome {
        let consistency = std::mem::replace(&mut self.consistency, Consistency::new(false, false));
        let mut cross: Vec<(usize, Diagnostic)> = Vec::new();
        for (seq, d) in consistency.finish() {
            if let Some(d) = self.filter(d) {
                cross.push((seq, d));
            }
        }
        // Stable: a unit's C001 stays before its C002.
        cross.sort_by_key(|(seq, _)| *seq);
        let mut cross = cross.into_iter().peekable();
        let mut diagnostics = Vec::with_capacity(self.diagnostics.len() + cross.len());
        for (seq, d) in self.diagnostics {
            // A unit's cross-unit findings follow its own.
            while let Some((_, c)) = cross.next_if(|(s, _)| *s < seq) {
                diagnostics.push(c);
            }
            diagnostics.push(d);
        }
        diagnostics.extend(cross.map(|(_, c)| c));
        Outcome {
            diagnostics,
            files: self.files,
            ignored: self.ignored,
            coverage: self.coverage.map(Tally::finish),
        }
    }
}
