//! Two plain-text files, one segment per line: line *n* of the source file
//! and line *n* of the target file make unit *n*.
//!
//! This is what a translator gets from copying a document and its
//! translation out of a word processor. The files must have the same number
//! of lines (a difference means the alignment is broken, and every unit after
//! the break would be checked against the wrong translation): that is an error
//! naming both files and their line counts. Lines blank on both sides are
//! skipped; a line blank on one side only is kept (an empty target is S001).
//!
//! ```
//! use concord::formats::parallel_text::read_pair_from_str;
//! let units = read_pair_from_str("中国\n\n一带一路\n", "China\n\nBelt and Road\n", "zh", "en").unwrap();
//! assert_eq!(units.len(), 2);
//! assert_eq!(units[1].id.as_deref(), Some("3"));
//! ```

use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::io::read_text;
use crate::model::{Origin, Unit};

fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// Pairs two texts line by line. Unit ids are the 1-based line numbers.
pub fn read_pair_from_str(
    source: &str,
    target: &str,
    source_lang: &str,
    target_lang: &str,
) -> Result<Vec<Unit>> {
    let (s, t) = (lines(source), lines(target));
    if s.len() != t.len() {
        return Err(Error::format(format!(
            "the source has {} lines and the target {}: one segment per line is expected in both",
            s.len(),
            t.len()
        )));
    }
    Ok(s.iter()
        .zip(&t)
        .enumerate()
        .filter(|(_, (a, b))| !(a.trim().is_empty() && b.trim().is_empty()))
        .map(|(i, (a, b))| {
            let mut u = Unit::bilingual(
                Some((i + 1).to_string()),
                source_lang,
                a.trim_end(),
                target_lang,
                b.trim_end(),
            );
            u.origin.line = i as u64 + 1;
            u
        })
        .collect())
}

/// Reads `source` and `target` (UTF-8 or UTF-16 with BOM) and pairs them.
/// Units carry the source file as their origin.
pub fn read_pair(
    source: &Path,
    target: &Path,
    source_lang: &str,
    target_lang: &str,
) -> Result<Vec<Unit>> {
    let s = read_text(source)?;
    let t = read_text(target)?;
    let mut units = read_pair_from_str(&s, &t, source_lang, target_lang).map_err(|e| {
        Error::format(format!("{} (target: {})", e.message(), target.display())).in_file(source)
    })?;
    let file = Arc::new(source.to_path_buf());
    for u in &mut units {
        u.origin = Origin {
            file: Some(file.clone()),
            line: u.origin.line,
        };
    }
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counts_must_agree() {
        let e = read_pair_from_str("a\nb\n", "a\n", "zh", "en").unwrap_err();
        assert!(e.to_string().contains("2 lines"), "{e}");
    }

    #[test]
    fn crlf_and_one_sided_blanks() {
        let u = read_pair_from_str("中国\r\n一带一路\r\n", "China\r\n\r\n", "zh", "en").unwrap();
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].variants[1].segment.plain_text(), "China");
        assert!(u[1].variants[1].segment.is_blank());
    }
}
