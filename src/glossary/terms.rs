//! Finding glossary terms in Chinese text.
//!
//! Chinese has no spaces, so instead of segmenting words the [`TermIndex`]
//! searches the folded source (NFKC, dash, quote and white-space folding)
//! for every term and variant at once, leftmost-longest
//! ([`super::prefix_table`]): where two terms overlap the longer one
//! wins — 中国－中亚命运共同体 is one term, not 命运共同体 with a prefix.
//! Spans are mapped back to byte offsets in the original text, so reports
//! point at the characters the translator sees.
//!
//! ```
//! use concord::glossary::terms::TermIndex;
//! use concord::model::{Entry, Glossary};
//! let mut g = Glossary::new();
//! for (id, zh) in [("cfsf", "命运共同体"), ("cca-cfsf", "中国－中亚命运共同体")] {
//!     g.insert(Entry { id: id.into(), zh: zh.into(), en: "x".into(), ..Entry::default() }).unwrap();
//! }
//! let index = TermIndex::new(&g);
//! let text = "构建中国—中亚命运共同体";
//! let hits = index.find(text);
//! assert_eq!(hits.len(), 1);
//! assert_eq!(index.entry(hits[0].entry).id, "cca-cfsf");
//! assert_eq!(&text[hits[0].span.clone()], "中国—中亚命运共同体");
//! ```

use std::ops::Range;

use super::prefix_table::PrefixTable;
use crate::model::{Entry, EntryStatus, Glossary};
use crate::text::normalize::{FoldOptions, fold, fold_plain};
use crate::text::quick_fold::{MatchFolded, quick_fold_plain};

/// One occurrence of a glossary term in a source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermHit {
    /// Index of the entry in [`TermIndex::entry`].
    pub entry: usize,
    /// Byte range in the original (unfolded) text.
    pub span: Range<usize>,
}

/// All Chinese forms of all enforced glossary entries, ready to search.
/// Built once per glossary; immutable and shared across threads.
#[derive(Debug, Clone)]
pub struct TermIndex {
    table: PrefixTable,
    /// Pattern id → entry index.
    pattern_entry: Vec<usize>,
    entries: Vec<Entry>,
}

impl TermIndex {
    /// Indexes every approved or proposed entry (deprecated entries are kept
    /// for history and not enforced). When two entries share a Chinese form,
    /// the first one in the glossary owns it.
    pub fn new(glossary: &Glossary) -> Self {
        let opts = FoldOptions::matching();
        let entries: Vec<Entry> = glossary
            .iter()
            .filter(|e| e.status != EntryStatus::Deprecated)
            .cloned()
            .collect();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entry = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, e) in entries.iter().enumerate() {
            for form in e.zh_forms() {
                let folded = fold(form.trim(), &opts).text;
                if folded.is_empty() || !seen.insert(folded.clone()) {
                    continue;
                }
                patterns.push(folded);
                pattern_entry.push(i);
            }
        }
        TermIndex {
            table: PrefixTable::new(&patterns),
            pattern_entry,
            entries,
        }
    }

    /// The entry behind a hit.
    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    /// The enforced entries, in glossary order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Every term occurrence in `text`, left to right, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        if self.is_empty() {
            return Vec::new();
        }
        self.find_folded(&MatchFolded::of(text))
    }

    /// [`TermIndex::find`] in a text already folded for matching: a check
    /// folds each source once for all that reads it.
    pub fn find_folded(&self, folded: &MatchFolded) -> Vec<TermHit> {
        if self.is_empty() {
            return Vec::new();
        }
        self.hits_in(folded.text(), |r| folded.original_range(r))
    }

    /// The hits in `folded`, mapped to the original by `original`.
    fn hits_in(
        &self,
        folded: &str,
        original: impl Fn(Range<usize>) -> Range<usize>,
    ) -> Vec<TermHit> {
        self.table
            .find_iter(folded)
            .filter_map(|m| {
                let entry = *self.pattern_entry.get(m.pattern)?;
                Some(TermHit {
                    entry,
                    span: original(m.start..m.end),
                })
            })
            .collect()
    }
}

