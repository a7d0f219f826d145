//! Tab-delimited glossaries of CAT and QA tools: OmegaT (term, translation,
//! comment) and Xbench (source, target, comment).
//!
//! These formats hold one term pair per line, so a concept with variants
//! becomes one line per Chinese form, each with the approved English rendering;
//! accepted and forbidden renderings go into the comment, where the translator
//! sees them. Fields cannot hold tabs or line breaks; those become spaces. A
//! term that starts with `#` is written after a space, because OmegaT skips
//! `#` lines as comments (and trims fields, so the space does not reach it).
//!
//! Neither export is neutralised against spreadsheet formulas (see
//! [`crate::formats::spreadsheet`]): OmegaT and Xbench match the text of each
//! line literally, so a `'` put before `=`, `+`, `-` or `@` would become part of
//! the term and stop it from ever matching. Open these files in a text editor,
//! not a spreadsheet.
//!
//! Reading accepts what OmegaT itself reads: UTF-8 with or without BOM, UTF-16
//! with BOM (OmegaT's `testUTF16LE.txt`, CRLF), a first-line magic comment naming
//! the encoding (`# -*- coding: utf-8 -*-` or `# glossary.encoding=UTF-8`), `#`
//! comment lines, two columns or three and more (the third is the comment), and
//! OmegaT's comma-separated variant (`.csv`, RFC 4180 quoting, no header).
//!
//! ```
//! use concord::formats::termtab::{self, Flavor};
//! let g = termtab::read_bytes(b"# comment\n\xe5\xa4\x96\xe4\xba\xa4\xe9\x83\xa8\tMinistry of Foreign Affairs\tMFA\n", Flavor::OmegaT).unwrap();
//! let e = g.iter().next().unwrap();
//! assert_eq!((e.zh.as_str(), e.en.as_str(), e.note.as_str()), ("外交部", "Ministry of Foreign Affairs", "MFA"));
//! ```

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{Entry, Glossary};

/// Which tool's conventions to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// OmegaT glossary, tab-separated (`.txt`, `.tab`, `.utf8`): UTF-8 without BOM, LF.
    OmegaT,
    /// OmegaT glossary, comma-separated (`.csv`), read only.
    OmegaTCsv,
    /// Xbench tab-delimited glossary: UTF-8 with BOM and CRLF, as Windows tools expect.
    Xbench,
}

/// Writes one line per Chinese form of each entry.
pub fn write(glossary: &Glossary, flavor: Flavor, out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io("write glossary", e);
    let eol = if flavor == Flavor::Xbench {
        "\r\n"
    } else {
        "\n"
    };
    match flavor {
        Flavor::Xbench => out.write_all(b"\xEF\xBB\xBF").map_err(io)?,
        // OmegaT reads `.txt` glossaries in the platform encoding unless told:
        // the magic comment makes it read UTF-8 everywhere.
        Flavor::OmegaT => out.write_all(b"# -*- coding: utf-8 -*-\n").map_err(io)?,
        Flavor::OmegaTCsv => {
            return Err(Error::usage(
                "OmegaT CSV glossaries are read only; write the tab-separated form",
            ));
        }
    }
    for e in glossary.iter() {
        let comment = comment(e);
        for zh in e.zh_forms() {
            // OmegaT skips lines that start with '#' as comments; it trims
            // fields, so a leading space keeps such a term without changing it.
            let lead = if zh.starts_with('#') { " " } else { "" };
            let line = format!(
                "{lead}{}\t{}\t{}{eol}",
                field(zh),
                field(&e.en),
                field(&comment)
            );
            out.write_all(line.as_bytes()).map_err(io)?;
        }
    }
    Ok(())
}

/// The comment column: the note, then the other accepted and the forbidden renderings.
fn comment(e: &Entry) -> String {
    let mut parts = Vec::new();
    if !e.note.is_empty() {
        parts.push(e.note.clone());
    }
    if !e.en_variants.is_empty() {
        parts.push(format!("Also accepted: {}", e.en_variants.join("; ")));
    }
    if !e.en_forbidden.is_empty() {
        parts.push(format!("Do not use: {}", e.en_forbidden.join("; ")));
    }
    parts.join(" — ")
}

/// A field without the characters that would break the line structure.
fn field(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\r' | '\n') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Reads a glossary file; errors name the file and line.
pub fn read_file(path: &Path, flavor: Flavor) -> Result<Glossary> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", e).in_file(path))?;
    let mut g = read_bytes(&bytes, flavor).map_err(|e| e.in_file(path))?;
    g.origin = Some(path.to_path_buf());
    Ok(g)
}

