//! The TM units that render a glossary entry with two or more accepted
//! renderings, as the M002 pre-screen asks for them.
//!
//! The pre-screen asks, for a checked unit whose target uses renderings
//! `mine` of an entry: is there a TM unit whose target uses none of them
//! and whose source is close enough in length (and content) to score the
//! threshold? A common term is rendered in thousands of TM units: listing
//! them for every checked unit that has it, filtering by renderings and
//! sorting the candidates was a tenth of the benchmark's check. Here the
//! TM units of an entry are grouped by the renderings their target uses
//! (an entry has a handful of renderings, so there are few groups), and
//! each group is sorted by source length in content tokens, so that only
//! the TM units whose length can reach the threshold are looked at.

use std::collections::HashMap;
use std::ops::RangeInclusive;

use crate::memory::fuzzy::store::{Reader, Writer};

/// TM units of one entry whose targets use the same renderings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Group {
    /// The renderings (by position among the entry's accepted ones) the
    /// targets use.
    pub(super) used: Vec<usize>,
    /// (content tokens of the source, TM unit), ascending.
    units: Vec<(u32, u32)>,
}

impl Group {
    /// The TM units whose source has a content-token count in `lengths`.
    pub(super) fn units_of_length(
        &self,
        lengths: RangeInclusive<usize>,
    ) -> impl Iterator<Item = usize> + '_ {
        let start = self
            .units
            .partition_point(|&(len, _)| (len as usize) < *lengths.start());
        self.units[start..]
            .iter()
            .take_while(move |&&(len, _)| len as usize <= *lengths.end())
            .map(|&(_, unit)| unit as usize)
    }
}

/// Entry → its groups.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Rendered {
    by_entry: HashMap<usize, Vec<Group>>,
}

impl Rendered {
    /// From (entry, TM unit, renderings used, the unit's content-token
    /// count) in any order.
    pub(super) fn build(
        found: impl IntoIterator<Item = (usize, usize, Vec<usize>, usize)>,
    ) -> Self {
        let mut by_entry: HashMap<usize, Vec<Group>> = HashMap::new();
        for (entry, unit, used, tokens) in found {
            let (Ok(unit), Ok(tokens)) = (u32::try_from(unit), u32::try_from(tokens)) else {
                continue;
            };
            let groups = by_entry.entry(entry).or_default();
            match groups.iter_mut().find(|g| g.used == used) {
                Some(g) => g.units.push((tokens, unit)),
                None => groups.push(Group {
                    used,
                    units: vec![(tokens, unit)],
                }),
            }
        }
        for groups in by_entry.values_mut() {
            groups.sort_unstable_by(|a, b| a.used.cmp(&b.used));
            for g in groups.iter_mut() {
                g.units.sort_unstable();
            }
        }
        Rendered { by_entry }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.by_entry.is_empty()
    }

    pub(super) fn get(&self, entry: usize) -> Option<&[Group]> {
        self.by_entry.get(&entry).map(Vec::as_slice)
    }

    /// About the bytes [`Rendered::save`] writes.
    pub(super) fn saved_size(&self) -> usize {
        self.by_entry
            .values()
            .flatten()
            .map(|g| 32 + 4 * g.used.len() + 8 * g.units.len())
            .sum::<usize>()
            + 16 * self.by_entry.len()
            + 8
    }

    /// Writes the rendered section of a prepared TM: count, then per entry
    /// (ascending) u64 entry, count, per group u32 list of renderings, u32
    /// list of (token count, unit) pairs, flattened.
    pub(super) fn save(&self, w: &mut Writer) {
        let mut entries: Vec<_> = self.by_entry.iter().collect();
        entries.sort_unstable_by_key(|(e, _)| **e);
        w.u64(entries.len() as u64);
        for (&entry, groups) in entries {
            w.u64(entry as u64);
            w.u64(groups.len() as u64);
            for g in groups {
                w.u32s(&g.used.iter().map(|&k| k as u32).collect::<Vec<_>>());
                let flat: Vec<u32> = g.units.iter().flat_map(|&(len, u)| [len, u]).collect();
                w.u32s(&flat);
            }
        }
    }

    /// The groups of a rendered section written by [`Rendered::save`] for
    /// `units` TM units; None when they do not hold together.
    pub(super) fn load(section: &[u8], units: usize) -> Option<Rendered> {
        let mut r = Reader::over(section);
        let n = r.count(16)?;
        let mut by_entry = HashMap::with_capacity(n);
        for _ in 0..n {
            let entry = usize::try_from(r.u64()?).ok()?;
            let m = r.count(16)?;
            let mut groups = Vec::with_capacity(m);
            for _ in 0..m {
                let used = r.u32s()?.into_iter().map(|k| k as usize).collect();
                let flat = r.u32s()?;
                if flat.len() % 2 != 0 {
                    return None;
                }
                let pairs: Vec<(u32, u32)> = flat.chunks_exact(2).map(|p| (p[0], p[1])).collect();
                if !pairs.is_sorted() || pairs.iter().any(|&(_, u)| u as usize >= units) {
                    return None;
                }
                groups.push(Group { used, units: pairs });
            }
            by_entry.insert(entry, groups);
        }
        r.at_end().then_some(Rendered { by_entry })
    }
}

/// The content-token counts a TM source can have and still score `min` or
/// more against a source of `query` tokens: a count difference `d` caps
/// the score at ⌊100 × (m − d) / m⌋ (`m` the larger count), so the count
/// `n` must satisfy ⌈min × query / 100⌉ ≤ n ≤ ⌊100 × query / min⌋ (the
/// same count always qualifies).
pub(super) fn reachable_lengths(query: usize, min: u8) -> RangeInclusive<usize> {
    if min == 0 {
        return 0..=usize::MAX;
    }
    let min = usize::from(min);
    let lo = (min * query).div_ceil(100).min(query);
    let hi = (100 * query / min).max(query);
    lo..=hi
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The range is exactly the counts whose difference alone does not rule
    /// the pair out (the test `may_reach` starts with).
    #[test]
    fn reachable_lengths_are_those_the_length_test_lets_through() {
        for min in [0u8, 1, 50, 74, 75, 76, 90, 99, 100] {
            for q in 0..150usize {
                let range = reachable_lengths(q, min);
                for n in 0..400usize {
                    let m = q.max(n);
                    let d = q.abs_diff(n);
                    let reaches = d == 0 || 100 * (m - d) / m >= usize::from(min);
                    assert_eq!(range.contains(&n), reaches, "q {q} n {n} min {min}");
                }
            }
        }
    }

    #[test]
    fn groups_by_renderings_sorted_by_length_through_a_save() {
        let r = Rendered::build([
            (7, 3, vec![1], 12),
            (7, 1, vec![0], 9),
            (7, 2, vec![1], 5),
            (7, 4, vec![1], 30),
            (9, 1, vec![0, 1], 9),
        ]);
        let groups = r.get(7).unwrap();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[1].used, [1]);
        assert!(groups[1].units_of_length(0..=100).eq([2, 3, 4]));
        assert!(groups[1].units_of_length(6..=12).eq([3]));
        assert_eq!(groups[1].units_of_length(13..=29).count(), 0);
        assert!(r.get(8).is_none());
        let mut w = Writer(Vec::new());
        r.save(&mut w);
        assert_eq!(Rendered::load(&w.0, 5), Some(r.clone()));
        // A unit the TM does not have, or a cut, is damage.
        assert!(Rendered::load(&w.0, 4).is_none());
        assert!(Rendered::load(&w.0[..w.0.len() - 1], 5).is_none());
    }
}
