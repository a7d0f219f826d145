//! C001 same source translated differently, C002 same target for different
//! sources — across every unit of every checked file.
//!
//! Texts are compared folded (case, width, dashes, quotes, white space). For
//! C001 the most frequent translation is taken as the reference and every
//! unit that differs from it is reported, with the reference as suggestion.
//! For C002 every unit after the first that reuses a target for another
//! source is reported.
//!
//! Both need every unit before they can say anything (the most frequent
//! translation is known only at the end), but not the units themselves:
//! [`Consistency`] keeps, per unit with a target, what a finding about it
//! quotes (file, label, line, source and target text, in one shared buffer)
//! and 64-bit hashes of its two comparison keys. Units are grouped by hash at
//! the end; a group of two or more has its real keys computed again from the
//! kept texts and is split by them, so a hash collision can never merge two
//! different texts.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;

use super::chunks::Chunks;
use super::{UnitView, located, text_key};

/// What C001 and C002 keep of one unit with a target.
struct Seen {
    /// Position among the checked units of the run (the order findings
    /// come out in).
    seq: usize,
    file: usize,
    line: Option<u64>,
    /// The block of `texts` holding its `label`, `source` and `target`,
    /// one after the other.
    block: usize,
    start: usize,
    label_end: usize,
    source_end: usize,
    target_end: usize,
    source_hash: u64,
    target_hash: u64,
}

/// Collects what C001/C002 need while the units stream past, and finds
/// them at the end.
pub(crate) struct Consistency {
    c001: bool,
    c002: bool,
    files: Vec<Arc<PathBuf>>,
    /// The kept texts, in blocks of at least [`BLOCK`] bytes: one growing
    /// `String` was copied at every doubling and zeroed afresh by the
    /// kernel (45 MB for the benchmark's 100k units).
    texts: Vec<String>,
    seen: Chunks<Seen>,
}

/// What C001/C002 (and the term coverage) keep of a checked unit: owned,
/// so that the batch it came from can go while the next one is checked.
pub(crate) struct CheckedUnit {
    pub file: Arc<PathBuf>,
    pub label: String,
    pub line: Option<u64>,
    pub source: String,
    pub target: String,
    pub target_blank: bool,
    /// [`super::key_hash`] of the unit's two comparison keys.
    pub source_hash: u64,
    pub target_hash: u64,
}

impl CheckedUnit {
    pub fn of(v: UnitView<'_>) -> Self {
        CheckedUnit {
            file: Arc::clone(v.file),
            target_blank: v.target_blank(),
            source_hash: v.source_key_hash,
            target_hash: v.target_key_hash,
            label: v.label,
            line: v.line,
            source: v.source.into_owned(),
            target: v.target.into_owned(),
        }
    }
}

/// The least capacity of a block of kept texts.
const BLOCK: usize = 1 << 20;

impl Consistency {
    pub fn new(c001: bool, c002: bool) -> Self {
        Consistency {
            c001,
            c002,
            files: Vec::new(),
            texts: Vec::new(),
            seen: Chunks::default(),
        }
    }

    fn enabled(&self) -> bool {
        self.c001 || self.c002
    }

    /// Remembers a checked unit (`seq`: its position in the run).
    pub fn add(&mut self, u: &CheckedUnit, seq: usize) {
        if !self.enabled() || u.target_blank {
            return;
        }
        let file = match self.files.last() {
            Some(f) if Arc::ptr_eq(f, &u.file) => self.files.len() - 1,
            _ => {
                self.files.push(Arc::clone(&u.file));
                self.files.len() - 1
            }
        };
        let needed = u.label.len() + u.source.len() + u.target.len();
        if self
            .texts
            .last()
            .is_none_or(|b| b.capacity() - b.len() < needed)
        {
            self.texts.push(String::with_capacity(needed.max(BLOCK)));
        }
        let block = self.texts.len() - 1;
        let texts = &mut self.texts[block];
        let start = texts.len();
        texts.push_str(&u.label);
        let label_end = texts.len();
        texts.push_str(&u.source);
        let source_end = texts.len();
        texts.push_str(&u.target);
        let target_end = texts.len();
        self.seen.push(Seen {
            seq,
            file,
            line: u.line,
            block,
            start,
            label_end,
            source_end,
            target_end,
            source_hash: u.source_hash,
            target_hash: u.target_hash,
        });
    }

    fn text(&self, block: usize, r: Range<usize>) -> &str {
        self.texts
            .get(block)
            .and_then(|b| b.get(r))
            .unwrap_or_default()
    }
    fn label(&self, s: &Seen) -> &str {
        self.text(s.block, s.start..s.label_end)
    }
    fn source(&self, s: &Seen) -> &str {
        self.text(s.block, s.label_end..s.source_end)
    }
    fn target(&self, s: &Seen) -> &str {
        self.text(s.block, s.source_end..s.target_end)
    }
    fn path(&self, s: &Seen) -> &std::path::Path {
        self.files
            .get(s.file)
            .map_or(std::path::Path::new(""), |p| p)
    }
    fn location(&self, s: &Seen) -> String {
        format!("{}:{}", self.path(s).display(), self.label(s))
    }

