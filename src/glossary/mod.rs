//! Glossaries at work: finding terms in Chinese sources and their renderings
//! in English targets.

pub mod renderings;
pub mod terms;
