//! Glossary entries: one concept, its Chinese forms and its English renderings.

use indexmap::IndexMap;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// The canonical glossary columns, in the order `concord` writes them.
pub const GLOSSARY_COLUMNS: [&str; 11] = [
    "id",
    "zh",
    "zh_variants",
    "en",
    "en_variants",
    "en_forbidden",
    "case",
    "domain",
    "note",
    "source",
    "status",
];

/// Whether an English rendering must match with its exact capitalisation.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum CaseRule {
    /// "belt and road initiative" counts as "Belt and Road Initiative" (default).
    #[default]
    Insensitive,
    /// Proper names and acronyms: "Wto" is not "WTO".
    Sensitive,
}

impl CaseRule {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseRule::Insensitive => "insensitive",
            CaseRule::Sensitive => "sensitive",
        }
    }
    /// Parses a cell; the empty cell is the default.
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "insensitive" | "i" => Ok(CaseRule::Insensitive),
            "sensitive" | "s" => Ok(CaseRule::Sensitive),
            other => Err(Error::invalid(format!(
                "case must be 'insensitive' or 'sensitive', not '{other}'"
            ))),
        }
    }
}

/// Review state of an entry.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntryStatus {
    /// Checked against official usage; enforced by `concord check`.
    #[default]
    Approved,
    /// A candidate (from `concord extract`, or uncertain usage); checked, reported as such.
    Proposed,
    /// Kept for history; not enforced.
    Deprecated,
}

impl EntryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryStatus::Approved => "approved",
            EntryStatus::Proposed => "proposed",
            EntryStatus::Deprecated => "deprecated",
        }
    }
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "approved" => Ok(EntryStatus::Approved),
            "proposed" => Ok(EntryStatus::Proposed),
            "deprecated" => Ok(EntryStatus::Deprecated),
            other => Err(Error::invalid(format!(
                "status must be approved, proposed or deprecated, not '{other}'"
            ))),
        }
    }
}

/// One glossary concept.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// Stable identifier (`belt-and-road-initiative`).
    pub id: String,
    /// The Chinese term as official texts write it.
    pub zh: String,
    /// Other Chinese wordings of the same concept (上合组织 for 上海合作组织).
    pub zh_variants: Vec<String>,
    /// The approved English rendering.
    pub en: String,
    /// Other accepted English renderings.
    pub en_variants: Vec<String>,
    /// Renderings that must be flagged wherever they appear (One Belt, One Road).
    pub en_forbidden: Vec<String>,
    pub case: CaseRule,
    /// slogan, initiative, mechanism, organization, person, place, treaty, …
    pub domain: String,
    /// Guidance for translators.
    pub note: String,
    /// Evidence: the official English source the rendering follows.
    pub source: String,
    pub status: EntryStatus,
    /// Columns beyond the canonical ones, kept so that nothing is lost on rewrite.
    pub extra: IndexMap<String, String>,
}

impl Entry {
    /// All Chinese forms: the term, then its variants.
    pub fn zh_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.zh.as_str()).chain(self.zh_variants.iter().map(String::as_str))
    }
    /// All accepted English renderings: the approved one, then the variants.
    pub fn en_accepted(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.en.as_str()).chain(self.en_variants.iter().map(String::as_str))
    }
}

/// A glossary: entries by id, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    pub entries: IndexMap<String, Entry>,
    /// The header as read (canonical columns and extras, in file order), so a
    /// rewrite reproduces the file. Empty means the canonical order.
    pub columns: Vec<String>,
    /// The file the glossary came from.
    pub origin: Option<PathBuf>,
}

impl Glossary {
    pub fn new() -> Self {
        Glossary::default()
    }

    /// Adds an entry; a second entry with the same id is an error.
    pub fn insert(&mut self, entry: Entry) -> Result<()> {
        if self.entries.contains_key(&entry.id) {
            return Err(Error::invalid(format!("duplicate id '{}'", entry.id)));
        }
        self.entries.insert(entry.id.clone(), entry);
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values()
    }

    /// The columns to write: as read, or the canonical ones plus any extras.
    pub fn output_columns(&self) -> Vec<String> {
        if !self.columns.is_empty() {
            return self.columns.clone();
        }
        let mut cols: Vec<String> = GLOSSARY_COLUMNS.iter().map(|s| s.to_string()).collect();
        for e in self.entries.values() {
            for k in e.extra.keys() {
                if !cols.contains(k) {
                    cols.push(k.clone());
                }
            }
        }
        cols
    }
}
