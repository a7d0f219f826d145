//! The differing tokens between a query and a matched TM source: what a
//! translator must change in the TM's translation.
//!
//! Tokens are those of the folded text ([`crate::text::token`]), compared
//! case-insensitively (as the score does) and shown as originally written;
//! the edit script is a shortest one (an LCS alignment), so the marked tokens
//! are what the percentage counted, plus punctuation.
//!
//! ```
//! use concord::memory::diff::{diff, render_marked};
//! let ops = diff("推动区域合作", "推动地区合作");
//! assert_eq!(render_marked(&ops), "推动[-地-]区{+域+}合作");
//! ```

use serde::Serialize;

use crate::text::normalize::{FoldOptions, fold};
use crate::text::token::{TokenKind, tokens};

/// One step of the edit script from the TM source to the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum DiffOp {
    /// Tokens in both (the query's spelling).
    Equal(String),
    /// Tokens of the TM source that the query does not have.
    Delete(String),
    /// Tokens of the query that the TM source does not have.
    Insert(String),
}

struct Tok {
    key: String,
    /// The token as written, with a leading space if white space preceded it.
    shown: String,
}

fn toks(text: &str) -> Vec<Tok> {
    let folded = fold(text, &FoldOptions::matching());
    let mut prev_end = 0;
    tokens(&folded.text)
        .into_iter()
        .map(|t| {
            // Shown as written (full-width punctuation stays full-width).
            let range = folded.original_range(t.start..t.end);
            let spaced = range.start > prev_end
                && text
                    .get(prev_end..range.start)
                    .is_some_and(|gap| gap.chars().any(char::is_whitespace));
            prev_end = range.end;
            let key = match t.kind {
                TokenKind::Word => t.text.to_lowercase(),
                _ => t.text.to_string(),
            };
            let original = text.get(range).unwrap_or(t.text);
            let shown = if spaced {
                format!(" {original}")
            } else {
                original.to_string()
            };
            Tok { key, shown }
        })
        .collect()
}

/// The edit script turning `source` (the TM unit) into `query`, with runs of
/// the same operation merged.
pub fn diff(query: &str, source: &str) -> Vec<DiffOp> {
    let q = toks(query);
    let s = toks(source);
    // LCS table, (s.len()+1) × (q.len()+1): sentences are short.
    let w = q.len() + 1;
    let mut lcs = vec![0u32; (s.len() + 1) * w];
    for i in (0..s.len()).rev() {
        for j in (0..q.len()).rev() {
            lcs[i * w + j] = if s[i].key == q[j].key {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let mut ops: Vec<DiffOp> = Vec::new();
    let push = |ops: &mut Vec<DiffOp>, op: DiffOp| match (ops.last_mut(), &op) {
        (Some(DiffOp::Equal(a)), DiffOp::Equal(b))
        | (Some(DiffOp::Delete(a)), DiffOp::Delete(b))
        | (Some(DiffOp::Insert(a)), DiffOp::Insert(b)) => a.push_str(b),
        _ => ops.push(op),
    };
    let (mut i, mut j) = (0, 0);
    while i < s.len() || j < q.len() {
        if i < s.len() && j < q.len() && s[i].key == q[j].key {
            push(&mut ops, DiffOp::Equal(q[j].shown.clone()));
            i += 1;
            j += 1;
        } else if i < s.len() && (j == q.len() || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
            push(&mut ops, DiffOp::Delete(s[i].shown.clone()));
            i += 1;
        } else {
            push(&mut ops, DiffOp::Insert(q[j].shown.clone()));
            j += 1;
        }
    }
    ops
}

/// Renders a diff in the `[-deleted-]{+inserted+}` notation of `git diff
/// --word-diff`, readable without colour.
pub fn render_marked(ops: &[DiffOp]) -> String {
    let mut out = String::new();
    for op in ops {
        match op {
            DiffOp::Equal(t) => out.push_str(t),
            DiffOp::Delete(t) => {
                out.push_str("[-");
                out.push_str(t);
                out.push_str("-]");
            }
            DiffOp::Insert(t) => {
                out.push_str("{+");
                out.push_str(t);
                out.push_str("+}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_is_one_equal_run() {
        assert_eq!(
            diff("中国 China", "中国 china"),
            [DiffOp::Equal("中国 China".into())]
        );
    }

    #[test]
    fn english_keeps_spaces() {
        let ops = diff("the Belt and Road", "the Road");
        assert_eq!(render_marked(&ops), "the{+ Belt and+} Road");
    }

    #[test]
    fn shows_original_spelling() {
        let ops = diff("增长40％，", "增长35%，");
        assert_eq!(render_marked(&ops), "增长[-35-]{+40+}％，");
    }

    #[test]
    fn empty_sides() {
        assert_eq!(diff("", "中"), [DiffOp::Delete("中".into())]);
        assert_eq!(diff("中", ""), [DiffOp::Insert("中".into())]);
        assert!(diff("", "").is_empty());
    }
}
