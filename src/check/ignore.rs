//! `concord.ignore`: findings an editor has looked at and accepted.
//!
//! One entry per line; `#` starts a comment; blank lines are skipped.
//!
//! ```text
//! # code (or prefix)  unit id
//! T001 seed-0042
//! # code  src:<source text>  (compared after folding: case, width, dashes, spaces)
//! C001 src:中方愿同各方一道努力。
//! P   seed-0007
//! ```
//!
//! Matching by source text survives re-segmentation and renumbering; matching
//! by unit id is exact. A code may be a prefix (`T` accepts every T-code).

use std::collections::HashSet;
use std::path::Path;

use crate::error::{Error, Result};
use crate::text::normalize::fold_caseless;

/// Accepted findings, by unit id or by folded source text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IgnoreList {
    by_unit: HashSet<(String, String)>,
    by_source: HashSet<(String, String)>,
}

fn key(source: &str) -> String {
    fold_caseless(source.trim())
}

impl IgnoreList {
    /// Parses an ignore file's text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let mut list = IgnoreList::default();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (code, rest) = line
                .split_once(char::is_whitespace)
                .map(|(c, r)| (c, r.trim()))
                .unwrap_or((line, ""));
            let bad = |msg: String| Error::invalid(msg).in_file(path).at_line(n as u64 + 1);
            if super::validate_selectors(&[code.to_string()]).is_err() {
                return Err(bad(format!("unknown check code '{code}'")));
            }
            if rest.is_empty() {
                return Err(bad(format!(
                    "expected 'CODE unit-id' or 'CODE src:<source>', got '{line}'"
                )));
            }
            match rest.strip_prefix("src:") {
                Some(src) => list.by_source.insert((code.to_string(), key(src))),
                None => list.by_unit.insert((code.to_string(), rest.to_string())),
            };
        }
        Ok(list)
    }

    /// Reads and parses an ignore file.
    pub fn load(path: &Path) -> Result<Self> {
        Self::parse(&crate::io::read_text(path)?, path)
    }

    /// Adds the entries of `other`.
    pub fn extend(&mut self, other: IgnoreList) {
        self.by_unit.extend(other.by_unit);
        self.by_source.extend(other.by_source);
    }

    pub fn is_empty(&self) -> bool {
        self.by_unit.is_empty() && self.by_source.is_empty()
    }

    /// True when a finding `code` on unit `unit` with source `source` was accepted.
    pub fn accepts(&self, code: &str, unit: &str, source: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let source_key = key(source);
        (1..=code.len()).any(|n| {
            let prefix = &code[..n];
            self.by_unit
                .contains(&(prefix.to_string(), unit.to_string()))
                || self
                    .by_source
                    .contains(&(prefix.to_string(), source_key.clone()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_unit_source_and_prefix() {
        let text = "# accepted\nT001 u1\nC001 src:中方　愿意。\nP u9\n";
        let l = IgnoreList::parse(text, Path::new("concord.ignore")).unwrap();
        assert!(l.accepts("T001", "u1", "x"));
        assert!(!l.accepts("T002", "u1", "x"));
        assert!(l.accepts("C001", "u7", "中方 愿意。"));
        assert!(l.accepts("P003", "u9", ""));
    }

    #[test]
    fn errors_have_lines() {
        let e = IgnoreList::parse("T001 u1\nX999 u2\n", Path::new("i")).unwrap_err();
        assert_eq!(e.position().line, Some(2));
        let e = IgnoreList::parse("T001\n", Path::new("i")).unwrap_err();
        assert_eq!(e.position().line, Some(1));
    }
}
