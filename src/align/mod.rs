//! Sentence alignment of a Chinese document and its English translation.
//!
//! Both texts are repaired and split into sentences with
//! [`crate::text::segment`], then aligned by a Gale–Church dynamic programme
//! ([`gale_church`]) whose length model — English characters per Chinese
//! character, and the variance — is estimated from the two documents
//! themselves: a first pass with a rough model, then the ratio, the variance
//! and the bead priors are re-estimated from the 1-1 beads and the bead counts
//! of that pass, and the documents are aligned again.
//!
//! Lengths alone confuse neighbouring sentences of similar length, so a bead
//! whose two sides share *anchors* costs less: the same Arabic numbers
//! (35%, 2025, 3,000) and glossary term pairs (the Chinese term on one side,
//! an accepted rendering on the other). Numbers present on only one side of a
//! bead cost a little more.
//!
//! Every bead gets a score in [0, 1]: `exp(−δ²/8)` for the length match
//! (1.0 for a perfect ratio, 0.6 at two standard deviations), raised by
//! anchors (each halves the remaining doubt) and lowered by unmatched
//! numbers; 1-0 and 0-1 beads (a sentence without counterpart) score 0.
//!
//! ```
//! use concord::align::{align, AlignOptions};
//! let zh = "中国同中亚国家贸易额增长35%。\n\n中方愿在今年提供15亿元人民币无偿援助。";
//! let en = "Trade between China and Central Asian countries grew by 35 percent. \
//!           China will provide 1.5 billion yuan in grants this year.";
//! let a = align(zh, en, &AlignOptions::default());
//! assert_eq!(a.beads.len(), 2);
//! assert_eq!(a.beads[0].shape, (1, 1));
//! assert!(a.beads[0].en.contains("35 percent"));
//! ```

pub mod gale_church;

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::{Glossary, Prop, Unit};
use crate::text::normalize::{fold_caseless, fold_str};
use crate::text::segment::{Lang, Sentence, han_share, repair};
use gale_church::{LengthModel, SHAPES, Shape, align_lengths};

/// Settings for [`align`].
#[derive(Debug, Clone)]
pub struct AlignOptions<'g> {
    /// Glossary whose term pairs act as anchors.
    pub glossary: Option<&'g Glossary>,
    /// Beads scoring below this are reported as low-confidence.
    pub min_score: f64,
    /// Language tags written on the units.
    pub zh_lang: String,
    pub en_lang: String,
}

impl Default for AlignOptions<'_> {
    fn default() -> Self {
        AlignOptions {
            glossary: None,
            min_score: 0.3,
            zh_lang: "zh-CN".into(),
            en_lang: "en".into(),
        }
    }
}

/// One aligned group of sentences.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Bead {
    /// (Chinese sentences, English sentences): (1, 1), (1, 2), (1, 0) …
    pub shape: Shape,
    /// Sentence indices on each side.
    pub zh_sentences: std::ops::Range<usize>,
    pub en_sentences: std::ops::Range<usize>,
    /// The sentences joined (Chinese without a separator, English with a space).
    pub zh: String,
    pub en: String,
    /// Input lines (1-based) of the first sentence on each side; 0 when the side is empty.
    pub zh_line: u32,
    pub en_line: u32,
    /// Every input line the sentences on each side come from.
    pub zh_lines: Vec<u32>,
    pub en_lines: Vec<u32>,
    /// Confidence in [0, 1] (see the module documentation).
    pub score: f64,
    /// Anchors shared by both sides (numbers and glossary term pairs).
    pub anchors: u32,
}

impl Bead {
    /// `1-2` etc., as written in the `x-align-bead` prop.
    pub fn shape_label(&self) -> String {
        format!("{}-{}", self.shape.0, self.shape.1)
    }
}

/// The result of [`align`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Alignment {
    pub beads: Vec<Bead>,
    /// The length model of the final pass.
    pub ratio: f64,
    pub variance: f64,
    /// Problems with the input (empty side, wrong language, very different lengths).
    pub warnings: Vec<String>,
    pub zh_sentences: usize,
    pub en_sentences: usize,
    pub min_score: f64,
    #[serde(skip)]
    zh_lang: String,
    #[serde(skip)]
    en_lang: String,
}

impl Alignment {
    /// Beads scoring below the threshold given in the options.
    pub fn low_confidence(&self) -> impl Iterator<Item = &Bead> {
        self.beads.iter().filter(move |b| b.score < self.min_score)
    }

