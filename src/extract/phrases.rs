//! Recurring phrases of Chinese text: quoted phrases and maximal repeated
//! character n-grams, ranked by C-value.
//!
//! Chinese is written without spaces, so the candidates for "a phrase that
//! recurs" are character n-grams. Most repeated n-grams are fragments (中亚精
//! recurs exactly as often as 中国－中亚精神), so only *maximal* ones are kept:
//! an n-gram is dropped when a longer candidate containing it occurs exactly as
//! often. Candidates may not start or end with a function character (的, 和,
//! 在 …), a digit or punctuation, and they never cross punctuation other than
//! the dash of 中国－中亚. Quoted phrases (“一带一路”, 《山海情》) are reported
//! whatever their count: a quotation mark is the author saying "this is a
//! name". A quotation that is a whole clause (it holds ，。 etc.) or is longer
//! than [`QUOTED_MAX_CHARS`] is a citation, not a phrase, and is left out.
//!
//! Counting uses a sorted array of the positions where a candidate may start,
//! compared on their next `max_len` tokens (a suffix array truncated at the
//! longest n-gram), and walks its LCP intervals: each interval is one set of
//! occurrences, so the work is O(n log n) in the text length and the memory a
//! few words per character.
//!
//! ```
//! use concord::extract::phrases::{extract, PhraseOptions, PhraseKind};
//! use concord::text::segment::repair;
//! let doc = repair("弘扬“中国－中亚精神”。我们要弘扬中国－中亚精神，推动合作。中国－中亚精神为合作提供了遵循。");
//! let phrases = extract(&[doc], &PhraseOptions::default());
//! let top = &phrases[0];
//! assert_eq!(top.text, "中国－中亚精神");
//! assert_eq!(top.kind, PhraseKind::Quoted);
//! assert_eq!(top.freq, 3);
//! // Fragments of it (中亚精神, 国－中亚) are not reported.
//! assert!(!phrases.iter().any(|p| p.text == "中亚精神"));
//! ```

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::model::Glossary;
use crate::text::normalize::fold_str;
use crate::text::segment::Repaired;
use crate::text::token::is_han;

/// Longest quoted text that still counts as a phrase (characters).
pub const QUOTED_MAX_CHARS: usize = 32;

/// Characters a phrase may not start or end with: particles, prepositions,
/// conjunctions, pronouns and auxiliaries that glue phrases together.
pub const FUNCTION_CHARS: &str =
    "的了和与及在是对为将也等并而以之于就都要把被从向同这那各其着过或又还更很但如若则因所即已让使由该每此些吗呢吧啊";

/// Settings for [`extract`].
#[derive(Debug, Clone)]
pub struct PhraseOptions {
    /// Minimum count of an n-gram (quoted phrases are reported at any count).
    pub min_freq: usize,
    /// Shortest n-gram, in tokens (a Han character or a Latin/digit run is one token).
    pub min_len: usize,
    /// Longest n-gram, in tokens.
    pub max_len: usize,
    /// Example contexts kept per phrase.
    pub contexts: usize,
    /// Characters of context on each side.
    pub context_chars: usize,
    /// Known phrases (the glossary's Chinese forms): reported whenever they
    /// recur, even inside a longer n-gram that occurs as often, and a longer
    /// n-gram that only wraps one of them with a character or two is dropped.
    pub known: Vec<String>,
}

impl Default for PhraseOptions {
    fn default() -> Self {
        PhraseOptions {
            min_freq: 2,
            min_len: 2,
            max_len: 16,
            contexts: 3,
            context_chars: 12,
            known: Vec::new(),
        }
    }
}

/// How a phrase was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhraseKind {
    /// In quotation marks or title marks at least once.
    Quoted,
    /// A maximal repeated n-gram.
    Ngram,
}

impl PhraseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PhraseKind::Quoted => "quoted",
            PhraseKind::Ngram => "ngram",
        }
    }
}