/// Reads glossary bytes. Each line becomes one entry; ids are made from the
/// English (`ministry-of-foreign-affairs`, then `-2`, `-3` for repeats).
pub fn read_bytes(bytes: &[u8], flavor: Flavor) -> Result<Glossary> {
    let text = decode(bytes)?;
    let rows = match flavor {
        Flavor::OmegaTCsv => csv_rows(&text)?,
        Flavor::OmegaT | Flavor::Xbench => tsv_rows(&text),
    };
    let mut g = Glossary::new();
    let mut ids = HashSet::new();
    for (line, cols) in rows {
        if cols.len() < 2 {
            return Err(Error::csv(format!(
                "expected term, translation and optional comment separated by {}; found one column",
                if flavor == Flavor::OmegaTCsv {
                    "commas"
                } else {
                    "tabs"
                }
            ))
            .at(line, 1));
        }
        let (zh, en) = (cols[0].trim(), cols[1].trim());
        if zh.is_empty() || en.is_empty() {
            let col = if zh.is_empty() {
                1
            } else {
                cols[0].chars().count() as u64 + 2
            };
            return Err(Error::csv(format!(
                "empty {}",
                if zh.is_empty() { "term" } else { "translation" }
            ))
            .at(line, col));
        }
        let entry = Entry {
            id: generated_id(en, zh, &mut ids),
            zh: zh.to_string(),
            en: en.to_string(),
            note: cols[2..].join("\t"),
            ..Entry::default()
        };
        g.insert(entry).map_err(|e| e.at_line(line))?;
    }
    Ok(g)
}

/// Lines that are not blank and not `#` comments, split on tabs, with 1-based line numbers.
fn tsv_rows(text: &str) -> Vec<(u64, Vec<String>)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n, l.split('\t').map(str::to_string).collect()))
        .collect()
}

fn csv_rows(text: &str) -> Result<Vec<(u64, Vec<String>)>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::csv(e.to_string()).at_line(line)
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.push((line, rec.iter().map(str::to_string).collect()));
    }
    Ok(out)
}

/// Decodes like OmegaT: a BOM wins; otherwise a magic comment on the first line
/// names the encoding; otherwise UTF-8. Always strict: a byte that is not valid
/// in the encoding is an error with its position, never a replacement character.
pub(crate) fn decode(bytes: &[u8]) -> Result<String> {
    if crate::io::sniff(bytes).bom_len > 0 {
        return crate::io::decode(bytes);
    }
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or(b"");
    let first_line: String = first_line
        .iter()
        .map(|&b| if b.is_ascii() { b as char } else { '?' })
        .collect();
    if let Some(label) = magic_encoding(&first_line) {
        let enc = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            Error::encoding(format!("unknown encoding '{label}' in the magic comment")).at(1, 1)
        })?;
        if enc != encoding_rs::UTF_8 {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            if had_errors {
                let bad = text.find('\u{FFFD}').unwrap_or(0);
                let (line, col) = crate::error::line_col(&text, bad);
                return Err(Error::encoding(format!("invalid {} text", enc.name())).at(line, col));
            }
            return Ok(text.into_owned());
        }
    }
    crate::io::decode(bytes)
}

/// The encoding named by `# -*- coding: X -*-` or `# glossary.encoding=X`.
fn magic_encoding(line: &str) -> Option<String> {
    let line = line.trim();
    if !line.starts_with('#') {
        return None;
    }
    let value = if let Some(i) = line.find("coding:") {
        &line[i + "coding:".len()..]
    } else if let Some(i) = line.find("encoding=") {
        &line[i + "encoding=".len()..]
    } else {
        return None;
    };
    let label: String = value
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// An id made from the English rendering (or the term), unique among `taken`.
pub(crate) fn generated_id(en: &str, zh: &str, taken: &mut HashSet<String>) -> String {
    let mut slug = String::new();
    for word in en
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
        if slug.len() > 60 {
            break;
        }
    }
    if slug.is_empty() {
        slug = zh.chars().filter(|c| !c.is_whitespace()).take(16).collect();
    }
    if slug.is_empty() {
        slug = "term".to_string();
    }
    let mut id = slug.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{slug}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_comments() {
        assert_eq!(
            magic_encoding("# foobar -*- coding: utf-8 -*-").as_deref(),
            Some("utf-8")
        );
        assert_eq!(
            magic_encoding("# glossary.encoding=ISO-8859-1").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(magic_encoding("term\tcoding: x"), None);
    }

    #[test]
    fn latin1_by_magic_comment() {
        let g = read_bytes(
            b"# glossary.encoding=ISO-8859-1\ncaf\xe9\tcoffee\n",
            Flavor::OmegaT,
        )
        .unwrap();
        assert_eq!(g.iter().next().unwrap().zh, "café");
    }

    #[test]
    fn ids_are_unique_slugs() {
        let mut taken = HashSet::new();
        assert_eq!(
            generated_id("Foreign Ministry", "外交部", &mut taken),
            "foreign-ministry"
        );
        assert_eq!(
            generated_id("Foreign  ministry!", "外交部", &mut taken),
            "foreign-ministry-2"
        );
        assert_eq!(generated_id("", "外交 部", &mut taken), "外交部");
    }

    #[test]
    fn hash_terms_are_not_written_as_comments() {
        let mut g = Glossary::new();
        g.insert(Entry {
            id: "h".into(),
            zh: "#话题".into(),
            en: "#topic".into(),
            ..Entry::default()
        })
        .unwrap();
        let mut out = Vec::new();
        write(&g, Flavor::OmegaT, &mut out).unwrap();
        let back = read_bytes(&out, Flavor::OmegaT).unwrap();
        assert_eq!(back.iter().next().unwrap().zh, "#话题");
    }

    #[test]
    fn one_column_is_an_error_with_line() {
        let e = read_bytes(b"a\tb\n\nlonely\n", Flavor::OmegaT).unwrap_err();
        assert_eq!(e.position().line, Some(3));
    }
}