    /// The beads as translation units (`align-0001` …) with `x-align-score`,
    /// `x-align-bead` and the source lines as props. A bead with one empty
    /// side (1-0, 0-1) is kept with only the side it has, so no sentence is
    /// lost and no CAT tool is offered an empty translation.
    pub fn units(&self) -> Vec<Unit> {
        self.beads
            .iter()
            .enumerate()
            .map(|(k, b)| {
                let mut u = Unit::bilingual(
                    Some(format!("align-{:04}", k + 1)),
                    &self.zh_lang,
                    &b.zh,
                    &self.en_lang,
                    &b.en,
                );
                u.variants.retain(|v| !v.segment.is_blank());
                u.props
                    .push(Prop::new("x-align-score", format!("{:.2}", b.score)));
                u.props.push(Prop::new("x-align-bead", b.shape_label()));
                if b.zh_line > 0 {
                    u.props.push(Prop::new("x-zh-line", b.zh_line.to_string()));
                }
                if b.en_line > 0 {
                    u.props.push(Prop::new("x-en-line", b.en_line.to_string()));
                }
                u
            })
            .collect()
    }
}

/// Per-sentence features the bead costs are computed from.
struct Side {
    sentences: Vec<Sentence>,
    /// Non-space characters.
    lens: Vec<f64>,
    /// Arabic numbers (digits only, separators removed), sorted.
    numbers: Vec<Vec<u64>>,
    /// Glossary entries found (indices), sorted and deduplicated.
    terms: Vec<Vec<u32>>,
}

fn numbers(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let folded = fold_str(text);
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let mut v: u64 = 0;
            let mut j = i;
            while j < bytes.len() {
                let b = bytes[j];
                if b.is_ascii_digit() {
                    v = v.saturating_mul(10).saturating_add((b - b'0') as u64);
                    j += 1;
                } else if b == b',' && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
                    j += 1;
                } else {
                    break;
                }
            }
            // A decimal part makes a different number: 1.5 is not 15.
            if bytes.get(j) == Some(&b'.') && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
                let mut k = j + 1;
                while k < bytes.len() && bytes[k].is_ascii_digit() {
                    k += 1;
                }
                v = v.saturating_mul(1_000_003) ^ 0x5EED;
                j = k;
            }
            out.push(v);
            i = j;
        } else {
            i += 1;
        }
    }
    out.extend(punctuation_marks(text));
    out.sort_unstable();
    out
}

/// Punctuation that survives translation, as pseudo-numbers that [`numbers`]
/// adds: quoted spans (“…” and "…"), questions, exclamations, brackets, and a
/// leading dash (the ——坚持… list items). Values above any real number.
fn punctuation_marks(text: &str) -> Vec<u64> {
    const QUOTE: u64 = u64::MAX - 1;
    const QUESTION: u64 = u64::MAX - 2;
    const EXCLAMATION: u64 = u64::MAX - 3;
    const BRACKET: u64 = u64::MAX - 4;
    const DASH: u64 = u64::MAX - 5;
    let mut out = Vec::new();
    let opening = text.matches(['“', '「', '《']).count();
    let straight = text.matches('"').count() / 2;
    out.extend(std::iter::repeat_n(QUOTE, opening + straight));
    out.extend(std::iter::repeat_n(
        QUESTION,
        text.matches(['?', '？']).count(),
    ));
    out.extend(std::iter::repeat_n(
        EXCLAMATION,
        text.matches(['!', '！']).count(),
    ));
    out.extend(std::iter::repeat_n(
        BRACKET,
        text.matches(['(', '（']).count(),
    ));
    if text.trim_start().starts_with(['—', '―']) {
        out.push(DASH);
    }
    out
}

/// Finds glossary terms: Chinese forms in Chinese sentences, accepted
/// renderings in English ones (folded, case-insensitive substring matching).
struct TermFinder {
    zh: Option<AhoCorasick>,
    zh_ids: Vec<u32>,
    en: Option<AhoCorasick>,
    en_ids: Vec<u32>,
}

