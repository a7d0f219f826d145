//! Token-level Levenshtein distance, bit-parallel (Myers 1999, in the
//! multi-word block form of Hyyrö 2003 as edlib implements it).
//!
//! The query is the pattern: its "match masks" (one bit per query position,
//! per distinct token) are built once, then every candidate costs one pass of
//! a few word operations per candidate token and per 64 query tokens —
//! instead of the n·m cells of the textbook table. We write it ourselves
//! because the crates that do this work on bytes or chars, and our alphabet
//! is token ids (a Han character or a whole English word each).

/// A query prepared for distance computations against many candidates.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    len: usize,
    blocks: usize,
    /// `peq[slot * blocks + b]`: bits of block `b` where the query has the token of `slot`.
    /// Slot 0 is "no query position": all zero.
    peq: Vec<u64>,
    /// Token id → slot (0 when the token is not in the query), for ids below `slot_of.len()`.
    slot_of: Vec<u32>,
}

impl Pattern {
    /// Prepares `query` (token ids). Ids `>= vocab` may occur in the query
    /// (tokens no unit has); they match nothing.
    pub(crate) fn new(query: &[u32], vocab: usize) -> Pattern {
        let len = query.len();
        let blocks = len.div_ceil(64).max(1);
        let mut slot_of = vec![0u32; vocab];
        let mut peq = vec![0u64; blocks];
        let mut slots = 1usize;
        for (i, &t) in query.iter().enumerate() {
            let Some(slot) = slot_of.get_mut(t as usize) else {
                continue;
            };
            if *slot == 0 {
                *slot = slots as u32;
                slots += 1;
                peq.extend(std::iter::repeat_n(0, blocks));
            }
            let s = *slot as usize;
            peq[s * blocks + i / 64] |= 1u64 << (i % 64);
        }
        Pattern {
            len,
            blocks,
            peq,
            slot_of,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    fn eq(&self, token: u32) -> &[u64] {
        let slot = self.slot_of.get(token as usize).copied().unwrap_or(0) as usize;
        &self.peq[slot * self.blocks..(slot + 1) * self.blocks]
    }

    /// The Levenshtein distance between the query and `text`.
    pub(crate) fn distance(&self, text: &[u32], scratch: &mut Vec<u64>) -> usize {
        if self.len == 0 {
            return text.len();
        }
        if text.is_empty() {
            return self.len;
        }
        let last_bit = ((self.len - 1) % 64) as u32;
        let mut score = self.len as isize;
        if self.blocks == 1 {
            let (mut pv, mut mv) = (!0u64, 0u64);
            for &t in text {
                score += block(&mut pv, &mut mv, self.eq(t)[0], 1, last_bit) as isize;
            }
            return score as usize;
        }
        scratch.clear();
        scratch.resize(self.blocks * 2, 0);
        let (pvs, mvs) = scratch.split_at_mut(self.blocks);
        pvs.fill(!0);
        for &t in text {
            let eq = self.eq(t);
            let mut h = 1;
            for b in 0..self.blocks {
                let bit = if b + 1 == self.blocks { last_bit } else { 63 };
                h = block(&mut pvs[b], &mut mvs[b], eq[b], h, bit);
            }
            score += h as isize;
        }
        score as usize
    }
}

/// Advances one 64-row block by one text token; `hin`/return value are the
/// horizontal deltas (-1, 0, +1) entering at the top and leaving at row `out_bit`.
#[inline]
fn block(pv: &mut u64, mv: &mut u64, mut eq: u64, hin: i32, out_bit: u32) -> i32 {
    let hin_neg = u64::from(hin < 0);
    let xv = eq | *mv;
    eq |= hin_neg;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let hout = ((ph >> out_bit) & 1) as i32 - ((mh >> out_bit) & 1) as i32;
    ph <<= 1;
    mh <<= 1;
    mh |= hin_neg;
    ph |= u64::from(hin > 0);
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// Textbook dynamic programming, for tests and for [`super::score`].
pub(crate) fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let next = (diag + usize::from(x != y))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_cases() {
        let p = Pattern::new(&[1, 2, 3], 10);
        let mut s = Vec::new();
        assert_eq!(p.distance(&[1, 2, 3], &mut s), 0);
        assert_eq!(p.distance(&[1, 3], &mut s), 1);
        assert_eq!(p.distance(&[], &mut s), 3);
        assert_eq!(p.distance(&[4, 5, 6, 7], &mut s), 4);
        assert_eq!(Pattern::new(&[], 10).distance(&[1, 2], &mut s), 2);
    }

    proptest! {
        #[test]
        fn equals_dp(a in prop::collection::vec(0u32..7, 0..200), b in prop::collection::vec(0u32..5, 0..200)) {
            // Query ids 5 and 6 are unknown to a vocabulary of 5, as in the index.
            let p = Pattern::new(&a, 5);
            let mut s = Vec::new();
            prop_assert_eq!(p.distance(&b, &mut s), levenshtein(&a, &b));
        }
    }
}
