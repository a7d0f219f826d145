//! Bilingual (or multilingual) CSV/TSV: one unit per row.
//!
//! The header says what each column is:
//! * `id` (optional) — the unit id;
//! * language codes (`zh`, `zh-CN`, `en`, `en-US`, …) — one variant per
//!   column, in column order (an empty cell is no variant: untranslated);
//!   or `source` and `target`, whose languages then come from [`BitextOptions`];
//! * `note` — a unit note;
//! * anything else — a unit prop `x-<column>` (a column already named
//!   `x-…` keeps its name).
//!
//! The separator is `,` for `.csv` and a tab for `.tsv`, `.tab`, `.txt`.
//! The writer writes `id`, the language columns, `note` when any unit has
//! one, then the prop columns. CSV holds plain text only: inline codes are
//! flattened, and [`Lossy`] says how much was dropped so `concord convert`
//! can tell the user.
//!
//! ```
//! use concord::formats::bitext_csv::{BitextOptions, BitextReader};
//! let csv = "id,zh-CN,en,document\n1,一带一路,Belt and Road,speech\n";
//! let mut r = BitextReader::new(csv.as_bytes(), ',', None, &BitextOptions::default()).unwrap();
//! let u = r.next().unwrap().unwrap();
//! assert_eq!(u.variants[1].segment.plain_text(), "Belt and Road");
//! assert_eq!(u.prop("x-document"), Some("speech"));
//! assert_eq!(u.origin.line, 2);
//! ```

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::formats::delimited::{DelimitedReader, write_record};
use crate::model::{LangTag, Note, Origin, Prop, Segment, Unit, Variant};

/// Languages for `source`/`target` columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BitextOptions {
    pub source_lang: Option<LangTag>,
    pub target_lang: Option<LangTag>,
}

#[derive(Debug, Clone)]
enum Column {
    Id,
    Lang(LangTag),
    Note,
    Prop(String),
}

/// Is a header a language code? Two letters (or a few known three-letter
/// ones), optionally followed by subtags: `zh`, `zh-CN`, `zh_Hans`, `en-US`.
/// `id` is never a language here (it is the unit id, not Indonesian).
pub fn looks_like_lang(header: &str) -> bool {
    let mut parts = header.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    let primary_ok = (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_alphabetic())
        || ["yue", "cmn", "wuu", "fil", "haw"].contains(&primary.to_ascii_lowercase().as_str()))
        && !primary.eq_ignore_ascii_case("id");
    primary_ok
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Streams units out of a bilingual CSV/TSV.
pub struct BitextReader<R: Read> {
    reader: DelimitedReader<R>,
    columns: Vec<Column>,
    file: Option<Arc<std::path::PathBuf>>,
    done: bool,
}

impl BitextReader<std::fs::File> {
    /// Opens `path`; the separator follows the extension.
    pub fn open(path: &Path, options: &BitextOptions) -> Result<Self> {
        let file = std::fs::File::open(path).map_err(|e| Error::io("open", e).in_file(path))?;
        BitextReader::new(
            file,
            super::delimited::separator_for(path),
            Some(path),
            options,
        )
    }
}

impl<R: Read> BitextReader<R> {
    pub fn new(
        source: R,
        separator: char,
        file: Option<&Path>,
        options: &BitextOptions,
    ) -> Result<Self> {
        let mut reader = DelimitedReader::new(source, separator, file)?;
        let located = |e: Error| match file {
            Some(f) => e.in_file(f),
            None => e,
        };
        let Some(header) = reader.next_record()? else {
            return Err(located(Error::csv(
                "empty file: a bilingual CSV needs a header row (id,zh,en or source,target)",
            )));
        };
        let mut columns = Vec::new();
        for (i, raw) in header.fields.iter().enumerate() {
            let name = raw.trim();
            let (line, col) = header.positions.get(i).copied().unwrap_or((1, 1));
            let column = match name.to_ascii_lowercase().as_str() {
                "" => {
                    return Err(located(
                        Error::csv(format!("header column {} has no name", i + 1)).at(line, col),
                    ));
                }
                "id" => Column::Id,
                "note" => Column::Note,
                "source" => Column::Lang(options.source_lang.clone().ok_or_else(|| {
                    located(
                        Error::usage(
                            "the header has a 'source' column: give its language (--source-lang zh-CN)",
                        )
                        .at(line, col),
                    )
                })?),
                "target" => Column::Lang(options.target_lang.clone().ok_or_else(|| {
                    located(
                        Error::usage(
                            "the header has a 'target' column: give its language (--target-lang en)",
                        )
                        .at(line, col),
                    )
                })?),
                _ if looks_like_lang(name) => Column::Lang(LangTag::new(name)),
                _ if name.starts_with("x-") => Column::Prop(name.to_string()),
                _ => Column::Prop(format!("x-{name}")),
            };
            columns.push(column);
        }
        let langs = columns
            .iter()
            .filter(|c| matches!(c, Column::Lang(_)))
            .count();
        if langs == 0 {
            return Err(located(
                Error::csv(format!(
                    "no language columns in the header ({}): name them by language (zh-CN,en) or source,target",
                    header.fields.join(", ")
                ))
                .at(1, 1),
            ));
        }
        Ok(BitextReader {
            reader,
            columns,
            file: file.map(|p| Arc::new(p.to_path_buf())),
            done: false,
        })
    }

