//! The glossary CSV of DESIGN.md:
//! `id,zh,zh_variants,en,en_variants,en_forbidden,case,domain,note,source,status`.
//!
//! Reading is header-driven: columns may come in any order, `id`, `zh` and
//! `en` are required, the others optional, and unknown columns are kept
//! ([`Entry::extra`], [`Glossary::columns`]). Multi-valued cells are split
//! on `|` and trimmed. A malformed row is an error naming file, row, line and
//! column — never skipped.
//!
//! Writing is canonical: UTF-8 without BOM, LF line ends, the columns in the
//! order read, multi-values joined with ` | `, quotes only where needed. A
//! glossary written by concord therefore reads and writes back byte for byte.
//!
//! ```
//! use concord::formats::glossary_csv;
//! let csv = "id,zh,en,en_forbidden,status\nbri,一带一路,Belt and Road Initiative,OBOR | One Belt One Road,approved\n";
//! let g = glossary_csv::read_from(csv.as_bytes(), None).unwrap();
//! assert_eq!(g.get("bri").unwrap().en_forbidden, ["OBOR", "One Belt One Road"]);
//! let mut out = Vec::new();
//! glossary_csv::write_to(&mut out, &g).unwrap();
//! assert_eq!(String::from_utf8(out).unwrap(), csv);
//! ```

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::formats::delimited::{DelimitedReader, Record, write_record};
use crate::glossary::Problem;
use crate::io::{write_atomic, write_err};
use crate::model::{CaseRule, Entry, EntryStatus, GLOSSARY_COLUMNS, Glossary};

/// Where each entry's cells were: entry id → (column name → line, column).
/// Lets validators point at the exact cell.
#[derive(Debug, Clone, Default)]
pub struct CellPositions {
    /// Entry id → (row line, column name → cell start).
    cells: HashMap<String, (u64, Cells)>,
}

type Cells = HashMap<String, (u64, u64)>;

impl CellPositions {
    /// Line of the entry's row.
    pub fn line(&self, id: &str) -> Option<u64> {
        self.cells.get(id).map(|(l, _)| *l)
    }
    /// Line and column of the entry's cell in `column` (a canonical name).
    pub fn cell(&self, id: &str, column: &str) -> Option<(u64, u64)> {
        self.cells.get(id)?.1.get(column).copied()
    }
}

/// Reads a glossary CSV file; the first malformed row is an error.
pub fn read(path: &Path) -> Result<Glossary> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("open", e).in_file(path))?;
    let mut g = read_from(file, Some(path))?;
    g.origin = Some(path.to_path_buf());
    Ok(g)
}

/// Reads a glossary CSV from any source; `file` names it in errors.
pub fn read_from<R: Read>(source: R, file: Option<&Path>) -> Result<Glossary> {
    let mut reader = GlossaryRows::new(source, file)?;
    let mut glossary = Glossary {
        columns: reader.columns.clone(),
        ..Glossary::default()
    };
    while let Some(row) = reader.next_row()? {
        let (entry, record) = row?;
        if glossary.get(&entry.id).is_some() {
            return Err(reader.row_error(
                &record,
                "id",
                Error::invalid(format!("duplicate id '{}'", entry.id)),
            ));
        }
        glossary.insert(entry)?;
    }
    Ok(glossary)
}

