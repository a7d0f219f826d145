//! The TM as the checker prepared it, saved next to the (first) TM as
//! `FILE.concord-check`, so that the next check of the same TM and glossary
//! loads it instead of reading the TMX, folding every text, finding every
//! glossary term in it and building its fuzzy index again.
//!
//! With a 100,000-unit TM and a 10,000-entry glossary that preparation was
//! most of a check's fixed cost (≈ 3 s before the first checked unit; see
//! BENCHMARKS.md, "check"); loading it is a fraction of that.
//!
//! The saved file is used only when everything it was built from is the same:
//! the format version; the concord binary (its size and a hash of its bytes,
//! because term finding and token hashing may change between builds); the
//! glossary's content; the languages; whether M002 runs; and every TM's path
//! (as given, since findings quote it) and stamp (size, modification time and
//! a hash of the whole file). A file that differs in any of these, is damaged
//! or fails its checksum is ignored and rebuilt — it can only make a check
//! faster, never change what it reports.
//!
//! Format (integers little-endian, written with the fuzzy store's writer):
//!
//! ```text
//! magic     b"CONCORD-CHECK-TM"   16 bytes
//! version   u32
//! key       u64 length + bytes    (compared byte for byte with [`key`]:
//!                                 [`tm_key`] then [`glossary_key`])
//! then five sections, each zero bytes up to a multiple of 8 from the
//! start of the file, u64 length, bytes (so that they are decoded on every
//! core, and their arrays, aligned, are used in place from the mapped file:
//! see `tm_units` and [`crate::mapped`]):
//! units     count, then per unit: u8 present, [source, target,
//!           origin: u8 0 none | 1 string | 2 u32 TM number + rest of it]
//!           (strings are u64 length + UTF-8)
//! exact     count, then per folded-source hash: u64 hash, u32 list of units
//! rendered  count, then per entry: u64 entry, count, per group of TM
//!           units: u32 list of the renderings their targets use, u32
//!           list of (source content tokens, unit) pairs, ascending
//! tokens    four aligned u64 arrays: per TM unit the span of its tokens
//!           (start, end; u64::MAX, 0 for none), the token hashes in text
//!           order, the same sorted within each span, per TM unit the four
//!           words of its token signature
//! fuzzy     empty, or the fuzzy index's own saved format
//! checksum  u64 content hash of everything before it
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;

use memmap2::Mmap;

use crate::error::Result;
use crate::hash::MixMap;
use crate::memory::fuzzy::store::{self, IndexKey, Reader, TmStamp, Writer, content_hash};
use crate::model::{Glossary, LangTag};

use super::CheckOptions;
use super::memory::TmChecker;
use super::rendered::Rendered;
use super::tm_units::{TmUnits, TokenLists};
use crate::memory::fuzzy::Index;

const MAGIC: &[u8; 16] = b"CONCORD-CHECK-TM";
/// 2: no target keys; the exact map keyed by hashes; FNV token hashes.
/// 3: sections with their lengths.
/// 4: sections and arrays aligned; token lists flat.
/// 5: rendered units grouped by renderings used, sorted by length.
/// 6: token signatures.
const VERSION: u32 = 6;

/// Where the prepared TM of a check whose first TM is `tm` is saved.
pub fn cache_path(tm: &Path) -> PathBuf {
    let mut name = tm.as_os_str().to_owned();
    name.push(".concord-check");
    PathBuf::from(name)
}

/// The identity of what a prepared TM is built from (see the module doc):
/// [`tm_key`] then [`glossary_key`].
pub(crate) fn key(tm_key: &[u8], glossary_key: &[u8]) -> Vec<u8> {
    [tm_key, glossary_key].concat()
}

/// The glossary's part of the [`key`].
pub(crate) fn glossary_key(glossary: &Glossary) -> Vec<u8> {
    let entries: Vec<_> = glossary.entries.values().collect();
    let glossary_json = serde_json::to_vec(&entries).unwrap_or_default();
    let mut w = Writer(Vec::new());
    w.u64(content_hash(&glossary_json));
    w.u64(glossary_json.len() as u64);
    w.0
}

