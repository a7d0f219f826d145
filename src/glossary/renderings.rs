//! Finding English renderings of glossary terms in a target text.
//!
//! A rendering matches as a sequence of word tokens, not as a string:
//! the target and the rendering are folded (NFKC, dashes, quotes, white
//! space), split into words ([`crate::text::token`]) and each word is compared
//! by its Snowball stem, lower-cased unless the entry is case-sensitive. So
//! "Belt and Road initiatives" matches "Belt and Road Initiative",
//! "China–Central Asia Spirit" matches "China-Central Asia Spirit" and
//! "China Central Asia spirit", and "the Global Development Initiative's"
//! matches "Global Development Initiative" (punctuation, a possessive `'s` and
//! leading articles are not words of the rendering). Every occurrence is
//! located as a byte span in the original target.
//!
//! ```
//! use concord::glossary::renderings::{Rendering, TargetText};
//! use concord::model::CaseRule;
//! let r = Rendering::new("China-Central Asia Spirit", CaseRule::Insensitive);
//! let target = "We carry forward the China–Central Asia spirit.";
//! let t = TargetText::new(target);
//! let spans = t.find(&r);
//! assert_eq!(&target[spans[0].clone()], "China–Central Asia spirit");
//! ```

use std::ops::Range;

use crate::hash::MixMap;
use crate::model::CaseRule;
use crate::text::normalize::{FoldOptions, fold};
use crate::text::quick_fold::{MatchFolded, quick_fold};
use crate::text::token::{Token, TokenKind, matching_fold_is_identity, stem_en, token_iter};

/// One word of a rendering or a target. Its texts are ranges of the
/// buffers of the [`Words`] it belongs to: a target of fifty words used to
/// cost some 150 small `String`s, a fifth of a check's time in malloc/free.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    /// The folded word with its case: a range of [`Words::folded`].
    surface: Range<usize>,
    /// Lower-cased, British -isation spelled -ization, stemmed: a range of
    /// [`Words::keys`].
    key: Range<usize>,
    /// Byte range in the original text.
    span: Range<usize>,
    /// The surface lower-cased, as near-misses compare it: a range of
    /// [`Words::lowers`].
    lower: Range<usize>,
    /// Characters in `lower`.
    chars: usize,
    /// A hash of the key: positions are compared by it first.
    hash: u64,
}

/// The words of one text and the buffers their ranges point into.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Words {
    /// The text folded for matching.
    folded: String,
    /// `folded` with ASCII letters lower-cased (an ASCII word's lower case
    /// is at its surface range), then the lower case of each non-ASCII word.
    lowers: String,
    /// Every word's key, one after the other (bytes of UTF-8 text: a key
    /// is only compared, and a cached key is appended without validating
    /// it again).
    keys: Vec<u8>,
    list: Vec<Word>,
}

impl Words {
    fn surface(&self, w: &Word) -> &str {
        self.folded.get(w.surface.clone()).unwrap_or_default()
    }
    fn key(&self, w: &Word) -> &[u8] {
        self.keys.get(w.key.clone()).unwrap_or_default()
    }
    fn lower(&self, w: &Word) -> &str {
        self.lowers.get(w.lower.clone()).unwrap_or_default()
    }
}

/// Character counts in 32 buckets. Each edit changes the counts by at most
/// 2 (a substitution), so half the L1 distance between two histograms is a
/// lower bound on the edit distance of the texts: windows that cannot reach
/// the similarity threshold are skipped before the quadratic comparison.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Histogram([u16; 32]);

impl Histogram {
    fn of(text: &str) -> Self {
        let mut h = Histogram::default();
        for c in text.chars() {
            let b = &mut h.0[(c as usize) % 31];
            *b = b.saturating_add(1);
        }
        h
    }
    fn add(&mut self, other: &Histogram) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a = a.saturating_add(b);
        }
    }
    /// Adds `n` spaces (in their own bucket).
    fn add_spaces(&mut self, n: usize) {
        self.0[31] = self.0[31].saturating_add(n as u16);
    }
    fn l1(&self, other: &Histogram) -> usize {
        self.0
            .iter()
            .zip(other.0)
            .map(|(a, b)| usize::from(a.abs_diff(b)))
            .sum()
    }
}

