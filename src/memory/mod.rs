//! Translation memory: fuzzy matching over TM units, and merging TMs.
//!
//! The TM store itself is [`crate::model::Memory`]; this module adds what a
//! translator does with one: look a new sentence up ([`fuzzy::Index`]),
//! and combine or clean TM files ([`merge`]).

pub mod concordance;
pub mod diff;
pub mod fuzzy;
pub mod indexed;
pub mod merge;

pub use indexed::{IndexOrigin, IndexedMemory, OpenOptions, TmMatch};