/// Where an example of a phrase was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Context {
    /// Index of the document in the slice given to [`extract`].
    pub doc: usize,
    /// Input line (1-based) of the document.
    pub line: u32,
    /// The phrase with some text either side: `…左【短语】右…`.
    pub text: String,
}

/// Whether the glossary already has a phrase.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "status", content = "id")]
pub enum GlossaryStatus {
    /// An entry has this Chinese form; its id.
    Known(String),
    New,
}

/// A recurring phrase.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Phrase {
    pub text: String,
    pub kind: PhraseKind,
    /// Occurrences in the text (as an n-gram, quoted or not).
    pub freq: usize,
    /// Occurrences inside quotation or title marks.
    pub quoted: usize,
    /// C-value: log2(length) × (frequency − mean frequency of the longer
    /// candidates containing it). High for long phrases that recur on their own.
    pub cvalue: f64,
    pub contexts: Vec<Context>,
    pub glossary: GlossaryStatus,
}

// ---------------------------------------------------------------------------
// Tokens

/// Ends a run: punctuation, white space, quotes, line breaks.
const SEP: u32 = u32::MAX;
/// The dash family inside a phrase (中国－中亚), one token.
const DASH: u32 = u32::MAX - 1;
/// The middle dot of transliterated names (阿卜杜拉·阿齐兹).
const DOT: u32 = u32::MAX - 2;
/// Latin/digit runs get ids from here on (above every Unicode scalar).
const RUN_BASE: u32 = 0x0011_0000;

struct Tokens {
    ids: Vec<u32>,
    /// (document, byte start, byte end) of each token.
    spans: Vec<(u32, u32, u32)>,
    /// For runs: whether the run is digits only (no letters).
    run_is_number: Vec<bool>,
    runs: HashMap<String, u32>,
}

impl Tokens {
    fn new() -> Self {
        Tokens {
            ids: Vec::new(),
            spans: Vec::new(),
            run_is_number: Vec::new(),
            runs: HashMap::new(),
        }
    }

    fn push(&mut self, id: u32, doc: usize, start: usize, end: usize) {
        self.ids.push(id);
        self.spans.push((doc as u32, start as u32, end as u32));
    }

    fn add_text(&mut self, doc: usize, text: &str) {
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_han(c) {
                self.push(c as u32, doc, i, i + c.len_utf8());
            } else if c.is_ascii_alphanumeric() {
                let mut end = i + 1;
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_ascii_alphanumeric() {
                        end = j + 1;
                        chars.next();
                    } else {
                        break;
                    }
                }
                let run = &text[i..end];
                let next = RUN_BASE + self.runs.len() as u32;
                let id = *self.runs.entry(run.to_string()).or_insert_with(|| {
                    self.run_is_number
                        .push(run.bytes().all(|b| b.is_ascii_digit()));
                    next
                });
                self.push(id, doc, i, end);
            } else if crate::text::normalize::is_dash(c) && c != '—' {
                // The em dash opens a subtitle (——在第二届…); other dashes join names.
                self.push(DASH, doc, i, i + c.len_utf8());
            } else if c == '·' || c == '•' {
                self.push(DOT, doc, i, i + c.len_utf8());
            } else if self.ids.last() != Some(&SEP) {
                self.push(SEP, doc, i, i);
            }
        }
        if self.ids.last() != Some(&SEP) {
            self.push(SEP, doc, text.len(), text.len());
        }
    }

    /// The token ids of `text`, with the runs known so far (an unknown run
    /// becomes a separator, which no n-gram contains).
    fn key_of(&self, text: &str) -> Vec<u32> {
        let mut scratch = Tokens::new();
        scratch.add_text(0, text);
        let mut key: Vec<u32> = Vec::with_capacity(scratch.ids.len());
        for (&id, &(_, s, e)) in scratch.ids.iter().zip(&scratch.spans) {
            if (RUN_BASE..DOT).contains(&id) {
                key.push(
                    self.runs
                        .get(&text[s as usize..e as usize])
                        .copied()
                        .unwrap_or(SEP),
                );
            } else {
                key.push(id);
            }
        }
        while key.last() == Some(&SEP) {
            key.pop();
        }
        key
    }

    fn is_number(&self, id: u32) -> bool {
        (RUN_BASE..DOT).contains(&id)
            && self
                .run_is_number
                .get((id - RUN_BASE) as usize)
                .copied()
                .unwrap_or(false)
    }

    /// May a phrase start or end with this token?
    fn is_edge(&self, id: u32) -> bool {
        match id {
            SEP | DASH | DOT => false,
            _ if id >= RUN_BASE => !self.is_number(id),
            _ => char::from_u32(id).is_some_and(|c| !FUNCTION_CHARS.contains(c)),
        }
    }
}

