//! [`Index`]: every TM unit at or above a threshold, exactly what a full scan
//! returns, without scanning.
//!
//! # How it stays exact
//!
//! A query of `n` content tokens can only reach `min`% against a unit of `L`
//! tokens if the distance `d` satisfies `d ≤ k(m) = floor(m × (100 − min) / 100)`
//! with `m = max(n, L)` (scores of 98–100 need `d = 0`). Two filters follow,
//! and both only drop units that provably cannot qualify:
//!
//! * **length**: `d ≥ |n − L|` gives `n − k(n) ≤ L ≤ floor(100 n / min)`;
//! * **count** (the q-gram lemma, with token bigrams): two sequences at
//!   distance `d` share at least `T = m − 1 − 2d` bigrams (as multisets), so
//!   a unit sharing fewer than `T(k(m))` bigrams with the query is skipped.
//!   Counts come from inverted lists (bigram → units). The most frequent
//!   bigrams of the query are not read at all as long as the bigrams skipped
//!   could not, even all present, reach `T` (we skip up to a quarter of
//!   that allowance): a qualifying unit still shows at least `T − skipped` hits in
//!   the lists that are read.
//!
//! Units are numbered by length (*slots*), so each posting list is grouped
//! by length. A search scans one length at a time, reading only that length's
//! part of each list (found by galloping from where the previous length
//! ended) with that length's own `T` and its own set of skipped lists; longer
//! units have a larger `T`, so more lists are skipped for them.
//!
//! Lengths are scanned from `n` outwards, best possible score first. Once
//! `limit` matches are found, the `limit`-th best score `s` becomes the
//! threshold: a unit below `s` has `limit` units ranked above it and cannot be
//! in the answer (a unit at `s` still can, through the unit-index tie-break,
//! so `s` itself stays admitted). The raised threshold narrows the lengths
//! left and raises their `T`.
//!
//! Lengths where `T ≤ 0` (short queries, low thresholds) cannot be filtered
//! by count; every unit of such a length is verified. Verification is the
//! exact bit-parallel distance ([`super::myers`]). [`Index::search_exhaustive`]
//! verifies every unit with the same code, and the property test in
//! `tests/fuzzy_index.rs` checks that both return the same matches.
//!
//! Tokens are interned by a 64-bit FNV-1a hash of their text, and the
//! 100/99/98 tiers compare 64-bit hashes of the folded text and of the
//! numbers: two different tokens or texts would have to collide in 64 bits to
//! be confused (about 1 in 10^10 for a vocabulary of a million tokens). Both
//! `search` and `search_exhaustive` use the same ids and hashes, so they
//! always agree with each other.
//!
//! # Memory
//!
//! Token ids of all units in one flat `Vec<u32>`, postings as one flat
//! `Vec<u32>` (a slot repeated once per occurrence of the bigram), offsets
//! per slot and per bigram, the slot → unit map: about 8 bytes per Han
//! character of the TM's source side, less than the UTF-8 text of both sides.

use std::collections::HashMap;

use rayon::prelude::*;

use super::Match;
use super::analyse::{Keys, analyse, fnv1a, grade};
use super::myers::Pattern;
use crate::mapped::Slab;
use crate::model::{LangTag, Unit};

/// Units counted per pass of a search: 64 KiB of counters, cache-resident.
const COUNT_BLOCK: usize = 1 << 15;

/// Units are tokenised in parallel in chunks of this many.
const CHUNK: usize = 4096;

/// Options for building an [`Index`].
///
/// ```
/// use concord::memory::fuzzy::Index;
/// use concord::model::Unit;
/// let units = vec![
///     Unit::bilingual(None, "zh-CN", "推动地区合作高质量发展", "en", "promote high-quality development of regional cooperation"),
///     Unit::bilingual(None, "zh-CN", "共建一带一路", "en", "jointly build the Belt and Road"),
/// ];
/// let index = Index::builder().build(&units, &"zh-CN".into());
/// let found = index.search("推动区域合作高质量发展", 70, 5);
/// assert_eq!(found.len(), 1);
/// // 地区 → 区域: two edits in 11 tokens, floor(100 × 9/11) = 81
/// assert_eq!((found[0].unit, found[0].score), (0, 81));
/// assert_eq!(found, index.search_exhaustive("推动区域合作高质量发展", 70, 5));
/// ```
#[derive(Debug, Clone, Default)]
pub struct IndexBuilder {
    strict_lang: bool,
}

