//! Word correspondences learned from the document pair itself, so that an
//! alignment without a glossary still has lexical cues (after Moore 2002:
//! align by length first, learn word pairs from the confident beads, align
//! again with them).
//!
//! Chinese sentences are represented by their Han character bigrams (Chinese
//! words are mostly two characters, and a bigram needs no segmenter), English
//! sentences by their content-word stems. Over the confident beads of a
//! length-based pass, every bigram is linked to the English stem it
//! co-occurs with best (Dice coefficient, seen in at least two beads). Latin
//! words written inside the Chinese text (APEC, G20, names) link to
//! themselves.
//!
//! A sentence is then described by a sorted list of English stem ids: for an
//! English sentence the linked stems it contains, for a Chinese sentence the
//! stems its bigrams link to. Two sentences that translate each other share
//! many of these ids; neighbours of similar length share few.

use std::collections::HashMap;

use crate::text::normalize::{fold_caseless, fold_str};
use crate::text::token::{TokenKind, is_han, stem_en, tokens};

/// Function words that carry no alignment evidence.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "with", "that", "this", "are", "was", "were", "has", "have", "had", "its",
    "their", "his", "her", "our", "will", "would", "should", "can", "from", "into", "also", "been",
    "which", "who", "not", "but", "all", "more", "other", "such", "they", "them", "there", "these",
    "those", "said", "upon", "than", "between",
];

/// Tokens of one sentence: Chinese bigram ids or English stem ids (interned).
#[derive(Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    /// How many distinct tokens have been seen.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn id(&mut self, s: String) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(s).or_insert(next)
    }

    /// Sorted, deduplicated ids of the Han bigrams (prefixed `z:`) and the
    /// Latin words (as English stems) of a Chinese sentence.
    pub fn zh_tokens(&mut self, text: &str) -> Vec<u32> {
        let folded = fold_str(text);
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        for c in folded.chars() {
            if is_han(c) {
                if let Some(p) = prev {
                    out.push(self.id(format!("z:{p}{c}")));
                }
                prev = Some(c);
            } else {
                prev = None;
            }
        }
        let lower = fold_caseless(text);
        for t in tokens(&lower) {
            if t.kind == TokenKind::Word && t.text.chars().all(|c| c.is_ascii_alphanumeric()) {
                out.push(self.id(stem_en(t.text)));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Sorted, deduplicated stem ids of the content words of an English sentence.
    pub fn en_tokens(&mut self, text: &str) -> Vec<u32> {
        let lower = fold_caseless(text);
        let mut out: Vec<u32> = tokens(&lower)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Word && t.text.len() >= 3)
            .filter(|t| !STOPWORDS.contains(&t.text))
            .map(|t| self.id(stem_en(t.text)))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Links from Chinese token ids to English stem ids.
#[derive(Debug, Default)]
pub struct Lexicon {
    links: HashMap<u32, u32>,
    /// Every English id that some Chinese token links to.
    targets: std::collections::HashSet<u32>,
}

/// A pair needs this many beads in common.
const MIN_COOCCURRENCE: u32 = 2;
/// And at least this Dice coefficient.
const MIN_DICE: f64 = 0.3;

impl Lexicon {
    /// Learns links from bead pairs (Chinese token ids, English token ids).
    /// Chinese ids that are also English ids (Latin words in the Chinese
    /// text) link to themselves.
    pub fn learn<'a>(beads: impl IntoIterator<Item = (&'a [u32], &'a [u32])>) -> Lexicon {
        let mut zc: HashMap<u32, u32> = HashMap::new();
        let mut ec: HashMap<u32, u32> = HashMap::new();
        let mut pc: HashMap<(u32, u32), u32> = HashMap::new();
        let mut cognates = Vec::new();
        for (z, e) in beads {
            for &a in z {
                *zc.entry(a).or_default() += 1;
            }
            for &b in e {
                *ec.entry(b).or_default() += 1;
            }
            for &a in z {
                for &b in e {
                    *pc.entry((a, b)).or_default() += 1;
                    if a == b {
                        cognates.push(a);
                    }
                }
            }
        }
        // Per Chinese token: the English token with the best Dice; on the
        // ties that sparse counts make common (two beads each), the one whose
        // frequency is closest, then the more frequent, then the smaller id.
        let mut best: HashMap<u32, (f64, i64, u32, u32)> = HashMap::new();
        for (&(a, b), &n) in &pc {
            if n < MIN_COOCCURRENCE {
                continue;
            }
            let (fa, fb) = (zc[&a], ec[&b]);
            let dice = 2.0 * n as f64 / (fa + fb) as f64;
            if dice < MIN_DICE {
                continue;
            }
            let gap = -(fa as i64 - fb as i64).abs();
            let cand = (dice, gap, n, b);
            let slot = best.entry(a).or_insert((0.0, i64::MIN, 0, u32::MAX));
            if (cand.0, cand.1, cand.2, std::cmp::Reverse(cand.3))
                > (slot.0, slot.1, slot.2, std::cmp::Reverse(slot.3))
            {
                *slot = cand;
            }
        }
        let mut links: HashMap<u32, u32> =
            best.into_iter().map(|(a, (_, _, _, b))| (a, b)).collect();
        for c in cognates {
            links.insert(c, c);
        }
        let targets = links.values().copied().collect();
        Lexicon { links, targets }
    }

    pub fn len(&self) -> usize {
        self.links.len()
    }

    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// The English ids a Chinese sentence's tokens link to (sorted, deduplicated).
    pub fn zh_cues(&self, zh_tokens: &[u32]) -> Vec<u32> {
        let mut out: Vec<u32> = zh_tokens
            .iter()
            .filter_map(|t| self.links.get(t).copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The English sentence's ids that some Chinese token links to.
    pub fn en_cues(&self, en_tokens: &[u32]) -> Vec<u32> {
        en_tokens
            .iter()
            .copied()
            .filter(|t| self.targets.contains(t))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_cooccurring_pairs_and_cognates() {
        let mut v = Vocabulary::default();
        let pairs = [
            ("哈萨克斯坦支持APEC。", "Kazakhstan supports APEC."),
            ("哈萨克斯坦很美。", "Kazakhstan is beautiful."),
            ("中国很大。", "China is big."),
            ("中国和哈萨克斯坦。", "China and Kazakhstan."),
        ];
        let toks: Vec<(Vec<u32>, Vec<u32>)> = pairs
            .iter()
            .map(|(z, e)| (v.zh_tokens(z), v.en_tokens(e)))
            .collect();
        let lex = Lexicon::learn(toks.iter().map(|(z, e)| (z.as_slice(), e.as_slice())));
        let z = v.zh_tokens("哈萨克斯坦");
        let e = v.en_tokens("Kazakhstan");
        assert_eq!(lex.zh_cues(&z), e);
        assert_eq!(lex.en_cues(&e), e);
        let apec = v.en_tokens("APEC");
        assert_eq!(lex.zh_cues(&v.zh_tokens("APEC")), apec);
    }
}