/// Everything of the [`key`] but the glossary: the binary, the options and
/// the TM files. Known before the glossary is read, so that the prepared
/// TM is found and loaded while it is. Reads every TM file once, to hash it.
pub(crate) fn tm_key(tm_paths: &[PathBuf], o: &CheckOptions) -> Result<Vec<u8>> {
    let mut w = Writer(Vec::new());
    w.str(env!("CARGO_PKG_VERSION"));
    // The binary by content (a copy or a reinstall of the same build keeps
    // the saved file; a rebuild that changed anything does not).
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| TmStamp::of(&p).ok());
    w.u64(exe.map_or(0, |s| s.size));
    w.u64(exe.map_or(0, |s| s.hash));
    w.str(o.source_lang.as_str());
    w.str(o.target_lang.as_str());
    w.u8(u8::from(o.enabled("M002")));
    w.u64(tm_paths.len() as u64);
    for path in tm_paths {
        let stamp = TmStamp::of(path)?;
        // The same TM named from another folder is the same TM; the
        // origins quoted in findings are rebuilt from the paths as given.
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        w.str(&canonical.to_string_lossy());
        w.u64(stamp.size);
        w.u64(stamp.mtime_ns);
        w.u64(stamp.hash);
    }
    Ok(w.0)
}

/// The fuzzy index travels inside this file, under a key of its own that
/// names no TM file (the outer key already does).
fn index_key(o: &CheckOptions) -> IndexKey {
    IndexKey {
        stamp: TmStamp {
            size: 0,
            mtime_ns: 0,
            hash: 0,
        },
        source_lang: LangTag::new(o.source_lang.as_str()),
        strict_lang: false,
    }
}

/// About the size [`to_bytes`] writes, so that its buffer is allocated once
/// (growing it by doubling copied and page-faulted twice the 164 MB of the
/// benchmark's TM).
fn saved_size(tm: &TmChecker, key: &[u8]) -> usize {
    let strings = tm.units.saved_size();
    let exact: usize = tm.exact.values().map(|ids| 16 + 4 * ids.len()).sum();
    let rendered = tm.rendered.saved_size();
    let tokens = tm.tokens.saved_size();
    let index = tm.fuzzy.as_ref().map_or(0, |ix| ix.heap_bytes() + 1024);
    key.len() + strings + exact + rendered + tokens + index + 1024
}

/// Starts a section: aligned, a length to be filled in by [`end_section`].
fn begin_section(w: &mut Writer) -> usize {
    w.align();
    let at = w.0.len();
    w.u64(0);
    at
}

fn end_section(w: &mut Writer, at: usize) {
    let len = (w.0.len() - at - 8) as u64;
    if let Some(slot) = w.0.get_mut(at..at + 8) {
        slot.copy_from_slice(&len.to_le_bytes());
    }
}

fn to_bytes(tm: &TmChecker, key: &[u8], o: &CheckOptions, tm_paths: &[PathBuf]) -> Vec<u8> {
    let prefixes: Vec<String> = tm_paths.iter().map(|p| p.display().to_string()).collect();
    let mut w = Writer::with_header(MAGIC, VERSION, saved_size(tm, key));
    w.u64(key.len() as u64);
    w.0.extend_from_slice(key);
    let section = begin_section(&mut w);
    tm.units.save(&mut w, &prefixes);
    end_section(&mut w, section);
    // Maps are written in key order, so the same TM gives the same bytes.
    let section = begin_section(&mut w);
    let mut exact: Vec<_> = tm.exact.iter().collect();
    exact.sort_unstable_by_key(|(hash, _)| **hash);
    w.u64(exact.len() as u64);
    for (hash, ids) in exact {
        w.u64(*hash);
        w.u32s(&ids.iter().map(|&i| i as u32).collect::<Vec<_>>());
    }
    end_section(&mut w, section);
    let section = begin_section(&mut w);
    tm.rendered.save(&mut w);
    end_section(&mut w, section);
    let section = begin_section(&mut w);
    tm.tokens.save(&mut w);
    end_section(&mut w, section);
    let section = begin_section(&mut w);
    if let Some(index) = &tm.fuzzy {
        w.0.extend_from_slice(&store::to_bytes(index, &index_key(o)));
    }
    end_section(&mut w, section);
    w.finish()
}

