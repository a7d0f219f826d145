//! Glossary candidates from real texts.
//!
//! [`phrases`] finds the recurring phrases of Chinese text (quoted phrases and
//! maximal repeated n-grams, ranked by C-value); [`bilingual`] proposes, for
//! recurring Chinese phrases of aligned units, the English they were rendered
//! with. Both only read text; [`proposals`] turns results into glossary rows.

pub mod bilingual;
pub mod phrases;
pub mod proposals;

pub use phrases::{GlossaryStatus, Phrase, PhraseKind, PhraseOptions, extract};
