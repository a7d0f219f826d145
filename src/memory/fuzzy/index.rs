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
//!   could not, even all present, reach the lowest `T` (we skip up to half
//!   that allowance): a qualifying unit still shows at least `T − skipped`
//!   hits in the lists that are read.
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
//! `Vec<u32>` (a unit repeated once per occurrence of the bigram), offsets
//! per unit and per bigram: about 8 bytes per Han character of the TM's
//! source side, less than the UTF-8 text of both sides.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::Match;
use super::analyse::{Keys, analyse, fnv1a, grade};
use super::myers::Pattern;
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// Token hash → token id.
    pub(super) vocab: Map,
    /// Per unit, its first token in `tokens`; one more entry at the end.
    pub(super) starts: Vec<u64>,
    pub(super) tokens: Vec<u32>,
    /// Per unit, hashes of the keys that decide 100/99/98.
    pub(super) exact: Vec<u64>,
    pub(super) numbers: Vec<u64>,
    /// Per unit: false when it has no variant in the source language.
    pub(super) has_source: Vec<bool>,
    /// Bigram (two token ids) → gram id.
    pub(super) grams: Map,
    /// Per gram, its first posting; one more entry at the end.
    pub(super) gram_starts: Vec<u64>,
    pub(super) postings: Vec<u32>,
    /// Units (with a source) by content length: `by_len[len_starts[L]..len_starts[L+1]]`.
    pub(super) len_starts: Vec<u32>,
    pub(super) by_len: Vec<u32>,
}

pub(super) type Map = HashMap<u64, u32, BuildHasherDefault<MixHasher>>;

/// A hasher for keys that are already hashes or packed ids: one
/// splitmix64-style finaliser, so low bits (the bucket) depend on every key bit.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct MixHasher(u64);

