//! Fuzzy matching: the match percentage, and an index that finds every TM
//! unit at or above a threshold exactly as a full scan would.
//!
//! # The match percentage
//!
//! Both texts are folded ([`crate::text::normalize::fold_str`]: NFKC, dashes,
//! quotes, white space) and split into tokens ([`crate::text::token`]). The
//! *content tokens* are the Han characters, the Latin words lower-cased, and
//! every number replaced by one placeholder; punctuation is dropped. With
//! `d` the Levenshtein distance between the two content-token sequences
//! (insertions, deletions and substitutions of whole tokens, each costing 1)
//! and `m` the longer sequence's length:
//!
//! | case | score |
//! |---|---|
//! | folded texts identical (after trimming) | 100 |
//! | `d = 0`, numbers equal: only case, punctuation or spacing differ | 99 |
//! | `d = 0`, some number differs (`35%` vs `40%`; `3,000` = `3000`) | 98 |
//! | `d > 0` | `min(97, floor(100 × (m − d) / m))` |
//!
//! This is the token-based percentage OmegaT, Trados and memoQ show (a Han
//! character counts as a word), with two deliberate choices: differences a
//! translator fixes without retranslating (case, punctuation, a number) rank
//! just below 100 instead of counting as exact, and a real edit never scores
//! above 97, so those near-exact tiers always rank first.
//!
//! ```
//! use concord::memory::fuzzy::{score, TokenSeq};
//! let tm = TokenSeq::new("贸易额增长35%");
//! assert_eq!(score(&TokenSeq::new("贸易额增长35%"), &tm), 100);
//! assert_eq!(score(&TokenSeq::new("贸易额增长35％"), &tm), 100); // full-width % folds
//! assert_eq!(score(&TokenSeq::new("贸易额增长35%。"), &tm), 99);
//! assert_eq!(score(&TokenSeq::new("贸易额增长40%"), &tm), 98);
//! // 7 content tokens (贸 易 额 增 长 # + 了), distance 1: floor(100 × 6/7) = 85
//! assert_eq!(score(&TokenSeq::new("贸易额增长了35%"), &tm), 85);
//! ```

pub(crate) mod analyse;
mod index;
mod myers;
pub mod store;

pub use index::{Index, IndexBuilder};
pub(crate) use myers::levenshtein;

use analyse::{analyse, grade};

/// A text tokenised and normalised for scoring: the content tokens plus the
/// keys that decide the 100/99/98 tiers. Build it once per text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSeq {
    content: Vec<String>,
    exact: String,
    numbers: String,
}

impl TokenSeq {
    /// Tokenises `text` (any text: it is folded here).
    pub fn new(text: &str) -> TokenSeq {
        let mut content = Vec::new();
        let keys = analyse(text, |t| content.push(t.to_owned()));
        TokenSeq {
            content,
            exact: keys.exact,
            numbers: keys.numbers,
        }
    }

    /// The content tokens (Han characters, lower-case words, `"\0#"` for a number).
    pub fn content(&self) -> &[String] {
        &self.content
    }

    /// Number of content tokens: what the percentage divides by.
    pub fn len(&self) -> usize {
        self.content.len()
    }

    pub fn is_empty(&self) -> bool {
        self.content.is_empty()
    }
}

impl From<&str> for TokenSeq {
    fn from(text: &str) -> Self {
        TokenSeq::new(text)
    }
}

/// The match percentage of `candidate` for `query` (symmetric); see the
/// [module documentation](self) for the definition.
pub fn score(query: &TokenSeq, candidate: &TokenSeq) -> u8 {
    let d = myers::levenshtein(&query.content, &candidate.content);
    let m = query.len().max(candidate.len());
    grade(
        d,
        m,
        query.exact == candidate.exact,
        query.numbers == candidate.numbers,
    )
}

/// One unit found for a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Match {
    /// Index into the units the [`Index`] was built from.
    pub unit: usize,
    /// Match percentage, 0–100.
    pub score: u8,
}
