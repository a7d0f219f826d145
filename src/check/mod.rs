//! `concord check`: terminology and consistency QA of translations.
//!
//! A [`Checker`] is built once from a glossary, a TM and [`CheckOptions`]
//! (the term index, the rendering index and the TM index are built here, not
//! per unit), then run over any number of files. A [`CheckRun`] streams the
//! files: units are read a batch at a time and each batch is checked in
//! parallel (rayon) while the next is read; cross-unit checks (C001, C002)
//! keep only the keys and texts their messages quote and report at the end,
//! attached to their units. [`Checker::check`] runs the same over units
//! already in memory. Every finding is a [`Diagnostic`] with a stable code
//! from [`CODES`].
//!
//! ```
//! use concord::check::{CheckOptions, CheckedFile, Checker};
//! use concord::model::{Entry, Glossary, Unit};
//! let mut g = Glossary::new();
//! g.insert(Entry { id: "bri".into(), zh: "一带一路".into(),
//!     en: "Belt and Road Initiative".into(),
//!     en_forbidden: vec!["One Belt, One Road".into()], ..Entry::default() }).unwrap();
//! let checker = Checker::new(&g, &[], CheckOptions::default());
//! let unit = Unit::bilingual(Some("1".into()), "zh", "共建“一带一路”", "en", "Jointly build One Belt, One Road");
//! let outcome = checker.check(&[CheckedFile::new("a.tmx", vec![unit])]).unwrap();
//! let codes: Vec<_> = outcome.diagnostics.iter().map(|d| d.code).collect();
//! assert_eq!(codes, ["T002"]);
//! ```

mod chunks;
mod consistency;
mod coverage;
mod ignore;
pub mod input;
mod memory;
mod numbers;
mod punctuation;
mod rendered;
mod segments;
mod stream;
mod tags;
mod terms;
pub mod tm_cache;
mod tm_units;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::glossary::renderings::TargetText;
use crate::glossary::terms::TermHit;
use crate::model::{Glossary, LangTag, Segment, Unit};
use crate::text::quick_fold::MatchFolded;
use crate::text::token::{Token, matching_fold_is_identity, tokens};

pub use crate::memory::indexed::IndexOrigin;
pub use coverage::TermCoverage;
pub use ignore::IgnoreList;
pub use stream::{CheckRun, DEFAULT_BATCH};

/// One check code: what it finds and how serious it is by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    pub code: &'static str,
    /// Short kebab-case name.
    pub name: &'static str,
    pub severity: Severity,
    /// One line for `--help`, the README and reports.
    pub summary: &'static str,
}

const fn code(
    code: &'static str,
    name: &'static str,
    severity: Severity,
    summary: &'static str,
) -> CodeInfo {
    CodeInfo {
        code,
        name,
        severity,
        summary,
    }
}

/// The registry of stable check codes.
pub const CODES: &[CodeInfo] = &[
    code(
        "T001",
        "term-missing",
        Severity::Error,
        "glossary term in source, approved rendering (or an accepted variant) absent from target",
    ),
    code(
        "T002",
        "term-forbidden",
        Severity::Error,
        "a forbidden rendering appears in target",
    ),
    code(
        "T003",
        "term-near-miss",
        Severity::Warning,
        "a near-miss of the approved rendering appears in target",
    ),
    code(
        "T004",
        "term-count",
        Severity::Info,
        "term count differs between source and target",
    ),
    code(
        "M001",
        "tm-exact-differs",
        Severity::Error,
        "exact TM match (after normalisation) with a different target",
    ),
    code(
        "M002",
        "tm-fuzzy-terms-differ",
        Severity::Warning,
        "fuzzy TM match at or above --min-match whose term renderings differ from this target",
    ),
    code(
        "C001",
        "inconsistent-target",
        Severity::Warning,
        "same source translated differently within the checked files",
    ),
    code(
        "C002",
        "inconsistent-source",
        Severity::Warning,
        "same target used for different sources",
    ),
    code(
        "N001",
        "number-mismatch",
        Severity::Error,
        "number, percentage, date or amount in source missing or different in target",
    ),
    code("S001", "empty-target", Severity::Error, "empty target"),
    code(
        "S002",
        "untranslated",
        Severity::Warning,
        "target identical to source",
    ),
    code(
        "S003",
        "han-in-target",
        Severity::Warning,
        "Chinese characters left in target",
    ),
    code(
        "P001",
        "full-width-punctuation",
        Severity::Info,
        "full-width punctuation in English target",
    ),
    code(
        "P002",
        "unbalanced-brackets",
        Severity::Warning,
        "unbalanced brackets or quotes in target",
    ),
    code(
        "P003",
        "double-space",
        Severity::Info,
        "double space in target",
    ),
    code(
        "P004",
        "repeated-word",
        Severity::Info,
        "repeated word in target",
    ),
    code(
        "G001",
        "inline-codes",
        Severity::Error,
        "inline tags missing, extra or out of order",
    ),
];

