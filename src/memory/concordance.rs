//! Concordance search: every unit whose text contains a phrase, after
//! folding — how a translator checks how a phrase was rendered before.
//!
//! Both the phrase and the unit text are folded with
//! [`FoldOptions::caseless`] (so 中国-中亚 finds 中国－中亚, and "belt and
//! road" finds "Belt and Road"), and every hit is mapped back to a byte range
//! of the original text with the fold's offset map.
//!
//! ```
//! use concord::memory::concordance::{find, Side};
//! use concord::model::Unit;
//! let units = vec![Unit::bilingual(None, "zh-CN", "弘扬“中国－中亚精神”", "en", "the China–Central Asia Spirit")];
//! let hits = find(&units, "中国-中亚", Side::Source, &"zh-CN".into(), &"en".into());
//! assert_eq!(hits.len(), 1);
//! let text = &hits[0].source;
//! assert_eq!(&text[hits[0].source_hits[0].clone()], "中国－中亚");
//! ```

use std::ops::Range;

use rayon::prelude::*;

use crate::model::{LangTag, Unit};
use crate::text::normalize::{FoldOptions, fold};

/// Which side of the units to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Source,
    Target,
    Both,
}

/// A unit containing the phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the units searched.
    pub unit: usize,
    /// The plain text of the source and target variants ("" when absent).
    pub source: String,
    pub target: String,
    /// Byte ranges of the phrase in `source` / `target`.
    pub source_hits: Vec<Range<usize>>,
    pub target_hits: Vec<Range<usize>>,
}

/// Every unit whose `side` contains `phrase` after caseless folding, in unit order.
/// An empty phrase (after folding) finds nothing.
pub fn find(
    units: &[Unit],
    phrase: &str,
    side: Side,
    source_lang: &LangTag,
    target_lang: &LangTag,
) -> Vec<Hit> {
    let opts = FoldOptions::caseless();
    let needle = fold(phrase, &opts).text.trim().to_string();
    if needle.is_empty() {
        return Vec::new();
    }
    let search = |text: &str| -> Vec<Range<usize>> {
        let folded = fold(text, &opts);
        folded
            .text
            .match_indices(&needle)
            .map(|(at, m)| folded.original_range(at..at + m.len()))
            .collect()
    };
    units
        .par_iter()
        .enumerate()
        .filter_map(|(i, unit)| {
            let text = |lang: &LangTag| {
                unit.variant(lang, false)
                    .map(|v| v.segment.plain_text())
                    .unwrap_or_default()
            };
            let source = text(source_lang);
            let target = text(target_lang);
            let source_hits = if side != Side::Target {
                search(&source)
            } else {
                Vec::new()
            };
            let target_hits = if side != Side::Source {
                search(&target)
            } else {
                Vec::new()
            };
            (!source_hits.is_empty() || !target_hits.is_empty()).then_some(Hit {
                unit: i,
                source,
                target,
                source_hits,
                target_hits,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_insensitive_english_and_both_sides() {
        let units = vec![
            Unit::bilingual(
                None,
                "zh-CN",
                "共建一带一路",
                "en",
                "the Belt and Road Initiative",
            ),
            Unit::bilingual(None, "zh-CN", "一带一路", "en", "BRI"),
        ];
        let hits = find(
            &units,
            "belt AND road",
            Side::Both,
            &"zh".into(),
            &"en".into(),
        );
        assert_eq!(hits.len(), 1);
        assert_eq!(
            &hits[0].target[hits[0].target_hits[0].clone()],
            "Belt and Road"
        );
        let hits = find(&units, "一带一路", Side::Target, &"zh".into(), &"en".into());
        assert!(hits.is_empty());
        assert!(find(&units, "  ", Side::Both, &"zh".into(), &"en".into()).is_empty());
    }
}
