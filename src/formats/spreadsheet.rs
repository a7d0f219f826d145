//! Spreadsheet-friendly glossary CSV for memoQ and Trados (MultiTerm Convert),
//! and reading any glossary CSV through a column mapping.
//!
//! # The memoQ/Trados CSV
//! One column per language plus metadata columns:
//! `ID, Chinese, Chinese variants, English, English variants, English forbidden,
//! Subject field, Note, Source, Case, Status`; several values in one cell are
//! separated by ` | `. It is written in UTF-8 **with** a byte-order mark and CRLF
//! line ends, because that is what makes Excel (and the import wizards that
//! follow Excel's reading) open Chinese text correctly instead of as mojibake.
//!
//! # Formula injection
//! A spreadsheet treats a cell that starts with `=`, `+`, `-` or `@` as a
//! formula (and tab or CR as the start of one in some importers): a glossary
//! cell such as `=HYPERLINK("http://evil/", "SCO")` would run when a reviewer
//! opens the file. In this export such a cell is written with a leading `'`
//! (the OWASP recommendation), which spreadsheets show as text. A cell that
//! already starts with `'` followed by one of those characters or by another
//! `'` gets one more `'`, so that [`restore`] undoes [`neutralise`] exactly and
//! reading the export back gives the original glossary. The canonical glossary
//! CSV is never altered this way: it is data for concord, not for a spreadsheet.
//!
//! ```
//! use concord::formats::spreadsheet::{neutralise, restore};
//! assert_eq!(neutralise("=1+1"), "'=1+1");
//! assert_eq!(neutralise("'s-Hertogenbosch"), "'s-Hertogenbosch");
//! assert_eq!(restore(&neutralise("'=x")), "'=x");
//! ```
//!
//! # Column mapping
//! [`ColumnMap`] reads a CSV from any tool: `zh=Chinese,en=English,note=Comment`
//! maps glossary fields to header names (matched ignoring case), or to 1-based
//! column numbers for files without a header row (`zh=1,en=2`).

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::formats::termtab::generated_id;
use crate::model::{CaseRule, Entry, EntryStatus, Glossary};

/// Characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Separator of several values in one cell.
const MULTI: &str = " | ";

/// The header of the memoQ/Trados CSV, in order.
pub const MEMOQ_COLUMNS: [&str; 11] = [
    "ID",
    "Chinese",
    "Chinese variants",
    "English",
    "English variants",
    "English forbidden",
    "Subject field",
    "Note",
    "Source",
    "Case",
    "Status",
];

/// The cell as a spreadsheet will show it as text (see the module docs).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let mut chars = cell.chars();
    let first = chars.next();
    let second = chars.next();
    let needs = match first {
        Some(c) if TRIGGERS.contains(&c) => true,
        Some('\'') => matches!(second, Some(c) if c == '\'' || TRIGGERS.contains(&c)),
        _ => false,
    };
    if needs {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Undoes [`neutralise`].
pub fn restore(cell: &str) -> Cow<'_, str> {
    let mut chars = cell.chars();
    if chars.next() == Some('\'')
        && let Some(c) = chars.next()
        && (c == '\'' || TRIGGERS.contains(&c))
    {
        return Cow::Borrowed(&cell[1..]);
    }
    Cow::Borrowed(cell)
}

/// Writes the memoQ/Trados CSV (BOM, CRLF, neutralised cells).
pub fn write_memoq_csv(glossary: &Glossary, out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io("write CSV", e);
    out.write_all(b"\xEF\xBB\xBF").map_err(io)?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let csv_err = |e: csv::Error| Error::csv(e.to_string());
    w.write_record(MEMOQ_COLUMNS).map_err(csv_err)?;
    for e in glossary.iter() {
        let cells = [
            e.id.clone(),
            e.zh.clone(),
            e.zh_variants.join(MULTI),
            e.en.clone(),
            e.en_variants.join(MULTI),
            e.en_forbidden.join(MULTI),
            e.domain.clone(),
            e.note.clone(),
            e.source.clone(),
            e.case.as_str().to_string(),
            e.status.as_str().to_string(),
        ];
        w.write_record(cells.iter().map(|c| neutralise(c).into_owned()))
            .map_err(csv_err)?;
    }
    w.flush().map_err(io)?;
    Ok(())
}

/// The glossary fields a CSV column can map to: the canonical columns.
const FIELDS: [&str; 11] = crate::model::GLOSSARY_COLUMNS;

/// Where each glossary field comes from in a CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    /// (field, header name or 1-based column number), in the order given.
    pairs: Vec<(String, String)>,
    /// True when every column is given by number: the file has no header row.
    positional: bool,
    /// Undo [`neutralise`] on every cell (for files concord wrote for spreadsheets).
    restore: bool,
}