/// Reads every row it can, turning malformed rows into [`Problem`]s
/// (for `concord validate`, which wants all problems, not the first).
/// Only an unreadable file or header is an `Err`.
pub fn read_all(path: &Path) -> Result<(Glossary, Vec<Problem>, CellPositions)> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("open", e).in_file(path))?;
    let mut reader = GlossaryRows::new(file, Some(path))?;
    let mut glossary = Glossary {
        columns: reader.columns.clone(),
        origin: Some(path.to_path_buf()),
        ..Glossary::default()
    };
    let mut problems = Vec::new();
    let mut positions = CellPositions::default();
    loop {
        let row = match reader.next_row() {
            Ok(Some(row)) => row,
            Ok(None) => break,
            // A broken quote or a decoding error: nothing after it can be trusted.
            Err(e) => {
                problems.push(Problem::from_error(&e));
                break;
            }
        };
        match row {
            Ok((entry, record)) => {
                if glossary.get(&entry.id).is_some() {
                    let first = positions.line(&entry.id).unwrap_or(0);
                    let (line, col) = reader.cell_pos(&record, "id");
                    problems.push(Problem {
                        severity: Severity::Error,
                        entry: Some(entry.id.clone()),
                        row: Some(record.number),
                        column: Some("id".into()),
                        line: Some(line),
                        col: Some(col),
                        message: format!("duplicate id '{}' (first at line {first})", entry.id),
                    });
                    continue;
                }
                let cells = reader
                    .columns
                    .iter()
                    .zip(&record.positions)
                    .map(|(name, pos)| (canonical_name(name).unwrap_or(name).to_string(), *pos))
                    .collect();
                positions
                    .cells
                    .insert(entry.id.clone(), (record.line(), cells));
                glossary.entries.insert(entry.id.clone(), entry);
            }
            Err(e) => problems.push(Problem::from_error(&e)),
        }
    }
    Ok((glossary, problems, positions))
}

fn canonical_name(header: &str) -> Option<&'static str> {
    let h = header.trim().to_ascii_lowercase();
    GLOSSARY_COLUMNS.iter().copied().find(|c| *c == h)
}

/// Rows of a glossary CSV, parsed into entries one at a time.
struct GlossaryRows<R: Read> {
    reader: DelimitedReader<R>,
    /// The header as written.
    columns: Vec<String>,
    /// Header index → canonical column, for the canonical ones.
    canonical: Vec<Option<&'static str>>,
}

impl<R: Read> GlossaryRows<R> {
    fn new(source: R, file: Option<&Path>) -> Result<Self> {
        let mut reader = DelimitedReader::new(source, ',', file)?;
        let located = |e: Error| match file {
            Some(f) => e.in_file(f),
            None => e,
        };
        let Some(header) = reader.next_record()? else {
            return Err(located(Error::csv(
                "empty file: a glossary CSV needs a header row (id,zh,en,…)",
            )));
        };
        let columns: Vec<String> = header.fields.iter().map(|h| h.trim().to_string()).collect();
        let canonical: Vec<Option<&'static str>> =
            columns.iter().map(|c| canonical_name(c)).collect();
        for (i, name) in columns.iter().enumerate() {
            let (line, col) = header.positions.get(i).copied().unwrap_or((1, 1));
            if name.is_empty() {
                return Err(located(
                    Error::csv(format!("header column {} has no name", i + 1)).at(line, col),
                ));
            }
            let key = canonical[i].map_or(name.as_str(), |c| c);
            let dup = columns[..i]
                .iter()
                .zip(&canonical)
                .any(|(n, c)| c.map_or(n.as_str(), |c| c) == key);
            if dup {
                return Err(located(
                    Error::csv(format!("header names column '{name}' twice")).at(line, col),
                ));
            }
        }
        for required in ["id", "zh", "en"] {
            if !canonical.contains(&Some(required)) {
                return Err(located(
                    Error::csv(format!(
                        "not a glossary CSV: the header has no '{required}' column (found: {})",
                        columns.join(", ")
                    ))
                    .at(1, 1),
                ));
            }
        }
        Ok(GlossaryRows {
            reader,
            columns,
            canonical,
        })
    }

    fn cell_pos(&self, record: &Record, column: &str) -> (u64, u64) {
        self.canonical
            .iter()
            .position(|c| *c == Some(column))
            .and_then(|i| record.positions.get(i).copied())
            .unwrap_or((record.line(), 1))
    }