impl IndexBuilder {
    /// Only variants whose language tag equals the source language exactly
    /// (ignoring case) are indexed; by default `zh` also finds `zh-CN`.
    pub fn strict_lang(mut self, yes: bool) -> Self {
        self.strict_lang = yes;
        self
    }

    /// Tokenises the source side of every unit and builds the inverted lists.
    pub fn build(&self, units: &[Unit], source_lang: &LangTag) -> Index {
        let chunks: Vec<Chunk> = units
            .par_chunks(CHUNK)
            .map(|chunk| Chunk::analyse(chunk, source_lang, self.strict_lang))
            .collect();
        Index::from_chunks(units.len(), chunks)
    }
}

/// The tokenised source sides of a chunk of units, before interning.
struct Chunk {
    hashes: Vec<u64>,
    lens: Vec<u32>,
    exact: Vec<u64>,
    numbers: Vec<u64>,
    has_source: Vec<bool>,
}

impl Chunk {
    fn analyse(units: &[Unit], lang: &LangTag, strict: bool) -> Chunk {
        let mut c = Chunk {
            hashes: Vec::new(),
            lens: Vec::with_capacity(units.len()),
            exact: Vec::with_capacity(units.len()),
            numbers: Vec::with_capacity(units.len()),
            has_source: Vec::with_capacity(units.len()),
        };
        for unit in units {
            let Some(variant) = unit.variant(lang, strict) else {
                c.lens.push(0);
                c.exact.push(0);
                c.numbers.push(0);
                c.has_source.push(false);
                continue;
            };
            let before = c.hashes.len();
            let keys = analyse(&variant.segment.plain_text(), |t| {
                c.hashes.push(fnv1a(t.as_bytes()))
            });
            c.lens.push((c.hashes.len() - before) as u32);
            c.exact.push(fnv1a(keys.exact.as_bytes()));
            c.numbers.push(fnv1a(keys.numbers.as_bytes()));
            c.has_source.push(true);
        }
        c
    }
}

/// A fuzzy-match index over the source side of a list of units.
///
/// Immutable once built and `Sync`: share it across threads. Build it with
/// [`Index::build`] or [`Index::builder`]; save and reload it with
/// [`Index::save`]/[`Index::load`] (see `store`).
///
/// Units with a source are stored in *slots* ordered by content length (then
/// by unit index), so that every posting list, sorted by slot, is also
/// grouped by length: a search reads only the part of a list whose lengths
/// can reach the threshold, and knows each part's count threshold without
/// looking at the units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// Token hash → token id.
    pub(super) vocab: Map,
    /// Per slot, its first token in `tokens`; one more entry at the end.
    pub(super) starts: Slab<u64>,
    pub(super) tokens: Slab<u32>,
    /// Per slot, hashes of the keys that decide 100/99/98.
    pub(super) exact: Slab<u64>,
    pub(super) numbers: Slab<u64>,
    /// Per unit: false when it has no variant in the source language.
    pub(super) has_source: Vec<bool>,
    /// Bigram (two token ids) → gram id.
    pub(super) grams: Map,
    /// Per gram, its first posting; one more entry at the end.
    pub(super) gram_starts: Slab<u64>,
    /// Slots, ascending within each gram (a slot once per occurrence).
    pub(super) postings: Slab<u32>,
    /// Slots of content length `L`: `len_starts[L]..len_starts[L+1]`.
    pub(super) len_starts: Slab<u32>,
    /// Slot → unit index (the units with a source, by length then index).
    pub(super) by_len: Slab<u32>,
}

pub(super) type Map = crate::hash::MixMap<u64, u32>;

