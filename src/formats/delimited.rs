//! Strict CSV/TSV records with positions, shared by the glossary and the
//! bilingual readers and writers.
//!
//! Why not the `csv` crate's reader: it forgives too much for a curated
//! glossary. An unbalanced quote silently swallows the rest of the file into
//! one cell, and a stray quote inside a field is accepted; both are errors
//! here, with the line and column where the problem starts.
//!
//! Rules (RFC 4180, with what spreadsheets write):
//! * CSV: a field is quoted when it starts with `"`; inside, `""` is a quote
//!   and line breaks are kept (as `\n`). After the closing quote only the
//!   separator or the end of the line may follow. A `"` inside an unquoted
//!   field is an error.
//! * TSV: the same, except that a `"` inside an unquoted field is a literal
//!   character (tab-separated exports rarely quote).
//! * CRLF and LF line ends; a BOM and UTF-16 with a BOM are decoded; lines
//!   that are completely empty between records are skipped.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::formats::xml::TextStream;

/// One record: its fields, and where each field starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub fields: Vec<String>,
    /// Line and column (1-based, in characters) where each field starts.
    pub positions: Vec<(u64, u64)>,
    /// 1-based number of the record in the file, header included.
    pub number: u64,
}

impl Record {
    /// The line the record starts on.
    pub fn line(&self) -> u64 {
        self.positions.first().map_or(0, |p| p.0)
    }
}

/// Reads [`Record`]s one at a time from a CSV or TSV source.
pub struct DelimitedReader<R: Read> {
    stream: TextStream<R>,
    separator: char,
    file: Option<PathBuf>,
    line: u64,
    records: u64,
    buf: String,
}

impl DelimitedReader<std::fs::File> {
    /// Opens `path`; the separator is the caller's choice (see [`separator_for`]).
    pub fn open(path: &Path, separator: char) -> Result<Self> {
        let file = std::fs::File::open(path).map_err(|e| Error::io("open", e).in_file(path))?;
        DelimitedReader::new(file, separator, Some(path))
    }
}

impl<R: Read> DelimitedReader<R> {
    pub fn new(source: R, separator: char, file: Option<&Path>) -> Result<Self> {
        let stream = TextStream::new_text(source).map_err(|e| match file {
            Some(f) => e.in_file(f),
            None => e,
        })?;
        Ok(DelimitedReader {
            stream,
            separator,
            file: file.map(Path::to_path_buf),
            line: 0,
            records: 0,
            buf: String::new(),
        })
    }

    /// The file being read, if known.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The error for a record whose number of fields differs from the
    /// header's `columns`, located at the record's first line and row: one
    /// message for every reader of headed tables, so a glossary and a
    /// bilingual CSV report a ragged row the same way.
    pub fn width_error(&self, record: &Record, columns: usize) -> Error {
        let e = Error::csv(format!(
            "{} fields, but the header has {} columns",
            record.fields.len(),
            columns
        ))
        .at(record.line(), 1)
        .at_record(format!("row {}", record.number));
        match &self.file {
            Some(f) => e.in_file(f),
            None => e,
        }
    }

    fn err(&self, e: Error, line: u64, col: u64) -> Error {
        let e = e
            .at(line, col)
            .at_record(format!("row {}", self.records + 1));
        match &self.file {
            Some(f) => e.in_file(f),
            None => e,
        }
    }

    /// Reads one physical line into `buf` (without its line end); false at EOF.
    fn read_line(&mut self) -> Result<bool> {
        self.buf.clear();
        match self.stream.read_line(&mut self.buf) {
            Ok(0) => Ok(false),
            Ok(_) => {
                self.line += 1;
                if self.buf.ends_with('\n') {
                    self.buf.pop();
                }
                if self.buf.ends_with('\r') {
                    self.buf.pop();
                }
                Ok(true)
            }
            Err(e) => {
                let err = self
                    .stream
                    .take_failure()
                    .unwrap_or_else(|| Error::io("read", e));
                Err(match &self.file {
                    Some(f) => err.in_file(f),
                    None => err,
                })
            }
        }
    }