    fn row_error(&self, record: &Record, column: &str, e: Error) -> Error {
        let (line, col) = self.cell_pos(record, column);
        let e = e
            .at(line, col)
            .at_record(format!("row {}, column {column}", record.number));
        match self.reader.file() {
            Some(f) => e.in_file(f),
            None => e,
        }
    }

    /// `Ok(None)` at the end; `Ok(Some(Err))` for a row that is malformed
    /// on its own (the next row can still be read); `Err` when reading
    /// cannot go on.
    #[allow(clippy::type_complexity)]
    fn next_row(&mut self) -> Result<Option<Result<(Entry, Record)>>> {
        let Some(record) = self.reader.next_record()? else {
            return Ok(None);
        };
        if record.fields.len() != self.columns.len() {
            return Ok(Some(Err(self
                .reader
                .width_error(&record, self.columns.len()))));
        }
        Ok(Some(self.entry(&record).map(|e| (e, record))))
    }

    fn entry(&self, record: &Record) -> Result<Entry> {
        let mut e = Entry::default();
        for (i, value) in record.fields.iter().enumerate() {
            let Some(col) = self.canonical[i] else {
                e.extra.insert(self.columns[i].clone(), value.clone());
                continue;
            };
            let single = value.trim().to_string();
            match col {
                "id" => e.id = single,
                "zh" => e.zh = single,
                "zh_variants" => e.zh_variants = split_multi(value),
                "en" => e.en = single,
                "en_variants" => e.en_variants = split_multi(value),
                "en_forbidden" => e.en_forbidden = split_multi(value),
                "case" => {
                    e.case =
                        CaseRule::parse(value).map_err(|err| self.row_error(record, col, err))?
                }
                "domain" => e.domain = single,
                "note" => e.note = single,
                "source" => e.source = single,
                "status" => {
                    e.status =
                        EntryStatus::parse(value).map_err(|err| self.row_error(record, col, err))?
                }
                _ => {}
            }
        }
        for (col, value) in [("id", &e.id), ("zh", &e.zh), ("en", &e.en)] {
            if value.is_empty() {
                return Err(self.row_error(
                    record,
                    col,
                    Error::invalid(format!("empty '{col}' (every entry needs id, zh and en)")),
                ));
            }
        }
        Ok(e)
    }
}