fn bigram(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// The query as the index sees it.
struct Query {
    ids: Vec<u32>,
    exact: u64,
    numbers: u64,
}

impl Index {
    /// Builds an index over the `source_lang` side of `units` (see [`IndexBuilder`]).
    pub fn build(units: &[Unit], source_lang: &LangTag) -> Index {
        IndexBuilder::default().build(units, source_lang)
    }

    pub fn builder() -> IndexBuilder {
        IndexBuilder::default()
    }

    fn from_chunks(units: usize, chunks: Vec<Chunk>) -> Index {
        let mut ix = Index {
            has_source: Vec::with_capacity(units),
            ..Index::default()
        };
        // Intern the tokens in unit order (ids by first occurrence).
        let total: usize = chunks.iter().map(|c| c.hashes.len()).sum();
        let mut ids: Vec<u32> = Vec::with_capacity(total);
        let mut unit_starts: Vec<u64> = Vec::with_capacity(units + 1);
        let mut exact = Vec::with_capacity(units);
        let mut numbers = Vec::with_capacity(units);
        unit_starts.push(0);
        for c in chunks {
            for h in c.hashes {
                let next = ix.vocab.len() as u32;
                ids.push(*ix.vocab.entry(h).or_insert(next));
            }
            for len in c.lens {
                let last = unit_starts.last().copied().unwrap_or(0);
                unit_starts.push(last + u64::from(len));
            }
            exact.extend(c.exact);
            numbers.extend(c.numbers);
            ix.has_source.extend(c.has_source);
        }
        // Slots: the units with a source by length, then index (counting sort).
        let unit_len = |u: usize| (unit_starts[u + 1] - unit_starts[u]) as usize;
        let max = (0..units).map(unit_len).max().unwrap_or(0);
        let mut len_starts = vec![0u32; max + 2];
        for u in 0..units {
            if ix.has_source[u] {
                len_starts[unit_len(u) + 1] += 1;
            }
        }
        for i in 1..len_starts.len() {
            len_starts[i] += len_starts[i - 1];
        }
        let mut fill = len_starts.clone();
        let slots = len_starts.last().copied().unwrap_or(0) as usize;
        let mut by_len = vec![0u32; slots];
        for u in 0..units {
            if ix.has_source[u] {
                let slot = &mut fill[unit_len(u)];
                by_len[*slot as usize] = u as u32;
                *slot += 1;
            }
        }
        let mut slot_starts = Vec::with_capacity(slots + 1);
        let mut tokens = Vec::with_capacity(total);
        let mut slot_exact = Vec::with_capacity(slots);
        let mut slot_numbers = Vec::with_capacity(slots);
        slot_starts.push(0);
        for &u in &by_len {
            let u = u as usize;
            tokens.extend_from_slice(&ids[unit_starts[u] as usize..unit_starts[u + 1] as usize]);
            slot_starts.push(tokens.len() as u64);
            slot_exact.push(exact[u]);
            slot_numbers.push(numbers[u]);
        }
        ix.starts = slot_starts.into();
        ix.tokens = tokens.into();
        ix.exact = slot_exact.into();
        ix.numbers = slot_numbers.into();
        ix.len_starts = len_starts.into();
        ix.by_len = by_len.into();
        ix.build_postings();
        ix
    }

    /// Bigram ids in slot order, then a counting sort into flat postings.
    fn build_postings(&mut self) {
        let mut gram_ids: Vec<u32> = Vec::with_capacity(self.tokens.len());
        let mut counts: Vec<u64> = Vec::new();
        let grams = &mut self.grams;
        for span in self.starts.windows(2) {
            for w in self.tokens[span[0] as usize..span[1] as usize].windows(2) {
                let next = grams.len() as u32;
                let id = *grams.entry(bigram(w[0], w[1])).or_insert(next);
                if id as usize == counts.len() {
                    counts.push(0);
                }
                counts[id as usize] += 1;
                gram_ids.push(id);
            }
        }
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut acc = 0u64;
        starts.push(0);
        for c in &counts {
            acc += c;
            starts.push(acc);
        }
        let mut fill: Vec<u64> = starts[..counts.len()].to_vec();
        let mut postings = vec![0u32; acc as usize];
        let mut grams = gram_ids.into_iter();
        for slot in 0..self.slot_count() {
            let pairs = self.slot_len(slot).saturating_sub(1);
            for id in grams.by_ref().take(pairs) {
                let at = &mut fill[id as usize];
                postings[*at as usize] = slot as u32;
                *at += 1;
            }
        }
        self.gram_starts = starts.into();
        self.postings = postings.into();
    }

    /// Number of units the index was built from (with or without a source).
    pub fn unit_count(&self) -> usize {
        self.has_source.len()
    }

    /// Units that have no variant in the source language: they are never
    /// matched. Callers report them.
    pub fn units_without_source(&self) -> Vec<usize> {
        (0..self.unit_count())
            .filter(|&u| !self.has_source[u])
            .collect()
    }

    fn slot_count(&self) -> usize {
        self.by_len.len()
    }

    /// Content-token length of the unit in `slot`.
    fn slot_len(&self, slot: usize) -> usize {
        (self.starts[slot + 1] - self.starts[slot]) as usize
    }

    fn slot_tokens(&self, slot: usize) -> &[u32] {
        &self.tokens[self.starts[slot] as usize..self.starts[slot + 1] as usize]
    }

    /// True when every array is a mapped file's (see `store::load`).
    #[cfg(test)]
    pub(crate) fn is_mapped(&self) -> bool {
        [&self.starts, &self.exact, &self.numbers, &self.gram_starts]
            .iter()
            .all(|s| s.is_mapped())
            && [&self.tokens, &self.postings, &self.len_starts, &self.by_len]
                .iter()
                .all(|s| s.is_mapped())
    }

    /// Approximate heap size in bytes (for the memory benchmark).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let map = |m: &Map| m.capacity() * (size_of::<u64>() + size_of::<u32>() + 1);
        map(&self.vocab)
            + map(&self.grams)
            + self.starts.heap_bytes()
            + self.tokens.heap_bytes()
            + self.exact.heap_bytes()
            + self.numbers.heap_bytes()
            + self.has_source.capacity()
            + self.gram_starts.heap_bytes()
            + self.postings.heap_bytes()
            + self.len_starts.heap_bytes()
            + self.by_len.heap_bytes()
    }

    fn query(&self, text: &str) -> Query {
        let mut unknown: HashMap<u64, u32> = HashMap::new();
        let mut ids = Vec::new();
        let vocab = self.vocab.len() as u32;
        let Keys { exact, numbers } = analyse(text, |t| {
            let h = fnv1a(t.as_bytes());
            let id = match self.vocab.get(&h) {
                Some(&id) => id,
                None => {
                    let next = vocab.saturating_add(unknown.len() as u32);
                    *unknown.entry(h).or_insert(next)
                }
            };
            ids.push(id);
        });
        Query {
            ids,
            exact: fnv1a(exact.as_bytes()),
            numbers: fnv1a(numbers.as_bytes()),
        }
    }

    /// Every unit scoring at least `min` against `query`, best first (score
    /// descending, then unit index ascending), at most `limit` of them
    /// (`usize::MAX` for all). Exactly [`Index::search_exhaustive`]'s answer.
    pub fn search(&self, query: &str, min: u8, limit: usize) -> Vec<Match> {
        let q = self.query(query);
        let mut search = Search {
            ix: self,
            pattern: Pattern::new(&q.ids, self.vocab.len()),
            n: q.ids.len(),
            lists: self.query_lists(&q.ids, q.ids.len()),
            q,
            min: min.min(100),
            found: Vec::new(),
            scratch: Vec::new(),
            counts: Vec::new(),
            candidates: Vec::new(),
        };
        if limit == 0 || self.slot_count() == 0 {
            return Vec::new();
        }
        let n = search.n;
        let max_len = self.len_starts.len().saturating_sub(2);
        let (mut lo, mut hi) = length_bounds(n, search.min, max_len);
        // Lengths in order of the best score they allow (n, then outwards), so
        // that a full top `limit` raises the threshold early.
        let mut up = n;
        let mut down = n.checked_sub(1);
        loop {
            let up_ok = up <= hi;
            let down_ok = down.is_some_and(|l| l >= lo);
            let len = match (up_ok, down_ok, down) {
                (false, false, _) => break,
                (true, true, Some(d)) if best_score(d, n) > best_score(up, n) => {
                    down = d.checked_sub(1);
                    search.scan(d, Direction::Down);
                    continue_after(&mut search, limit, &mut lo, &mut hi, max_len);
                    continue;
                }
                (true, _, _) => up,
                (false, true, Some(d)) => {
                    down = d.checked_sub(1);
                    search.scan(d, Direction::Down);
                    continue_after(&mut search, limit, &mut lo, &mut hi, max_len);
                    continue;
                }
                (false, true, None) => break,
            };
            up += 1;
            search.scan(len, Direction::Up);
            continue_after(&mut search, limit, &mut lo, &mut hi, max_len);
        }
        rank(search.found, limit)
    }

    /// The query's distinct bigrams that occur in the TM, with their
    /// multiplicity in the query and their posting lists, most frequent first.
    fn query_lists(&self, ids: &[u32], n: usize) -> Vec<QueryList<'_>> {
        let mut keys: Vec<u64> = ids.windows(2).map(|w| bigram(w[0], w[1])).collect();
        keys.sort_unstable();
        let first_slot = self
            .len_starts
            .get(n)
            .copied()
            .unwrap_or(self.slot_count() as u32);
        let mut lists: Vec<QueryList> = Vec::new();
        let mut prev = None;
        for key in keys {
            if prev == Some(key) {
                if let Some(last) = lists.last_mut().filter(|l| l.key == key) {
                    last.cq += 1;
                }
                continue;
            }
            prev = Some(key);
            let Some(&g) = self.grams.get(&key) else {
                continue; // no unit has it: it can never count
            };
            let list = &self.postings
                [self.gram_starts[g as usize] as usize..self.gram_starts[g as usize + 1] as usize];
            let at = list.partition_point(|&s| s < first_slot);
            lists.push(QueryList {
                key,
                list,
                cq: 1,
                up: at,
                down: at,
                at,
            });
        }
        lists.sort_by_key(|l| std::cmp::Reverse(l.list.len()));
        lists
    }

    /// The same answer as [`Index::search`] by scoring every unit: for audits,
    /// tests and benchmarks.
    pub fn search_exhaustive(&self, query: &str, min: u8, limit: usize) -> Vec<Match> {
        let q = self.query(query);
        let pattern = Pattern::new(&q.ids, self.vocab.len());
        let mut found = Vec::new();
        let mut scratch = Vec::new();
        for slot in 0..self.slot_count() {
            self.verify(slot, &q, &pattern, min.min(100), &mut scratch, &mut found);
        }
        rank(found, limit)
    }

    /// Reads the first token and keys of every slot about to be verified:
    /// independent loads the CPU overlaps, so that the verifications that
    /// follow find their data in cache instead of waiting on memory one
    /// candidate at a time (in the profile, Myers spent a third of its time
    /// on the first load of each candidate's tokens).
    fn touch(&self, slots: &[usize]) {
        let mut sink = 0u64;
        for &slot in slots {
            let at = self.starts[slot] as usize;
            sink ^= u64::from(self.tokens.get(at).copied().unwrap_or(0))
                ^ self.exact[slot]
                ^ self.numbers[slot]
                ^ u64::from(self.by_len[slot]);
        }
        std::hint::black_box(sink);
    }

    fn verify(
        &self,
        slot: usize,
        q: &Query,
        pattern: &Pattern,
        min: u8,
        scratch: &mut Vec<u64>,
        found: &mut Vec<Match>,
    ) {
        let tokens = self.slot_tokens(slot);
        let d = pattern.distance(tokens, scratch);
        let m = pattern.len().max(tokens.len());
        let score = grade(
            d,
            m,
            self.exact[slot] == q.exact,
            self.numbers[slot] == q.numbers,
        );
        if score >= min {
            found.push(Match {
                unit: self.by_len[slot] as usize,
                score,
            });
        }
    }
}