/// The registry row of `code`.
pub fn code_info(code: &str) -> Option<&'static CodeInfo> {
    CODES.iter().find(|c| c.code == code)
}

/// Checks that every selector (`T`, `T00`, `T001`) names at least one code.
pub fn validate_selectors(selectors: &[String]) -> Result<()> {
    for s in selectors {
        if !CODES.iter().any(|c| c.code.starts_with(s.as_str())) || s.is_empty() {
            return Err(Error::usage(format!(
                "unknown check code '{s}' (codes: {})",
                CODES.iter().map(|c| c.code).collect::<Vec<_>>().join(", ")
            )));
        }
    }
    Ok(())
}

/// Everything that configures a check run. Plain data, filled by the CLI or
/// from `concord.toml`.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub source_lang: LangTag,
    pub target_lang: LangTag,
    /// Codes or prefixes to run (empty: all).
    pub select: Vec<String>,
    /// Codes or prefixes not to run.
    pub ignore: Vec<String>,
    /// Severity per code, overriding the registry.
    pub severity: BTreeMap<String, Severity>,
    /// Fuzzy TM threshold for M002, in percent.
    pub min_match: u8,
    /// Findings at or above this severity fail the run; None: never fail.
    pub fail_on: Option<Severity>,
    /// Accepted findings (`concord.ignore`).
    pub ignores: IgnoreList,
    /// T003 similarity threshold (0–1).
    pub near_miss: f64,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            source_lang: LangTag::new("zh"),
            target_lang: LangTag::new("en"),
            select: Vec::new(),
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            min_match: 75,
            fail_on: Some(Severity::Error),
            ignores: IgnoreList::default(),
            near_miss: 0.85,
        }
    }
}

impl CheckOptions {
    /// True when `code` is selected and not ignored.
    pub fn enabled(&self, code: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| code.starts_with(s.as_str())))
            && !self.ignore.iter().any(|s| code.starts_with(s.as_str()))
    }
    /// True when any code of a family (`T`, `N`, …) is enabled.
    fn family_enabled(&self, prefix: &str) -> bool {
        CODES
            .iter()
            .any(|c| c.code.starts_with(prefix) && self.enabled(c.code))
    }
    /// The severity `code` is reported with.
    pub fn severity_of(&self, code: &str) -> Severity {
        self.severity
            .get(code)
            .copied()
            .or_else(|| code_info(code).map(|c| c.severity))
            .unwrap_or(Severity::Warning)
    }
}

/// A file to check: its path (for locations) and its units.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub path: PathBuf,
    pub units: Vec<Unit>,
}

impl CheckedFile {
    pub fn new(path: impl Into<PathBuf>, units: Vec<Unit>) -> Self {
        CheckedFile {
            path: path.into(),
            units,
        }
    }
}

/// Per-file numbers for the summary.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileStats {
    pub path: PathBuf,
    /// Units read.
    pub units: usize,
    /// Units checked (those with a source in the source language).
    pub checked: usize,
}

/// The result of a run: findings in file and unit order, plus file stats.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub files: Vec<FileStats>,
    /// Findings dropped by the ignore file.
    pub ignored: usize,
    /// How glossary terms fared, when the run was asked to count them
    /// ([`CheckRun::count_terms`]).
    pub coverage: Option<TermCoverage>,
}

impl Outcome {
    /// Number of findings per code, in code order.
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for d in &self.diagnostics {
            *m.entry(d.code).or_insert(0) += 1;
        }
        m
    }
    /// Number of findings per severity.
    pub fn severity_counts(&self) -> BTreeMap<Severity, usize> {
        let mut m = BTreeMap::new();
        for d in &self.diagnostics {
            *m.entry(d.severity).or_insert(0) += 1;
        }
        m
    }
    /// True when some finding is at or above `fail_on`.
    pub fn fails(&self, fail_on: Option<Severity>) -> bool {
        fail_on.is_some_and(|min| self.diagnostics.iter().any(|d| d.severity >= min))
    }
}

