//! The data concord works on: glossary entries, translation units, languages.
//!
//! Formats read into these types and write from them; checks, matching,
//! extraction and alignment only ever see these types. Keeping one model is
//! what lets `concord convert` join any reader to any writer.

mod glossary;
mod lang;
mod memory;
mod unit;

pub use glossary::{CaseRule, Entry, EntryStatus, GLOSSARY_COLUMNS, Glossary};
pub use lang::{LangMatch, LangTag};
pub use memory::Memory;
pub use unit::{
    Attrs, Header, HeaderItem, Inline, Note, Origin, Prop, Segment, Tag, TagRole, Unit, Variant,
};