impl TermFinder {
    fn new(glossary: Option<&Glossary>) -> Self {
        let mut zh_pats = Vec::new();
        let mut zh_ids = Vec::new();
        let mut en_pats = Vec::new();
        let mut en_ids = Vec::new();
        if let Some(g) = glossary {
            for (k, e) in g.iter().enumerate() {
                for f in e.zh_forms() {
                    let f = fold_str(f);
                    if f.chars().count() >= 2 {
                        zh_pats.push(f);
                        zh_ids.push(k as u32);
                    }
                }
                for r in e.en_accepted() {
                    let r = fold_caseless(r);
                    if r.len() >= 3 {
                        en_pats.push(r);
                        en_ids.push(k as u32);
                    }
                }
            }
        }
        let build = |pats: &[String]| {
            if pats.is_empty() {
                return None;
            }
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(pats)
                .ok()
        };
        TermFinder {
            zh: build(&zh_pats),
            zh_ids,
            en: build(&en_pats),
            en_ids,
        }
    }

    fn find(&self, text: &str, lang: Lang) -> Vec<u32> {
        let (ac, ids, folded) = match lang {
            Lang::Zh => (&self.zh, &self.zh_ids, fold_str(text)),
            Lang::En => (&self.en, &self.en_ids, fold_caseless(text)),
        };
        let Some(ac) = ac else { return Vec::new() };
        let mut out: Vec<u32> = ac
            .find_iter(&folded)
            .filter(|m| lang == Lang::Zh || word_bounded(&folded, m.start(), m.end()))
            .filter_map(|m| ids.get(m.pattern().as_usize()).copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

fn side(text: &str, lang: Lang, terms: &TermFinder) -> Side {
    let repaired = repair(text);
    let sentences = repaired.sentences(lang);
    let lens = sentences
        .iter()
        .map(|s| s.text.chars().filter(|c| !c.is_whitespace()).count() as f64)
        .collect();
    let numbers = sentences.iter().map(|s| numbers(&s.text)).collect();
    let terms = sentences
        .iter()
        .map(|s| terms.find(&s.text, lang))
        .collect();
    Side {
        sentences,
        lens,
        numbers,
        terms,
    }
}

/// Size of the sorted-multiset intersection.
fn shared<T: Ord + Copy>(a: &[T], b: &[T]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
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
    n
}

fn gather<T: Ord + Copy>(lists: &[Vec<T>], range: std::ops::Range<usize>) -> Vec<T> {
    let mut v: Vec<T> = lists[range].iter().flatten().copied().collect();
    v.sort_unstable();
    v
}

/// Evidence from anchors for a pair of sentence ranges: (shared anchors, unmatched numbers).
fn anchors(
    zh: &Side,
    en: &Side,
    zr: std::ops::Range<usize>,
    er: std::ops::Range<usize>,
) -> (u32, u32) {
    if zr.is_empty() || er.is_empty() {
        return (0, 0);
    }
    let zn = gather(&zh.numbers, zr.clone());
    let en_n = gather(&en.numbers, er.clone());
    let num_shared = shared(&zn, &en_n);
    // Only numbers of two digits or more count against a bead: 6月 is "June".
    let big = |v: &[u64]| v.iter().filter(|&&x| x >= 10).count() as u32;
    let unmatched = (big(&zn) + big(&en_n)).saturating_sub(2 * num_shared);
    let mut zt = gather(&zh.terms, zr);
    zt.dedup();
    let mut et = gather(&en.terms, er);
    et.dedup();
    (num_shared + shared(&zt, &et), unmatched)
}

const ANCHOR_BONUS: f64 = 1.5;
/// How many beads' worth of evidence the default priors count for.
const PRIOR_WEIGHT: f64 = 100.0;
const UNMATCHED_PENALTY: f64 = 0.5;

fn length_sum(lens: &[f64], r: std::ops::Range<usize>) -> f64 {
    lens[r].iter().sum()
}

/// One dynamic-programming pass with the given model and priors.
fn pass(
    zh: &Side,
    en: &Side,
    model: LengthModel,
    priors: &HashMap<Shape, f64>,
) -> Vec<gale_church::RawBead> {
    let n = zh.lens.len();
    let m = en.lens.len();
    let ratio_nm = if n == 0 || m == 0 {
        1.0
    } else {
        (n.max(m) as f64 / n.min(m) as f64).ceil()
    };
    let band = (n.max(m) / 10).max(60).max(ratio_nm as usize * 4);
    let null_cost = |lens: &[f64], r: std::ops::Range<usize>| {
        // A sentence left out costs as much as a poor match of its length.
        let l: f64 = lens[r].iter().sum();
        1.0 + (l.sqrt() * 0.3)
    };
    align_lengths(n, m, band, |shape, i, j| {
        let (a, b) = (shape.0 as usize, shape.1 as usize);
        let zr = i - a..i;
        let er = j - b..j;
        let prior = -priors.get(&shape).copied().unwrap_or(1e-4).ln();
        if a == 0 {
            return prior + null_cost(&en.lens, er);
        }
        if b == 0 {
            return prior + null_cost(&zh.lens, zr);
        }
        let l1 = length_sum(&zh.lens, zr.clone());
        let l2 = length_sum(&en.lens, er.clone());
        let (shared, unmatched) = anchors(zh, en, zr, er);
        prior + model.cost(l1, l2) - ANCHOR_BONUS * shared.min(4) as f64
            + UNMATCHED_PENALTY * unmatched.min(4) as f64
    })
}

fn default_priors() -> HashMap<Shape, f64> {
    // Chinese→English: one long Chinese sentence often becomes two English ones.
    [
        ((1, 1), 0.80),
        ((1, 2), 0.10),
        ((2, 1), 0.03),
        ((1, 0), 0.01),
        ((0, 1), 0.01),
        ((2, 2), 0.01),
        ((1, 3), 0.03),
        ((3, 1), 0.01),
    ]
    .into_iter()
    .collect()
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

/// The input lines of the sentences that hold text (a sentence joined across
/// a broken line counts its first and last line; the blank lines between are skipped).
fn source_lines(sentences: &[Sentence]) -> Vec<u32> {
    let mut v: Vec<u32> = sentences
        .iter()
        .flat_map(|s| [s.line, s.last_line])
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Aligns a Chinese text with its English translation (see the module docs).
/// Never fails: problems with the input are reported in
/// [`Alignment::warnings`] and show as low scores.
pub fn align(zh_text: &str, en_text: &str, opts: &AlignOptions) -> Alignment {
    let terms = TermFinder::new(opts.glossary);
    let zh = side(zh_text, Lang::Zh, &terms);
    let en = side(en_text, Lang::En, &terms);
    let mut warnings = Vec::new();
    let zh_han = han_share(zh_text);
    let en_han = han_share(en_text);
    if zh.sentences.is_empty() {
        warnings.push("the Chinese file has no text".to_string());
    }
    if en.sentences.is_empty() {
        warnings.push("the English file has no text".to_string());
    }
    if !zh.sentences.is_empty() && !en.sentences.is_empty() && zh_han < 0.3 && en_han > 0.5 {
        warnings.push(
            "the files look swapped: the Chinese side is not Chinese and the English side is"
                .to_string(),
        );
    } else {
        if !zh.sentences.is_empty() && zh_han < 0.3 {
            warnings.push(format!(
                "the Chinese side does not look like Chinese ({:.0}% Han characters)",
                zh_han * 100.0
            ));
        }
        if !en.sentences.is_empty() && en_han > 0.3 {
            warnings.push(format!(
                "the English side does not look like English ({:.0}% Han characters)",
                en_han * 100.0
            ));
        }
    }
    let (n, m) = (zh.sentences.len(), en.sentences.len());
    let total_zh: f64 = zh.lens.iter().sum();
    let total_en: f64 = en.lens.iter().sum();
    if n > 0 && m > 0 {
        let r = n.max(m) as f64 / n.min(m) as f64;
        if r > 2.5 {
            warnings.push(format!(
                "the documents differ widely in length ({n} Chinese and {m} English sentences); \
                 expect many unaligned sentences"
            ));
        }
    }

    // Pass 1: ratio from the totals, a generous variance, default priors.
    let ratio = if total_zh > 0.0 && total_en > 0.0 {
        (total_en / total_zh).clamp(0.2, 20.0)
    } else {
        3.5
    };
    let mut model = LengthModel {
        ratio,
        variance: 2.5 * ratio * ratio,
    };
    let mut priors = default_priors();
    let mut raw = pass(&zh, &en, model, &priors);

    // Pass 2: re-estimate from the 1-1 beads and the bead counts.
    let ones: Vec<(f64, f64)> = raw
        .iter()
        .filter(|b| b.shape == (1, 1))
        .map(|b| {
            (
                length_sum(&zh.lens, b.source.clone()),
                length_sum(&en.lens, b.target.clone()),
            )
        })
        .filter(|&(a, b)| a > 0.0 && b > 0.0)
        .collect();
    if ones.len() >= 5 {
        let mut ratios: Vec<f64> = ones.iter().map(|&(a, b)| b / a).collect();
        let c = median(&mut ratios).unwrap_or(ratio).clamp(0.2, 20.0);
        let mut sq: Vec<f64> = ones
            .iter()
            .map(|&(a, b)| {
                let mm = (a + b / c) / 2.0;
                (b - c * a).powi(2) / mm
            })
            .collect();
        // Median of δ² is 0.455·s² for a normal distribution.
        let s2 = median(&mut sq).unwrap_or(model.variance) / 0.455;
        model = LengthModel {
            ratio: c,
            variance: s2.clamp(0.05 * c * c, 20.0 * c * c),
        };
        // Blend the observed bead counts with the defaults (worth
        // PRIOR_WEIGHT beads): a short document keeps the defaults, a long
        // one speaks for itself.
        let defaults = default_priors();
        let total = raw.len() as f64 + PRIOR_WEIGHT;
        priors = SHAPES
            .iter()
            .map(|&s| {
                let count = raw.iter().filter(|b| b.shape == s).count() as f64;
                let d = defaults.get(&s).copied().unwrap_or(0.001);
                (s, (count + PRIOR_WEIGHT * d) / total)
            })
            .collect();
        raw = pass(&zh, &en, model, &priors);
    }

    let beads = raw
        .into_iter()
        .map(|b| {
            let zh_text: String = zh.sentences[b.source.clone()]
                .iter()
                .map(|s| s.text.as_str())
                .collect();
            let en_text = en.sentences[b.target.clone()]
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let (shared, unmatched) = anchors(&zh, &en, b.source.clone(), b.target.clone());
            let score = if b.source.is_empty() || b.target.is_empty() {
                0.0
            } else {
                let d = model.delta(
                    length_sum(&zh.lens, b.source.clone()),
                    length_sum(&en.lens, b.target.clone()),
                );
                let s_len = (-d * d / 8.0).exp();
                let s = 1.0 - (1.0 - s_len) * 0.5f64.powi(shared.min(10) as i32);
                s * 0.8f64.powi(unmatched.min(10) as i32)
            };
            Bead {
                shape: b.shape,
                zh_line: zh
                    .sentences
                    .get(b.source.start)
                    .map_or(0, |s| if b.source.is_empty() { 0 } else { s.line }),
                en_line: en
                    .sentences
                    .get(b.target.start)
                    .map_or(0, |s| if b.target.is_empty() { 0 } else { s.line }),
                zh_lines: source_lines(&zh.sentences[b.source.clone()]),
                en_lines: source_lines(&en.sentences[b.target.clone()]),
                zh_sentences: b.source,
                en_sentences: b.target,
                zh: zh_text,
                en: en_text,
                score,
                anchors: shared,
            }
        })
        .collect();
    Alignment {
        beads,
        ratio: model.ratio,
        variance: model.variance,
        warnings,
        zh_sentences: n,
        en_sentences: m,
        min_score: opts.min_score,
        zh_lang: opts.zh_lang.clone(),
        en_lang: opts.en_lang.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_values() {
        assert_eq!(numbers("贸易额增长35%，3,000个，1.5亿"), {
            let mut v = vec![35, 3000, 1u64.saturating_mul(1_000_003) ^ 0x5EED];
            v.sort_unstable();
            v
        });
        assert_eq!(numbers("３５％"), [35]);
    }

    #[test]
    fn empty_and_wrong_language_warn_but_align() {
        let a = align("", "Some text. More text.", &AlignOptions::default());
        assert!(
            a.warnings
                .iter()
                .any(|w| w.contains("Chinese file has no text"))
        );
        assert_eq!(a.beads.len(), 2);
        assert!(a.beads.iter().all(|b| b.score == 0.0 && b.shape == (0, 1)));
        assert!(a.units().iter().all(|u| u.variants.len() == 1));
        let a = align("This is English.", "这是中文。", &AlignOptions::default());
        assert!(
            a.warnings.iter().any(|w| w.contains("swapped")),
            "{:?}",
            a.warnings
        );
        assert_eq!(a.units().len(), a.beads.len());
    }

    #[test]
    fn units_carry_props() {
        let a = align("中国。", "China.", &AlignOptions::default());
        let u = &a.units()[0];
        assert_eq!(u.prop("x-align-bead"), Some("1-1"));
        assert!(u.prop("x-align-score").is_some());
        assert_eq!(u.prop("x-zh-line"), Some("1"));
    }
}
