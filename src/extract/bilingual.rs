//! English renderings of recurring Chinese phrases, from aligned units.
//!
//! For each recurring Chinese phrase (found by [`super::phrases`] on the
//! Chinese sides, plus the glossary's own terms), the units that contain it
//! are compared with the units whose English contains each English n-gram
//! (1–6 words, not starting or ending with a stopword). The association is the
//! Dice coefficient `2·|both| / (|zh units| + |en units|)`, weighted by how
//! plausible the n-gram's length is for a rendering of the phrase
//! (`exp(−ln²(observed/expected)/2σ²)`, expecting about
//! [`EN_CHARS_PER_ZH_CHAR`] English characters per Chinese one), so that
//! "spirit" does not beat "China-Central Asia Spirit" when both co-occur
//! everywhere. An n-gram that co-occurs with the phrase only inside a longer
//! n-gram (exactly as often) is dropped, as in the Chinese extraction, and
//! n-grams never cross punctuation other than hyphens and apostrophes.
//!
//! A glossary entry found in the units is *confirmed* when one of its
//! accepted renderings appears in the English of at least half of the units
//! holding the term, and *contradicted* otherwise (the best observed English
//! is then the evidence).
//!
//! ```
//! use concord::extract::bilingual::{propose, BilingualOptions};
//! let units = vec![
//!     ("共建一带一路走深走实。".to_string(), "Belt and Road cooperation has deepened.".to_string()),
//!     ("推动共建一带一路高质量发展。".to_string(), "We will promote high-quality Belt and Road cooperation.".to_string()),
//!     ("中国同中亚国家合作。".to_string(), "China cooperates with Central Asian countries.".to_string()),
//! ];
//! let p = propose(&units, None, &BilingualOptions::default());
//! let bri = p.iter().find(|p| p.zh == "共建一带一路").unwrap();
//! assert_eq!(bri.en, "Belt and Road cooperation");
//! ```

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::phrases::{PhraseOptions, extract};
use crate::model::Glossary;
use crate::text::normalize::{fold_caseless, fold_str};
use crate::text::segment::Repaired;
use crate::text::token::{TokenKind, stem_en, tokens};

/// Expected English characters per Chinese character of a term (names
/// run shorter, slogans longer, hence the wide [`LENGTH_SIGMA`]).
pub const EN_CHARS_PER_ZH_CHAR: f64 = 3.5;
/// Standard deviation of ln(observed / expected length).
pub const LENGTH_SIGMA: f64 = 1.0;

/// English words an n-gram may not start or end with.
pub const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "as",
    "is", "are", "was", "were", "be", "been", "being", "that", "this", "these", "those", "it",
    "its", "their", "his", "her", "our", "we", "they", "he", "she", "will", "would", "should",
    "shall", "can", "could", "may", "has", "have", "had", "which", "who", "whom", "said", "also",
    "not", "no", "so", "than", "such", "into", "over", "more", "most", "s", "all", "both", "each",
    "other", "between", "among", "through", "up", "out", "about", "while", "during",
];

/// Settings for [`propose`].
#[derive(Debug, Clone)]
pub struct BilingualOptions {
    /// Minimum number of units a Chinese phrase must occur in.
    pub min_units: usize,
    /// Longest English n-gram, in words.
    pub max_words: usize,
    /// Proposals below this confidence are dropped.
    pub min_confidence: f64,
    /// Alternatives kept per proposal.
    pub alternatives: usize,
}

impl Default for BilingualOptions {
    fn default() -> Self {
        BilingualOptions {
            min_units: 2,
            max_words: 6,
            min_confidence: 0.2,
            alternatives: 3,
        }
    }
}

/// What the glossary says about a proposal.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "status")]
pub enum Verdict {
    /// The glossary does not have the phrase.
    New,
    /// An accepted rendering appears in at least half of the units.
    Confirmed {
        id: String,
        rendering: String,
        coverage: f64,
    },
    /// No accepted rendering reaches half of the units.
    Contradicted {
        id: String,
        rendering: String,
        coverage: f64,
    },
}

