//! Saving an [`Index`] next to its TM and loading it back, never trusting a
//! stale or damaged file.
//!
//! Format (all integers little-endian), version 5:
//!
//! ```text
//! magic     b"CONCORD-FUZZY-IX"          16 bytes
//! version   u32                          bumped whenever tokens, score or layout change
//! tm_size   u64   tm_mtime_ns u64   tm_hash u64 ([`content_hash`] of the TM file's bytes)
//! lang      u32 length + UTF-8           source language the index was built for
//! strict    u8
//! sections  vocab, starts, tokens, exact, numbers, has_source, grams,
//!           gram_starts, postings, len_starts, by_len: each a u64 count + items
//!           (starts, exact, numbers and postings are by slot: see `Index`);
//!           the integer arrays padded with zero bytes to a multiple of 8
//!           from the start of the file after their count, so that a mapped
//!           file's arrays are used in place ([`crate::mapped`])
//! checksum  u64 [`content_hash`] of everything before it
//! ```
//!
//! [`load`] returns `Ok(None)` (rebuild) when the file is missing, of
//! another version, for another TM state or language, fails its checksum, or
//! does not hold together (every offset and id is range-checked, so even a
//! file forged with a valid checksum cannot make a search index out of
//! bounds). It never returns an index that a fresh build would not give.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use super::index::{Index, Map};
use crate::error::{Error, Result};
use crate::mapped::{Slab, Word};
use crate::model::LangTag;
use memmap2::Mmap;

const MAGIC: &[u8; 16] = b"CONCORD-FUZZY-IX";
/// 3: the TM hash and the checksum became [`content_hash`] (was byte-wise FNV-1a).
/// 4: [`content_hash`] hashes in four lanes.
/// 5: integer arrays aligned to 8 bytes.
const VERSION: u32 = 5;

/// FNV-1a's step over little-endian 64-bit words in four interleaved lanes
/// (word `i` of each 32-byte block goes to lane `i`; then the last 1–31
/// bytes one by one into lane 0), the lanes folded together at the end:
/// the stamp of a TM and the checksum of a saved file.
///
/// Byte-wise FNV-1a over a 66 MB TM was 4 % of a `concord match` that loads
/// its saved index; words take an eighth of the multiplications, and four
/// independent lanes let the CPU overlap them (one lane waited on each
/// multiplication: hashing the TM, the binary and the 160 MB prepared TM
/// took ≈ 0.1 s of every check). Each step (xor a word, multiply by an odd
/// constant) is a bijection of its lane, and the fold is a bijection of each
/// lane given the others, so a change confined to one word (any flipped
/// byte) always changes the hash.
pub fn content_hash(bytes: &[u8]) -> u64 {
    ContentHash::new().update(bytes).finish()
}

const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// [`content_hash`] of data read in pieces: every piece but the last must
/// be a multiple of 32 bytes long.
#[derive(Debug, Clone, Copy)]
struct ContentHash([u64; 4]);

impl ContentHash {
    fn new() -> Self {
        ContentHash([0xcbf2_9ce4_8422_2325; 4])
    }

    fn update(mut self, bytes: &[u8]) -> Self {
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            for (lane, w) in self.0.iter_mut().zip(block.chunks_exact(8)) {
                let mut word = [0u8; 8];
                word.copy_from_slice(w);
                *lane = (*lane ^ u64::from_le_bytes(word)).wrapping_mul(FNV_PRIME);
            }
        }
        for &b in blocks.remainder() {
            self.0[0] = (self.0[0] ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
        self
    }

    fn finish(self) -> u64 {
        let [a, b, c, d] = self.0;
        [b, c, d]
            .into_iter()
            .fold(a.wrapping_mul(FNV_PRIME), |h, lane| {
                (h ^ lane).wrapping_mul(FNV_PRIME)
            })
    }
}

/// The identity of a TM file's current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TmStamp {
    pub size: u64,
    pub mtime_ns: u64,
    pub hash: u64,
}

