//! What the M001/M002 checker keeps of each TM unit — its texts, where it
//! came from, and the hashed content tokens of some — in flat buffers
//! rather than a few allocations per unit.
//!
//! The buffers are either built from the TMX or, when a check loads the
//! prepared TM (`tm_cache`), the mapped file's own bytes, used in place:
//! a copy of 100k units' texts and token lists was ~90 MB of fresh memory
//! the kernel had to zero on every check (see [`crate::mapped`]).

use std::ops::Range;
use std::sync::Arc;

use memmap2::Mmap;

use crate::mapped::Slab;
use crate::memory::fuzzy::store::{Reader, Writer};

/// Where a TM unit came from, as its texts are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
enum OriginAt {
    None,
    /// The whole origin, in the texts.
    Verbatim(Range<usize>),
    /// The name of TM file number `.0` (as given to this check), then the
    /// rest (`:tuid` or `:LINE`) in the texts.
    InFile(u32, Range<usize>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct UnitAt {
    source: Range<usize>,
    target: Range<usize>,
    origin: OriginAt,
}

/// A TM unit with a source and a target in the checked languages.
#[derive(Clone, Copy)]
pub(super) struct TmUnit<'a> {
    pub(super) source: &'a str,
    pub(super) target: &'a str,
    origin: &'a OriginAt,
    units: &'a TmUnits,
}

impl TmUnit<'_> {
    /// `FILE:tuid`, `FILE:LINE` or whatever the unit was known by.
    pub(super) fn origin(&self) -> Option<String> {
        match self.origin {
            OriginAt::None => None,
            OriginAt::Verbatim(r) => Some(self.units.text(r).to_string()),
            OriginAt::InFile(file, rest) => {
                let file = self.units.files.get(*file as usize)?;
                Some(format!("{file}{}", self.units.text(rest)))
            }
        }
    }
}

/// The TM units, by TM unit number (the fuzzy index's numbering).
pub(super) struct TmUnits {
    texts: Slab<u8>,
    /// None for a unit without a source or a target in the checked languages.
    units: Vec<Option<UnitAt>>,
    /// The TM files' names as this check was given them.
    files: Vec<String>,
}

/// How an origin is saved: `FILE:tuid` (or `FILE:LINE`) as the number of
/// the TM file it came from and the rest, so that a check naming the TM by
/// another path quotes that path.
const ORIGIN_NONE: u8 = 0;
const ORIGIN_VERBATIM: u8 = 1;
const ORIGIN_IN_TM: u8 = 2;

