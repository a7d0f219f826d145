//! Pure text functions: folding with offset maps, tokens, sentences, numbers.
//!
//! Nothing here does I/O; every command reuses these, so a term found by
//! `check` is found the same way by `match`, `concordance` and `extract`.

pub mod normalize;
pub mod numbers;
pub mod quick_fold;
pub mod segment;
pub mod token;