impl TmStamp {
    /// Reads `tm` (size, modification time, content hash).
    pub fn of(tm: &Path) -> Result<TmStamp> {
        let meta = std::fs::metadata(tm).map_err(|e| Error::io("read", e).in_file(tm))?;
        let (size, mtime_ns) = (meta.len(), mtime_ns(&meta));
        let mut file = std::fs::File::open(tm).map_err(|e| Error::io("read", e).in_file(tm))?;
        let mut hash = ContentHash::new();
        // Whole buffers (a multiple of 32 bytes) are hashed as read; `read`
        // may return less, so bytes are gathered until the buffer is full.
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let mut filled = 0;
            while filled < buf.len() {
                let n = file
                    .read(&mut buf[filled..])
                    .map_err(|e| Error::io("read", e).in_file(tm))?;
                if n == 0 {
                    break;
                }
                filled += n;
            }
            hash = hash.update(&buf[..filled]);
            if filled < buf.len() {
                break;
            }
        }
        Ok(TmStamp {
            size,
            mtime_ns,
            hash: hash.finish(),
        })
    }
}

/// A file's modification time in nanoseconds since the epoch (0 when unknown).
fn mtime_ns(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

/// Where the index of `tm` is saved: `FILE.tmx` → `FILE.tmx.concord-idx`.
pub fn index_path(tm: &Path) -> PathBuf {
    let mut name = tm.as_os_str().to_owned();
    name.push(".concord-idx");
    PathBuf::from(name)
}

/// What the saved index must have been built for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexKey {
    pub stamp: TmStamp,
    pub source_lang: LangTag,
    pub strict_lang: bool,
}

/// Little-endian writer of the saved formats (this index, and the checker's
/// prepared TM in `check::tm_cache`).
pub(crate) struct Writer(pub(crate) Vec<u8>);

impl Writer {
    /// A file that starts with `magic` and `version`.
    pub(crate) fn with_header(magic: &[u8; 16], version: u32, capacity: usize) -> Writer {
        let mut w = Writer(Vec::with_capacity(capacity));
        w.0.extend_from_slice(magic);
        w.u32(version);
        w
    }
    /// The bytes, with the [`content_hash`] of everything before it appended
    /// (checked by [`Reader::checked`]).
    pub(crate) fn finish(mut self) -> Vec<u8> {
        let sum = content_hash(&self.0);
        self.u64(sum);
        self.0
    }
    pub(crate) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u32s(&mut self, v: &[u32]) {
        self.u64(v.len() as u64);
        for &x in v {
            self.u32(x);
        }
    }
    /// Zero bytes up to a multiple of 8 from the start of the buffer.
    pub(crate) fn align(&mut self) {
        let pad = self.0.len().next_multiple_of(8) - self.0.len();
        self.0.extend_from_slice(&[0; 8][..pad]);
    }
    /// An array [`Reader::slab`] can use in place: its count, zero bytes up
    /// to a multiple of 8 from the start of the buffer, its items.
    pub(crate) fn aligned_u32s(&mut self, v: &[u32]) {
        self.u64(v.len() as u64);
        self.align();
        for &x in v {
            self.u32(x);
        }
    }
    /// [`Writer::aligned_u32s`] of 64-bit items.
    pub(crate) fn aligned_u64s(&mut self, v: &[u64]) {
        self.u64(v.len() as u64);
        self.align();
        for &x in v {
            self.u64(x);
        }
    }
    /// A length-prefixed UTF-8 string.
    pub(crate) fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn map(&mut self, m: &Map) {
        // Sorted by id so that the same index always gives the same bytes.
        let mut pairs: Vec<(u32, u64)> = m.iter().map(|(&k, &v)| (v, k)).collect();
        pairs.sort_unstable();
        self.u64(pairs.len() as u64);
        for (v, k) in pairs {
            self.u64(k);
            self.u32(v);
        }
    }
}

/// The index as bytes, for the key.
pub fn to_bytes(index: &Index, key: &IndexKey) -> Vec<u8> {
    let mut w = Writer::with_header(MAGIC, VERSION, index.heap_bytes() + 1024);
    w.u64(key.stamp.size);
    w.u64(key.stamp.mtime_ns);
    w.u64(key.stamp.hash);
    let lang = key.source_lang.as_str().as_bytes();
    w.u32(lang.len() as u32);
    w.0.extend_from_slice(lang);
    w.u8(u8::from(key.strict_lang));
    w.map(&index.vocab);
    w.aligned_u64s(&index.starts);
    w.aligned_u32s(&index.tokens);
    w.aligned_u64s(&index.exact);
    w.aligned_u64s(&index.numbers);
    w.u64(index.has_source.len() as u64);
    for &b in &index.has_source {
        w.u8(u8::from(b));
    }
    w.map(&index.grams);
    w.aligned_u64s(&index.gram_starts);
    w.aligned_u32s(&index.postings);
    w.aligned_u32s(&index.len_starts);
    w.aligned_u32s(&index.by_len);
    w.finish()
}