/// A unit as the checks see it: plain texts, segments and its location.
pub(crate) struct UnitView<'a> {
    pub file: &'a Arc<PathBuf>,
    pub label: String,
    pub line: Option<u64>,
    pub source: Cow<'a, str>,
    pub target: Cow<'a, str>,
    pub source_seg: &'a Segment,
    pub target_seg: Option<&'a Segment>,
    /// `source` folded for matching, once for the term search, the
    /// numbers, the comparison key and the fuzzy tokens.
    pub source_fold: MatchFolded,
    /// `target` folded for matching when that changes it (an en dash,
    /// curly quotes, double spaces), once for its comparison key and the
    /// words, numbers and P004 of the checks.
    pub target_fold: Option<MatchFolded>,
    /// Hashes ([`key_hash`]) of the comparison keys ([`text_key`]) of
    /// `source` and `target`: what M001, S002, C001 and C002 compare first.
    /// The keys themselves are computed only when the hashes agree
    /// ([`UnitView::source_key`]): most units never need them.
    pub source_key_hash: u64,
    pub target_key_hash: u64,
}

impl UnitView<'_> {
    /// A diagnostic located at this unit, with the registry severity.
    pub fn diag(&self, code: &'static str, message: impl Into<String>) -> Diagnostic {
        located(
            code,
            message,
            self.file,
            &self.label,
            self.line,
            &self.source,
            &self.target,
        )
    }
    pub fn target_blank(&self) -> bool {
        self.target.trim().is_empty()
    }
    /// The source's comparison key ([`text_key`]).
    pub fn source_key(&self) -> String {
        text_key(&self.source)
    }
    /// The target's comparison key ([`text_key`]).
    pub fn target_key(&self) -> String {
        text_key(&self.target)
    }
}

/// The hash comparison keys are grouped and looked up by.
pub(crate) fn key_hash(key: &str) -> u64 {
    crate::hash::fnv_str(key)
}

/// [`key_hash`] of `text_key(text)`, without building the key where that
/// can be avoided: an English target that folding leaves as it is has the
/// key of its lower-cased text.
/// `key_hash(&text_key(text))` without the key when it can: `folded` is
/// `text`'s fold for matching, if it was needed (a text that folds to
/// itself does not need one once trimmed either).
fn text_key_hash(text: &str, folded: Option<&MatchFolded>) -> u64 {
    let trimmed = text.trim();
    if matching_fold_is_identity(trimmed) {
        return crate::hash::fnv_ascii_lowercase(trimmed);
    }
    folded
        .and_then(MatchFolded::caseless_key_hash)
        .unwrap_or_else(|| key_hash(&text_key(text)))
}

/// A diagnostic about a unit, with the registry severity: what every check
/// reports, whether it still has the unit (per-unit checks) or only what it
/// kept of it (C001/C002).
pub(crate) fn located(
    code: &'static str,
    message: impl Into<String>,
    file: &Path,
    label: &str,
    line: Option<u64>,
    source: &str,
    target: &str,
) -> Diagnostic {
    let severity = code_info(code).map_or(Severity::Warning, |c| c.severity);
    let mut d = Diagnostic::new(code, severity, label, message);
    d.file = Some(file.to_path_buf());
    d.line = line;
    d.source = source.to_string();
    d.target = target.to_string();
    d
}

/// What the per-unit checks share about one unit: computed once.
pub(crate) struct UnitContext<'a> {
    pub term_hits: Vec<TermHit>,
    pub target: TargetText,
    /// The target's tokens, when folding for matching leaves it as it is
    /// (most English targets): the words, the numbers and P004 read them
    /// instead of tokenising the target three times.
    pub target_tokens: Option<Vec<Token<'a>>>,
    /// The target folded for matching when that changed it: then
    /// `target_tokens` are this text's, mapped back by it.
    pub target_fold: Option<&'a MatchFolded>,
}

/// The check engine: indexes built once, run over many files.
pub struct Checker {
    options: CheckOptions,
    selected: Selected,
    terms: terms::TermChecker,
    memory: memory::TmChecker,
}