    fn diag(&self, s: &Seen, code: &'static str, message: String) -> Diagnostic {
        located(
            code,
            message,
            self.path(s),
            self.label(s),
            s.line,
            self.source(s),
            self.target(s),
        )
    }

    /// Groups of two or more units (indexes into `seen`, in unit order)
    /// whose keys are equal: grouped by `hash`, then split by the real key.
    fn groups(
        &self,
        hash: impl Fn(&Seen) -> u64,
        key: impl Fn(&Seen) -> String,
    ) -> Vec<Vec<usize>> {
        let mut order: Vec<(u64, usize)> = self
            .seen
            .iter()
            .enumerate()
            .map(|(i, s)| (hash(s), i))
            .collect();
        order.sort_unstable();
        let mut groups = Vec::new();
        for run in order.chunk_by(|a, b| a.0 == b.0) {
            if run.len() < 2 {
                continue;
            }
            let mut by_key: Vec<(String, Vec<usize>)> = Vec::new();
            for &(_, i) in run {
                let Some(s) = self.seen.get(i) else { continue };
                let k = key(s);
                match by_key.iter_mut().find(|(bk, _)| *bk == k) {
                    Some((_, g)) => g.push(i),
                    None => by_key.push((k, vec![i])),
                }
            }
            groups.extend(by_key.into_iter().map(|(_, g)| g).filter(|g| g.len() > 1));
        }
        groups
    }

    /// The findings, as (unit position in the run, diagnostic) pairs: C001s
    /// in unit order, then C002s in unit order. The two are found on two
    /// cores: this runs after the last unit is checked, with nothing else
    /// left for the other core to do.
    pub fn finish(self) -> Vec<(usize, Diagnostic)> {
        let (mut out, mut c002) = rayon::join(
            || {
                let mut out = Vec::new();
                if self.c001 {
                    self.c001(&mut out);
                }
                out
            },
            || {
                let mut out = Vec::new();
                if self.c002 {
                    self.c002(&mut out);
                }
                out
            },
        );
        out.append(&mut c002);
        out
    }

    fn c001(&self, out: &mut Vec<(usize, Diagnostic)>) {
        let mut found = Vec::new();
        for group in self.groups(|s| s.source_hash, |s| text_key(self.source(s))) {
            // Target keys, computed once per member.
            let keys: Vec<String> = group
                .iter()
                .filter_map(|&i| self.seen.get(i))
                .map(|s| text_key(self.target(s)))
                .collect();
            let mut counts: HashMap<&str, (usize, usize)> = HashMap::new(); // count, first
            for (n, k) in keys.iter().enumerate() {
                counts.entry(k.as_str()).or_insert((0, n)).0 += 1;
            }
            if counts.len() < 2 {
                continue;
            }
            // Most frequent; on a tie, the first seen.
            let Some((ref_key, &(_, ref_pos))) = counts
                .iter()
                .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
            else {
                continue;
            };
            let Some(r) = group.get(ref_pos).and_then(|&i| self.seen.get(i)) else {
                continue;
            };
            for (&i, k) in group.iter().zip(&keys) {
                let Some(s) = self.seen.get(i) else { continue };
                if k == ref_key {
                    continue;
                }
                let mut d = self.diag(
                    s,
                    "C001",
                    format!(
                        "same source translated differently at {} ({} translation(s) in all)",
                        self.location(r),
                        counts.len()
                    ),
                );
                d.suggestion = Some(self.target(r).to_string());
                found.push((s.seq, d));
            }
        }
        found.sort_by_key(|(seq, _)| *seq);
        out.append(&mut found);
    }

    fn c002(&self, out: &mut Vec<(usize, Diagnostic)>) {
        let mut found = Vec::new();
        for group in self.groups(|s| s.target_hash, |s| text_key(self.target(s))) {
            let Some(first) = group.first().and_then(|&i| self.seen.get(i)) else {
                continue;
            };
            let first_key = text_key(self.source(first));
            for &i in group.iter().skip(1) {
                let Some(s) = self.seen.get(i) else { continue };
                // Different hashes are different keys; equal ones are checked.
                if s.source_hash == first.source_hash && text_key(self.source(s)) == first_key {
                    continue;
                }
                let d = self.diag(
                    s,
                    "C002",
                    format!(
                        "same target as {} whose source differs: {}",
                        self.location(first),
                        self.source(first)
                    ),
                );
                found.push((s.seq, d));
            }
        }
        found.sort_by_key(|(seq, _)| *seq);
        out.append(&mut found);
    }
}
