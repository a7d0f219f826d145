//! File formats: one reader and/or one writer per format, all speaking
//! [`crate::model`]. `concord convert` joins any reader to any writer.
//!
//! [`Format::detect`] names a file's format from its content (the XML root
//! element, the CSV header) and, failing that, its extension. The dispatch
//! functions below ([`open_units`], [`read_memory`], [`write_memory`],
//! [`read_glossary`], [`write_glossary`], [`convert`]) each hold one `match`
//! over [`Format`]: adding a format is one variant, its detection, and one
//! arm per function it supports.
//!
//! ```no_run
//! use std::path::Path;
//! use concord::formats::{self, ConvertOptions};
//! let report = formats::convert(
//!     Path::new("tm.tmx"),
//!     Path::new("tm.csv"),
//!     &ConvertOptions::default(),
//! ).unwrap();
//! println!("{} units", report.records);
//! ```

pub mod bitext_csv;
pub mod delimited;
pub mod glossary_csv;
pub mod parallel_text;
pub mod spreadsheet;
pub mod tbx;
pub mod termtab;
pub mod tmx;
pub mod validate;
pub mod xliff;
pub mod xml;

use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::io::{Encoding, sniff, write_atomic};
use crate::model::{Glossary, Header, LangTag, Memory, Unit};

pub use bitext_csv::Lossy;

/// The file formats concord knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// TMX 1.4b (reads 1.1–1.4).
    Tmx,
    /// XLIFF 1.2 / 2.x.
    Xliff,
    /// TBX (and MARTIF) termbases.
    Tbx,
    /// The glossary CSV of DESIGN.md.
    GlossaryCsv,
    /// Bilingual comma-separated rows (`id,zh-CN,en`, or `source,target`).
    BitextCsv,
    /// Bilingual tab-separated rows.
    BitextTsv,
}

/// What a format holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Translation units (a TM, a bilingual file to check).
    Units,
    /// Glossary entries.
    Glossary,
}

impl Format {
    /// Every format, for help texts and error messages.
    pub const ALL: [Format; 6] = [
        Format::Tmx,
        Format::Xliff,
        Format::Tbx,
        Format::GlossaryCsv,
        Format::BitextCsv,
        Format::BitextTsv,
    ];