    /// The next record, or `None` at the end of the file.
    pub fn next_record(&mut self) -> Result<Option<Record>> {
        // Skip empty lines between records.
        loop {
            if !self.read_line()? {
                return Ok(None);
            }
            if !self.buf.is_empty() {
                break;
            }
        }
        if memchr::memchr(b'"', self.buf.as_bytes()).is_none() {
            return Ok(Some(self.unquoted_record()));
        }
        self.quoted_record().map(Some)
    }

    /// The record starting on the line in `buf`, by the rules of the
    /// module doc, character by character (reading more lines while a
    /// quoted field goes on).
    fn quoted_record(&mut self) -> Result<Record> {
        let sep = self.separator;
        let mut fields = Vec::new();
        let mut positions = Vec::new();
        let mut cur = String::new();
        let mut field_start = (self.line, 1u64);
        // Quoted field state: inside quotes, and where the quote opened.
        let mut in_quotes = false;
        let mut closed = false;
        let mut col;
        let mut at_field_start = true;
        loop {
            let line = std::mem::take(&mut self.buf);
            col = 0u64;
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                col += 1;
                if at_field_start {
                    field_start = (self.line, col);
                    at_field_start = false;
                    if c == '"' {
                        in_quotes = true;
                        continue;
                    }
                }
                if in_quotes {
                    if c == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            col += 1;
                            cur.push('"');
                        } else {
                            in_quotes = false;
                            closed = true;
                        }
                    } else {
                        cur.push(c);
                    }
                } else if c == sep {
                    fields.push(std::mem::take(&mut cur));
                    positions.push(field_start);
                    closed = false;
                    at_field_start = true;
                    field_start = (self.line, col + 1);
                } else if closed {
                    let e = self.err(
                        Error::csv(format!(
                            "unexpected {c:?} after the closing quote of a field (a quote inside a quoted field is written \"\")"
                        )),
                        self.line,
                        col,
                    );
                    return Err(e);
                } else if c == '"' && sep == ',' {
                    let e = self.err(
                        Error::csv(
                            "quote inside an unquoted field (quote the whole field and double the quote: \"a \"\"b\"\" c\")",
                        ),
                        self.line,
                        col,
                    );
                    return Err(e);
                } else {
                    cur.push(c);
                }
            }
            if in_quotes {
                // The quoted field goes on on the next line.
                cur.push('\n');
                if !self.read_line()? {
                    let (l, c) = field_start;
                    return Err(self.err(
                        Error::csv(
                            "unbalanced quote: the quoted field starting here is never closed",
                        ),
                        l,
                        c,
                    ));
                }
                continue;
            }
            if at_field_start {
                field_start = (self.line, col + 1);
            }
            fields.push(cur);
            positions.push(field_start);
            self.records += 1;
            return Ok(Record {
                fields,
                positions,
                number: self.records,
            });
        }
    }
}

impl<R: Read> DelimitedReader<R> {
    /// The record on the line in `buf`, which has no quote: its fields are
    /// what the separator splits (the rules above give nothing else for
    /// such a line, and no error), found without the character-by-character
    /// walk that quotes need — most glossary rows, at a tenth of the cost.
    fn unquoted_record(&mut self) -> Record {
        let mut fields = Vec::new();
        let mut positions = Vec::new();
        let mut col = 1u64;
        for field in self.buf.split(self.separator) {
            positions.push((self.line, col));
            col += field.chars().count() as u64 + 1;
            fields.push(field.to_string());
        }
        self.records += 1;
        Record {
            fields,
            positions,
            number: self.records,
        }
    }
}

/// The separator for a file name: tab for `.tsv`, `.tab` and `.txt`, comma otherwise.
pub fn separator_for(path: &Path) -> char {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("tsv" | "tab" | "txt") => '\t',
        _ => ',',
    }
}

