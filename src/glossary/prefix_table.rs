//! Leftmost-longest search for many short patterns, by their first
//! characters.
//!
//! Glossary terms are short (a Chinese term is two to ten characters) and
//! a source sentence is a few dozen characters, so instead of an automaton
//! the table looks at each character position once. Patterns of four or
//! more characters are found by their first four characters, which give
//! the lengths (in bytes) of the patterns that start with them, longest
//! first; for each length the text's next bytes are looked up among the
//! patterns. Patterns of three, two and one character are looked up by
//! themselves. The first one found is the longest pattern starting there.
//!
//! This replaced an Aho-Corasick automaton (contiguous NFA) over the same
//! patterns: with the benchmark's 10,000 terms it spent ≈ 40 ns per byte of
//! Chinese text on state transitions, 8 % of a whole check, and its DFA form
//! was no faster (35 MB that the caches do not hold). Here a position costs
//! one to three probes of a small integer-keyed map. The answer is the same
//! as the automaton's in leftmost-longest mode (a property test compares
//! them). Many terms sharing their first characters (the benchmark
//! glossary has 256 beginning 中方愿) cost one lookup per distinct length,
//! not one comparison per term; keyed by three characters, the benchmark's
//! sentences (drawn from the same text as its terms) met a listed prefix
//! at most positions.

use crate::hash::{MixMap, fnv_str};

/// Patterns indexed by their first characters. Immutable once built.
///
/// The tables of the patterns of four or more characters, probed at most
/// positions of a text, are flat arrays of 16-byte slots (open addressing):
/// a probe reads one slot where a `HashMap<_, Vec<_>>` read its control
/// bytes, a slot and the `Vec`'s buffer, each a cache miss with a glossary
/// of thousands of terms (the term search was a tenth of a check's time,
/// most of it waiting for those reads).
#[derive(Debug, Clone, Default)]
pub struct PrefixTable {
    /// Every pattern, one after the other: pattern `i` is
    /// `text[bounds[i]..bounds[i + 1]]`.
    text: String,
    bounds: Vec<u32>,
    /// First four characters (hashed: a collision only costs lookups) →
    /// the byte lengths of the patterns of four or more characters that
    /// start with them, longest first.
    by_four: FourTable,
    /// One bit per [`FOUR_BITS`] bucket of `hash4`, set when some key of
    /// `by_four` falls in it: most positions of a text start no listed
    /// prefix (71 % with the benchmark's 10,000 terms), and a bit in 16 KB
    /// says so without hashing and probing the table.
    four_bits: Vec<u64>,
    /// Patterns of four or more characters, by [`fnv_str`] of their text →
    /// their number.
    long: LongTable,
    /// Three-character patterns.
    by_three: MixMap<u64, u32>,
    /// Two-character patterns.
    by_two: MixMap<u64, u32>,
    /// One-character patterns.
    by_one: MixMap<u32, u32>,
}

/// A match: the pattern's number (its position in the list given to
/// [`PrefixTable::new`]) and its byte range in the searched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrefixMatch {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

fn pack2(a: char, b: char) -> u64 {
    (u64::from(a) << 21) | u64::from(b)
}

fn pack3(a: char, b: char, c: char) -> u64 {
    (pack2(a, b) << 21) | u64::from(c)
}

fn hash4(a: char, b: char, c: char, d: char) -> u64 {
    pack3(a, b, c) ^ u64::from(d).rotate_right(21)
}

/// Buckets of [`PrefixTable::four_bits`] (2^17 bits: with 5,000 prefixes,
/// 4 % of the others share a bucket with one).
const FOUR_BITS: usize = 1 << 17;

/// The bucket of a `hash4` key: its bits mixed (the low bits of a packed
/// key are mostly its last character).
fn four_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - 17)) as usize
}

/// Slots of a flat table for `n` keys: a power of two, at most two thirds
/// full (a smaller table stays in the caches; the probes that run on are
/// mostly in the same cache line).
fn slots_for(n: usize) -> usize {
    (n + n / 2 + 1).next_power_of_two().max(8)
}

/// The slot a key's probe starts at.
fn home(key: u64, mask: usize) -> usize {
    (crate::hash::mix(key) as usize) & mask
}