/// After a length is scanned: once `limit` matches are found, nothing below
/// the `limit`-th best score can enter the answer, so that score becomes the
/// threshold (ties stay in: they may rank before by unit index), which
/// narrows the lengths still to scan and raises their count thresholds.
fn continue_after(
    search: &mut Search,
    limit: usize,
    lo: &mut usize,
    hi: &mut usize,
    max_len: usize,
) {
    if search.found.len() < limit {
        return;
    }
    let mut scores: Vec<u8> = search.found.iter().map(|m| m.score).collect();
    let (_, kth, _) = scores.select_nth_unstable_by(limit - 1, |a, b| b.cmp(a));
    if *kth > search.min {
        search.min = *kth;
        let min = search.min;
        search.found.retain(|m| m.score >= min);
        (*lo, *hi) = length_bounds(search.n, min, max_len);
    }
}

/// The highest score a unit of `len` tokens can reach against `n` tokens.
fn best_score(len: usize, n: usize) -> usize {
    if len == n {
        100
    } else {
        100 * len.min(n) / len.max(n)
    }
}

/// One distinct query bigram with its posting list and the scan positions
/// in it: `up` is where lengths above the current one start, `down` where
/// the lengths already scanned downwards start.
struct QueryList<'a> {
    key: u64,
    list: &'a [u32],
    /// Occurrences of the bigram in the query: a unit counts at most this many.
    cq: u32,
    up: usize,
    down: usize,
    /// Position while counting one length.
    at: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