/// Longest word, and longest key, in bytes, that a [`KeySlot`] holds;
/// longer ones are keyed without the cache.
const SLOT_WORD: usize = 30;
const SLOT_KEY: usize = 24;

/// A word this thread has keyed: the lower-case word, its key and the
/// key's hash, in one cache line.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct KeySlot {
    hash: u64,
    /// 0: an empty slot (a word has at least one byte).
    word_len: u8,
    key_len: u8,
    word: [u8; SLOT_WORD],
    key: [u8; SLOT_KEY],
}

const EMPTY_SLOT: KeySlot = KeySlot {
    hash: 0,
    word_len: 0,
    key_len: 0,
    word: [0; SLOT_WORD],
    key: [0; SLOT_KEY],
};

/// Slots of a [`KeyCache`] (512 KB): a document's vocabulary is a few
/// thousand words.
const KEY_SLOTS: usize = 1 << 13;

/// Keys of words already seen by this thread, in pairs of slots chosen by
/// the word's hash (two cache lines side by side): a word whose pair two
/// other words took is keyed again. A hash map of `String`s read three
/// cache lines per word (its control bytes, the key's text, the value's);
/// this reads one or two.
#[derive(Debug, Default)]
struct KeyCache {
    slots: Vec<KeySlot>,
    /// Which slot of a full pair the next new word replaces.
    turn: usize,
}

impl KeyCache {
    /// The pair of slots of `word` (allocated on first use).
    fn pair(&mut self, word: &str) -> &mut [KeySlot] {
        if self.slots.is_empty() {
            self.slots = vec![EMPTY_SLOT; KEY_SLOTS];
        }
        let i = (crate::hash::fnv_str(word) as usize) & (KEY_SLOTS - 2);
        &mut self.slots[i..i + 2]
    }
}

thread_local! {
    static KEYS: std::cell::RefCell<KeyCache> = std::cell::RefCell::new(KeyCache::default());
}

/// The matching key of a lower-case word (British -isation spelled
/// -ization, then stemmed), appended to `keys`; returns the key's hash
/// ([`key_hash`]). Stemming was a tenth of a check's time, and a document
/// repeats a small vocabulary, so each thread remembers the keys it
/// computed in `cache`.
fn push_word_key(cache: &mut KeyCache, lower: &str, keys: &mut Vec<u8>) -> u64 {
    let word = lower.as_bytes();
    if word.len() > SLOT_WORD {
        let key = word_key_uncached(lower);
        keys.extend_from_slice(key.as_bytes());
        return key_hash(&key);
    }
    let turn = cache.turn;
    let pair = cache.pair(lower);
    for slot in pair.iter() {
        let len = usize::from(slot.word_len);
        if len == word.len()
            && slot.word.get(..len) == Some(word)
            && let Some(key) = slot.key.get(..usize::from(slot.key_len))
        {
            keys.extend_from_slice(key);
            return slot.hash;
        }
    }
    let key = word_key_uncached(lower);
    let hash = key_hash(&key);
    keys.extend_from_slice(key.as_bytes());
    if key.len() <= SLOT_KEY {
        let mut filled = EMPTY_SLOT;
        filled.hash = hash;
        filled.word_len = word.len() as u8;
        filled.key_len = key.len() as u8;
        filled.word[..word.len()].copy_from_slice(word);
        filled.key[..key.len()].copy_from_slice(key.as_bytes());
        let free = pair.iter().position(|s| s.word_len == 0);
        pair[free.unwrap_or(turn & 1)] = filled;
        cache.turn = turn.wrapping_add(1);
    }
    hash
}

/// The hash words are compared by before their keys. Never 0, which
/// [`RenderingIndex`] uses for "no second word".
fn key_hash(key: &str) -> u64 {
    crate::hash::fnv_str(key).max(1)
}

fn word_key_uncached(lower: &str) -> String {
    stem_en(&lower.replace("isation", "ization"))
}

/// True when `s` contains "isation" (what `str::replace` would look for,
/// without building a searcher for every word compared).
fn has_isation(s: &str) -> bool {
    s.as_bytes().windows(7).any(|w| w == b"isation")
}

