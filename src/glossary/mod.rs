//! Glossaries at work: finding terms in Chinese sources, their renderings in
//! English targets, and answering a translator's lookup.

pub mod lookup;
pub mod renderings;
pub mod terms;