    fn next_unit(&mut self) -> Result<Option<Unit>> {
        let Some(record) = self.reader.next_record()? else {
            return Ok(None);
        };
        if record.fields.len() != self.columns.len() {
            let e = Error::csv(format!(
                "{} fields, but the header has {} columns",
                record.fields.len(),
                self.columns.len()
            ))
            .at(record.line(), 1)
            .at_record(format!("row {}", record.number));
            return Err(match self.reader.file() {
                Some(f) => e.in_file(f),
                None => e,
            });
        }
        let mut unit = Unit {
            origin: Origin {
                file: self.file.clone(),
                line: record.line(),
            },
            ..Unit::default()
        };
        for (column, value) in self.columns.iter().zip(record.fields) {
            match column {
                Column::Id => {
                    let id = value.trim();
                    if !id.is_empty() {
                        unit.id = Some(id.to_string());
                    }
                }
                // An empty cell is no variant (untranslated), not an empty one.
                Column::Lang(lang) => {
                    if !value.is_empty() {
                        unit.variants
                            .push(Variant::new(lang.as_str(), Segment::from_text(value)))
                    }
                }
                Column::Note => {
                    if !value.is_empty() {
                        unit.notes.push(Note::new(value));
                    }
                }
                Column::Prop(kind) => {
                    if !value.is_empty() {
                        unit.props.push(Prop::new(kind.clone(), value));
                    }
                }
            }
        }
        Ok(Some(unit))
    }
}

impl<R: Read> Iterator for BitextReader<R> {
    type Item = Result<Unit>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.next_unit().transpose();
        if !matches!(next, Some(Ok(_))) {
            self.done = true;
        }
        next
    }
}

/// What a CSV could not hold, counted while writing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lossy {
    /// Segments whose inline codes were flattened to plain text.
    pub codes_flattened: u64,
    /// Variants left out because the unit had another in the same language,
    /// or a language without a column.
    pub variants_dropped: u64,
    /// Units whose tu/tuv attributes, variant props or notes were dropped.
    pub metadata_dropped: u64,
}

impl Lossy {
    pub fn is_empty(&self) -> bool {
        *self == Lossy::default()
    }
}

/// The columns a set of units needs: languages in order of first
/// appearance, whether any unit has notes, and prop kinds in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BitextColumns {
    pub langs: Vec<LangTag>,
    pub notes: bool,
    pub props: Vec<String>,
}

impl BitextColumns {
    /// Adds what `unit` needs.
    pub fn add(&mut self, unit: &Unit) {
        for v in &unit.variants {
            if !self
                .langs
                .iter()
                .any(|l| l.matches(&v.lang, true).is_some())
            {
                self.langs.push(v.lang.clone());
            }
        }
        self.notes |= !unit.notes.is_empty();
        for p in &unit.props {
            if !self.props.contains(&p.kind) {
                self.props.push(p.kind.clone());
            }
        }
    }

    /// Puts `source` first and `target` second where given (a TM whose
    /// first unit happens to list English first still becomes zh,en).
    pub fn order(&mut self, source: Option<&LangTag>, target: Option<&LangTag>) {
        let mut front = Vec::new();
        for wanted in [source, target].into_iter().flatten() {
            match LangTag::best(self.langs.iter(), wanted, false) {
                Some(i) => front.push(self.langs.remove(i)),
                None => front.push(wanted.clone()),
            }
        }
        front.append(&mut self.langs);
        self.langs = front;
    }
}

/// Writes units as CSV/TSV rows under a fixed header.
pub struct BitextWriter<W: Write> {
    out: W,
    columns: BitextColumns,
    separator: char,
    line: String,
    cells: Vec<String>,
    lossy: Lossy,
}

impl<W: Write> BitextWriter<W> {
    /// Writes the header: `id`, languages, `note` (if needed), props (without `x-`).
    pub fn new(out: W, separator: char, columns: BitextColumns) -> Result<Self> {
        let mut w = BitextWriter {
            out,
            columns,
            separator,
            line: String::new(),
            cells: Vec::new(),
            lossy: Lossy::default(),
        };
        let mut header = vec!["id".to_string()];
        header.extend(w.columns.langs.iter().map(|l| l.as_str().to_string()));
        if w.columns.notes {
            header.push("note".into());
        }
        header.extend(
            w.columns
                .props
                .iter()
                .map(|p| p.strip_prefix("x-").unwrap_or(p).to_string()),
        );
        write_record(&mut w.out, &header, separator, &mut w.line)
            .map_err(|e| Error::io("write", e))?;
        Ok(w)
    }