/// A proposed glossary row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Proposal {
    pub zh: String,
    /// The best English, as most often written in the units.
    pub en: String,
    /// Dice × length plausibility, in [0, 1].
    pub confidence: f64,
    pub dice: f64,
    /// Units holding the Chinese phrase.
    pub zh_units: usize,
    /// Units holding both.
    pub both_units: usize,
    /// Next best English renderings with their confidence.
    pub alternatives: Vec<(String, f64)>,
    pub verdict: Verdict,
}

/// English words of a text in runs that n-grams may not cross (punctuation
/// other than a hyphen or an apostrophe ends a run): (lower-case word, byte range).
fn word_runs(text: &str) -> Vec<Vec<(String, usize, usize)>> {
    let mut runs = vec![Vec::new()];
    for t in tokens(text) {
        match t.kind {
            TokenKind::Word | TokenKind::Number => {
                if let Some(run) = runs.last_mut() {
                    run.push((fold_caseless(t.text), t.start, t.end));
                }
            }
            TokenKind::Punct if matches!(t.text, "-" | "'" | "’" | "‐" | "–") => {}
            _ => {
                if runs.last().is_some_and(|r| !r.is_empty()) {
                    runs.push(Vec::new());
                }
            }
        }
    }
    runs
}

/// The comparison key of an English rendering: stemmed lower-case words
/// ("China-Central Asia Spirit" → "china central asia spirit", "Luban
/// Workshops" = "Luban Workshop").
pub fn rendering_key(text: &str) -> String {
    word_runs(text)
        .into_iter()
        .flatten()
        .map(|(w, _, _)| stem_en(&w))
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_stopword(w: &str) -> bool {
    STOPWORDS.contains(&w)
}

/// Proposes English renderings for the recurring Chinese phrases of aligned
/// `(zh, en)` units, best first.
pub fn propose(
    units: &[(String, String)],
    glossary: Option<&Glossary>,
    opts: &BilingualOptions,
) -> Vec<Proposal> {
    let min_units = opts.min_units.max(1);
    // Chinese candidates: recurring phrases of the Chinese sides, plus glossary terms.
    let doc = Repaired::from_lines(units.iter().map(|(zh, _)| zh.as_str()));
    let phrase_opts = PhraseOptions {
        min_freq: min_units.max(2),
        contexts: 0,
        ..PhraseOptions::default()
    };
    let mut candidates: Vec<String> = extract(&[doc], &phrase_opts)
        .into_iter()
        .map(|p| p.text)
        .collect();
    let mut term_of: HashMap<String, usize> = HashMap::new();
    if let Some(g) = glossary {
        for (k, e) in g.iter().enumerate() {
            for f in e.zh_forms() {
                term_of.entry(fold_str(f)).or_insert(k);
                candidates.push(f.to_string());
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    candidates.retain(|c| c.chars().count() >= 2 && seen.insert(fold_str(c)));
    if candidates.is_empty() {
        return Vec::new();
    }
    let folded: Vec<String> = candidates.iter().map(|c| fold_str(c)).collect();
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&folded)
    else {
        return Vec::new();
    };

    // Units of each Chinese candidate.
    let mut zh_units: Vec<Vec<u32>> = vec![Vec::new(); candidates.len()];
    for (u, (zh, _)) in units.iter().enumerate() {
        let f = fold_str(zh);
        let mut found: Vec<usize> = ac
            .find_overlapping_iter(&f)
            .map(|m| m.pattern().as_usize())
            .collect();
        found.sort_unstable();
        found.dedup();
        for c in found {
            zh_units[c].push(u as u32);
        }
    }

    // English n-grams of each unit (deduplicated per unit), with document frequency.
    let mut vocab: HashMap<Vec<String>, u32> = HashMap::new();
    let mut surfaces: Vec<HashMap<String, u32>> = Vec::new();
    let mut df: Vec<u32> = Vec::new();
    let mut unit_ngrams: Vec<Vec<u32>> = Vec::with_capacity(units.len());
    for (_, en) in units {
        let mut ids: Vec<u32> = Vec::new();
        for ws in word_runs(en) {
            for i in 0..ws.len() {
                if is_stopword(&ws[i].0) {
                    continue;
                }
                for j in i + 1..=(i + opts.max_words).min(ws.len()) {
                    if is_stopword(&ws[j - 1].0) {
                        continue;
                    }
                    let key: Vec<String> = ws[i..j].iter().map(|w| w.0.clone()).collect();
                    let next = vocab.len() as u32;
                    let id = *vocab.entry(key).or_insert_with(|| {
                        surfaces.push(HashMap::new());
                        df.push(0);
                        next
                    });
                    let surface = &en[ws[i].1..ws[j - 1].2];
                    *surfaces[id as usize]
                        .entry(surface.to_string())
                        .or_insert(0) += 1;
                    ids.push(id);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        for &id in &ids {
            df[id as usize] += 1;
        }
        unit_ngrams.push(ids);
    }
    let mut keys: Vec<String> = vec![String::new(); vocab.len()];
    let mut word_keys: Vec<Vec<String>> = vec![Vec::new(); vocab.len()];
    for (k, id) in &vocab {
        keys[*id as usize] = k.join(" ");
        word_keys[*id as usize] = k.clone();
    }
    // The n-grams that contain each n-gram.
    let mut supers: Vec<Vec<u32>> = vec![Vec::new(); word_keys.len()];
    for (id, words) in word_keys.iter().enumerate() {
        for i in 0..words.len() {
            for j in i + 1..=words.len() {
                if j - i < words.len()
                    && let Some(&sid) = vocab.get(&words[i..j])
                {
                    supers[sid as usize].push(id as u32);
                }
            }
        }
    }
    let surface_of = |id: u32| -> String {
        surfaces[id as usize]
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(s, _)| s.clone())
            .unwrap_or_default()
    };

    // Stemmed English of every unit, for the glossary verdicts.
    let unit_keys: Vec<String> = if glossary.is_some() {
        units
            .iter()
            .map(|(_, en)| format!(" {} ", rendering_key(en)))
            .collect()
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    let mut cooc: HashMap<u32, u32> = HashMap::new();
    for (c, cand) in candidates.iter().enumerate() {
        let us = &zh_units[c];
        if us.len() < min_units {
            continue;
        }
        cooc.clear();
        for &u in us {
            for &id in &unit_ngrams[u as usize] {
                *cooc.entry(id).or_insert(0) += 1;
            }
        }
        let zh_len = cand.chars().filter(|c| !c.is_whitespace()).count() as f64;
        let expected = (zh_len * EN_CHARS_PER_ZH_CHAR).max(3.0);
        let mut scored: Vec<(u32, f64, f64, u32)> = cooc
            .iter()
            .filter(|&(_, &both)| both >= 2 || us.len() == 1)
            .map(|(&id, &both)| {
                let dice = 2.0 * both as f64 / (us.len() as f64 + df[id as usize] as f64);
                let len = keys[id as usize].len() as f64;
                let l = (len / expected).ln();
                let plausible = (-(l * l) / (2.0 * LENGTH_SIGMA * LENGTH_SIGMA)).exp();
                (id, dice * plausible, dice, both)
            })
            .collect();
        let order = |a: &(u32, f64, f64, u32), b: &(u32, f64, f64, u32)| {
            b.1.total_cmp(&a.1)
                .then(keys[a.0 as usize].cmp(&keys[b.0 as usize]))
        };
        scored.sort_unstable_by(order);
        // An n-gram that co-occurs only inside a longer one ("community with
        // a shared" inside "community with a shared future") is not a
        // rendering: walk down the ranking, skipping those, until enough are kept.
        let keep = opts.alternatives + 1;
        let mut kept = Vec::with_capacity(keep);
        for item in scored {
            let (id, _, _, both) = item;
            let dominated = supers[id as usize]
                .iter()
                .any(|sup| cooc.get(sup) == Some(&both));
            if !dominated {
                kept.push(item);
                if kept.len() == keep {
                    break;
                }
            }
        }
        let scored = kept;
        let verdict = match term_of.get(&fold_str(cand)).zip(glossary) {
            Some((&k, g)) => match g.iter().nth(k) {
                Some(e) => verdict(e, us, &unit_keys),
                None => Verdict::New,
            },
            None => Verdict::New,
        };
        let Some(&(best, confidence, dice, both)) = scored.first() else {
            if verdict != Verdict::New {
                out.push(Proposal {
                    zh: cand.clone(),
                    en: String::new(),
                    confidence: 0.0,
                    dice: 0.0,
                    zh_units: us.len(),
                    both_units: 0,
                    alternatives: Vec::new(),
                    verdict,
                });
            }
            continue;
        };
        if confidence < opts.min_confidence && verdict == Verdict::New {
            continue;
        }
        out.push(Proposal {
            zh: cand.clone(),
            en: surface_of(best),
            confidence,
            dice,
            zh_units: us.len(),
            both_units: both as usize,
            alternatives: scored
                .iter()
                .skip(1)
                .take(opts.alternatives)
                .map(|&(id, s, _, _)| (surface_of(id), s))
                .collect(),
            verdict,
        });
    }
    out.sort_by(|a, b| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(b.zh_units.cmp(&a.zh_units))
            .then(a.zh.cmp(&b.zh))
    });
    out
}

/// Confirmed when an accepted rendering appears in at least half of the units.
fn verdict(entry: &crate::model::Entry, us: &[u32], unit_keys: &[String]) -> Verdict {
    let mut best: Option<(String, f64)> = None;
    for r in entry.en_accepted() {
        let key = format!(" {} ", rendering_key(r));
        if key.trim().is_empty() {
            continue;
        }
        let hits = us
            .iter()
            .filter(|&&u| unit_keys.get(u as usize).is_some_and(|k| k.contains(&key)))
            .count();
        let coverage = hits as f64 / us.len().max(1) as f64;
        if best.as_ref().is_none_or(|(_, c)| coverage > *c) {
            best = Some((r.to_string(), coverage));
        }
    }
    match best {
        Some((rendering, coverage)) if coverage >= 0.5 => Verdict::Confirmed {
            id: entry.id.clone(),
            rendering,
            coverage,
        },
        Some((rendering, coverage)) => Verdict::Contradicted {
            id: entry.id.clone(),
            rendering,
            coverage,
        },
        None => Verdict::Contradicted {
            id: entry.id.clone(),
            rendering: String::new(),
            coverage: 0.0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Entry;

    fn u(zh: &str, en: &str) -> (String, String) {
        (zh.to_string(), en.to_string())
    }

    #[test]
    fn length_plausibility_prefers_whole_term() {
        let units = vec![
            u(
                "弘扬中国－中亚精神。",
                "We should carry forward the China-Central Asia Spirit.",
            ),
            u(
                "中国－中亚精神为合作提供遵循。",
                "The China-Central Asia Spirit guides our cooperation.",
            ),
            u(
                "以中国－中亚精神为引领。",
                "Guided by the China-Central Asia Spirit, we will act.",
            ),
            u("中亚国家很重要。", "Central Asian countries matter."),
        ];
        let p = propose(&units, None, &BilingualOptions::default());
        let s = p.iter().find(|p| p.zh == "中国－中亚精神").unwrap();
        assert_eq!(s.en, "China-Central Asia Spirit");
        assert_eq!(s.zh_units, 3);
    }

    #[test]
    fn glossary_confirmed_and_contradicted() {
        let units = vec![
            u("三股势力要打击。", "The three forces must be fought."),
            u("打击三股势力。", "Fight the three forces."),
            u("上海合作组织峰会。", "The SCO summit."),
            u("上海合作组织发展。", "The SCO develops."),
        ];
        let mut g = Glossary::new();
        for (id, zh, en) in [
            ("three-forces", "三股势力", "three forces"),
            ("sco", "上海合作组织", "Shanghai Cooperation Organization"),
        ] {
            g.insert(Entry {
                id: id.into(),
                zh: zh.into(),
                en: en.into(),
                ..Entry::default()
            })
            .unwrap();
        }
        let p = propose(&units, Some(&g), &BilingualOptions::default());
        let tf = p.iter().find(|p| p.zh == "三股势力").unwrap();
        assert!(matches!(tf.verdict, Verdict::Confirmed { .. }), "{tf:?}");
        let sco = p.iter().find(|p| p.zh == "上海合作组织").unwrap();
        assert!(
            matches!(sco.verdict, Verdict::Contradicted { .. }),
            "{sco:?}"
        );
        assert_eq!(sco.en, "SCO");
    }

    #[test]
    fn empty_units() {
        assert!(propose(&[], None, &BilingualOptions::default()).is_empty());
        assert!(propose(&[u("", "")], None, &BilingualOptions::default()).is_empty());
    }
}