/// Saves the index of `tm` next to it, atomically.
pub fn save(index: &Index, tm: &Path, key: &IndexKey) -> Result<()> {
    let bytes = to_bytes(index, key);
    let path = index_path(tm);
    crate::io::write_atomic_derived(&path, |w| {
        w.write_all(&bytes).map_err(crate::io::write_err(&path))
    })
}

/// The reader of [`Writer`]'s output: every read is bounds-checked and
/// `None` on damage.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The mapped file `bytes` lie in, if they do: [`Reader::slab`] then
    /// returns arrays in place.
    map: Option<&'a Arc<Mmap>>,
}

impl<'a> Reader<'a> {
    /// A reader after the header of `bytes`, when their checksum holds and
    /// they start with `magic` and `version` (see [`Writer::with_header`]).
    pub(crate) fn checked(bytes: &'a [u8], magic: &[u8; 16], version: u32) -> Option<Reader<'a>> {
        let body_len = bytes.len().checked_sub(8)?;
        let (body, sum) = bytes.split_at(body_len);
        if u64::from_le_bytes(sum.try_into().ok()?) != content_hash(body) {
            return None;
        }
        let mut r = Reader {
            bytes: body,
            at: 0,
            map: None,
        };
        (r.take(16)? == magic && r.u32()? == version).then_some(r)
    }
    /// A reader of `bytes` (a section of a checked file, say), from its start.
    pub(crate) fn over(bytes: &'a [u8]) -> Reader<'a> {
        Reader {
            bytes,
            at: 0,
            map: None,
        }
    }
    /// This reader, whose bytes lie in `map`.
    pub(crate) fn in_map(self, map: Option<&'a Arc<Mmap>>) -> Reader<'a> {
        Reader { map, ..self }
    }
    /// How many bytes were read.
    pub(crate) fn position(&self) -> usize {
        self.at
    }
    /// True when every byte before the checksum was read.
    pub(crate) fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }
    pub(crate) fn count(&mut self, item: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        // A count larger than the rest of the file is damage, not a reason to allocate.
        (n.checked_mul(item)? <= self.bytes.len() - self.at).then_some(n)
    }
    pub(crate) fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.count(4)?;
        let raw = self.take(n * 4)?;
        Some(
            raw.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
    /// Skips the zero bytes [`Writer::align`] wrote.
    pub(crate) fn align(&mut self) -> Option<()> {
        let pad = self.at.next_multiple_of(8) - self.at;
        self.take(pad)?.iter().all(|&b| b == 0).then_some(())
    }
    /// An array written by [`Writer::aligned_u32s`] or
    /// [`Writer::aligned_u64s`]: in place when the reader's bytes are a
    /// mapped file's (and this part of them is aligned), else copied.
    pub(crate) fn slab<T: Word>(&mut self) -> Option<Slab<T>> {
        let size = std::mem::size_of::<T>();
        let n = self.count(size)?;
        self.align()?;
        let raw = self.take(n.checked_mul(size)?)?;
        Some(match self.map {
            Some(map) => Slab::in_map(map, raw),
            None => Slab::from(raw.chunks_exact(size).map(T::from_le).collect::<Vec<T>>()),
        })
    }
    /// The bytes of a string written by [`Writer::str`], not validated.
    pub(crate) fn str_bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.count(1)?;
        self.take(n)
    }
    fn map(&mut self) -> Option<Map> {
        let n = self.count(12)?;
        let mut m = Map::default();
        m.reserve(n);
        for i in 0..n {
            let k = self.u64()?;
            let v = self.u32()?;
            // Ids are dense 0..n, in order.
            if v as usize != i || m.insert(k, v).is_some() {
                return None;
            }
        }
        Some(m)
    }
}

/// Parses saved bytes; `None` when they are not a sound index for `key`.
pub fn from_bytes(bytes: &[u8], key: &IndexKey) -> Option<Index> {
    from_bytes_in(bytes, key, None)
}

/// [`from_bytes`] of bytes that lie in `map` (when given), whose arrays
/// the index then uses in place.
pub(crate) fn from_bytes_in(
    bytes: &[u8],
    key: &IndexKey,
    map: Option<&Arc<Mmap>>,
) -> Option<Index> {
    let mut r = Reader::checked(bytes, MAGIC, VERSION)?.in_map(map);
    let stamp = TmStamp {
        size: r.u64()?,
        mtime_ns: r.u64()?,
        hash: r.u64()?,
    };
    let lang_len = r.u32()? as usize;
    let lang = std::str::from_utf8(r.take(lang_len)?).ok()?.to_owned();
    let strict = r.u8()? != 0;
    if stamp != key.stamp || lang != key.source_lang.as_str() || strict != key.strict_lang {
        return None;
    }
    let vocab = r.map()?;
    let starts = r.slab()?;
    let tokens = r.slab()?;
    let exact = r.slab()?;
    let numbers = r.slab()?;
    let n = r.count(1)?;
    let has_source = r.take(n)?.iter().map(|&b| b != 0).collect::<Vec<bool>>();
    let grams = r.map()?;
    let gram_starts = r.slab()?;
    let postings = r.slab()?;
    let len_starts = r.slab()?;
    let by_len = r.slab()?;
    if !r.at_end() {
        return None;
    }
    let index = Index {
        vocab,
        starts,
        tokens,
        exact,
        numbers,
        has_source,
        grams,
        gram_starts,
        postings,
        len_starts,
        by_len,
    };
    sound(&index).then_some(index)
}

/// Every offset in range and monotonic, every id below its bound, and the
/// slots exactly the units with a source, grouped by their length.
fn sound(ix: &Index) -> bool {
    let units = ix.has_source.len();
    let slots = ix.by_len.len();
    let monotonic = |v: &[u64], end: usize| {
        v.first() == Some(&0)
            && v.windows(2).all(|w| w[0] <= w[1])
            && v.last().is_some_and(|&l| l as usize == end)
    };
    let vocab = ix.vocab.len() as u64;
    let mut seen = vec![false; units];
    let slots_are_units = ix.by_len.iter().all(|&u| {
        let u = u as usize;
        u < units && ix.has_source[u] && !std::mem::replace(&mut seen[u], true)
    }) && ix.has_source.iter().filter(|&&b| b).count() == slots;
    let lengths_match = || {
        ix.len_starts.windows(2).enumerate().all(|(len, w)| {
            (w[0] as usize..w[1] as usize)
                .all(|s| (ix.starts[s + 1] - ix.starts[s]) as usize == len)
        })
    };
    ix.starts.len() == slots + 1
        && monotonic(&ix.starts, ix.tokens.len())
        && ix.exact.len() == slots
        && ix.numbers.len() == slots
        && ix.tokens.iter().all(|&t| u64::from(t) < vocab)
        && ix.gram_starts.len() == ix.grams.len() + 1
        && monotonic(&ix.gram_starts, ix.postings.len())
        && ix.postings.iter().all(|&s| (s as usize) < slots)
        && ix
            .gram_starts
            .windows(2)
            .all(|w| ix.postings[w[0] as usize..w[1] as usize].is_sorted())
        && slots_are_units
        && ix.len_starts.len() >= 2
        && ix.len_starts.first() == Some(&0)
        && ix.len_starts.windows(2).all(|w| w[0] <= w[1])
        && ix.len_starts.last().is_some_and(|&l| l as usize == slots)
        && lengths_match()
}

/// Loads the saved index of `tm` if it is sound and was built for `key`.
pub fn load(tm: &Path, key: &IndexKey) -> Option<Index> {
    // Mapped: the index uses its arrays where they lie (see `mapped`).
    let map = crate::mapped::map_file(&index_path(tm))?;
    from_bytes_in(&map, key, Some(&map))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    #[test]
    fn stamp_hash_is_content_hash_of_the_whole_file() {
        // Longer than one read buffer and not a multiple of 8 bytes.
        let bytes: Vec<u8> = (0..200_003u32).map(|i| (i * 7 + i / 251) as u8).collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.tmx");
        std::fs::write(&path, &bytes).unwrap();
        let stamp = TmStamp::of(&path).unwrap();
        assert_eq!(stamp.size, bytes.len() as u64);
        assert_eq!(stamp.hash, content_hash(&bytes));
        // Any one flipped byte changes it.
        for at in [0, 7, 8, 65_535, 65_536, 200_002] {
            let mut other = bytes.clone();
            other[at] ^= 1;
            assert_ne!(content_hash(&other), stamp.hash, "flip at {at}");
        }
    }

    /// The hash as its doc comment defines it, word by word: saved files
    /// and stamps stay valid only while `content_hash` computes exactly this.
    fn content_hash_by_definition(bytes: &[u8]) -> u64 {
        let mut lanes = [0xcbf2_9ce4_8422_2325u64; 4];
        let whole = bytes.len() / 32 * 32;
        for (i, word) in bytes[..whole].chunks_exact(8).enumerate() {
            let w = u64::from_le_bytes(word.try_into().unwrap());
            lanes[i % 4] = (lanes[i % 4] ^ w).wrapping_mul(FNV_PRIME);
        }
        for &b in &bytes[whole..] {
            lanes[0] = (lanes[0] ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
        let mut h = lanes[0].wrapping_mul(FNV_PRIME);
        for lane in &lanes[1..] {
            h = (h ^ lane).wrapping_mul(FNV_PRIME);
        }
        h
    }

    #[test]
    fn content_hash_is_its_definition() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 31 + i / 7) as u8).collect();
        for len in (0..100).chain([255, 256, 257, 999, 1000]) {
            assert_eq!(
                content_hash(&bytes[..len]),
                content_hash_by_definition(&bytes[..len]),
                "{len} bytes"
            );
        }
        // Pinned: a change here invalidates every saved index and prepared TM.
        assert_eq!(content_hash(b""), 0x8c13_2496_3be5_9a1c);
        assert_eq!(
            content_hash("中国－中亚精神 China–Central Asia Spirit, 2025".as_bytes()),
            0x8b06_e11c_2204_e0ad
        );
    }

    fn key() -> IndexKey {
        IndexKey {
            stamp: TmStamp {
                size: 10,
                mtime_ns: 20,
                hash: 30,
            },
            source_lang: "zh-CN".into(),
            strict_lang: false,
        }
    }

    fn index() -> Index {
        let units = vec![
            Unit::bilingual(None, "zh-CN", "推动地区合作高质量发展", "en", "a"),
            Unit::bilingual(None, "en", "x", "fr", "y"),
            Unit::bilingual(None, "zh-CN", "共建一带一路", "en", "b"),
        ];
        Index::build(&units, &"zh-CN".into())
    }

    #[test]
    fn round_trip() {
        let ix = index();
        let bytes = to_bytes(&ix, &key());
        assert_eq!(from_bytes(&bytes, &key()), Some(ix.clone()));
        assert_eq!(to_bytes(&ix, &key()), bytes, "deterministic");
    }

    #[test]
    fn stale_or_damaged_is_refused() {
        let bytes = to_bytes(&index(), &key());
        let mut other = key();
        other.stamp.hash = 31;
        assert!(from_bytes(&bytes, &other).is_none());
        other = key();
        other.source_lang = "en".into();
        assert!(from_bytes(&bytes, &other).is_none());
        for cut in [0, 1, 16, bytes.len() / 2, bytes.len() - 1] {
            assert!(from_bytes(&bytes[..cut], &key()).is_none(), "cut {cut}");
        }
        for at in (0..bytes.len()).step_by(7) {
            let mut bad = bytes.clone();
            bad[at] ^= 0x41;
            assert!(from_bytes(&bad, &key()).is_none(), "flip at {at}");
        }
        // An older version with a valid checksum.
        let mut old = bytes.clone();
        old[16..20].copy_from_slice(&0u32.to_le_bytes());
        let n = old.len() - 8;
        let sum = content_hash(&old[..n]);
        old[n..].copy_from_slice(&sum.to_le_bytes());
        assert!(from_bytes(&old, &key()).is_none());
    }
}