/// `s` with -isation spelled -ization, borrowed when there is none.
fn ization(s: &str) -> std::borrow::Cow<'_, str> {
    if has_isation(s) {
        std::borrow::Cow::Owned(s.replace("isation", "ization"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Words of `text` that take part in matching: words, numbers and Han
/// characters; punctuation and the `s` of a possessive `'s` are left out.
fn words(text: &str) -> Words {
    if matching_fold_is_identity(text) {
        words_of_folded(text, |r| r)
    } else if let Some(q) = quick_fold(text) {
        // An en dash or curly quotes in an otherwise ASCII target.
        words_of_folded(&q.text, |r| q.original_range(r))
    } else {
        let folded = fold(text, &FoldOptions::matching());
        words_of_folded(&folded.text, |r| folded.original_range(r))
    }
}

/// [`words`] of an already folded text; `original` maps a folded byte range
/// back to the original text.
fn words_of_folded(folded: &str, original: impl Fn(Range<usize>) -> Range<usize>) -> Words {
    words_of_tokens(folded, token_iter(folded), original)
}

/// [`words_of_folded`] given the tokens of `folded`.
fn words_of_tokens<'t>(
    folded: &str,
    toks: impl Iterator<Item = Token<'t>>,
    original: impl Fn(Range<usize>) -> Range<usize>,
) -> Words {
    // The cache is borrowed once per text, not once per word.
    KEYS.with(|cache| words_with_cache(&mut cache.borrow_mut(), folded, toks, original))
}

fn words_with_cache<'t>(
    cache: &mut KeyCache,
    folded: &str,
    toks: impl Iterator<Item = Token<'t>>,
    original: impl Fn(Range<usize>) -> Range<usize>,
) -> Words {
    let mut list = Vec::with_capacity(folded.len() / 5 + 1);
    // The whole text lower-cased at once: an ASCII word's lower case is at
    // its own range there (lower-casing and copying word by word was ~10
    // instructions a byte); a non-ASCII word's is appended after the text.
    let mut lowers = String::with_capacity(folded.len() + 16);
    lowers.push_str(folded);
    lowers.make_ascii_lowercase();
    let mut keys = Vec::with_capacity(folded.len());
    // The two tokens before this one, for the possessive 's.
    let (mut before, mut apos): (Option<Token<'_>>, Option<Token<'_>>) = (None, None);
    for tok in toks {
        let possessive = tok.text.eq_ignore_ascii_case("s")
            && before.zip(apos).is_some_and(|(before, apos)| {
                apos.text == "'" && apos.end == tok.start && before.end == apos.start
            });
        (before, apos) = (apos, Some(tok));
        if tok.kind == TokenKind::Punct || possessive {
            continue;
        }
        let (lower, chars) = if tok.text.is_ascii() {
            (tok.start..tok.end, tok.text.len())
        } else {
            let lower = tok.text.to_lowercase();
            let start = lowers.len();
            lowers.push_str(&lower);
            (start..lowers.len(), lower.chars().count())
        };
        let key_start = keys.len();
        let lower_text = lowers.get(lower.clone()).unwrap_or_default();
        let hash = if tok.kind == TokenKind::Word {
            push_word_key(cache, lower_text, &mut keys)
        } else {
            keys.extend_from_slice(lower_text.as_bytes());
            key_hash(lower_text)
        };
        list.push(Word {
            surface: tok.start..tok.end,
            key: key_start..keys.len(),
            span: original(tok.start..tok.end),
            lower,
            chars,
            hash,
        });
    }
    Words {
        folded: folded.to_string(),
        lowers,
        keys,
        list,
    }
}

/// The capitalisation a case-sensitive rendering word asks of a target
/// word: the case of its first letter, and all capitals where the
/// rendering's word is an acronym ("WTO" is not "Wto", but "Organisation"
/// is "Organization": the letters were compared by the stem).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CaseShape {
    first_upper: bool,
    /// More than one letter and none lower-case.
    acronym: bool,
    /// Characters in the model word: an acronym's capitals are asked of
    /// that many characters of the target word.
    chars: u32,
}

