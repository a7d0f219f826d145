//! # concord
//!
//! Terminology and consistency QA for Chinese→English diplomatic translation.
//!
//! concord keeps a curated bilingual glossary ([`model::Glossary`]) and a
//! translation memory ([`model::Memory`]), reads the files translators and CAT
//! tools exchange (TMX, XLIFF, TBX, CSV/TSV, plain text) into one model
//! ([`model::Unit`]), and checks translations against both.
//!
//! The library owns every decision; the `concord` binary only parses
//! arguments, calls into this crate and prints.
//!
//! ```
//! use concord::text::normalize::fold_str;
//! // Dash variants of the same Chinese term compare equal after folding.
//! assert_eq!(fold_str("中国－中亚精神"), fold_str("中国—中亚精神"));
//! ```

pub mod align;
pub mod check;
pub mod defaults;
pub mod diagnostic;
pub mod error;
pub mod extract;
pub mod formats;
pub mod glossary;
pub(crate) mod hash;
pub mod io;
pub(crate) mod mapped;
pub mod memory;
pub mod model;
pub mod report;
pub mod settings;
pub mod stats;
pub mod text;

pub use diagnostic::{Diagnostic, Severity};
pub use error::{Error, ErrorKind, Position, Result};
