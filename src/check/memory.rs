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
//!
//! M002 can only fire for a term with two or more accepted renderings, and
//! only against a TM unit whose source has the term and whose target uses a
//! rendering this target does not. Those TM units are listed per term when
//! the checker is built; a unit whose candidates all score below the
//! threshold cannot get an M002, so it is not searched at all (the search
//! was most of a check's time on a 100k-unit TM). When a candidate does
//! qualify, the unit is searched as before, so the findings are the same.

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, TmRef};
use crate::glossary::renderings::TargetText;
use crate::hash::MixMap;
use crate::memory::fuzzy::Index;
use crate::memory::fuzzy::analyse::fold_fast;
use crate::model::{LangTag, Unit};

use super::rendered::{Rendered, reachable_lengths};
use super::terms::TermChecker;
use super::tm_units::{Signature, TmUnits, TokenLists, TokensRef, signature, surely_absent};
use super::{CheckOptions, UnitContext, UnitView};

/// How many fuzzy matches per unit are examined for M002.
const FUZZY_CANDIDATES: usize = 5;

/// The TM prepared for checking: built once.
pub(crate) struct TmChecker {
    /// By TM unit number (the fuzzy index's numbering).
    pub(super) units: TmUnits,
    /// Hash of the folded source ([`exact_hash`]) → TM units with a source
    /// of that hash (the folded texts themselves are compared on a hit:
    /// keeping 100k of them cost a fifth of the saved file and of loading it).
    pub(super) exact: MixMap<u64, Vec<usize>>,
    pub(super) fuzzy: Option<Index>,
    pub(super) min_match: u8,
    /// Entry with two or more accepted renderings → TM units whose source
    /// has it and whose target uses some of them, grouped by which ones.
    pub(super) rendered: Rendered,
    /// Content tokens (hashed) of the TM units listed in `rendered`, by TM
    /// unit (indexed, not a map: looking them up was a third of the M002
    /// pre-screen's time in the 100k benchmark).
    pub(super) tokens: TokenLists,
}

fn key(s: &str) -> String {
    super::text_key(s)
}

/// The hash a folded source is looked up by: the unit's
/// `source_key_hash`.
pub(super) fn exact_hash(key: &str) -> u64 {
    super::key_hash(key)
}

fn origin(u: &Unit) -> Option<String> {
    let file = u.origin.file.as_ref().map(|f| f.display().to_string());
    match (file, &u.id) {
        (Some(f), Some(id)) => Some(format!("{f}:{id}")),
        (Some(f), None) if u.origin.line > 0 => Some(format!("{f}:{}", u.origin.line)),
        (f, id) => f.or(id.clone()),
    }
}

/// [`TmChecker`]'s fields other than the fuzzy index, as
/// [`TmChecker::prepare`] makes them.
struct Prepared {
    units: TmUnits,
    exact: MixMap<u64, Vec<usize>>,
    rendered: Rendered,
    tokens: TokenLists,
}

impl TmChecker {
    pub fn new(tm: &[Unit], terms: &TermChecker, o: &CheckOptions) -> Self {
        // The fuzzy index is needed when M002 runs and some TM unit renders
        // a term that has two or more renderings (known only at the end):
        // when that is possible it is built on the other core while this
        // one prepares the units (one after the other, a tenth of a check
        // with a 100k-unit TM and no prepared TM was spent with a core idle).
        let may_want_fuzzy = o.enabled("M002") && !tm.is_empty() && terms.has_alternatives();
        let (prepared, fuzzy) = rayon::join(
            || Self::prepare(tm, terms, o),
            || may_want_fuzzy.then(|| Index::build(tm, &o.source_lang)),
        );
        let Prepared {
            units,
            exact,
            rendered,
            tokens,
        } = prepared;
        let wants_fuzzy = o.enabled("M002") && !exact.is_empty() && !rendered.is_empty();
        TmChecker {
            units,
            exact,
            fuzzy: fuzzy.filter(|_| wants_fuzzy),
            min_match: o.min_match,
            rendered,
            tokens,
        }
    }