    /// The name used by `--to`/`--from`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Xliff => "xliff",
            Format::Tbx => "tbx",
            Format::GlossaryCsv => "glossary-csv",
            Format::BitextCsv => "csv",
            Format::BitextTsv => "tsv",
        }
    }

    /// Parses a `--to`/`--from` name (`tmx`, `csv`, `tsv`, `glossary-csv`, `xliff`, `tbx`).
    pub fn from_name(name: &str) -> Result<Format> {
        let lower = name.trim().to_ascii_lowercase();
        let found = match lower.as_str() {
            "xlf" => Some(Format::Xliff),
            "tab" | "txt" => Some(Format::BitextTsv),
            "glossary" => Some(Format::GlossaryCsv),
            _ => Format::ALL.into_iter().find(|f| f.name() == lower),
        };
        found.ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            Error::usage(format!(
                "unknown format '{name}' (known: {})",
                names.join(", ")
            ))
        })
    }

    /// What the format holds.
    pub fn content(self) -> Content {
        match self {
            Format::Tmx | Format::Xliff | Format::BitextCsv | Format::BitextTsv => Content::Units,
            Format::Tbx | Format::GlossaryCsv => Content::Glossary,
        }
    }

    /// The format an extension suggests (`.tmx`, `.xlf`, `.tbx`, `.csv`, `.tsv`…).
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "tmx" => Format::Tmx,
            "xlf" | "xliff" | "sdlxliff" | "mqxliff" => Format::Xliff,
            "tbx" => Format::Tbx,
            "csv" => Format::BitextCsv,
            "tsv" | "tab" | "txt" => Format::BitextTsv,
            _ => return None,
        })
    }

    /// The format of an existing file: from its content (XML root element,
    /// CSV header), else from its extension.
    ///
    /// A CSV whose header has `id`, `zh`, `en` and one of the glossary-only
    /// columns (`zh_variants`, `en_variants`, `en_forbidden`, `case`,
    /// `domain`, `source`, `status`) is a glossary; any other CSV is bilingual.
    pub fn detect(path: &Path) -> Result<Format> {
        let mut head = Vec::with_capacity(8192);
        std::fs::File::open(path)
            .and_then(|f| f.take(8192).read_to_end(&mut head))
            .map_err(|e| Error::io("read", e).in_file(path))?;
        Format::sniff(&head, path)
    }

    /// [`Format::detect`] on bytes already read (`path` gives the extension).
    pub fn sniff(head: &[u8], path: &Path) -> Result<Format> {
        let text = head_text(head);
        let trimmed = text.trim_start();
        if trimmed.starts_with('<') {
            return match xml_root(trimmed) {
                Some((root, offset)) => match local(&root).to_ascii_lowercase().as_str() {
                    "tmx" => Ok(Format::Tmx),
                    "xliff" => Ok(Format::Xliff),
                    "martif" | "tbx" => Ok(Format::Tbx),
                    _ => {
                        let (line, col) =
                            crate::error::line_col(&text, text.len() - trimmed.len() + offset);
                        Err(Error::format(format!(
                            "unknown XML format: the root element is <{root}> (concord reads TMX <tmx>, XLIFF <xliff> and TBX <martif>/<tbx>)"
                        ))
                        .in_file(path)
                        .at(line, col))
                    }
                },
                None => Format::from_extension(path).ok_or_else(|| {
                    Error::format(
                        "cannot tell the format: XML without a root element in the first 8 KiB",
                    )
                    .in_file(path)
                }),
            };
        }
        let by_ext = Format::from_extension(path);
        match by_ext {
            Some(Format::Tmx | Format::Xliff | Format::Tbx) | None if !trimmed.is_empty() => {
                // Not XML, whatever the extension says.
                if matches!(by_ext, Some(Format::Tmx | Format::Xliff | Format::Tbx)) {
                    return Err(Error::format(format!(
                        "not a {} file: it does not start with XML markup",
                        by_ext.map_or("", |f| f.name()).to_ascii_uppercase()
                    ))
                    .in_file(path)
                    .at(1, 1));
                }
            }
            _ => {}
        }
        let separator = if by_ext == Some(Format::BitextTsv) {
            '\t'
        } else {
            ','
        };
        let first_line = text.lines().next().unwrap_or("");
        let header: Vec<String> = first_line
            .split(separator)
            .map(|h| h.trim().trim_matches('"').trim().to_ascii_lowercase())
            .collect();
        let has = |c: &str| header.iter().any(|h| h == c);
        let glossary_only = [
            "zh_variants",
            "en_variants",
            "en_forbidden",
            "case",
            "domain",
            "source",
            "status",
        ];
        if separator == ','
            && has("id")
            && has("zh")
            && has("en")
            && glossary_only.iter().any(|c| has(c))
        {
            return Ok(Format::GlossaryCsv);
        }
        match by_ext {
            Some(f) => Ok(f),
            None => Err(Error::format(
                "cannot tell the format from the extension or the content (use --from)",
            )
            .in_file(path)),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The first bytes as text, for sniffing only (lossy, BOM and UTF-16 handled).
fn head_text(head: &[u8]) -> String {
    let s = sniff(head);
    let body = head.get(s.bom_len..).unwrap_or_default();
    match s.encoding {
        Encoding::Utf8 => String::from_utf8_lossy(body).into_owned(),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let units = body.chunks_exact(2).map(|c| {
                if s.encoding == Encoding::Utf16Le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            });
            char::decode_utf16(units)
                .map(|r| r.unwrap_or('\u{FFFD}'))
                .collect()
        }
    }
}

/// The name and byte offset of the first element, skipping the
/// declaration, comments, processing instructions and the DOCTYPE.
fn xml_root(text: &str) -> Option<(String, usize)> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if let Some(r) = rest.strip_prefix("<!") {
            // DOCTYPE, possibly with an internal subset.
            let end = match (r.find('['), r.find('>')) {
                (Some(b), Some(g)) if b < g => b + r[b..].find("]>")? + 1,
                (_, Some(g)) => g,
                _ => return None,
            };
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix('<') {
            let name: String = r
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            let offset = text.len() - rest.len();
            return (!name.is_empty()).then_some((name, offset));
        } else {
            return None;
        }
    }
}

fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// Choices that formats cannot carry themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Language of a `source` column (bilingual CSV/TSV).
    pub source_lang: Option<LangTag>,
    /// Language of a `target` column.
    pub target_lang: Option<LangTag>,
}

impl ReadOptions {
    fn bitext(&self) -> bitext_csv::BitextOptions {
        bitext_csv::BitextOptions {
            source_lang: self.source_lang.clone(),
            target_lang: self.target_lang.clone(),
        }
    }
}

/// A stream of units, boxed so every format fits one type.
pub type Units = Box<dyn Iterator<Item = Result<Unit>>>;

/// An opened unit file: its header (TMX; a default one for other formats)
/// and its units, streamed.
pub struct UnitSource {
    pub format: Format,
    pub header: Header,
    pub units: Units,
}

/// Opens a file of units; `format` `None` means [`Format::detect`].
pub fn open_units(
    path: &Path,
    format: Option<Format>,
    options: &ReadOptions,
) -> Result<UnitSource> {
    let format = match format {
        Some(f) => f,
        None => Format::detect(path)?,
    };
    let (header, units): (Header, Units) = match format {
        Format::Tmx => {
            let r = tmx::TmxReader::open(path)?;
            (r.header().clone(), Box::new(r))
        }
        Format::BitextCsv | Format::BitextTsv => {
            let sep = if format == Format::BitextTsv {
                '\t'
            } else {
                ','
            };
            let file = std::fs::File::open(path).map_err(|e| Error::io("open", e).in_file(path))?;
            let r = bitext_csv::BitextReader::new(file, sep, Some(path), &options.bitext())?;
            (Header::default(), Box::new(r))
        }
        Format::Xliff => (
            Header::default(),
            Box::new(xliff::read(path)?.into_iter().map(Ok)),
        ),
        Format::Tbx | Format::GlossaryCsv => {
            return Err(Error::usage(format!(
                "{} files do not hold translation units that concord can read yet",
                format.name()
            ))
            .in_file(path));
        }
    };
    Ok(UnitSource {
        format,
        header,
        units,
    })
}

/// The units of a file, streamed (see [`open_units`]).
pub fn read_units(path: &Path, format: Option<Format>, options: &ReadOptions) -> Result<Units> {
    Ok(open_units(path, format, options)?.units)
}

/// Reads a whole file of units into a [`Memory`].
pub fn read_memory(path: &Path, options: &ReadOptions) -> Result<Memory> {
    let source = open_units(path, None, options)?;
    let mut memory = Memory::new(source.header);
    for unit in source.units {
        memory.push(unit?);
    }
    Ok(memory)
}

/// Writes a [`Memory`] in `format`, atomically. Returns what the format could not hold.
pub fn write_memory(path: &Path, format: Format, memory: &Memory) -> Result<Lossy> {
    write_units(
        path,
        format,
        &memory.header,
        memory.units().iter().cloned().map(Ok),
        None,
        &ReadOptions::default(),
    )
}