impl ColumnMap {
    /// Parses `zh=Chinese,en=English,note=Comment`. Fields are the canonical
    /// glossary column names (`domain` may also be written `subject`); `zh` and
    /// `en` are required.
    pub fn parse(spec: &str) -> Result<Self> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let (field, column) = part.split_once('=').ok_or_else(|| {
                Error::usage(format!(
                    "--columns: '{part}' is not FIELD=COLUMN (e.g. zh=Chinese,en=English)"
                ))
            })?;
            let field = match field.trim().to_ascii_lowercase().as_str() {
                "subject" | "subjectfield" => "domain".to_string(),
                "comment" => "note".to_string(),
                f => f.to_string(),
            };
            if !FIELDS.contains(&field.as_str()) {
                return Err(Error::usage(format!(
                    "--columns: unknown field '{field}'; fields are {}",
                    FIELDS.join(", ")
                )));
            }
            if pairs.iter().any(|(f, _)| *f == field) {
                return Err(Error::usage(format!("--columns: '{field}' given twice")));
            }
            pairs.push((field, column.trim().to_string()));
        }
        for required in ["zh", "en"] {
            if !pairs.iter().any(|(f, _)| f == required) {
                return Err(Error::usage(format!(
                    "--columns must map '{required}' (e.g. zh=Chinese,en=English)"
                )));
            }
        }
        let positional = pairs
            .iter()
            .all(|(_, c)| c.parse::<usize>().is_ok_and(|n| n > 0));
        Ok(ColumnMap {
            pairs,
            positional,
            restore: false,
        })
    }

    /// The mapping of the memoQ/Trados CSV this module writes, which also
    /// restores neutralised cells.
    pub fn memoq() -> Self {
        let pairs = FIELDS_IN_MEMOQ_ORDER
            .iter()
            .zip(MEMOQ_COLUMNS)
            .map(|(f, c)| (f.to_string(), c.to_string()))
            .collect();
        ColumnMap {
            pairs,
            positional: false,
            restore: true,
        }
    }
}

const FIELDS_IN_MEMOQ_ORDER: [&str; 11] = [
    "id",
    "zh",
    "zh_variants",
    "en",
    "en_variants",
    "en_forbidden",
    "domain",
    "note",
    "source",
    "case",
    "status",
];

/// Reads a CSV (or TSV: tab-separated when the first line has more tabs than
/// commas) through `map`. Rows whose zh and en are both empty are skipped;
/// missing ids are made from the English.
pub fn read_mapped_csv(bytes: &[u8], map: &ColumnMap) -> Result<Glossary> {
    let text = crate::formats::termtab::decode(bytes)?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches('\t').count() > first.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(!map.positional)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Resolve every field to a column index.
    let mut index: Vec<(&str, usize)> = Vec::new();
    if map.positional {
        for (f, c) in &map.pairs {
            // parse() checked these are positive numbers.
            let n: usize = c.parse().unwrap_or(1);
            index.push((f.as_str(), n - 1));
        }
    } else {
        let headers = r
            .headers()
            .map_err(|e| Error::csv(e.to_string()).at_line(1))?
            .clone();
        for (f, c) in &map.pairs {
            let i = headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(c))
                .ok_or_else(|| {
                    Error::csv(format!(
                        "no column '{c}' for {f} (the header has: {})",
                        headers.iter().collect::<Vec<_>>().join(", ")
                    ))
                    .at_line(1)
                })?;
            index.push((f.as_str(), i));
        }
    }
    let mut g = Glossary::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut pending_ids = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::csv(e.to_string()).at_line(line)
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |field: &str| -> String {
            index
                .iter()
                .find(|(f, _)| *f == field)
                .and_then(|(_, i)| rec.get(*i))
                .map(|c| {
                    if map.restore {
                        restore(c).into_owned()
                    } else {
                        c.to_string()
                    }
                })
                .unwrap_or_default()
        };
        let multi = |field: &str| -> Vec<String> {
            let v = get(field);
            v.split(MULTI)
                .filter(|s| !s.trim().is_empty())
                .map(str::to_string)
                .collect()
        };
        let (zh, en) = (get("zh"), get("en"));
        if zh.trim().is_empty() && en.trim().is_empty() {
            continue;
        }
        let at = |e: Error| e.at_line(line).at_record(format!("row {line}"));
        let entry = Entry {
            id: get("id"),
            zh,
            zh_variants: multi("zh_variants"),
            en,
            en_variants: multi("en_variants"),
            en_forbidden: multi("en_forbidden"),
            case: CaseRule::parse(&get("case")).map_err(at)?,
            domain: get("domain"),
            note: get("note"),
            source: get("source"),
            status: EntryStatus::parse(&get("status")).map_err(at)?,
            extra: Default::default(),
        };
        if !entry.id.is_empty() && !ids.insert(entry.id.clone()) {
            return Err(at(Error::invalid(format!("duplicate id '{}'", entry.id))));
        }
        pending_ids.push(entry);
    }
    // Ids are made once all given ids are known, so a made id never takes one
    // that a later row names.
    for mut e in pending_ids {
        if e.id.is_empty() {
            e.id = generated_id(&e.en, &e.zh, &mut ids);
        }
        g.insert(e)?;
    }
    Ok(g)
}

/// Reads a mapped CSV file; errors name the file.
pub fn read_mapped_csv_file(path: &Path, map: &ColumnMap) -> Result<Glossary> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", e).in_file(path))?;
    let mut g = read_mapped_csv(&bytes, map).map_err(|e| e.in_file(path))?;
    g.origin = Some(path.to_path_buf());
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralise_and_restore_are_inverse() {
        for s in [
            "=SUM(A1)", "+1", "-x", "@cmd", "\tx", "\rx", "'=x", "''", "'s", "plain", "", "'",
            "中国",
        ] {
            assert_eq!(restore(&neutralise(s)), s, "{s:?}");
        }
        for s in ["=SUM(A1)", "+1", "-x", "@cmd", "\tx", "\rx"] {
            assert!(neutralise(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(neutralise("plain"), "plain");
    }

    #[test]
    fn column_map_errors() {
        assert!(ColumnMap::parse("zh=A").is_err());
        assert!(ColumnMap::parse("zh=A,en=B,colour=C").is_err());
        assert!(ColumnMap::parse("zh=A,en").is_err());
        assert!(ColumnMap::parse("zh=1,en=2").unwrap().positional);
        assert!(!ColumnMap::parse("zh=1,en=English").unwrap().positional);
    }
}