/// Which checks run, worked out once from the options' code selectors:
/// asking `family_enabled` for every unit compared every code with every
/// selector (2 % of a check's instructions).
#[derive(Debug, Clone, Copy)]
struct Selected {
    terms: bool,
    memory: bool,
    numbers: bool,
    punctuation: bool,
    p004: bool,
    s001: bool,
    s002: bool,
    s003: bool,
    g001: bool,
}

impl Selected {
    fn of(o: &CheckOptions) -> Self {
        Selected {
            terms: o.family_enabled("T"),
            memory: o.family_enabled("M"),
            numbers: o.enabled("N001"),
            punctuation: o.family_enabled("P"),
            p004: o.enabled("P004"),
            s001: o.enabled("S001"),
            s002: o.enabled("S002"),
            s003: o.enabled("S003"),
            g001: o.enabled("G001"),
        }
    }
}

impl Checker {
    /// Builds the glossary and TM indexes.
    pub fn new(glossary: &Glossary, tm: &[Unit], options: CheckOptions) -> Self {
        let terms = terms::TermChecker::new(glossary, options.near_miss);
        let memory = memory::TmChecker::new(tm, &terms, &options);
        Checker {
            selected: Selected::of(&options),
            options,
            terms,
            memory,
        }
    }

    /// Builds the checker for TM files, loading the TM as a previous check
    /// prepared it (`FIRST_TM.concord-check`, see [`tm_cache`]) when nothing
    /// it was built from has changed, else reading the TMs, preparing them
    /// and saving that for the next check. With `cache` false the TMs are
    /// always read and nothing is saved. The findings are the same either way.
    ///
    /// The second value says where the prepared TM came from (`Built` when
    /// there is no TM or `cache` is false).
    ///
    /// When no M check runs (`--select T`, `--ignore M`), the TMs are not
    /// read at all, only opened (a missing one is still an error): nothing
    /// else uses them, and reading a large one was most of such a check.
    pub fn with_tm_files(
        glossary: &Glossary,
        tm_paths: &[PathBuf],
        options: CheckOptions,
        cache: bool,
    ) -> Result<(Self, IndexOrigin)> {
        Self::with_glossary_read_and_tm_files(|| Ok(glossary), tm_paths, options, cache)
    }

    /// [`Checker::with_tm_files`] for the glossary `read_glossary` returns,
    /// read while the prepared TM is found and loaded: only the comparison
    /// of the saved TM's key with this check's waits for both (one after
    /// the other, they were most of the time before a check of the
    /// benchmark's 100k units could start, with a core idle).
    ///
    /// An error reading the glossary is returned before one about the TMs.
    pub fn with_glossary_read_and_tm_files<G: std::borrow::Borrow<Glossary>>(
        read_glossary: impl FnOnce() -> Result<G> + Send,
        tm_paths: &[PathBuf],
        options: CheckOptions,
        cache: bool,
    ) -> Result<(Self, IndexOrigin)> {
        let tm_paths = if options.family_enabled("M") {
            tm_paths
        } else {
            for path in tm_paths {
                std::fs::File::open(path).map_err(|e| Error::io("read", e).in_file(path))?;
            }
            &[]
        };
        let cache = cache && !tm_paths.is_empty();
        // Three independent pieces of work, on whichever core is free: the
        // glossary (read, indexed, its part of the key hashed); the TMs'
        // part of the key (every TM file hashed); the prepared TM saved by
        // a previous check (mapped, checked and decoded, used only if its
        // key is this check's).
        let (glossary, (tm_key, saved)) = rayon::join(
            || -> Result<(terms::TermChecker, Vec<u8>)> {
                let glossary = read_glossary()?;
                let glossary = glossary.borrow();
                Ok(rayon::join(
                    || terms::TermChecker::new(glossary, options.near_miss),
                    || {
                        if cache {
                            tm_cache::glossary_key(glossary)
                        } else {
                            Vec::new()
                        }
                    },
                ))
            },
            || {
                rayon::join(
                    || {
                        cache
                            .then(|| tm_cache::tm_key(tm_paths, &options))
                            .transpose()
                    },
                    || cache.then(|| tm_cache::load(tm_paths, &options)).flatten(),
                )
            },
        );
        let (terms, glossary_key) = glossary?;
        let key = tm_key?.map(|tm_key| tm_cache::key(&tm_key, &glossary_key));
        let (memory, origin) = match (key, saved) {
            (Some(key), Some(saved)) if saved.key == key => (saved.tm, IndexOrigin::Loaded),
            (Some(key), _) => {
                let tm = input::load_memories(tm_paths, &options)?;
                let memory = memory::TmChecker::new(&tm, &terms, &options);
                drop(tm);
                let origin = match tm_cache::save(&memory, tm_paths, &key, &options) {
                    Ok(()) => IndexOrigin::Saved,
                    Err(e) => IndexOrigin::NotSaved(e.to_string()),
                };
                (memory, origin)
            }
            (None, _) => {
                let tm = input::load_memories(tm_paths, &options)?;
                (
                    memory::TmChecker::new(&tm, &terms, &options),
                    IndexOrigin::Built,
                )
            }
        };
        Ok((
            Checker {
                selected: Selected::of(&options),
                options,
                terms,
                memory,
            },
            origin,
        ))
    }