/// Writes units in `format`, atomically. CSV/TSV need their columns up
/// front: pass them, or `None` to have them gathered from `units` (which
/// then must fit in memory).
fn write_units<I>(
    path: &Path,
    format: Format,
    header: &Header,
    units: I,
    columns: Option<bitext_csv::BitextColumns>,
    options: &ReadOptions,
) -> Result<Lossy>
where
    I: IntoIterator<Item = Result<Unit>>,
{
    match format {
        Format::Tmx => {
            tmx::write_units(path, header, units)?;
            Ok(Lossy::default())
        }
        Format::BitextCsv | Format::BitextTsv => {
            let sep = if format == Format::BitextTsv {
                '\t'
            } else {
                ','
            };
            let (columns, units): (_, Box<dyn Iterator<Item = Result<Unit>>>) = match columns {
                Some(c) => (c, Box::new(units.into_iter())),
                None => {
                    let all: Vec<Unit> = units.into_iter().collect::<Result<_>>()?;
                    let mut c = bitext_csv::BitextColumns::default();
                    all.iter().for_each(|u| c.add(u));
                    c.order(options.source_lang.as_ref(), options.target_lang.as_ref());
                    (c, Box::new(all.into_iter().map(Ok)))
                }
            };
            let mut lossy = Lossy::default();
            write_atomic(path, |out| {
                let mut w = bitext_csv::BitextWriter::new(out, sep, columns)?;
                for unit in units {
                    w.write_unit(&unit?)?;
                }
                lossy = w.finish()?;
                Ok(())
            })
            .map_err(|e| e.in_file(path))?;
            Ok(lossy)
        }
        Format::Xliff | Format::Tbx | Format::GlossaryCsv => Err(Error::usage(format!(
            "concord cannot write translation units as {} yet",
            format.name()
        ))
        .in_file(path)),
    }
}

/// Reads a glossary in any format concord reads. A `.csv` is always read
/// as a glossary CSV here (the caller asked for a glossary).
pub fn read_glossary(path: &Path) -> Result<Glossary> {
    let format = match Format::from_extension(path) {
        Some(Format::BitextCsv) => Format::GlossaryCsv,
        _ => Format::detect(path)?,
    };
    read_glossary_as(path, format)
}

/// Reads a glossary in the given format.
pub fn read_glossary_as(path: &Path, format: Format) -> Result<Glossary> {
    match format {
        Format::GlossaryCsv | Format::BitextCsv => glossary_csv::read(path),
        other => Err(Error::usage(format!(
            "concord cannot read a glossary from {} files yet",
            other.name()
        ))
        .in_file(path)),
    }
}

/// Writes a glossary in `format`, atomically.
pub fn write_glossary(path: &Path, format: Format, glossary: &Glossary) -> Result<()> {
    match format {
        Format::GlossaryCsv | Format::BitextCsv => glossary_csv::write(path, glossary),
        other => Err(Error::usage(format!(
            "concord cannot write a glossary as {} yet",
            other.name()
        ))
        .in_file(path)),
    }
}

/// What `concord convert` is asked to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConvertOptions {
    /// The input format; `None` detects it.
    pub from: Option<Format>,
    /// The output format; `None` takes it from the output's extension
    /// (a `.csv` output of a glossary stays a glossary CSV).
    pub to: Option<Format>,
    pub read: ReadOptions,
}

/// What a conversion did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertReport {
    pub from: Format,
    pub to: Format,
    /// Units or glossary entries written.
    pub records: u64,
    /// What the output format could not hold.
    pub lossy: Lossy,
}