/// The state of one [`Index::search`].
struct Search<'a> {
    ix: &'a Index,
    q: Query,
    pattern: Pattern,
    n: usize,
    lists: Vec<QueryList<'a>>,
    /// The threshold, raised once the top `limit` is full.
    min: u8,
    found: Vec<Match>,
    scratch: Vec<u64>,
    counts: Vec<u32>,
    candidates: Vec<usize>,
}

impl Search<'_> {
    /// Finds the units of length `len` that reach `self.min`.
    fn scan(&mut self, len: usize, dir: Direction) {
        let ix = self.ix;
        let (Some(&a), Some(&b)) = (ix.len_starts.get(len), ix.len_starts.get(len + 1)) else {
            return;
        };
        if a == b {
            return;
        }
        let t = count_threshold(self.n, len, self.min);
        if t <= 0 {
            // No count bound at this length: verify every unit.
            for slot in a as usize..b as usize {
                ix.verify(
                    slot,
                    &self.q,
                    &self.pattern,
                    self.min,
                    &mut self.scratch,
                    &mut self.found,
                );
            }
            return;
        }
        // Skipping the most frequent lists saves reading them but weakens the
        // bound for every unit: a qualifying unit still shows at least
        // `t − skipped` hits in the lists read. Measured on the generated 100k
        // TM (1,000 queries, ms/query, median of 3, run in turn): skipping
        // up to 1/4 of what is allowed 0.76–0.85, 1/2 1.04–1.21 (3× the
        // candidates), none ~1.3 (every frequent list read).
        let allowance = (t - 1) / 4;
        let mut skipped = 0i64;
        let mut first_read = self.lists.len();
        for (i, l) in self.lists.iter().enumerate() {
            if skipped + i64::from(l.cq) > allowance {
                first_read = i;
                break;
            }
            skipped += i64::from(l.cq);
        }
        let need = u32::try_from(t - skipped).unwrap_or(u32::MAX);
        let read = &mut self.lists[first_read..];
        // Where this length starts in each list read.
        for l in read.iter_mut() {
            l.at = match dir {
                Direction::Up => seek_up(l.list, l.up, a),
                Direction::Down => {
                    l.down = seek_down(l.list, l.down, a);
                    l.down
                }
            };
        }
        let mut base = a;
        while base < b {
            let end = b.min(base.saturating_add(COUNT_BLOCK as u32));
            let width = (end - base) as usize;
            self.counts.clear();
            self.counts.resize(width, 0);
            for l in read.iter_mut() {
                l.at = count_block(l.list, l.at, base, end, l.cq, &mut self.counts);
            }
            self.candidates.clear();
            self.candidates.extend(
                (base..end)
                    .zip(&self.counts)
                    .filter(|&(_, &c)| c >= need)
                    .map(|(slot, _)| slot as usize),
            );
            ix.touch(&self.candidates);
            for &slot in &self.candidates {
                ix.verify(
                    slot,
                    &self.q,
                    &self.pattern,
                    self.min,
                    &mut self.scratch,
                    &mut self.found,
                );
            }
            base = end;
        }
        if dir == Direction::Up {
            for l in read.iter_mut() {
                l.up = l.at;
            }
        }
    }
}