impl CaseShape {
    fn of(model: &str) -> Self {
        let letters = model.chars().filter(|c| c.is_alphabetic()).count();
        CaseShape {
            first_upper: model.chars().next().is_some_and(char::is_uppercase),
            acronym: letters > 1 && model.chars().all(|c| !c.is_lowercase()),
            chars: model.chars().count() as u32,
        }
    }

    /// True when `word` is capitalised like the model.
    fn fits(&self, word: &str) -> bool {
        if word.chars().next().is_some_and(char::is_uppercase) != self.first_upper {
            return false;
        }
        !self.acronym
            || word
                .chars()
                .take(self.chars as usize)
                .all(|c| !c.is_lowercase())
    }
}

/// One word of a [`Rendering`], with what [`Rendering::word_matches`] asks
/// of it worked out when the glossary is read. Its texts are ranges of
/// [`Rendering::texts`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct RenderingWord {
    /// Hash of `key` ([`key_hash`]): positions are compared by it first.
    hash: u64,
    /// Lower-cased, -isation spelled -ization, stemmed.
    key: Range<u32>,
    /// The word lower-cased, as near-misses compare it.
    lower: Range<u32>,
    /// `lower` with -isation spelled -ization; its first `base_len` bytes
    /// are its base (a final run of e and y dropped, see [`base`]).
    ization: Range<u32>,
    base_len: u32,
    /// A plural that is part of the name ("three evil forces"): the target
    /// word must end in s too.
    plural: bool,
    shape: CaseShape,
}

/// An accepted or forbidden English rendering, pre-tokenised and stemmed.
///
/// Its words are one allocation and all their texts another: checking a
/// unit reads the renderings of the few terms its source has, scattered
/// over a glossary of thousands, and each allocation read was a cache miss
/// (a rendering of three words used to be eleven of them; the T001 search
/// spent more time waiting for them than comparing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendering {
    /// The rendering as the glossary writes it.
    pub text: String,
    case_sensitive: bool,
    words: Vec<RenderingWord>,
    /// The words' keys, lower cases and -ization forms, then `joined`.
    texts: String,
    /// Lower-case words joined by single spaces, for near-miss similarity.
    joined: Range<u32>,
}

/// `s` without a final run of e and y, unless that leaves fewer than two
/// bytes: inflection may change those ("study" → "studies", "make" → "making").
fn base(s: &str) -> &str {
    let t = s.trim_end_matches(['e', 'y']);
    if t.len() >= 2 { t } else { s }
}

/// Appends `s` to `texts`, returning its range.
fn push_text(texts: &mut String, s: &str) -> Range<u32> {
    let start = texts.len() as u32;
    texts.push_str(s);
    start..texts.len() as u32
}

impl Rendering {
    /// Prepares `text` for matching. Leading articles are dropped, so a
    /// glossary that writes "the Belt and Road Initiative" still matches
    /// "a Belt and Road Initiative project".
    pub fn new(text: &str, case: CaseRule) -> Self {
        Self::build(text, case == CaseRule::Sensitive)
    }

    /// A forbidden rendering: matched in any capitalisation, since "Belt
    /// and Road Strategy" is as wrong as "Belt and Road strategy".
    pub fn forbidden(text: &str) -> Self {
        Self::build(text, false)
    }

    fn build(text: &str, case_sensitive: bool) -> Self {
        let mut ws = words(text);
        while ws.list.len() > 1 && matches!(ws.key(&ws.list[0]), b"the" | b"a" | b"an") {
            ws.list.remove(0);
        }
        let mut texts = String::new();
        let mut words = Vec::with_capacity(ws.list.len());
        for w in &ws.list {
            let lower = ws.lower(w);
            // A key is the UTF-8 text of a stem, copied whole.
            let key = push_text(
                &mut texts,
                std::str::from_utf8(ws.key(w)).unwrap_or_default(),
            );
            let lower_range = push_text(&mut texts, lower);
            let iz = ization(lower);
            let ization_range = if iz == lower {
                lower_range.clone()
            } else {
                push_text(&mut texts, &iz)
            };
            words.push(RenderingWord {
                hash: w.hash,
                key,
                lower: lower_range,
                ization: ization_range,
                base_len: base(&iz).len() as u32,
                plural: lower.len() > 3 && lower.ends_with('s') && !lower.ends_with("ss"),
                shape: CaseShape::of(ws.surface(w)),
            });
        }
        let joined_text = ws
            .list
            .iter()
            .map(|w| ws.lower(w))
            .collect::<Vec<_>>()
            .join(" ");
        let joined = push_text(&mut texts, &joined_text);
        texts.shrink_to_fit();
        Rendering {
            text: text.to_string(),
            case_sensitive,
            words,
            texts,
            joined,
        }
    }