/// Lengths a [`FourSlot`] holds; a prefix with more keeps them in
/// [`FourTable::more`].
const INLINE_LENGTHS: usize = 4;

/// One prefix of [`FourTable`]: its key and up to four pattern lengths in
/// bytes, longest first, 0 after the last. All lengths 0: an empty slot
/// (a pattern of four characters has at least four bytes). `u16::MAX`
/// first: the lengths are in [`FourTable::more`].
#[derive(Debug, Clone, Copy, Default)]
struct FourSlot {
    key: u64,
    lengths: [u16; INLINE_LENGTHS],
}

/// `hash4` key → lengths of the patterns that start with those four
/// characters.
#[derive(Debug, Clone, Default)]
struct FourTable {
    slots: Vec<FourSlot>,
    more: MixMap<u64, Vec<u32>>,
}

impl FourTable {
    /// From each key's lengths, longest first, without repeats.
    fn new(lengths: &MixMap<u64, Vec<u32>>) -> Self {
        let mut table = FourTable {
            slots: vec![FourSlot::default(); slots_for(lengths.len())],
            more: MixMap::default(),
        };
        let mask = table.slots.len() - 1;
        for (&key, ls) in lengths {
            let mut slot = FourSlot {
                key,
                lengths: [0; INLINE_LENGTHS],
            };
            let fits = ls.len() <= INLINE_LENGTHS && ls.iter().all(|&l| l < u32::from(u16::MAX));
            if fits {
                for (to, &l) in slot.lengths.iter_mut().zip(ls) {
                    *to = l as u16;
                }
            } else {
                slot.lengths = [u16::MAX; INLINE_LENGTHS];
                table.more.insert(key, ls.clone());
            }
            let mut i = home(key, mask);
            while table.slots[i].lengths[0] != 0 {
                i = (i + 1) & mask;
            }
            table.slots[i] = slot;
        }
        table
    }

    fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Calls `f` with each length listed for `key`, longest first, until it
    /// returns `Some`.
    fn find_map<T>(&self, key: u64, mut f: impl FnMut(usize) -> Option<T>) -> Option<T> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = home(key, mask);
        loop {
            let slot = &self.slots[i];
            if slot.lengths[0] == 0 {
                return None;
            }
            if slot.key == key {
                if slot.lengths[0] == u16::MAX {
                    let more = self.more.get(&key)?;
                    return more.iter().find_map(|&l| f(l as usize));
                }
                return slot
                    .lengths
                    .iter()
                    .take_while(|&&l| l != 0)
                    .find_map(|&l| f(usize::from(l)));
            }
            i = (i + 1) & mask;
        }
    }
}

/// One pattern of [`LongTable`]: 32 bits of the hash of its text (the
/// other bits chose the slot; a match is confirmed on the text) and its
/// number; `u32::MAX`: an empty slot. Eight bytes: eight slots a line.
#[derive(Debug, Clone, Copy)]
struct LongSlot {
    hash: u32,
    pattern: u32,
}

const NO_PATTERN: LongSlot = LongSlot {
    hash: 0,
    pattern: u32::MAX,
};

/// Patterns of four or more characters by the hash of their text; a hit is
/// confirmed on the text.
#[derive(Debug, Clone, Default)]
struct LongTable {
    slots: Vec<LongSlot>,
}

impl LongTable {
    /// The slot a text's probe starts at (low bits of its mixed hash) and
    /// the hash bits its slot keeps (the high ones).
    fn place(&self, text: &str) -> (usize, u32) {
        let mixed = crate::hash::mix(fnv_str(text));
        (
            (mixed as usize) & (self.slots.len() - 1),
            (mixed >> 32) as u32,
        )
    }

    fn with_patterns(n: usize) -> Self {
        LongTable {
            slots: vec![NO_PATTERN; slots_for(n)],
        }
    }