impl TmUnits {
    /// No units yet: push them in TM order.
    pub(super) fn builder() -> TmUnitsBuilder {
        TmUnitsBuilder {
            texts: String::new(),
            units: Vec::new(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.units.len()
    }

    /// Unit `i`, when it has a source and a target.
    pub(super) fn get(&self, i: usize) -> Option<TmUnit<'_>> {
        let at = self.units.get(i)?.as_ref()?;
        Some(TmUnit {
            source: self.text(&at.source),
            target: self.text(&at.target),
            origin: &at.origin,
            units: self,
        })
    }

    /// True when the texts are those of a mapped file.
    #[cfg(test)]
    pub(super) fn is_mapped(&self) -> bool {
        self.texts.is_mapped()
    }

    /// Validated as UTF-8 here, when it is read (a few dozen nanoseconds
    /// for a unit's text): a damaged text reads as empty.
    fn text(&self, r: &Range<usize>) -> &str {
        self.texts
            .get(r.clone())
            .and_then(|b| simdutf8::basic::from_utf8(b).ok())
            .unwrap_or_default()
    }

    /// About the bytes [`TmUnits::save`] writes: the texts (origins saved
    /// by TM file number are shorter than kept) and each unit's lengths and
    /// tags.
    pub(super) fn saved_size(&self) -> usize {
        self.texts.len() + 42 * self.units.len() + 8
    }

    /// Writes the units section of a prepared TM: the unit count, then per
    /// unit u8 present, [source, target, origin: u8 0 none | 1 string | 2
    /// u32 TM number + rest of it] (strings are u64 length + UTF-8).
    /// `files`: the TM files' names as this check was given them.
    pub(super) fn save(&self, w: &mut Writer, files: &[String]) {
        w.u64(self.units.len() as u64);
        for i in 0..self.units.len() {
            let Some(u) = self.get(i) else {
                w.u8(0);
                continue;
            };
            w.u8(1);
            w.str(u.source);
            w.str(u.target);
            match u.origin() {
                None => w.u8(ORIGIN_NONE),
                Some(origin) => {
                    let in_tm = files.iter().enumerate().find_map(|(i, p)| {
                        let rest = origin.strip_prefix(p.as_str())?;
                        (rest.is_empty() || rest.starts_with(':')).then_some((i, rest))
                    });
                    match in_tm {
                        Some((i, rest)) => {
                            w.u8(ORIGIN_IN_TM);
                            w.u32(i as u32);
                            w.str(rest);
                        }
                        None => {
                            w.u8(ORIGIN_VERBATIM);
                            w.str(&origin);
                        }
                    }
                }
            }
        }
    }

    /// The units of a units section written by [`TmUnits::save`]; its texts
    /// used in place when the section lies in `map`. `files`: the TM
    /// files' names as this check was given them.
    pub(super) fn load(
        section: &[u8],
        map: Option<&Arc<Mmap>>,
        files: Vec<String>,
    ) -> Option<TmUnits> {
        let mut r = Reader::over(section);
        let n = r.count(1)?;
        let mut units = Vec::with_capacity(n);
        // A string's place in the section. Not validated here: `text`
        // validates what it returns, and most texts are never read (their
        // validation was a fifth of loading the benchmark's prepared TM,
        // whose checksum already says it is what was saved).
        let text = |r: &mut Reader<'_>| -> Option<Range<usize>> {
            let n = r.str_bytes()?.len();
            Some(r.position() - n..r.position())
        };
        for _ in 0..n {
            units.push(match r.u8()? {
                0 => None,
                1 => Some(UnitAt {
                    source: text(&mut r)?,
                    target: text(&mut r)?,
                    origin: match r.u8()? {
                        ORIGIN_NONE => OriginAt::None,
                        ORIGIN_VERBATIM => OriginAt::Verbatim(text(&mut r)?),
                        ORIGIN_IN_TM => {
                            let file = r.u32()?;
                            if file as usize >= files.len() {
                                return None;
                            }
                            OriginAt::InFile(file, text(&mut r)?)
                        }
                        _ => return None,
                    },
                }),
                _ => return None,
            });
        }
        if !r.at_end() {
            return None;
        }
        let texts = match map {
            Some(map) => Slab::in_map(map, section),
            None => Slab::from(section.to_vec()),
        };
        Some(TmUnits {
            texts,
            units,
            files,
        })
    }
}

/// [`TmUnits`] in the making: units pushed in TM order.
pub(super) struct TmUnitsBuilder {
    texts: String,
    units: Vec<Option<UnitAt>>,
}

impl TmUnitsBuilder {
    fn put(&mut self, s: &str) -> Range<usize> {
        let start = self.texts.len();
        self.texts.push_str(s);
        start..self.texts.len()
    }

    /// The next unit, with its origin (`FILE:tuid` and the like).
    pub(super) fn push(&mut self, source: &str, target: &str, origin: Option<&str>) {
        let source = self.put(source);
        let target = self.put(target);
        let origin = match origin {
            None => OriginAt::None,
            Some(o) => OriginAt::Verbatim(self.put(o)),
        };
        self.units.push(Some(UnitAt {
            source,
            target,
            origin,
        }));
    }

    /// The next unit, which has no source or no target to check against.
    pub(super) fn push_none(&mut self) {
        self.units.push(None);
    }

    pub(super) fn finish(self) -> TmUnits {
        TmUnits {
            texts: Slab::from(self.texts.into_bytes()),
            units: self.units,
            files: Vec::new(),
        }
    }
}

/// A TM unit's hashed content tokens (the fuzzy match's tokens), in text
/// order and sorted, and their [`signature`].
#[derive(Debug, Clone, Copy)]
pub(super) struct TokensRef<'a> {
    pub(super) seq: &'a [u64],
    pub(super) sorted: &'a [u64],
    pub(super) signature: Signature,
}

/// One bit per token hash, of 256: `signature(a) & !signature(b)` has a
/// bit for each of some distinct tokens of `a` that `b` lacks, so two
/// lists can have at most `a.len()` minus its count in common — a bound
/// found in four instructions, where counting the tokens in common walks
/// both lists.
pub(super) type Signature = [u64; 4];

