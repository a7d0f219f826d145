//! Glossary rules: what makes a glossary unusable or doubtful for checking.
//!
//! | level | rule |
//! |---|---|
//! | error | duplicate id |
//! | error | the same Chinese form (term or variant, after folding) in two entries: a match would be ambiguous |
//! | error | a forbidden rendering equal (after folding, ignoring case) to an accepted one of the same entry |
//! | error | empty id, zh or approved rendering |
//! | error | a malformed row (bad case or status value, wrong field count) |
//! | warning | a Chinese variant equal to the entry's own term |
//! | warning | no `source` (the evidence for the rendering) |

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::formats::{Format, glossary_csv};
use crate::model::Glossary;
use crate::text::normalize::{fold_caseless, fold_str};

/// One finding about a glossary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The entry's id, when the problem is about one entry.
    pub entry: Option<String>,
    /// 1-based record number in the file (header = 1) or, without a file,
    /// the entry's 1-based index in the glossary.
    pub row: Option<u64>,
    /// The column (canonical name) the problem is in.
    pub column: Option<String>,
    /// Position in the file, where known.
    pub line: Option<u64>,
    pub col: Option<u64>,
    pub message: String,
}

impl Problem {
    fn entry(severity: Severity, index: usize, id: &str, column: &str, message: String) -> Self {
        Problem {
            severity,
            entry: Some(id.to_string()),
            row: Some(index as u64 + 1),
            column: Some(column.to_string()),
            line: None,
            col: None,
            message,
        }
    }

    /// A reading error as an error-level problem (keeps its position).
    pub fn from_error(e: &Error) -> Self {
        let pos = e.position();
        Problem {
            severity: Severity::Error,
            entry: None,
            row: None,
            column: None,
            line: pos.line,
            col: pos.column,
            message: match &pos.record {
                Some(r) => format!("{r}: {}", e.message()),
                None => e.message(),
            },
        }
    }
}

impl fmt::Display for Problem {
    /// `LINE:COL: level: message`, or `entry ID: level: message` without a position.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, &self.entry) {
            (Some(line), _) => write!(f, "{line}:{}: ", self.col.unwrap_or(1))?,
            (None, Some(id)) => write!(f, "entry {id}: ")?,
            (None, None) => {}
        }
        write!(f, "{}: {}", self.severity, self.message)
    }
}

/// Checks the rules in the module documentation. Problems come in entry order.
pub fn validate(glossary: &Glossary) -> Vec<Problem> {
    let mut problems = Vec::new();
    // Folded Chinese form → (entry id, the form as written).
    let mut zh_seen: HashMap<String, (String, String)> = HashMap::new();
    for (index, e) in glossary.iter().enumerate() {
        let mut err = |sev, col: &str, msg: String| {
            problems.push(Problem::entry(sev, index, &e.id, col, msg));
        };
        if e.id.trim().is_empty() {
            err(Severity::Error, "id", "empty id".into());
        }
        if e.zh.trim().is_empty() {
            err(Severity::Error, "zh", "empty Chinese term".into());
        }
        if e.en.trim().is_empty() {
            err(
                Severity::Error,
                "en",
                "empty approved rendering (en)".into(),
            );
        }
        let own = fold_str(&e.zh);
        for (i, form) in e.zh_forms().enumerate() {
            let column = if i == 0 { "zh" } else { "zh_variants" };
            let folded = fold_str(form);
            if folded.is_empty() {
                continue;
            }
            if i > 0 && folded == own {
                err(
                    Severity::Warning,
                    column,
                    format!("Chinese variant '{form}' is the term itself"),
                );
                continue;
            }
            match zh_seen.get(&folded) {
                Some((other, written)) if *other != e.id => err(
                    Severity::Error,
                    column,
                    format!(
                        "Chinese form '{form}' is also in entry '{other}' (as '{written}'): a match would be ambiguous"
                    ),
                ),
                Some(_) => {}
                None => {
                    zh_seen.insert(folded, (e.id.clone(), form.to_string()));
                }
            }
        }
        for forbidden in &e.en_forbidden {
            let f = fold_caseless(forbidden);
            if let Some(accepted) = e.en_accepted().find(|a| fold_caseless(a) == f) {
                err(
                    Severity::Error,
                    "en_forbidden",
                    format!("forbidden rendering '{forbidden}' is also accepted ('{accepted}')"),
                );
            }
        }
        if e.source.trim().is_empty() {
            err(
                Severity::Warning,
                "source",
                "no source: say which official usage the rendering follows".into(),
            );
        }
    }
    problems
}

/// Reads and validates a glossary file. Problems carry line and column
/// where the format has them (CSV: the cell). Malformed rows are problems,
/// not errors; `Err` only when the file cannot be read at all.
pub fn validate_file(path: &Path) -> Result<Vec<Problem>> {
    let csv = matches!(
        Format::from_extension(path),
        Some(Format::BitextCsv | Format::GlossaryCsv)
    );
    if !csv {
        let g = super::load(path)?;
        return Ok(validate(&g));
    }
    let (glossary, mut problems, cells) = glossary_csv::read_all(path)?;
    for mut p in validate(&glossary) {
        if let Some(id) = &p.entry {
            let column = p.column.as_deref().unwrap_or("id");
            let pos = cells
                .cell(id, column)
                .or_else(|| cells.line(id).map(|l| (l, 1)));
            if let Some((line, col)) = pos {
                p.line = Some(line);
                p.col = Some(col);
            }
        }
        problems.push(p);
    }
    problems.sort_by_key(|p| (p.line.unwrap_or(u64::MAX), p.col.unwrap_or(0)));
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Entry;

    fn entry(id: &str, zh: &str, en: &str) -> Entry {
        Entry {
            id: id.into(),
            zh: zh.into(),
            en: en.into(),
            source: "MFA".into(),
            ..Entry::default()
        }
    }

    #[test]
    fn finds_each_rule() {
        let mut g = Glossary::new();
        let mut a = entry("a", "中国－中亚精神", "China-Central Asia Spirit");
        a.en_forbidden = vec!["china–central asia spirit".into()];
        g.insert(a).unwrap();
        let mut b = entry("b", "上合组织", "SCO");
        b.zh_variants = vec!["中国-中亚精神".into(), "上合组织".into()];
        b.source.clear();
        g.insert(b).unwrap();
        let msgs: Vec<String> = validate(&g).iter().map(|p| p.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "entry a: error: forbidden rendering 'china–central asia spirit' is also accepted ('China-Central Asia Spirit')",
                "entry b: error: Chinese form '中国-中亚精神' is also in entry 'a' (as '中国－中亚精神'): a match would be ambiguous",
                "entry b: warning: Chinese variant '上合组织' is the term itself",
                "entry b: warning: no source: say which official usage the rendering follows",
            ]
        );
    }

    #[test]
    fn clean_glossary_has_no_problems() {
        let mut g = Glossary::new();
        g.insert(entry("a", "一带一路", "Belt and Road Initiative"))
            .unwrap();
        assert!(validate(&g).is_empty());
    }
}
