//! Glossaries: loading, the term index, lookup.

pub mod lookup;