/// The exact map of its section (`units`: how many TM units there are).
fn exact_from(bytes: &[u8], units: usize) -> Option<MixMap<u64, Vec<usize>>> {
    let mut r = Reader::over(bytes);
    let n = r.count(8)?;
    let mut exact = MixMap::with_capacity_and_hasher(n, Default::default());
    for _ in 0..n {
        let hash = r.u64()?;
        let ids: Vec<usize> = r.u32s()?.into_iter().map(|i| i as usize).collect();
        if !ids.iter().all(|&i| i < units) {
            return None;
        }
        exact.insert(hash, ids);
    }
    r.at_end().then_some(exact)
}

/// The fuzzy index of its section, if it has one (`Some(None)` when not).
fn fuzzy_from(
    bytes: &[u8],
    map: Option<&Arc<Mmap>>,
    units: usize,
    o: &CheckOptions,
) -> Option<Option<Index>> {
    if bytes.is_empty() {
        return Some(None);
    }
    let index = store::from_bytes_in(bytes, &index_key(o), map)?;
    (index.unit_count() == units).then_some(Some(index))
}

/// A prepared TM as loaded, usable only when it was built for what the
/// check has: when `key` is its [`key`].
pub(crate) struct Loaded {
    pub(crate) key: Vec<u8>,
    pub(crate) tm: TmChecker,
}

/// The prepared TM of `bytes`, if intact, with the key it was built for;
/// its texts and arrays used in place when `bytes` are a mapped file's.
fn from_bytes(
    bytes: &[u8],
    map: Option<&Arc<Mmap>>,
    o: &CheckOptions,
    tm_paths: &[PathBuf],
) -> Option<Loaded> {
    let mut r = Reader::checked(bytes, MAGIC, VERSION)?;
    let n = r.count(1)?;
    let key = r.take(n)?.to_vec();
    let mut sections = [&[][..]; 5];
    for section in &mut sections {
        r.align()?;
        let n = r.count(1)?;
        *section = r.take(n)?;
    }
    if !r.at_end() {
        return None;
    }
    let [units, exact, rendered, tokens, fuzzy] = sections;
    let count = usize::try_from(Reader::over(units).u64()?).ok()?;
    // The units (most of the bytes and allocations) on one core, the rest
    // on the other.
    let files = || tm_paths.iter().map(|p| p.display().to_string()).collect();
    let (units, (exact, (rendered, (tokens, fuzzy)))) = rayon::join(
        || TmUnits::load(units, map, files()),
        || {
            rayon::join(
                || exact_from(exact, count),
                || {
                    rayon::join(
                        || Rendered::load(rendered, count),
                        || {
                            rayon::join(
                                || TokenLists::load(tokens, map, count),
                                || fuzzy_from(fuzzy, map, count, o),
                            )
                        },
                    )
                },
            )
        },
    );
    let units = units?;
    (units.len() == count).then_some(())?;
    let tm = TmChecker {
        units,
        exact: exact?,
        fuzzy: fuzzy?,
        min_match: o.min_match,
        rendered: rendered?,
        tokens: tokens?,
    };
    Some(Loaded { key, tm })
}

/// Saves the prepared TM next to `first_tm`, atomically.
pub(crate) fn save(
    tm: &TmChecker,
    tm_paths: &[PathBuf],
    key: &[u8],
    o: &CheckOptions,
) -> Result<()> {
    let Some(first_tm) = tm_paths.first() else {
        return Ok(());
    };
    let bytes = to_bytes(tm, key, o, tm_paths);
    let path = cache_path(first_tm);
    crate::io::write_atomic_derived(&path, |w| {
        w.write_all(&bytes).map_err(crate::io::write_err(&path))
    })
}