/// Appends one field, quoted only when it must be: it contains the
/// separator, a quote, CR or LF (for TSV: starts with a quote, or holds a
/// tab, CR or LF).
pub fn push_field(out: &mut String, field: &str, separator: char) {
    let needs = if separator == ',' {
        field.contains([',', '"', '\r', '\n'])
    } else {
        field.starts_with('"') || field.contains([separator, '\r', '\n'])
    };
    if needs {
        out.push('"');
        for c in field.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Writes one record with LF line end.
pub fn write_record<W: Write + ?Sized, S: AsRef<str>>(
    out: &mut W,
    fields: &[S],
    separator: char,
    line: &mut String,
) -> std::io::Result<()> {
    line.clear();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            line.push(separator);
        }
        push_field(line, f.as_ref(), separator);
    }
    line.push('\n');
    out.write_all(line.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, sep: char) -> Result<Vec<Vec<String>>> {
        let mut r = DelimitedReader::new(text.as_bytes(), sep, Some(Path::new("g.csv")))?;
        let mut out = Vec::new();
        while let Some(rec) = r.next_record()? {
            out.push(rec.fields);
        }
        Ok(out)
    }

    #[test]
    fn quoted_fields_and_crlf() {
        let r = records("a,b\r\n\"x, \"\"y\"\"\",\"multi\r\nline\"\r\n\r\n,\n", ',').unwrap();
        assert_eq!(r[0], ["a", "b"]);
        assert_eq!(r[1], ["x, \"y\"", "multi\nline"]);
        assert_eq!(r[2], ["", ""]);
    }

    #[test]
    fn bom_is_skipped() {
        assert_eq!(records("\u{FEFF}id,zh\n", ',').unwrap()[0], ["id", "zh"]);
    }

    #[test]
    fn unbalanced_quote_names_its_start() {
        let e = records("id,zh\n1,\"open\n2,x\n", ',').unwrap_err();
        assert_eq!(
            e.to_string(),
            "g.csv:2:3: row 2: unbalanced quote: the quoted field starting here is never closed"
        );
    }

    #[test]
    fn stray_quotes() {
        let e = records("a,b\"c\n", ',').unwrap_err();
        assert!(
            e.to_string().starts_with("g.csv:1:4: row 1: quote inside"),
            "{e}"
        );
        let e = records("\"a\"b,c\n", ',').unwrap_err();
        assert!(
            e.to_string()
                .starts_with("g.csv:1:4: row 1: unexpected 'b'"),
            "{e}"
        );
        assert_eq!(records("a\tb\"c\n", '\t').unwrap()[0], ["a", "b\"c"]);
    }

    #[test]
    fn positions() {
        let mut r = DelimitedReader::new("ab,中文,\n".as_bytes(), ',', None).unwrap();
        let rec = r.next_record().unwrap().unwrap();
        assert_eq!(rec.positions, [(1, 1), (1, 4), (1, 7)]);
    }

    proptest::proptest! {
        /// A line without quotes gets the same fields and positions from
        /// the split as from the character walk.
        #[test]
        fn unquoted_lines_split_as_walked(line in "[a-z中文 ,\t;é]{1,40}", tab in proptest::bool::ANY) {
            let sep = if tab { '\t' } else { ',' };
            let reader = || {
                let mut r = DelimitedReader::new(line.as_bytes(), sep, None).unwrap();
                assert!(r.read_line().unwrap());
                r
            };
            let fast = reader().unquoted_record();
            let walked = reader().quoted_record().unwrap();
            proptest::prop_assert_eq!(fast, walked);
        }
    }

    #[test]
    fn writer_quotes_only_when_needed() {
        let mut out = Vec::new();
        let mut line = String::new();
        write_record(&mut out, &["a", "b,c", "d\"e", "x\ny"], ',', &mut line).unwrap();
        write_record(&mut out, &["a,b", "\"q", "t\tu"], '\t', &mut line).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,\"b,c\",\"d\"\"e\",\"x\ny\"\na,b\t\"\"\"q\"\t\"t\tu\"\n"
        );
    }
}