    fn text_at(&self, r: &Range<u32>) -> &str {
        self.texts
            .get(r.start as usize..r.end as usize)
            .unwrap_or_default()
    }

    /// True when the rendering has no words (an empty cell).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The key hash of word `i` (0 past the end).
    fn hash(&self, i: usize) -> u64 {
        self.words.get(i).map_or(0, |w| w.hash)
    }

    /// True when word `w` of `target` matches word `i` of the rendering.
    fn word_matches(&self, i: usize, target: &Words, w: &Word) -> bool {
        let Some(r) = self.words.get(i) else {
            return false;
        };
        if r.hash != w.hash || self.text_at(&r.key).as_bytes() != target.key(w) {
            return false;
        }
        // Inflection may be added to a glossary form ("Initiative" →
        // "initiatives") but not taken away: a plural that is part of the
        // name ("three evil forces", "Two Upholds") must stay plural.
        let wl = target.lower(w);
        if r.plural && !wl.ends_with('s') {
            return false;
        }
        // A shared stem is not enough: "Developement" stems like
        // "Development". An inflection extends the word ("initiatives",
        // "studies", "making"), so one must start with the other, give or
        // take a final e or y.
        let wl = ization(wl);
        let rl = self.text_at(&r.ization);
        let rbase = rl.get(..r.base_len as usize).unwrap_or(rl);
        if !(wl.starts_with(rbase) || rl.starts_with(base(&wl))) {
            return false;
        }
        // Case-sensitive names compare the shape of the capitalisation, not
        // the letters (those the stem already compared): "Spirit" is not
        // "spirit", "WTO" is not "Wto", but "Organisation" is "Organization".
        !self.case_sensitive || r.shape.fits(target.surface(w))
    }
}

/// A target text split into words once, searched for many renderings.
#[derive(Debug, Clone)]
pub struct TargetText {
    words: Words,
    /// Per word, its character histogram: only near-miss searches need
    /// them, so they are computed on the first one.
    hists: std::sync::OnceLock<Vec<Histogram>>,
}

/// A window of the target that looks like a misspelt rendering.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    /// Byte range in the original target.
    pub span: Range<usize>,
    /// Similarity to the rendering, 0–1.
    pub similarity: f64,
}

impl TargetText {
    pub fn new(text: &str) -> Self {
        TargetText {
            words: words(text),
            hists: std::sync::OnceLock::new(),
        }
    }