/// Splits a multi-valued cell on `|`, trimming each value and dropping empty ones.
pub fn split_multi(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Joins values as the canonical writer does: ` | `.
pub fn join_multi(values: &[String]) -> String {
    values.join(" | ")
}

/// The cell of `entry` for `column` (canonical names, else an extra column).
pub fn cell(entry: &Entry, column: &str) -> String {
    match canonical_name(column) {
        Some("id") => entry.id.clone(),
        Some("zh") => entry.zh.clone(),
        Some("zh_variants") => join_multi(&entry.zh_variants),
        Some("en") => entry.en.clone(),
        Some("en_variants") => join_multi(&entry.en_variants),
        Some("en_forbidden") => join_multi(&entry.en_forbidden),
        Some("case") => entry.case.as_str().to_string(),
        Some("domain") => entry.domain.clone(),
        Some("note") => entry.note.clone(),
        Some("source") => entry.source.clone(),
        Some("status") => entry.status.as_str().to_string(),
        _ => entry.extra.get(column).cloned().unwrap_or_default(),
    }
}

/// Writes the canonical CSV of `glossary` to `out`.
pub fn write_to<W: Write + ?Sized>(out: &mut W, glossary: &Glossary) -> Result<()> {
    let columns = glossary.output_columns();
    let mut line = String::new();
    let io = |e| Error::io("write", e);
    write_record(out, &columns, ',', &mut line).map_err(io)?;
    let mut cells = Vec::with_capacity(columns.len());
    for entry in glossary.iter() {
        writable(entry)?;
        cells.clear();
        cells.extend(columns.iter().map(|c| cell(entry, c)));
        write_record(out, &cells, ',', &mut line).map_err(io)?;
    }
    Ok(())
}

/// Refuses what the canonical CSV cannot carry back, before writing a byte of
/// the entry: a `|` inside one value of a multi-valued cell (the reader would
/// split it in two) and characters XML 1.0 forbids (the reader refuses them).
fn writable(entry: &Entry) -> Result<()> {
    let multi = [
        ("zh_variants", &entry.zh_variants),
        ("en_variants", &entry.en_variants),
        ("en_forbidden", &entry.en_forbidden),
    ];
    for (column, values) in multi {
        if let Some(v) = values.iter().find(|v| v.contains('|')) {
            return Err(Error::invalid(format!(
                "entry '{}': the {column} value '{v}' contains '|', which separates values in a glossary CSV",
                entry.id
            )));
        }
    }
    let texts = [
        &entry.id,
        &entry.zh,
        &entry.en,
        &entry.domain,
        &entry.note,
        &entry.source,
    ]
    .into_iter()
    .chain(multi.iter().flat_map(|(_, v)| v.iter()))
    .chain(entry.extra.values());
    for text in texts {
        if let Some(c) = text.chars().find(|&c| !crate::formats::xml::is_xml_char(c)) {
            return Err(Error::invalid(format!(
                "entry '{}': character U+{:04X} cannot be written (no TM or XML format can carry it)",
                entry.id, c as u32
            )));
        }
    }
    Ok(())
}

/// Writes `glossary` to `path` atomically.
pub fn write(path: &Path, glossary: &Glossary) -> Result<()> {
    write_atomic(path, |out| {
        write_to(out, glossary).map_err(|e| e.in_file(path))?;
        out.flush().map_err(write_err(path))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> Result<Glossary> {
        read_from(s.as_bytes(), Some(Path::new("g.csv")))
    }

    #[test]
    fn header_driven_with_extras() {
        let csv = "en,reviewer,zh,id\r\nBelt and Road Initiative,li,一带一路,bri\r\n";
        let g = read_str(csv).unwrap();
        let e = g.get("bri").unwrap();
        assert_eq!(e.zh, "一带一路");
        assert_eq!(e.extra.get("reviewer").map(String::as_str), Some("li"));
        let mut out = Vec::new();
        write_to(&mut out, &g).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "en,reviewer,zh,id\nBelt and Road Initiative,li,一带一路,bri\n"
        );
    }

    #[test]
    fn multi_values_trimmed_and_rejoined() {
        let g = read_str("id,zh,en,en_variants\nx,中,China,PRC|  the PRC ||\n").unwrap();
        assert_eq!(g.get("x").unwrap().en_variants, ["PRC", "the PRC"]);
        let mut out = Vec::new();
        write_to(&mut out, &g).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .ends_with(",PRC | the PRC\n")
        );
    }

    #[test]
    fn malformed_rows_name_row_line_and_column() {
        let e = read_str("id,zh,en,case\na,中,China,upper\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "g.csv:2:11: row 2, column case: case must be 'insensitive' or 'sensitive', not 'upper'"
        );
        let e = read_str("id,zh,en\na,中\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "g.csv:2:1: row 2: 2 fields, but the header has 3 columns"
        );
        let e = read_str("id,zh,en\na,,China\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "g.csv:2:3: row 2, column zh: empty 'zh' (every entry needs id, zh and en)"
        );
        let e = read_str("id,zh,en,status\na,中,China,ok\n").unwrap_err();
        assert!(
            e.to_string().contains("column status: status must be"),
            "{e}"
        );
        let e = read_str("id,zh,en\na,中,China\na,中国,China\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "g.csv:3:1: row 3, column id: duplicate id 'a'"
        );
        let e = read_str("id,zh\n").unwrap_err();
        assert!(e.to_string().contains("no 'en' column"), "{e}");
    }
}