    pub fn options(&self) -> &CheckOptions {
        &self.options
    }

    /// Checks `files` and returns the findings in file and unit order.
    ///
    /// A file in which no unit has text in the source language, or none has
    /// a variant in the target language, is not a bilingual file for this
    /// language pair: that is an error naming the file and the languages seen.
    ///
    /// The same as streaming each file through a [`CheckRun`] (which is
    /// what this does): use [`Checker::run`] to check files without holding
    /// their units.
    pub fn check(&self, files: &[CheckedFile]) -> Result<Outcome> {
        let mut run = self.run();
        for file in files {
            run.file(&file.path, file.units.iter().map(Ok))?;
        }
        Ok(run.finish())
    }

    /// Starts a streaming check: feed it files with [`CheckRun::file`],
    /// then take the [`Outcome`] from [`CheckRun::finish`].
    pub fn run(&self) -> CheckRun<'_> {
        CheckRun::new(self)
    }

    fn view<'a>(
        &self,
        unit: &'a Unit,
        index: usize,
        file: &'a Arc<PathBuf>,
    ) -> Option<UnitView<'a>> {
        let source = unit.variant(&self.options.source_lang, false)?;
        let target = unit.variant(&self.options.target_lang, false);
        let source_text = source.segment.plain_text_ref();
        let target_text = target.map_or(Cow::Borrowed(""), |t| t.segment.plain_text_ref());
        let source_fold = MatchFolded::of(&source_text);
        let source_key_hash = source_fold
            .caseless_key_hash()
            .unwrap_or_else(|| key_hash(&text_key(&source_text)));
        let target_fold =
            (!matching_fold_is_identity(&target_text)).then(|| MatchFolded::of(&target_text));
        let target_key_hash = text_key_hash(&target_text, target_fold.as_ref());
        Some(UnitView {
            file,
            label: unit_label(unit, index),
            line: (unit.origin.line > 0).then_some(unit.origin.line),
            source_key_hash,
            target_key_hash,
            source_fold,
            target_fold,
            source: source_text,
            target: target_text,
            source_seg: &source.segment,
            target_seg: target.map(|t| &t.segment),
        })
    }

    /// The findings about one unit and, when `want_terms`, the glossary
    /// entries found in its source (one per occurrence, for term coverage).
    fn check_unit(&self, v: &UnitView<'_>, want_terms: bool) -> (Vec<Diagnostic>, Vec<usize>) {
        let mut out = Vec::new();
        let o = &self.options;
        let run = self.selected;
        let terms_only = |out: Vec<Diagnostic>| {
            let entries = if want_terms {
                self.terms
                    .find_terms_folded(&v.source_fold)
                    .iter()
                    .map(|h| h.entry)
                    .collect()
            } else {
                Vec::new()
            };
            (out, entries)
        };
        if v.target_blank() {
            if run.s001 {
                segments::empty(v, &mut out);
            }
            return terms_only(out);
        }
        if run.s002 && segments::untranslated(v, &mut out) {
            return terms_only(out);
        }
        let find_terms = run.terms || run.numbers || run.memory;
        let words = run.terms || run.memory;
        // The target's tokens, read by the words, the numbers and P004: of
        // the target itself when folding leaves it as it is (most English
        // targets), else of its fold (an en dash, curly quotes).
        let wants_tokens = words || run.numbers || run.p004;
        let target_fold = v.target_fold.as_ref().filter(|_| wants_tokens);
        let target_tokens = wants_tokens.then(|| match &target_fold {
            Some(f) => tokens(f.text()),
            None => tokens(&v.target),
        });
        let ctx = UnitContext {
            term_hits: if find_terms || want_terms {
                self.terms.find_terms_folded(&v.source_fold)
            } else {
                Vec::new()
            },
            // Words and stems of the target: only the T and M checks use them.
            target: match (&target_tokens, &target_fold) {
                _ if !words => TargetText::new(""),
                (Some(toks), None) => TargetText::of_tokens(&v.target, toks),
                (Some(toks), Some(fold)) => TargetText::of_folded_tokens(fold, toks),
                (None, _) => TargetText::new(&v.target),
            },
            target_tokens,
            target_fold,
        };
        if run.terms {
            self.terms.check(v, &ctx, &mut out);
        }
        if run.memory {
            self.memory.check(v, &ctx, &self.terms, o, &mut out);
        }
        if run.numbers {
            numbers::check(v, &ctx, &mut out);
        }
        if run.s003 {
            segments::check(v, &mut out);
        }
        if run.punctuation {
            punctuation::check(v, &ctx, &mut out);
        }
        if run.g001 {
            tags::check(v, &mut out);
        }
        let entries = if want_terms {
            ctx.term_hits.iter().map(|h| h.entry).collect()
        } else {
            Vec::new()
        };
        (out, entries)
    }
}