    /// Writes one unit as one row.
    pub fn write_unit(&mut self, unit: &Unit) -> Result<()> {
        self.cells.clear();
        self.cells.push(unit.id.clone().unwrap_or_default());
        let mut used = vec![false; unit.variants.len()];
        for lang in &self.columns.langs {
            let found = unit
                .variants
                .iter()
                .enumerate()
                .find(|(i, v)| !used[*i] && v.lang.matches(lang, true).is_some());
            match found {
                Some((i, v)) => {
                    used[i] = true;
                    if !v.segment.codes().is_empty()
                        || v.segment
                            .content
                            .iter()
                            .any(|c| !matches!(c, crate::model::Inline::Text(_)))
                    {
                        self.lossy.codes_flattened += 1;
                    }
                    if !v.attrs.is_empty() || !v.props.is_empty() || !v.notes.is_empty() {
                        self.lossy.metadata_dropped += 1;
                    }
                    self.cells.push(v.segment.plain_text());
                }
                None => self.cells.push(String::new()),
            }
        }
        self.lossy.variants_dropped += used.iter().filter(|u| !**u).count() as u64;
        if !unit.attrs.is_empty() {
            self.lossy.metadata_dropped += 1;
        }
        if self.columns.notes {
            let notes: Vec<&str> = unit.notes.iter().map(|n| n.text.as_str()).collect();
            self.cells.push(notes.join("\n"));
        }
        for kind in &self.columns.props {
            let values: Vec<&str> = unit
                .props
                .iter()
                .filter(|p| &p.kind == kind)
                .map(|p| p.value.as_str())
                .collect();
            self.cells.push(values.join(" | "));
        }
        write_record(&mut self.out, &self.cells, self.separator, &mut self.line)
            .map_err(|e| Error::io("write", e))
    }

    /// Flushes and returns what could not be written.
    pub fn finish(mut self) -> Result<Lossy> {
        self.out.flush().map_err(|e| Error::io("write", e))?;
        Ok(self.lossy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, sep: char, opts: &BitextOptions) -> Result<Vec<Unit>> {
        BitextReader::new(text.as_bytes(), sep, Some(Path::new("b.csv")), opts)?.collect()
    }

    #[test]
    fn source_target_need_languages() {
        let e = read("source,target\na,b\n", ',', &BitextOptions::default()).unwrap_err();
        assert!(e.to_string().contains("--source-lang"), "{e}");
        let opts = BitextOptions {
            source_lang: Some("zh-CN".into()),
            target_lang: Some("en".into()),
        };
        let u = read("source,target\n中国,China\n", ',', &opts).unwrap();
        assert_eq!(u[0].variants[0].lang.as_str(), "zh-CN");
    }

    #[test]
    fn tsv_with_props_and_ragged_row() {
        let u = read(
            "id\tzh\ten\tdoc\nu1\t中国\tChina\tspeech\n",
            '\t',
            &BitextOptions::default(),
        )
        .unwrap();
        assert_eq!(u[0].id.as_deref(), Some("u1"));
        assert_eq!(u[0].prop("x-doc"), Some("speech"));
        let e = read("zh,en\n中国\n", ',', &BitextOptions::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.csv:2:1: row 2: 1 fields, but the header has 2 columns"
        );
    }

    #[test]
    fn no_language_column() {
        let e = read("a,b\n1,2\n", ',', &BitextOptions::default()).unwrap_err();
        assert!(e.to_string().contains("no language columns"), "{e}");
    }

    #[test]
    fn writer_round_trip() {
        let mut u = Unit::bilingual(Some("1".into()), "zh-CN", "中国,“一带一路”", "en", "China");
        u.props.push(Prop::new("x-document", "speech"));
        let mut cols = BitextColumns::default();
        cols.add(&u);
        let mut out = Vec::new();
        let mut w = BitextWriter::new(&mut out, ',', cols).unwrap();
        w.write_unit(&u).unwrap();
        assert!(w.finish().unwrap().is_empty());
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "id,zh-CN,en,document\n1,\"中国,“一带一路”\",China,speech\n"
        );
        let back = read(&text, ',', &BitextOptions::default()).unwrap();
        let mut expected = u.clone();
        expected.origin = back[0].origin.clone();
        assert_eq!(back[0], expected);
    }

    #[test]
    fn lang_detection() {
        for yes in ["zh", "zh-CN", "ZH_cn", "en-US", "zh-Hans-CN", "yue"] {
            assert!(looks_like_lang(yes), "{yes}");
        }
        for no in ["id", "document", "note", "url", "x-doc", "zh-"] {
            assert!(!looks_like_lang(no), "{no}");
        }
    }
}