// ---------------------------------------------------------------------------
// Extraction

struct Candidate {
    /// Token positions of the first occurrences in text order.
    positions: Vec<u32>,
    len: usize,
    freq: usize,
}

/// Extracts recurring phrases from repaired documents (see the module docs),
/// best first.
pub fn extract(docs: &[Repaired], opts: &PhraseOptions) -> Vec<Phrase> {
    let max_len = opts.max_len.max(1);
    let min_len = opts.min_len.max(1);
    let min_freq = opts.min_freq.max(2);
    let mut toks = Tokens::new();
    for (d, doc) in docs.iter().enumerate() {
        toks.add_text(d, &doc.text);
    }
    let ids = &toks.ids;
    let n = ids.len();
    // End (exclusive) of the window of each position: run end, capped at max_len.
    let mut window_end = vec![0u32; n];
    let mut run_end = n;
    for p in (0..n).rev() {
        if ids[p] == SEP {
            run_end = p;
        }
        window_end[p] = run_end.min(p + max_len) as u32;
    }
    let window = |p: u32| &ids[p as usize..window_end[p as usize] as usize];

    let mut sa: Vec<u32> = (0..n as u32)
        .filter(|&p| toks.is_edge(ids[p as usize]))
        .collect();
    sa.par_sort_unstable_by(|&a, &b| window(a).cmp(window(b)).then(a.cmp(&b)));

    let lcp = |a: u32, b: u32| -> usize {
        window(a)
            .iter()
            .zip(window(b))
            .take_while(|(x, y)| x == y)
            .count()
    };

    let mut candidates: Vec<Candidate> = Vec::new();
    let known_keys: HashSet<Vec<u32>> = opts
        .known
        .iter()
        .map(|k| toks.key_of(k))
        .filter(|k| k.len() >= min_len && !k.contains(&SEP))
        .collect();
    let prev = |k: usize| {
        let p = sa[k] as usize;
        if p == 0 { SEP } else { ids[p - 1] }
    };
    let mut report = |l: usize, parent: usize, lb: usize, rb: usize| {
        let count = rb - lb + 1;
        if count < min_freq || l < min_len {
            return;
        }
        let first = sa[lb] as usize;
        let top = l.min(max_len);
        let lo = (parent + 1).max(min_len);
        let mut lens: Vec<usize> = Vec::new();
        if let Some(len) = (lo..=top).rev().find(|&k| toks.is_edge(ids[first + k - 1])) {
            let a = prev(lb);
            let same_left = a != SEP && (lb..=rb).all(|k| prev(k) == a);
            let drop = if l >= max_len {
                // Truncated: the occurrences share more than max_len tokens, so
                // this is a window of a longer repeated passage, not a phrase.
                true
            } else {
                // Left-maximal? If every occurrence follows the same token and
                // that token may start a phrase, the longer phrase occurs as
                // often: drop this one.
                same_left && toks.is_edge(a)
            };
            if !drop || known_keys.contains(&ids[first..first + len]) {
                lens.push(len);
            }
        }
        // Known terms (from the glossary) are reported even when a longer
        // n-gram holds every occurrence.
        if !known_keys.is_empty() {
            for k in lo..=top {
                if !lens.contains(&k) && known_keys.contains(&ids[first..first + k]) {
                    lens.push(k);
                }
            }
        }
        if lens.is_empty() {
            return;
        }
        // The first few occurrences in text order, for the key and the contexts.
        let keep = opts.contexts.max(1);
        let mut positions: Vec<u32> = Vec::with_capacity(keep + 1);
        for &p in &sa[lb..=rb] {
            if positions.len() < keep || positions.last().is_some_and(|&l| p < l) {
                let at = positions.partition_point(|&q| q < p);
                positions.insert(at, p);
                positions.truncate(keep);
            }
        }
        for len in lens {
            candidates.push(Candidate {
                positions: positions.clone(),
                len,
                freq: count,
            });
        }
    };

    // Bottom-up traversal of the LCP intervals.
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    for k in 1..=sa.len() {
        let cur = if k < sa.len() {
            lcp(sa[k - 1], sa[k])
        } else {
            0
        };
        let mut lb = k - 1;
        while let Some(&(top_l, top_lb)) = stack.last() {
            if cur >= top_l {
                break;
            }
            stack.pop();
            let below = stack.last().map_or(0, |&(l, _)| l);
            report(top_l, cur.max(below), top_lb, k - 1);
            lb = top_lb;
        }
        if stack.last().is_none_or(|&(l, _)| cur > l) {
            stack.push((cur, lb));
        }
    }

    // Phrases keyed by their token sequence.
    let mut phrases: Vec<Phrase> = Vec::new();
    let mut keys: Vec<Vec<u32>> = Vec::new();
    let mut by_key: HashMap<Vec<u32>, usize> = HashMap::new();
    for c in &candidates {
        let p0 = c.positions[0] as usize;
        let key = ids[p0..p0 + c.len].to_vec();
        let text = span_text(docs, &toks, p0, p0 + c.len);
        by_key.insert(key.clone(), phrases.len());
        keys.push(key);
        phrases.push(Phrase {
            text,
            kind: PhraseKind::Ngram,
            freq: c.freq,
            quoted: 0,
            cvalue: 0.0,
            contexts: contexts(docs, &toks, &c.positions, c.len, opts),
            glossary: GlossaryStatus::New,
        });
    }

    // Quoted phrases.
    for (d, doc) in docs.iter().enumerate() {
        for (range, inner) in quoted_spans(&doc.text) {
            let key = toks.key_of(inner);
            let idx = match by_key.get(&key) {
                Some(&i) => i,
                None => {
                    let i = phrases.len();
                    by_key.insert(key.clone(), i);
                    keys.push(key);
                    phrases.push(Phrase {
                        text: inner.to_string(),
                        kind: PhraseKind::Quoted,
                        freq: 0,
                        quoted: 0,
                        cvalue: 0.0,
                        contexts: Vec::new(),
                        glossary: GlossaryStatus::New,
                    });
                    i
                }
            };
            let ph = &mut phrases[idx];
            ph.kind = PhraseKind::Quoted;
            ph.quoted += 1;
            ph.freq = ph.freq.max(ph.quoted);
            if ph.contexts.len() < opts.contexts && ph.quoted > ph.contexts.len() {
                let start = range.start;
                ph.contexts.push(Context {
                    doc: d,
                    line: doc.line_at(start),
                    text: context_text(&doc.text, range, opts.context_chars),
                });
            }
        }
    }

    // C-value: subtract the mean frequency of longer candidates containing a phrase.
    // Also drop n-grams that a longer candidate contains exactly as often (the
    // interval walk already dropped most of them; this catches 合作共赢 inside
    // 推动的合作共赢 when every occurrence has the same function character before it).
    let mut nested: Vec<(f64, u32)> = vec![(0.0, 0); phrases.len()];
    let mut fragment = vec![false; phrases.len()];
    for (b, key) in keys.iter().enumerate() {
        let fb = phrases[b].freq as f64;
        let b_freq = phrases[b].freq;
        let mut seen: Vec<usize> = Vec::new();
        for i in 0..key.len() {
            for j in (i + min_len.max(2))..=key.len() {
                if j - i == key.len() {
                    continue;
                }
                if let Some(&a) = by_key.get(&key[i..j])
                    && !seen.contains(&a)
                {
                    seen.push(a);
                    let a_known = known_keys.contains(&keys[a]);
                    if phrases[a].freq == b_freq && phrases[a].kind == PhraseKind::Ngram && !a_known
                    {
                        fragment[a] = true;
                    }
                    // 托卡耶夫总统 only wraps the known 托卡耶夫: keep the term.
                    if a_known
                        && phrases[a].freq == b_freq
                        && phrases[b].kind == PhraseKind::Ngram
                        && key.len() - (j - i) <= 2
                        && !known_keys.contains(key)
                    {
                        fragment[b] = true;
                    }
                    nested[a].0 += fb;
                    nested[a].1 += 1;
                }
            }
        }
    }
    for (p, (sum, count)) in phrases.iter_mut().zip(&nested) {
        let len = p.text.chars().filter(|c| !c.is_whitespace()).count().max(2) as f64;
        let f = p.freq as f64;
        let own = if *count == 0 {
            f
        } else {
            f - sum / *count as f64
        };
        p.cvalue = len.log2() * own;
    }
    let mut keep = fragment.iter().map(|f| !f);
    phrases.retain(|_| keep.next().unwrap_or(true));
    phrases.sort_by(|a, b| {
        b.cvalue
            .total_cmp(&a.cvalue)
            .then(b.freq.cmp(&a.freq))
            .then(b.text.chars().count().cmp(&a.text.chars().count()))
            .then(a.text.cmp(&b.text))
    });
    phrases
}