/// A text as the consistency and TM checks compare it: folded (case,
/// width, dashes, quotes, white space) and trimmed.
pub(crate) fn text_key(s: &str) -> String {
    let s = s.trim();
    if s.is_ascii() {
        return ascii_caseless(s);
    }
    if let Some(key) = crate::text::quick_fold::quick_fold_caseless_plain(s) {
        return key;
    }
    crate::text::normalize::fold_plain(s, &crate::text::normalize::FoldOptions::caseless())
}

/// [`crate::text::normalize::fold_caseless`] of an ASCII text, without the
/// offset map `fold` builds: NFKC leaves ASCII alone, so folding is the
/// backtick to an apostrophe, white-space runs to one space and lower case.
/// (Folding the TM's and the checked file's texts into keys was a tenth of
/// a check's time, most of it on the map.)
fn ascii_caseless(s: &str) -> String {
    // Most targets have single spaces and no backtick: a lower-cased copy.
    if crate::text::token::matching_fold_is_identity(s) {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        out.push(match c {
            '`' => '\'',
            c => c.to_ascii_lowercase(),
        });
    }
    out
}

/// How a unit is named in locations: its id, or its 1-based index.
pub fn unit_label(unit: &Unit, index: usize) -> String {
    match &unit.id {
        Some(id) if !id.is_empty() => id.clone(),
        _ => (index + 1).to_string(),
    }
}

/// A file path as shown in locations.
pub fn display_path(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_key_is_caseless_fold() {
        for s in [
            "The  Belt\tand Road`s\n\r end ",
            "A-B \"C\" 'd' 35% (x)",
            "",
            "\u{b}vertical\u{c}tab",
        ] {
            assert_eq!(
                ascii_caseless(s),
                crate::text::normalize::fold_caseless(s),
                "{s:?}"
            );
        }
    }

    #[test]
    fn key_hashes_without_the_key_are_the_hashes_of_the_key() {
        for s in [
            "  Belt and Road  ",
            "Belt  and\tRoad`s",
            "中国－中亚精神，ＡＢＣ　二",
            "\t中国—中亚 Spirit ",
            "ﬁ① 组合",
            "China–Central Asia “Spirit”  ",
            "",
        ] {
            let expected = key_hash(&text_key(s));
            assert_eq!(text_key_hash(s, None), expected, "{s:?}");
            let fold = (!matching_fold_is_identity(s)).then(|| MatchFolded::of(s));
            assert_eq!(text_key_hash(s, fold.as_ref()), expected, "{s:?}");
            let fold = MatchFolded::of(s);
            let via_fold = fold.caseless_key_hash().unwrap_or(expected);
            assert_eq!(via_fold, expected, "{s:?}");
        }
    }
}