impl Hasher for MixHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        let mut z = self.0 ^ n;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        self.0 = z ^ (z >> 31);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

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
            starts: Vec::with_capacity(units + 1),
            exact: Vec::with_capacity(units),
            numbers: Vec::with_capacity(units),
            has_source: Vec::with_capacity(units),
            ..Index::default()
        };
        let total: usize = chunks.iter().map(|c| c.hashes.len()).sum();
        ix.tokens.reserve_exact(total);
        ix.starts.push(0);
        for c in chunks {
            for h in c.hashes {
                let next = ix.vocab.len() as u32;
                ix.tokens.push(*ix.vocab.entry(h).or_insert(next));
            }
            for len in c.lens {
                let last = ix.starts.last().copied().unwrap_or(0);
                ix.starts.push(last + u64::from(len));
            }
            ix.exact.extend(c.exact);
            ix.numbers.extend(c.numbers);
            ix.has_source.extend(c.has_source);
        }
        ix.build_postings();
        ix.build_lengths();
        ix
    }

    /// Bigram ids in unit order, then a counting sort into flat postings.
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
        for u in 0..self.unit_count() {
            let pairs = self.unit_len(u).saturating_sub(1);
            for id in grams.by_ref().take(pairs) {
                let slot = &mut fill[id as usize];
                postings[*slot as usize] = u as u32;
                *slot += 1;
            }
        }
        self.gram_starts = starts;
        self.postings = postings;
    }

    fn build_lengths(&mut self) {
        let max = (0..self.unit_count())
            .map(|u| self.unit_len(u))
            .max()
            .unwrap_or(0);
        let mut counts = vec![0u32; max + 2];
        for u in 0..self.unit_count() {
            if self.has_source[u] {
                counts[self.unit_len(u) + 1] += 1;
            }
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut by_len = vec![0u32; counts.last().copied().unwrap_or(0) as usize];
        for u in 0..self.unit_count() {
            if self.has_source[u] {
                let slot = &mut fill[self.unit_len(u)];
                by_len[*slot as usize] = u as u32;
                *slot += 1;
            }
        }
        self.len_starts = counts;
        self.by_len = by_len;
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

    /// Content-token length of unit `u` (0 for units without a source).
    pub fn unit_len(&self, u: usize) -> usize {
        (self.starts[u + 1] - self.starts[u]) as usize
    }

    fn unit_tokens(&self, u: usize) -> &[u32] {
        &self.tokens[self.starts[u] as usize..self.starts[u + 1] as usize]
    }

    /// Approximate heap size in bytes (for the memory benchmark).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let map = |m: &Map| m.capacity() * (size_of::<u64>() + size_of::<u32>() + 1);
        map(&self.vocab)
            + map(&self.grams)
            + self.starts.capacity() * 8
            + self.tokens.capacity() * 4
            + self.exact.capacity() * 8
            + self.numbers.capacity() * 8
            + self.has_source.capacity()
            + self.gram_starts.capacity() * 8
            + self.postings.capacity() * 4
            + self.len_starts.capacity() * 4
            + self.by_len.capacity() * 4
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
        let pattern = Pattern::new(&q.ids, self.vocab.len());
        let n = q.ids.len();
        let min = min.min(100);
        let max_len = self.len_starts.len().saturating_sub(2);
        let (lo, hi) = length_bounds(n, min, max_len);
        let mut found = Vec::new();
        let mut scratch = Vec::new();
        if lo > hi {
            return found;
        }
        let bucket = |len: usize| {
            let a = self.len_starts[len] as usize;
            let b = self.len_starts[len + 1] as usize;
            &self.by_len[a..b]
        };
        // Lowest count threshold among lengths that can be filtered by count.
        let t_min = (lo..=hi)
            .filter(|&len| !bucket(len).is_empty())
            .map(|len| count_threshold(n, len, min))
            .filter(|&t| t > 0)
            .min();
        if let Some(t_min) = t_min {
            let skipped_max = t_min - 1;
            // Distinct query bigrams with their multiplicity and list length.
            let mut qgrams: Vec<(u64, u32, usize)> = Vec::new();
            let mut keys: Vec<u64> = q.ids.windows(2).map(|w| bigram(w[0], w[1])).collect();
            keys.sort_unstable();
            for key in keys {
                match qgrams.last_mut() {
                    Some(last) if last.0 == key => last.1 += 1,
                    _ => {
                        let len = self.grams.get(&key).map_or(0, |&g| {
                            (self.gram_starts[g as usize + 1] - self.gram_starts[g as usize])
                                as usize
                        });
                        qgrams.push((key, 1, len));
                    }
                }
            }
            qgrams.sort_by_key(|g| std::cmp::Reverse(g.2));
            let mut skipped = 0i64;
            // Skipping a list saves reading it but weakens the count bound for
            // every unit; skipping up to half of what is allowed keeps the
            // candidates few (measured on generated TMs: 0%, 50%, 75%, 100%
            // of the allowance, 50% was fastest).
            let skipped_max = skipped_max / 2;
            let mut lists: Vec<(&[u32], usize)> = Vec::new();
            for &(key, cq, _) in &qgrams {
                if skipped + i64::from(cq) <= skipped_max {
                    skipped += i64::from(cq);
                    continue;
                }
                let Some(&g) = self.grams.get(&key) else {
                    continue;
                };
                let list = &self.postings[self.gram_starts[g as usize] as usize
                    ..self.gram_starts[g as usize + 1] as usize];
                lists.push((list, cq as usize));
            }
            // Count block by block of unit ids, so the counters stay in the
            // CPU cache however large the TM (lists are sorted by unit).
            let mut cursors = vec![0usize; lists.len()];
            let mut counts = vec![0u16; COUNT_BLOCK.min(self.unit_count())];
            let mut touched: Vec<u32> = Vec::new();
            let mut base = 0usize;
            while base < self.unit_count() {
                let end = (base + COUNT_BLOCK).min(self.unit_count());
                touched.clear();
                for ((list, cq), cursor) in lists.iter().zip(cursors.iter_mut()) {
                    let mut i = *cursor;
                    while i < list.len() && (list[i] as usize) < end {
                        let u = list[i];
                        let mut j = i + 1;
                        while j < list.len() && list[j] == u {
                            j += 1;
                        }
                        let add = (j - i).min(*cq) as u16;
                        let c = &mut counts[u as usize - base];
                        if *c == 0 {
                            touched.push(u);
                        }
                        *c = c.saturating_add(add);
                        i = j;
                    }
                    *cursor = i;
                }
                for &u in &touched {
                    let u = u as usize;
                    let count = std::mem::take(&mut counts[u - base]);
                    let len = self.unit_len(u);
                    if len < lo || len > hi {
                        continue;
                    }
                    let t = count_threshold(n, len, min);
                    if t <= 0 {
                        continue; // verified with its whole length bucket below
                    }
                    let need = (t - skipped).min(i64::from(u16::MAX));
                    if i64::from(count) >= need {
                        self.verify(u, &q, &pattern, min, &mut scratch, &mut found);
                    }
                }
                base = end;
            }
        }
        for len in lo..=hi {
            if count_threshold(n, len, min) <= 0 {
                for &u in bucket(len) {
                    self.verify(u as usize, &q, &pattern, min, &mut scratch, &mut found);
                }
            }
        }
        rank(found, limit)
    }

    /// The same answer as [`Index::search`] by scoring every unit: for audits,
    /// tests and benchmarks.
    pub fn search_exhaustive(&self, query: &str, min: u8, limit: usize) -> Vec<Match> {
        let q = self.query(query);
        let pattern = Pattern::new(&q.ids, self.vocab.len());
        let mut found = Vec::new();
        let mut scratch = Vec::new();
        for u in 0..self.unit_count() {
            if self.has_source[u] {
                self.verify(u, &q, &pattern, min.min(100), &mut scratch, &mut found);
            }
        }
        rank(found, limit)
    }

    fn verify(
        &self,
        u: usize,
        q: &Query,
        pattern: &Pattern,
        min: u8,
        scratch: &mut Vec<u64>,
        found: &mut Vec<Match>,
    ) {
        let tokens = self.unit_tokens(u);
        let d = pattern.distance(tokens, scratch);
        let m = pattern.len().max(tokens.len());
        let score = grade(d, m, self.exact[u] == q.exact, self.numbers[u] == q.numbers);
        if score >= min {
            found.push(Match { unit: u, score });
        }
    }
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