fn span_text(docs: &[Repaired], toks: &Tokens, from: usize, to: usize) -> String {
    let (d, s, _) = toks.spans[from];
    let (_, _, e) = toks.spans[to - 1];
    docs.get(d as usize)
        .and_then(|doc| doc.text.get(s as usize..e as usize))
        .unwrap_or_default()
        .to_string()
}

fn contexts(
    docs: &[Repaired],
    toks: &Tokens,
    positions: &[u32],
    len: usize,
    opts: &PhraseOptions,
) -> Vec<Context> {
    positions
        .iter()
        .take(opts.contexts)
        .filter_map(|&p| {
            let p = p as usize;
            let (d, s, _) = toks.spans[p];
            let (_, _, e) = toks.spans[p + len - 1];
            let doc = docs.get(d as usize)?;
            Some(Context {
                doc: d as usize,
                line: doc.line_at(s as usize),
                text: context_text(&doc.text, s as usize..e as usize, opts.context_chars),
            })
        })
        .collect()
}

/// `…left【phrase】right…`, staying inside the paragraph.
fn context_text(text: &str, range: std::ops::Range<usize>, chars: usize) -> String {
    let para_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let para_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let before = &text[para_start..range.start];
    let after = &text[range.end..para_end];
    let left: String = {
        let v: Vec<char> = before.chars().rev().take(chars).collect();
        v.into_iter().rev().collect()
    };
    let right: String = after.chars().take(chars).collect();
    format!(
        "{}{}【{}】{}{}",
        if left.len() < before.len() { "…" } else { "" },
        left,
        &text[range],
        right,
        if right.len() < after.len() { "…" } else { "" }
    )
}