/// The [`Signature`] of a list of token hashes.
pub(super) fn signature(seq: &[u64]) -> Signature {
    let mut sig = [0u64; 4];
    for &h in seq {
        // The top byte of the hash mixed once more: FNV's top bits alone
        // follow the last bytes of the token too closely.
        let bit = (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize;
        sig[bit / 64] |= 1 << (bit % 64);
    }
    sig
}

/// How many tokens of `a` (a list with signature `sig_a`) cannot be in a
/// list with signature `sig_b`: at least this many of its items have no
/// match there.
pub(super) fn surely_absent(sig_a: &Signature, sig_b: &Signature) -> usize {
    sig_a
        .iter()
        .zip(sig_b)
        .map(|(a, b)| (a & !b).count_ones() as usize)
        .sum()
}

/// The hashed content tokens of some TM units, in flat arrays: unit `u`'s
/// are `seq[spans[2u]..spans[2u + 1]]`, and the same range of `sorted`;
/// a unit without a list has an empty, reversed span (`u64::MAX..0`).
/// `signatures` has the four words of each unit's [`Signature`].
#[derive(Default)]
pub(super) struct TokenLists {
    spans: Slab<u64>,
    seq: Slab<u64>,
    sorted: Slab<u64>,
    signatures: Slab<u64>,
}

impl TokenLists {
    /// The lists of some of `units` units, by unit.
    pub(super) fn from_lists(
        lists: impl IntoIterator<Item = (usize, Vec<u64>)>,
        units: usize,
    ) -> TokenLists {
        let mut lists: Vec<(usize, Vec<u64>)> =
            lists.into_iter().filter(|(u, _)| *u < units).collect();
        lists.sort_unstable_by_key(|(u, _)| *u);
        lists.dedup_by_key(|(u, _)| *u);
        let total = lists.iter().map(|(_, l)| l.len()).sum();
        let mut spans = [u64::MAX, 0].repeat(units);
        let mut seq = Vec::with_capacity(total);
        let mut sorted = Vec::with_capacity(total);
        let mut signatures = vec![0; 4 * units];
        for (u, list) in lists {
            let start = seq.len();
            seq.extend_from_slice(&list);
            sorted.extend_from_slice(&list);
            sorted[start..].sort_unstable();
            spans[2 * u] = start as u64;
            spans[2 * u + 1] = seq.len() as u64;
            signatures[4 * u..4 * u + 4].copy_from_slice(&signature(&list));
        }
        TokenLists {
            spans: spans.into(),
            seq: seq.into(),
            sorted: sorted.into(),
            signatures: signatures.into(),
        }
    }

    /// True when the lists are those of a mapped file.
    #[cfg(test)]
    pub(super) fn is_mapped(&self) -> bool {
        self.spans.is_mapped()
            && self.seq.is_mapped()
            && self.sorted.is_mapped()
            && self.signatures.is_mapped()
    }

    /// Unit `u`'s tokens, if it has a list.
    pub(super) fn get(&self, u: usize) -> Option<TokensRef<'_>> {
        let start = usize::try_from(*self.spans.get(2 * u)?).ok()?;
        let end = usize::try_from(*self.spans.get(2 * u + 1)?).ok()?;
        let signature = self.signatures.get(4 * u..4 * u + 4)?.try_into().ok()?;
        Some(TokensRef {
            seq: self.seq.get(start..end)?,
            sorted: self.sorted.get(start..end)?,
            signature,
        })
    }

    /// About the bytes [`TokenLists::save`] writes.
    pub(super) fn saved_size(&self) -> usize {
        8 * (self.spans.len() + self.seq.len() + self.sorted.len() + self.signatures.len()) + 64
    }

    /// Writes the tokens section of a prepared TM: spans, seq, sorted and
    /// signatures, each an aligned array (see [`Writer::aligned_u64s`]).
    pub(super) fn save(&self, w: &mut Writer) {
        w.aligned_u64s(&self.spans);
        w.aligned_u64s(&self.seq);
        w.aligned_u64s(&self.sorted);
        w.aligned_u64s(&self.signatures);
    }

    /// The lists of a tokens section written by [`TokenLists::save`] for
    /// `units` TM units (or for none: no spans at all): in place when the
    /// section lies in `map`. None
    /// when they do not hold together (a span out of range, a sorted list
    /// out of order).
    pub(super) fn load(section: &[u8], map: Option<&Arc<Mmap>>, units: usize) -> Option<Self> {
        let mut r = Reader::over(section).in_map(map);
        let lists = TokenLists {
            spans: r.slab()?,
            seq: r.slab()?,
            sorted: r.slab()?,
            signatures: r.slab()?,
        };
        let sound = r.at_end()
            && (lists.spans.is_empty() || lists.spans.len() == 2 * units)
            && lists.signatures.len() * 2 == lists.spans.len() * 4
            && lists.seq.len() == lists.sorted.len()
            && lists.spans.chunks_exact(2).all(|s| {
                s[0] > s[1]
                    || lists
                        .sorted
                        .get(s[0] as usize..s[1] as usize)
                        .is_some_and(<[u64]>::is_sorted)
            });
        sound.then_some(lists)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_keep_their_texts_and_origins_through_a_save() {
        let mut b = TmUnits::builder();
        b.push("中亚", "Central Asia", Some("tm.tmx:7"));
        b.push_none();
        b.push("精神", "spirit", None);
        b.push("峰会", "summit", Some("other:3"));
        let units = b.finish();
        assert_eq!(units.len(), 4);
        assert!(units.get(1).is_none());
        let u = units.get(0).unwrap();
        assert_eq!((u.source, u.target), ("中亚", "Central Asia"));
        assert_eq!(u.origin().as_deref(), Some("tm.tmx:7"));

        let files = vec!["tm.tmx".to_string()];
        let mut w = Writer(Vec::new());
        units.save(&mut w, &files);
        // Loaded under another name for the same TM: its origins follow.
        let loaded = TmUnits::load(&w.0, None, vec!["../tm.tmx".into()]).unwrap();
        assert_eq!(loaded.len(), 4);
        assert_eq!(
            loaded.get(0).unwrap().origin().as_deref(),
            Some("../tm.tmx:7")
        );
        assert!(loaded.get(1).is_none());
        assert_eq!(loaded.get(2).unwrap().target, "spirit");
        assert_eq!(loaded.get(2).unwrap().origin(), None);
        assert_eq!(loaded.get(3).unwrap().origin().as_deref(), Some("other:3"));
        // A text that is not UTF-8 (only a file forged with a valid
        // checksum can have one) reads as empty, not as invalid `str`.
        let mut forged = w.0.clone();
        let at = forged
            .windows(6)
            .position(|b| b == "中亚".as_bytes())
            .unwrap();
        forged[at] = 0xFF;
        let loaded = TmUnits::load(&forged, None, files.clone()).unwrap();
        assert_eq!(loaded.get(0).unwrap().source, "");
        assert_eq!(loaded.get(0).unwrap().target, "Central Asia");
        // A file number the check has no file for is damage.
        assert!(TmUnits::load(&w.0, None, Vec::new()).is_none());
        for cut in [0, 1, w.0.len() - 1] {
            assert!(TmUnits::load(&w.0[..cut], None, files.clone()).is_none());
        }
    }

    #[test]
    fn token_lists_by_unit_through_a_save() {
        let lists = TokenLists::from_lists([(2, vec![9, 3, 5]), (0, vec![])], 4);
        assert_eq!(lists.get(0).map(|t| t.seq.len()), Some(0));
        assert!(lists.get(1).is_none());
        assert!(lists.get(4).is_none());
        let t = lists.get(2).unwrap();
        assert_eq!((t.seq, t.sorted), (&[9, 3, 5][..], &[3, 5, 9][..]));
        let mut w = Writer(Vec::new());
        lists.save(&mut w);
        let loaded = TokenLists::load(&w.0, None, 4).unwrap();
        assert_eq!(loaded.get(2).unwrap().sorted, &[3, 5, 9]);
        assert!(loaded.get(3).is_none());
        assert!(TokenLists::load(&w.0, None, 5).is_none());
        assert_eq!(loaded.get(2).unwrap().signature, signature(&[9, 3, 5]));
        // A sorted list out of order is refused.
        let sorted: Vec<u8> = [3u64, 5, 9].iter().flat_map(|v| v.to_le_bytes()).collect();
        let at = w.0.windows(24).position(|b| b == sorted).unwrap();
        let mut bad = w.0.clone();
        bad[at + 16] = 1;
        assert!(TokenLists::load(&bad, None, 4).is_none());
    }
}