    /// [`TargetText::new`] of a text that folding for matching leaves as it
    /// is ([`matching_fold_is_identity`], most English targets), given its
    /// [`tokens`](crate::text::token::tokens): a check tokenises each
    /// target once for every check that reads its words.
    pub fn of_tokens(text: &str, toks: &[Token<'_>]) -> Self {
        debug_assert!(matching_fold_is_identity(text));
        TargetText {
            words: words_of_tokens(text, toks.iter().copied(), |r| r),
            hists: std::sync::OnceLock::new(),
        }
    }

    /// [`TargetText::new`] given the text's fold for matching and the
    /// tokens of that fold.
    pub fn of_folded_tokens(folded: &MatchFolded, toks: &[Token<'_>]) -> Self {
        TargetText {
            words: words_of_tokens(folded.text(), toks.iter().copied(), |r| {
                folded.original_range(r)
            }),
            hists: std::sync::OnceLock::new(),
        }
    }

    fn matches_at(&self, r: &Rendering, at: usize) -> bool {
        let n = r.words.len();
        n > 0
            && self.words.list.get(at..at + n).is_some_and(|window| {
                window
                    .iter()
                    .enumerate()
                    .all(|(i, w)| r.word_matches(i, &self.words, w))
            })
    }

    fn span(&self, from: usize, len: usize) -> Range<usize> {
        let list = &self.words.list;
        let start = list[from].span.start;
        let end = list[from + len - 1].span.end;
        start..end
    }

    /// Every non-overlapping occurrence of `r`, left to right, as byte spans.
    pub fn find(&self, r: &Rendering) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let n = r.words.len();
        if n == 0 {
            return out;
        }
        // Only positions whose key is the rendering's first key can match:
        // comparing its hash first saves the call per position.
        let first = r.hash(0);
        let list = &self.words.list;
        let mut at = 0;
        while at + n <= list.len() {
            if list[at].hash == first && self.matches_at(r, at) {
                out.push(self.span(at, n));
                at += n;
            } else {
                at += 1;
            }
        }
        out
    }

    /// True when `r` occurs in the target: [`TargetText::find`] without
    /// collecting the spans.
    pub fn contains(&self, r: &Rendering) -> bool {
        let n = r.words.len();
        let first = r.hash(0);
        let list = &self.words.list;
        n > 0
            && (0..(list.len() + 1).saturating_sub(n))
                .any(|at| list[at].hash == first && self.matches_at(r, at))
    }

    /// The target window most similar to `r` (windows of one word fewer to
    /// one word more than `r`), when its similarity reaches `min`. Renderings
    /// shorter than six letters are not searched: at that length everything
    /// is "similar" to something.
    pub fn near_miss(&self, r: &Rendering, min: f64) -> Option<NearMiss> {
        let n = r.words.len();
        let r_joined = r.text_at(&r.joined);
        let r_chars = r_joined.chars().count();
        if n == 0 || r_chars < 6 {
            return None;
        }
        let mut r_hist = Histogram::default();
        for w in &r.words {
            r_hist.add(&Histogram::of(r.text_at(&w.lower)));
        }
        r_hist.add_spaces(n - 1);
        let list = &self.words.list;
        let hists = self.hists.get_or_init(|| {
            list.iter()
                .map(|w| Histogram::of(self.words.lower(w)))
                .collect()
        });
        let mut best: Option<NearMiss> = None;
        let mut joined = String::new();
        for len in n.saturating_sub(1).max(1)..=n + 1 {
            for at in 0..list.len().saturating_sub(len - 1) {
                let window = &list[at..at + len];
                let w_chars = window.iter().map(|w| w.chars).sum::<usize>() + len - 1;
                // Edits allowed at this threshold; lower bounds first.
                // (`as` truncates: the floor of a non-negative number, and 0
                // for a negative one as `floor` then `as` gave, without a
                // call into libm per window.)
                let allowed = ((1.0 - min) * w_chars.max(r_chars) as f64) as usize;
                if w_chars.abs_diff(r_chars) > allowed {
                    continue;
                }
                let mut hist = Histogram::default();
                for h in &hists[at..at + len] {
                    hist.add(h);
                }
                hist.add_spaces(len - 1);
                if hist.l1(&r_hist) > 2 * allowed {
                    continue;
                }
                joined.clear();
                for (k, w) in window.iter().enumerate() {
                    if k > 0 {
                        joined.push(' ');
                    }
                    joined.push_str(self.words.lower(w));
                }
                let sim = strsim::normalized_damerau_levenshtein(&joined, r_joined);
                if sim >= min && best.as_ref().is_none_or(|b| sim > b.similarity) {
                    best = Some(NearMiss {
                        span: self.span(at, len),
                        similarity: sim,
                    });
                }
            }
        }
        best
    }
}

/// Many renderings (the forbidden ones of a whole glossary) searched at once:
/// candidates are looked up by their first two words (one-word renderings
/// by their word), so the cost per target is its word count, not the
/// glossary size — keyed by the first word alone, a glossary whose forbidden
/// forms share first words ("Green …") made this a tenth of a check's time.
#[derive(Debug, Clone, Default)]
pub struct RenderingIndex {
    items: Vec<(usize, Rendering)>,
    /// First word's key hash → second word's key hash (0 for one-word
    /// renderings) → renderings, in the order they were pushed. A hash
    /// only picks candidates; each is matched word by word.
    by_start: MixMap<u64, MixMap<u64, Vec<usize>>>,
    /// Bit `hash % STARTS_BITS` set for each first word's key hash: most
    /// words of a target start no forbidden rendering, and a bit answers
    /// that for them without probing `by_start`.
    starts: Vec<u64>,
}

/// Bits in [`RenderingIndex::starts`] (8 KB).
const STARTS_BITS: usize = 1 << 16;

/// An occurrence found by [`RenderingIndex::find`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderingHit {
    /// The owner passed to [`RenderingIndex::push`] (an entry index).
    pub owner: usize,
    /// Index of the rendering in the index.
    pub rendering: usize,
    pub span: Range<usize>,
}