/// Quoted phrases of `text`: (range of the inner text, inner text), for “…”,
/// 《…》 and 「…」 without clause punctuation and at most [`QUOTED_MAX_CHARS`] long.
pub fn quoted_spans(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (_, '\n') => open = None,
            (None, '“' | '《' | '「') => open = Some((c, i + c.len_utf8())),
            (Some(_), '“' | '《' | '「') => open = Some((c, i + c.len_utf8())),
            (Some(('“', s)), '”') | (Some(('《', s)), '》') | (Some(('「', s)), '」') => {
                let inner = &text[s..i];
                let n = inner.chars().count();
                let clause = inner.chars().any(|c| {
                    matches!(
                        c,
                        '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | '!' | '?'
                    )
                });
                if n > 0 && n <= QUOTED_MAX_CHARS && !clause {
                    out.push((s..i, inner));
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Marks each phrase that the glossary has (as its term or a Chinese variant,
/// compared after folding) with the entry id.
pub fn mark_glossary(phrases: &mut [Phrase], glossary: &Glossary) {
    let mut forms: HashMap<String, &str> = HashMap::new();
    for e in glossary.iter() {
        for zh in e.zh_forms() {
            forms.entry(fold_str(zh)).or_insert(e.id.as_str());
        }
    }
    for p in phrases {
        p.glossary = match forms.get(&fold_str(&p.text)) {
            Some(id) => GlossaryStatus::Known(id.to_string()),
            None => GlossaryStatus::New,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::repair;

    fn run(text: &str) -> Vec<Phrase> {
        extract(&[repair(text)], &PhraseOptions::default())
    }

    #[test]
    fn maximal_only() {
        let p = run("上海合作组织峰会。上海合作组织峰会。上海合作组织成员。");
        let texts: Vec<_> = p.iter().map(|p| (p.text.as_str(), p.freq)).collect();
        assert!(texts.contains(&("上海合作组织峰会", 2)), "{texts:?}");
        assert!(texts.contains(&("上海合作组织", 3)), "{texts:?}");
        assert!(!texts.iter().any(|(t, _)| *t == "合作组织"), "{texts:?}");
        assert!(!texts.iter().any(|(t, _)| *t == "海合作组织峰会"), "{texts:?}");
    }

    #[test]
    fn function_characters_not_at_edges() {
        let p = run("推动的合作共赢。实现的合作共赢。推动和发展。");
        assert!(p.iter().all(|p| !p.text.starts_with('的')));
        assert!(p.iter().any(|p| p.text == "合作共赢"), "{p:?}");
        assert!(p.iter().any(|p| p.text == "推动"), "{p:?}");
        // Every occurrence behind the same 的: the longer candidate wins.
        let p = run("推动的合作共赢。推动的合作共赢。");
        let texts: Vec<_> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["推动的合作共赢"]);
    }

    #[test]
    fn quoted_phrases_any_count_citations_excluded() {
        let p = run("《山海情》走红。“兼相爱，交相利。”共建“一带一路”，“一带一路”。");
        let q: Vec<_> = p
            .iter()
            .filter(|p| p.kind == PhraseKind::Quoted)
            .map(|p| (p.text.as_str(), p.quoted))
            .collect();
        assert!(q.contains(&("山海情", 1)));
        assert!(q.contains(&("一带一路", 2)));
        assert_eq!(q.len(), 2, "{q:?}");
    }

    #[test]
    fn latin_and_digit_tokens() {
        let p = run("G20峰会在2025年召开。G20峰会在2026年召开。");
        assert!(p.iter().any(|p| p.text == "G20峰会"), "{p:?}");
        assert!(p.iter().all(|p| !p.text.starts_with("20")));
    }

    #[test]
    fn contexts_cite_lines() {
        let p = run("第一段没有。\n\n共建一带一路。\n共建一带一路。");
        let ph = p.iter().find(|p| p.text == "共建一带一路").unwrap();
        assert_eq!(ph.contexts[0].line, 3);
        assert_eq!(ph.contexts[0].text, "【共建一带一路】。");
        assert_eq!(ph.contexts[1].line, 4);
    }

    #[test]
    fn empty_input() {
        assert!(run("").is_empty());
        assert!(extract(&[], &PhraseOptions::default()).is_empty());
    }
}
