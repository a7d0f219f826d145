//! Merging TMs and removing duplicates without losing anything silently.
//!
//! Two units are *exact duplicates* when every language variant has the same
//! folded text and the same inline codes ([`crate::text::normalize::fold_str`]
//! of the plain text; codes by [`crate::model::Tag::code_key`]): one is kept
//! — the most recently changed, the first on a tie — and the others are
//! reported as dropped. Units with the same source but different targets are
//! *all kept*, grouped together newest `changedate` first, and reported as
//! conflicts for a terminologist to settle. Everything else is kept in order.
//!
//! ```
//! use concord::memory::merge::dedupe;
//! use concord::model::{Header, Memory, Unit};
//! let mut tm = Memory::new(Header::default());
//! tm.push(Unit::bilingual(Some("a".into()), "zh-CN", "一带一路", "en", "Belt and Road"));
//! tm.push(Unit::bilingual(Some("b".into()), "zh-CN", "一带一路", "en", "Belt  and Road"));
//! tm.push(Unit::bilingual(Some("c".into()), "zh-CN", "一带一路", "en", "OBOR"));
//! let (out, report) = dedupe(vec![(None, tm)], &"zh-CN".into());
//! assert_eq!(out.len(), 2);
//! assert_eq!(report.dropped.len(), 1);
//! assert_eq!(report.conflicts[0].units.len(), 2);
//! ```

use std::collections::HashMap;
use std::path::PathBuf;

use crate::model::{LangTag, Memory, Unit};
use crate::text::normalize::fold_str;

/// A unit that was dropped as an exact duplicate of a kept one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Where the dropped unit was (`FILE:tuid`, `FILE:LINE`).
    pub unit: String,
    /// The unit kept in its place.
    pub kept: String,
}

/// One source with several different targets, all kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub source: String,
    /// Locations of the units, in output order (newest first).
    pub units: Vec<String>,
}

/// What a merge or dedupe did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Units read.
    pub read: usize,
    /// Units written.
    pub kept: usize,
    pub dropped: Vec<Dropped>,
    pub conflicts: Vec<Conflict>,
}

impl MergeReport {
    /// One line for the terminal.
    pub fn summary(&self) -> String {
        format!(
            "{} units read, {} kept, {} exact duplicates dropped, {} sources with differing translations kept ({} units)",
            self.read,
            self.kept,
            self.dropped.len(),
            self.conflicts.len(),
            self.conflicts.iter().map(|c| c.units.len()).sum::<usize>()
        )
    }
}

/// The date a unit was last changed: the unit's `changedate`, else the
/// latest `changedate` of its variants, else the `creationdate`s. TMX dates
/// (`YYYYMMDDThhmmssZ`) sort as text.
fn changed(unit: &Unit) -> String {
    let variant_max = |attr: &str| {
        unit.variants
            .iter()
            .filter_map(|v| v.attrs.get(attr))
            .max()
            .map(str::to_string)
    };
    unit.attrs
        .get("changedate")
        .map(str::to_string)
        .or_else(|| variant_max("changedate"))
        .or_else(|| unit.attrs.get("creationdate").map(str::to_string))
        .or_else(|| variant_max("creationdate"))
        .unwrap_or_default()
}

fn side_key(unit: &Unit, i: usize) -> String {
    let v = &unit.variants[i];
    let mut key = v.lang.as_str().to_ascii_lowercase().replace('_', "-");
    key.push('\u{1}');
    key.push_str(fold_str(&v.segment.plain_text()).trim());
    for code in v.segment.codes() {
        key.push('\u{2}');
        key.push_str(&code.code_key());
    }
    key
}

/// Every variant, in a canonical order: equal keys = exact duplicates.
fn unit_key(unit: &Unit) -> Vec<String> {
    let mut sides: Vec<String> = (0..unit.variants.len())
        .map(|i| side_key(unit, i))
        .collect();
    sides.sort();
    sides
}

fn source_key(unit: &Unit, source_lang: &LangTag) -> Option<String> {
    let v = unit.variant(source_lang, false)?;
    Some(fold_str(&v.segment.plain_text()).trim().to_string())
}

fn locate(file: &Option<PathBuf>, unit: &Unit, at: usize) -> String {
    let f = file
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    match &unit.id {
        Some(id) => format!("{f}:{id}"),
        None if unit.origin.line > 0 => format!("{f}:{}", unit.origin.line),
        None => format!("{f}:#{}", at + 1),
    }
}