    /// The units, the exact map, and what M002 needs of the TM units that
    /// render a term with alternatives.
    fn prepare(tm: &[Unit], terms: &TermChecker, o: &CheckOptions) -> Prepared {
        let mut units = TmUnits::builder();
        let mut exact: MixMap<u64, Vec<usize>> = MixMap::default();
        let (sl, tl): (&LangTag, &LangTag) = (&o.source_lang, &o.target_lang);
        for (i, u) in tm.iter().enumerate() {
            let (Some(s), Some(t)) = (u.variant(sl, false), u.variant(tl, false)) else {
                units.push_none();
                continue;
            };
            let target = t.segment.plain_text();
            if target.trim().is_empty() {
                units.push_none();
                continue;
            }
            let source = s.segment.plain_text();
            exact.entry(exact_hash(&key(&source))).or_default().push(i);
            units.push(&source, &target, origin(u).as_deref());
        }
        let units = units.finish();
        let found = if o.enabled("M002") {
            renderings_by_entry(&units, terms)
        } else {
            Vec::new()
        };
        let rendered = Rendered::build(found.iter().flat_map(|(u, used, seq)| {
            used.iter()
                .map(move |(e, used)| (*e, *u, used.clone(), seq.len()))
        }));
        let tokens =
            TokenLists::from_lists(found.into_iter().map(|(u, _, seq)| (u, seq)), units.len());
        Prepared {
            units,
            exact,
            rendered,
            tokens,
        }
    }

    /// True when some TM unit that renders one of this unit's terms
    /// differently scores at least `min_match`: without one, the fuzzy
    /// search cannot lead to an M002.
    fn may_differ(
        &self,
        v: &UnitView<'_>,
        ctx: &UnitContext,
        terms: &TermChecker,
        entries: &[usize],
    ) -> bool {
        // The unit's tokens, hashed once it has a candidate.
        let mut query: Option<Tokens> = None;
        for &e in entries {
            let Some(groups) = self.rendered.get(e) else {
                continue;
            };
            let mine = terms.renderings_used(e, &ctx.target);
            if mine.is_empty() {
                continue;
            }
            for group in groups {
                if group.used.iter().any(|k| mine.contains(k)) {
                    continue;
                }
                let query =
                    query.get_or_insert_with(|| token_hashes_of_folded(v.source_fold.text()));
                // Only the TM units whose length can reach the threshold
                // (the first test `may_reach` makes), shortest first.
                let lengths = reachable_lengths(query.seq.len(), self.min_match);
                let reaches = group.units_of_length(lengths).any(|u| {
                    self.tokens
                        .get(u)
                        .is_some_and(|tm| may_reach(query, tm, self.min_match))
                });
                if reaches {
                    return true;
                }
            }
        }
        false
    }

