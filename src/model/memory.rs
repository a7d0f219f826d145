//! A translation memory held in memory: the header and the units, in file order.
//!
//! Readers stream units one at a time; a [`Memory`] is what commands that must
//! see a whole TM at once (merge, dedupe, the fuzzy index) build from them.

use indexmap::IndexMap;

use super::{Header, Unit};

/// A TM: header plus units in insertion order, with a lookup by unit id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    pub header: Header,
    units: Vec<Unit>,
    /// Unit id → position, for the units that have an id (first one wins).
    by_id: IndexMap<String, usize>,
}

impl Memory {
    pub fn new(header: Header) -> Self {
        Memory {
            header,
            ..Memory::default()
        }
    }

    /// Appends a unit, keeping file order.
    pub fn push(&mut self, unit: Unit) {
        if let Some(id) = &unit.id {
            self.by_id.entry(id.clone()).or_insert(self.units.len());
        }
        self.units.push(unit);
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }
    pub fn into_units(self) -> Vec<Unit> {
        self.units
    }
    pub fn len(&self) -> usize {
        self.units.len()
    }
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
    /// The first unit with this id.
    pub fn get(&self, id: &str) -> Option<&Unit> {
        self.by_id.get(id).map(|&i| &self.units[i])
    }
}

impl Extend<Unit> for Memory {
    fn extend<I: IntoIterator<Item = Unit>>(&mut self, iter: I) {
        for u in iter {
            self.push(u);
        }
    }
}
