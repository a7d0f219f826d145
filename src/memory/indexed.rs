//! TM files opened for matching: the units, their fuzzy index (loaded from
//! the saved `FILE.concord-idx` when it is current, else built and saved),
//! and search over several TMs at once.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::formats::{self, ReadOptions};
use crate::model::{LangTag, Memory, Unit};

use super::fuzzy::store::{self, IndexKey, TmStamp};
use super::fuzzy::{Index, Match};

/// How TMs are opened for matching.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// The language queries are in (default `zh-CN`; `zh` variants also count).
    pub source_lang: LangTag,
    /// The language of the translations shown (default `en`).
    pub target_lang: LangTag,
    /// Load and save the index next to the TM (`FILE.concord-idx`).
    pub cache: bool,
    /// Languages of `source`/`target` columns in CSV/TSV TMs.
    pub read: ReadOptions,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            source_lang: LangTag::new("zh-CN"),
            target_lang: LangTag::new("en"),
            cache: true,
            read: ReadOptions::default(),
        }
    }
}

/// Where the index of an opened TM came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexOrigin {
    /// Built now; caching was off.
    Built,
    /// Built now and saved next to the TM.
    Saved,
    /// Built now; saving failed (read-only folder…): the reason.
    NotSaved(String),
    /// Loaded from the saved index, which matched the TM.
    Loaded,
}

/// One TM file with its index.
#[derive(Debug, Clone)]
pub struct IndexedMemory {
    pub path: PathBuf,
    pub memory: Memory,
    pub index: Index,
    pub origin: IndexOrigin,
}

impl IndexedMemory {
    /// Reads `path` (TMX or bilingual CSV/TSV) and gets its index.
    pub fn open(path: &Path, options: &OpenOptions) -> Result<IndexedMemory> {
        if !options.cache {
            let memory = formats::read_memory(path, &options.read)?;
            let index = Index::build(memory.units(), &options.source_lang);
            return Ok(IndexedMemory {
                path: path.to_path_buf(),
                memory,
                index,
                origin: IndexOrigin::Built,
            });
        }
        // Reading the TMX and loading its saved index are independent: one
        // core each (at 100k units the index is 44 MB to hash and check).
        let (memory, saved) = rayon::join(
            || formats::read_memory(path, &options.read),
            || -> Result<_> {
                let key = IndexKey {
                    stamp: TmStamp::of(path)?,
                    source_lang: options.source_lang.clone(),
                    strict_lang: false,
                };
                let index = store::load(path, &key);
                Ok((key, index))
            },
        );
        let memory = memory?;
        let (key, saved) = saved?;
        if let Some(index) = saved
            && index.unit_count() == memory.len()
        {
            return Ok(IndexedMemory {
                path: path.to_path_buf(),
                memory,
                index,
                origin: IndexOrigin::Loaded,
            });
        }
        let index = Index::build(memory.units(), &options.source_lang);
        let origin = match store::save(&index, path, &key) {
            Ok(()) => IndexOrigin::Saved,
            Err(e) => IndexOrigin::NotSaved(e.to_string()),
        };
        Ok(IndexedMemory {
            path: path.to_path_buf(),
            memory,
            index,
            origin,
        })
    }

    /// `FILE:tuid` (or `FILE:LINE` for units without an id).
    pub fn locate(&self, unit: usize) -> String {
        let file = self.path.display();
        match self.memory.units().get(unit) {
            Some(u) => match &u.id {
                Some(id) => format!("{file}:{id}"),
                None => format!("{file}:{}", u.origin.line),
            },
            None => file.to_string(),
        }
    }
}

/// A match in one of several TMs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TmMatch {
    /// Index into the TMs searched.
    pub tm: usize,
    pub unit: usize,
    pub score: u8,
}

impl TmMatch {
    /// The matched unit.
    pub fn unit<'a>(&self, tms: &'a [IndexedMemory]) -> Option<&'a Unit> {
        tms.get(self.tm)?.memory.units().get(self.unit)
    }
}

/// The best `limit` matches at or above `min` across `tms`: score
/// descending, then TM order, then unit order. `exhaustive` scans every unit
/// instead of using the index (same answer).
pub fn search(
    tms: &[IndexedMemory],
    query: &str,
    min: u8,
    limit: usize,
    exhaustive: bool,
) -> Vec<TmMatch> {
    let mut all: Vec<TmMatch> = Vec::new();
    for (t, tm) in tms.iter().enumerate() {
        let found: Vec<Match> = if exhaustive {
            tm.index.search_exhaustive(query, min, limit)
        } else {
            tm.index.search(query, min, limit)
        };
        all.extend(found.into_iter().map(|m| TmMatch {
            tm: t,
            unit: m.unit,
            score: m.score,
        }));
    }
    all.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.tm.cmp(&b.tm))
            .then(a.unit.cmp(&b.unit))
    });
    all.truncate(limit);
    all
}
