//! Glossaries at work: loading any supported format, validation, finding
//! terms in Chinese sources, their renderings in English targets, and
//! answering a translator's lookup.
//!
//! ```no_run
//! use concord::glossary;
//! let g = glossary::load("glossary/diplomatic.zh-en.csv".as_ref()).unwrap();
//! for problem in glossary::validate(&g) {
//!     eprintln!("{problem}");
//! }
//! ```

pub mod lookup;
pub mod prefix_table;
pub mod renderings;
pub mod terms;
mod validate;

pub use validate::{Problem, validate, validate_file};

use std::path::Path;

use crate::error::Result;
use crate::model::Glossary;

/// Loads a glossary in any format concord reads (chosen by extension and
/// content; see [`crate::formats::read_glossary`]).
pub fn load(path: &Path) -> Result<Glossary> {
    crate::formats::read_glossary(path)
}