/// Merges TMs (each with the file it came from, for the report) into one.
/// The header is the first TM's.
pub fn merge(tms: Vec<(Option<PathBuf>, Memory)>, source_lang: &LangTag) -> (Memory, MergeReport) {
    let header = tms
        .first()
        .map(|(_, m)| m.header.clone())
        .unwrap_or_default();
    let mut all: Vec<(String, Unit)> = Vec::new();
    for (file, memory) in tms {
        for (i, unit) in memory.into_units().into_iter().enumerate() {
            all.push((locate(&file, &unit, i), unit));
        }
    }
    let mut report = MergeReport {
        read: all.len(),
        ..MergeReport::default()
    };
    // Exact duplicates: keep the newest (first on a tie), at the position of the first.
    let mut first_of: HashMap<Vec<String>, usize> = HashMap::new();
    let mut keep: Vec<Option<usize>> = Vec::new(); // slot → index into `all` kept there
    let mut slot_of: Vec<usize> = vec![0; all.len()];
    for (i, (_, unit)) in all.iter().enumerate() {
        let key = unit_key(unit);
        match first_of.get(&key) {
            Some(&slot) => {
                slot_of[i] = slot;
                let current = keep[slot].unwrap_or(i);
                if changed(unit) > changed(&all[current].1) {
                    keep[slot] = Some(i);
                }
            }
            None => {
                first_of.insert(key, keep.len());
                slot_of[i] = keep.len();
                keep.push(Some(i));
            }
        }
    }
    for (i, (loc, _)) in all.iter().enumerate() {
        if let Some(k) = keep[slot_of[i]]
            && k != i
        {
            report.dropped.push(Dropped {
                unit: loc.clone(),
                kept: all[k].0.clone(),
            });
        }
    }
    // Group the kept units by source, groups in order of first appearance,
    // newest first inside a group.
    let kept: Vec<usize> = keep.into_iter().flatten().collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for &i in &kept {
        match source_key(&all[i].1, source_lang) {
            Some(key) => match group_of.get(&key) {
                Some(&g) => groups[g].push(i),
                None => {
                    group_of.insert(key, groups.len());
                    groups.push(vec![i]);
                }
            },
            None => groups.push(vec![i]),
        }
    }
    let mut out = Memory::new(header);
    let (where_, units): (Vec<String>, Vec<Unit>) = all.into_iter().unzip();
    let mut slots: Vec<Option<Unit>> = units.into_iter().map(Some).collect();
    let mut locs: Vec<String> = Vec::new();
    for mut group in groups {
        group.sort_by_cached_key(|&i| {
            std::cmp::Reverse(slots[i].as_ref().map(changed).unwrap_or_default())
        });
        locs.clear();
        for &i in &group {
            if let Some(unit) = slots[i].take() {
                if group.len() > 1 {
                    locs.push(where_[i].clone());
                }
                out.push(unit);
            }
        }
        if group.len() > 1 {
            let source = out
                .units()
                .last()
                .and_then(|u| u.variant(source_lang, false))
                .map(|v| v.segment.plain_text())
                .unwrap_or_default();
            report.conflicts.push(Conflict {
                source,
                units: locs.clone(),
            });
        }
    }
    report.kept = out.len();
    (out, report)
}

/// Removes exact duplicates from one TM (the same rules as [`merge`]).
pub fn dedupe(tm: Vec<(Option<PathBuf>, Memory)>, source_lang: &LangTag) -> (Memory, MergeReport) {
    merge(tm, source_lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Header;

    fn unit(id: &str, zh: &str, en: &str, date: &str) -> Unit {
        let mut u = Unit::bilingual(Some(id.into()), "zh-CN", zh, "en-US", en);
        u.attrs.set("changedate", date);
        u
    }

    #[test]
    fn newest_duplicate_kept_conflicts_grouped_newest_first() {
        let mut a = Memory::new(Header::default());
        a.push(unit("a1", "一带一路", "Belt and Road", "20240101T000000Z"));
        a.push(unit("a2", "中国", "China", "20240101T000000Z"));
        let mut b = Memory::new(Header::default());
        b.push(unit("b1", "一带一路", "Belt and Road", "20250101T000000Z"));
        b.push(unit("b2", "一带一路", "BRI", "20250601T000000Z"));
        let (out, report) = merge(
            vec![(Some("a.tmx".into()), a), (Some("b.tmx".into()), b)],
            &"zh-CN".into(),
        );
        let ids: Vec<_> = out.units().iter().map(|u| u.id.clone().unwrap()).collect();
        assert_eq!(ids, ["b2", "b1", "a2"]);
        assert_eq!(
            report.dropped,
            [Dropped {
                unit: "a.tmx:a1".into(),
                kept: "b.tmx:b1".into()
            }]
        );
        assert_eq!(report.conflicts.len(), 1);
        assert_eq!(report.conflicts[0].source, "一带一路");
        assert_eq!((report.read, report.kept), (4, 3));
    }

    #[test]
    fn units_without_source_are_kept() {
        let mut a = Memory::new(Header::default());
        a.push(Unit::bilingual(None, "en", "x", "fr", "y"));
        a.push(Unit::bilingual(None, "en", "z", "fr", "y"));
        let (out, report) = dedupe(vec![(None, a)], &"zh-CN".into());
        assert_eq!(out.len(), 2);
        assert!(report.conflicts.is_empty());
    }
}