    /// The number of the pattern whose text is `candidate`, `text_of`
    /// giving a pattern's text.
    fn get<'a>(&self, candidate: &str, text_of: impl Fn(u32) -> &'a str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.probe(candidate, text_of).ok()
    }

    /// Adds pattern `id` with text `text` unless an equal pattern is in.
    fn insert<'a>(&mut self, id: u32, text: &'a str, text_of: impl Fn(u32) -> &'a str) {
        if let Err((i, hash)) = self.probe(text, text_of) {
            self.slots[i] = LongSlot { hash, pattern: id };
        }
    }

    /// The pattern whose text is `text`, or else the empty slot its probe
    /// reached and the hash bits to keep there.
    fn probe<'a>(&self, text: &str, text_of: impl Fn(u32) -> &'a str) -> Result<u32, (usize, u32)> {
        let (mut i, hash) = self.place(text);
        let mask = self.slots.len() - 1;
        loop {
            let slot = self.slots[i];
            if slot.pattern == u32::MAX {
                return Err((i, hash));
            }
            if slot.hash == hash && text_of(slot.pattern) == text {
                return Ok(slot.pattern);
            }
            i = (i + 1) & mask;
        }
    }
}

impl PrefixTable {
    /// Indexes `patterns`. Empty patterns are never found; of two equal
    /// patterns the first is reported.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Self {
        let mut table = PrefixTable::default();
        table.bounds.push(0);
        for p in patterns {
            table.text.push_str(p.as_ref());
            table.bounds.push(table.text.len() as u32);
        }
        let mut by_four: MixMap<u64, Vec<u32>> = MixMap::default();
        let mut long = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let p = p.as_ref();
            let id = i as u32;
            let mut chars = p.chars();
            match (chars.next(), chars.next(), chars.next(), chars.next()) {
                (None, ..) => {}
                (Some(a), None, ..) => {
                    table.by_one.entry(u32::from(a)).or_insert(id);
                }
                (Some(a), Some(b), None, _) => {
                    table.by_two.entry(pack2(a, b)).or_insert(id);
                }
                (Some(a), Some(b), Some(c), None) => {
                    table.by_three.entry(pack3(a, b, c)).or_insert(id);
                }
                (Some(a), Some(b), Some(c), Some(d)) => {
                    long.push(id);
                    let lengths = by_four.entry(hash4(a, b, c, d)).or_default();
                    if !lengths.contains(&(p.len() as u32)) {
                        lengths.push(p.len() as u32);
                    }
                }
            }
        }
        if !long.is_empty() {
            let mut table_long = LongTable::with_patterns(long.len());
            for id in long {
                table_long.insert(id, table.pattern(id as usize), |j| {
                    table.pattern(j as usize)
                });
            }
            table.long = table_long;
        }
        for lengths in by_four.values_mut() {
            lengths.sort_unstable_by(|a, b| b.cmp(a));
        }
        if !by_four.is_empty() {
            table.four_bits = vec![0; FOUR_BITS / 64];
            for &key in by_four.keys() {
                let bit = four_bit(key);
                table.four_bits[bit / 64] |= 1 << (bit % 64);
            }
            table.by_four = FourTable::new(&by_four);
        }
        table
    }

    /// Pattern `i`'s text.
    fn pattern(&self, i: usize) -> &str {
        let (Some(&from), Some(&to)) = (self.bounds.get(i), self.bounds.get(i + 1)) else {
            return "";
        };
        self.text
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }

    /// False when no pattern of four or more characters starts with the
    /// four whose `hash4` is `key`.
    fn may_have_four(&self, key: u64) -> bool {
        let bit = four_bit(key);
        self.four_bits
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    pub fn is_empty(&self) -> bool {
        self.by_one.is_empty()
            && self.by_two.is_empty()
            && self.by_three.is_empty()
            && self.by_four.is_empty()
    }

    /// The longest pattern starting at byte `at` of `text`, where the next
    /// characters are `a` and `next` (up to three).
    fn longest_at(&self, text: &str, at: usize, a: char, next: [Option<char>; 3]) -> Option<usize> {
        let [b, c, d] = next;
        if let (Some(b), Some(c), Some(d)) = (b, c, d)
            && let key = hash4(a, b, c, d)
            && self.may_have_four(key)
            && let Some(i) = self.by_four.find_map(key, |len| {
                let candidate = text.get(at..at + len)?;
                self.long.get(candidate, |j| self.pattern(j as usize))
            })
        {
            return Some(i as usize);
        }
        // Glossaries rarely have terms this short: an empty map is not probed.
        if let (Some(b), Some(c)) = (b, c)
            && !self.by_three.is_empty()
            && let Some(&i) = self.by_three.get(&pack3(a, b, c))
        {
            return Some(i as usize);
        }
        if let Some(b) = b
            && !self.by_two.is_empty()
            && let Some(&i) = self.by_two.get(&pack2(a, b))
        {
            return Some(i as usize);
        }
        if self.by_one.is_empty() {
            return None;
        }
        self.by_one.get(&u32::from(a)).map(|&i| i as usize)
    }

    /// Every match in `text`, left to right, non-overlapping: at the
    /// leftmost position where a pattern starts, the longest one, then on
    /// from its end.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = PrefixMatch> + 'a {
        // Each position looks three characters ahead: the next four are
        // decoded once each, in a window that slides over the text
        // (collecting every character first was a fifth of the search).
        let mut chars = text.char_indices();
        if self.is_empty() {
            chars = "".char_indices();
        }
        let mut window = [chars.next(), chars.next(), chars.next(), chars.next()];
        std::iter::from_fn(move || {
            while let Some((at, a)) = window[0] {
                let next = [window[1], window[2], window[3]].map(|x| x.map(|(_, c)| c));
                let found = self.longest_at(text, at, a, next);
                window = [window[1], window[2], window[3], chars.next()];
                if let Some(i) = found {
                    let end = at + self.pattern(i).len();
                    while window[0].is_some_and(|(o, _)| o < end) {
                        window = [window[1], window[2], window[3], chars.next()];
                    }
                    return Some(PrefixMatch {
                        pattern: i,
                        start: at,
                        end,
                    });
                }
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};
    use proptest::prelude::*;

    fn automaton(patterns: &[String], text: &str) -> Vec<PrefixMatch> {
        let kept: Vec<(usize, &String)> = patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .collect();
        let Ok(ac) = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(kept.iter().map(|(_, p)| p.as_str()))
        else {
            return Vec::new();
        };
        ac.find_iter(text)
            .map(|m| PrefixMatch {
                pattern: kept[m.pattern().as_usize()].0,
                start: m.start(),
                end: m.end(),
            })
            .collect()
    }

    #[test]
    fn longest_wins_then_continues_after_it() {
        let patterns = [
            "命运共同体",
            "中国-中亚命运共同体",
            "中国",
            "体",
            "一带一路",
        ];
        let table = PrefixTable::new(&patterns);
        let text = "构建中国-中亚命运共同体，中国和一带一路体";
        let got: Vec<(&str, &str)> = table
            .find_iter(text)
            .map(|m| (patterns[m.pattern], &text[m.start..m.end]))
            .collect();
        assert_eq!(
            got,
            [
                ("中国-中亚命运共同体", "中国-中亚命运共同体"),
                ("中国", "中国"),
                ("一带一路", "一带一路"),
                ("体", "体"),
            ]
        );
    }

    #[test]
    fn empty_table_and_text() {
        let none: [&str; 0] = [];
        assert_eq!(PrefixTable::new(&none).find_iter("中国").count(), 0);
        assert_eq!(PrefixTable::new(&["", "中国"]).find_iter("").count(), 0);
    }

    proptest! {
        // Small alphabets make overlaps, shared prefixes and one- and
        // two-character patterns common.
        #[test]
        fn same_matches_as_the_automaton(
            patterns in proptest::collection::vec("[中国亚a\\-]{0,7}", 0..25),
            text in "[中国亚a\\- ]{0,40}",
        ) {
            let table = PrefixTable::new(&patterns);
            let got: Vec<PrefixMatch> = table.find_iter(&text).collect();
            // Of two equal patterns both report the first.
            let first = |m: PrefixMatch| PrefixMatch {
                pattern: patterns.iter().position(|p| *p == patterns[m.pattern]).unwrap(),
                ..m
            };
            let want: Vec<PrefixMatch> = automaton(&patterns, &text).into_iter().map(first).collect();
            prop_assert_eq!(got.into_iter().map(first).collect::<Vec<_>>(), want);
        }
    }
}