impl TermIndex {
    /// The entries of [`TermIndex::find`]'s hits, in the same order, without
    /// their spans: folding without the offset map is cheaper, and checking
    /// a TM only needs to know which terms a unit has.
    pub fn find_entries(&self, text: &str) -> Vec<usize> {
        if self.is_empty() {
            return Vec::new();
        }
        let folded =
            quick_fold_plain(text).unwrap_or_else(|| fold_plain(text, &FoldOptions::matching()));
        self.table
            .find_iter(&folded)
            .filter_map(|m| self.pattern_entry.get(m.pattern).copied())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(rows: &[(&str, &str, &[&str], EntryStatus)]) -> Glossary {
        let mut g = Glossary::new();
        for (id, zh, variants, status) in rows {
            g.insert(Entry {
                id: id.to_string(),
                zh: zh.to_string(),
                zh_variants: variants.iter().map(|s| s.to_string()).collect(),
                en: id.to_string(),
                status: *status,
                ..Entry::default()
            })
            .unwrap();
        }
        g
    }

    #[test]
    fn variants_and_folding() {
        let g = glossary(&[("sco", "上海合作组织", &["上合组织"], EntryStatus::Approved)]);
        let idx = TermIndex::new(&g);
        let text = "上合组织和上海合作组织";
        let hits = idx.find(text);
        assert_eq!(hits.len(), 2);
        assert_eq!(&text[hits[0].span.clone()], "上合组织");
        assert_eq!(&text[hits[1].span.clone()], "上海合作组织");
    }

    #[test]
    fn entries_without_spans_agree() {
        let g = glossary(&[
            ("sco", "上海合作组织", &["上合组织"], EntryStatus::Approved),
            ("cc", "中国－中亚", &[], EntryStatus::Approved),
        ]);
        let idx = TermIndex::new(&g);
        for text in ["上合组织和上海合作组织，中国—中亚“峰会”", "", "无"] {
            let entries: Vec<usize> = idx.find(text).into_iter().map(|h| h.entry).collect();
            assert_eq!(idx.find_entries(text), entries, "{text}");
        }
    }

    #[test]
    fn deprecated_not_enforced() {
        let g = glossary(&[("old", "旧词", &[], EntryStatus::Deprecated)]);
        let idx = TermIndex::new(&g);
        assert!(idx.find("旧词").is_empty());
        assert!(idx.is_empty());
    }

    #[test]
    fn full_width_dash_and_quotes_fold() {
        let g = glossary(&[("ccas", "中国-中亚精神", &[], EntryStatus::Approved)]);
        let idx = TermIndex::new(&g);
        let text = "弘扬“中国－中亚精神”";
        let hits = idx.find(text);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].span.clone()], "中国－中亚精神");
    }

    #[test]
    fn quick_fold_path_finds_what_the_general_fold_finds() {
        let mut g = Glossary::new();
        for (id, zh) in [
            ("cfsf", "命运共同体"),
            ("cca", "中国－中亚命运共同体"),
            ("bri", "一带一路"),
            ("q", "“一带一路”倡议"),
        ] {
            g.insert(Entry {
                id: id.into(),
                zh: zh.into(),
                en: "x".into(),
                ..Entry::default()
            })
            .unwrap();
        }
        let index = TermIndex::new(&g);
        for text in [
            "构建中国—中亚命运共同体，共建“一带一路”倡议。",
            "构建中国-中亚命运共同体 and 一带一路",
            "ＡＢ　一带一路①命运共同体",
            "e\u{301}一带一路",
            "",
        ] {
            let general = fold(text, &FoldOptions::matching());
            let expected = index.hits_in(&general.text, |r| general.original_range(r));
            assert_eq!(index.find(text), expected, "{text}");
            let entries: Vec<usize> = expected.iter().map(|h| h.entry).collect();
            assert_eq!(index.find_entries(text), entries, "{text}");
        }
    }
}