/// Converts `input` to `output` through the model. Nothing is written
/// unless the whole input reads without error (the output is written
/// atomically). TMX and CSV/TSV stream; a TM written as CSV is read twice
/// (once to find its languages and prop columns) rather than held in memory.
pub fn convert(input: &Path, output: &Path, options: &ConvertOptions) -> Result<ConvertReport> {
    let from = match options.from {
        Some(f) => f,
        None => Format::detect(input)?,
    };
    let to = match options.to {
        Some(t) => t,
        None => match Format::from_extension(output) {
            Some(Format::BitextCsv) if from.content() == Content::Glossary => Format::GlossaryCsv,
            Some(t) => t,
            None => {
                return Err(Error::usage(format!(
                    "cannot tell the output format from '{}': use --to",
                    output.display()
                )));
            }
        },
    };
    match (from.content(), to.content()) {
        (Content::Glossary, Content::Glossary) => {
            let glossary = read_glossary_as(input, from)?;
            write_glossary(output, to, &glossary)?;
            Ok(ConvertReport {
                from,
                to,
                records: glossary.len() as u64,
                lossy: Lossy::default(),
            })
        }
        (Content::Units, Content::Units) => {
            let mut header = Header::default();
            let columns = match to {
                Format::BitextCsv | Format::BitextTsv => {
                    let mut c = bitext_csv::BitextColumns::default();
                    for unit in open_units(input, Some(from), &options.read)?.units {
                        c.add(&unit?);
                    }
                    c.order(
                        options.read.source_lang.as_ref(),
                        options.read.target_lang.as_ref(),
                    );
                    Some(c)
                }
                _ => None,
            };
            let source = open_units(input, Some(from), &options.read)?;
            if source.format == Format::Tmx {
                header = source.header;
            } else if to == Format::Tmx {
                header = header_for(&options.read, input, from)?;
            }
            let mut count = 0u64;
            let counted = source.units.inspect(|u| {
                if u.is_ok() {
                    count += 1;
                }
            });
            let lossy = write_units(output, to, &header, counted, columns, &options.read)?;
            Ok(ConvertReport {
                from,
                to,
                records: count,
                lossy,
            })
        }
        (a, _) => Err(Error::usage(format!(
            "cannot convert {} ({}) to {} ({}): one holds {}, the other {}",
            input.display(),
            from,
            output.display(),
            to,
            if a == Content::Glossary {
                "glossary entries"
            } else {
                "translation units"
            },
            if a == Content::Glossary {
                "translation units"
            } else {
                "glossary entries"
            },
        ))),
    }
}

/// A TMX header for units that came without one: `srclang` from the
/// options or the first unit's first language.
fn header_for(options: &ReadOptions, input: &Path, from: Format) -> Result<Header> {
    let mut header = Header::default();
    let srclang = match &options.source_lang {
        Some(l) => Some(l.as_str().to_string()),
        None => open_units(input, Some(from), options)?
            .units
            .next()
            .and_then(|u| u.ok())
            .and_then(|u| u.variants.first().map(|v| v.lang.as_str().to_string())),
    };
    if let Some(l) = srclang {
        header.attrs.set("srclang", l);
    }
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniffed(head: &str, name: &str) -> Result<Format> {
        Format::sniff(head.as_bytes(), Path::new(name))
    }

    #[test]
    fn detects_by_content() {
        let tmx = "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">";
        assert_eq!(sniffed(tmx, "a.xml").unwrap(), Format::Tmx);
        assert_eq!(
            sniffed("<xliff version=\"1.2\">", "a.txt").unwrap(),
            Format::Xliff
        );
        assert_eq!(
            sniffed(
                "<?xml version='1.0'?><!DOCTYPE martif [ <!ELEMENT x ANY> ]><martif>",
                "a"
            )
            .unwrap(),
            Format::Tbx
        );
        assert_eq!(sniffed("<tbx>", "a.tbx").unwrap(), Format::Tbx);
        assert!(sniffed("<html>", "a.tmx").is_err());
        assert_eq!(
            sniffed("id,zh,zh_variants,en,status\n", "g.csv").unwrap(),
            Format::GlossaryCsv
        );
        assert_eq!(
            sniffed("id,zh-CN,en\n", "t.csv").unwrap(),
            Format::BitextCsv
        );
        assert_eq!(sniffed("zh\ten\n", "t.tsv").unwrap(), Format::BitextTsv);
        assert!(sniffed("hello", "a.tmx").is_err());
    }

    #[test]
    fn utf16_xml_is_sniffed() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(
            "<?xml version=\"1.0\"?><tmx>"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert_eq!(
            Format::sniff(&bytes, Path::new("x.tmx")).unwrap(),
            Format::Tmx
        );
    }

    #[test]
    fn names() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()).unwrap(), f);
        }
        assert!(Format::from_name("docx").is_err());
    }
}