impl RenderingIndex {
    pub fn new() -> Self {
        RenderingIndex::default()
    }

    /// Adds a rendering belonging to `owner`.
    pub fn push(&mut self, owner: usize, rendering: Rendering) {
        if rendering.is_empty() {
            return;
        }
        if self.starts.is_empty() {
            self.starts = vec![0; STARTS_BITS / 64];
        }
        let bit = (rendering.hash(0) as usize) % STARTS_BITS;
        self.starts[bit / 64] |= 1 << (bit % 64);
        self.by_start
            .entry(rendering.hash(0))
            .or_default()
            .entry(rendering.hash(1))
            .or_default()
            .push(self.items.len());
        self.items.push((owner, rendering));
    }

    pub fn rendering(&self, i: usize) -> &Rendering {
        &self.items[i].1
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every occurrence of every rendering; at one position the longest wins.
    pub fn find(&self, target: &TargetText) -> Vec<RenderingHit> {
        let mut out = Vec::new();
        if self.by_start.is_empty() {
            return out;
        }
        let list = &target.words.list;
        let mut at = 0;
        while at < list.len() {
            let bit = (list[at].hash as usize) % STARTS_BITS;
            if self.starts[bit / 64] & (1 << (bit % 64)) == 0 {
                at += 1;
                continue;
            }
            let seconds = self.by_start.get(&list[at].hash);
            // One-word renderings first: a longer match wins, and among
            // equally long ones the last pushed, as in a single list.
            let one = seconds.and_then(|m| m.get(&0));
            let more = seconds.and_then(|m| m.get(&list.get(at + 1)?.hash));
            let best = one
                .into_iter()
                .flatten()
                .chain(more.into_iter().flatten())
                .filter(|&&i| target.matches_at(&self.items[i].1, at))
                .max_by_key(|&&i| self.items[i].1.len());
            match best {
                Some(&i) => {
                    let (owner, r) = &self.items[i];
                    out.push(RenderingHit {
                        owner: *owner,
                        rendering: i,
                        span: target.span(at, r.len()),
                    });
                    at += r.len();
                }
                None => at += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(rendering: &str, case: CaseRule, target: &str) -> Vec<String> {
        let r = Rendering::new(rendering, case);
        TargetText::new(target)
            .find(&r)
            .into_iter()
            .map(|s| target[s].to_string())
            .collect()
    }

    #[test]
    fn inflection_and_case() {
        assert_eq!(
            found(
                "Belt and Road Initiative",
                CaseRule::Insensitive,
                "two Belt and Road initiatives"
            ),
            ["Belt and Road initiatives"]
        );
        assert_eq!(
            found(
                "Luban Workshop",
                CaseRule::Insensitive,
                "new Luban Workshops."
            ),
            ["Luban Workshops"]
        );
    }

    #[test]
    fn dashes_spaces_possessives_articles() {
        for t in [
            "the China-Central Asia Spirit",
            "the China–Central Asia Spirit's core",
            "China Central Asia spirit",
        ] {
            assert_eq!(
                found("China-Central Asia Spirit", CaseRule::Insensitive, t).len(),
                1,
                "{t}"
            );
        }
        assert_eq!(
            found(
                "the Global Development Initiative",
                CaseRule::Insensitive,
                "China's Global Development Initiative's goals"
            ),
            ["Global Development Initiative"]
        );
    }

    #[test]
    fn case_sensitive() {
        assert_eq!(
            found(
                "Luban Workshop",
                CaseRule::Sensitive,
                "the WTO's Luban Workshops"
            )
            .len(),
            1
        );
        assert!(found("WTO", CaseRule::Sensitive, "the Wto").is_empty());
        assert_eq!(found("WTO", CaseRule::Insensitive, "the Wto").len(), 1);
    }

    #[test]
    fn plural_names_stay_plural() {
        assert!(
            found(
                "three evil forces",
                CaseRule::Insensitive,
                "three evil force"
            )
            .is_empty()
        );
        assert_eq!(
            found(
                "three evil forces",
                CaseRule::Insensitive,
                "Three Evil Forces"
            )
            .len(),
            1
        );
        assert_eq!(
            found("Progress", CaseRule::Insensitive, "progress").len(),
            1
        );
    }

    #[test]
    fn british_spelling() {
        assert_eq!(
            found(
                "Shanghai Cooperation Organization",
                CaseRule::Insensitive,
                "the Shanghai Cooperation Organisation"
            )
            .len(),
            1
        );
    }

    #[test]
    fn whole_words_only() {
        assert!(found("Road", CaseRule::Insensitive, "Roadmap").is_empty());
    }

    #[test]
    fn near_miss_found() {
        let r = Rendering::new("China-Central Asia Spirit", CaseRule::Insensitive);
        let target = "the China-Central Asian Spirit of mutual respect";
        let m = TargetText::new(target).near_miss(&r, 0.85).unwrap();
        assert_eq!(&target[m.span], "China-Central Asian Spirit");
        let far = TargetText::new("the Shanghai Spirit").near_miss(&r, 0.85);
        assert!(far.is_none());
    }

    #[test]
    fn identity_fold_fast_path_gives_the_same_words() {
        for text in [
            "the Belt and Road Initiative's core, 3,000 projects.",
            "China-Central Asia (C5+1) \"spirit\" isn't it",
            "",
            " lead and trail ",
            "two  spaces",
            "tab\there",
            "back`tick",
            "China–Central Asia",
            "new\nline",
            "the “Belt and Road” partners’ ‘spirit’ — and more",
            "Ｇ20 summit’s",
            "café–bar",
        ] {
            let slow = {
                let folded = fold(text, &FoldOptions::matching());
                words_of_folded(&folded.text, |r| folded.original_range(r))
            };
            assert_eq!(words(text), slow, "{text:?}");
        }
        assert!(matching_fold_is_identity("a b-c 'd' \"e\""));
        assert!(!matching_fold_is_identity("a  b"));
        assert!(!matching_fold_is_identity("a\tb"));
        assert!(!matching_fold_is_identity("a`b"));
        assert!(!matching_fold_is_identity("a–b"));
    }

    #[test]
    fn index_one_word_and_shared_first_words() {
        let mut idx = RenderingIndex::new();
        idx.push(0, Rendering::new("Green", CaseRule::Insensitive));
        idx.push(1, Rendering::new("Green Silk Plot", CaseRule::Insensitive));
        idx.push(
            2,
            Rendering::new("Green Energy Plot", CaseRule::Insensitive),
        );
        idx.push(
            3,
            Rendering::new("Green Energy Plot", CaseRule::Insensitive),
        );
        let target = "a Green Energy Plot, a green idea and green silk plots";
        let hits = idx.find(&TargetText::new(target));
        let got: Vec<_> = hits
            .iter()
            .map(|h| (h.owner, &target[h.span.clone()]))
            .collect();
        assert_eq!(
            got,
            [
                (3, "Green Energy Plot"),
                (0, "green"),
                (1, "green silk plots")
            ]
        );
    }

    #[test]
    fn index_longest_first_word() {
        let mut idx = RenderingIndex::new();
        idx.push(0, Rendering::new("One Belt", CaseRule::Insensitive));
        idx.push(
            1,
            Rendering::new("One Belt, One Road", CaseRule::Insensitive),
        );
        idx.push(2, Rendering::new("OBOR", CaseRule::Insensitive));
        let target = "the One Belt One Road (OBOR) plan";
        let hits = idx.find(&TargetText::new(target));
        let got: Vec<_> = hits
            .iter()
            .map(|h| (h.owner, &target[h.span.clone()]))
            .collect();
        assert_eq!(got, [(1, "One Belt One Road"), (2, "OBOR")]);
    }
}