/// The prepared TM saved next to the first TM, if it is intact: loaded
/// while the check's own key is computed (hashing the TMs and reading the
/// glossary), and used only if the keys are the same.
pub(crate) fn load(tm_paths: &[PathBuf], o: &CheckOptions) -> Option<Loaded> {
    // Mapped rather than read: `std::fs::read` had the kernel zero a fresh
    // 100 MB buffer and copy the file into it, most of the first half
    // second of a check; and the texts and arrays are used where they lie
    // in the map (see `crate::mapped` for why that is safe).
    let map = crate::mapped::map_file(&cache_path(tm_paths.first()?))?;
    from_bytes(&map, Some(&map), o, tm_paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Checker;

    /// The bundled TM and glossary, prepared and saved by one check and
    /// loaded by the next: the loaded texts and arrays are the saved file's
    /// own bytes (mapped), and the findings of both checks are the same.
    #[test]
    fn a_loaded_tm_is_used_where_it_lies_in_the_file() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        let tm = dir.path().join("tm.tmx");
        std::fs::copy(root.join("tmx/seed.zh-en.tmx"), &tm).unwrap();
        let glossary =
            crate::check::input::load_glossaries(&[root.join("glossary/diplomatic.zh-en.csv")])
                .unwrap();
        let o = CheckOptions::default();
        let tms = [tm.clone()];
        let (built, origin) = Checker::with_tm_files(&glossary, &tms, o.clone(), true).unwrap();
        assert_eq!(origin, crate::check::IndexOrigin::Saved);
        let (loaded, origin) = Checker::with_tm_files(&glossary, &tms, o, true).unwrap();
        assert_eq!(origin, crate::check::IndexOrigin::Loaded);
        let mem = &loaded.memory;
        assert_eq!(mem.units.is_mapped(), cfg!(target_endian = "little"));
        assert_eq!(mem.tokens.is_mapped(), cfg!(target_endian = "little"));
        let fuzzy = mem
            .fuzzy
            .as_ref()
            .expect("the bundled glossary has alternatives");
        assert_eq!(fuzzy.is_mapped(), cfg!(target_endian = "little"));
        assert_eq!(Some(fuzzy), built.memory.fuzzy.as_ref());
        assert_eq!(mem.units.len(), built.memory.units.len());
        for i in 0..mem.units.len() {
            let (a, b) = (mem.units.get(i), built.memory.units.get(i));
            assert_eq!(
                a.map(|u| (u.source, u.target)),
                b.map(|u| (u.source, u.target))
            );
            assert_eq!(a.and_then(|u| u.origin()), b.and_then(|u| u.origin()));
            let (a, b) = (mem.tokens.get(i), built.memory.tokens.get(i));
            assert_eq!(a.map(|t| (t.seq, t.sorted)), b.map(|t| (t.seq, t.sorted)));
        }
    }

    #[test]
    fn damaged_or_foreign_bytes_are_refused() {
        let o = CheckOptions::default();
        let mut units = TmUnits::builder();
        units.push_none();
        let empty = TmChecker {
            units: units.finish(),
            exact: MixMap::default(),
            fuzzy: None,
            min_match: o.min_match,
            rendered: Rendered::default(),
            tokens: TokenLists::default(),
        };
        let bytes = to_bytes(&empty, b"key", &o, &[]);
        assert_eq!(from_bytes(&bytes, None, &o, &[]).unwrap().key, b"key");
        for cut in [0, 1, 17, bytes.len() - 1] {
            assert!(
                from_bytes(&bytes[..cut], None, &o, &[]).is_none(),
                "cut {cut}"
            );
        }
        let mut flipped = bytes.clone();
        flipped[30] ^= 1;
        assert!(from_bytes(&flipped, None, &o, &[]).is_none());
    }
}