/// Adds the hits of `list[from..]` on slots `base..end` to `counts` (a slot
/// counts at most `cq` times) and returns where the list passes `end`.
#[inline]
fn count_block(
    list: &[u32],
    from: usize,
    base: u32,
    end: u32,
    cq: u32,
    counts: &mut [u32],
) -> usize {
    let mut i = from;
    if cq == 1 {
        let mut prev = u32::MAX;
        while let Some(&s) = list.get(i) {
            if s >= end {
                break;
            }
            if let Some(c) = counts.get_mut((s - base) as usize) {
                *c += u32::from(s != prev);
            }
            prev = s;
            i += 1;
        }
    } else {
        while let Some(&s) = list.get(i) {
            if s >= end {
                break;
            }
            let mut j = i + 1;
            while list.get(j) == Some(&s) {
                j += 1;
            }
            if let Some(c) = counts.get_mut((s - base) as usize) {
                *c += (j - i).min(cq as usize) as u32;
            }
            i = j;
        }
    }
    i
}

/// The first position at or after `from` whose slot is `>= target`
/// (galloping: cheap when it is near).
fn seek_up(list: &[u32], from: usize, target: u32) -> usize {
    let Some(rest) = list.get(from..) else {
        return list.len();
    };
    if rest.first().is_none_or(|&s| s >= target) {
        return from;
    }
    // rest[lo] < target
    let (mut lo, mut step) = (0usize, 1usize);
    while lo + step < rest.len() && rest[lo + step] < target {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(rest.len());
    from + lo + 1 + rest[lo + 1..hi].partition_point(|&s| s < target)
}

/// The first position whose slot is `>= target`, knowing it is at or before
/// `to` (galloping backwards from `to`).
fn seek_down(list: &[u32], to: usize, target: u32) -> usize {
    let head = &list[..to.min(list.len())];
    if head.last().is_none_or(|&s| s < target) {
        return head.len();
    }
    // head[hi] >= target
    let (mut hi, mut step) = (head.len() - 1, 1usize);
    while hi >= step && head[hi - step] >= target {
        hi -= step;
        step *= 2;
    }
    let lo = hi.saturating_sub(step);
    lo + head[lo..hi].partition_point(|&s| s < target)
}

/// The most distance a score of `min` allows at longer length `m`.
fn max_distance(m: usize, min: u8) -> usize {
    if min >= 98 {
        0
    } else {
        m * (100 - usize::from(min)) / 100
    }
}

/// Unit lengths that can reach `min` against a query of `n` content tokens.
fn length_bounds(n: usize, min: u8, max_len: usize) -> (usize, usize) {
    if min >= 98 {
        return (n, n.min(max_len));
    }
    let lo = n - max_distance(n, min);
    let hi = if min == 0 {
        max_len
    } else {
        (100 * n / usize::from(min)).min(max_len)
    };
    (lo, hi)
}

/// Bigrams a unit of `len` tokens must share with a query of `n` tokens to
/// possibly reach `min` (≤ 0: no bound).
fn count_threshold(n: usize, len: usize, min: u8) -> i64 {
    let m = n.max(len);
    m as i64 - 1 - 2 * max_distance(m, min) as i64
}

fn rank(mut found: Vec<Match>, limit: usize) -> Vec<Match> {
    found.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.unit.cmp(&b.unit)));
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_bounds_are_tight() {
        // n = 10, min 70: L = 7 gives d ≥ 3 = k(10) → 70 possible; L = 14 gives k(14) = 4 = 14 − 10.
        assert_eq!(length_bounds(10, 70, 100), (7, 14));
        assert_eq!(length_bounds(10, 100, 100), (10, 10));
        assert_eq!(length_bounds(10, 0, 50), (0, 50));
    }

    #[test]
    fn units_without_source_are_skipped() {
        let units = vec![
            Unit::bilingual(None, "en", "x", "fr", "y"),
            Unit::bilingual(None, "zh", "中国", "en", "China"),
        ];
        let ix = Index::build(&units, &"zh-CN".into());
        assert_eq!(ix.units_without_source(), [0]);
        assert_eq!(
            ix.search("中国", 0, 10),
            [Match {
                unit: 1,
                score: 100
            }]
        );
        assert_eq!(ix.search("", 0, 10), [Match { unit: 1, score: 0 }]);
    }
}