    fn tm_ref(&self, i: usize, score: u8) -> Option<TmRef> {
        let tm = self.units.get(i)?;
        Some(TmRef {
            score,
            source: tm.source.to_string(),
            target: tm.target.to_string(),
            origin: tm.origin(),
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
        // The TM units whose folded source is this one's (the key is
        // computed only when its hash is in the TM).
        let ids: Vec<usize> = match self.exact.get(&v.source_key_hash) {
            None => Vec::new(),
            Some(candidates) => {
                let mine = v.source_key();
                candidates
                    .iter()
                    .copied()
                    .filter(|&i| self.units.get(i).is_some_and(|t| key(t.source) == mine))
                    .collect()
            }
        };
        let exact = (!ids.is_empty()).then_some(&ids);
        if let Some(ids) = exact.filter(|_| o.enabled("M001")) {
            let mine = v.target_key();
            let same = |&i: &usize| self.units.get(i).is_some_and(|t| key(t.target) == mine);
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
        if !self.may_differ(v, ctx, terms, &my_entries) {
            return;
        }
        let mut reported: Vec<usize> = Vec::new();
        for m in index.search(&v.source, self.min_match, FUZZY_CANDIDATES) {
            let Some(tm) = self.units.get(m.unit) else {
                continue;
            };
            let tm_hits = terms.find_terms(tm.source);
            let tm_target = TargetText::new(tm.target);
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

/// The fuzzy match's content tokens ([`TokenSeq`]), hashed: in order, and
/// sorted when first asked (most units are ruled out by lengths and
/// signatures before their tokens are compared: sorting them for every
/// unit was a fifth of the pre-screen).
struct Tokens {
    seq: Vec<u64>,
    sorted: std::cell::OnceCell<Vec<u64>>,
    signature: Signature,
}

impl Tokens {
    fn from_seq(seq: Vec<u64>) -> Tokens {
        let signature = signature(&seq);
        Tokens {
            seq,
            sorted: std::cell::OnceCell::new(),
            signature,
        }
    }

    fn sorted(&self) -> &[u64] {
        self.sorted.get_or_init(|| {
            let mut sorted = self.seq.clone();
            sorted.sort_unstable();
            sorted
        })
    }

    #[cfg(test)]
    fn as_ref(&self) -> TokensRef<'_> {
        TokensRef {
            seq: &self.seq,
            sorted: self.sorted(),
            signature: self.signature,
        }
    }
}

/// The hashed content tokens of `text`, straight from the fuzzy index's
/// analysis (a `TokenSeq` would allocate a string per Han character).
#[cfg(test)]
fn token_hashes(text: &str) -> Tokens {
    token_hashes_of_folded(&fold_fast(text))
}

/// [`token_hashes`] of a text already folded for matching.
fn token_hashes_of_folded(folded: &str) -> Tokens {
    Tokens::from_seq(token_seq_of_folded(folded))
}

/// The hashes of [`token_hashes_of_folded`] in text order only.
fn token_seq_of_folded(folded: &str) -> Vec<u64> {
    let mut seq: Vec<u64> = Vec::with_capacity(folded.len() / 3 + 1);
    crate::memory::fuzzy::analyse::content_tokens(
        folded,
        |t| seq.push(crate::hash::fnv_str(t)),
        |_| {},
    );
    seq
}

/// False only when `a` and `b` cannot score `min` or more: the fuzzy score
/// is at most `floor(100 × (m − d) / m)` for a token distance `d > 0` (`m`
/// the longer length), and a hash collision can only make `d` smaller.
///
/// Two cheap lower bounds on `d` come first: the length difference, and
/// the tokens of the longer side that the other side lacks (as multisets;
/// both `Tokens` are sorted). Most candidates share little more than the
/// term with the unit and stop there.
fn may_reach(a: &Tokens, b: TokensRef<'_>, min: u8) -> bool {
    let m = a.seq.len().max(b.seq.len());
    let reaches = |d: usize| d == 0 || 100 * (m - d) / m >= usize::from(min);
    if !reaches(a.seq.len().abs_diff(b.seq.len())) {
        return false;
    }
    // The fewest tokens in common that can still reach `min`; the
    // signatures bound how many there can be before the lists are walked.
    let needed = needed_in_common(m, min);
    let most = (a.seq.len() - surely_absent(&a.signature, &b.signature).min(a.seq.len()))
        .min(b.seq.len() - surely_absent(&b.signature, &a.signature).min(b.seq.len()));
    most >= needed
        && common_reaches(a.sorted(), b.sorted, needed)
        && reaches(crate::memory::fuzzy::levenshtein(&a.seq, b.seq))
}

/// The fewest tokens in common two sequences (the longer of `m` tokens)
/// need to score `min` or more: the least c with ⌊100 × c / m⌋ ≥ min,
/// i.e. ⌈min × m / 100⌉, at most m (equal sequences always qualify).
fn needed_in_common(m: usize, min: u8) -> usize {
    (usize::from(min) * m).div_ceil(100).min(m)
}

/// True when the multiset intersection of two sorted lists has at least
/// `needed` items. Stops as soon as the rest cannot get there: most TM
/// units share little more than one term with the unit.
fn common_reaches(a: &[u64], b: &[u64], needed: usize) -> bool {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if n + (a.len() - i).min(b.len() - j) < needed {
            return false;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n >= needed
}

/// The TM units whose source has an entry with two or more accepted
/// renderings and whose target uses some of them: per unit, those entries
/// with the renderings used, and the unit's hashed content tokens.
fn renderings_by_entry(units: &TmUnits, terms: &TermChecker) -> Vec<Found> {
    let found: Vec<Found> = (0..units.len())
        .into_par_iter()
        .filter_map(|u| {
            let tm = units.get(u)?;
            let mut entries: Vec<usize> = terms
                .find_entries(tm.source)
                .into_iter()
                .filter(|&e| terms.rendering_count(e) > 1)
                .collect();
            if entries.is_empty() {
                return None;
            }
            entries.sort_unstable();
            entries.dedup();
            let target = TargetText::new(tm.target);
            let used: Vec<(usize, Vec<usize>)> = entries
                .into_iter()
                .map(|e| (e, terms.renderings_used(e, &target)))
                .filter(|(_, used)| !used.is_empty())
                .collect();
            (!used.is_empty()).then(|| (u, used, token_seq_of_folded(&fold_fast(tm.source))))
        })
        .collect();
    found
}

/// A TM unit of [`renderings_by_entry`]: (unit, [(entry, renderings used)],
/// content tokens).
type Found = (usize, Vec<(usize, Vec<usize>)>, Vec<u64>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::fuzzy::{TokenSeq, score};

    #[test]
    fn tokens_of_the_shared_fold_are_the_fuzzy_index_tokens() {
        for t in [
            "中方愿同中亚国家一道，推动地区合作高质量发展。",
            "弘扬“中国－中亚精神”，贸易额增长35%，达3,000亿元",
            "Ｇ20 峰会\t\t和 BRICS　合作",
            "ﬁ① 组合字符",
            "",
        ] {
            let folded = crate::text::quick_fold::MatchFolded::of(t);
            let (a, b) = (token_hashes(t), token_hashes_of_folded(folded.text()));
            assert_eq!(a.seq, b.seq, "{t}");
        }
    }

    #[test]
    fn needed_in_common_is_the_least_count_that_reaches() {
        for m in 0..300usize {
            for min in 1..=100u8 {
                let reaches = |d: usize| d == 0 || 100 * (m - d) / m >= usize::from(min);
                let least = (0..=m).find(|&c| reaches(m - c)).unwrap_or(m);
                assert_eq!(needed_in_common(m, min), least, "m {m} min {min}");
            }
        }
    }

    #[test]
    fn may_reach_never_rules_out_a_qualifying_pair() {
        let texts = [
            "中方愿同中亚国家一道，推动地区合作高质量发展。",
            "中方愿同中亚国家一道推动地区合作高质量发展",
            "中方愿同中亚各国一道，推动区域合作高质量发展。",
            "我们要弘扬中国－中亚精神。",
            "贸易额增长35%。",
            "贸易额增长40%",
            "",
        ];
        for a in texts {
            for b in texts {
                let real = score(&TokenSeq::new(a), &TokenSeq::new(b));
                for min in [1, 50, 75, 90, 97, 98, 100] {
                    if real >= min {
                        assert!(
                            may_reach(&token_hashes(a), token_hashes(b).as_ref(), min),
                            "{a} {b} {min}"
                        );
                    }
                }
            }
        }
        assert!(!may_reach(
            &token_hashes(texts[0]),
            token_hashes(texts[3]).as_ref(),
            75
        ));
    }

    proptest::proptest! {
        /// Every shortcut of `may_reach` (lengths, signatures, tokens in
        /// common) only ever rules out pairs that the token distance rules
        /// out too: it says exactly what the distance says.
        #[test]
        fn may_reach_is_the_distance_test(
            a in proptest::collection::vec(0u64..12, 0..40),
            b in proptest::collection::vec(0u64..12, 0..40),
            min in proptest::sample::select(vec![1u8, 50, 75, 90, 100]),
        ) {
            // Hashes spread like FNV's, from a small alphabet so that lists share tokens.
            let hash = |v: &[u64]| -> Vec<u64> {
                v.iter().map(|&t| crate::hash::fnv_str(&t.to_string())).collect()
            };
            let (a, b) = (Tokens::from_seq(hash(&a)), Tokens::from_seq(hash(&b)));
            let m = a.seq.len().max(b.seq.len());
            let d = crate::memory::fuzzy::levenshtein(&a.seq, &b.seq);
            let reaches = d == 0 || 100 * (m - d) / m >= usize::from(min);
            proptest::prop_assert_eq!(may_reach(&a, b.as_ref(), min), reaches);
        }
    }
}
